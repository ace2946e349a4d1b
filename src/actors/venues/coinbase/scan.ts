// Byte scanner for Coinbase l2_data, market_trades, ticker and heartbeats frames: parseReference's output without JSON.parse.
import { ZvtError, ZVT_ERR_BYTE_RANGE } from '../../../model/errors.js';
import { parseDecimalBytes, textDecimalsOfBytes } from '../../../model/fixed-point.js';
import { AggressorSide, BookSide } from '../../../model/record-types.js';
import { ascii, JsonCursor } from '../common/json-cursor.js';
import { FrameKind, TRADE_ID_MAX_BYTES, type ParsedBook, type ParsedFrame } from '../common/parsed-frame.js';
import type { ParseContext } from '../common/venue-dialect.js';
import { parseIsoTimestampBytes, ParsedTimestamp } from './iso-timestamp.js';
import { parseReference } from './parse.js';

/*
 * The scanner walks the frame once, in document order, with the shared JsonCursor, and writes the
 * same ParsedFrame that parse.ts writes. It takes only the path the venue actually sends; anything
 * else (another channel, `events` before channel/timestamp/sequence_num or an event's list before
 * its type/product_id, a duplicate key, an escape inside a key or a value it reads, a value of an
 * unexpected type, a negative number, a frame that does not close, bytes after it) sends the whole
 * frame to parseReference on its decoded text. That keeps one definition of
 * meaning: the scanner is only ever a faster route to the same answer.
 *
 * Before it parses a decimal (the one thing that may throw, ZVT_ERR_DECIMAL_*), it has checked
 * everything parseReference checks first, so both throw the same error for the same frame. What
 * it does not check is the JSON validity of bytes it skips: for a broken frame it may answer where
 * JSON.parse would refuse (docs/venues/coinbase.md, "Scanner guarantees"). It reads no byte at or
 * past `length`, and allocates nothing on the scanned path; ParsedFrame arrays grow (cold) only
 * when a frame is bigger than any before.
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const CHAR_ZERO = 0x30;

/** Outcomes of moving past a container member: another follows, the container closed, or broken. */
const MORE = 1;
const DONE = 0;
const BROKEN = -1;

const CHANNEL_NONE = 0;
const CHANNEL_LEVEL2 = 1;
const CHANNEL_MARKET_TRADES = 2;
const CHANNEL_TICKER = 3;
const CHANNEL_HEARTBEATS = 4;

const KEY_CHANNEL = ascii('channel');
const KEY_TIMESTAMP = ascii('timestamp');
const KEY_SEQUENCE_NUM = ascii('sequence_num');
const KEY_EVENTS = ascii('events');
const KEY_TYPE = ascii('type');
const KEY_PRODUCT_ID = ascii('product_id');
const KEY_UPDATES = ascii('updates');
const KEY_SIDE = ascii('side');
const KEY_EVENT_TIME = ascii('event_time');
const KEY_PRICE_LEVEL = ascii('price_level');
const KEY_NEW_QUANTITY = ascii('new_quantity');
const KEY_TRADES = ascii('trades');
const KEY_TRADE_ID = ascii('trade_id');
const KEY_PRICE = ascii('price');
const KEY_SIZE = ascii('size');
const KEY_TIME = ascii('time');
const KEY_TICKERS = ascii('tickers');
const KEY_BEST_BID = ascii('best_bid');
const KEY_BEST_ASK = ascii('best_ask');
const KEY_BEST_BID_QUANTITY = ascii('best_bid_quantity');
const KEY_BEST_ASK_QUANTITY = ascii('best_ask_quantity');

const VALUE_L2_DATA = ascii('l2_data');
const VALUE_MARKET_TRADES = ascii('market_trades');
const VALUE_TICKER = ascii('ticker');
const VALUE_HEARTBEATS = ascii('heartbeats');
const VALUE_SNAPSHOT = ascii('snapshot');
const VALUE_UPDATE = ascii('update');
const VALUE_BID = ascii('bid');
const VALUE_OFFER = ascii('offer');
const VALUE_BUY = ascii('BUY');
const VALUE_SELL = ascii('SELL');

