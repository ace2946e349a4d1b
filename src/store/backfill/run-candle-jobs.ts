// Backfill and gap repair in one loop: find the missing buckets of each series, ask the venue, validate, store, report.
import { formatDecimal, formatDecimalBig } from '../../model/fixed-point.js';
import { bucketStartMs, nextBucketStartMs } from '../../model/timeframe.js';
import type { ValidCandleRow } from '../candles/validate-candles.js';
import type { Store } from '../store.js';
import type { CandleRow } from '../store-rows.js';
import { ZVT_ERR_BACKFILL_ARGUMENT, storeError } from '../errors.js';
import { BackfillProgress, type ProgressOutput } from './backfill-progress.js';
import { seriesName, type BackfillSeries, type BackfillVenue } from './candle-series.js';
import { fetchCandleRange } from './fetch-candle-range.js';
import { countBuckets, missingRanges, type MissingRange } from './missing-ranges.js';
import type { VenueRequestCounters, VenueSession } from './venue-session.js';

export interface CandleJobsOptions {
  readonly series: readonly BackfillSeries[];
  /**
   * 'backfill': every bucket in [fromMs, toMs) that is not stored is fetched and stored.
   * 'gaps': missing buckets between a series' first and last stored candle (narrowed by fromMs/toMs
   * when given) are listed and classified by asking the venue; stored only with `repair`.
   */
  readonly mode: 'backfill' | 'gaps';
  readonly fromMs?: number | undefined;
  readonly toMs?: number | undefined;
  readonly repair?: boolean;
  readonly store: Store;
  readonly sessions: ReadonlyMap<BackfillVenue, VenueSession>;
  /** Progress display (stderr); null for none. */
  readonly progress?: ProgressOutput | null;
  /** The time candles must have closed by (default: now). */
  readonly nowMs?: number;
}

/** A run of buckets, in ISO text for reports. */
export interface ReportedRange {
  readonly from: string;
  readonly to: string;
  readonly buckets: number;
}

export interface SeriesReport {
  readonly series: string;
  readonly venue: string;
  readonly symbol: string;
  readonly timeframe: string;
  /** Closed buckets in the series' range, and how many were stored before this run. */
  readonly expectedBuckets: number;
  readonly storedBefore: number;
  /** Runs of missing buckets found before fetching (a fresh backfill is one run: everything). */
  readonly gapsFound: number;
  readonly missingBuckets: number;
  /** Candles stored by this run. */
  readonly filled: number;
  /** Missing buckets the venue has data for but this run did not store (gaps without --repair). */
  readonly repairable: number;
  readonly repairableRanges: readonly ReportedRange[];
  /** Missing buckets the venue itself has no data for (maintenance, delisting, before listing). */
  readonly venueEmptyBuckets: number;
  readonly venueEmptyRanges: readonly ReportedRange[];
  /** Rows the venue sent that failed validation (not stored), with the first messages. */
  readonly rejected: number;
  readonly rejectMessages: readonly string[];
  /** Set when the series stopped early (a request failed for good). */
  readonly error: string | null;
}

export interface CandleJobsReport {
  readonly mode: 'backfill' | 'gaps';
  readonly series: readonly SeriesReport[];
  readonly venues: Readonly<Record<string, VenueRequestCounters>>;
  readonly totals: { readonly missingBuckets: number; readonly filled: number; readonly venueEmptyBuckets: number; readonly repairable: number; readonly rejected: number; readonly failedSeries: number };
  readonly durationMs: number;
}

const MAX_REJECT_MESSAGES = 20;

interface Plan {
  readonly series: BackfillSeries;
  readonly fromMs: number;
  readonly toMs: number;
  readonly storedBefore: number;
  readonly missing: readonly MissingRange[];
}

