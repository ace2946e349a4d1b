// Epoch-nanosecond timestamps as int64 in two u32 words, written and compared without bigint.
//
// 1.7e18 ns does not fit a JS number exactly (2^53 ≈ 9.0e15) and a bigint allocates, so records
// hold a timestamp as a little-endian int64 split into two u32 words of a Uint32Array:
//
//   index (even)   index + 1
//   +------------+------------+
//   | lo 32 bits | hi 32 bits |     value = hi × 2^32 + lo   (hi read as signed int32)
//   +------------+------------+
//
// `index` is even so the pair sits in one aligned 8-byte slot (readable as a BigInt64Array
// element by cold-path tools). Every hot helper splits its inputs into pieces whose products and
// sums stay below 2^53, so all carries are exact; the tests check each against bigint arithmetic.

import { ZVT_ERR_TIMESTAMP_RANGE, ZvtError } from './errors.js';

const TWO_POW_16 = 65_536;
const TWO_POW_32 = 4_294_967_296;
/** Largest hi word of a non-negative int64. */
const MAX_HI_WORD = 0x7fff_ffff;
const NANOS_PER_SECOND = 1_000_000_000;
const NANOS_PER_MILLISECOND = 1_000_000;
const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;

/** The two words of an int64 timestamp: `hi` and `lo` as stored (both u32, hi two's complement). */
export interface EpochNsParts {
  hi: number;
  lo: number;
}

/**
 * Writes `seconds × 1e9 + nanos` at `words[index]` (lo) and `words[index + 1]` (hi).
 * Both inputs are non-negative integers below 2^53; `nanos` may exceed 1e9 (it simply carries).
 * Throws ZVT_ERR_TIMESTAMP_RANGE on bad inputs or a result at or past 2^63.
 */
export function writeEpochNsParts(words: Uint32Array, index: number, seconds: number, nanos: number): void {
  writeScaledSum(words, index, seconds, NANOS_PER_SECOND, nanos);
}

/**
 * Writes `epochMs × 1e6 + extraNanos` (a venue's millisecond timestamp, plus any sub-millisecond
 * part the venue sent) at `words[index]`. Same input rules as writeEpochNsParts.
 */
export function writeEpochNsMs(words: Uint32Array, index: number, epochMs: number, extraNanos: number): void {
  writeScaledSum(words, index, epochMs, NANOS_PER_MILLISECOND, extraNanos);
}

/**
 * Writes `base + deltaNs` at `words[index]`, where base is given as its two words. This is how a
 * thread stamps records from a clock anchored once (base = epoch ns at the anchor, delta = ns
 * elapsed on the monotonic clock since). `deltaNs` is a non-negative integer below 2^53.
 */
export function writeEpochNsOffset(
  words: Uint32Array,
  index: number,
  baseHi: number,
  baseLo: number,
  deltaNs: number,
): void {
  if (!(Number.isSafeInteger(deltaNs) && deltaNs >= 0)) throwInputRange('deltaNs', deltaNs);
  const deltaLo = deltaNs % TWO_POW_32;
  const lo = (baseLo >>> 0) + deltaLo;
  // (baseHi | 0) keeps the sign of a negative base; the carry from lo is 0 or 1.
  const hi = (baseHi | 0) + (deltaNs - deltaLo) / TWO_POW_32 + (lo >= TWO_POW_32 ? 1 : 0);
  if (hi > MAX_HI_WORD) throwResultRange();
  words[index] = lo;
  words[index + 1] = hi;
}

/**
 * A − B for the timestamps at `words[indexA]` and `words[indexB]`, as a number. Exact whenever
 * |A − B| < 2^53 (about 104 days in ns): the word differences are exact and so is their sum when
 * the true sum is representable.
 */
export function epochNsDelta(words: Uint32Array, indexA: number, indexB: number): number {
  const hiDifference = (words[indexA + 1]! | 0) - (words[indexB + 1]! | 0);
  const loDifference = words[indexA]! - words[indexB]!;
  return hiDifference * TWO_POW_32 + loDifference;
}

/**
 * Whole milliseconds of the timestamp at `words[index]` (floor), exact for any non-negative
 * int64: for the store and for venue APIs that speak milliseconds.
 */
