// Bybit v5 byte scanner: books, trades and tickers read in place from frame bytes, everything else through parseReference.
import { parseDecimalBytes, textDecimalsOfBytes } from '../../../model/fixed-point.js';
import { AggressorSide, BookSide } from '../../../model/record-types.js';
import { ascii, JsonCursor } from '../common/json-cursor.js';
import { FrameKind, TRADE_ID_MAX_BYTES, type ParsedBook, type ParsedFrame } from '../common/parsed-frame.js';
import type { ParseContext } from '../common/venue-dialect.js';
import { BybitChannel, parseReference } from './parse.js';

/*
 * Contract: for every well-formed frame (valid JSON, no duplicate keys) this fills `out` exactly as
 * parseReference does, and allocates nothing on the book/trade/ticker path once warm (measured on
 * the recording; a mantissa above 2^30 returned by parseDecimalBytes can still be boxed by V8). It never decides
 * anything the reference would decide differently: whenever a frame is not the plain shape it reads
 * (a missing or mistyped field, an escaped string, a duplicate key, a control frame, trailing
 * bytes, a truncated frame) it resets `out` and hands the decoded text to parseReference, which
 * owns every UNKNOWN and VENUE_ERROR verdict. That fallback is cold and may allocate.
 *
 * Bybit does not fix key order (its docs warn that spot puts `ts` before `type` and linear after),
 * so keys are matched in any order: `data` is parsed in place when `topic` came first (always, in
 * practice) and otherwise revisited from its recorded position; inside `data`, levels are parsed in
 * place once the symbol is known, bids always before asks, exactly like the reference.
 *
 * Reads never pass `length`, whatever the buffer holds beyond it. Malformed decimals throw the
 * model's ZvtError, as in the reference; invalid JSON that the scan cannot notice (bad tokens
 * inside values it skips) may be read as data where the reference says UNKNOWN.
 */

const COLON = 0x3a;
const COMMA = 0x2c;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

const KEY_TOPIC = ascii('topic');
const KEY_TYPE = ascii('type');
const KEY_TS = ascii('ts');
const KEY_CTS = ascii('cts');
const KEY_DATA = ascii('data');
const KEY_SYMBOL_SHORT = ascii('s');
const KEY_BIDS = ascii('b');
const KEY_ASKS = ascii('a');
const KEY_UPDATE_ID = ascii('u');
const KEY_SIDE = ascii('S');
const KEY_PRICE = ascii('p');
const KEY_SIZE = ascii('v');
const KEY_TRADE_TIME = ascii('T');
const KEY_TRADE_ID = ascii('i');
const KEY_SYMBOL = ascii('symbol');
const KEY_BID_PRICE = ascii('bid1Price');
const KEY_BID_SIZE = ascii('bid1Size');
const KEY_ASK_PRICE = ascii('ask1Price');
const KEY_ASK_SIZE = ascii('ask1Size');
const VALUE_SNAPSHOT = ascii('snapshot');
const VALUE_DELTA = ascii('delta');
const VALUE_BUY = ascii('Buy');
const VALUE_SELL = ascii('Sell');
const PREFIX_BOOK = ascii('orderbook.');
const PREFIX_TRADES = ascii('publicTrade.');
const PREFIX_TICKER = ascii('tickers.');
const IGNORED_PREFIXES = [ascii('kline.'), ascii('allLiquidation.'), ascii('liquidation.')];

/** What parsing `data` came to. */
const DataStatus = { OK: 0, FALLBACK: 1, FOREIGN: 2 } as const;
type DataStatus = (typeof DataStatus)[keyof typeof DataStatus];

/** Field positions of one top-level object (−1 = absent). Seen-bits catch duplicate keys. */
const SEEN_TOPIC = 1;
const SEEN_TYPE = 2;
const SEEN_TS = 4;
const SEEN_CTS = 8;
const SEEN_DATA = 16;

const textDecoder = new TextDecoder();

