// Table-driven tests of fixed-point parsing and formatting: every error code, canonical text, 2^53 edges.
import { describe, expect, it } from 'vitest';
import {
  decimalsOf,
  formatDecimal,
  formatDecimalBig,
  formatDecimalFixed,
  MAX_DECIMALS,
  parseDecimal,
  parseDecimalBig,
  parseDecimalBytes,
  rescale,
  rescaleBig,
  textDecimalsOf,
  textDecimalsOfBytes,
  writeDecimalFixedBytes,
  ZVT_ERR_BYTE_RANGE,
  ZVT_ERR_DECIMAL_ARGUMENT,
  ZVT_ERR_DECIMAL_OVERFLOW,
  ZVT_ERR_DECIMAL_PRECISION,
  ZVT_ERR_DECIMAL_SYNTAX,
  ZvtError,
} from '../../../src/model/index.js';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Runs `action` and returns the ZvtError it throws (fails the test if it does not throw one). */
function caught(action: () => unknown): ZvtError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ZvtError);
    return error as ZvtError;
  }
  throw new Error('expected a ZvtError, nothing was thrown');
}

/** parseDecimal and parseDecimalBytes (embedded mid-buffer) must agree exactly. */
function parseBoth(text: string, decimals: number): number {
  const fromText = parseDecimal(text, decimals);
  const framed = ascii(`["${text}"]`);
  const fromBytes = parseDecimalBytes(framed, 2, 2 + text.length, decimals);
  expect(Object.is(fromBytes, fromText)).toBe(true);
  return fromText;
}

