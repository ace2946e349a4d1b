// Dashboard number text: fixed and trimmed mantissas, exact display decimals, spreads in basis points, bar percentages — all without floats.
import { describe, expect, it } from 'vitest';
import { displayDecimals, formatFixed, formatShown, formatTrimmed, percentOf, spreadBasisPoints } from '../../../../src/gateway/dashboard/client/fixed-point-text.js';

describe('fixed-point text', () => {
  it('formats mantissas at their scale', () => {
    expect(formatFixed(650001n, 1)).toBe('65000.1');
    expect(formatFixed(5n, 3)).toBe('0.005');
    expect(formatFixed(-5n, 3)).toBe('-0.005');
    expect(formatFixed(42n, 0)).toBe('42');
    expect(formatTrimmed(15_000_000n, 8)).toBe('0.15');
    expect(formatTrimmed(300_000_000n, 8)).toBe('3');
    expect(formatTrimmed(0n, 8)).toBe('0');
  });

  it('shows the fewest fraction digits that keep every price exact', () => {
    expect(displayDecimals([8_324_380_000_000n, 8_324_384_000_000n], 8)).toBe(2);
    expect(displayDecimals([8_324_380_000_000n, 8_324_384_000_001n], 8)).toBe(8);
    expect(displayDecimals([100_000_000n], 8)).toBe(0);
    expect(displayDecimals([], 8)).toBe(0);
    expect(formatShown(8_324_384_000_000n, 8, 2)).toBe('83243.84');
    expect(formatShown(8_324_300_000_000n, 8, 2)).toBe('83243.00');
    expect(formatShown(8_324_300_000_000n, 8, 0)).toBe('83243');
  });

  it('computes the spread in basis points exactly, rounded half away from zero', () => {
    // 1 over a mid of 100: 100 bps.
    expect(spreadBasisPoints(9_950n, 10_050n)).toBe('100.00');
    expect(spreadBasisPoints(9_999n, 10_001n)).toBe('2.00');
    // 0.04 on 83243.82: 0.004805… bps, shown with four decimals rather than as zero.
    expect(spreadBasisPoints(8_324_380n, 8_324_384n)).toBe('0.0048');
    expect(spreadBasisPoints(0n, 10n)).toBeNull();
    // A crossed consolidated book has a negative spread.
    expect(spreadBasisPoints(10_050n, 9_950n)).toBe('-100.00');
  });

  it('gives integer bar widths', () => {
    expect(percentOf(1n, 3n)).toBe(33);
    expect(percentOf(3n, 3n)).toBe(100);
    expect(percentOf(5n, 0n)).toBe(0);
  });
});
