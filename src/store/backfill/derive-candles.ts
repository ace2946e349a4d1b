// Builds a timeframe a venue does not serve (Coinbase 4h, 1w, 1M) from validated candles of a shorter one.
import { formatDecimal, formatDecimalBig } from '../../model/fixed-point.js';
import { bucketStartMs, type Timeframe } from '../../model/timeframe.js';
import type { DecimalCandleRow, ValidCandleRow } from '../candles/validate-candles.js';

/**
 * Aggregates `rows` (ascending, one series, already validated at the scales given) into buckets of
 * `target`: open of the first, close of the last, extremes, summed volume and trade count (only
 * when every constituent had one). A bucket is built from the shorter candles that exist, as the
 * venue's own longer candles are built from its trades: hours the venue has no data for add nothing.
 */
export function deriveCandles(rows: readonly ValidCandleRow[], target: Timeframe, priceDecimals: number, sizeDecimals: number): DecimalCandleRow[] {
  const derived: DecimalCandleRow[] = [];
  let index = 0;
  while (index < rows.length) {
    const first = rows[index]!;
    const bucket = bucketStartMs(target, first.tsStartMs);
    let { high, low, close } = first;
    let volume = first.volume;
    let tradeCount: number | undefined = first.tradeCount;
    index++;
    while (index < rows.length && bucketStartMs(target, rows[index]!.tsStartMs) === bucket) {
      const row = rows[index]!;
      if (row.high > high) high = row.high;
      if (row.low < low) low = row.low;
      close = row.close;
      volume += row.volume;
      tradeCount = tradeCount === undefined || row.tradeCount === undefined ? undefined : tradeCount + row.tradeCount;
      index++;
    }
    derived.push({
      tsStartMs: bucket,
      open: formatDecimal(first.open, priceDecimals),
      high: formatDecimal(high, priceDecimals),
      low: formatDecimal(low, priceDecimals),
      close: formatDecimal(close, priceDecimals),
      volume: formatDecimalBig(volume, sizeDecimals),
      tradeCount,
    });
  }
  return derived;
}
