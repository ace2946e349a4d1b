// Property tests of timeframe boundaries against a reference built from Date's UTC calendar fields.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bucketStartMs,
  bucketStartNs,
  isBucketStartMs,
  isBucketStartNs,
  MAX_EPOCH_MS,
  nextBucketStartMs,
  nextBucketStartNs,
  TIMEFRAMES,
} from '../../../src/model/timeframe.js';
import { referenceBucketStart, referenceNextBucketStart } from '../store/candles/candle-reference.js';

const RUNS = { numRuns: 3000 };
const timeframe = fc.constantFrom(...TIMEFRAMES);
/** The whole range minus the last month at each end (where Date cannot show the reference's answer). */
const wideMs = fc.integer({ min: -MAX_EPOCH_MS + 32 * 86_400_000, max: MAX_EPOCH_MS - 32 * 86_400_000 });
/** 1900 .. 2200, where the data lives. */
const nearMs = fc.integer({ min: Date.parse('1900-01-01T00:00:00Z'), max: Date.parse('2200-01-01T00:00:00Z') });
const epochMs = fc.oneof(wideMs, nearMs);

describe('timeframe boundaries (property)', () => {
  it('equal the calendar-field reference for every timeframe', () => {
    fc.assert(
      fc.property(timeframe, epochMs, (frame, at) => {
        expect(bucketStartMs(frame, at)).toBe(referenceBucketStart(frame, at));
        expect(nextBucketStartMs(frame, at)).toBe(referenceNextBucketStart(frame, at));
      }),
      RUNS,
    );
  });

  it('hold the timestamp, are aligned, and tile the line without gaps', () => {
    fc.assert(
      fc.property(timeframe, epochMs, (frame, at) => {
        const start = bucketStartMs(frame, at);
        const next = nextBucketStartMs(frame, at);
        expect(start).toBeLessThanOrEqual(at);
        expect(at).toBeLessThan(next);
        expect(isBucketStartMs(frame, start)).toBe(true);
        expect(isBucketStartMs(frame, next)).toBe(true);
        expect(bucketStartMs(frame, next)).toBe(next);
        expect(bucketStartMs(frame, next - 1)).toBe(start);
        expect(nextBucketStartMs(frame, start)).toBe(next);
        if (at !== start) expect(isBucketStartMs(frame, at)).toBe(false);
        // Every boundary is a whole minute: that is what lets ns inputs use their floor ms.
        expect(start % 60_000 === 0).toBe(true);
      }),
      RUNS,
    );
  });

  it('agree between the ns and ms forms for any nanosecond', () => {
    fc.assert(
      fc.property(timeframe, nearMs, fc.integer({ min: 0, max: 999_999 }), (frame, at, nsOfMs) => {
        const ns = BigInt(at) * 1_000_000n + BigInt(nsOfMs);
        expect(bucketStartNs(frame, ns)).toBe(BigInt(bucketStartMs(frame, at)) * 1_000_000n);
        expect(nextBucketStartNs(frame, ns)).toBe(BigInt(nextBucketStartMs(frame, at)) * 1_000_000n);
        expect(isBucketStartNs(frame, ns)).toBe(nsOfMs === 0 && isBucketStartMs(frame, at));
      }),
      RUNS,
    );
  });
});