describe('parseDecimal', () => {
  it.each([
    ['0', 0, 0],
    ['1', 0, 1],
    ['1.23', 2, 123],
    ['1.2300', 2, 123],
    ['1.23', 4, 12300],
    ['0.1', 8, 10_000_000],
    ['0.00010000', 4, 1],
    ['-1.5', 1, -15],
    ['-0.000', 3, 0],
    ['007.50', 1, 75],
    ['65114.30', 2, 6_511_430],
    ['0.35130000', 8, 35_130_000],
    ['1e-8', 8, 1],
    ['1E-8', 10, 100],
    ['1.5E+3', 0, 1500],
    ['1.5e3', 2, 150_000],
    ['15e-1', 1, 15],
    ['-2.50e-2', 3, -25],
    ['1.000e-2', 2, 1],
    ['123e0', 0, 123],
    ['0e400', 0, 0],
    ['0.0e-400', 5, 0],
    ['9007199254740991', 0, MAX_SAFE],
    ['-9007199254740991', 0, -MAX_SAFE],
    ['900719925474.0991', 4, MAX_SAFE],
    ['9007199254740991000e-3', 0, MAX_SAFE],
    ['0.000000000000000001', 18, 1],
    ['0.000000000000000000000000000000000001', 36, 1],
  ])('%s at %d decimals is %d', (text, decimals, expected) => {
    expect(parseBoth(text, decimals)).toBe(expected);
  });

  it.each(['-0', '-0.0', '-0e5', '-0.000e-3', '-00'])('%s is +0, never -0', (text) => {
    expect(Object.is(parseBoth(text, 2), 0)).toBe(true);
  });

  it.each([
    '',
    '-',
    '.',
    '-.',
    '.5',
    '5.',
    '-.5',
    '1.2.3',
    '+',
    '+1',
    '--1',
    ' 1',
    '1 ',
    '1 000',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '1_000',
    '1,5',
    'e5',
    '1e',
    '1e+',
    '1e-',
    '1e+-5',
    '1ee5',
    '1e5.0',
    '1.e5',
    '1e 5',
    '١',
    '1\u0000',
  ])('%j is a syntax error', (text) => {
    const error = caught(() => parseDecimal(text, 2));
    expect(error.code).toBe(ZVT_ERR_DECIMAL_SYNTAX);
    expect(error.message).toContain(JSON.stringify(text));
    expect(caught(() => parseDecimalBytes(ascii(text), 0, ascii(text).length, 2)).code).toBe(ZVT_ERR_DECIMAL_SYNTAX);
  });

  it.each([
    ['1.234', 2],
    ['0.000000001', 8],
    ['1e-9', 8],
    ['-0.15', 1],
    ['1.2301', 2],
    ['5e-1', 0],
    ['1.000000000000000000000000000000000000001', 36],
    ['9007199254740992.5', 0],
  ])('%s at %d decimals is a precision error naming text and scale', (text, decimals) => {
    const error = caught(() => parseDecimal(text, decimals));
    expect(error.code).toBe(ZVT_ERR_DECIMAL_PRECISION);
    expect(error.message).toContain(text);
    expect(error.message).toContain(`${decimals} decimals`);
    expect(error.details).toEqual({ text, decimals });
    expect(caught(() => parseDecimalBytes(ascii(text), 0, text.length, decimals)).code).toBe(ZVT_ERR_DECIMAL_PRECISION);
  });

  it.each([
    ['9007199254740992', 0],
    ['-9007199254740992', 0],
    ['900719925474.0992', 4],
    ['90071992547409.92', 4],
    ['1', 16],
    ['1', 36],
    ['1e16', 0],
    ['1e400', 0],
    ['99999999999999999999999999999999999999999999', 0],
    ['1'.repeat(400), 0],
  ])('%s at %d decimals overflows', (text, decimals) => {
    const error = caught(() => parseDecimal(text, decimals));
    expect(error.code).toBe(ZVT_ERR_DECIMAL_OVERFLOW);
    expect(caught(() => parseDecimalBytes(ascii(text), 0, text.length, decimals)).code).toBe(ZVT_ERR_DECIMAL_OVERFLOW);
  });

  it.each([-1, 1.5, MAX_DECIMALS + 1, Number.NaN])('rejects scale %d', (decimals) => {
    expect(caught(() => parseDecimal('1', decimals)).code).toBe(ZVT_ERR_DECIMAL_ARGUMENT);
    expect(caught(() => parseDecimalBytes(ascii('1'), 0, 1, decimals)).code).toBe(ZVT_ERR_DECIMAL_ARGUMENT);
  });

  it('parseDecimalBytes rejects ranges outside the buffer', () => {
    const bytes = ascii('12.5');
    for (const [start, end] of [
      [-1, 2],
      [0, 5],
      [3, 2],
      [0.5, 2],
    ] as const) {
      expect(caught(() => parseDecimalBytes(bytes, start, end, 1)).code).toBe(ZVT_ERR_BYTE_RANGE);
    }
    expect(parseDecimalBytes(bytes, 0, 2, 0)).toBe(12);
    expect(parseDecimalBytes(bytes, 3, 4, 0)).toBe(5);
  });

  it('parseDecimalBytes stops at `end` even when digits follow in the buffer', () => {
    const bytes = ascii('1.25999');
    expect(parseDecimalBytes(bytes, 0, 4, 2)).toBe(125);
  });
});

describe('formatDecimal', () => {
  it.each([
    [0, 0, '0'],
    [0, 8, '0'],
    [-0, 2, '0'],
    [1, 0, '1'],
    [123, 2, '1.23'],
    [12_300, 4, '1.23'],
    [1200, 2, '12'],
    [1000, 5, '0.01'],
    [5, 3, '0.005'],
    [-5, 3, '-0.005'],
    [-150, 2, '-1.5'],
    [1, 36, '0.000000000000000000000000000000000001'],
    [MAX_SAFE, 0, '9007199254740991'],
    [MAX_SAFE, 8, '90071992.54740991'],
    [-MAX_SAFE, 16, '-0.9007199254740991'],
    [MAX_SAFE, 18, '0.009007199254740991'],
    [1e15, 0, '1000000000000000'],
    [1e15, 15, '1'],
  ])('%d at %d decimals is %s', (mantissa, decimals, expected) => {
    expect(formatDecimal(mantissa, decimals)).toBe(expected);
  });

  it.each([MAX_SAFE + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects mantissa %d', (mantissa) => {
    expect(caught(() => formatDecimal(mantissa, 2)).code).toBe(ZVT_ERR_DECIMAL_ARGUMENT);
  });

  it('rejects a bad scale', () => {
    expect(caught(() => formatDecimal(1, -1)).code).toBe(ZVT_ERR_DECIMAL_ARGUMENT);
  });
});