class BybitFrameScanner {
  private readonly cursor = new JsonCursor();
  private bytes: Uint8Array = new Uint8Array(0);
  private context!: ParseContext;
  private out!: ParsedFrame;
  /** Book slot of the current frame (books carry one symbol per message). */
  private book: ParsedBook | null = null;
  /** Ticker fields, as byte ranges, kept until the frame's `ts` is validated. */
  private tickerInstrument = -1;
  private bidPriceStart = -1;
  private bidPriceEnd = -1;
  private bidSizeStart = -1;
  private bidSizeEnd = -1;
  private askPriceStart = -1;
  private askPriceEnd = -1;
  private askSizeStart = -1;
  private askSizeEnd = -1;
  private tickerComplete = false;
  private updateId = -1;
  /** Last readCount() result (a double from the start, so V8 keeps the field unboxed). */
  private count = 0.5;

  scan(bytes: Uint8Array, length: number, context: ParseContext, out: ParsedFrame): void {
    out.reset();
    this.bytes = bytes;
    this.context = context;
    this.out = out;
    this.book = null;
    const cursor = this.cursor;
    cursor.reset(bytes, length, 0);
    if (!cursor.enterObject() || cursor.skipWhitespace() === CLOSE_BRACE) return this.fallback(length);

    let seen = 0;
    let channel: BybitChannel = BybitChannel.NONE;
    let typePosition = -1;
    let tsPosition = -1;
    let ctsPosition = -1;
    let dataPosition = -1;
    let dataStatus: DataStatus = DataStatus.FALLBACK;
    let dataParsed = false;
    for (;;) {
      if (!this.readKey()) return this.fallback(length);
      if (cursor.rangeEquals(KEY_TOPIC)) {
        if ((seen & SEEN_TOPIC) !== 0 || !this.cursor.readPlainString()) return this.fallback(length);
        seen |= SEEN_TOPIC;
        channel = this.channelOfTopic(cursor.start, cursor.end);
      } else if (cursor.rangeEquals(KEY_DATA)) {
        if ((seen & SEEN_DATA) !== 0) return this.fallback(length);
        seen |= SEEN_DATA;
        dataPosition = cursor.position;
        if (channel === BybitChannel.BOOK || channel === BybitChannel.TRADES || channel === BybitChannel.TICKER) {
          dataStatus = this.scanData(channel);
          if (dataStatus === DataStatus.FALLBACK) return this.fallback(length);
          dataParsed = true;
        } else if (!cursor.skipValue()) return this.fallback(length);
      } else {
        let bit = 0;
        if (cursor.rangeEquals(KEY_TYPE)) {
          bit = SEEN_TYPE;
          typePosition = cursor.position;
        } else if (cursor.rangeEquals(KEY_TS)) {
          bit = SEEN_TS;
          tsPosition = cursor.position;
        } else if (cursor.rangeEquals(KEY_CTS)) {
          bit = SEEN_CTS;
          ctsPosition = cursor.position;
        }
        if ((seen & bit) !== 0) return this.fallback(length);
        seen |= bit;
        if (!cursor.skipValue()) return this.fallback(length);
      }
      const separator = cursor.skipWhitespace();
      if (separator === COMMA) cursor.position++;
      else if (separator === CLOSE_BRACE) {
        cursor.position++;
        break;
      } else return this.fallback(length);
    }
    if (cursor.skipWhitespace() !== -1) return this.fallback(length);

    if (channel === BybitChannel.IGNORED) {
      out.kind = FrameKind.IGNORED;
      return;
    }
    if (channel !== BybitChannel.BOOK && channel !== BybitChannel.TRADES && channel !== BybitChannel.TICKER) return this.fallback(length);
    if (dataPosition < 0) return this.fallback(length);
    if (!dataParsed) {
      // `topic` came after `data`: read `data` again now that its channel is known.
      cursor.position = dataPosition;
      dataStatus = this.scanData(channel);
      if (dataStatus === DataStatus.FALLBACK) return this.fallback(length);
    }
    if (dataStatus === DataStatus.FOREIGN) {
      out.reset();
      out.kind = FrameKind.IGNORED;
      return;
    }
    if (channel === BybitChannel.BOOK) {
      if (!this.finishBook(typePosition, ctsPosition)) return this.fallback(length);
    } else if (channel === BybitChannel.TICKER) {
      if (!this.finishTicker(tsPosition)) return this.fallback(length);
    } else {
      out.kind = out.trades.count > 0 ? FrameKind.MARKET_DATA : FrameKind.IGNORED;
    }
  }

