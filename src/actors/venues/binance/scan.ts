// Byte scanner for Binance depth, bookTicker and aggTrade frames: the reference parser's output, without JSON.parse.
import { parseDecimalBytes, textDecimalsOfBytes } from '../../../model/fixed-point.js';
import { AggressorSide, BookSide, SEQUENCE_NONE } from '../../../model/record-types.js';
import { ascii, JsonCursor } from '../common/json-cursor.js';
import { FrameKind, type ParsedBook, type ParsedFrame } from '../common/parsed-frame.js';
import type { ParseContext } from '../common/venue-dialect.js';
import { BinanceMarket } from './market.js';
import { epochNanosOf, epochSecondsOf, parseBinanceFrame } from './parse.js';

/*
 * The scanner reads the keys it needs in Binance's documented key order with one forward cursor
 * and commits only when the frame looks exactly as expected: envelope `{"stream":..,"data":{..}}`,
 * a channel it handles (diff depth, bookTicker, aggTrade), every needed field of the right JSON
 * type, no escapes in the strings it reads, and nothing after the envelope's closing brace.
 * Anything else — control frames, klines, other key orders, truncated frames — goes to the
 * reference parser on the decoded text (cold path), so the two agree by construction there.
 *
 * What it does not re-check (documented limits, never sent by Binance): JSON syntax inside the
 * members it skips, and duplicate keys (JSON.parse keeps the last, the scanner reads the first).
 *
 * Decimals are parsed with parseDecimalBytes at the instrument's scale, in the same order as the
 * reference, so a value that does not fit throws the same ZvtError from both. Nothing here
 * allocates: the cursor and key constants are module-level, results go into the reused frame.
 */

const COMMA = 0x2c;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const EXCLAMATION = 0x21;
const AT = 0x40;
const MINUS = 0x2d;
const DIGIT_ZERO = 0x30;
const DIGIT_NINE = 0x39;

/** A JsonCursor with a one-pass reader for the bare integers Binance uses for ids and times. */
class BinanceCursor extends JsonCursor {
  /**
   * A non-negative integer written as a bare JSON number (no sign, no leading zero, no fraction or
   * exponent), range in start/end; -1 otherwise. One pass over the digits: ids and times are read
   * several times per frame.
   */
  readUnsignedInteger(): number {
    const first = this.skipWhitespace();
    if (first < DIGIT_ZERO || first > DIGIT_NINE) return -1;
    const bytes = this.bytes;
    const start = this.position;
    let position = start;
    let value = 0;
    while (position < this.length) {
      const digit = bytes[position]! - DIGIT_ZERO;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
      position++;
    }
    // The number must end where JSON ends a scalar, not in a '.', 'e' or any other byte.
    if (position < this.length && !isScalarEnd(bytes[position]!)) return -1;
    if (value > Number.MAX_SAFE_INTEGER || (position - start > 1 && first === DIGIT_ZERO)) return -1;
    this.start = start;
    this.end = position;
    this.position = position;
    return value;
  }

  /** An integer written as a bare JSON number, sign allowed (`pu`); NaN otherwise. */
  readSignedInteger(): number {
    const first = this.skipWhitespace();
    if (first !== MINUS && (first < DIGIT_ZERO || first > DIGIT_NINE)) return Number.NaN;
    const value = this.readInteger();
    const digitsStart = first === MINUS ? this.start + 1 : this.start;
    if (this.end - digitsStart > 1 && this.bytes[digitsStart] === DIGIT_ZERO) return Number.NaN;
    return value;
  }
}

