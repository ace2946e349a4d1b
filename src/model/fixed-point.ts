// Fixed-point decimals: integer mantissas at a decimal scale, parsed from and formatted to text exactly.
//
// A price or size is `mantissa × 10^-decimals`. The mantissa lives in a JS number while it is a
// safe integer (|m| <= 2^53 - 1); arithmetic that can pass that (notional, PnL) uses the bigint
// twins below. Text is parsed digit by digit (charCodeAt / bytes), never through parseFloat, so
// "0.1" at 8 decimals is exactly 10000000 and nothing is ever rounded silently: a digit that does
// not fit the scale, or a mantissa that does not fit a safe integer, throws.
//
// Accepted text: `[-]digits[.digits][(e|E)[+|-]digits]`. No leading '+', no leading or trailing
// '.', no spaces, no hex, no NaN/Infinity. The exponent shifts the decimal point exactly.

import {
  ZVT_ERR_BYTE_RANGE,
  ZVT_ERR_DECIMAL_ARGUMENT,
  ZVT_ERR_DECIMAL_OVERFLOW,
  ZVT_ERR_DECIMAL_PRECISION,
  ZVT_ERR_DECIMAL_SYNTAX,
  ZvtError,
} from './errors.js';

/** Largest scale the number functions accept. 10^-36 is far below any venue's tick. */
export const MAX_DECIMALS = 36;
/** Largest scale the bigint functions accept: room for price decimals + size decimals products. */
export const MAX_BIG_DECIMALS = 72;
/** Digit limit of bigint mantissas, so a text like "1e999999999" cannot eat the heap. */
export const MAX_BIG_DIGITS = 4096;

const CHAR_MINUS = 45;
const CHAR_PLUS = 43;
const CHAR_DOT = 46;
const CHAR_ZERO = 48;
const CHAR_LOWER_E = 101;
const CHAR_UPPER_E = 69;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** Exponents are clamped here while scanning; any |exponent| this large already decides the outcome. */
const EXPONENT_CLAMP = 1_000_000_000;
/** 10^k is exact in a double up to k = 22; beyond that any nonzero mantissa overflows anyway. */
const MAX_EXACT_POWER = 22;
/** Longest text quoted in an error message. */
const MAX_QUOTED_TEXT = 80;

/**
 * 10^k for k = 0..MAX_DECIMALS. Entries above 10^22 are not exact, which is harmless: they are
 * only ever multiplied by a nonzero integer to detect overflow (anything >= 10^16 overflows).
 */
const POWERS_OF_TEN: readonly number[] = Array.from({ length: MAX_DECIMALS + 1 }, (_, power) => 10 ** power);

const DECIMAL_PATTERN = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

// ---------------------------------------------------------------------------------------------
// Parsing to a number (hot path)
// ---------------------------------------------------------------------------------------------

/**
 * Parses decimal text to an integer mantissa at `decimals` ("1.23" at 2 → 123, "1e-8" at 8 → 1).
 * Trailing zeros beyond the scale are fine; a nonzero digit beyond it throws
 * ZVT_ERR_DECIMAL_PRECISION, a result beyond ±(2^53 - 1) throws ZVT_ERR_DECIMAL_OVERFLOW,
 * malformed text throws ZVT_ERR_DECIMAL_SYNTAX. Allocates nothing unless it throws.
 */
