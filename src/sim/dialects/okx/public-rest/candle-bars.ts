// OKX candle `bar` values: their bucket boundaries (UTC, or Hong Kong time for 6H/12H/1D/2D/3D/1W/1M/3M) and the simulator timeframe each is built from.
import { bucketStartMs, nextBucketStartMs, type Timeframe } from '../../../../model/timeframe.js';

/*
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-candlesticks
 * "bar: 1m/3m/5m/15m/30m/1H/2H/4H; UTC+8 opening price k-line: 6H/12H/1D/2D/3D/1W/1M/3M; UTC+0
 * opening price k-line: 6Hutc/12Hutc/1Dutc/2Dutc/3Dutc/1Wutc/1Mutc/3Mutc". So plain 1D is the
 * Hong Kong day (16:00 UTC to 16:00 UTC) and 1Dutc the UTC day. Up to 4H the two agree (8 h is a
 * whole number of 1m…4H buckets), so those have one spelling.
 *
 * The simulator's history has 1m 5m 15m 30m 1h 4h 1d 1w 1M candles on UTC boundaries. A bar that
 * is one of them is served as is; any other is aggregated from the coarsest one whose boundaries
 * fall on all of its own: 3m from 1m, 2H and 6H/6Hutc from 1h (HK 6H starts at 22:00, 04:00 …
 * UTC), 12H/12Hutc, 1D, 2D, 3D, 1W, 1M, 3M (Hong Kong) from 4h (16:00 UTC is a 4h boundary),
 * 2Dutc/3Dutc from 1d, 3Mutc from 1M. 2D/3D count whole days from 1970-01-01 (UTC or HK) and 3M
 * are calendar quarters: the documentation states neither, they are the natural reading.
 * `1s` is not offered: the simulator has no second candles (answered 51000 Parameter bar error).
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const HONG_KONG_OFFSET_MS = 8 * HOUR_MS;

export interface OkxBar {
  readonly name: string;
  /** The history timeframe the bar is built from. */
  readonly source: Timeframe;
  /** True when the bar is exactly `source` (served without aggregation). */
  readonly direct: boolean;
  /** Start of the bar bucket holding ms. */
  bucketStart(ms: number): number;
  /** Start of the bucket after the one holding ms. */
  nextStart(ms: number): number;
}

function direct(name: string, source: Timeframe): OkxBar {
  return { name, source, direct: true, bucketStart: (ms) => bucketStartMs(source, ms), nextStart: (ms) => nextBucketStartMs(source, ms) };
}

/** Buckets of `stepMs` counted from the epoch shifted by `offsetMs` (0 for UTC, 8 h for Hong Kong). */
function fixed(name: string, source: Timeframe, stepMs: number, offsetMs: number): OkxBar {
  const start = (ms: number): number => {
    const shifted = ms + offsetMs;
    const remainder = ((shifted % stepMs) + stepMs) % stepMs;
    return shifted - remainder - offsetMs;
  };
  return { name, source, direct: false, bucketStart: start, nextStart: (ms) => start(ms) + stepMs };
}

/** Calendar weeks/months/quarters of the shifted clock. */
function calendar(name: string, source: Timeframe, unit: '1w' | '1M', months: number, offsetMs: number): OkxBar {
  const start = (ms: number): number => {
    let bucket = bucketStartMs(unit, ms + offsetMs);
    if (months > 1) {
      // Back to the first month of the quarter (January, April, July, October).
      const monthIndex = new Date(bucket).getUTCMonth();
      for (let back = monthIndex % months; back > 0; back--) bucket = bucketStartMs('1M', bucket - 1);
    }
    return bucket - offsetMs;
  };
  const next = (ms: number): number => {
    let bucket = start(ms) + offsetMs;
    for (let step = 0; step < months; step++) bucket = nextBucketStartMs(unit, bucket);
    return bucket - offsetMs;
  };
  return { name, source, direct: offsetMs === 0 && months === 1 && source === unit, bucketStart: start, nextStart: next };
}

const BARS: ReadonlyMap<string, OkxBar> = new Map(
  [
    direct('1m', '1m'),
    fixed('3m', '1m', 3 * MINUTE_MS, 0),
    direct('5m', '5m'),
    direct('15m', '15m'),
    direct('30m', '30m'),
    direct('1H', '1h'),
    fixed('2H', '1h', 2 * HOUR_MS, 0),
    direct('4H', '4h'),
    fixed('6H', '1h', 6 * HOUR_MS, HONG_KONG_OFFSET_MS),
    fixed('12H', '4h', 12 * HOUR_MS, HONG_KONG_OFFSET_MS),
    fixed('1D', '4h', DAY_MS, HONG_KONG_OFFSET_MS),
    fixed('2D', '4h', 2 * DAY_MS, HONG_KONG_OFFSET_MS),
    fixed('3D', '4h', 3 * DAY_MS, HONG_KONG_OFFSET_MS),
    calendar('1W', '4h', '1w', 1, HONG_KONG_OFFSET_MS),
    calendar('1M', '4h', '1M', 1, HONG_KONG_OFFSET_MS),
    calendar('3M', '4h', '1M', 3, HONG_KONG_OFFSET_MS),
    fixed('6Hutc', '1h', 6 * HOUR_MS, 0),
    fixed('12Hutc', '4h', 12 * HOUR_MS, 0),
    direct('1Dutc', '1d'),
    fixed('2Dutc', '1d', 2 * DAY_MS, 0),
    fixed('3Dutc', '1d', 3 * DAY_MS, 0),
    calendar('1Wutc', '1w', '1w', 1, 0),
    calendar('1Mutc', '1M', '1M', 1, 0),
    calendar('3Mutc', '1M', '1M', 3, 0),
  ].map((bar) => [bar.name, bar]),
);

/** The bar named `name` (case matters: 1m is a minute, 1M a month), or undefined. */
export function okxBar(name: string): OkxBar | undefined {
  return BARS.get(name);
}

export function okxBarNames(): string[] {
  return [...BARS.keys()];
}
