// writeChecksumDecimal writes exactly the bytes of the model's writeDecimalFixedBytes, and throws where it throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeChecksumDecimal } from '../../../../src/hotpath/book/checksum-text.js';
import { formatDecimalFixed, writeDecimalFixedBytes } from '../../../../src/model/fixed-point.js';

function outcome(write: () => number, bytes: Uint8Array): string {
  try {
    const end = write();
    return String.fromCharCode(...bytes.subarray(0, end));
  } catch (error) {
    return `throws ${(error as { code?: string }).code ?? String(error)}`;
  }
}

describe('writeChecksumDecimal', () => {
  it.each([
    [0, 0, 0, '0'],
    [0, 2, 2, '0.00'],
    [5, 2, 2, '0.05'],
    [150, 2, 1, '1.5'],
    [150, 2, 3, '1.500'],
    [33660, 1, 0, '3366'],
    [2 ** 53 - 1, 0, 0, '9007199254740991'],
    [2 ** 53 - 1, 8, 10, '90071992.5474099100'],
    [-125, 2, 2, '-1.25'],
  ])('%d at %d decimals with %d text decimals is %j', (mantissa, decimals, textDecimals, text) => {
    const bytes = new Uint8Array(64);
    expect(outcome(() => writeChecksumDecimal(bytes, 0, mantissa, decimals, textDecimals), bytes)).toBe(text);
    expect(formatDecimalFixed(mantissa, decimals, textDecimals)).toBe(text);
  });

  it('matches writeDecimalFixedBytes on random mantissas, scales and text decimals (including the throwing ones)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.maxSafeNat(), fc.integer({ min: -1000, max: 0 })),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 8 }),
        (mantissa, decimals, textDecimals, offset) => {
          const expected = new Uint8Array(128);
          const actual = new Uint8Array(128);
          expect(outcome(() => writeChecksumDecimal(actual, offset, mantissa, decimals, textDecimals) - offset, actual.subarray(offset))).toBe(
            outcome(() => writeDecimalFixedBytes(expected, offset, mantissa, decimals, textDecimals) - offset, expected.subarray(offset)),
          );
        },
      ),
      { numRuns: 5000 },
    );
  });
});
