// Binance kline intervals (1s … 1M) as bucket arithmetic, and which history timeframe each is built from.
import { bucketStartMs, nextBucketStartMs, type Timeframe } from '../../../../model/timeframe.js';

/*
 * GET /api/v3/klines "Supported kline intervals (case-sensitive)": 1s; 1m 3m 5m 15m 30m; 1h 2h 4h
 * 6h 8h 12h; 1d 3d; 1w; 1M. The synthetic history makes candles of 1m 5m 15m 30m 1h 4h 1d 1w 1M
 * (src/model/timeframe.ts); the others are folded here from a finer one (3m from 1m; 2h 6h 8h
 * 12h from 1h; 3d from 1d) and 1s from trades. Buckets are UTC: fixed lengths count from the
 * epoch (3d buckets too), weeks start on Monday, months on the 1st.
 */

export interface KlineInterval {
  readonly name: string;
  /** The history timeframe folded into this interval; null for 1s (built from trades). */
  readonly base: Timeframe | null;
  /** Base candles per bucket (1 when base is the interval itself). */
  readonly factor: number;
  /** Start of the bucket holding `ms`. */
  floor(ms: number): number;
  /** Start of the bucket after the one starting at `openMs`. */
  next(openMs: number): number;
  /** Start of the bucket before the one starting at `openMs`. */
  previous(openMs: number): number;
}

function fixed(name: string, durationMs: number, base: Timeframe | null, factor: number): KlineInterval {
  return {
    name,
    base,
    factor,
    floor: (ms) => ms - (((ms % durationMs) + durationMs) % durationMs),
    next: (openMs) => openMs + durationMs,
    previous: (openMs) => openMs - durationMs,
  };
}

function calendar(name: '1w' | '1M'): KlineInterval {
  return {
    name,
    base: name,
    factor: 1,
    floor: (ms) => bucketStartMs(name, ms),
    next: (openMs) => nextBucketStartMs(name, openMs),
    previous: (openMs) => bucketStartMs(name, openMs - 1),
  };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const INTERVALS: readonly KlineInterval[] = [
  fixed('1s', SECOND, null, 1),
  fixed('1m', MINUTE, '1m', 1),
  fixed('3m', 3 * MINUTE, '1m', 3),
  fixed('5m', 5 * MINUTE, '5m', 1),
  fixed('15m', 15 * MINUTE, '15m', 1),
  fixed('30m', 30 * MINUTE, '30m', 1),
  fixed('1h', HOUR, '1h', 1),
  fixed('2h', 2 * HOUR, '1h', 2),
  fixed('4h', 4 * HOUR, '4h', 1),
  fixed('6h', 6 * HOUR, '1h', 6),
  fixed('8h', 8 * HOUR, '1h', 8),
  fixed('12h', 12 * HOUR, '1h', 12),
  fixed('1d', DAY, '1d', 1),
  fixed('3d', 3 * DAY, '1d', 3),
  calendar('1w'),
  calendar('1M'),
];

/** The interval named exactly `name` (case matters: 1m is a minute, 1M a month), or undefined. */
export function binanceKlineInterval(name: string): KlineInterval | undefined {
  return INTERVALS.find((interval) => interval.name === name);
}

/** Every interval name, shortest first. */
export const BINANCE_KLINE_INTERVALS: readonly string[] = INTERVALS.map((interval) => interval.name);