/** Bits of the keys seen in one object (duplicates go to the reference parser, which keeps the last). */
const SEEN_1 = 1;
const SEEN_2 = 2;
const SEEN_3 = 4;
const SEEN_4 = 8;
const SEEN_5 = 16;
const SEEN_6 = 32;

/** Largest sequence_num digit count that is always a safe integer. */
const MAX_SAFE_DIGITS = 15;

const textDecoder = new TextDecoder();

class FrameScanner {
  private readonly cursor = new JsonCursor();
  private readonly time = new ParsedTimestamp();
  private readonly tradeTime = new ParsedTimestamp();
  private readonly levelTime = new ParsedTimestamp();
  private bytes: Uint8Array = new Uint8Array(0);
  private context!: ParseContext;
  private out!: ParsedFrame;
  private sequence = 0;

  /** True when the frame was scanned into `out`; false when parseReference must decide. */
  scan(bytes: Uint8Array, length: number, context: ParseContext, out: ParsedFrame): boolean {
    const cursor = this.cursor;
    this.bytes = bytes;
    this.context = context;
    this.out = out;
    cursor.reset(bytes, length, 0);
    let state = this.open(OPEN_BRACE, CLOSE_BRACE);
    if (state !== MORE) return false;
    let seen = 0;
    let channel = CHANNEL_NONE;
    while (state === MORE) {
      if (!cursor.readString()) return false;
      if (cursor.rangeEquals(KEY_CHANNEL)) {
        if (!cursor.consume(COLON) || (seen & SEEN_1) !== 0 || !cursor.readString()) return false;
        seen |= SEEN_1;
        channel = this.channelOf();
        if (channel === CHANNEL_NONE) return false;
      } else if (cursor.rangeEquals(KEY_TIMESTAMP)) {
        if (!cursor.consume(COLON) || (seen & SEEN_2) !== 0 || !cursor.readString()) return false;
        seen |= SEEN_2;
        if (!parseIsoTimestampBytes(bytes, cursor.start, cursor.end, this.time)) return false;
      } else if (cursor.rangeEquals(KEY_SEQUENCE_NUM)) {
        if (!cursor.consume(COLON) || (seen & SEEN_3) !== 0 || !cursor.readScalar()) return false;
        seen |= SEEN_3;
        const sequence = this.unsignedInteger(cursor.start, cursor.end);
        if (sequence < 0) return false;
        this.sequence = sequence;
      } else if (cursor.rangeEquals(KEY_EVENTS)) {
        // The events are read as they come, so channel, timestamp and sequence must precede them.
        if (!cursor.consume(COLON) || seen !== (SEEN_1 | SEEN_2 | SEEN_3)) return false;
        seen |= SEEN_4;
        out.connectionSequence = this.sequence;
        if (!this.scanEvents(channel)) return false;
      } else if (cursor.rangeEquals(KEY_TYPE)) {
        // `{"type":"error",...}` and any other typed envelope: the reference parser decides.
        return false;
      } else if (!this.skipMember()) {
        return false;
      }
      state = this.next(CLOSE_BRACE);
    }
    if (state === BROKEN || (seen & SEEN_4) === 0 || cursor.skipWhitespace() !== -1) return false;
    switch (channel) {
      case CHANNEL_LEVEL2:
        out.kind = out.bookCount > 0 ? FrameKind.MARKET_DATA : FrameKind.IGNORED;
        break;
      case CHANNEL_MARKET_TRADES:
        out.kind = out.trades.count > 0 ? FrameKind.MARKET_DATA : FrameKind.IGNORED;
        break;
      case CHANNEL_TICKER:
        out.kind = out.bbos.count > 0 ? FrameKind.MARKET_DATA : FrameKind.IGNORED;
        break;
      default:
        out.kind = FrameKind.HEARTBEAT;
    }
    return true;
  }