  /** Cold: the frame is not the plain shape scanned here, so the reference decides. */
  private fallback(length: number): void {
    this.out.reset();
    parseReference(textDecoder.decode(this.bytes.subarray(0, length)), this.context, this.out);
  }

  /** Reads an object key and its colon; keys with escapes go to the reference (JSON.parse would unescape them). */
  private readKey(): boolean {
    // consume() leaves the key's range in start/end for the caller to match.
    return this.cursor.readPlainString() && this.cursor.consume(COLON);
  }

  /**
   * A JSON integer written plainly (no sign, no leading zero, no fraction or exponent) and safe,
   * into `count`. The value goes through a field, not a return value: millisecond times pass 2^30,
   * and V8 boxes such a number when it is returned from a call it did not inline.
   */
  private readCount(): boolean {
    const cursor = this.cursor;
    const first = cursor.skipWhitespace();
    if (first < ZERO || first > NINE) return false;
    if (!cursor.readScalar()) return false;
    const bytes = this.bytes;
    const start = cursor.start;
    const end = cursor.end;
    if (bytes[start] === ZERO && end - start > 1) return false;
    let value = 0;
    for (let i = start; i < end; i++) {
      const digit = bytes[i]! - ZERO;
      if (digit < 0 || digit > 9) return false;
      value = value * 10 + digit;
    }
    if (value > MAX_SAFE) return false;
    this.count = value;
    return true;
  }

  private startsWith(start: number, end: number, prefix: Uint8Array): boolean {
    if (end - start < prefix.length) return false;
    const bytes = this.bytes;
    for (let i = 0; i < prefix.length; i++) if (bytes[start + i] !== prefix[i]) return false;
    return true;
  }

  /** Byte twin of channelOfTopic. */
  private channelOfTopic(start: number, end: number): BybitChannel {
    if (this.startsWith(start, end, PREFIX_BOOK)) {
      const bytes = this.bytes;
      let index = start + PREFIX_BOOK.length;
      const digitsStart = index;
      while (index < end && bytes[index]! >= ZERO && bytes[index]! <= NINE) index++;
      if (index > digitsStart && index < end && bytes[index] === DOT) return BybitChannel.BOOK;
      return BybitChannel.UNKNOWN;
    }
    if (this.startsWith(start, end, PREFIX_TRADES)) return BybitChannel.TRADES;
    if (this.startsWith(start, end, PREFIX_TICKER)) return BybitChannel.TICKER;
    for (const prefix of IGNORED_PREFIXES) if (this.startsWith(start, end, prefix)) return BybitChannel.IGNORED;
    return BybitChannel.UNKNOWN;
  }

  private scanData(channel: BybitChannel): DataStatus {
    if (channel === BybitChannel.BOOK) return this.scanBookData();
    if (channel === BybitChannel.TRADES) return this.scanTradeData();
    return this.scanTickerData();
  }

  // ------------------------------------------------------------------------------------------
  // Books
  // ------------------------------------------------------------------------------------------

