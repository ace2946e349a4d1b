// Several consecutive candles folded into one span: first open, highest high, lowest low, last close, summed volumes and trade count.
import type { SimCandle } from './sim-market-types.js';

/*
 * Dialects fold candles for venue bars the history does not keep (Binance and Bybit intervals built
 * from smaller ones) and for 24 h ticker statistics (OKX, Bybit, Coinbase). Candles come oldest first.
 */
export interface CandleFold {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volumeLots: number;
  readonly quoteVolumeTickLots: bigint;
  readonly tradeCount: number;
}

/** The fold of `candles` (oldest first), or null when there are none. */
export function foldCandles(candles: readonly SimCandle[]): CandleFold | null {
  const first = candles[0];
  if (first === undefined) return null;
  let high = first.high;
  let low = first.low;
  let volumeLots = 0;
  let quoteVolumeTickLots = 0n;
  let tradeCount = 0;
  for (const candle of candles) {
    if (candle.high > high) high = candle.high;
    if (candle.low < low) low = candle.low;
    volumeLots += candle.volumeLots;
    quoteVolumeTickLots += candle.quoteVolumeTickLots;
    tradeCount += candle.tradeCount;
  }
  return { open: first.open, high, low, close: candles[candles.length - 1]!.close, volumeLots, quoteVolumeTickLots, tradeCount };
}