/** Runs every series; venues in parallel, each venue's series one after another (one budget, one client). */
export async function runCandleJobs(options: CandleJobsOptions): Promise<CandleJobsReport> {
  const startedMs = Date.now();
  const nowMs = options.nowMs ?? startedMs;
  if (options.fromMs !== undefined && options.toMs !== undefined && !(options.fromMs < options.toMs)) {
    throw storeError(ZVT_ERR_BACKFILL_ARGUMENT, `--from (${new Date(options.fromMs).toISOString()}) must be before --to (${new Date(options.toMs).toISOString()})`);
  }
  for (const series of options.series) {
    if (!options.sessions.has(series.instrument.venue)) throw storeError(ZVT_ERR_BACKFILL_ARGUMENT, `no venue session for ${seriesName(series)}`);
  }
  const plans: Plan[] = [];
  for (const series of options.series) plans.push(await planSeries(options, series, nowMs));
  const progress = new BackfillProgress(options.progress ?? null, plans.reduce((sum, plan) => sum + plan.missing.reduce((total, range) => total + range.buckets, 0), 0));

  const byVenue = new Map<BackfillVenue, Plan[]>();
  for (const plan of plans) byVenue.set(plan.series.instrument.venue, [...(byVenue.get(plan.series.instrument.venue) ?? []), plan]);
  const reports = new Map<Plan, SeriesReport>();
  await Promise.all(
    [...byVenue].map(async ([venue, venuePlans]) => {
      const session = options.sessions.get(venue)!;
      for (const plan of venuePlans) reports.set(plan, await runSeries(options, session, plan, progress, nowMs));
    }),
  );
  progress.finish();

  const series = plans.map((plan) => reports.get(plan)!);
  const venues: Record<string, VenueRequestCounters> = {};
  for (const venue of byVenue.keys()) venues[venue] = { ...options.sessions.get(venue)!.counters };
  return {
    mode: options.mode,
    series,
    venues,
    totals: {
      missingBuckets: sum(series, (report) => report.missingBuckets),
      filled: sum(series, (report) => report.filled),
      venueEmptyBuckets: sum(series, (report) => report.venueEmptyBuckets),
      repairable: sum(series, (report) => report.repairable),
      rejected: sum(series, (report) => report.rejected),
      failedSeries: series.filter((report) => report.error !== null).length,
    },
    durationMs: Date.now() - startedMs,
  };
}

async function planSeries(options: CandleJobsOptions, series: BackfillSeries, nowMs: number): Promise<Plan> {
  const { timeframe, instrument } = series;
  // Only closed buckets: the one forming at nowMs is not history yet.
  const closedEnd = bucketStartMs(timeframe, nowMs);
  const query = { venue: instrument.venue, symbol: instrument.canonical, timeframe };
  let fromMs: number;
  let toMs: number;
  if (options.mode === 'backfill') {
    if (options.fromMs === undefined) throw storeError(ZVT_ERR_BACKFILL_ARGUMENT, 'backfill needs --from');
    fromMs = bucketStartMs(timeframe, options.fromMs);
    toMs = Math.min(options.toMs === undefined ? closedEnd : alignUp(series, options.toMs), closedEnd);
  } else {
    const all = await options.store.candleOpenTimes({ ...query, fromNs: -(2n ** 62n), toNs: 2n ** 62n });
    if (all.length === 0) return { series, fromMs: 0, toMs: 0, storedBefore: 0, missing: [] };
    const first = Number(all[0]! / 1_000_000n);
    const afterLast = nextBucketStartMs(timeframe, Number(all[all.length - 1]! / 1_000_000n));
    fromMs = options.fromMs === undefined ? first : Math.max(first, bucketStartMs(timeframe, options.fromMs));
    toMs = Math.min(options.toMs === undefined ? afterLast : Math.min(afterLast, alignUp(series, options.toMs)), closedEnd);
  }
  if (!(fromMs < toMs)) return { series, fromMs, toMs: fromMs, storedBefore: 0, missing: [] };
  const stored = await options.store.candleOpenTimes({ ...query, fromNs: BigInt(fromMs) * 1_000_000n, toNs: BigInt(toMs) * 1_000_000n });
  const storedMs = stored.map((ns) => Number(ns / 1_000_000n));
  return { series, fromMs, toMs, storedBefore: storedMs.length, missing: missingRanges(timeframe, fromMs, toMs, storedMs) };
}

