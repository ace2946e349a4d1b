// Text of the Bybit v5 public WebSocket frames, field for field and in the order each category's stream writes them.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimLevel, SimTrade } from '../../../market/sim-market-types.js';
import { bybitTradeId } from '../bybit-ids.js';
import { bybitWireSymbol } from '../bybit-listings.js';
import { bybitPrice, bybitSize } from '../bybit-text.js';
import type { DepthMessage } from './depth-stream.js';

/*
 * Shapes copied from the recorded session (2026-08-09, BYBIT.jsonl.gz), which differ by category:
 *   linear orderbook {"topic","type","ts","data":{"s","b","a","u","seq"},"cts"}
 *   spot   orderbook {"topic","ts","type","data":{"s","b","a","u","seq"},"cts"}
 *   linear publicTrade {"topic","type","ts","data":[{"T","s","S","v","p","L","i","BT","RPI","seq"}]}
 *   spot   publicTrade {"topic","ts","type","data":[{"i","T","p","v","S","seq","s","BT","RPI"}]}
 *   linear tickers {"topic","type","data":{...},"cs","ts"}; spot tickers {"topic","ts","type","cs","data":{...}}
 *   linear subscribe ack {"success":true,"ret_msg":"","conn_id":..,"req_id":"","op":"subscribe"}
 *   spot   subscribe ack {"success":true,"ret_msg":"subscribe","conn_id":..,"op":"subscribe"}
 * Pongs: the documented public pong {"success":true,"ret_msg":"pong","conn_id":..,"req_id":"",
 * "op":"ping"} (https://bybit-exchange.github.io/docs/v5/ws/connect); spot drops req_id unless one
 * was sent, as its subscribe acks do.
 */

export type PublicCategory = 'spot' | 'linear';

function levels(listing: SimListing, side: readonly SimLevel[]): [string, string][] {
  return side.map((level) => [bybitPrice(listing, level.priceTicks), bybitSize(listing, level.sizeLots)]);
}

export function orderbookFrame(listing: SimListing, topic: string, message: DepthMessage): string {
  const data = { s: bybitWireSymbol(listing), b: levels(listing, message.bids), a: levels(listing, message.asks), u: message.u, seq: message.seq };
  if (listing.category === 'spot') return JSON.stringify({ topic, ts: message.tsMs, type: message.type, data, cts: message.tsMs });
  return JSON.stringify({ topic, type: message.type, ts: message.tsMs, data, cts: message.tsMs });
}

/** Bybit's tick direction of a trade against the previous one (linear trades carry it as `L`). */
export type TickDirection = 'PlusTick' | 'ZeroPlusTick' | 'MinusTick' | 'ZeroMinusTick';

export interface PublicTradePrint {
  readonly trade: SimTrade;
  readonly tickDirection: TickDirection;
  /** Cross sequence of the listing at this trade. */
  readonly seq: number;
}

export function publicTradeFrame(listing: SimListing, topic: string, prints: readonly PublicTradePrint[]): string {
  const category: PublicCategory = listing.category === 'spot' ? 'spot' : 'linear';
  const symbol = bybitWireSymbol(listing);
  const last = prints[prints.length - 1]!.trade;
  const data = prints.map(({ trade, tickDirection, seq }) => {
    const side = trade.takerSide === 'buy' ? 'Buy' : 'Sell';
    const price = bybitPrice(listing, trade.priceTicks);
    const size = bybitSize(listing, trade.sizeLots);
    const id = bybitTradeId(category, trade.tradeId);
    if (category === 'spot') return { i: id, T: trade.tsMs, p: price, v: size, S: side, seq, s: symbol, BT: false, RPI: false };
    return { T: trade.tsMs, s: symbol, S: side, v: size, p: price, L: tickDirection, i: id, BT: false, RPI: false, seq };
  });
  if (category === 'spot') return JSON.stringify({ topic, ts: last.tsMs, type: 'snapshot', data });
  return JSON.stringify({ topic, type: 'snapshot', ts: last.tsMs, data });
}

/** A tickers frame: linear sends a snapshot then deltas of the changed fields; spot only snapshots. */
export function tickerFrame(listing: SimListing, topic: string, type: 'snapshot' | 'delta', fields: Readonly<Record<string, string>>, crossSequence: number, tsMs: number): string {
  const data = { symbol: bybitWireSymbol(listing), ...fields };
  if (listing.category === 'spot') return JSON.stringify({ topic, ts: tsMs, type, cs: crossSequence, data });
  return JSON.stringify({ topic, type, data, cs: crossSequence, ts: tsMs });
}

export interface KlineBar {
  readonly start: number;
  readonly end: number;
  readonly interval: string;
  readonly open: string;
  readonly close: string;
  readonly high: string;
  readonly low: string;
  readonly volume: string;
  readonly turnover: string;
  readonly confirm: boolean;
  readonly timestamp: number;
}

export function klineFrame(listing: SimListing, topic: string, bar: KlineBar, tsMs: number): string {
  if (listing.category === 'spot') return JSON.stringify({ type: 'snapshot', topic, data: [bar], ts: tsMs });
  return JSON.stringify({ topic, data: [bar], ts: tsMs, type: 'snapshot' });
}

/** Answer to subscribe/unsubscribe; `requestId` as the client sent it (undefined: none sent). */
export function operationFrame(category: PublicCategory, operation: 'subscribe' | 'unsubscribe', success: boolean, message: string, connectionId: string, requestId: string | undefined): string {
  if (category === 'spot') {
    const retMsg = success ? operation : message;
    return JSON.stringify({ success, ret_msg: retMsg, conn_id: connectionId, ...(requestId === undefined ? {} : { req_id: requestId }), op: operation });
  }
  return JSON.stringify({ success, ret_msg: success ? '' : message, conn_id: connectionId, req_id: requestId ?? '', op: operation });
}

export function pongFrame(category: PublicCategory, connectionId: string, requestId: string | undefined): string {
  if (category === 'spot') return JSON.stringify({ success: true, ret_msg: 'pong', conn_id: connectionId, ...(requestId === undefined ? {} : { req_id: requestId }), op: 'ping' });
  return JSON.stringify({ success: true, ret_msg: 'pong', conn_id: connectionId, req_id: requestId ?? '', op: 'ping' });
}

/** Answer to a frame that is not JSON or names no known op. */
export function invalidRequestFrame(category: PublicCategory, connectionId: string, message: string, requestId: string | undefined): string {
  return JSON.stringify({ success: false, ret_msg: message, conn_id: connectionId, ...(requestId === undefined && category === 'spot' ? {} : { req_id: requestId ?? '' }), op: '' });
}
