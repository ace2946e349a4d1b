// OKX byte scanner: books, trades and bbo-tbt frames straight from the socket bytes, the same ParsedFrame as parse.ts.

import { parseDecimalBytes, textDecimalsOfBytes } from '../../../model/fixed-point.js';
import { AggressorSide, BookSide } from '../../../model/record-types.js';
import { ascii, JsonCursor } from '../common/json-cursor.js';
import { FrameKind, TRADE_ID_MAX_BYTES, type ParsedBook, type ParsedFrame } from '../common/parsed-frame.js';
import type { ParseContext } from '../common/venue-dialect.js';
import { OKX_CHANNELS } from './channels.js';
import { parseReference } from './parse.js';

/*
 * The fast path reads the shapes OKX documents, in the order OKX sends them (`arg`, then `action`,
 * then `data`), and nothing else: whenever the bytes are anything but that (an event, `data` before
 * `arg`, a member of an unexpected type, a duplicate key, an escape inside a string it interprets),
 * it gives up and hands the frame to parseReference, which decides. So for any valid JSON frame
 * the result is parseReference's, by construction or by delegation; the tests hold the fast path to
 * that. Events and pongs are rare and take the cold path (pong is recognised here, it is cheap).
 *
 * The scanner takes validation decisions in parseReference's order, so both reach the same outcome
 * and throw the same decimal errors: a level's two strings are read before either is parsed, a
 * trade's or a BBO's decimals are parsed once its whole object has been read.
 *
 * Hot path: one module-level cursor, numbers in locals, no strings, no closures, no try/catch.
 * Invalid JSON is not validated: such frames never throw here except through a malformed price or
 * size (the same ZvtError decimal errors parseReference throws), and are read within [0, length).
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const DIGIT_ZERO = 0x30;
const DIGIT_NINE = 0x39;
const PRINTABLE_FIRST = 0x20;
const PRINTABLE_LAST = 0x7e;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const MILLISECONDS_PER_SECOND = 1000;
const NANOSECONDS_PER_MILLISECOND = 1_000_000;

const PONG = ascii('pong');
const KEY_EVENT = ascii('event');
const KEY_ARG = ascii('arg');
const KEY_ACTION = ascii('action');
const KEY_DATA = ascii('data');
const KEY_CHANNEL = ascii('channel');
const KEY_INSTRUMENT = ascii('instId');
const KEY_ASKS = ascii('asks');
const KEY_BIDS = ascii('bids');
const KEY_TIMESTAMP = ascii('ts');
const KEY_CHECKSUM = ascii('checksum');
const KEY_SEQUENCE = ascii('seqId');
const KEY_PREVIOUS_SEQUENCE = ascii('prevSeqId');
const KEY_TRADE_ID = ascii('tradeId');
const KEY_PRICE = ascii('px');
const KEY_SIZE = ascii('sz');
const KEY_SIDE = ascii('side');
const VALUE_SNAPSHOT = ascii('snapshot');
const VALUE_UPDATE = ascii('update');
const VALUE_BUY = ascii('buy');
const VALUE_SELL = ascii('sell');
const BOOK_CHANNELS: readonly Uint8Array[] = OKX_CHANNELS.bookChannels.map(ascii);
const TRADES_CHANNEL = ascii(OKX_CHANNELS.trades);
const BEST_BID_OFFER_CHANNEL = ascii(OKX_CHANNELS.bestBidOffer);
const IGNORED_CHANNELS: readonly Uint8Array[] = OKX_CHANNELS.ignoredChannels.map(ascii);

const CHANNEL_NONE = 0;
const CHANNEL_BOOKS = 1;
const CHANNEL_TRADES = 2;
const CHANNEL_BEST_BID_OFFER = 3;
const CHANNEL_IGNORED = 4;
const CHANNEL_OTHER = 5;

const ACTION_NONE = 0;
const ACTION_SNAPSHOT = 1;
const ACTION_UPDATE = 2;
const ACTION_OTHER = 3;

/** `arg.instId` absent (distinct from -1, "not one of ours"). */
const INSTRUMENT_NOT_GIVEN = -2;

