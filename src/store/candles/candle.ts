// Candle: one OHLCV bar of one instrument and timeframe, in fixed-point mantissas, as the aggregator emits it.
import type { Timeframe } from '../../model/timeframe.js';

/**
 * A candle built from trades. Prices are integer mantissas at the instrument's `priceDecimals`
 * and volume a mantissa at its `sizeDecimals` (the scales of src/model's InstrumentRegistry);
 * format with formatDecimal / formatDecimalBig at the edges.
 */
export interface Candle {
  /** The InstrumentRegistry numeric id (the records' `instrumentId`). */
  readonly instrumentId: number;
  readonly timeframe: Timeframe;
  /** Bucket start, inclusive: a UTC boundary of `timeframe`, epoch milliseconds. */
  readonly tsStartMs: number;
  /** Bucket end, exclusive: the next bucket's start, epoch milliseconds. */
  readonly tsEndMs: number;
  /** Price of the earliest trade by tsEventNs (the first received among equal timestamps). */
  readonly open: number;
  readonly high: number;
  readonly low: number;
  /** Price of the latest trade by tsEventNs (the last received among equal timestamps). */
  readonly close: number;
  /** Sum of the trades' size mantissas. A bigint: a month of a low-priced coin passes 2^53. */
  readonly volume: bigint;
  /** Number of trades in the bucket; always ≥ 1 (an empty bucket produces no candle). */
  readonly tradeCount: number;
}
