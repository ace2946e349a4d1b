// The contract of one venue's trade-history endpoint as backfill pages through it (Binance aggTrades, OKX history-trades).
import type { Exchange } from 'ccxt';
import type { TradeSide } from '../store-rows.js';
import type { BackfillInstrument, BackfillVenue } from './candle-series.js';

/** One historical trade as the venue sent it (decimal text), before validation. */
export interface BackfillTrade {
  /** The venue's id, as the live feed records it (Binance aggregate id `a`, OKX tradeId). */
  readonly tradeId: string;
  readonly price: string;
  readonly size: string;
  /** Taker side. */
  readonly side: TradeSide;
  readonly tsMs: number;
}

export interface TradePage {
  /** Trades of the page inside the asked range, in any order. */
  readonly trades: readonly BackfillTrade[];
  /** Where the next page starts; null when the range is exhausted. */
  readonly next: string | null;
  /** How far the range is covered after this page, ms from the range's start (progress). */
  readonly coveredMs: number;
}

export interface VenueTradeApi {
  readonly venue: BackfillVenue;
  /** Cost of one page request under the venue's budget rules (VenueCandleApi.budgetRules plus its own). */
  requestCost(): Readonly<Record<string, number>>;
  /** One page of trades with time in [fromMs, toMs); `cursor` is null for the first page, then the previous page's `next`. */
  fetchPage(exchange: Exchange, instrument: BackfillInstrument, fromMs: number, toMs: number, cursor: string | null): Promise<TradePage>;
}