  private scanBookData(): DataStatus {
    const cursor = this.cursor;
    this.book = null;
    this.updateId = -1;
    if (!cursor.enterObject() || cursor.skipWhitespace() === CLOSE_BRACE) return DataStatus.FALLBACK;
    let symbolSeen = false;
    let foreign = false;
    let bidsPosition = -1;
    let asksPosition = -1;
    let bidsDone = false;
    let asksDone = false;
    let updateIdSeen = false;
    for (;;) {
      if (!this.readKey()) return DataStatus.FALLBACK;
      if (cursor.rangeEquals(KEY_SYMBOL_SHORT)) {
        if (symbolSeen || !this.cursor.readPlainString()) return DataStatus.FALLBACK;
        symbolSeen = true;
        const instrumentId = this.context.symbols.byBytes(this.bytes, cursor.start, cursor.end);
        if (instrumentId < 0) foreign = true;
        else this.book = this.out.nextBook(instrumentId, false);
      } else if (cursor.rangeEquals(KEY_BIDS)) {
        if (bidsPosition >= 0) return DataStatus.FALLBACK;
        bidsPosition = cursor.position;
        if (this.book !== null) {
          if (!this.scanLevels(BookSide.BID)) return DataStatus.FALLBACK;
          bidsDone = true;
        } else if (!cursor.skipValue()) return DataStatus.FALLBACK;
      } else if (cursor.rangeEquals(KEY_ASKS)) {
        if (asksPosition >= 0) return DataStatus.FALLBACK;
        asksPosition = cursor.position;
        if (this.book !== null && bidsDone) {
          if (!this.scanLevels(BookSide.ASK)) return DataStatus.FALLBACK;
          asksDone = true;
        } else if (!cursor.skipValue()) return DataStatus.FALLBACK;
      } else if (cursor.rangeEquals(KEY_UPDATE_ID)) {
        if (updateIdSeen) return DataStatus.FALLBACK;
        updateIdSeen = true;
        // The reference checks `u` only after the levels; an odd `u` is the reference's call.
        if (!this.readCount()) return DataStatus.FALLBACK;
        this.updateId = this.count;
      } else if (!cursor.skipValue()) return DataStatus.FALLBACK;
      const separator = cursor.skipWhitespace();
      if (separator === COMMA) cursor.position++;
      else if (separator === CLOSE_BRACE) {
        cursor.position++;
        break;
      } else return DataStatus.FALLBACK;
    }
    if (!symbolSeen) return DataStatus.FALLBACK;
    if (foreign) return DataStatus.FOREIGN;
    if (bidsPosition < 0 || asksPosition < 0 || !updateIdSeen) return DataStatus.FALLBACK;
    if (!bidsDone || !asksDone) {
      // Levels that came before the symbol (or asks before bids): read them now, bids first.
      const after = cursor.position;
      if (!bidsDone) {
        cursor.position = bidsPosition;
        if (!this.scanLevels(BookSide.BID)) return DataStatus.FALLBACK;
      }
      cursor.position = asksPosition;
      if (!this.scanLevels(BookSide.ASK)) return DataStatus.FALLBACK;
      cursor.position = after;
    }
    return DataStatus.OK;
  }

  /** An array of `["price","size"]` pairs pushed onto the current book. */
  private scanLevels(side: BookSide): boolean {
    const cursor = this.cursor;
    const book = this.book!;
    const bytes = this.bytes;
    const instrumentId = book.instrumentId;
    const priceDecimals = this.context.priceDecimals[instrumentId]!;
    const sizeDecimals = this.context.sizeDecimals[instrumentId]!;
    if (!cursor.enterArray()) return false;
    if (cursor.skipWhitespace() === CLOSE_BRACKET) {
      cursor.position++;
      return true;
    }
    for (;;) {
      if (!cursor.enterArray() || !this.cursor.readPlainString()) return false;
      const priceStart = cursor.start;
      const priceEnd = cursor.end;
      if (!cursor.consume(COMMA) || !this.cursor.readPlainString()) return false;
      const sizeStart = cursor.start;
      const sizeEnd = cursor.end;
      if (!cursor.consume(CLOSE_BRACKET)) return false;
      book.pushLevel(
        side,
        parseDecimalBytes(bytes, priceStart, priceEnd, priceDecimals),
        parseDecimalBytes(bytes, sizeStart, sizeEnd, sizeDecimals),
        textDecimalsOfBytes(bytes, priceStart, priceEnd),
        textDecimalsOfBytes(bytes, sizeStart, sizeEnd),
      );
      const separator = cursor.skipWhitespace();
      if (separator === COMMA) cursor.position++;
      else if (separator === CLOSE_BRACKET) {
        cursor.position++;
        return true;
      } else return false;
    }
  }

