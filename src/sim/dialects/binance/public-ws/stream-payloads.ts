// Binance spot market stream payloads as JSON text: depthUpdate, partial depth, bookTicker, aggTrade, trade.
import type { SimInstrument, SimLevel, SimTrade } from '../../../market/sim-market-types.js';
import { binancePrice, binanceQuantity } from '../binance-text.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams ("Detailed Stream
 * information"), field names and order as documented; prices and quantities are strings,
 * ids and times numbers, `m` is "Is the buyer the market maker?" (true when the taker sold).
 * The `M` field ("Ignore") is always true on the live streams. The trade stream has no buyer /
 * seller order ids since 2024-06-05 (CHANGELOG: "b and a have been removed").
 */

/** One side's changed levels: [price, quantity], quantity 0 = removed. */
export interface DepthLevels {
  readonly bids: readonly SimLevel[];
  readonly asks: readonly SimLevel[];
}

function levelsJson(instrument: SimInstrument, levels: readonly SimLevel[]): [string, string][] {
  return levels.map((level) => [binancePrice(instrument, level.priceTicks), binanceQuantity(instrument, level.sizeLots)]);
}

/** `<symbol>@depth[@100ms]`: the diff event covering update ids firstUpdateId..finalUpdateId. */
export function depthUpdatePayload(instrument: SimInstrument, native: string, eventMs: number, firstUpdateId: number, finalUpdateId: number, levels: DepthLevels): string {
  return JSON.stringify({
    e: 'depthUpdate',
    E: eventMs,
    s: native,
    U: firstUpdateId,
    u: finalUpdateId,
    b: levelsJson(instrument, levels.bids),
    a: levelsJson(instrument, levels.asks),
  });
}

/** `<symbol>@depth<5|10|20>[@100ms]`: the top levels with the book's last update id. */
export function partialDepthPayload(instrument: SimInstrument, lastUpdateId: number, levels: DepthLevels): string {
  return JSON.stringify({ lastUpdateId, bids: levelsJson(instrument, levels.bids), asks: levelsJson(instrument, levels.asks) });
}

/** `<symbol>@bookTicker`: best bid and ask with the book's update id (no event time on spot). */
export function bookTickerPayload(instrument: SimInstrument, native: string, updateId: number, bid: SimLevel, ask: SimLevel): string {
  return JSON.stringify({
    u: updateId,
    s: native,
    b: binancePrice(instrument, bid.priceTicks),
    B: binanceQuantity(instrument, bid.sizeLots),
    a: binancePrice(instrument, ask.priceTicks),
    A: binanceQuantity(instrument, ask.sizeLots),
  });
}

/** `<symbol>@aggTrade`: every simulated print is its own aggregate (a = f = l = the trade id). */
export function aggTradePayload(instrument: SimInstrument, native: string, eventMs: number, trade: SimTrade): string {
  return JSON.stringify({
    e: 'aggTrade',
    E: eventMs,
    s: native,
    a: trade.tradeId,
    p: binancePrice(instrument, trade.priceTicks),
    q: binanceQuantity(instrument, trade.sizeLots),
    f: trade.tradeId,
    l: trade.tradeId,
    T: trade.tsMs,
    m: trade.takerSide === 'sell',
    M: true,
  });
}

/** `<symbol>@trade`. */
export function tradePayload(instrument: SimInstrument, native: string, eventMs: number, trade: SimTrade): string {
  return JSON.stringify({
    e: 'trade',
    E: eventMs,
    s: native,
    t: trade.tradeId,
    p: binancePrice(instrument, trade.priceTicks),
    q: binanceQuantity(instrument, trade.sizeLots),
    T: trade.tsMs,
    m: trade.takerSide === 'sell',
    M: true,
  });
}

/** `{"stream":"<name>","data":<payload>}`: the combined-stream wrapper, built around the payload text. */
export function combinedPayload(stream: string, payload: string): string {
  return `{"stream":${JSON.stringify(stream)},"data":${payload}}`;
}
