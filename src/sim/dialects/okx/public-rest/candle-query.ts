// OKX candle pagination over the synthetic history: records with ts in (before, after), newest first, at most `limit`, per bar.
import type { SyntheticMarketHistory } from '../../../market/market-contract.js';
import type { SimCandle } from '../../../market/sim-market-types.js';
import type { OkxBar } from './candle-bars.js';

/*
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-candlesticks
 * - `after`: "return records earlier than the requested ts"; `before`: "records newer than the
 *   requested ts. The latest data will be returned when using before individually". Both are
 *   exclusive bounds on the candle's open time; the answer is the newest `limit` candles inside
 *   them, newest first. A bucket without trades (a maintenance window) has no candle, so the
 *   search walks further back until it has `limit` candles or reaches the bounds / the history's
 *   origin.
 * - GET /market/candles "can retrieve the latest 1,440 data entries": its lower bound is the open
 *   of the 1439th bucket before the current one. /market/history-candles has no such bound.
 * - The bucket containing nowMs is the forming candle (confirm "0"); an aggregated bar is closed
 *   once its end is at or before nowMs.
 */

export interface CandleQuery {
  /** Exclusive upper bound on open time (OKX `after`), or null. */
  readonly afterMs: number | null;
  /** Exclusive lower bound on open time (OKX `before`), or null. */
  readonly beforeMs: number | null;
  readonly limit: number;
  /** Only the latest `recentBuckets` buckets exist for this endpoint (1440 for /market/candles), or null. */
  readonly recentBuckets: number | null;
}

/** How many source windows of `limit` bars the search looks at before giving up (a maintenance window is hours, not months). */
const MAX_WINDOWS = 64;

export function queryCandles(history: SyntheticMarketHistory, bar: OkxBar, query: CandleQuery, nowMs: number): SimCandle[] {
  const currentStart = bar.bucketStart(nowMs);
  let lowest = Math.max(history.originMs, query.beforeMs === null ? -Infinity : query.beforeMs + 1);
  if (query.recentBuckets !== null) lowest = Math.max(lowest, stepBack(bar, currentStart, query.recentBuckets - 1));
  // End (exclusive) of the newest bar that may be answered: the forming one, or the one holding after - 1.
  let windowEnd = bar.nextStart(currentStart);
  if (query.afterMs !== null) windowEnd = Math.min(windowEnd, bar.nextStart(query.afterMs - 1));
  const firstBar = bar.bucketStart(lowest) < lowest ? bar.nextStart(lowest) : bar.bucketStart(lowest);
  const found: SimCandle[][] = [];
  let count = 0;
  for (let window = 0; window < MAX_WINDOWS && count < query.limit && windowEnd > firstBar; window++) {
    const windowStart = Math.max(firstBar, stepBack(bar, windowEnd, query.limit - count));
    const candles = barCandles(history, bar, windowStart, windowEnd, nowMs).filter((candle) => query.afterMs === null || candle.openTimeMs < query.afterMs);
    found.unshift(candles);
    count += candles.length;
    windowEnd = windowStart;
  }
  const all = found.flat();
  return all.slice(Math.max(0, all.length - query.limit)).reverse();
}

/** The bar bucket start `buckets` buckets before the bucket starting at `bucketStartMs`. */
function stepBack(bar: OkxBar, bucketStartMs: number, buckets: number): number {
  let start = bucketStartMs;
  for (let index = 0; index < buckets; index++) start = bar.bucketStart(start - 1);
  return start;
}

/** Candles of the bar whose open is in [fromMs, toMs) (both bucket starts), oldest first. */
function barCandles(history: SyntheticMarketHistory, bar: OkxBar, fromMs: number, toMs: number, nowMs: number): SimCandle[] {
  if (toMs <= fromMs) return [];
  const source = history.candles(bar.source, fromMs, toMs, Number.MAX_SAFE_INTEGER, nowMs);
  if (bar.direct) return source;
  const bars: SimCandle[] = [];
  let current: SimCandle | null = null;
  let currentStart = 0;
  for (const candle of source) {
    const start = bar.bucketStart(candle.openTimeMs);
    if (current === null || start !== currentStart) {
      if (current !== null) bars.push(current);
      currentStart = start;
      const end = bar.nextStart(start);
      current = { ...candle, openTimeMs: start, closeTimeMs: end, closed: end <= nowMs };
      continue;
    }
    current = {
      ...current,
      high: Math.max(current.high, candle.high),
      low: Math.min(current.low, candle.low),
      close: candle.close,
      volumeLots: current.volumeLots + candle.volumeLots,
      quoteVolumeTickLots: current.quoteVolumeTickLots + candle.quoteVolumeTickLots,
      tradeCount: current.tradeCount + candle.tradeCount,
    };
  }
  if (current !== null) bars.push(current);
  return bars;
}