  /** `type`, `u` and `cts` of a book, in the reference's order. */
  private finishBook(typePosition: number, ctsPosition: number): boolean {
    const cursor = this.cursor;
    const book = this.book!;
    if (typePosition < 0) return false;
    cursor.position = typePosition;
    if (!this.cursor.readPlainString()) return false;
    const isSnapshot = cursor.rangeEquals(VALUE_SNAPSHOT);
    if (!isSnapshot && !cursor.rangeEquals(VALUE_DELTA)) return false;
    let matchingEngineTime = -1;
    if (ctsPosition >= 0) {
      cursor.position = ctsPosition;
      if (!this.readCount()) return false;
      matchingEngineTime = this.count;
    }
    book.isSnapshot = isSnapshot || this.updateId === 1;
    book.sequence = this.updateId;
    if (matchingEngineTime >= 0) {
      book.hasEventTime = true;
      // Same arithmetic as parse.ts secondsOfMs/nanosOfMs, inline so no double crosses a call.
      const seconds = Math.floor(matchingEngineTime / 1000);
      book.eventSeconds = seconds;
      book.eventNanos = (matchingEngineTime - seconds * 1000) * 1_000_000;
    }
    this.out.kind = FrameKind.MARKET_DATA;
    return true;
  }

  // ------------------------------------------------------------------------------------------
  // Trades
  // ------------------------------------------------------------------------------------------

  private scanTradeData(): DataStatus {
    const cursor = this.cursor;
    if (!cursor.enterArray()) return DataStatus.FALLBACK;
    if (cursor.skipWhitespace() === CLOSE_BRACKET) {
      cursor.position++;
      return DataStatus.OK;
    }
    for (;;) {
      if (!this.scanTrade()) return DataStatus.FALLBACK;
      const separator = cursor.skipWhitespace();
      if (separator === COMMA) cursor.position++;
      else if (separator === CLOSE_BRACKET) {
        cursor.position++;
        return DataStatus.OK;
      } else return DataStatus.FALLBACK;
    }
  }

