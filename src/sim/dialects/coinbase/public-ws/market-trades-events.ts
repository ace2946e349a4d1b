// `market_trades` events: recent trades on subscribe, then new ones, newest first, with the maker's side as Coinbase sends it.
import type { SimInstrument, SimTrade } from '../../../market/sim-market-types.js';
import { priceText, sizeText } from '../../../market/sim-instrument.js';
import { goRfc3339 } from '../wire/go-time.js';

/*
 * Shape from https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/websocket/market-trades
 * and the recorded session: {"type":"snapshot"|"update","trades":[{"product_id","trade_id","price",
 * "size","time","side"}]}, trades newest first, trade_id a decimal string. `side` is the side of
 * the resting (maker) order: the recording shows BUY trades printing at the best bid and SELL at
 * the best ask (docs/venues/coinbase.md, "The side of a Coinbase public trade"), so a taker buy is
 * sent as SELL.
 */

/** The JSON of one event of `type` holding `trades` (given oldest first; written newest first). */
export function marketTradesEvent(type: 'snapshot' | 'update', native: string, instrument: SimInstrument, trades: readonly SimTrade[]): string {
  const rows = [];
  for (let index = trades.length - 1; index >= 0; index--) {
    const trade = trades[index]!;
    rows.push({
      product_id: native,
      trade_id: String(trade.tradeId),
      price: priceText(instrument, trade.priceTicks),
      size: sizeText(instrument, trade.sizeLots),
      time: goRfc3339(trade.tsMs),
      side: makerSide(trade),
    });
  }
  return JSON.stringify({ type, trades: rows });
}

/** BUY when the taker sold into a resting buy, SELL when the taker bought from a resting sell. */
export function makerSide(trade: SimTrade): 'BUY' | 'SELL' {
  return trade.takerSide === 'sell' ? 'BUY' : 'SELL';
}
