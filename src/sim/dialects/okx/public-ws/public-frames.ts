// Text of OKX v5 public WebSocket pushes and events: books, books5, bbo-tbt, trades, tickers; subscribe/unsubscribe/error events.
import type { OkxLevel } from '../okx-text.js';

/*
 * Member names and order as in the documentation's examples
 * (https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel,
 * -ws-trades-channel, -ws-tickers-channel, #overview-websocket-subscribe):
 *   books   {"arg":{"channel":"books","instId":..},"action":"snapshot"|"update","data":[{"asks","bids","ts","checksum","prevSeqId","seqId"}]}
 *   books5  {"arg":..,"data":[{"asks","bids","instId","ts","seqId"}]}
 *   bbo-tbt {"arg":..,"data":[{"asks","bids","ts","seqId"}]}
 *   trades  {"arg":..,"data":[{"instId","tradeId","px","sz","side","ts","count","source","seqId"}]}
 *   tickers {"arg":..,"data":[{"instType","instId","last","lastSz","askPx","askSz","bidPx","bidSz","open24h","high24h","low24h","sodUtc0","sodUtc8","volCcy24h","vol24h","ts"}]}
 * Numbers stay strings except checksum, prevSeqId and seqId (JSON numbers, as OKX sends them).
 */

export interface OkxChannelArgument {
  readonly channel: string;
  readonly instId?: string;
  readonly instType?: string;
  readonly instFamily?: string;
}

export interface OkxBooksData {
  readonly asks: readonly OkxLevel[];
  readonly bids: readonly OkxLevel[];
  readonly ts: string;
  readonly checksum: number;
  readonly prevSeqId: number;
  readonly seqId: number;
}

export function booksFrame(instId: string, action: 'snapshot' | 'update', data: OkxBooksData): string {
  return JSON.stringify({ arg: { channel: 'books', instId }, action, data: [data] });
}

export function books5Frame(instId: string, asks: readonly OkxLevel[], bids: readonly OkxLevel[], ts: string, seqId: number): string {
  return JSON.stringify({ arg: { channel: 'books5', instId }, data: [{ asks, bids, instId, ts, seqId }] });
}

export function bboFrame(instId: string, ask: OkxLevel | undefined, bid: OkxLevel | undefined, ts: string, seqId: number): string {
  return JSON.stringify({ arg: { channel: 'bbo-tbt', instId }, data: [{ asks: ask === undefined ? [] : [ask], bids: bid === undefined ? [] : [bid], ts, seqId }] });
}

export interface OkxTradeData {
  readonly instId: string;
  readonly tradeId: string;
  readonly px: string;
  readonly sz: string;
  readonly side: 'buy' | 'sell';
  readonly ts: string;
  readonly count: string;
  readonly source: string;
  readonly seqId: number;
}

export function tradesFrame(instId: string, data: OkxTradeData): string {
  return JSON.stringify({ arg: { channel: 'trades', instId }, data: [data] });
}

export interface OkxTickerData {
  readonly instType: string;
  readonly instId: string;
  readonly last: string;
  readonly lastSz: string;
  readonly askPx: string;
  readonly askSz: string;
  readonly bidPx: string;
  readonly bidSz: string;
  readonly open24h: string;
  readonly high24h: string;
  readonly low24h: string;
  readonly sodUtc0: string;
  readonly sodUtc8: string;
  readonly volCcy24h: string;
  readonly vol24h: string;
  readonly ts: string;
}

export function tickersFrame(instId: string, data: OkxTickerData): string {
  return JSON.stringify({ arg: { channel: 'tickers', instId }, data: [data] });
}

/** `{"id"?,"event":"subscribe"|"unsubscribe","arg":{..},"connId":..}`: one per argument, as OKX answers. */
export function subscriptionEvent(event: 'subscribe' | 'unsubscribe', argument: OkxChannelArgument, connId: string, id?: string): string {
  return JSON.stringify({ ...(id === undefined ? {} : { id }), event, arg: argument, connId });
}

/** `{"id"?,"event":"error","code":..,"msg":..,"connId":..}`. */
export function errorEvent(error: { code: string; msg: string }, connId: string, id?: string): string {
  return JSON.stringify({ ...(id === undefined ? {} : { id }), event: 'error', code: error.code, msg: error.msg, connId });
}

/** `{"id"?,"event":"login","code":"0","msg":"","connId":..}`. */
export function loginEvent(connId: string, id?: string): string {
  return JSON.stringify({ ...(id === undefined ? {} : { id }), event: 'login', code: '0', msg: '', connId });
}
