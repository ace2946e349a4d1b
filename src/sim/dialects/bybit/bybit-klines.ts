// Bybit kline intervals (1 3 5 15 30 60 120 240 360 720 D W M) built from the market history's candles, and Bybit's paging of them.
import { bucketStartMs, fixedBucketDurationMs, nextBucketStartMs, type Timeframe } from '../../../model/timeframe.js';
import { foldCandles } from '../../market/candle-fold.js';
import type { SyntheticMarketHistory } from '../../market/market-contract.js';
import type { SimCandle } from '../../market/sim-market-types.js';
import type { KlineInterval } from './public-ws/public-topics.js';

/*
 * The history serves 1m 5m 15m 30m 1h 4h 1d 1w 1M. Bybit's other intervals are whole groups of
 * those, aligned to the epoch like Bybit's own buckets: 3 = three 1m, 120 = two 1h, 360 = six 1h,
 * 720 = three 4h (12h buckets start 00:00 and 12:00 UTC, both 4h boundaries). W is the ISO week
 * (Monday 00:00 UTC) and M the calendar month, as the history's 1w and 1M. A grouped bar is
 * open = first open, close = last close, high/low the extremes, volumes summed; buckets without
 * any trade have no candle in the history and so none here.
 *
 * Paging (GET /v5/market/kline, https://bybit-exchange.github.io/docs/v5/market/kline, limit
 * [1, 1000], default 200, list newest first): with `start`, the bars from the one containing start
 * forward, up to `end` (default: now); without it, the newest bars whose start is at or before
 * `end` (default: now). The bar containing now is the forming one (close = last trade so far).
 */

interface IntervalPlan {
  readonly base: Timeframe;
  readonly group: number;
}

const PLANS: Readonly<Record<KlineInterval, IntervalPlan>> = {
  '1': { base: '1m', group: 1 },
  '3': { base: '1m', group: 3 },
  '5': { base: '5m', group: 1 },
  '15': { base: '15m', group: 1 },
  '30': { base: '30m', group: 1 },
  '60': { base: '1h', group: 1 },
  '120': { base: '1h', group: 2 },
  '240': { base: '4h', group: 1 },
  '360': { base: '1h', group: 6 },
  '720': { base: '4h', group: 3 },
  D: { base: '1d', group: 1 },
  W: { base: '1w', group: 1 },
  M: { base: '1M', group: 1 },
};

/** Fixed bar length (ms), or undefined for M. */
export function klineDurationMs(interval: KlineInterval): number | undefined {
  const plan = PLANS[interval];
  const base = fixedBucketDurationMs(plan.base);
  return base === undefined ? undefined : base * plan.group;
}

/** Start of the bar holding epochMs. */
export function klineStartMs(interval: KlineInterval, epochMs: number): number {
  const plan = PLANS[interval];
  if (plan.group === 1) return bucketStartMs(plan.base, epochMs);
  const duration = klineDurationMs(interval)!;
  return Math.floor(epochMs / duration) * duration;
}

/** Start of the bar after the one holding epochMs (its exclusive end). */
export function klineEndMs(interval: KlineInterval, epochMs: number): number {
  const plan = PLANS[interval];
  if (plan.group === 1) return nextBucketStartMs(plan.base, epochMs);
  return klineStartMs(interval, epochMs) + klineDurationMs(interval)!;
}

function merge(interval: KlineInterval, bars: readonly SimCandle[], nowMs: number): SimCandle {
  const fold = foldCandles(bars)!;
  const openTimeMs = klineStartMs(interval, bars[0]!.openTimeMs);
  const closeTimeMs = klineEndMs(interval, bars[0]!.openTimeMs);
  return { openTimeMs, closeTimeMs, ...fold, closed: closeTimeMs <= nowMs };
}

/** Bars of `interval` whose start is in [fromMs, toMs), oldest first, as seen at nowMs. */
export function klinesBetween(history: SyntheticMarketHistory, interval: KlineInterval, fromMs: number, toMs: number, nowMs: number): SimCandle[] {
  const plan = PLANS[interval];
  const from = klineStartMs(interval, Math.max(fromMs, history.originMs));
  const to = Math.min(toMs, nowMs + 1);
  if (to <= from) return [];
  const baseDuration = fixedBucketDurationMs(plan.base) ?? 28 * 86_400_000;
  const cap = Math.ceil((to - from) / baseDuration) + 2;
  const base = history.candles(plan.base, from, to, cap, nowMs);
  if (plan.group === 1) return base;
  const bars: SimCandle[] = [];
  let group: SimCandle[] = [];
  for (const candle of base) {
    if (group.length > 0 && klineStartMs(interval, candle.openTimeMs) !== klineStartMs(interval, group[0]!.openTimeMs)) {
      bars.push(merge(interval, group, nowMs));
      group = [];
    }
    group.push(candle);
  }
  if (group.length > 0) bars.push(merge(interval, group, nowMs));
  return bars;
}

/** Bybit's page of bars, oldest first (the REST answer reverses it). */
export function klinePage(
  history: SyntheticMarketHistory,
  interval: KlineInterval,
  startMs: number | undefined,
  endMs: number | undefined,
  limit: number,
  nowMs: number,
): SimCandle[] {
  const end = Math.min(endMs ?? nowMs, nowMs);
  if (startMs !== undefined) {
    if (startMs > end) return [];
    const duration = klineDurationMs(interval) ?? 31 * 86_400_000;
    // Enough span for `limit` bars plus maintenance gaps, widened until full or past `end`.
    let span = duration * (limit + 1);
    for (;;) {
      const to = Math.min(end + 1, startMs + span);
      const bars = klinesBetween(history, interval, startMs, to, nowMs);
      if (bars.length >= limit || to > end) return bars.slice(0, limit);
      span *= 2;
    }
  }
  const duration = klineDurationMs(interval) ?? 31 * 86_400_000;
  let span = duration * (limit + 1);
  for (;;) {
    const from = end - span;
    const bars = klinesBetween(history, interval, from, end + 1, nowMs);
    if (bars.length >= limit || from <= history.originMs) return bars.slice(Math.max(0, bars.length - limit));
    span *= 2;
  }
}