export function parseDecimal(text: string, decimals: number): number {
  if (!isNumberScale(decimals)) throwDecimalsArgument(decimals, MAX_DECIMALS);
  const length = text.length;
  let index = 0;
  let negative = false;
  if (length !== 0 && text.charCodeAt(0) === CHAR_MINUS) {
    negative = true;
    index = 1;
  }
  const integerStart = index;
  let value = 0;
  while (index < length) {
    const digit = text.charCodeAt(index) - CHAR_ZERO;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
    index++;
  }
  if (index === integerStart) throwDecimalSyntax(text);
  let scaleLeft = decimals;
  // A nonzero digit past the scale is only an error if no exponent follows to shift it back in.
  let excessDigit = false;
  if (index < length && text.charCodeAt(index) === CHAR_DOT) {
    index++;
    const fractionStart = index;
    while (index < length) {
      const digit = text.charCodeAt(index) - CHAR_ZERO;
      if (digit < 0 || digit > 9) break;
      if (scaleLeft > 0) {
        value = value * 10 + digit;
        scaleLeft--;
      } else if (digit !== 0) {
        excessDigit = true;
      }
      index++;
    }
    if (index === fractionStart) throwDecimalSyntax(text);
  }
  if (index < length) {
    const code = text.charCodeAt(index);
    if (code === CHAR_LOWER_E || code === CHAR_UPPER_E) return parseExponentText(text, decimals);
    throwDecimalSyntax(text);
  }
  if (excessDigit) throwDecimalPrecision(text, decimals);
  // Once the true value passes 2^53 the rounded one cannot fall back below it, so one check at
  // the end is exact: every intermediate value was exact if the final one is safe.
  if (scaleLeft > 0 && value !== 0) value *= POWERS_OF_TEN[scaleLeft]!;
  if (value > MAX_SAFE) throwDecimalOverflow(text, decimals);
  // `0 - 0` is +0: "-0" and "-0.00" must never produce -0.
  return negative ? 0 - value : value;
}

/** The exponent form of parseDecimal, kept out of the common path. Same rules, same errors. */
function parseExponentText(text: string, decimals: number): number {
  const length = text.length;
  const negative = text.charCodeAt(0) === CHAR_MINUS;
  let index = negative ? 1 : 0;
  const integerStart = index;
  while (index < length && isDigitCode(text.charCodeAt(index))) index++;
  const integerDigits = index - integerStart;
  let fractionStart = index;
  let fractionDigits = 0;
  if (text.charCodeAt(index) === CHAR_DOT) {
    index++;
    fractionStart = index;
    while (index < length && isDigitCode(text.charCodeAt(index))) index++;
    fractionDigits = index - fractionStart;
  }
  index++; // the 'e' or 'E' that sent us here
  let exponentNegative = false;
  if (index < length) {
    const sign = text.charCodeAt(index);
    if (sign === CHAR_MINUS) {
      exponentNegative = true;
      index++;
    } else if (sign === CHAR_PLUS) {
      index++;
    }
  }
  const exponentStart = index;
  let exponent = 0;
  while (index < length) {
    const digit = text.charCodeAt(index) - CHAR_ZERO;
    if (digit < 0 || digit > 9) break;
    if (exponent < EXPONENT_CLAMP) exponent = exponent * 10 + digit;
    index++;
  }
  if (index === exponentStart || index !== length) throwDecimalSyntax(text);
  if (exponentNegative) exponent = -exponent;

  // Digits that land at or above 10^-decimals form the mantissa; the rest must be zeros.
  const keep = integerDigits + exponent + decimals;
  const total = integerDigits + fractionDigits;
  let value = 0;
  for (let position = 0; position < total; position++) {
    const digit =
      text.charCodeAt(position < integerDigits ? integerStart + position : fractionStart + position - integerDigits) -
      CHAR_ZERO;
    if (position < keep) value = value * 10 + digit;
    else if (digit !== 0) throwDecimalPrecision(text, decimals);
  }
  if (keep > total && value !== 0) {
    const shift = keep - total;
    if (shift > MAX_EXACT_POWER) throwDecimalOverflow(text, decimals);
    value *= 10 ** shift;
  }
  if (value > MAX_SAFE) throwDecimalOverflow(text, decimals);
  return negative ? 0 - value : value;
}

/**
 * parseDecimal over ASCII bytes `[start, end)` of a buffer, for byte scanners of WebSocket frames.
 * Identical results and error codes; allocates nothing on the success path.
 */
