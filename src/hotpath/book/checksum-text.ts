// Fast ASCII writer of `mantissa × 10^-decimals` with exactly `textDecimals` fraction digits, for the OKX checksum text.
import { MAX_DECIMALS, writeDecimalFixedBytes } from '../../model/fixed-point.js';

const CHAR_ZERO = 48;
const CHAR_DOT = 46;
const POWERS_OF_TEN: readonly number[] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
/** Ones and tens digit of 0..99. */
const ONES = Uint8Array.from({ length: 100 }, (_, value) => value % 10);
const TENS = Uint8Array.from({ length: 100 }, (_, value) => Math.floor(value / 10));
/** Reversed digits of one number; a safe integer has at most 16. */
const digits = new Uint8Array(64);

/**
 * Same bytes as model's writeDecimalFixedBytes (which it falls back to for negative mantissas and
 * for text decimals that would drop a nonzero digit, so those throw exactly as it does), without
 * its per-call validation: the book stores only what the record carried, a u8 of text decimals and
 * a safe-integer mantissa. The caller guarantees room (at most 1 + 16 + 1 + MAX_DECIMALS bytes).
 */
export function writeChecksumDecimal(target: Uint8Array, offset: number, mantissa: number, decimals: number, textDecimals: number): number {
  let magnitude = mantissa;
  let fractionDigits = decimals;
  if (textDecimals < decimals) {
    const dropped = decimals - textDecimals;
    const divisor = dropped < POWERS_OF_TEN.length ? POWERS_OF_TEN[dropped]! : Infinity;
    if (mantissa < 0 || magnitude % divisor !== 0) return writeDecimalFixedBytes(target, offset, mantissa, decimals, textDecimals);
    magnitude = magnitude / divisor;
    fractionDigits = textDecimals;
  } else if (mantissa < 0 || textDecimals > MAX_DECIMALS) {
    return writeDecimalFixedBytes(target, offset, mantissa, decimals, textDecimals);
  }
  // Digits, least significant first; at least fractionDigits + 1 of them (a leading "0.").
  let count = 0;
  if (magnitude <= 0x7fffffff) {
    // Two digits per (constant) division.
    let rest = magnitude | 0;
    while (rest >= 100) {
      const quotient = (rest / 100) | 0;
      const pair = rest - quotient * 100;
      digits[count++] = ONES[pair]!;
      digits[count++] = TENS[pair]!;
      rest = quotient;
    }
    digits[count++] = ONES[rest]!;
    if (rest >= 10) digits[count++] = TENS[rest]!;
  } else {
    let rest = magnitude;
    do {
      const digit = rest % 10;
      digits[count++] = digit;
      // Exact: rest - digit is a multiple of 10 (rest / 10 could round up near 2^53).
      rest = (rest - digit) / 10;
    } while (rest !== 0);
  }
  while (count <= fractionDigits) digits[count++] = 0;
  let cursor = offset;
  for (let index = count - 1; index >= fractionDigits; index--) target[cursor++] = CHAR_ZERO + digits[index]!;
  if (textDecimals > 0) {
    target[cursor++] = CHAR_DOT;
    for (let index = fractionDigits - 1; index >= 0; index--) target[cursor++] = CHAR_ZERO + digits[index]!;
    for (let pad = fractionDigits; pad < textDecimals; pad++) target[cursor++] = CHAR_ZERO;
  }
  return cursor;
}