// Bits of "members seen", per object, to detect duplicates and missing members.
const SEEN_ARG = 1;
const SEEN_ACTION = 2;
const SEEN_DATA = 4;
const SEEN_CHANNEL = 1;
const SEEN_INSTRUMENT = 2;
const SEEN_ASKS = 1;
const SEEN_BIDS = 2;
const SEEN_TIMESTAMP = 4;
const SEEN_CHECKSUM = 8;
const SEEN_SEQUENCE = 16;
const SEEN_PREVIOUS_SEQUENCE = 32;
const SEEN_TRADE_ID = 1;
const SEEN_PRICE = 2;
const SEEN_SIZE = 4;
const SEEN_SIDE = 8;
const SEEN_TRADE_TIMESTAMP = 16;
const BOOK_REQUIRED = SEEN_ASKS | SEEN_BIDS | SEEN_SEQUENCE | SEEN_PREVIOUS_SEQUENCE;
const TRADE_REQUIRED = SEEN_TRADE_ID | SEEN_PRICE | SEEN_SIZE | SEEN_SIDE;

/** The one cursor of this thread; frames are scanned one at a time, synchronously. */
const cursor = new JsonCursor();

// What scanArgument found (module state rather than a returned object: nothing is allocated).
let argumentChannel = CHANNEL_NONE;
let argumentInstrumentId = INSTRUMENT_NOT_GIVEN;

// What advance() found after a member or element.
const NEXT_MEMBER = 1;
const CLOSED = 0;
const BROKEN = -1;

/**
 * The number the last readBareInteger / readMilliseconds read. A typed array slot, not a return
 * value: a double above 2^30 returned from a function that is not inlined is boxed, one heap
 * allocation per frame (epoch milliseconds, OKX seqIds and checksums are all that large).
 */
const numberRead = new Float64Array(1);

// Ranges of the last level read by readLevel.
let levelPriceStart = 0;
let levelPriceEnd = 0;
let levelSizeStart = 0;
let levelSizeEnd = 0;

/**
 * Frames of this thread that took the cold path (events, unusual shapes): a metric for the feed,
 * and how tests prove the documented market data frames never need it.
 */
export const okxScanCounters = { fallbacks: 0 };

/** Fills `out` from `bytes[0, length)` exactly as parseReference fills it from the same text. */
export function parseFast(bytes: Uint8Array, length: number, context: ParseContext, out: ParsedFrame): void {
  if (!scanFrame(bytes, length, context, out)) {
    // Cold: an event, or a frame outside the fast path's shapes. The reference decides.
    okxScanCounters.fallbacks++;
    parseReference(Buffer.from(bytes.buffer, bytes.byteOffset, length).toString('utf8'), context, out);
  }
}

/** True when the frame was fully understood here; false hands it to parseReference. */
function scanFrame(bytes: Uint8Array, length: number, context: ParseContext, out: ParsedFrame): boolean {
  out.reset();
  if (length === PONG.length && startsWith(bytes, PONG)) {
    out.kind = FrameKind.HEARTBEAT;
    return true;
  }
  cursor.reset(bytes, length, 0);
  if (!cursor.enterObject() || !cursor.hasElement()) return false;
  let seen = 0;
  let step: number;
  let action = ACTION_NONE;
  argumentChannel = CHANNEL_NONE;
  argumentInstrumentId = INSTRUMENT_NOT_GIVEN;
  do {
    if (!cursor.readPlainString()) return false;
    if (cursor.rangeEquals(KEY_DATA)) {
      if (!cursor.consume(COLON) || (seen & (SEEN_DATA | SEEN_ARG)) !== SEEN_ARG) return false;
      seen |= SEEN_DATA;
      if (!scanData(action, context, out)) return false;
    } else if (cursor.rangeEquals(KEY_ARG)) {
      if (!cursor.consume(COLON) || (seen & SEEN_ARG) !== 0) return false;
      seen |= SEEN_ARG;
      if (!scanArgument(context)) return false;
    } else if (cursor.rangeEquals(KEY_ACTION)) {
      if (!cursor.consume(COLON) || (seen & SEEN_ACTION) !== 0 || !cursor.readPlainString()) return false;
      seen |= SEEN_ACTION;
      action = cursor.rangeEquals(VALUE_SNAPSHOT) ? ACTION_SNAPSHOT : cursor.rangeEquals(VALUE_UPDATE) ? ACTION_UPDATE : ACTION_OTHER;
    } else if (cursor.rangeEquals(KEY_EVENT)) {
      return false;
    } else if (!cursor.consume(COLON) || !cursor.skipValue()) {
      return false;
    }
    step = advance();
  } while (step === NEXT_MEMBER);
  return step === CLOSED && (seen & SEEN_DATA) !== 0 && cursor.skipWhitespace() === -1;
}

