// What a synthetic market offers: deterministic history (trades, candles) and a live book of synthetic liquidity.
import type { Timeframe } from '../../model/timeframe.js';
import type { SimCandle, SimInstrument, SimLevel, SimLevelChange, SimTrade } from './sim-market-types.js';

/**
 * The history of one venue instrument: a pure function of (seed, venue, instrument, time). Asking
 * twice, or in another order, gives the same answer; the live stream (SimExchange) emits exactly
 * these trades as wall time passes, so candles fetched later agree with what was streamed.
 *
 * The mid price random-walks in log space with a volatility that changes by regime (hourly) and
 * occasional bursts; trades arrive as a Poisson process (more during bursts) at prices along the
 * path, rounded to the tick; the market has deterministic maintenance windows (hours without any
 * trade, hence no candles) so gap detection has real "the venue has no data" intervals.
 */
export interface SyntheticMarketHistory {
  readonly instrument: SimInstrument;
  /** Model origin: nothing exists before it (candles/trades before it are empty). */
  readonly originMs: number;
  /** False inside a maintenance window (no trades, no candles). */
  hasData(minuteStartMs: number): boolean;
  /** Maintenance windows overlapping [fromMs, toMs), as [startMs, endMs) pairs. */
  maintenanceWindows(fromMs: number, toMs: number): Array<readonly [number, number]>;
  /**
   * Candles of `timeframe` whose open time is in [fromMs, toMs), oldest first, at most `limit`,
   * as seen at `nowMs`: buckets starting after nowMs do not exist yet, the bucket containing nowMs
   * is forming (closed: false, built from the trades that exist at nowMs: tsMs ≤ nowMs, the ones
   * SimExchange has streamed by then). Empty buckets are absent.
   */
  candles(timeframe: Timeframe, fromMs: number, toMs: number, limit: number, nowMs: number): SimCandle[];
  /** Trades with tsMs in [fromMs, toMs), oldest first, at most `limit` (the earliest ones). */
  trades(fromMs: number, toMs: number, limit: number): SimTrade[];
  /**
   * The first `limit` trades with tradeId ≥ fromId, oldest first (ids are not contiguous: unused
   * ids and minutes without data are skipped), none after nowMs: like the forming candle, a trade
   * exists at nowMs iff its tsMs ≤ nowMs.
   */
  tradesFromId(fromId: number, limit: number, nowMs: number): SimTrade[];
  /** The path's mid price at tsMs, in ticks (fractional). */
  midTicks(tsMs: number): number;
}

/**
 * The live synthetic liquidity of one venue instrument: a depth profile around the mid, whose
 * level sizes re-draw at random moments and which moves with the mid. Deterministic given the same
 * sequence of advance() times and consume() calls. The matching engine takes liquidity from it
 * (consume) and the taken size comes back gradually (replenishment over a few seconds).
 */
export interface SyntheticBook {
  readonly instrument: SimInstrument;
  /**
   * Moves the book to tsMs (≥ the previous call) and returns every level whose size differs from
   * what the previous call (or consume) left, best-first per side; sizeLots 0 = the level is gone.
   * Bids stay strictly below asks.
   */
  advance(tsMs: number): SimLevelChange[];
  /** Best `depth` levels of a side: bids high→low, asks low→high. */
  levels(side: 'bid' | 'ask', depth: number): SimLevel[];
  /** Size at one price (0 when absent). */
  sizeAt(side: 'bid' | 'ask', priceTicks: number): number;
  /** Takes up to `lots` at one price; returns the lots taken. The change appears in the next advance(). */
  consume(side: 'bid' | 'ask', priceTicks: number, lots: number): number;
}
