// Fetches one range of missing buckets page by page: validated candles, rejected rows, and what the venue has no data for.
import { nextBucketStartMs } from '../../model/timeframe.js';
import { validateCandles, type CandleRowError, type ValidCandleRow } from '../candles/validate-candles.js';
import { seriesName, type BackfillSeries } from './candle-series.js';
import { deriveCandles } from './derive-candles.js';
import { countBuckets, missingRanges, pageEndMs, type MissingRange } from './missing-ranges.js';
import type { VenueSession } from './venue-session.js';
import { ZVT_ERR_BACKFILL_ARGUMENT, storeError } from '../errors.js';

/** One page of a range: [startMs, endMs) holding `buckets` buckets of the series' timeframe. */
export interface CandlePage {
  readonly startMs: number;
  readonly endMs: number;
  readonly buckets: number;
  /** Candles that passed validation, ascending. */
  readonly valid: readonly ValidCandleRow[];
  /** Broken rules of rows that are not stored. */
  readonly rejects: readonly CandleRowError[];
  /** Runs of buckets in the page with no row at all: the venue has no data there. */
  readonly venueEmpty: readonly MissingRange[];
}

/**
 * Pages through `range` (bucket-aligned), each page one venue request (a derived timeframe asks
 * for its shorter candles in one request per page). `nowMs` makes still-forming candles rejects.
 */
export async function* fetchCandleRange(session: VenueSession, series: BackfillSeries, range: MissingRange, nowMs: number): AsyncGenerator<CandlePage> {
  const { api } = session;
  const { instrument, timeframe } = series;
  const native = api.timeframeParam(timeframe);
  const base = native === null ? api.derivedFrom(timeframe) : null;
  const baseParam = base === null ? null : api.timeframeParam(base);
  if (native === null && (base === null || baseParam === null)) {
    throw storeError(ZVT_ERR_BACKFILL_ARGUMENT, `${api.venue} serves no ${timeframe} candles and none to build them from`);
  }
  const scales = { priceDecimals: instrument.priceDecimals, sizeDecimals: instrument.sizeDecimals, instrument: `${instrument.venue}:${instrument.canonical}`, nowMs };
  let start = range.startMs;
  while (start < range.endMs) {
    const end = base === null ? pageEndMs(timeframe, start, range.endMs, api.maxBuckets) : derivedPageEnd(series, base, start, range.endMs, api.maxBuckets);
    const requested = base ?? timeframe;
    const requestedBuckets = countBuckets(requested, start, end);
    const rows = await session.call(`${seriesName(series)} candles ${new Date(start).toISOString()}`, api.requestCost(requestedBuckets), () =>
      api.fetchCandles(session.exchange, instrument, (native ?? baseParam)!, start, end, requestedBuckets),
    );
    let checked = validateCandles(rows, { ...scales, timeframe: requested });
    const rejects = [...checked.errors];
    if (base !== null) {
      const derived = deriveCandles(checked.valid, timeframe, instrument.priceDecimals, instrument.sizeDecimals);
      checked = validateCandles(derived, { ...scales, timeframe });
      rejects.push(...checked.errors);
    }
    // A bucket with a rejected row is not "no data at the venue": it had data we would not store.
    const seen = checked.valid.map((row) => row.tsStartMs);
    for (const reject of rejects) if (typeof reject.tsStartMs === 'number' || typeof reject.tsStartMs === 'string') seen.push(Number(reject.tsStartMs));
    seen.sort((a, b) => a - b);
    yield { startMs: start, endMs: end, buckets: countBuckets(timeframe, start, end), valid: checked.valid, rejects, venueEmpty: missingRanges(timeframe, start, end, seen) };
    start = end;
  }
}

/** Target buckets from startMs while their shorter candles fit one request. */
function derivedPageEnd(series: BackfillSeries, base: NonNullable<ReturnType<VenueSession['api']['derivedFrom']>>, startMs: number, endMs: number, maxBuckets: number): number {
  let end = startMs;
  let baseBuckets = 0;
  while (end < endMs) {
    const next = nextBucketStartMs(series.timeframe, end);
    const needed = countBuckets(base, end, next);
    if (baseBuckets > 0 && baseBuckets + needed > maxBuckets) break;
    baseBuckets += needed;
    end = next;
  }
  return Math.min(end, endMs);
}