/** Reads `arg`: the channel kind and the resolved instrument. */
function scanArgument(context: ParseContext): boolean {
  if (!cursor.enterObject()) return false;
  if (!cursor.hasElement()) return advance() === CLOSED;
  let seen = 0;
  let step: number;
  do {
    if (!cursor.readPlainString()) return false;
    if (cursor.rangeEquals(KEY_CHANNEL)) {
      if (!cursor.consume(COLON) || (seen & SEEN_CHANNEL) !== 0 || !cursor.readPlainString()) return false;
      seen |= SEEN_CHANNEL;
      argumentChannel = classifyChannel();
    } else if (cursor.rangeEquals(KEY_INSTRUMENT)) {
      if (!cursor.consume(COLON) || (seen & SEEN_INSTRUMENT) !== 0 || !cursor.readPlainString()) return false;
      seen |= SEEN_INSTRUMENT;
      argumentInstrumentId = context.symbols.byBytes(cursor.bytes, cursor.start, cursor.end);
    } else if (!cursor.consume(COLON) || !cursor.skipValue()) {
      return false;
    }
    step = advance();
  } while (step === NEXT_MEMBER);
  return step === CLOSED;
}

function classifyChannel(): number {
  // Indexed loops: for-of would create an iterator per frame until the optimiser removes it.
  for (let index = 0; index < BOOK_CHANNELS.length; index++) if (cursor.rangeEquals(BOOK_CHANNELS[index]!)) return CHANNEL_BOOKS;
  if (cursor.rangeEquals(TRADES_CHANNEL)) return CHANNEL_TRADES;
  if (cursor.rangeEquals(BEST_BID_OFFER_CHANNEL)) return CHANNEL_BEST_BID_OFFER;
  for (let index = 0; index < IGNORED_CHANNELS.length; index++) if (cursor.rangeEquals(IGNORED_CHANNELS[index]!)) return CHANNEL_IGNORED;
  return CHANNEL_OTHER;
}

/** The `data` member, once `arg` (and for books `action`) has been read. */
function scanData(action: number, context: ParseContext, out: ParsedFrame): boolean {
  const channel = argumentChannel;
  if (channel === CHANNEL_IGNORED) {
    if (!cursor.skipValue()) return false;
    out.kind = FrameKind.IGNORED;
    return true;
  }
  if (channel === CHANNEL_NONE || channel === CHANNEL_OTHER || argumentInstrumentId === INSTRUMENT_NOT_GIVEN) return false;
  const instrumentId = argumentInstrumentId;
  if (instrumentId === -1) {
    if (!cursor.skipValue()) return false;
    out.kind = FrameKind.IGNORED;
    return true;
  }
  if (!cursor.enterArray()) return false;
  const priceDecimals = context.priceDecimals[instrumentId]!;
  const sizeDecimals = context.sizeDecimals[instrumentId]!;
  if (channel === CHANNEL_BOOKS && action !== ACTION_SNAPSHOT && action !== ACTION_UPDATE) return false;
  if (cursor.hasElement()) {
    let step: number;
    do {
      let understood: boolean;
      if (channel === CHANNEL_BOOKS) {
        understood = scanBook(out.nextBook(instrumentId, action === ACTION_SNAPSHOT), priceDecimals, sizeDecimals);
      } else if (channel === CHANNEL_TRADES) {
        understood = scanTrade(instrumentId, priceDecimals, sizeDecimals, out);
      } else {
        understood = scanBestBidOffer(instrumentId, priceDecimals, sizeDecimals, out);
      }
      if (!understood) return false;
      step = advance();
    } while (step === NEXT_MEMBER);
    if (step !== CLOSED) return false;
  } else if (advance() !== CLOSED) {
    return false;
  }
  out.kind = FrameKind.MARKET_DATA;
  return true;
}