export function readEpochMs(words: Uint32Array, index: number): number {
  const hi = words[index + 1]! | 0;
  const lo = words[index]!;
  // hi × 2^32 = hi × 4294 × 1e6 + hi × 967296, and hi × 967296 + lo stays below 2^53.
  const rest = hi * 967_296 + lo;
  const restRemainder = rest % NANOS_PER_MILLISECOND;
  const restMs = (rest - restRemainder) / NANOS_PER_MILLISECOND;
  // A negative rest (negative timestamps) needs floor, not truncation.
  return hi * 4294 + restMs - (restRemainder < 0 ? 1 : 0);
}

/** Cold path: the timestamp at `words[index]` as a bigint. */
export function readEpochNsBig(words: Uint32Array, index: number): bigint {
  return BigInt.asIntN(64, (BigInt(words[index + 1]!) << 32n) | BigInt(words[index]!));
}

/** Cold path: writes a bigint timestamp (any int64) at `words[index]`. */
export function writeEpochNsBig(words: Uint32Array, index: number, value: bigint): void {
  const parts = splitEpochNs(value);
  words[index] = parts.lo;
  words[index + 1] = parts.hi;
}

/** Cold path: the two u32 words of an int64 timestamp, e.g. the base words for writeEpochNsOffset. */
export function splitEpochNs(value: bigint): EpochNsParts {
  if (value < MIN_INT64 || value > MAX_INT64) {
    throw new ZvtError(ZVT_ERR_TIMESTAMP_RANGE, `Timestamp ${value} ns does not fit an int64`, {
      value: value.toString(),
    });
  }
  const unsigned = BigInt.asUintN(64, value);
  return { hi: Number(unsigned >> 32n), lo: Number(unsigned & 0xffff_ffffn) };
}

/**
 * words = multiplicand × multiplier + addend, for multiplier < 2^30 and the others < 2^53.
 * The multiplicand is cut into 16/16/21-bit pieces so every partial product stays below 2^51.
 */
function writeScaledSum(
  words: Uint32Array,
  index: number,
  multiplicand: number,
  multiplier: number,
  addend: number,
): void {
  if (!(Number.isSafeInteger(multiplicand) && multiplicand >= 0)) throwInputRange('time', multiplicand);
  if (!(Number.isSafeInteger(addend) && addend >= 0)) throwInputRange('nanos', addend);
  const multiplicandLo = multiplicand % TWO_POW_32;
  const pieceHigh = (multiplicand - multiplicandLo) / TWO_POW_32; // < 2^21
  const pieceMiddle = (multiplicandLo - (multiplicandLo % TWO_POW_16)) / TWO_POW_16; // < 2^16
  const pieceLow = multiplicandLo % TWO_POW_16; // < 2^16
  const productLow = pieceLow * multiplier; // < 2^46, weight 1
  const productMiddle = pieceMiddle * multiplier; // < 2^46, weight 2^16
  const productHigh = pieceHigh * multiplier; // < 2^51, weight 2^32
  const productLowLo = productLow % TWO_POW_32;
  const productMiddleLo = productMiddle % TWO_POW_16;
  const addendLo = addend % TWO_POW_32;
  // Three terms below 2^32 each: the sum is exact and carries at most 2 into hi.
  const loSum = productLowLo + productMiddleLo * TWO_POW_16 + addendLo;
  const loWord = loSum % TWO_POW_32;
  const hi =
    (productLow - productLowLo) / TWO_POW_32 +
    (productMiddle - productMiddleLo) / TWO_POW_16 +
    productHigh +
    (addend - addendLo) / TWO_POW_32 +
    (loSum - loWord) / TWO_POW_32;
  if (hi > MAX_HI_WORD) throwResultRange();
  words[index] = loWord;
  words[index + 1] = hi;
}

function throwInputRange(name: string, value: number): never {
  throw new ZvtError(
    ZVT_ERR_TIMESTAMP_RANGE,
    `Timestamp input ${name} must be a non-negative safe integer (got ${String(value)})`,
    { name, value },
  );
}

function throwResultRange(): never {
  throw new ZvtError(ZVT_ERR_TIMESTAMP_RANGE, 'Timestamp does not fit an int64 (result at or past 2^63 ns)');
}