  /** One trade object: fields collected as ranges, then checked and pushed in the reference's order. */
  private scanTrade(): boolean {
    const cursor = this.cursor;
    const bytes = this.bytes;
    if (!cursor.enterObject()) return false;
    let symbolStart = -1;
    let symbolEnd = -1;
    let sideStart = -1;
    let sideEnd = -1;
    let priceStart = -1;
    let priceEnd = -1;
    let sizeStart = -1;
    let sizeEnd = -1;
    let idStart = -1;
    let idEnd = -1;
    let tradeTime = -1;
    let timeSeen = false;
    if (cursor.skipWhitespace() === CLOSE_BRACE) return false;
    for (;;) {
      if (!this.readKey()) return false;
      // Each field is read as the shape the reference wants; anything else is the reference's call.
      if (cursor.rangeEquals(KEY_SYMBOL_SHORT)) {
        if (symbolStart >= 0 || !this.cursor.readPlainString()) return false;
        symbolStart = cursor.start;
        symbolEnd = cursor.end;
      } else if (cursor.rangeEquals(KEY_SIDE)) {
        if (sideStart >= 0 || !this.cursor.readPlainString()) return false;
        sideStart = cursor.start;
        sideEnd = cursor.end;
      } else if (cursor.rangeEquals(KEY_PRICE)) {
        if (priceStart >= 0 || !this.cursor.readPlainString()) return false;
        priceStart = cursor.start;
        priceEnd = cursor.end;
      } else if (cursor.rangeEquals(KEY_SIZE)) {
        if (sizeStart >= 0 || !this.cursor.readPlainString()) return false;
        sizeStart = cursor.start;
        sizeEnd = cursor.end;
      } else if (cursor.rangeEquals(KEY_TRADE_TIME)) {
        if (timeSeen) return false;
        timeSeen = true;
        if (!this.readCount()) return false;
        tradeTime = this.count;
      } else if (cursor.rangeEquals(KEY_TRADE_ID)) {
        if (idStart >= 0 || !this.cursor.readPlainString()) return false;
        idStart = cursor.start;
        idEnd = cursor.end;
      } else if (!cursor.skipValue()) return false;
      const separator = cursor.skipWhitespace();
      if (separator === COMMA) cursor.position++;
      else if (separator === CLOSE_BRACE) {
        cursor.position++;
        break;
      } else return false;
    }
    if (symbolStart < 0) return false;
    const instrumentId = this.context.symbols.byBytes(bytes, symbolStart, symbolEnd);
    if (instrumentId < 0) return true;
    let aggressorSide: AggressorSide = AggressorSide.UNKNOWN;
    if (sideStart >= 0) {
      cursor.start = sideStart;
      cursor.end = sideEnd;
      if (cursor.rangeEquals(VALUE_BUY)) aggressorSide = AggressorSide.BUY;
      else if (cursor.rangeEquals(VALUE_SELL)) aggressorSide = AggressorSide.SELL;
      else return false;
    }
    if (priceStart < 0 || sizeStart < 0) return false;
    if (idStart >= 0) {
      if (idEnd - idStart > TRADE_ID_MAX_BYTES) return false;
      for (let i = idStart; i < idEnd; i++) if (bytes[i]! < 0x20 || bytes[i]! > 0x7e) return false;
    }
    const price = parseDecimalBytes(bytes, priceStart, priceEnd, this.context.priceDecimals[instrumentId]!);
    const size = parseDecimalBytes(bytes, sizeStart, sizeEnd, this.context.sizeDecimals[instrumentId]!);
    const hasTime = tradeTime >= 0;
    const trades = this.out.trades;
    // Only small integers cross the call; the doubles go straight into the typed arrays.
    const index = trades.push(instrumentId, 0, 0, aggressorSide, hasTime, 0, 0);
    trades.prices[index] = price;
    trades.sizes[index] = size;
    if (hasTime) {
      const seconds = Math.floor(tradeTime / 1000);
      trades.eventSeconds[index] = seconds;
      trades.eventNanos[index] = (tradeTime - seconds * 1000) * 1_000_000;
    }
    if (idStart >= 0) trades.setTradeIdBytes(index, bytes, idStart, idEnd);
    return true;
  }

  // ------------------------------------------------------------------------------------------
  // Tickers (best bid/offer)
  // ------------------------------------------------------------------------------------------