function scanBook(book: ParsedBook, priceDecimals: number, sizeDecimals: number): boolean {
  if (!cursor.enterObject() || !cursor.hasElement()) return false;
  let seen = 0;
  let step: number;
  do {
    if (!cursor.readPlainString()) return false;
    if (cursor.rangeEquals(KEY_ASKS)) {
      if (!cursor.consume(COLON) || (seen & SEEN_ASKS) !== 0) return false;
      seen |= SEEN_ASKS;
      if (!scanLevels(book, BookSide.ASK, priceDecimals, sizeDecimals)) return false;
    } else if (cursor.rangeEquals(KEY_BIDS)) {
      if (!cursor.consume(COLON) || (seen & SEEN_BIDS) !== 0) return false;
      seen |= SEEN_BIDS;
      if (!scanLevels(book, BookSide.BID, priceDecimals, sizeDecimals)) return false;
    } else if (cursor.rangeEquals(KEY_TIMESTAMP)) {
      if (!cursor.consume(COLON) || (seen & SEEN_TIMESTAMP) !== 0) return false;
      seen |= SEEN_TIMESTAMP;
      if (!readMilliseconds()) return false;
      const milliseconds = numberRead[0]!;
      book.hasEventTime = true;
      book.eventSeconds = (milliseconds - (milliseconds % MILLISECONDS_PER_SECOND)) / MILLISECONDS_PER_SECOND;
      book.eventNanos = (milliseconds % MILLISECONDS_PER_SECOND) * NANOSECONDS_PER_MILLISECOND;
    } else if (cursor.rangeEquals(KEY_CHECKSUM)) {
      if (!cursor.consume(COLON) || (seen & SEEN_CHECKSUM) !== 0) return false;
      seen |= SEEN_CHECKSUM;
      if (!readBareInteger()) return false;
      const checksum = numberRead[0]!;
      if (checksum < INT32_MIN || checksum > INT32_MAX) return false;
      book.checksum = checksum | 0;
    } else if (cursor.rangeEquals(KEY_SEQUENCE)) {
      if (!cursor.consume(COLON) || (seen & SEEN_SEQUENCE) !== 0) return false;
      seen |= SEEN_SEQUENCE;
      if (!readBareInteger()) return false;
      book.sequence = numberRead[0]!;
    } else if (cursor.rangeEquals(KEY_PREVIOUS_SEQUENCE)) {
      if (!cursor.consume(COLON) || (seen & SEEN_PREVIOUS_SEQUENCE) !== 0) return false;
      seen |= SEEN_PREVIOUS_SEQUENCE;
      if (!readBareInteger()) return false;
      book.previousSequence = numberRead[0]!;
    } else if (!cursor.consume(COLON) || !cursor.skipValue()) {
      return false;
    }
    step = advance();
  } while (step === NEXT_MEMBER);
  return step === CLOSED && (seen & BOOK_REQUIRED) === BOOK_REQUIRED;
}

