// Bybit v5 public stream reference parser (https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook, .../public/trade, .../public/ticker, .../ws/connect).
import { parseDecimal, textDecimalsOf } from '../../../model/fixed-point.js';
import { AggressorSide, BookSide } from '../../../model/record-types.js';
import { FrameKind, TRADE_ID_MAX_BYTES, type ParsedBook, type ParsedFrame } from '../common/parsed-frame.js';
import type { ParseContext } from '../common/venue-dialect.js';

/*
 * JSON.parse-based, and the definition of what a Bybit frame means; the byte scanner (scan.ts) must
 * produce exactly the same ParsedFrame. The order in which fields are checked is part of that
 * definition (it decides whether a doubly broken frame is UNKNOWN or throws), so it is spelled out:
 *
 *   frame      invalid JSON / not an object ............................ UNKNOWN
 *              `topic` present: by channel (below); else `op` frames; else `success:false` → VENUE_ERROR
 *   channel    orderbook.<digits>.*  → book     publicTrade.* → trades     tickers.* → best bid/offer
 *              kline.*, allLiquidation.*, liquidation.* → IGNORED           any other topic → UNKNOWN
 *   book       data object → `s` string → not ours: IGNORED → `b` then `a`: arrays of [string, string],
 *              each level parsed in order (decimals may throw) → `type` snapshot|delta → `u` → `cts`
 *   trades     data array; per trade in order: object → `s` string → not ours: skipped → `S`, `p`,
 *              `v`, `T`, `i` shapes → price and size parsed (may throw) → pushed
 *   ticker     data object → `symbol` string → not ours: IGNORED → `ts` → the four bid1/ask1 fields
 *              are each absent or a string; all four non-empty → one BBO (decimals may throw)
 *
 * Normalisation (DESIGN §3, docs/venues/bybit.md): prices and sizes are mantissas at the
 * instrument's scale plus the text decimals as sent; size "0" deletes a level; a book message with
 * u = 1 is a full book even if typed `delta` (Bybit: "Occasionally, you'll receive "u"=1, which is
 * a snapshot data due to the restart of the service. So please overwrite your local orderbook").
 * Event times: book = `cts` (matching engine, comparable with trade `T`), trade = `T`, ticker = `ts`
 * (the only time a ticker carries). A missing time is hasEventTime = false, never a guess. Taker
 * side = `S`. A ticker yields a BBO only when it carries all four top-of-book fields: linear deltas
 * often carry one side only, and the other side is not invented.
 */

/** Channels a topic can belong to; the scanner classifies topic bytes into the same codes. */
export const BybitChannel = { NONE: 0, BOOK: 1, TRADES: 2, TICKER: 3, IGNORED: 4, UNKNOWN: 5 } as const;
export type BybitChannel = (typeof BybitChannel)[keyof typeof BybitChannel];

const BOOK_TOPIC = /^orderbook\.[0-9]+\./;
const IGNORED_TOPIC_PREFIXES = ['kline.', 'allLiquidation.', 'liquidation.'] as const;

/** Which channel a topic names. Only `orderbook.<depth>.` counts as a book: `orderbook.rpi.` is another book. */
function channelOfTopic(topic: string): BybitChannel {
  if (BOOK_TOPIC.test(topic)) return BybitChannel.BOOK;
  if (topic.startsWith('publicTrade.')) return BybitChannel.TRADES;
  if (topic.startsWith('tickers.')) return BybitChannel.TICKER;
  for (const prefix of IGNORED_TOPIC_PREFIXES) if (topic.startsWith(prefix)) return BybitChannel.IGNORED;
  return BybitChannel.UNKNOWN;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sequences and millisecond times: JSON numbers that are non-negative safe integers. */
function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Trade ids go into a fixed 48-byte slot as ASCII: printable ASCII only, or the frame is not understood. */
function isTradeId(value: string): boolean {
  if (value.length > TRADE_ID_MAX_BYTES) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}

function unknownFrame(out: ParsedFrame, reason: string): void {
  out.reset();
  out.kind = FrameKind.UNKNOWN;
  out.errorText = reason;
}

/** Whole epoch seconds of a millisecond time (scan.ts repeats this arithmetic inline). */
function secondsOfMs(epochMs: number): number {
  return Math.floor(epochMs / 1000);
}

/** Nanoseconds within the second of a millisecond time. */
function nanosOfMs(epochMs: number): number {
  return (epochMs - Math.floor(epochMs / 1000) * 1000) * 1_000_000;
}

/** Parses one Bybit frame into `out` (reset first). Throws only ZvtError from the decimal parser. */
export function parseReference(text: string, context: ParseContext, out: ParsedFrame): void {
  out.reset();
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    unknownFrame(out, 'invalid JSON');
    return;
  }
  if (!isObject(message)) {
    unknownFrame(out, 'not a JSON object');
    return;
  }
  const topic = message.topic;
  if (topic !== undefined) {
    if (typeof topic !== 'string') {
      unknownFrame(out, '"topic" is not a string');
      return;
    }
    switch (channelOfTopic(topic)) {
      case BybitChannel.BOOK:
        parseBook(message, context, out);
        return;
      case BybitChannel.TRADES:
        parseTrades(message, context, out);
        return;
      case BybitChannel.TICKER:
        parseTicker(message, context, out);
        return;
      case BybitChannel.IGNORED:
        out.kind = FrameKind.IGNORED;
        return;
      default:
        unknownFrame(out, `unknown topic ${topic.slice(0, 64)}`);
        return;
    }
  }
  parseControl(message, out);
}