export function parseDecimalBytes(bytes: Uint8Array, start: number, end: number, decimals: number): number {
  if (!isNumberScale(decimals)) throwDecimalsArgument(decimals, MAX_DECIMALS);
  // Integer, in-range indices are what keeps `bytes[index]` a number (NaN would pass as a digit).
  if (!isByteRange(bytes, start, end)) throwByteRange(bytes, start, end);
  let index = start;
  let negative = false;
  if (end !== start && bytes[start] === CHAR_MINUS) {
    negative = true;
    index = start + 1;
  }
  const integerStart = index;
  let value = 0;
  while (index < end) {
    const digit = bytes[index]! - CHAR_ZERO;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
    index++;
  }
  if (index === integerStart) throwDecimalSyntaxBytes(bytes, start, end);
  let scaleLeft = decimals;
  let excessDigit = false;
  if (index < end && bytes[index] === CHAR_DOT) {
    index++;
    const fractionStart = index;
    while (index < end) {
      const digit = bytes[index]! - CHAR_ZERO;
      if (digit < 0 || digit > 9) break;
      if (scaleLeft > 0) {
        value = value * 10 + digit;
        scaleLeft--;
      } else if (digit !== 0) {
        excessDigit = true;
      }
      index++;
    }
    if (index === fractionStart) throwDecimalSyntaxBytes(bytes, start, end);
  }
  if (index < end) {
    const code = bytes[index];
    if (code === CHAR_LOWER_E || code === CHAR_UPPER_E) return parseExponentBytes(bytes, start, end, decimals);
    throwDecimalSyntaxBytes(bytes, start, end);
  }
  if (excessDigit) throwDecimalPrecisionBytes(bytes, start, end, decimals);
  if (scaleLeft > 0 && value !== 0) value *= POWERS_OF_TEN[scaleLeft]!;
  if (value > MAX_SAFE) throwDecimalOverflowBytes(bytes, start, end, decimals);
  return negative ? 0 - value : value;
}

/** The exponent form of parseDecimalBytes. Mirrors parseExponentText line for line. */
function parseExponentBytes(bytes: Uint8Array, start: number, end: number, decimals: number): number {
  const negative = bytes[start] === CHAR_MINUS;
  let index = negative ? start + 1 : start;
  const integerStart = index;
  while (index < end && isDigitCode(bytes[index]!)) index++;
  const integerDigits = index - integerStart;
  let fractionStart = index;
  let fractionDigits = 0;
  if (bytes[index] === CHAR_DOT) {
    index++;
    fractionStart = index;
    while (index < end && isDigitCode(bytes[index]!)) index++;
    fractionDigits = index - fractionStart;
  }
  index++;
  let exponentNegative = false;
  if (index < end) {
    const sign = bytes[index];
    if (sign === CHAR_MINUS) {
      exponentNegative = true;
      index++;
    } else if (sign === CHAR_PLUS) {
      index++;
    }
  }
  const exponentStart = index;
  let exponent = 0;
  while (index < end) {
    const digit = bytes[index]! - CHAR_ZERO;
    if (digit < 0 || digit > 9) break;
    if (exponent < EXPONENT_CLAMP) exponent = exponent * 10 + digit;
    index++;
  }
  if (index === exponentStart || index !== end) throwDecimalSyntaxBytes(bytes, start, end);
  if (exponentNegative) exponent = -exponent;

  const keep = integerDigits + exponent + decimals;
  const total = integerDigits + fractionDigits;
  let value = 0;
  for (let position = 0; position < total; position++) {
    const digit =
      bytes[position < integerDigits ? integerStart + position : fractionStart + position - integerDigits]! - CHAR_ZERO;
    if (position < keep) value = value * 10 + digit;
    else if (digit !== 0) throwDecimalPrecisionBytes(bytes, start, end, decimals);
  }
  if (keep > total && value !== 0) {
    const shift = keep - total;
    if (shift > MAX_EXACT_POWER) throwDecimalOverflowBytes(bytes, start, end, decimals);
    value *= 10 ** shift;
  }
  if (value > MAX_SAFE) throwDecimalOverflowBytes(bytes, start, end, decimals);
  return negative ? 0 - value : value;
}

