// Decimal text ↔ DECIMAL(38,18): exact both ways, canonical out, never rounded, refused when it does not fit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalDecimal, decimalToScaled, scaledToDecimal } from '../../../src/store/row-values.js';

const refuse = (): never => {
  throw new Error('refused');
};

describe('store decimals', () => {
  it('canonicalises without changing the value', () => {
    const cases: [string, string][] = [
      ['0', '0'],
      ['-0', '0'],
      ['-0.000', '0'],
      ['00012.3400', '12.34'],
      ['1.000000000000000000000', '1'],
      ['-5.5', '-5.5'],
      ['99999999999999999999.999999999999999999', '99999999999999999999.999999999999999999'],
    ];
    for (const [input, expected] of cases) expect(canonicalDecimal(input, refuse), input).toBe(expected);
  });

  it('refuses exponents, signs other than a leading minus, empty parts, and values beyond DECIMAL(38,18)', () => {
    for (const input of ['', '1e5', '+1', '.5', '5.', '1,5', ' 1', '0x10', 'NaN', '123456789012345678901', '0.0000000000000000001']) {
      expect(() => canonicalDecimal(input, refuse), input).toThrow('refused');
      expect(() => decimalToScaled(input, refuse), input).toThrow('refused');
    }
  });

  it('scales exactly: value × 10^18, and back', () => {
    expect(decimalToScaled('1', refuse)).toBe(10n ** 18n);
    expect(decimalToScaled('-0.000000000000000001', refuse)).toBe(-1n);
    expect(decimalToScaled('60000.50', refuse)).toBe(60000_500000000000000000n);
    expect(scaledToDecimal(60000_500000000000000000n)).toBe('60000.5');
  });

  it('round-trips every representable value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 38n) + 1n, max: 10n ** 38n - 1n }), (scaled) => {
        const text = scaledToDecimal(scaled);
        expect(canonicalDecimal(text, refuse)).toBe(text);
        expect(decimalToScaled(text, refuse)).toBe(scaled);
      }),
    );
  });
});