/** Bytes that end a bare JSON scalar, as JsonCursor.readScalar stops at them. */
function isScalarEnd(byte: number): boolean {
  return byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

const cursor = new BinanceCursor();
const decoder = new TextDecoder();

const KEY_STREAM = ascii('stream');
const KEY_DATA = ascii('data');
const KEY_EVENT_TYPE = ascii('e');
const KEY_EVENT_TIME = ascii('E');
const KEY_TRANSACTION_TIME = ascii('T');
const KEY_SYMBOL = ascii('s');
const KEY_FIRST_UPDATE_ID = ascii('U');
const KEY_FINAL_UPDATE_ID = ascii('u');
const KEY_PREVIOUS_UPDATE_ID = ascii('pu');
const KEY_BIDS = ascii('b');
const KEY_ASKS = ascii('a');
const KEY_BID_SIZE = ascii('B');
const KEY_ASK_SIZE = ascii('A');
const KEY_AGGREGATE_TRADE_ID = ascii('a');
const KEY_PRICE = ascii('p');
const KEY_QUANTITY = ascii('q');
const KEY_BUYER_IS_MAKER = ascii('m');
const VALUE_DEPTH_UPDATE = ascii('depthUpdate');
const VALUE_BOOK_TICKER = ascii('bookTicker');
const VALUE_AGGREGATE_TRADE = ascii('aggTrade');
const VALUE_TRUE = ascii('true');
const VALUE_FALSE = ascii('false');
const CHANNEL_DEPTH = ascii('depth');
const CHANNEL_MILLISECONDS = ascii('ms');

const Channel = { OTHER: 0, DEPTH: 1, BOOK_TICKER: 2, AGGREGATE_TRADE: 3 } as const;
type Channel = (typeof Channel)[keyof typeof Channel];

/** Scans one Binance frame (spot or USDⓈ-M futures) into `out`; identical to parseBinanceFrame. */
export function scanBinanceFrame(bytes: Uint8Array, length: number, context: ParseContext, out: ParsedFrame, market: BinanceMarket): void {
  out.reset();
  if (scanKnownFrame(bytes, length, context, out, market)) return;
  // Cold: control frames, ignored channels, unexpected shapes. The reference resets `out` itself.
  parseBinanceFrame(decoder.decode(bytes.subarray(0, length)), context, out, market);
}

/** The spot dialect's scanner. */
export function parseFast(bytes: Uint8Array, length: number, context: ParseContext, out: ParsedFrame): void {
  scanBinanceFrame(bytes, length, context, out, BinanceMarket.SPOT);
}

/** True when the frame was fully understood here; false sends it to the reference parser. */
function scanKnownFrame(bytes: Uint8Array, length: number, context: ParseContext, out: ParsedFrame, market: BinanceMarket): boolean {
  cursor.reset(bytes, length, 0);
  if (!cursor.enterObject() || !cursor.seekKey(KEY_STREAM) || !cursor.readPlainString()) return false;
  const channel = channelOf(bytes, cursor.start, cursor.end);
  if (channel === Channel.OTHER) return false;
  if (!cursor.seekKey(KEY_DATA) || !cursor.enterObject()) return false;
  let understood: boolean;
  if (channel === Channel.DEPTH) understood = scanDepthUpdate(bytes, context, out, market);
  else if (channel === Channel.BOOK_TICKER) understood = scanBookTicker(bytes, context, out, market);
  else understood = scanAggregateTrade(bytes, context, out);
  // The event's remaining members, the envelope's closing brace, and nothing after it.
  return understood && cursor.exitContainer() && cursor.exitContainer() && cursor.skipWhitespace() === -1;
}

/** The channel of `<symbol>@<channel>`: what follows the first '@'. All-market (`!`) streams are OTHER. */
function channelOf(bytes: Uint8Array, start: number, end: number): Channel {
  if (start === end || bytes[start] === EXCLAMATION) return Channel.OTHER;
  let at = start;
  while (at < end && bytes[at] !== AT) at++;
  if (at === end) return Channel.OTHER;
  const channelStart = at + 1;
  if (rangeIs(bytes, channelStart, end, VALUE_BOOK_TICKER)) return Channel.BOOK_TICKER;
  if (rangeIs(bytes, channelStart, end, VALUE_AGGREGATE_TRADE)) return Channel.AGGREGATE_TRADE;
  return isDepthChannel(bytes, channelStart, end) ? Channel.DEPTH : Channel.OTHER;
}

/** `depth` or `depth@<digits>ms`, as the reference's DEPTH_CHANNEL pattern. */
function isDepthChannel(bytes: Uint8Array, start: number, end: number): boolean {
  const nameEnd = start + CHANNEL_DEPTH.length;
  if (nameEnd > end || !rangeIs(bytes, start, nameEnd, CHANNEL_DEPTH)) return false;
  if (nameEnd === end) return true;
  if (bytes[nameEnd] !== AT) return false;
  const unitStart = end - CHANNEL_MILLISECONDS.length;
  if (unitStart <= nameEnd + 1 || !rangeIs(bytes, unitStart, end, CHANNEL_MILLISECONDS)) return false;
  for (let index = nameEnd + 1; index < unitStart; index++) {
    const byte = bytes[index]!;
    if (byte < DIGIT_ZERO || byte > DIGIT_NINE) return false;
  }
  return true;
}

function scanDepthUpdate(bytes: Uint8Array, context: ParseContext, out: ParsedFrame, market: BinanceMarket): boolean {
  if (!cursor.seekKey(KEY_EVENT_TYPE) || !cursor.readPlainString() || !cursor.rangeEquals(VALUE_DEPTH_UPDATE)) return false;
  const futures = market === BinanceMarket.USD_M_FUTURES;
  if (!cursor.seekKey(futures ? KEY_TRANSACTION_TIME : KEY_EVENT_TIME)) return false;
  const time = cursor.readUnsignedInteger();
  if (time < 0 || !cursor.seekKey(KEY_SYMBOL) || !cursor.readPlainString()) return false;
  const instrumentId = context.symbols.byBytes(bytes, cursor.start, cursor.end);
  if (instrumentId < 0) return true; // another connection's symbol: IGNORED, as reset left it
  if (!cursor.seekKey(KEY_FIRST_UPDATE_ID)) return false;
  const firstUpdateId = cursor.readUnsignedInteger();
  if (firstUpdateId < 0 || !cursor.seekKey(KEY_FINAL_UPDATE_ID)) return false;
  const finalUpdateId = cursor.readUnsignedInteger();
  if (finalUpdateId < 0) return false;
  let previousUpdateId: number = SEQUENCE_NONE;
  if (futures) {
    if (!cursor.seekKey(KEY_PREVIOUS_UPDATE_ID)) return false;
    previousUpdateId = cursor.readSignedInteger();
    if (Number.isNaN(previousUpdateId)) return false;
  }
  const book = out.nextBook(instrumentId, false);
  book.sequence = finalUpdateId;
  book.firstSequence = firstUpdateId;
  book.previousSequence = previousUpdateId;
  book.hasEventTime = true;
  book.eventSeconds = epochSecondsOf(time);
  book.eventNanos = epochNanosOf(time);
  const priceDecimals = context.priceDecimals[instrumentId]!;
  const sizeDecimals = context.sizeDecimals[instrumentId]!;
  if (!cursor.seekKey(KEY_BIDS) || !scanLevels(bytes, book, BookSide.BID, priceDecimals, sizeDecimals)) return false;
  if (!cursor.seekKey(KEY_ASKS) || !scanLevels(bytes, book, BookSide.ASK, priceDecimals, sizeDecimals)) return false;
  out.kind = FrameKind.MARKET_DATA;
  return true;
}

/** `[["price","qty"], ...]`: exactly two strings per level, as the reference demands. */
function scanLevels(bytes: Uint8Array, book: ParsedBook, side: BookSide, priceDecimals: number, sizeDecimals: number): boolean {
  if (!cursor.enterArray()) return false;
  if (cursor.consume(CLOSE_BRACKET)) return true;
  for (;;) {
    if (!cursor.enterArray() || !cursor.readPlainString()) return false;
    const priceStart = cursor.start;
    const priceEnd = cursor.end;
    if (!cursor.consume(COMMA) || !cursor.readPlainString()) return false;
    const sizeStart = cursor.start;
    const sizeEnd = cursor.end;
    if (!cursor.consume(CLOSE_BRACKET)) return false;
    const price = parseDecimalBytes(bytes, priceStart, priceEnd, priceDecimals);
    const size = parseDecimalBytes(bytes, sizeStart, sizeEnd, sizeDecimals);
    book.pushLevel(side, price, size, textDecimalsOfBytes(bytes, priceStart, priceEnd), textDecimalsOfBytes(bytes, sizeStart, sizeEnd));
    if (!cursor.consume(COMMA)) return cursor.consume(CLOSE_BRACKET);
  }
}

function scanBookTicker(bytes: Uint8Array, context: ParseContext, out: ParsedFrame, market: BinanceMarket): boolean {
  let hasEventTime = false;
  let time = 0;
  if (market === BinanceMarket.USD_M_FUTURES) {
    if (!cursor.seekKey(KEY_EVENT_TYPE) || !cursor.readPlainString() || !cursor.rangeEquals(VALUE_BOOK_TICKER)) return false;
    if (!cursor.seekKey(KEY_TRANSACTION_TIME)) return false;
    time = cursor.readUnsignedInteger();
    if (time < 0) return false;
    hasEventTime = true;
  }
  if (!cursor.seekKey(KEY_SYMBOL) || !cursor.readPlainString()) return false;
  const instrumentId = context.symbols.byBytes(bytes, cursor.start, cursor.end);
  if (instrumentId < 0) return true;
  if (!cursor.seekKey(KEY_BIDS) || !cursor.readPlainString()) return false;
  const bidPriceStart = cursor.start;
  const bidPriceEnd = cursor.end;
  if (!cursor.seekKey(KEY_BID_SIZE) || !cursor.readPlainString()) return false;
  const bidSizeStart = cursor.start;
  const bidSizeEnd = cursor.end;
  if (!cursor.seekKey(KEY_ASKS) || !cursor.readPlainString()) return false;
  const askPriceStart = cursor.start;
  const askPriceEnd = cursor.end;
  if (!cursor.seekKey(KEY_ASK_SIZE) || !cursor.readPlainString()) return false;
  const priceDecimals = context.priceDecimals[instrumentId]!;
  const sizeDecimals = context.sizeDecimals[instrumentId]!;
  const bidPrice = parseDecimalBytes(bytes, bidPriceStart, bidPriceEnd, priceDecimals);
  const bidSize = parseDecimalBytes(bytes, bidSizeStart, bidSizeEnd, sizeDecimals);
  const askPrice = parseDecimalBytes(bytes, askPriceStart, askPriceEnd, priceDecimals);
  const askSize = parseDecimalBytes(bytes, cursor.start, cursor.end, sizeDecimals);
  out.bbos.push(instrumentId, bidPrice, bidSize, askPrice, askSize, hasEventTime, hasEventTime ? epochSecondsOf(time) : 0, hasEventTime ? epochNanosOf(time) : 0);
  out.kind = FrameKind.MARKET_DATA;
  return true;
}

function scanAggregateTrade(bytes: Uint8Array, context: ParseContext, out: ParsedFrame): boolean {
  if (!cursor.seekKey(KEY_EVENT_TYPE) || !cursor.readPlainString() || !cursor.rangeEquals(VALUE_AGGREGATE_TRADE)) return false;
  if (!cursor.seekKey(KEY_SYMBOL) || !cursor.readPlainString()) return false;
  const instrumentId = context.symbols.byBytes(bytes, cursor.start, cursor.end);
  if (instrumentId < 0) return true;
  if (!cursor.seekKey(KEY_AGGREGATE_TRADE_ID) || cursor.readUnsignedInteger() < 0) return false;
  // The id's digits as sent are exactly String(a) of the reference: no sign, no leading zero.
  const idStart = cursor.start;
  const idEnd = cursor.end;
  if (!cursor.seekKey(KEY_PRICE) || !cursor.readPlainString()) return false;
  const priceStart = cursor.start;
  const priceEnd = cursor.end;
  if (!cursor.seekKey(KEY_QUANTITY) || !cursor.readPlainString()) return false;
  const sizeStart = cursor.start;
  const sizeEnd = cursor.end;
  if (!cursor.seekKey(KEY_TRANSACTION_TIME)) return false;
  const time = cursor.readUnsignedInteger();
  // A missing or non-boolean `m` is the reference's call (UNKNOWN side, or an UNKNOWN frame).
  if (time < 0 || !cursor.seekKey(KEY_BUYER_IS_MAKER) || !cursor.readScalar()) return false;
  let side: AggressorSide;
  if (cursor.rangeEquals(VALUE_TRUE)) side = AggressorSide.SELL;
  else if (cursor.rangeEquals(VALUE_FALSE)) side = AggressorSide.BUY;
  else return false;
  const price = parseDecimalBytes(bytes, priceStart, priceEnd, context.priceDecimals[instrumentId]!);
  const size = parseDecimalBytes(bytes, sizeStart, sizeEnd, context.sizeDecimals[instrumentId]!);
  const index = out.trades.push(instrumentId, price, size, side, true, epochSecondsOf(time), epochNanosOf(time));
  out.trades.setTradeIdBytes(index, bytes, idStart, idEnd);
  out.kind = FrameKind.MARKET_DATA;
  return true;
}

function rangeIs(bytes: Uint8Array, start: number, end: number, ascii: Uint8Array): boolean {
  if (end - start !== ascii.length) return false;
  for (let index = 0; index < ascii.length; index++) if (bytes[start + index] !== ascii[index]) return false;
  return true;
}