/**
 * Fraction digits of decimal text as written, over bytes `[start, end)` ("0.10" → 2, "5" → 0;
 * with an exponent, the fraction digits of the positional form: "1.50e-3" → 5). Meant for text
 * that parseDecimalBytes accepted: it does not re-validate. Allocates nothing.
 */
export function textDecimalsOfBytes(bytes: Uint8Array, start: number, end: number): number {
  let index = start;
  while (index < end && bytes[index] !== CHAR_DOT && bytes[index] !== CHAR_LOWER_E && bytes[index] !== CHAR_UPPER_E) {
    index++;
  }
  let fractionDigits = 0;
  if (index < end && bytes[index] === CHAR_DOT) {
    index++;
    const fractionStart = index;
    while (index < end && bytes[index] !== CHAR_LOWER_E && bytes[index] !== CHAR_UPPER_E) index++;
    fractionDigits = index - fractionStart;
  }
  if (index >= end) return fractionDigits;
  index++;
  let exponentNegative = false;
  if (bytes[index] === CHAR_MINUS) {
    exponentNegative = true;
    index++;
  } else if (bytes[index] === CHAR_PLUS) {
    index++;
  }
  let exponent = 0;
  while (index < end) {
    if (exponent < EXPONENT_CLAMP) exponent = exponent * 10 + (bytes[index]! - CHAR_ZERO);
    index++;
  }
  const shifted = exponentNegative ? fractionDigits + exponent : fractionDigits - exponent;
  return shifted > 0 ? shifted : 0;
}

// ---------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------

/**
 * Canonical text of `mantissa × 10^-decimals`: no exponent, trailing fraction zeros trimmed, no
 * trailing '.', "0" for zero, never "-0". The mantissa must be a safe integer.
 */
export function formatDecimal(mantissa: number, decimals: number): string {
  if (!isNumberScale(decimals)) throwDecimalsArgument(decimals, MAX_DECIMALS);
  if (!Number.isSafeInteger(mantissa)) throwMantissaArgument(mantissa);
  if (mantissa === 0) return '0';
  const negative = mantissa < 0;
  // String() of a safe integer never uses exponent notation (that starts at 1e21).
  return placeDecimalPoint(String(negative ? -mantissa : mantissa), decimals, negative);
}

/**
 * Text of `mantissa × 10^-decimals` with exactly `textDecimals` fraction digits, padding with
 * zeros or dropping zeros (a nonzero dropped digit throws ZVT_ERR_DECIMAL_PRECISION). Rebuilds the
 * exact text a venue sent, e.g. "0.10" for OKX checksums. Never "-0...".
 */
export function formatDecimalFixed(mantissa: number, decimals: number, textDecimals: number): string {
  if (!isNumberScale(decimals)) throwDecimalsArgument(decimals, MAX_DECIMALS);
  if (!isNumberScale(textDecimals)) throwDecimalsArgument(textDecimals, MAX_DECIMALS);
  if (!Number.isSafeInteger(mantissa)) throwMantissaArgument(mantissa);
  const negative = mantissa < 0;
  return placeDecimalPointFixed(String(negative ? -mantissa : mantissa), decimals, textDecimals, negative && mantissa !== 0);
}

/**
 * Writes the formatDecimalFixed text as ASCII into `target` at `offset` and returns the offset
 * just past it. Allocates nothing: for checksums over rebuilt venue text (OKX CRC32) on the hot
 * path. At most 2 + 16 + MAX_DECIMALS bytes are written; a short target throws ZVT_ERR_BYTE_RANGE.
 */