/** Subscription replies, pongs and errors: frames with `op` and no `topic`. */
function parseControl(message: JsonObject, out: ParsedFrame): void {
  const operation = message.op;
  const success = message.success;
  const returnMessage = typeof message.ret_msg === 'string' ? message.ret_msg : '';
  if (operation === 'subscribe' || operation === 'unsubscribe' || operation === 'ping') {
    if (success === true) {
      out.kind = operation === 'ping' ? FrameKind.HEARTBEAT : FrameKind.SUBSCRIBED;
      return;
    }
    if (success === false) {
      out.kind = FrameKind.VENUE_ERROR;
      out.errorText = `${operation} failed: ${returnMessage}`;
      return;
    }
    unknownFrame(out, `"${operation}" reply without a boolean "success"`);
    return;
  }
  if (operation === 'pong') {
    out.kind = FrameKind.HEARTBEAT;
    return;
  }
  if (operation === undefined && success === false) {
    out.kind = FrameKind.VENUE_ERROR;
    out.errorText = returnMessage;
    return;
  }
  unknownFrame(out, operation === undefined ? 'no "topic" and no "op"' : `unknown op ${JSON.stringify(operation).slice(0, 32)}`);
}

/** Pushes `[price, size]` pairs; false when one is not a pair of strings. */
function pushLevels(levels: unknown[], side: BookSide, book: ParsedBook, priceDecimals: number, sizeDecimals: number): boolean {
  for (const level of levels) {
    if (!Array.isArray(level) || level.length !== 2) return false;
    const price: unknown = level[0];
    const size: unknown = level[1];
    if (typeof price !== 'string' || typeof size !== 'string') return false;
    book.pushLevel(side, parseDecimal(price, priceDecimals), parseDecimal(size, sizeDecimals), textDecimalsOf(price), textDecimalsOf(size));
  }
  return true;
}

function parseBook(message: JsonObject, context: ParseContext, out: ParsedFrame): void {
  const data = message.data;
  if (!isObject(data)) return unknownFrame(out, 'orderbook: "data" is not an object');
  const symbol = data.s;
  if (typeof symbol !== 'string') return unknownFrame(out, 'orderbook: "s" is not a string');
  const instrumentId = context.symbols.byString(symbol);
  if (instrumentId < 0) {
    out.kind = FrameKind.IGNORED;
    return;
  }
  const priceDecimals = context.priceDecimals[instrumentId]!;
  const sizeDecimals = context.sizeDecimals[instrumentId]!;
  const book = out.nextBook(instrumentId, false);
  const bids = data.b;
  if (!Array.isArray(bids) || !pushLevels(bids, BookSide.BID, book, priceDecimals, sizeDecimals)) {
    return unknownFrame(out, 'orderbook: "b" is not an array of [price, size] strings');
  }
  const asks = data.a;
  if (!Array.isArray(asks) || !pushLevels(asks, BookSide.ASK, book, priceDecimals, sizeDecimals)) {
    return unknownFrame(out, 'orderbook: "a" is not an array of [price, size] strings');
  }
  const type = message.type;
  if (type !== 'snapshot' && type !== 'delta') return unknownFrame(out, 'orderbook: "type" is not snapshot or delta');
  const updateId = data.u;
  if (!isCount(updateId)) return unknownFrame(out, 'orderbook: "u" is not a non-negative integer');
  const matchingEngineTime = message.cts;
  if (matchingEngineTime !== undefined && !isCount(matchingEngineTime)) {
    return unknownFrame(out, 'orderbook: "cts" is not a millisecond time');
  }
  book.isSnapshot = type === 'snapshot' || updateId === 1;
  book.sequence = updateId;
  if (matchingEngineTime !== undefined) {
    book.hasEventTime = true;
    book.eventSeconds = secondsOfMs(matchingEngineTime);
    book.eventNanos = nanosOfMs(matchingEngineTime);
  }
  out.kind = FrameKind.MARKET_DATA;
}

