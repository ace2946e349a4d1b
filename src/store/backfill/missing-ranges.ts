// Which buckets of a timeframe are missing from a sorted list of stored open times: the work backfill resumes with.
import { isBucketStartMs, nextBucketStartMs, type Timeframe } from '../../model/timeframe.js';

/** [startMs, endMs) of consecutive missing buckets, and how many buckets that is. */
export interface MissingRange {
  readonly startMs: number;
  readonly endMs: number;
  readonly buckets: number;
}

/** Buckets of `timeframe` that start in [fromMs, toMs); both must be bucket boundaries. */
export function countBuckets(timeframe: Timeframe, fromMs: number, toMs: number): number {
  let count = 0;
  for (let start = fromMs; start < toMs; start = nextBucketStartMs(timeframe, start)) count++;
  return count;
}

/**
 * The runs of buckets in [fromMs, toMs) whose start is not in `storedOpenMs` (ascending; values
 * outside the range or off the timeframe's boundaries are ignored). Linear in buckets + stored.
 */
export function missingRanges(timeframe: Timeframe, fromMs: number, toMs: number, storedOpenMs: readonly number[]): MissingRange[] {
  const ranges: MissingRange[] = [];
  let index = 0;
  let runStart = -1;
  let runBuckets = 0;
  for (let start = fromMs; start < toMs; start = nextBucketStartMs(timeframe, start)) {
    while (index < storedOpenMs.length && storedOpenMs[index]! < start) index++;
    const stored = index < storedOpenMs.length && storedOpenMs[index] === start && isBucketStartMs(timeframe, start);
    if (stored) {
      if (runBuckets > 0) ranges.push({ startMs: runStart, endMs: start, buckets: runBuckets });
      runBuckets = 0;
    } else {
      if (runBuckets === 0) runStart = start;
      runBuckets++;
    }
  }
  if (runBuckets > 0) ranges.push({ startMs: runStart, endMs: toMs, buckets: runBuckets });
  return ranges;
}

/** The end of the page that starts at startMs and holds at most `limit` buckets, capped at endMs. */
export function pageEndMs(timeframe: Timeframe, startMs: number, endMs: number, limit: number): number {
  let end = startMs;
  for (let bucket = 0; bucket < limit && end < endMs; bucket++) end = nextBucketStartMs(timeframe, end);
  return Math.min(end, endMs);
}