  private channelOf(): number {
    const cursor = this.cursor;
    if (cursor.rangeEquals(VALUE_L2_DATA)) return CHANNEL_LEVEL2;
    if (cursor.rangeEquals(VALUE_MARKET_TRADES)) return CHANNEL_MARKET_TRADES;
    if (cursor.rangeEquals(VALUE_TICKER)) return CHANNEL_TICKER;
    if (cursor.rangeEquals(VALUE_HEARTBEATS)) return CHANNEL_HEARTBEATS;
    return CHANNEL_NONE;
  }

  private scanEvents(channel: number): boolean {
    const cursor = this.cursor;
    if (channel === CHANNEL_HEARTBEATS) return cursor.skipWhitespace() === OPEN_BRACKET && cursor.skipValue();
    let state = this.open(OPEN_BRACKET, CLOSE_BRACKET);
    while (state === MORE) {
      const scanned =
        channel === CHANNEL_LEVEL2 ? this.scanLevel2Event() : channel === CHANNEL_MARKET_TRADES ? this.scanMarketTradesEvent() : this.scanTickerEvent();
      if (!scanned) return false;
      state = this.next(CLOSE_BRACKET);
    }
    return state === DONE;
  }

  /** `{"type":"snapshot"|"update","product_id":"...","updates":[...]}`. */
  private scanLevel2Event(): boolean {
    const cursor = this.cursor;
    let state = this.open(OPEN_BRACE, CLOSE_BRACE);
    let seen = 0;
    let isSnapshot = false;
    let productStart = 0;
    let productEnd = 0;
    while (state === MORE) {
      if (!cursor.readString()) return false;
      if (cursor.rangeEquals(KEY_TYPE)) {
        if (!cursor.consume(COLON) || (seen & SEEN_1) !== 0 || !cursor.readString()) return false;
        seen |= SEEN_1;
        if (cursor.rangeEquals(VALUE_SNAPSHOT)) isSnapshot = true;
        else if (!cursor.rangeEquals(VALUE_UPDATE)) return false;
      } else if (cursor.rangeEquals(KEY_PRODUCT_ID)) {
        if (!cursor.consume(COLON) || (seen & SEEN_2) !== 0 || !cursor.readString()) return false;
        seen |= SEEN_2;
        productStart = cursor.start;
        productEnd = cursor.end;
      } else if (cursor.rangeEquals(KEY_UPDATES)) {
        if (!cursor.consume(COLON) || seen !== (SEEN_1 | SEEN_2)) return false;
        seen |= SEEN_3;
        const instrumentId = this.resolve(productStart, productEnd);
        if (instrumentId === -2) return false;
        if (instrumentId === -1) {
          // Not ours: skipped unread, as parseReference does.
          if (!cursor.skipValue()) return false;
        } else {
          const book = this.out.nextBook(instrumentId, isSnapshot);
          book.sequence = this.sequence;
          if (!this.scanLevels(book, instrumentId)) return false;
        }
      } else if (!this.skipMember()) {
        return false;
      }
      state = this.next(CLOSE_BRACE);
    }
    return state === DONE && (seen & SEEN_3) !== 0;
  }

