// Missing buckets of a series: the runs backfill resumes with and gap detection lists.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextBucketStartMs, TIMEFRAMES } from '../../../../src/model/timeframe.js';
import { countBuckets, missingRanges, pageEndMs } from '../../../../src/store/backfill/missing-ranges.js';

const MINUTE = 60_000;
const FROM = Date.UTC(2025, 0, 1);

describe('missingRanges', () => {
  it('finds the runs of minutes not stored, including the ends', () => {
    const stored = [FROM + 2 * MINUTE, FROM + 3 * MINUTE, FROM + 6 * MINUTE];
    expect(missingRanges('1m', FROM, FROM + 8 * MINUTE, stored)).toEqual([
      { startMs: FROM, endMs: FROM + 2 * MINUTE, buckets: 2 },
      { startMs: FROM + 4 * MINUTE, endMs: FROM + 6 * MINUTE, buckets: 2 },
      { startMs: FROM + 7 * MINUTE, endMs: FROM + 8 * MINUTE, buckets: 1 },
    ]);
  });

  it('is empty when everything is stored and one range when nothing is', () => {
    const all = Array.from({ length: 5 }, (_, index) => FROM + index * MINUTE);
    expect(missingRanges('1m', FROM, FROM + 5 * MINUTE, all)).toEqual([]);
    expect(missingRanges('1m', FROM, FROM + 5 * MINUTE, [])).toEqual([{ startMs: FROM, endMs: FROM + 5 * MINUTE, buckets: 5 }]);
  });

  it('walks calendar months and ISO weeks', () => {
    const months = missingRanges('1M', Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1), [Date.UTC(2024, 1, 1)]);
    expect(months).toEqual([
      { startMs: Date.UTC(2024, 0, 1), endMs: Date.UTC(2024, 1, 1), buckets: 1 },
      { startMs: Date.UTC(2024, 2, 1), endMs: Date.UTC(2025, 0, 1), buckets: 10 },
    ]);
    // 2024-01-01 was a Monday.
    expect(countBuckets('1w', Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 29))).toBe(4);
  });

  it('covers every missing bucket exactly once (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TIMEFRAMES), fc.array(fc.boolean(), { minLength: 1, maxLength: 80 }), (timeframe, present) => {
        const starts: number[] = [];
        let start = Date.UTC(2024, 0, 1);
        for (let index = 0; index < present.length; index++) {
          starts.push(start);
          start = nextBucketStartMs(timeframe, start);
        }
        const stored = starts.filter((_, index) => present[index]);
        const ranges = missingRanges(timeframe, starts[0]!, start, stored);
        const covered: number[] = [];
        for (const range of ranges) {
          expect(countBuckets(timeframe, range.startMs, range.endMs)).toBe(range.buckets);
          for (let bucket = range.startMs; bucket < range.endMs; bucket = nextBucketStartMs(timeframe, bucket)) covered.push(bucket);
        }
        expect(covered).toEqual(starts.filter((_, index) => !present[index]));
      }),
    );
  });
});

describe('pageEndMs', () => {
  it('holds at most `limit` buckets and stops at the range end', () => {
    expect(pageEndMs('1m', FROM, FROM + 5000 * MINUTE, 1000)).toBe(FROM + 1000 * MINUTE);
    expect(pageEndMs('1m', FROM, FROM + 10 * MINUTE, 1000)).toBe(FROM + 10 * MINUTE);
    expect(pageEndMs('1M', Date.UTC(2024, 0, 1), Date.UTC(2030, 0, 1), 3)).toBe(Date.UTC(2024, 3, 1));
  });
});
