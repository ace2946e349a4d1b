// Property tests of fixed-point decimals against an independent bigint reference implementation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decimalsOf,
  formatDecimal,
  formatDecimalBig,
  formatDecimalFixed,
  MAX_BIG_DIGITS,
  parseDecimal,
  parseDecimalBig,
  parseDecimalBytes,
  rescale,
  rescaleBig,
  textDecimalsOf,
  textDecimalsOfBytes,
  writeDecimalFixedBytes,
  ZVT_ERR_DECIMAL_OVERFLOW,
  ZVT_ERR_DECIMAL_PRECISION,
  ZVT_ERR_DECIMAL_SYNTAX,
  ZvtError,
} from '../../../src/model/index.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const RUNS = { numRuns: 2000 };

type Outcome = { value: bigint } | { code: string };

/**
 * The specification, written differently from the implementation: match the grammar with a
 * regex, then scale the whole digit string by a power of ten with bigint multiply/divide.
 */
function referenceParse(text: string, decimals: number): Outcome {
  const match = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (match === null) return { code: ZVT_ERR_DECIMAL_SYNTAX };
  const fraction = match[3] ?? '';
  const shift = Number(match[4] ?? '0') - fraction.length + decimals;
  let value = BigInt(match[2]! + fraction);
  if (value === 0n) return { value: 0n };
  // Random text can say "1e99999999"; decide those without building the power of ten.
  if (shift > MAX_BIG_DIGITS) return { code: ZVT_ERR_DECIMAL_OVERFLOW };
  if (shift < -MAX_BIG_DIGITS) return { code: ZVT_ERR_DECIMAL_PRECISION };
  if (shift >= 0) {
    value *= 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    if (value % divisor !== 0n) return { code: ZVT_ERR_DECIMAL_PRECISION };
    value /= divisor;
  }
  if (value.toString().length > MAX_BIG_DIGITS) return { code: ZVT_ERR_DECIMAL_OVERFLOW };
  return { value: match[1] === '-' ? -value : value };
}

function referenceParseNumber(text: string, decimals: number): Outcome {
  const outcome = referenceParse(text, decimals);
  if ('value' in outcome && (outcome.value > MAX_SAFE || outcome.value < -MAX_SAFE)) {
    return { code: ZVT_ERR_DECIMAL_OVERFLOW };
  }
  return outcome;
}

/** The reference's canonical text: strip the sign, pad, insert the point, trim zeros. */
function referenceFormat(value: bigint, decimals: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const integer = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  const text = fraction.length > 0 ? `${integer}.${fraction}` : integer;
  return negative && text !== '0' ? `-${text}` : text;
}

function outcomeOf(action: () => number | bigint): Outcome {
  try {
    return { value: BigInt(action()) };
  } catch (error) {
    if (error instanceof ZvtError) return { code: error.code };
    throw error;
  }
}

const digitString = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });

/** Well-formed decimal text: sign, integer digits, optional fraction, optional exponent. */
const validDecimalText: fc.Arbitrary<string> = fc
  .tuple(
    fc.boolean(),
    digitString(1, 18),
    fc.option(digitString(1, 18), { nil: undefined }),
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digitString(1, 2)), { nil: undefined }),
  )
  .map(([negative, integer, fraction, exponent]) => {
    let text = (negative ? '-' : '') + integer;
    if (fraction !== undefined) text += `.${fraction}`;
    if (exponent !== undefined) text += exponent.join('');
    return text;
  });

/** Mostly-broken text from the characters that matter, plus well-formed text with one edit. */
const anyDecimalText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'0123456789.-+eE x'), maxLength: 14 }),
  fc
    .tuple(validDecimalText, fc.nat(), fc.constantFrom('.', '-', '+', 'e', ' ', 'x', '', '0'))
    .map(([text, position, insert]) => {
      const at = position % (text.length + 1);
      return text.slice(0, at) + insert + text.slice(at + 1);
    }),
  validDecimalText,
  // The 2^53 edge, at several scales and signs (random digits almost never land on it).
  fc
    .tuple(fc.constantFrom('9007199254740991', '9007199254740992', '9007199254740993', '18014398509481984'), fc.nat(16), fc.boolean())
    .map(([digits, point, negative]) => {
      const at = digits.length - point;
      return (negative ? '-' : '') + (point === 0 ? digits : `${digits.slice(0, at)}.${digits.slice(at)}`);
    }),
);

const scale = fc.integer({ min: 0, max: 18 });
const safeMantissa = fc.oneof(
  fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom(0, 1, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 10 ** 15, 2 ** 52),
);

