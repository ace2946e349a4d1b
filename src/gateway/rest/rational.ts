// Exact rational numbers over bigint (numerator / positive denominator, reduced) for position and PnL arithmetic: parsed from decimal text, formatted back rounded half away from zero.
import { decimalsOf, parseDecimalBig } from '../../model/fixed-point.js';

export interface Rational {
  readonly numerator: bigint;
  /** Always > 0; gcd(numerator, denominator) = 1. */
  readonly denominator: bigint;
}

export const ZERO: Rational = { numerator: 0n, denominator: 1n };

function gcd(left: bigint, right: bigint): bigint {
  let a = left < 0n ? -left : left;
  let b = right < 0n ? -right : right;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rational(numerator: bigint, denominator = 1n): Rational {
  if (denominator === 0n) throw new RangeError('rational with a zero denominator');
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const divisor = gcd(numerator, denominator);
  return divisor <= 1n ? { numerator, denominator } : { numerator: numerator / divisor, denominator: denominator / divisor };
}

/** Exact value of canonical decimal text ("65000.5", "-0.001"); throws ZvtError on malformed text. */
export function parseRational(text: string): Rational {
  const decimals = decimalsOf(text);
  return rational(parseDecimalBig(text, decimals), 10n ** BigInt(decimals));
}

export const add = (a: Rational, b: Rational): Rational => rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
export const subtract = (a: Rational, b: Rational): Rational => rational(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator);
export const multiply = (a: Rational, b: Rational): Rational => rational(a.numerator * b.numerator, a.denominator * b.denominator);
export const divide = (a: Rational, b: Rational): Rational => rational(a.numerator * b.denominator, a.denominator * b.numerator);
export const negate = (a: Rational): Rational => ({ numerator: -a.numerator, denominator: a.denominator });
export const sign = (a: Rational): -1 | 0 | 1 => (a.numerator > 0n ? 1 : a.numerator < 0n ? -1 : 0);
export const abs = (a: Rational): Rational => (a.numerator < 0n ? negate(a) : a);
export const compare = (a: Rational, b: Rational): number => sign(subtract(a, b));
export const isZero = (a: Rational): boolean => a.numerator === 0n;

/**
 * Decimal text with at most `decimals` fraction digits, rounded half away from zero, trailing
 * zeros trimmed, no exponent ("-0" never appears). Exact whenever the denominator divides 10^decimals.
 */
export function formatRational(value: Rational, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const negative = value.numerator < 0n;
  const magnitude = negative ? -value.numerator : value.numerator;
  const scaled = (magnitude * scale * 2n + value.denominator) / (value.denominator * 2n);
  if (scaled === 0n) return '0';
  let integer = (scaled / scale).toString();
  let fraction = (scaled % scale).toString().padStart(decimals, '0').replace(/0+$/, '');
  if (decimals === 0) fraction = '';
  if (negative) integer = `-${integer}`;
  return fraction === '' ? integer : `${integer}.${fraction}`;
}
