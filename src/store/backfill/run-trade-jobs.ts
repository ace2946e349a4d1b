// Trade-history backfill: per instrument, the parts of [from, to) not yet stored, paged from the venue, validated, stored.
import { formatDecimal, parseDecimal } from '../../model/fixed-point.js';
import type { Store } from '../store.js';
import type { TradeRow } from '../store-rows.js';
import { BackfillProgress, type ProgressOutput } from './backfill-progress.js';
import type { BackfillInstrument, BackfillVenue } from './candle-series.js';
import type { VenueTradeApi } from './venue-trade-api.js';
import type { VenueSession } from './venue-session.js';
import { BINANCE_TRADES } from './venues/binance-trades.js';
import { OKX_TRADES } from './venues/okx-trades.js';

/**
 * Venues with trade history over REST. Bybit's recent-trade and Coinbase's ticker return only the
 * latest trades (1000 / a few hundred) and no older page: their history is what the recorder
 * records live.
 */
export const VENUE_TRADE_APIS: Readonly<Partial<Record<BackfillVenue, VenueTradeApi>>> = { binance: BINANCE_TRADES, okx: OKX_TRADES };

export interface TradeJobsOptions {
  readonly instruments: readonly BackfillInstrument[];
  readonly fromMs: number;
  readonly toMs: number;
  readonly store: Store;
  readonly sessions: ReadonlyMap<BackfillVenue, VenueSession>;
  readonly progress?: ProgressOutput | null;
}

export interface TradeSeriesReport {
  readonly instrument: string;
  /** Trades stored by this run (a trade already stored is rewritten idempotently and counted again). */
  readonly stored: number;
  readonly rejected: number;
  readonly rejectMessages: readonly string[];
  readonly error: string | null;
}

const MINUTE_MS = 60_000;

export async function runTradeJobs(options: TradeJobsOptions): Promise<TradeSeriesReport[]> {
  const ranges = new Map<BackfillInstrument, Array<readonly [number, number]>>();
  let totalMinutes = 0;
  for (const instrument of options.instruments) {
    const bounds = await options.store.tradeTimeBounds({ venue: instrument.venue, symbol: instrument.canonical, fromNs: BigInt(options.fromMs) * 1_000_000n, toNs: BigInt(options.toMs) * 1_000_000n });
    // Resume around what is stored: before its first trade and from its last one on (the boundary millisecond again: keys make it harmless).
    const todo: Array<readonly [number, number]> =
      bounds === null
        ? [[options.fromMs, options.toMs]]
        : [
            [options.fromMs, Number(bounds.minNs / 1_000_000n)],
            [Number(bounds.maxNs / 1_000_000n), options.toMs],
          ];
    const nonEmpty = todo.filter(([from, to]) => from < to);
    ranges.set(instrument, nonEmpty);
    totalMinutes += nonEmpty.reduce((sum, [from, to]) => sum + Math.ceil((to - from) / MINUTE_MS), 0);
  }
  const progress = new BackfillProgress(options.progress ?? null, totalMinutes, Date.now, 'minutes of trades');
  const byVenue = new Map<BackfillVenue, BackfillInstrument[]>();
  for (const instrument of options.instruments) byVenue.set(instrument.venue, [...(byVenue.get(instrument.venue) ?? []), instrument]);
  const reports = new Map<BackfillInstrument, TradeSeriesReport>();
  await Promise.all(
    [...byVenue].map(async ([venue, instruments]) => {
      for (const instrument of instruments) reports.set(instrument, await runInstrument(options, options.sessions.get(venue)!, instrument, ranges.get(instrument)!, progress));
    }),
  );
  progress.finish();
  return options.instruments.map((instrument) => reports.get(instrument)!);
}

async function runInstrument(options: TradeJobsOptions, session: VenueSession, instrument: BackfillInstrument, ranges: ReadonlyArray<readonly [number, number]>, progress: BackfillProgress): Promise<TradeSeriesReport> {
  const name = `${instrument.venue}:${instrument.canonical} trades`;
  const api = VENUE_TRADE_APIS[instrument.venue];
  if (api === undefined) {
    return { instrument: name, stored: 0, rejected: 0, rejectMessages: [], error: `${instrument.venue} serves no trade history over REST (only its latest trades); its trades are what the recorder records live` };
  }
  let stored = 0;
  let rejected = 0;
  const rejectMessages: string[] = [];
  try {
    for (const [fromMs, toMs] of ranges) {
      let cursor: string | null = null;
      let reportedMinutes = 0;
      do {
        const page = await session.call(`${name} ${new Date(fromMs).toISOString()}`, api.requestCost(), () => api.fetchPage(session.exchange, instrument, fromMs, toMs, cursor));
        const rows: TradeRow[] = [];
        const tsRecvNs = BigInt(Date.now()) * 1_000_000n;
        for (const trade of page.trades) {
          const row = tradeRow(instrument, trade, tsRecvNs);
          if (typeof row === 'string') {
            rejected++;
            if (rejectMessages.length < 20) rejectMessages.push(row);
          } else {
            rows.push(row);
          }
        }
        if (rows.length > 0) await options.store.write({ trades: rows });
        stored += rows.length;
        const minutes = Math.ceil(page.coveredMs / MINUTE_MS);
        progress.advance(Math.max(0, minutes - reportedMinutes), name);
        reportedMinutes = Math.max(reportedMinutes, minutes);
        cursor = page.next;
      } while (cursor !== null);
    }
  } catch (failure) {
    return { instrument: name, stored, rejected, rejectMessages, error: failure instanceof Error ? failure.message : String(failure) };
  }
  return { instrument: name, stored, rejected, rejectMessages, error: null };
}

/** A validated row, or the reason the trade is not stored. */
function tradeRow(instrument: BackfillInstrument, trade: { tradeId: string; price: string; size: string; side: TradeRow['side']; tsMs: number }, tsRecvNs: bigint): TradeRow | string {
  const where = `${instrument.venue}:${instrument.canonical} trade ${trade.tradeId} at ${new Date(trade.tsMs).toISOString()}`;
  let price: number;
  let size: number;
  try {
    price = parseDecimal(trade.price, instrument.priceDecimals);
    size = parseDecimal(trade.size, instrument.sizeDecimals);
  } catch (error) {
    return `${where}: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!(price > 0)) return `${where}: price ${trade.price} is not positive`;
  if (!(size > 0)) return `${where}: size ${trade.size} is not positive`;
  if (trade.tradeId === '') return `${where}: no trade id`;
  return {
    venue: instrument.venue,
    symbol: instrument.canonical,
    tradeId: trade.tradeId,
    price: formatDecimal(price, instrument.priceDecimals),
    size: formatDecimal(size, instrument.sizeDecimals),
    side: trade.side,
    tsEventNs: BigInt(trade.tsMs) * 1_000_000n,
    tsRecvNs,
    flags: 0,
  };
}