export function writeDecimalFixedBytes(
  target: Uint8Array,
  offset: number,
  mantissa: number,
  decimals: number,
  textDecimals: number,
): number {
  if (!isNumberScale(decimals)) throwDecimalsArgument(decimals, MAX_DECIMALS);
  if (!isNumberScale(textDecimals)) throwDecimalsArgument(textDecimals, MAX_DECIMALS);
  if (!Number.isSafeInteger(mantissa)) throwMantissaArgument(mantissa);
  let magnitude = mantissa < 0 ? -mantissa : mantissa;
  let fractionDigits = decimals;
  if (textDecimals < decimals) {
    const dropped = decimals - textDecimals;
    if (dropped > MAX_EXACT_POWER) {
      // A safe integer is below 10^16, so only zero survives dropping this many digits.
      if (magnitude !== 0) throwMantissaPrecision(mantissa, decimals, textDecimals);
    } else {
      const divisor = POWERS_OF_TEN[dropped]!;
      if (magnitude % divisor !== 0) throwMantissaPrecision(mantissa, decimals, textDecimals);
      magnitude = magnitude / divisor;
    }
    fractionDigits = textDecimals;
  }
  const padZeros = textDecimals - fractionDigits;
  // Split into integer part and fraction part; beyond 15 fraction digits the integer part is 0.
  let integerPart = 0;
  let fractionPart = magnitude;
  if (fractionDigits <= 15) {
    const unit = POWERS_OF_TEN[fractionDigits]!;
    fractionPart = magnitude % unit;
    integerPart = (magnitude - fractionPart) / unit;
  }
  const integerDigits = digitCount(integerPart);
  const length =
    (mantissa < 0 && magnitude !== 0 ? 1 : 0) + integerDigits + (textDecimals > 0 ? 1 + textDecimals : 0);
  if (!(Number.isInteger(offset) && offset >= 0 && offset + length <= target.length)) {
    throwByteRange(target, offset, offset + length);
  }
  let cursor = offset;
  if (mantissa < 0 && magnitude !== 0) target[cursor++] = CHAR_MINUS;
  cursor += integerDigits;
  writeDigitsBackwards(target, cursor, integerPart, integerDigits);
  if (textDecimals > 0) {
    target[cursor++] = CHAR_DOT;
    writeDigitsBackwards(target, cursor + fractionDigits, fractionPart, fractionDigits);
    cursor += fractionDigits;
    for (let pad = 0; pad < padZeros; pad++) target[cursor++] = CHAR_ZERO;
  }
  return cursor;
}

/** Writes exactly `count` digits of `value` ending just before `end` (leading zeros if short). */
function writeDigitsBackwards(target: Uint8Array, end: number, value: number, count: number): void {
  let rest = value;
  for (let position = end - 1; position >= end - count; position--) {
    const digit = rest % 10;
    target[position] = CHAR_ZERO + digit;
    // Exact division: `rest - digit` is a multiple of 10 (rest / 10 could round up near 2^53).
    rest = (rest - digit) / 10;
  }
}

/** Decimal digits of a non-negative safe integer; 1 for zero. */
function digitCount(value: number): number {
  let count = 1;
  while (count <= 15 && value >= POWERS_OF_TEN[count]!) count++;
  return count;
}

// ---------------------------------------------------------------------------------------------
// Scale inspection and rescaling (cold path)
// ---------------------------------------------------------------------------------------------

/** Fewest decimals that represent the text's value exactly ("0.00010000" → 4, "100" → 0, "1e-8" → 8). */
export function decimalsOf(text: string): number {
  const parts = matchDecimal(text);
  const digits = parts.integerDigits + parts.fractionDigits;
  let lastNonzero = digits.length - 1;
  while (lastNonzero >= 0 && digits.charCodeAt(lastNonzero) === CHAR_ZERO) lastNonzero--;
  if (lastNonzero < 0) return 0;
  const needed = lastNonzero + 1 - (parts.integerDigits.length + parts.exponent);
  return needed > 0 ? needed : 0;
}