describe('formatDecimalFixed and writeDecimalFixedBytes', () => {
  it.each([
    [10, 2, 2, '0.10'],
    [1, 1, 2, '0.10'],
    [100, 4, 2, '0.01'],
    [0, 2, 0, '0'],
    [0, 0, 3, '0.000'],
    [-0, 2, 2, '0.00'],
    [-5, 3, 4, '-0.0050'],
    [-12_345, 2, 4, '-123.4500'],
    [6_511_430, 2, 2, '65114.30'],
    [6_511_430, 2, 1, '65114.3'],
    [120, 1, 0, '12'],
    [MAX_SAFE, 0, 2, '9007199254740991.00'],
    [MAX_SAFE, 20, 20, '0.00009007199254740991'],
    [3_000, 30, 27, '0.000000000000000000000000003'],
  ])('%d at %d decimals with %d text decimals is %s', (mantissa, decimals, textDecimals, expected) => {
    expect(formatDecimalFixed(mantissa, decimals, textDecimals)).toBe(expected);
    const target = new Uint8Array(80).fill(0x21);
    const end = writeDecimalFixedBytes(target, 3, mantissa, decimals, textDecimals);
    expect(new TextDecoder().decode(target.subarray(3, end))).toBe(expected);
    expect(target[2]).toBe(0x21);
    expect(target[end]).toBe(0x21);
    expect(textDecimalsOf(expected)).toBe(textDecimals);
  });

  it.each([
    [123, 2, 1],
    [1, 30, 0],
    [-5, 3, 2],
  ])('dropping a nonzero digit of %d (%d → %d decimals) is a precision error', (mantissa, decimals, textDecimals) => {
    expect(caught(() => formatDecimalFixed(mantissa, decimals, textDecimals)).code).toBe(ZVT_ERR_DECIMAL_PRECISION);
    expect(caught(() => writeDecimalFixedBytes(new Uint8Array(80), 0, mantissa, decimals, textDecimals)).code).toBe(
      ZVT_ERR_DECIMAL_PRECISION,
    );
  });

  it('writeDecimalFixedBytes refuses a target that is too short, without writing', () => {
    const target = new Uint8Array(5);
    expect(caught(() => writeDecimalFixedBytes(target, 0, 12_345, 2, 2)).code).toBe(ZVT_ERR_BYTE_RANGE);
    expect([...target]).toEqual([0, 0, 0, 0, 0]);
    expect(writeDecimalFixedBytes(target, 0, 1234, 2, 2)).toBe(5);
  });
});

describe('decimalsOf and textDecimalsOf', () => {
  it.each([
    ['0.00010000', 4, 8],
    ['100', 0, 0],
    ['1e-8', 8, 8],
    ['0.10', 1, 2],
    ['0', 0, 0],
    ['0.000', 0, 3],
    ['-2.50', 1, 2],
    ['1.5E+3', 0, 0],
    ['1.50e-3', 4, 5],
    ['100e-2', 0, 2],
    ['12.345e1', 2, 2],
  ])('%s needs %d decimals and is written with %d', (text, minimal, written) => {
    expect(decimalsOf(text)).toBe(minimal);
    expect(textDecimalsOf(text)).toBe(written);
    expect(textDecimalsOfBytes(ascii(text), 0, text.length)).toBe(written);
  });

  it('rejects malformed text', () => {
    expect(caught(() => decimalsOf('1.')).code).toBe(ZVT_ERR_DECIMAL_SYNTAX);
    expect(caught(() => textDecimalsOf('abc')).code).toBe(ZVT_ERR_DECIMAL_SYNTAX);
  });
});