  /** `[{"side":"bid"|"offer","event_time":"...","price_level":"...","new_quantity":"..."}, ...]`; the book's time is the latest event_time. */
  private scanLevels(book: ParsedBook, instrumentId: number): boolean {
    const cursor = this.cursor;
    const bytes = this.bytes;
    const priceDecimals = this.context.priceDecimals[instrumentId]!;
    const sizeDecimals = this.context.sizeDecimals[instrumentId]!;
    let levels = this.open(OPEN_BRACKET, CLOSE_BRACKET);
    while (levels === MORE) {
      let state = this.open(OPEN_BRACE, CLOSE_BRACE);
      let seen = 0;
      let side: BookSide = BookSide.BID;
      let priceStart = 0;
      let priceEnd = 0;
      let sizeStart = 0;
      let sizeEnd = 0;
      let timeStart = 0;
      let timeEnd = 0;
      while (state === MORE) {
        if (!cursor.readString()) return false;
        if (cursor.rangeEquals(KEY_SIDE)) {
          if (!cursor.consume(COLON) || (seen & SEEN_1) !== 0 || !cursor.readString()) return false;
          seen |= SEEN_1;
          if (cursor.rangeEquals(VALUE_BID)) side = BookSide.BID;
          else if (cursor.rangeEquals(VALUE_OFFER)) side = BookSide.ASK;
          else return false;
        } else if (cursor.rangeEquals(KEY_EVENT_TIME)) {
          if (!cursor.consume(COLON) || (seen & SEEN_4) !== 0 || !cursor.readString()) return false;
          seen |= SEEN_4;
          timeStart = cursor.start;
          timeEnd = cursor.end;
        } else if (cursor.rangeEquals(KEY_PRICE_LEVEL)) {
          if (!cursor.consume(COLON) || (seen & SEEN_2) !== 0 || !cursor.readString()) return false;
          seen |= SEEN_2;
          priceStart = cursor.start;
          priceEnd = cursor.end;
        } else if (cursor.rangeEquals(KEY_NEW_QUANTITY)) {
          if (!cursor.consume(COLON) || (seen & SEEN_3) !== 0 || !cursor.readString()) return false;
          seen |= SEEN_3;
          sizeStart = cursor.start;
          sizeEnd = cursor.end;
        } else if (!this.skipMember()) {
          return false;
        }
        state = this.next(CLOSE_BRACE);
      }
      if (state === BROKEN || seen !== (SEEN_1 | SEEN_2 | SEEN_3 | SEEN_4)) return false;
      if (!this.isPlainDecimal(priceStart, priceEnd) || !this.isPlainDecimal(sizeStart, sizeEnd)) return false;
      const levelTime = this.levelTime;
      if (!parseIsoTimestampBytes(bytes, timeStart, timeEnd, levelTime)) return false;
      // The book is as of its latest change (all levels of an event share one time in practice).
      if (!book.hasEventTime || levelTime.seconds > book.eventSeconds || (levelTime.seconds === book.eventSeconds && levelTime.nanos > book.eventNanos)) {
        book.hasEventTime = true;
        book.eventSeconds = levelTime.seconds;
        book.eventNanos = levelTime.nanos;
      }
      const price = parseDecimalBytes(bytes, priceStart, priceEnd, priceDecimals);
      const size = parseDecimalBytes(bytes, sizeStart, sizeEnd, sizeDecimals);
      book.pushLevel(side, price, size, textDecimalsOfBytes(bytes, priceStart, priceEnd), textDecimalsOfBytes(bytes, sizeStart, sizeEnd));
      levels = this.next(CLOSE_BRACKET);
    }
    return levels === DONE;
  }

  /** `{"type":"snapshot"|"update","trades":[...]}`; snapshot trades (history) are skipped. */
  private scanMarketTradesEvent(): boolean {
    const cursor = this.cursor;
    let state = this.open(OPEN_BRACE, CLOSE_BRACE);
    let seen = 0;
    let isSnapshot = false;
    while (state === MORE) {
      if (!cursor.readString()) return false;
      if (cursor.rangeEquals(KEY_TYPE)) {
        if (!cursor.consume(COLON) || (seen & SEEN_1) !== 0 || !cursor.readString()) return false;
        seen |= SEEN_1;
        if (cursor.rangeEquals(VALUE_SNAPSHOT)) isSnapshot = true;
        else if (!cursor.rangeEquals(VALUE_UPDATE)) return false;
      } else if (cursor.rangeEquals(KEY_TRADES)) {
        if (!cursor.consume(COLON) || seen !== SEEN_1) return false;
        seen |= SEEN_2;
        if (isSnapshot) {
          if (cursor.skipWhitespace() !== OPEN_BRACKET || !cursor.skipValue()) return false;
        } else if (!this.scanTrades()) {
          return false;
        }
      } else if (!this.skipMember()) {
        return false;
      }
      state = this.next(CLOSE_BRACE);
    }
    return state === DONE && (seen & SEEN_2) !== 0;
  }

