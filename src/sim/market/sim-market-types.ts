// Plain data the synthetic markets produce and the venue dialects encode: instruments, trades, candles, book levels.
//
// Units everywhere in src/sim: a price is an integer number of TICKS (price = ticks × tickSize) and a
// size an integer number of LOTS (size = lots × lotSize). Text is made only at the wire, by the
// dialects, with priceText/sizeText (sim-instrument.ts). Times are epoch milliseconds.

/** The four venue dialects the simulator speaks. */
export type SimVenue = 'binance' | 'okx' | 'bybit' | 'coinbase';

export const SIM_VENUES: readonly SimVenue[] = ['binance', 'okx', 'bybit', 'coinbase'];

/** One synthetic instrument, venue-independent (its venue listing adds the native symbol). */
export interface SimInstrument {
  /** Canonical symbol (DESIGN §3): `BTC-USDT`, `BTC-USDT-PERP`, `BTC-USD`. */
  readonly canonical: string;
  readonly base: string;
  readonly quote: string;
  readonly kind: 'spot' | 'perpetual';
  /** Decimal text, canonical form ("0.01"). */
  readonly tickSize: string;
  /** Decimal text, canonical form ("0.00001"); base units (perpetuals here are linear, contract size 1). */
  readonly lotSize: string;
  /** Fraction digits of tickSize and lotSize. */
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
  /** Smallest order size, in lots. */
  readonly minSizeLots: number;
  /** Smallest order notional, quote decimal text ("5"). */
  readonly minNotional: string;
  /** Mid price at the model's origin, decimal text. */
  readonly initialPrice: string;
  /** Baseline standard deviation of one minute's log return (0.0006 = 6 bp). */
  readonly volatilityPerMinute: number;
  /** Mean number of public trades per minute. */
  readonly tradesPerMinute: number;
  /** Price levels the synthetic book keeps per side. */
  readonly depthLevels: number;
}

/**
 * A public trade. `tradeId` is unique per venue instrument: the synthetic market's trades of minute
 * m (m = minutes since the epoch) are m × 1000 + k with k in 0..499 (increasing in time); prints of
 * participant fills live are m × 1000 + 500 + j (j in 0..499), so neither ever collides.
 */
export interface SimTrade {
  readonly tradeId: number;
  readonly tsMs: number;
  readonly priceTicks: number;
  readonly sizeLots: number;
  /** Side of the aggressor (taker). */
  readonly takerSide: 'buy' | 'sell';
}

/** One OHLCV bar. Empty buckets (no trade: a maintenance window) produce no candle. */
export interface SimCandle {
  /** Bucket start (UTC boundary of the timeframe), inclusive. */
  readonly openTimeMs: number;
  /** Next bucket's start, exclusive. */
  readonly closeTimeMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Sum of trade sizes, lots. */
  readonly volumeLots: number;
  /** Sum of price × size, in tick·lot units (quote volume = this × tickSize × lotSize). */
  readonly quoteVolumeTickLots: bigint;
  readonly tradeCount: number;
  /** false for the bucket still forming at the time asked (its close is the last trade so far). */
  readonly closed: boolean;
}

/** One price level of a book side. */
export interface SimLevel {
  readonly priceTicks: number;
  readonly sizeLots: number;
}

/** A level whose size changed; sizeLots 0 = the level is gone. */
export interface SimLevelChange {
  readonly side: 'bid' | 'ask';
  readonly priceTicks: number;
  readonly sizeLots: number;
}