/** Fraction digits as written ("0.10" → 2, "5" → 0); with an exponent, of the positional form ("1.50e-3" → 5). */
export function textDecimalsOf(text: string): number {
  const parts = matchDecimal(text);
  const shifted = parts.fractionDigits.length - parts.exponent;
  return shifted > 0 ? shifted : 0;
}

/** Moves a mantissa from one scale to another: exact, or ZVT_ERR_DECIMAL_PRECISION / _OVERFLOW. */
export function rescale(mantissa: number, fromDecimals: number, toDecimals: number): number {
  if (!isNumberScale(fromDecimals)) throwDecimalsArgument(fromDecimals, MAX_DECIMALS);
  if (!isNumberScale(toDecimals)) throwDecimalsArgument(toDecimals, MAX_DECIMALS);
  if (!Number.isSafeInteger(mantissa)) throwMantissaArgument(mantissa);
  if (mantissa === 0) return 0;
  if (toDecimals >= fromDecimals) {
    const shift = toDecimals - fromDecimals;
    if (shift > MAX_EXACT_POWER) throwRescaleOverflow(mantissa, fromDecimals, toDecimals);
    const result = mantissa * POWERS_OF_TEN[shift]!;
    if (result > MAX_SAFE || result < -MAX_SAFE) throwRescaleOverflow(mantissa, fromDecimals, toDecimals);
    return result;
  }
  const shift = fromDecimals - toDecimals;
  if (shift > MAX_EXACT_POWER) throwMantissaPrecision(mantissa, fromDecimals, toDecimals);
  const divisor = POWERS_OF_TEN[shift]!;
  if (mantissa % divisor !== 0) throwMantissaPrecision(mantissa, fromDecimals, toDecimals);
  return mantissa / divisor;
}

// ---------------------------------------------------------------------------------------------
// bigint twins (cold path: notional, PnL, anything that can pass 2^53)
// ---------------------------------------------------------------------------------------------

/** parseDecimal to a bigint mantissa: same grammar and errors, no 2^53 limit (MAX_BIG_DIGITS digits). */
export function parseDecimalBig(text: string, decimals: number): bigint {
  if (!isBigScale(decimals)) throwDecimalsArgument(decimals, MAX_BIG_DECIMALS);
  const parts = matchDecimal(text);
  const allDigits = parts.integerDigits + parts.fractionDigits;
  // Leading zeros carry no value; dropping them first keeps the digit limit about real digits.
  let leadingZeros = 0;
  while (leadingZeros < allDigits.length && allDigits.charCodeAt(leadingZeros) === CHAR_ZERO) leadingZeros++;
  if (leadingZeros === allDigits.length) return 0n;
  const digits = allDigits.slice(leadingZeros);
  // How many of the significant digits land at or above 10^-decimals.
  const keep = parts.integerDigits.length - leadingZeros + parts.exponent + decimals;
  let kept: string;
  if (keep < digits.length) {
    // The first significant digit is nonzero, so keep <= 0 always loses it.
    if (keep <= 0 || !isAllZeros(digits, keep)) throwDecimalPrecision(text, decimals);
    kept = digits.slice(0, keep);
  } else {
    if (keep > MAX_BIG_DIGITS) throwDecimalOverflow(text, decimals);
    kept = digits + '0'.repeat(keep - digits.length);
  }
  if (kept.length > MAX_BIG_DIGITS) throwDecimalOverflow(text, decimals);
  const magnitude = BigInt(kept);
  return parts.negative ? -magnitude : magnitude;
}

/** Canonical text of a bigint mantissa at `decimals` (same rules as formatDecimal). */
export function formatDecimalBig(value: bigint, decimals: number): string {
  if (!isBigScale(decimals)) throwDecimalsArgument(decimals, MAX_BIG_DECIMALS);
  if (value === 0n) return '0';
  const negative = value < 0n;
  return placeDecimalPoint((negative ? -value : value).toString(), decimals, negative);
}