async function runSeries(options: CandleJobsOptions, session: VenueSession, plan: Plan, progress: BackfillProgress, nowMs: number): Promise<SeriesReport> {
  const { series } = plan;
  const write = options.mode === 'backfill' || options.repair === true;
  const name = seriesName(series);
  let filled = 0;
  let rejected = 0;
  const rejectMessages: string[] = [];
  const venueEmpty: MissingRange[] = [];
  const repairable: MissingRange[] = [];
  let error: string | null = null;
  try {
    for (const range of plan.missing) {
      for await (const page of fetchCandleRange(session, series, range, nowMs)) {
        if (page.valid.length > 0) {
          if (write) {
            await options.store.write({ candles: page.valid.map((row) => candleRow(series, row)) });
            filled += page.valid.length;
          } else {
            repairable.push(...runsOf(series, page.valid));
          }
        }
        rejected += page.rejects.length;
        for (const reject of page.rejects) if (rejectMessages.length < MAX_REJECT_MESSAGES) rejectMessages.push(reject.message);
        appendRanges(venueEmpty, page.venueEmpty);
        progress.advance(page.buckets, name);
      }
    }
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
  }
  const missingBuckets = plan.missing.reduce((total, range) => total + range.buckets, 0);
  const mergedRepairable = appendRanges([], repairable);
  return {
    series: name,
    venue: series.instrument.venue,
    symbol: series.instrument.canonical,
    timeframe: series.timeframe,
    expectedBuckets: plan.toMs > plan.fromMs ? countBuckets(series.timeframe, plan.fromMs, plan.toMs) : 0,
    storedBefore: plan.storedBefore,
    gapsFound: plan.missing.length,
    missingBuckets,
    filled,
    repairable: mergedRepairable.reduce((total, range) => total + range.buckets, 0),
    repairableRanges: mergedRepairable.map(reported),
    venueEmptyBuckets: venueEmpty.reduce((total, range) => total + range.buckets, 0),
    venueEmptyRanges: venueEmpty.map(reported),
    rejected,
    rejectMessages,
    error,
  };
}

function candleRow(series: BackfillSeries, row: ValidCandleRow): CandleRow {
  const { priceDecimals, sizeDecimals } = series.instrument;
  return {
    venue: series.instrument.venue,
    symbol: series.instrument.canonical,
    timeframe: series.timeframe,
    tsOpenNs: BigInt(row.tsStartMs) * 1_000_000n,
    open: formatDecimal(row.open, priceDecimals),
    high: formatDecimal(row.high, priceDecimals),
    low: formatDecimal(row.low, priceDecimals),
    close: formatDecimal(row.close, priceDecimals),
    volume: formatDecimalBig(row.volume, sizeDecimals),
    tradeCount: row.tradeCount ?? null,
  };
}

/** Consecutive buckets of `rows` as ranges. */
function runsOf(series: BackfillSeries, rows: readonly ValidCandleRow[]): MissingRange[] {
  const ranges: MissingRange[] = [];
  for (const row of rows) appendRanges(ranges, [{ startMs: row.tsStartMs, endMs: nextBucketStartMs(series.timeframe, row.tsStartMs), buckets: 1 }]);
  return ranges;
}

/** Appends ranges, merging one that starts where the last ends. */
function appendRanges(into: MissingRange[], ranges: readonly MissingRange[]): MissingRange[] {
  for (const range of ranges) {
    const last = into[into.length - 1];
    if (last !== undefined && last.endMs === range.startMs) into[into.length - 1] = { startMs: last.startMs, endMs: range.endMs, buckets: last.buckets + range.buckets };
    else into.push(range);
  }
  return into;
}

function reported(range: MissingRange): ReportedRange {
  return { from: new Date(range.startMs).toISOString(), to: new Date(range.endMs).toISOString(), buckets: range.buckets };
}

/** The first bucket boundary at or after epochMs. */
function alignUp(series: BackfillSeries, epochMs: number): number {
  const start = bucketStartMs(series.timeframe, epochMs);
  return start === epochMs ? start : nextBucketStartMs(series.timeframe, start);
}

function sum(reports: readonly SeriesReport[], field: (report: SeriesReport) => number): number {
  return reports.reduce((total, report) => total + field(report), 0);
}