function scanLevels(book: ParsedBook, side: BookSide, priceDecimals: number, sizeDecimals: number): boolean {
  if (!cursor.enterArray()) return false;
  if (!cursor.hasElement()) return advance() === CLOSED;
  const bytes = cursor.bytes;
  let step: number;
  do {
    if (!readLevel()) return false;
    // Parsed only once both strings are known to be there, as parseReference does.
    const price = parseDecimalBytes(bytes, levelPriceStart, levelPriceEnd, priceDecimals);
    const size = parseDecimalBytes(bytes, levelSizeStart, levelSizeEnd, sizeDecimals);
    book.pushLevel(
      side,
      price,
      size,
      textDecimalsOfBytes(bytes, levelPriceStart, levelPriceEnd),
      textDecimalsOfBytes(bytes, levelSizeStart, levelSizeEnd),
    );
    step = advance();
  } while (step === NEXT_MEMBER);
  return step === CLOSED;
}

/** `["price","size",...]`: the two string ranges into levelPriceStart/End and levelSizeStart/End, the rest skipped. */
function readLevel(): boolean {
  if (!cursor.enterArray() || !cursor.readPlainString()) return false;
  levelPriceStart = cursor.start;
  levelPriceEnd = cursor.end;
  // A level closed after one member is not a level.
  if (advance() !== NEXT_MEMBER || !cursor.readPlainString()) return false;
  levelSizeStart = cursor.start;
  levelSizeEnd = cursor.end;
  return skipRestOfLevel();
}

/**
 * Skips the level's remaining members (OKX: the deprecated "0" and the order count, both strings)
 * and its `]`. A tighter loop than JsonCursor.exitContainer, which matters at 400 levels a
 * snapshot; a nested container is not an OKX level and goes to the reference.
 */
function skipRestOfLevel(): boolean {
  const bytes = cursor.bytes;
  const length = cursor.length;
  let position = cursor.position;
  while (position < length) {
    const byte = bytes[position]!;
    if (byte === CLOSE_BRACKET) {
      cursor.position = position + 1;
      return true;
    }
    if (byte === QUOTE) {
      position++;
      while (position < length && bytes[position] !== QUOTE) position += bytes[position] === BACKSLASH ? 2 : 1;
    } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE || byte === CLOSE_BRACE) {
      return false;
    }
    position++;
  }
  return false;
}

function scanTrade(instrumentId: number, priceDecimals: number, sizeDecimals: number, out: ParsedFrame): boolean {
  if (!cursor.enterObject()) return false;
  let seen = 0;
  let tradeIdStart = 0;
  let tradeIdEnd = 0;
  let priceStart = 0;
  let priceEnd = 0;
  let sizeStart = 0;
  let sizeEnd = 0;
  let side: AggressorSide = AggressorSide.UNKNOWN;
  let milliseconds = -1;
  let step: number;
  if (!cursor.hasElement()) return false;
  do {
    if (!cursor.readPlainString()) return false;
    if (cursor.rangeEquals(KEY_TRADE_ID)) {
      if (!cursor.consume(COLON) || (seen & SEEN_TRADE_ID) !== 0 || !cursor.readPlainString() || !isTradeId()) return false;
      seen |= SEEN_TRADE_ID;
      tradeIdStart = cursor.start;
      tradeIdEnd = cursor.end;
    } else if (cursor.rangeEquals(KEY_PRICE)) {
      if (!cursor.consume(COLON) || (seen & SEEN_PRICE) !== 0 || !cursor.readPlainString()) return false;
      seen |= SEEN_PRICE;
      priceStart = cursor.start;
      priceEnd = cursor.end;
    } else if (cursor.rangeEquals(KEY_SIZE)) {
      if (!cursor.consume(COLON) || (seen & SEEN_SIZE) !== 0 || !cursor.readPlainString()) return false;
      seen |= SEEN_SIZE;
      sizeStart = cursor.start;
      sizeEnd = cursor.end;
    } else if (cursor.rangeEquals(KEY_SIDE)) {
      if (!cursor.consume(COLON) || (seen & SEEN_SIDE) !== 0 || !cursor.readPlainString()) return false;
      seen |= SEEN_SIDE;
      if (cursor.rangeEquals(VALUE_BUY)) side = AggressorSide.BUY;
      else if (cursor.rangeEquals(VALUE_SELL)) side = AggressorSide.SELL;
      else return false;
    } else if (cursor.rangeEquals(KEY_TIMESTAMP)) {
      if (!cursor.consume(COLON) || (seen & SEEN_TRADE_TIMESTAMP) !== 0) return false;
      seen |= SEEN_TRADE_TIMESTAMP;
      if (!readMilliseconds()) return false;
      milliseconds = numberRead[0]!;
    } else if (!cursor.consume(COLON) || !cursor.skipValue()) {
      return false;
    }
    step = advance();
  } while (step === NEXT_MEMBER);
  if (step !== CLOSED || (seen & TRADE_REQUIRED) !== TRADE_REQUIRED) return false;
  const bytes = cursor.bytes;
  const price = parseDecimalBytes(bytes, priceStart, priceEnd, priceDecimals);
  const size = parseDecimalBytes(bytes, sizeStart, sizeEnd, sizeDecimals);
  const hasEventTime = milliseconds >= 0;
  const index = out.trades.push(
    instrumentId,
    price,
    size,
    side,
    hasEventTime,
    hasEventTime ? (milliseconds - (milliseconds % MILLISECONDS_PER_SECOND)) / MILLISECONDS_PER_SECOND : 0,
    hasEventTime ? (milliseconds % MILLISECONDS_PER_SECOND) * NANOSECONDS_PER_MILLISECOND : 0,
  );
  out.trades.setTradeIdBytes(index, bytes, tradeIdStart, tradeIdEnd);
  return true;
}