/** rescale for bigint mantissas: exact, or ZVT_ERR_DECIMAL_PRECISION. */
export function rescaleBig(value: bigint, fromDecimals: number, toDecimals: number): bigint {
  if (!isBigScale(fromDecimals)) throwDecimalsArgument(fromDecimals, MAX_BIG_DECIMALS);
  if (!isBigScale(toDecimals)) throwDecimalsArgument(toDecimals, MAX_BIG_DECIMALS);
  if (toDecimals >= fromDecimals) return value * 10n ** BigInt(toDecimals - fromDecimals);
  const divisor = 10n ** BigInt(fromDecimals - toDecimals);
  if (value % divisor !== 0n) {
    throw new ZvtError(
      ZVT_ERR_DECIMAL_PRECISION,
      `Mantissa ${value} at ${fromDecimals} decimals has a nonzero digit beyond ${toDecimals} decimals`,
      { mantissa: value.toString(), fromDecimals, toDecimals },
    );
  }
  return value / divisor;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

interface DecimalParts {
  negative: boolean;
  integerDigits: string;
  fractionDigits: string;
  exponent: number;
}

/** Cold-path structural parse with the same grammar as the scanners (`\d` is ASCII-only here). */
function matchDecimal(text: string): DecimalParts {
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) throwDecimalSyntax(text);
  const exponentText = match[4];
  let exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (exponent > EXPONENT_CLAMP) exponent = EXPONENT_CLAMP;
  if (exponent < -EXPONENT_CLAMP) exponent = -EXPONENT_CLAMP;
  return { negative: match[1] === '-', integerDigits: match[2]!, fractionDigits: match[3] ?? '', exponent };
}

function isAllZeros(digits: string, from: number): boolean {
  for (let index = from; index < digits.length; index++) {
    if (digits.charCodeAt(index) !== CHAR_ZERO) return false;
  }
  return true;
}

/** Inserts the point into the digits of a nonzero magnitude and trims trailing fraction zeros. */
function placeDecimalPoint(digits: string, decimals: number, negative: boolean): string {
  let end = digits.length;
  let fractionDigits = decimals;
  while (fractionDigits > 0 && digits.charCodeAt(end - 1) === CHAR_ZERO) {
    end--;
    fractionDigits--;
  }
  const sign = negative ? '-' : '';
  if (fractionDigits === 0) return sign + (end === digits.length ? digits : digits.slice(0, end));
  if (end <= fractionDigits) return sign + '0.' + '0'.repeat(fractionDigits - end) + digits.slice(0, end);
  return sign + digits.slice(0, end - fractionDigits) + '.' + digits.slice(end - fractionDigits, end);
}

/** Inserts the point with exactly `textDecimals` fraction digits; dropped digits must be zeros. */
function placeDecimalPointFixed(digits: string, decimals: number, textDecimals: number, negative: boolean): string {
  const padded = digits.length <= decimals ? '0'.repeat(decimals + 1 - digits.length) + digits : digits;
  const integerPart = padded.slice(0, padded.length - decimals);
  let fractionPart = padded.slice(padded.length - decimals);
  if (textDecimals < decimals) {
    if (!isAllZeros(fractionPart, textDecimals)) {
      throwMantissaPrecision(Number((negative ? '-' : '') + digits), decimals, textDecimals);
    }
    fractionPart = fractionPart.slice(0, textDecimals);
  } else if (textDecimals > decimals) {
    fractionPart += '0'.repeat(textDecimals - decimals);
  }
  return (negative ? '-' : '') + integerPart + (textDecimals > 0 ? '.' + fractionPart : '');
}

function isNumberScale(decimals: number): boolean {
  return Number.isInteger(decimals) && decimals >= 0 && decimals <= MAX_DECIMALS;
}

