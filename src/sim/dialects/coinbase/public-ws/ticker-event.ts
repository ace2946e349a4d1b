// `ticker` events: last price, 24 h and 52-week statistics, and the best bid/ask with their sizes.
import type { SimInstrument } from '../../../market/sim-market-types.js';
import { priceText, sizeText } from '../../../market/sim-instrument.js';
import type { TickerStatsText } from '../shared/ticker-stats.js';

/*
 * Recorded shape (every field a string, this key order): {"type":"ticker","product_id","price",
 * "volume_24_h","low_24_h","high_24_h","low_52_w","high_52_w","price_percent_chg_24_h","best_bid",
 * "best_ask","best_bid_quantity","best_ask_quantity"}, one ticker per event, {"type":"snapshot"|
 * "update","tickers":[...]}. Coinbase sends one on every trade and on every change of the best
 * bid/ask (the recording has 158 ticker updates for 57 trades in 25 s).
 */

/** The top of the book a ticker reports; a side without levels is written as empty text. */
export interface TickerTop {
  readonly bidTicks: number | null;
  readonly bidLots: number;
  readonly askTicks: number | null;
  readonly askLots: number;
}

export function tickerEvent(
  type: 'snapshot' | 'update',
  native: string,
  instrument: SimInstrument,
  lastTicks: number,
  stats: TickerStatsText,
  top: TickerTop,
): string {
  const ticker = {
    type: 'ticker',
    product_id: native,
    price: priceText(instrument, lastTicks),
    volume_24_h: stats.volume24h,
    low_24_h: stats.low24h,
    high_24_h: stats.high24h,
    low_52_w: stats.low52w,
    high_52_w: stats.high52w,
    price_percent_chg_24_h: stats.percentChange24h,
    best_bid: top.bidTicks === null ? '' : priceText(instrument, top.bidTicks),
    best_ask: top.askTicks === null ? '' : priceText(instrument, top.askTicks),
    best_bid_quantity: top.bidTicks === null ? '' : sizeText(instrument, top.bidLots),
    best_ask_quantity: top.askTicks === null ? '' : sizeText(instrument, top.askLots),
  };
  return JSON.stringify({ type, tickers: [ticker] });
}