function scanBestBidOffer(instrumentId: number, priceDecimals: number, sizeDecimals: number, out: ParsedFrame): boolean {
  if (!cursor.enterObject()) return false;
  let seen = 0;
  let hasBid = false;
  let hasAsk = false;
  let bidPriceStart = 0;
  let bidPriceEnd = 0;
  let bidSizeStart = 0;
  let bidSizeEnd = 0;
  let askPriceStart = 0;
  let askPriceEnd = 0;
  let askSizeStart = 0;
  let askSizeEnd = 0;
  let milliseconds = -1;
  let step: number;
  if (!cursor.hasElement()) return false;
  do {
    if (!cursor.readPlainString()) return false;
    const isBids = cursor.rangeEquals(KEY_BIDS);
    if (isBids || cursor.rangeEquals(KEY_ASKS)) {
      const bit = isBids ? SEEN_BIDS : SEEN_ASKS;
      if (!cursor.consume(COLON) || (seen & bit) !== 0 || !cursor.enterArray()) return false;
      seen |= bit;
      if (!cursor.hasElement()) {
        if (advance() !== CLOSED) return false;
        step = advance();
        continue;
      }
      // One level at most: a second one is not the documented shape.
      if (!readLevel() || advance() !== CLOSED) return false;
      if (isBids) {
        hasBid = true;
        bidPriceStart = levelPriceStart;
        bidPriceEnd = levelPriceEnd;
        bidSizeStart = levelSizeStart;
        bidSizeEnd = levelSizeEnd;
      } else {
        hasAsk = true;
        askPriceStart = levelPriceStart;
        askPriceEnd = levelPriceEnd;
        askSizeStart = levelSizeStart;
        askSizeEnd = levelSizeEnd;
      }
    } else if (cursor.rangeEquals(KEY_TIMESTAMP)) {
      if (!cursor.consume(COLON) || (seen & SEEN_TIMESTAMP) !== 0) return false;
      seen |= SEEN_TIMESTAMP;
      if (!readMilliseconds()) return false;
      milliseconds = numberRead[0]!;
    } else if (!cursor.consume(COLON) || !cursor.skipValue()) {
      return false;
    }
    step = advance();
  } while (step === NEXT_MEMBER);
  if (step !== CLOSED || (seen & (SEEN_BIDS | SEEN_ASKS)) !== (SEEN_BIDS | SEEN_ASKS)) return false;
  const bytes = cursor.bytes;
  const bidPrice = hasBid ? parseDecimalBytes(bytes, bidPriceStart, bidPriceEnd, priceDecimals) : Number.NaN;
  const bidSize = hasBid ? parseDecimalBytes(bytes, bidSizeStart, bidSizeEnd, sizeDecimals) : 0;
  const askPrice = hasAsk ? parseDecimalBytes(bytes, askPriceStart, askPriceEnd, priceDecimals) : Number.NaN;
  const askSize = hasAsk ? parseDecimalBytes(bytes, askSizeStart, askSizeEnd, sizeDecimals) : 0;
  const hasEventTime = milliseconds >= 0;
  out.bbos.push(
    instrumentId,
    bidPrice,
    bidSize,
    askPrice,
    askSize,
    hasEventTime,
    hasEventTime ? (milliseconds - (milliseconds % MILLISECONDS_PER_SECOND)) / MILLISECONDS_PER_SECOND : 0,
    hasEventTime ? (milliseconds % MILLISECONDS_PER_SECOND) * NANOSECONDS_PER_MILLISECOND : 0,
  );
  return true;
}