  /** `[{"product_id","trade_id","price","size","time","side"}, ...]` in any key order. */
  private scanTrades(): boolean {
    const cursor = this.cursor;
    const bytes = this.bytes;
    const out = this.out;
    let trades = this.open(OPEN_BRACKET, CLOSE_BRACKET);
    while (trades === MORE) {
      let state = this.open(OPEN_BRACE, CLOSE_BRACE);
      let seen = 0;
      let productStart = 0;
      let productEnd = 0;
      let idStart = 0;
      let idEnd = 0;
      let priceStart = 0;
      let priceEnd = 0;
      let sizeStart = 0;
      let sizeEnd = 0;
      let aggressor: AggressorSide = AggressorSide.UNKNOWN;
      while (state === MORE) {
        if (!cursor.readString()) return false;
        let bit = 0;
        if (cursor.rangeEquals(KEY_PRODUCT_ID)) bit = SEEN_1;
        else if (cursor.rangeEquals(KEY_TRADE_ID)) bit = SEEN_2;
        else if (cursor.rangeEquals(KEY_PRICE)) bit = SEEN_3;
        else if (cursor.rangeEquals(KEY_SIZE)) bit = SEEN_4;
        else if (cursor.rangeEquals(KEY_TIME)) bit = SEEN_5;
        else if (cursor.rangeEquals(KEY_SIDE)) bit = SEEN_6;
        if (bit === 0) {
          if (!this.skipMember()) return false;
        } else if (!cursor.consume(COLON)) {
          return false;
        } else {
          if ((seen & bit) !== 0 || !cursor.readString()) return false;
          seen |= bit;
          const start = cursor.start;
          const end = cursor.end;
          if (bit === SEEN_1) {
            productStart = start;
            productEnd = end;
          } else if (bit === SEEN_2) {
            idStart = start;
            idEnd = end;
          } else if (bit === SEEN_3) {
            priceStart = start;
            priceEnd = end;
          } else if (bit === SEEN_4) {
            sizeStart = start;
            sizeEnd = end;
          } else if (bit === SEEN_5) {
            if (!parseIsoTimestampBytes(bytes, start, end, this.tradeTime)) return false;
          } else if (cursor.rangeEquals(VALUE_BUY)) {
            // `side` is the maker's side: a resting BUY was hit by a selling taker.
            aggressor = AggressorSide.SELL;
          } else if (cursor.rangeEquals(VALUE_SELL)) {
            aggressor = AggressorSide.BUY;
          } else {
            return false;
          }
        }
        state = this.next(CLOSE_BRACE);
      }
      if (state === BROKEN || seen !== (SEEN_1 | SEEN_2 | SEEN_3 | SEEN_4 | SEEN_5 | SEEN_6)) return false;
      const instrumentId = this.resolve(productStart, productEnd);
      if (instrumentId === -2) return false;
      if (instrumentId >= 0) {
        if (!this.isTradeId(idStart, idEnd) || !this.isPlainDecimal(priceStart, priceEnd) || !this.isPlainDecimal(sizeStart, sizeEnd)) return false;
        const price = parseDecimalBytes(bytes, priceStart, priceEnd, this.context.priceDecimals[instrumentId]!);
        const size = parseDecimalBytes(bytes, sizeStart, sizeEnd, this.context.sizeDecimals[instrumentId]!);
        const index = out.trades.push(instrumentId, price, size, aggressor, true, this.tradeTime.seconds, this.tradeTime.nanos);
        out.trades.setTradeIdBytes(index, bytes, idStart, idEnd);
      }
      trades = this.next(CLOSE_BRACKET);
    }
    return trades === DONE;
  }

  /** `{"type":"snapshot"|"update","tickers":[...]}`. */
  private scanTickerEvent(): boolean {
    const cursor = this.cursor;
    let state = this.open(OPEN_BRACE, CLOSE_BRACE);
    let seen = 0;
    while (state === MORE) {
      if (!cursor.readString()) return false;
      if (cursor.rangeEquals(KEY_TYPE)) {
        if (!cursor.consume(COLON) || (seen & SEEN_1) !== 0 || !cursor.readString()) return false;
        seen |= SEEN_1;
        if (!cursor.rangeEquals(VALUE_SNAPSHOT) && !cursor.rangeEquals(VALUE_UPDATE)) return false;
      } else if (cursor.rangeEquals(KEY_TICKERS)) {
        if (!cursor.consume(COLON) || seen !== SEEN_1) return false;
        seen |= SEEN_2;
        if (!this.scanTickers()) return false;
      } else if (!this.skipMember()) {
        return false;
      }
      state = this.next(CLOSE_BRACE);
    }
    return state === DONE && (seen & SEEN_2) !== 0;
  }

