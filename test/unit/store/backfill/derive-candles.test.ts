// Longer candles built from shorter ones (Coinbase serves no 4h, week or month).
import { describe, expect, it } from 'vitest';
import { validateCandles } from '../../../../src/store/candles/validate-candles.js';
import { deriveCandles } from '../../../../src/store/backfill/derive-candles.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 0, 1);

describe('deriveCandles', () => {
  it('aggregates hours into 4h buckets on UTC boundaries, skipping hours without data', () => {
    const hours = [
      { tsStartMs: T0, open: '100', high: '101', low: '99.5', close: '100.5', volume: '1.5' },
      { tsStartMs: T0 + HOUR, open: '100.5', high: '103', low: '100', close: '102', volume: '2' },
      // T0 + 2h and 3h: no data at the venue.
      { tsStartMs: T0 + 4 * HOUR, open: '102', high: '102.5', low: '98', close: '99', volume: '0.25' },
    ];
    const { valid, errors } = validateCandles(hours, { timeframe: '1h', priceDecimals: 2, sizeDecimals: 8 });
    expect(errors).toEqual([]);
    expect(deriveCandles(valid, '4h', 2, 8)).toEqual([
      { tsStartMs: T0, open: '100', high: '103', low: '99.5', close: '102', volume: '3.5', tradeCount: undefined },
      { tsStartMs: T0 + 4 * HOUR, open: '102', high: '102.5', low: '98', close: '99', volume: '0.25', tradeCount: undefined },
    ]);
  });

  it('sums trade counts only when every constituent has one', () => {
    const days = [
      { tsStartMs: Date.UTC(2024, 1, 28), open: '1', high: '2', low: '1', close: '2', volume: '1', tradeCount: 5 },
      { tsStartMs: Date.UTC(2024, 1, 29), open: '2', high: '3', low: '2', close: '3', volume: '1', tradeCount: 7 },
      { tsStartMs: Date.UTC(2024, 2, 1), open: '3', high: '3', low: '1', close: '1', volume: '1' },
      { tsStartMs: Date.UTC(2024, 2, 2), open: '1', high: '1', low: '1', close: '1', volume: '1', tradeCount: 1 },
    ];
    const { valid } = validateCandles(days, { timeframe: '1d', priceDecimals: 0, sizeDecimals: 0 });
    const months = deriveCandles(valid, '1M', 0, 0);
    expect(months.map((month) => [month.tsStartMs, month.tradeCount])).toEqual([
      [Date.UTC(2024, 1, 1), 12],
      [Date.UTC(2024, 2, 1), undefined],
    ]);
  });
});