/** Past the comma after a member or element (NEXT_MEMBER), past the closer (CLOSED), or BROKEN. */
function advance(): number {
  const next = cursor.skipWhitespace();
  if (next === COMMA) {
    cursor.position++;
    return NEXT_MEMBER;
  }
  if (next === CLOSE_BRACE || next === CLOSE_BRACKET) {
    cursor.position++;
    return CLOSED;
  }
  return BROKEN;
}


/**
 * An integer written as a bare JSON number (OKX's seqId, prevSeqId, checksum) into `numberRead`;
 * false for a string, a fraction, an exponent or anything beyond a safe integer.
 */
function readBareInteger(): boolean {
  if (cursor.skipWhitespace() === QUOTE || !cursor.readScalar()) return false;
  const bytes = cursor.bytes;
  let position = cursor.start;
  const negative = bytes[position] === MINUS;
  if (negative) position++;
  if (position === cursor.end) return false;
  let value = 0;
  for (; position < cursor.end; position++) {
    const byte = bytes[position]!;
    if (byte < DIGIT_ZERO || byte > DIGIT_NINE) return false;
    value = value * 10 + (byte - DIGIT_ZERO);
  }
  if (value > Number.MAX_SAFE_INTEGER) return false;
  numberRead[0] = negative ? -value : value;
  return true;
}

/** Epoch milliseconds from a digits-only string (OKX's `ts`) into `numberRead`; false when it is not one or not a safe integer. */
function readMilliseconds(): boolean {
  if (!cursor.readPlainString() || cursor.end === cursor.start) return false;
  const bytes = cursor.bytes;
  let value = 0;
  for (let position = cursor.start; position < cursor.end; position++) {
    const byte = bytes[position]!;
    if (byte < DIGIT_ZERO || byte > DIGIT_NINE) return false;
    value = value * 10 + (byte - DIGIT_ZERO);
  }
  // Exact while safe; once past 2^53 the rounded value cannot come back below it.
  if (value > Number.MAX_SAFE_INTEGER) return false;
  numberRead[0] = value;
  return true;
}

/** The last string read is a trade id parseReference accepts: 1..48 printable ASCII bytes. */
function isTradeId(): boolean {
  const length = cursor.end - cursor.start;
  if (length === 0 || length > TRADE_ID_MAX_BYTES) return false;
  const bytes = cursor.bytes;
  for (let position = cursor.start; position < cursor.end; position++) {
    const byte = bytes[position]!;
    if (byte < PRINTABLE_FIRST || byte > PRINTABLE_LAST) return false;
  }
  return true;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  for (let index = 0; index < prefix.length; index++) if (bytes[index] !== prefix[index]) return false;
  return true;
}
