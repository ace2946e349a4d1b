// Property tests of every two-word timestamp helper against bigint arithmetic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  epochNsDelta,
  readEpochMs,
  readEpochNsBig,
  splitEpochNs,
  writeEpochNsBig,
  writeEpochNsMs,
  writeEpochNsOffset,
  writeEpochNsParts,
  ZVT_ERR_TIMESTAMP_RANGE,
  ZvtError,
} from '../../../src/model/index.js';

const MAX_INT64 = 2n ** 63n - 1n;
const MIN_INT64 = -(2n ** 63n);
const RUNS = { numRuns: 3000 };

/** Safe non-negative integers, biased towards realistic ranges and 2^32 / 2^53 edges. */
const safeNonNegative = fc.oneof(
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: 0, max: 2 ** 32 + 10 }),
  fc.integer({ min: 1_600_000_000_000, max: 2_000_000_000_000 }),
  fc.integer({ min: 0, max: 2_000_000_000 }),
  fc.constantFrom(0, 1, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, 999_999_999, 1_000_000_000),
);
const int64 = fc.oneof(
  fc.bigInt({ min: MIN_INT64, max: MAX_INT64 }),
  fc.bigInt({ min: 1_600_000_000_000_000_000n, max: 2_000_000_000_000_000_000n }),
  fc.constantFrom(0n, -1n, MAX_INT64, MIN_INT64, 2n ** 32n - 1n, 2n ** 32n),
);

/** Runs a writer; returns the bigint it wrote, or 'range' if it threw ZVT_ERR_TIMESTAMP_RANGE. */
function written(write: (target: Uint32Array) => void): bigint | 'range' {
  // Index 2 with sentinels around: helpers must touch exactly their two words.
  const target = new Uint32Array([0xdead_beef, 0xdead_beef, 7, 7, 0xdead_beef, 0xdead_beef]);
  try {
    write(target);
  } catch (error) {
    if (error instanceof ZvtError && error.code === ZVT_ERR_TIMESTAMP_RANGE) {
      expect([...target]).toEqual([0xdead_beef, 0xdead_beef, 7, 7, 0xdead_beef, 0xdead_beef]);
      return 'range';
    }
    throw error;
  }
  expect([target[0], target[1], target[4], target[5]]).toEqual([0xdead_beef, 0xdead_beef, 0xdead_beef, 0xdead_beef]);
  return readEpochNsBig(target, 2);
}

const inInt64 = (value: bigint): bigint | 'range' => (value > MAX_INT64 || value < MIN_INT64 ? 'range' : value);

describe('timestamp helpers vs bigint', () => {
  it('writeEpochNsParts = seconds × 1e9 + nanos', () => {
    fc.assert(
      fc.property(safeNonNegative, safeNonNegative, (seconds, nanos) => {
        expect(written((target) => writeEpochNsParts(target, 2, seconds, nanos))).toBe(
          inInt64(BigInt(seconds) * 1_000_000_000n + BigInt(nanos)),
        );
      }),
      RUNS,
    );
  });

  it('writeEpochNsMs = ms × 1e6 + extra nanos', () => {
    fc.assert(
      fc.property(safeNonNegative, safeNonNegative, (epochMs, extraNanos) => {
        expect(written((target) => writeEpochNsMs(target, 2, epochMs, extraNanos))).toBe(
          inInt64(BigInt(epochMs) * 1_000_000n + BigInt(extraNanos)),
        );
      }),
      RUNS,
    );
  });

  it('writeEpochNsOffset = base + delta', () => {
    fc.assert(
      fc.property(int64, safeNonNegative, (base, delta) => {
        const { hi, lo } = splitEpochNs(base);
        expect(written((target) => writeEpochNsOffset(target, 2, hi, lo, delta))).toBe(inInt64(base + BigInt(delta)));
      }),
      RUNS,
    );
  });

  it('epochNsDelta = A − B whenever |A − B| < 2^53', () => {
    const nearPair = fc
      .tuple(int64, fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n }))
      .map(([a, difference]) => [a, a - difference] as const)
      .filter(([, b]) => b >= MIN_INT64 && b <= MAX_INT64);
    fc.assert(
      fc.property(nearPair, ([a, b]) => {
        const target = new Uint32Array(6);
        writeEpochNsBig(target, 0, a);
        writeEpochNsBig(target, 4, b);
        expect(epochNsDelta(target, 0, 4)).toBe(Number(a - b));
      }),
      RUNS,
    );
  });

  it('readEpochMs = floor(ns / 1e6)', () => {
    fc.assert(
      fc.property(int64, (value) => {
        const target = new Uint32Array(2);
        writeEpochNsBig(target, 0, value);
        const truncated = value / 1_000_000n;
        const floored = value < 0n && truncated * 1_000_000n !== value ? truncated - 1n : truncated;
        expect(readEpochMs(target, 0)).toBe(Number(floored));
      }),
      RUNS,
    );
  });

  it('split / write / read round-trip every int64', () => {
    fc.assert(
      fc.property(int64, (value) => {
        const { hi, lo } = splitEpochNs(value);
        expect(hi).toBeGreaterThanOrEqual(0);
        expect(hi).toBeLessThanOrEqual(0xffff_ffff);
        expect(lo).toBeGreaterThanOrEqual(0);
        expect(lo).toBeLessThanOrEqual(0xffff_ffff);
        expect(BigInt.asIntN(64, (BigInt(hi) << 32n) + BigInt(lo))).toBe(value);
        expect(written((target) => writeEpochNsBig(target, 2, value))).toBe(value);
      }),
      RUNS,
    );
  });
});