describe('rescale', () => {
  it.each([
    [123, 2, 4, 12_300],
    [12_300, 4, 2, 123],
    [-12_300, 4, 2, -123],
    [0, 0, 36, 0],
    [0, 36, 0, 0],
    [MAX_SAFE, 3, 3, MAX_SAFE],
    [900_719_925_474_099, 0, 1, 9_007_199_254_740_990],
  ])('%d from %d to %d decimals is %d', (mantissa, from, to, expected) => {
    expect(rescale(mantissa, from, to)).toBe(expected);
  });

  it('never returns -0', () => {
    expect(Object.is(rescale(-0, 2, 0), 0)).toBe(true);
  });

  it.each([
    [123, 2, 1, ZVT_ERR_DECIMAL_PRECISION],
    [1, 30, 0, ZVT_ERR_DECIMAL_PRECISION],
    [MAX_SAFE, 0, 1, ZVT_ERR_DECIMAL_OVERFLOW],
    [1, 0, 16, ZVT_ERR_DECIMAL_OVERFLOW],
    [1, 0, 30, ZVT_ERR_DECIMAL_OVERFLOW],
    [1.5, 0, 1, ZVT_ERR_DECIMAL_ARGUMENT],
  ])('%d from %d to %d decimals fails with %s', (mantissa, from, to, code) => {
    expect(caught(() => rescale(mantissa, from, to)).code).toBe(code);
  });
});

describe('bigint twins', () => {
  it.each([
    ['9007199254740993', 0, 9_007_199_254_740_993n],
    ['123456789012345678901234567890.123', 3, 123_456_789_012_345_678_901_234_567_890_123n],
    ['-0.000', 3, 0n],
    ['1e-8', 8, 1n],
    ['1.5E+30', 0, 1_500_000_000_000_000_000_000_000_000_000n],
    ['0', 72, 0n],
  ])('parseDecimalBig(%s, %d) is %d', (text, decimals, expected) => {
    expect(parseDecimalBig(text, decimals)).toBe(expected);
  });

  it('uses the same error codes', () => {
    expect(caught(() => parseDecimalBig('1.', 2)).code).toBe(ZVT_ERR_DECIMAL_SYNTAX);
    expect(caught(() => parseDecimalBig('1.234', 2)).code).toBe(ZVT_ERR_DECIMAL_PRECISION);
    expect(caught(() => parseDecimalBig('1e-400', 2)).code).toBe(ZVT_ERR_DECIMAL_PRECISION);
    expect(caught(() => parseDecimalBig('1e999999999', 0)).code).toBe(ZVT_ERR_DECIMAL_OVERFLOW);
    expect(caught(() => parseDecimalBig('1', 73)).code).toBe(ZVT_ERR_DECIMAL_ARGUMENT);
  });

  it.each([
    [0n, 5, '0'],
    [-0n, 5, '0'],
    [9_007_199_254_740_993n, 0, '9007199254740993'],
    [-123_450n, 4, '-12.345'],
    [1n, 40, '0.0000000000000000000000000000000000000001'],
    [10n ** 40n, 20, '100000000000000000000'],
  ])('formatDecimalBig(%d, %d) is %s', (value, decimals, expected) => {
    expect(formatDecimalBig(value, decimals)).toBe(expected);
  });

  it('rescaleBig is exact or a precision error', () => {
    expect(rescaleBig(123n, 2, 40)).toBe(123n * 10n ** 38n);
    expect(rescaleBig(-12_300n, 4, 2)).toBe(-123n);
    expect(caught(() => rescaleBig(123n, 2, 1)).code).toBe(ZVT_ERR_DECIMAL_PRECISION);
  });

  it('computes a notional beyond 2^53 exactly', () => {
    // 65114.30 USDT × 1234567.891 BTC: 10 significant digits × 10 digits does not fit a double.
    const price = parseDecimalBig('65114.30', 2);
    const size = parseDecimalBig('1234567.891', 3);
    expect(formatDecimalBig(price * size, 5)).toBe('80388024024.9413');
  });
});