function parseTrades(message: JsonObject, context: ParseContext, out: ParsedFrame): void {
  const data = message.data;
  if (!Array.isArray(data)) return unknownFrame(out, 'publicTrade: "data" is not an array');
  const trades = out.trades;
  for (const item of data as unknown[]) {
    if (!isObject(item)) return unknownFrame(out, 'publicTrade: a trade is not an object');
    const symbol = item.s;
    if (typeof symbol !== 'string') return unknownFrame(out, 'publicTrade: "s" is not a string');
    const instrumentId = context.symbols.byString(symbol);
    if (instrumentId < 0) continue;
    const side = item.S;
    let aggressorSide: AggressorSide;
    if (side === 'Buy') aggressorSide = AggressorSide.BUY;
    else if (side === 'Sell') aggressorSide = AggressorSide.SELL;
    else if (side === undefined) aggressorSide = AggressorSide.UNKNOWN;
    else return unknownFrame(out, 'publicTrade: "S" is not Buy or Sell');
    const price = item.p;
    const size = item.v;
    if (typeof price !== 'string' || typeof size !== 'string') return unknownFrame(out, 'publicTrade: "p" or "v" is not a string');
    const tradeTime = item.T;
    if (tradeTime !== undefined && !isCount(tradeTime)) return unknownFrame(out, 'publicTrade: "T" is not a millisecond time');
    const tradeId = item.i;
    if (tradeId !== undefined && (typeof tradeId !== 'string' || !isTradeId(tradeId))) {
      return unknownFrame(out, `publicTrade: "i" is not printable ASCII of at most ${TRADE_ID_MAX_BYTES} characters`);
    }
    const priceMantissa = parseDecimal(price, context.priceDecimals[instrumentId]!);
    const sizeMantissa = parseDecimal(size, context.sizeDecimals[instrumentId]!);
    const hasTime = tradeTime !== undefined;
    const index = trades.push(
      instrumentId,
      priceMantissa,
      sizeMantissa,
      aggressorSide,
      hasTime,
      hasTime ? secondsOfMs(tradeTime) : 0,
      hasTime ? nanosOfMs(tradeTime) : 0,
    );
    if (tradeId !== undefined) trades.setTradeIdString(index, tradeId);
  }
  out.kind = trades.count > 0 ? FrameKind.MARKET_DATA : FrameKind.IGNORED;
}

const TICKER_FIELDS = ['bid1Price', 'bid1Size', 'ask1Price', 'ask1Size'] as const;

function parseTicker(message: JsonObject, context: ParseContext, out: ParsedFrame): void {
  const data = message.data;
  if (!isObject(data)) return unknownFrame(out, 'tickers: "data" is not an object');
  const symbol = data.symbol;
  if (typeof symbol !== 'string') return unknownFrame(out, 'tickers: "symbol" is not a string');
  const instrumentId = context.symbols.byString(symbol);
  if (instrumentId < 0) {
    out.kind = FrameKind.IGNORED;
    return;
  }
  const systemTime = message.ts;
  if (systemTime !== undefined && !isCount(systemTime)) return unknownFrame(out, 'tickers: "ts" is not a millisecond time');
  let complete = true;
  for (const field of TICKER_FIELDS) {
    const value = data[field];
    if (value !== undefined && typeof value !== 'string') return unknownFrame(out, `tickers: "${field}" is not a string`);
    if (value === undefined || value === '') complete = false;
  }
  if (!complete) {
    out.kind = FrameKind.IGNORED;
    return;
  }
  const priceDecimals = context.priceDecimals[instrumentId]!;
  const sizeDecimals = context.sizeDecimals[instrumentId]!;
  const bidPrice = parseDecimal(data.bid1Price as string, priceDecimals);
  const bidSize = parseDecimal(data.bid1Size as string, sizeDecimals);
  const askPrice = parseDecimal(data.ask1Price as string, priceDecimals);
  const askSize = parseDecimal(data.ask1Size as string, sizeDecimals);
  const hasTime = systemTime !== undefined;
  out.bbos.push(instrumentId, bidPrice, bidSize, askPrice, askSize, hasTime, hasTime ? secondsOfMs(systemTime) : 0, hasTime ? nanosOfMs(systemTime) : 0);
  out.kind = FrameKind.MARKET_DATA;
}
