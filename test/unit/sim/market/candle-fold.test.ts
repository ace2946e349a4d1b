// foldCandles: first open, extreme high/low, last close and summed volumes of consecutive candles; null for none.
import { describe, expect, it } from 'vitest';
import { foldCandles } from '../../../../src/sim/market/candle-fold.js';
import type { SimCandle } from '../../../../src/sim/market/sim-market-types.js';

function candle(openTimeMs: number, open: number, high: number, low: number, close: number, volumeLots: number): SimCandle {
  return { openTimeMs, closeTimeMs: openTimeMs + 60_000, open, high, low, close, volumeLots, quoteVolumeTickLots: BigInt(close * volumeLots), tradeCount: volumeLots, closed: true };
}

describe('foldCandles', () => {
  it('is null for no candles', () => {
    expect(foldCandles([])).toBeNull();
  });

  it('folds oldest-first candles into one span', () => {
    const candles = [candle(0, 100, 104, 99, 103, 2), candle(60_000, 103, 108, 101, 102, 5), candle(120_000, 102, 103, 97, 98, 1)];
    expect(foldCandles(candles)).toEqual({ open: 100, high: 108, low: 97, close: 98, volumeLots: 8, quoteVolumeTickLots: 206n + 510n + 98n, tradeCount: 8 });
  });
});