describe('parseDecimal properties', () => {
  it('parse(format(x)) == x for safe mantissas at scales 0..18', () => {
    fc.assert(
      fc.property(safeMantissa, scale, (mantissa, decimals) => {
        const text = formatDecimal(mantissa, decimals);
        expect(Object.is(parseDecimal(text, decimals), mantissa === 0 ? 0 : mantissa)).toBe(true);
        expect(text).toBe(referenceFormat(BigInt(mantissa), decimals));
      }),
      RUNS,
    );
  });

  it('agrees with the bigint reference on well-formed text', () => {
    fc.assert(
      fc.property(validDecimalText, scale, (text, decimals) => {
        expect(outcomeOf(() => parseDecimal(text, decimals))).toEqual(referenceParseNumber(text, decimals));
      }),
      RUNS,
    );
  });

  it('agrees with the bigint reference on arbitrary text, and parseDecimalBytes agrees with parseDecimal', () => {
    fc.assert(
      fc.property(anyDecimalText, scale, fc.nat(8), (text, decimals, paddingLength) => {
        const expected = referenceParseNumber(text, decimals);
        expect(outcomeOf(() => parseDecimal(text, decimals))).toEqual(expected);
        // Embed the text between digits and dots: the scanner must honour [start, end) exactly.
        const padding = '9.'.repeat(paddingLength);
        const bytes = new TextEncoder().encode(padding + text + padding);
        const start = padding.length;
        expect(outcomeOf(() => parseDecimalBytes(bytes, start, start + text.length, decimals))).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('parseDecimalBig agrees with the bigint reference, with no 2^53 limit', () => {
    fc.assert(
      fc.property(anyDecimalText, fc.integer({ min: 0, max: 40 }), (text, decimals) => {
        expect(outcomeOf(() => parseDecimalBig(text, decimals))).toEqual(referenceParse(text, decimals));
      }),
      RUNS,
    );
  });

  it('never returns -0', () => {
    fc.assert(
      fc.property(validDecimalText, scale, (text, decimals) => {
        const outcome = outcomeOf(() => parseDecimal(text, decimals));
        if ('value' in outcome && outcome.value === 0n) {
          expect(Object.is(parseDecimal(text, decimals), -0)).toBe(false);
        }
      }),
      RUNS,
    );
  });
});

describe('decimalsOf / textDecimalsOf properties', () => {
  it('decimalsOf is the smallest scale that parses without a precision error', () => {
    fc.assert(
      fc.property(validDecimalText, (text) => {
        const minimal = decimalsOf(text);
        expect(referenceParse(text, minimal)).toHaveProperty('value');
        if (minimal > 0) expect(referenceParse(text, minimal - 1)).toEqual({ code: ZVT_ERR_DECIMAL_PRECISION });
      }),
      RUNS,
    );
  });

  it('textDecimalsOfBytes agrees with textDecimalsOf, and both are >= decimalsOf', () => {
    fc.assert(
      fc.property(validDecimalText, (text) => {
        const written = textDecimalsOf(text);
        expect(textDecimalsOfBytes(new TextEncoder().encode(text), 0, text.length)).toBe(written);
        expect(written).toBeGreaterThanOrEqual(decimalsOf(text));
      }),
      RUNS,
    );
  });
});

describe('formatDecimalFixed properties', () => {
  it('has exactly textDecimals fraction digits, parses back, and matches writeDecimalFixedBytes', () => {
    fc.assert(
      fc.property(safeMantissa, scale, fc.integer({ min: 0, max: 24 }), (mantissa, decimals, textDecimals) => {
        const outcome = outcomeOf(() => rescale(mantissa, decimals, Math.min(decimals, textDecimals)));
        const target = new Uint8Array(64);
        if ('code' in outcome) {
          // Dropping a nonzero digit must fail the same way in both formatters.
          expect(() => formatDecimalFixed(mantissa, decimals, textDecimals)).toThrow(/nonzero digit/);
          expect(() => writeDecimalFixedBytes(target, 0, mantissa, decimals, textDecimals)).toThrow(/nonzero digit/);
          return;
        }
        const text = formatDecimalFixed(mantissa, decimals, textDecimals);
        expect(textDecimalsOf(text)).toBe(textDecimals);
        expect(text.startsWith('-0') && /^-0(\.0*)?$/.test(text)).toBe(false);
        expect(parseDecimalBig(text, decimals)).toBe(BigInt(mantissa));
        const end = writeDecimalFixedBytes(target, 0, mantissa, decimals, textDecimals);
        expect(new TextDecoder().decode(target.subarray(0, end))).toBe(text);
      }),
      RUNS,
    );
  });
});

describe('rescale properties', () => {
  it('matches bigint rescaling, or fails exactly when that is inexact or unsafe', () => {
    fc.assert(
      fc.property(safeMantissa, scale, scale, (mantissa, from, to) => {
        const exact = BigInt(mantissa) * 10n ** BigInt(Math.max(0, to - from));
        const divisor = 10n ** BigInt(Math.max(0, from - to));
        const outcome = outcomeOf(() => rescale(mantissa, from, to));
        if (exact % divisor !== 0n) {
          expect(outcome).toEqual({ code: ZVT_ERR_DECIMAL_PRECISION });
        } else if (exact / divisor > MAX_SAFE || exact / divisor < -MAX_SAFE) {
          expect(outcome).toEqual({ code: ZVT_ERR_DECIMAL_OVERFLOW });
        } else {
          expect(outcome).toEqual({ value: exact / divisor });
          expect(rescaleBig(BigInt(mantissa), from, to)).toBe(exact / divisor);
        }
      }),
      RUNS,
    );
  });

  it('formatDecimalBig matches the reference formatter for big values', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 72 }), (value, decimals) => {
        const text = formatDecimalBig(value, decimals);
        expect(text).toBe(referenceFormat(value, decimals));
        expect(parseDecimalBig(text, decimals)).toBe(value);
      }),
      RUNS,
    );
  });
});
