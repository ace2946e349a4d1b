// Exact decimal-text arithmetic of the live execution path: canonical text, sums, grid checks and the average fill price.
import { describe, expect, it } from 'vitest';
import { addDecimal, addFill, averagePrice, canonicalDecimal, compareDecimal, emptyFillTotals, isMultipleOf, negateDecimal, subtractDecimal } from '../../../../src/actors/execution/decimal-text.js';

describe('decimal text', () => {
  it('canonical text, sums and differences stay exact where floats do not', () => {
    expect(canonicalDecimal('83185.40000000')).toBe('83185.4');
    expect(canonicalDecimal('5.0')).toBe('5');
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(subtractDecimal('0.03', '0.01')).toBe('0.02');
    expect(compareDecimal('0.010', '0.01')).toBe(0);
    expect(negateDecimal('-0.0012')).toBe('0.0012');
    expect(negateDecimal('0')).toBe('0');
  });

  it('grid checks', () => {
    expect(isMultipleOf('60000.01', '0.01000000')).toBe(true);
    expect(isMultipleOf('60000.015', '0.01')).toBe(false);
    expect(isMultipleOf('0.00002', '0.00001')).toBe(true);
  });

  it('average price: Σ p×q / Σ q, 8 digits past the tick, half up', () => {
    let totals = addFill(emptyFillTotals(), '60000.01', '0.003');
    totals = addFill(totals, '60000.02', '0.00001');
    // (180.00003 + 0.6000002) / 0.00301 = 60000.01003322259...
    expect(averagePrice(totals, 2)).toBe('60000.0100332226');
    expect(averagePrice(emptyFillTotals(), 2)).toBe('0');
    expect(averagePrice(addFill(emptyFillTotals(), '0.1', '3'), 1)).toBe('0.1');
  });
});