  /** Tickers: product_id plus the four best bid/ask fields; every other statistic is skipped. */
  private scanTickers(): boolean {
    const cursor = this.cursor;
    const bytes = this.bytes;
    let tickers = this.open(OPEN_BRACKET, CLOSE_BRACKET);
    while (tickers === MORE) {
      let state = this.open(OPEN_BRACE, CLOSE_BRACE);
      let seen = 0;
      // Bits of the four BBO fields sent as non-empty strings.
      let present = 0;
      let productStart = 0;
      let productEnd = 0;
      let bidStart = 0;
      let bidEnd = 0;
      let askStart = 0;
      let askEnd = 0;
      let bidSizeStart = 0;
      let bidSizeEnd = 0;
      let askSizeStart = 0;
      let askSizeEnd = 0;
      while (state === MORE) {
        if (!cursor.readString()) return false;
        let bit = 0;
        if (cursor.rangeEquals(KEY_PRODUCT_ID)) bit = SEEN_1;
        else if (cursor.rangeEquals(KEY_BEST_BID)) bit = SEEN_2;
        else if (cursor.rangeEquals(KEY_BEST_ASK)) bit = SEEN_3;
        else if (cursor.rangeEquals(KEY_BEST_BID_QUANTITY)) bit = SEEN_4;
        else if (cursor.rangeEquals(KEY_BEST_ASK_QUANTITY)) bit = SEEN_5;
        if (bit === 0) {
          if (!this.skipMember()) return false;
        } else if (!cursor.consume(COLON)) {
          return false;
        } else if (bit === SEEN_1) {
          if ((seen & bit) !== 0 || !cursor.readString()) return false;
          seen |= bit;
          productStart = cursor.start;
          productEnd = cursor.end;
        } else {
          if ((seen & bit) !== 0) return false;
          seen |= bit;
          // A BBO field that is not a string counts as not sent, as in parseReference.
          if (cursor.skipWhitespace() !== QUOTE) {
            if (!cursor.skipValue()) return false;
          } else {
            if (!cursor.readString()) return false;
            const start = cursor.start;
            const end = cursor.end;
            if (end > start) present |= bit;
            if (bit === SEEN_2) {
              bidStart = start;
              bidEnd = end;
            } else if (bit === SEEN_3) {
              askStart = start;
              askEnd = end;
            } else if (bit === SEEN_4) {
              bidSizeStart = start;
              bidSizeEnd = end;
            } else {
              askSizeStart = start;
              askSizeEnd = end;
            }
          }
        }
        state = this.next(CLOSE_BRACE);
      }
      if (state === BROKEN || (seen & SEEN_1) === 0) return false;
      const instrumentId = this.resolve(productStart, productEnd);
      if (instrumentId === -2) return false;
      if (instrumentId >= 0 && present === (SEEN_2 | SEEN_3 | SEEN_4 | SEEN_5)) {
        if (
          !this.isPlainDecimal(bidStart, bidEnd) ||
          !this.isPlainDecimal(askStart, askEnd) ||
          !this.isPlainDecimal(bidSizeStart, bidSizeEnd) ||
          !this.isPlainDecimal(askSizeStart, askSizeEnd)
        ) {
          return false;
        }
        const priceDecimals = this.context.priceDecimals[instrumentId]!;
        const sizeDecimals = this.context.sizeDecimals[instrumentId]!;
        const bidPrice = parseDecimalBytes(bytes, bidStart, bidEnd, priceDecimals);
        const askPrice = parseDecimalBytes(bytes, askStart, askEnd, priceDecimals);
        const bidSize = parseDecimalBytes(bytes, bidSizeStart, bidSizeEnd, sizeDecimals);
        const askSize = parseDecimalBytes(bytes, askSizeStart, askSizeEnd, sizeDecimals);
        this.out.bbos.push(instrumentId, bidPrice, bidSize, askPrice, askSize, true, this.time.seconds, this.time.nanos);
      }
      tickers = this.next(CLOSE_BRACKET);
    }
    return tickers === DONE;
  }

