// Unit tests of the two-word epoch-nanosecond helpers: known values, carries, int64 edges, input checks.
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

const words = (): Uint32Array => new Uint32Array(8);

describe('timestamp words', () => {
  it('stores lo at index and hi at index + 1 (little-endian int64 in one 8-byte slot)', () => {
    const target = words();
    writeEpochNsBig(target, 2, 0x0123_4567_89ab_cdefn);
    expect(target[2]).toBe(0x89ab_cdef);
    expect(target[3]).toBe(0x0123_4567);
    expect(new BigInt64Array(target.buffer)[1]).toBe(0x0123_4567_89ab_cdefn);
  });

  it('writes a Bybit millisecond timestamp exactly', () => {
    const target = words();
    writeEpochNsMs(target, 0, 1_786_310_817_583, 0);
    expect(readEpochNsBig(target, 0)).toBe(1_786_310_817_583_000_000n);
    writeEpochNsMs(target, 0, 1_786_310_817_583, 999_999);
    expect(readEpochNsBig(target, 0)).toBe(1_786_310_817_583_999_999n);
    expect(readEpochMs(target, 0)).toBe(1_786_310_817_583);
  });

  it('writes seconds + nanos with a carry when nanos exceed a second', () => {
    const target = words();
    writeEpochNsParts(target, 0, 1_633_998_512, 2_500_000_000);
    expect(readEpochNsBig(target, 0)).toBe(1_633_998_514_500_000_000n);
    // 2^32 - 1 lo word plus one more nanosecond must carry into hi.
    writeEpochNsParts(target, 0, 4, 294_967_295);
    expect(readEpochNsBig(target, 0)).toBe(4_294_967_295n);
    expect(target[0]).toBe(0xffff_ffff);
    writeEpochNsParts(target, 0, 4, 294_967_296);
    expect([target[0], target[1]]).toEqual([0, 1]);
  });

  it('adds an offset to a base with carry, as an anchored clock does', () => {
    const target = words();
    const base = splitEpochNs(0x0000_0001_ffff_fff0n);
    writeEpochNsOffset(target, 4, base.hi, base.lo, 0x20);
    expect(readEpochNsBig(target, 4)).toBe(0x0000_0002_0000_0010n);
    writeEpochNsOffset(target, 4, base.hi, base.lo, 2 ** 53 - 1);
    expect(readEpochNsBig(target, 4)).toBe(0x0000_0001_ffff_fff0n + 2n ** 53n - 1n);
  });

  it('keeps the sign of a negative base', () => {
    const target = words();
    const base = splitEpochNs(-10n);
    writeEpochNsOffset(target, 0, base.hi, base.lo, 25);
    expect(readEpochNsBig(target, 0)).toBe(15n);
  });

  it('takes exact differences, negative ones included, up to 2^53', () => {
    const target = words();
    writeEpochNsBig(target, 0, 1_786_310_817_583_000_123n);
    writeEpochNsBig(target, 2, 1_786_310_817_582_999_999n);
    expect(epochNsDelta(target, 0, 2)).toBe(124);
    expect(epochNsDelta(target, 2, 0)).toBe(-124);
    writeEpochNsBig(target, 4, 1_786_310_817_583_000_123n + 2n ** 53n - 1n);
    expect(epochNsDelta(target, 4, 0)).toBe(2 ** 53 - 1);
  });

  it('floors milliseconds of negative timestamps', () => {
    const target = words();
    writeEpochNsBig(target, 0, -1n);
    expect(readEpochMs(target, 0)).toBe(-1);
    writeEpochNsBig(target, 0, -1_000_000n);
    expect(readEpochMs(target, 0)).toBe(-1);
    writeEpochNsBig(target, 0, 2n ** 63n - 1n);
    expect(readEpochMs(target, 0)).toBe(Number((2n ** 63n - 1n) / 1_000_000n));
  });

  it.each([
    ['negative seconds', () => writeEpochNsParts(words(), 0, -1, 0)],
    ['fractional seconds', () => writeEpochNsParts(words(), 0, 1.5, 0)],
    ['NaN nanos', () => writeEpochNsParts(words(), 0, 1, Number.NaN)],
    ['unsafe milliseconds', () => writeEpochNsMs(words(), 0, 2 ** 53, 0)],
    ['a result at 2^63', () => writeEpochNsParts(words(), 0, 9_223_372_036, 854_775_808)],
    ['a negative delta', () => writeEpochNsOffset(words(), 0, 0, 0, -1)],
    ['a fractional delta', () => writeEpochNsOffset(words(), 0, 0, 0, 0.5)],
    ['an offset past 2^63', () => writeEpochNsOffset(words(), 0, 0x7fff_ffff, 0xffff_ffff, 1)],
    ['a bigint past int64', () => writeEpochNsBig(words(), 0, 2n ** 63n)],
    ['a bigint below int64', () => splitEpochNs(-(2n ** 63n) - 1n)],
  ])('rejects %s with ZVT_ERR_TIMESTAMP_RANGE', (_name, action) => {
    expect(action).toThrow(ZvtError);
    try {
      action();
    } catch (error) {
      expect((error as ZvtError).code).toBe(ZVT_ERR_TIMESTAMP_RANGE);
    }
  });

  it('accepts the largest int64 through the parts writer', () => {
    const target = words();
    writeEpochNsParts(target, 0, 9_223_372_036, 854_775_807);
    expect(readEpochNsBig(target, 0)).toBe(2n ** 63n - 1n);
  });
});