function isBigScale(decimals: number): boolean {
  return Number.isInteger(decimals) && decimals >= 0 && decimals <= MAX_BIG_DECIMALS;
}

function isByteRange(bytes: Uint8Array, start: number, end: number): boolean {
  return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= bytes.length;
}

function isDigitCode(code: number): boolean {
  return code >= CHAR_ZERO && code <= CHAR_ZERO + 9;
}

// Throwing lives in separate functions so the scanners stay small enough to inline and optimise.

function quote(text: string): string {
  return JSON.stringify(text.length > MAX_QUOTED_TEXT ? text.slice(0, MAX_QUOTED_TEXT) + '...' : text);
}

function asciiText(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let index = start; index < end; index++) text += String.fromCharCode(bytes[index]!);
  return text;
}

function throwDecimalSyntax(text: string): never {
  throw new ZvtError(
    ZVT_ERR_DECIMAL_SYNTAX,
    `Decimal text ${quote(text)} is malformed: expected [-]digits[.digits][e[+|-]digits]`,
    { text },
  );
}

function throwDecimalPrecision(text: string, decimals: number): never {
  throw new ZvtError(
    ZVT_ERR_DECIMAL_PRECISION,
    `Decimal text ${quote(text)} has a nonzero digit beyond the scale of ${decimals} decimals`,
    { text, decimals },
  );
}

function throwDecimalOverflow(text: string, decimals: number): never {
  throw new ZvtError(
    ZVT_ERR_DECIMAL_OVERFLOW,
    `Decimal text ${quote(text)} at ${decimals} decimals does not fit a safe integer mantissa`,
    { text, decimals },
  );
}

function throwDecimalSyntaxBytes(bytes: Uint8Array, start: number, end: number): never {
  throwDecimalSyntax(asciiText(bytes, start, end));
}

function throwDecimalPrecisionBytes(bytes: Uint8Array, start: number, end: number, decimals: number): never {
  throwDecimalPrecision(asciiText(bytes, start, end), decimals);
}

function throwDecimalOverflowBytes(bytes: Uint8Array, start: number, end: number, decimals: number): never {
  throwDecimalOverflow(asciiText(bytes, start, end), decimals);
}

function throwDecimalsArgument(decimals: number, maximum: number): never {
  throw new ZvtError(
    ZVT_ERR_DECIMAL_ARGUMENT,
    `Scale must be an integer number of decimals from 0 to ${maximum} (got ${String(decimals)})`,
    { decimals },
  );
}

function throwMantissaArgument(mantissa: number): never {
  throw new ZvtError(
    ZVT_ERR_DECIMAL_ARGUMENT,
    `Mantissa must be a safe integer (got ${String(mantissa)})`,
    { mantissa },
  );
}

function throwMantissaPrecision(mantissa: number, fromDecimals: number, toDecimals: number): never {
  throw new ZvtError(
    ZVT_ERR_DECIMAL_PRECISION,
    `Mantissa ${mantissa} at ${fromDecimals} decimals has a nonzero digit beyond ${toDecimals} decimals`,
    { mantissa, fromDecimals, toDecimals },
  );
}

function throwRescaleOverflow(mantissa: number, fromDecimals: number, toDecimals: number): never {
  throw new ZvtError(
    ZVT_ERR_DECIMAL_OVERFLOW,
    `Mantissa ${mantissa} at ${fromDecimals} decimals does not fit a safe integer at ${toDecimals} decimals`,
    { mantissa, fromDecimals, toDecimals },
  );
}

function throwByteRange(bytes: Uint8Array, start: number, end: number): never {
  throw new ZvtError(
    ZVT_ERR_BYTE_RANGE,
    `Byte range [${String(start)}, ${String(end)}) is not inside a buffer of ${bytes.length} bytes`,
    { start, end, length: bytes.length },
  );
}