  /**
   * Skips the value of a key the scanner does not read. A key spelled with an escape might decode
   * to one it does read, so that frame goes to the reference parser.
   */
  private skipMember(): boolean {
    const cursor = this.cursor;
    return !this.hasBackslash(cursor.start, cursor.end) && cursor.consume(COLON) && cursor.skipValue();
  }

  /** Enters `{` or `[`: MORE if a member follows, DONE if it was empty (closer consumed), BROKEN if not there. */
  private open(opener: number, closer: number): number {
    const cursor = this.cursor;
    if (!cursor.consume(opener)) return BROKEN;
    if (cursor.skipWhitespace() !== closer) return MORE;
    cursor.position++;
    return DONE;
  }

  /** After a member: MORE past a comma, DONE past the closer, BROKEN otherwise. */
  private next(closer: number): number {
    const cursor = this.cursor;
    const byte = cursor.skipWhitespace();
    if (byte === COMMA) {
      cursor.position++;
      return MORE;
    }
    if (byte === closer) {
      cursor.position++;
      return DONE;
    }
    return BROKEN;
  }

  /** Instrument id of a product range; -1 not ours; -2 when it holds an escape (the reference decodes it). */
  private resolve(start: number, end: number): number {
    if (this.hasBackslash(start, end)) return -2;
    return this.context.symbols.byBytes(this.bytes, start, end);
  }

  /** A decimal the scanner may parse itself: no escape, no sign (negatives are UNKNOWN in parseReference). */
  private isPlainDecimal(start: number, end: number): boolean {
    return (end === start || this.bytes[start] !== MINUS) && !this.hasBackslash(start, end);
  }

  /** 1..TRADE_ID_MAX_BYTES printable ASCII bytes and no escape, as parseReference's trade id rule. */
  private isTradeId(start: number, end: number): boolean {
    if (end <= start || end - start > TRADE_ID_MAX_BYTES) return false;
    const bytes = this.bytes;
    for (let i = start; i < end; i++) {
      const byte = bytes[i]!;
      if (byte < 0x20 || byte > 0x7e || byte === BACKSLASH) return false;
    }
    return true;
  }

  private hasBackslash(start: number, end: number): boolean {
    const bytes = this.bytes;
    for (let i = start; i < end; i++) if (bytes[i] === BACKSLASH) return true;
    return false;
  }

  /** A bare JSON integer without sign, fraction or leading zero that is a safe integer; else -1. */
  private unsignedInteger(start: number, end: number): number {
    const length = end - start;
    if (length < 1 || length > MAX_SAFE_DIGITS) return -1;
    const bytes = this.bytes;
    if (length > 1 && bytes[start] === CHAR_ZERO) return -1;
    let value = 0;
    for (let i = start; i < end; i++) {
      const digit = bytes[i]! - CHAR_ZERO;
      if (digit < 0 || digit > 9) return -1;
      value = value * 10 + digit;
    }
    return value;
  }
}

const scanner = new FrameScanner();

/**
 * Parses frame bytes [0, length) into `out` (reset first): scanned for the high-rate channels,
 * parseReference on the decoded text (cold) for everything else.
 */
export function parseFast(bytes: Uint8Array, length: number, context: ParseContext, out: ParsedFrame): void {
  if (!(Number.isInteger(length) && length >= 0 && length <= bytes.length)) {
    throw new ZvtError(ZVT_ERR_BYTE_RANGE, `Frame length ${String(length)} is outside its ${bytes.length}-byte buffer`, { length, bufferLength: bytes.length });
  }
  out.reset();
  if (!scanner.scan(bytes, length, context, out)) parseReference(textDecoder.decode(bytes.subarray(0, length)), context, out);
}