  private scanTickerData(): DataStatus {
    const cursor = this.cursor;
    this.tickerInstrument = -1;
    this.bidPriceStart = this.bidSizeStart = this.askPriceStart = this.askSizeStart = -1;
    this.bidPriceEnd = this.bidSizeEnd = this.askPriceEnd = this.askSizeEnd = -1;
    if (!cursor.enterObject() || cursor.skipWhitespace() === CLOSE_BRACE) return DataStatus.FALLBACK;
    let symbolSeen = false;
    for (;;) {
      if (!this.readKey()) return DataStatus.FALLBACK;
      if (cursor.rangeEquals(KEY_SYMBOL)) {
        if (symbolSeen || !this.cursor.readPlainString()) return DataStatus.FALLBACK;
        symbolSeen = true;
        this.tickerInstrument = this.context.symbols.byBytes(this.bytes, cursor.start, cursor.end);
      } else if (cursor.rangeEquals(KEY_BID_PRICE)) {
        if (this.bidPriceStart >= 0 || !this.cursor.readPlainString()) return DataStatus.FALLBACK;
        this.bidPriceStart = cursor.start;
        this.bidPriceEnd = cursor.end;
      } else if (cursor.rangeEquals(KEY_BID_SIZE)) {
        if (this.bidSizeStart >= 0 || !this.cursor.readPlainString()) return DataStatus.FALLBACK;
        this.bidSizeStart = cursor.start;
        this.bidSizeEnd = cursor.end;
      } else if (cursor.rangeEquals(KEY_ASK_PRICE)) {
        if (this.askPriceStart >= 0 || !this.cursor.readPlainString()) return DataStatus.FALLBACK;
        this.askPriceStart = cursor.start;
        this.askPriceEnd = cursor.end;
      } else if (cursor.rangeEquals(KEY_ASK_SIZE)) {
        if (this.askSizeStart >= 0 || !this.cursor.readPlainString()) return DataStatus.FALLBACK;
        this.askSizeStart = cursor.start;
        this.askSizeEnd = cursor.end;
      } else if (!cursor.skipValue()) return DataStatus.FALLBACK;
      const separator = cursor.skipWhitespace();
      if (separator === COMMA) cursor.position++;
      else if (separator === CLOSE_BRACE) {
        cursor.position++;
        break;
      } else return DataStatus.FALLBACK;
    }
    if (!symbolSeen) return DataStatus.FALLBACK;
    if (this.tickerInstrument < 0) return DataStatus.FOREIGN;
    // Present and non-empty, all four: otherwise no BBO (one side of a delta is not a quote).
    this.tickerComplete =
      this.bidPriceEnd > this.bidPriceStart &&
      this.bidSizeEnd > this.bidSizeStart &&
      this.askPriceEnd > this.askPriceStart &&
      this.askSizeEnd > this.askSizeStart;
    return DataStatus.OK;
  }

  private finishTicker(tsPosition: number): boolean {
    const cursor = this.cursor;
    let systemTime = -1;
    if (tsPosition >= 0) {
      cursor.position = tsPosition;
      if (!this.readCount()) return false;
      systemTime = this.count;
    }
    if (!this.tickerComplete) {
      this.out.kind = FrameKind.IGNORED;
      return true;
    }
    const bytes = this.bytes;
    const instrumentId = this.tickerInstrument;
    const priceDecimals = this.context.priceDecimals[instrumentId]!;
    const sizeDecimals = this.context.sizeDecimals[instrumentId]!;
    const bidPrice = parseDecimalBytes(bytes, this.bidPriceStart, this.bidPriceEnd, priceDecimals);
    const bidSize = parseDecimalBytes(bytes, this.bidSizeStart, this.bidSizeEnd, sizeDecimals);
    const askPrice = parseDecimalBytes(bytes, this.askPriceStart, this.askPriceEnd, priceDecimals);
    const askSize = parseDecimalBytes(bytes, this.askSizeStart, this.askSizeEnd, sizeDecimals);
    const hasTime = systemTime >= 0;
    const bbos = this.out.bbos;
    bbos.push(instrumentId, 0, 0, 0, 0, hasTime, 0, 0);
    const index = bbos.count - 1;
    const values = bbos.values;
    values[index * 4] = bidPrice;
    values[index * 4 + 1] = bidSize;
    values[index * 4 + 2] = askPrice;
    values[index * 4 + 3] = askSize;
    if (hasTime) {
      const seconds = Math.floor(systemTime / 1000);
      bbos.eventSeconds[index] = seconds;
      bbos.eventNanos[index] = (systemTime - seconds * 1000) * 1_000_000;
    }
    this.out.kind = FrameKind.MARKET_DATA;
    return true;
  }
}

const scanner = new BybitFrameScanner();

/**
 * Parses frame bytes [0, length) into `out`, exactly as parseReference would parse their text.
 * Not re-entrant (one scanner per thread; the feed parses one frame at a time).
 */
export function parseFast(bytes: Uint8Array, length: number, context: ParseContext, out: ParsedFrame): void {
  scanner.scan(bytes, length, context, out);
}

