// Reusable, preallocated parse results of one venue frame: what a parser fills and sync reads.
import { AggressorSide, SEQUENCE_NONE, type BookSide } from '../../../model/record-types.js';

/*
 * Both parsers of a venue (the JSON.parse reference and the byte scanner) fill these same
 * structures, so tests can demand identical output, and the hot path allocates nothing: arrays
 * grow (rarely, cold) when a frame is bigger than any before, and are reused for every frame.
 *
 * Times: a venue's event time is split into whole epoch seconds and nanoseconds within that second
 * (`eventSeconds`, `eventNanos`), which `writeEpochNsParts` stores exactly. `hasEventTime` is false
 * when the venue sent none (no invented defaults: the record gets the NO_EVENT_TIME flag).
 */

/** One book message for one instrument: a snapshot or an incremental update. */
export class ParsedBook {
  instrumentId = -1;
  isSnapshot = false;
  /** The venue's sequence of this message: Binance `u`, Bybit `u`, OKX `seqId`, Coinbase `sequence_num`. */
  sequence: number = SEQUENCE_NONE;
  /** First update id covered (Binance `U`), else SEQUENCE_NONE. */
  firstSequence: number = SEQUENCE_NONE;
  /** The sequence the venue says precedes this one (Binance futures `pu`, OKX `prevSeqId`), else SEQUENCE_NONE. */
  previousSequence: number = SEQUENCE_NONE;
  /** Venue checksum (OKX CRC32 as signed int32); 0 = not sent. */
  checksum = 0;
  hasEventTime = false;
  eventSeconds = 0;
  eventNanos = 0;
  levelCount = 0;
  sides: Uint8Array;
  prices: Float64Array;
  sizes: Float64Array;
  priceTextDecimals: Uint8Array;
  sizeTextDecimals: Uint8Array;

  constructor(capacity = 256) {
    this.sides = new Uint8Array(capacity);
    this.prices = new Float64Array(capacity);
    this.sizes = new Float64Array(capacity);
    this.priceTextDecimals = new Uint8Array(capacity);
    this.sizeTextDecimals = new Uint8Array(capacity);
  }

  reset(instrumentId: number, isSnapshot: boolean): void {
    this.instrumentId = instrumentId;
    this.isSnapshot = isSnapshot;
    this.sequence = SEQUENCE_NONE;
    this.firstSequence = SEQUENCE_NONE;
    this.previousSequence = SEQUENCE_NONE;
    this.checksum = 0;
    this.hasEventTime = false;
    this.eventSeconds = 0;
    this.eventNanos = 0;
    this.levelCount = 0;
  }

  pushLevel(side: BookSide, price: number, size: number, priceTextDecimals: number, sizeTextDecimals: number): void {
    const index = this.levelCount;
    if (index === this.sides.length) this.grow();
    this.sides[index] = side;
    this.prices[index] = price;
    this.sizes[index] = size;
    this.priceTextDecimals[index] = priceTextDecimals;
    this.sizeTextDecimals[index] = sizeTextDecimals;
    this.levelCount = index + 1;
  }

  /** A deep copy, for venues whose sync must hold updates back (Binance before its REST snapshot). Cold. */
  clone(): ParsedBook {
    const copy = new ParsedBook(Math.max(1, this.levelCount));
    copy.reset(this.instrumentId, this.isSnapshot);
    copy.sequence = this.sequence;
    copy.firstSequence = this.firstSequence;
    copy.previousSequence = this.previousSequence;
    copy.checksum = this.checksum;
    copy.hasEventTime = this.hasEventTime;
    copy.eventSeconds = this.eventSeconds;
    copy.eventNanos = this.eventNanos;
    copy.sides.set(this.sides.subarray(0, this.levelCount));
    copy.prices.set(this.prices.subarray(0, this.levelCount));
    copy.sizes.set(this.sizes.subarray(0, this.levelCount));
    copy.priceTextDecimals.set(this.priceTextDecimals.subarray(0, this.levelCount));
    copy.sizeTextDecimals.set(this.sizeTextDecimals.subarray(0, this.levelCount));
    copy.levelCount = this.levelCount;
    return copy;
  }

  private grow(): void {
    const capacity = this.sides.length * 2;
    const grow = <T extends Uint8Array | Float64Array>(array: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(array);
      return next;
    };
    this.sides = grow(this.sides, (n) => new Uint8Array(n));
    this.prices = grow(this.prices, (n) => new Float64Array(n));
    this.sizes = grow(this.sizes, (n) => new Float64Array(n));
    this.priceTextDecimals = grow(this.priceTextDecimals, (n) => new Uint8Array(n));
    this.sizeTextDecimals = grow(this.sizeTextDecimals, (n) => new Uint8Array(n));
  }
}

/** Maximum trade-id bytes kept (the TRADE record holds 48). */
export const TRADE_ID_MAX_BYTES = 48;

/** The trades of one frame (possibly several instruments). */
export class ParsedTrades {
  count = 0;
  instrumentIds: Int32Array;
  prices: Float64Array;
  sizes: Float64Array;
  aggressorSides: Uint8Array;
  hasEventTime: Uint8Array;
  eventSeconds: Float64Array;
  eventNanos: Float64Array;
  /** Trade id bytes, TRADE_ID_MAX_BYTES per trade, `tradeIdLengths[i]` of them used. */
  tradeIds: Uint8Array;
  tradeIdLengths: Uint8Array;

  constructor(capacity = 64) {
    this.instrumentIds = new Int32Array(capacity);
    this.prices = new Float64Array(capacity);
    this.sizes = new Float64Array(capacity);
    this.aggressorSides = new Uint8Array(capacity);
    this.hasEventTime = new Uint8Array(capacity);
    this.eventSeconds = new Float64Array(capacity);
    this.eventNanos = new Float64Array(capacity);
    this.tradeIds = new Uint8Array(capacity * TRADE_ID_MAX_BYTES);
    this.tradeIdLengths = new Uint8Array(capacity);
  }

  /** Appends a trade and returns its index; the caller then writes its id with setTradeId*. */
  push(instrumentId: number, price: number, size: number, aggressorSide: AggressorSide, hasEventTime: boolean, eventSeconds: number, eventNanos: number): number {
    const index = this.count;
    if (index === this.instrumentIds.length) this.grow();
    this.instrumentIds[index] = instrumentId;
    this.prices[index] = price;
    this.sizes[index] = size;
    this.aggressorSides[index] = aggressorSide;
    this.hasEventTime[index] = hasEventTime ? 1 : 0;
    this.eventSeconds[index] = eventSeconds;
    this.eventNanos[index] = eventNanos;
    this.tradeIdLengths[index] = 0;
    this.count = index + 1;
    return index;
  }

  /** Copies an id from frame bytes (scanner path). Longer ids are a parse error upstream. */
  setTradeIdBytes(index: number, bytes: Uint8Array, start: number, end: number): void {
    const length = Math.min(end - start, TRADE_ID_MAX_BYTES);
    const base = index * TRADE_ID_MAX_BYTES;
    for (let i = 0; i < length; i++) this.tradeIds[base + i] = bytes[start + i]!;
    this.tradeIdLengths[index] = length;
  }

  /** Copies an ASCII id from a string (reference path). */
  setTradeIdString(index: number, id: string): void {
    const length = Math.min(id.length, TRADE_ID_MAX_BYTES);
    const base = index * TRADE_ID_MAX_BYTES;
    for (let i = 0; i < length; i++) this.tradeIds[base + i] = id.charCodeAt(i) & 0x7f;
    this.tradeIdLengths[index] = length;
  }

  private grow(): void {
    const capacity = this.instrumentIds.length * 2;
    const copy = <T extends Int32Array | Float64Array | Uint8Array>(array: T, next: T): T => {
      next.set(array);
      return next;
    };
    this.instrumentIds = copy(this.instrumentIds, new Int32Array(capacity));
    this.prices = copy(this.prices, new Float64Array(capacity));
    this.sizes = copy(this.sizes, new Float64Array(capacity));
    this.aggressorSides = copy(this.aggressorSides, new Uint8Array(capacity));
    this.hasEventTime = copy(this.hasEventTime, new Uint8Array(capacity));
    this.eventSeconds = copy(this.eventSeconds, new Float64Array(capacity));
    this.eventNanos = copy(this.eventNanos, new Float64Array(capacity));
    this.tradeIds = copy(this.tradeIds, new Uint8Array(capacity * TRADE_ID_MAX_BYTES));
    this.tradeIdLengths = copy(this.tradeIdLengths, new Uint8Array(capacity));
  }
}

/** Best bid/offer messages of one frame. Sizes 0 and prices NaN where the venue sent an empty side. */
export class ParsedBbos {
  count = 0;
  instrumentIds = new Int32Array(16);
  values = new Float64Array(16 * 4); // bidPrice, bidSize, askPrice, askSize
  hasEventTime = new Uint8Array(16);
  eventSeconds = new Float64Array(16);
  eventNanos = new Float64Array(16);

  push(instrumentId: number, bidPrice: number, bidSize: number, askPrice: number, askSize: number, hasEventTime: boolean, eventSeconds: number, eventNanos: number): void {
    if (this.count === this.instrumentIds.length) this.grow();
    const index = this.count++;
    this.instrumentIds[index] = instrumentId;
    this.values[index * 4] = bidPrice;
    this.values[index * 4 + 1] = bidSize;
    this.values[index * 4 + 2] = askPrice;
    this.values[index * 4 + 3] = askSize;
    this.hasEventTime[index] = hasEventTime ? 1 : 0;
    this.eventSeconds[index] = eventSeconds;
    this.eventNanos[index] = eventNanos;
  }

  private grow(): void {
    const capacity = this.instrumentIds.length * 2;
    const next = { ids: new Int32Array(capacity), values: new Float64Array(capacity * 4), has: new Uint8Array(capacity), seconds: new Float64Array(capacity), nanos: new Float64Array(capacity) };
    next.ids.set(this.instrumentIds);
    next.values.set(this.values);
    next.has.set(this.hasEventTime);
    next.seconds.set(this.eventSeconds);
    next.nanos.set(this.eventNanos);
    this.instrumentIds = next.ids;
    this.values = next.values;
    this.hasEventTime = next.has;
    this.eventSeconds = next.seconds;
    this.eventNanos = next.nanos;
  }
}

/** What a frame turned out to be. A frame may carry books, trades and BBOs at once (Coinbase). */
export const FrameKind = {
  /** Understood and deliberately not used (klines, tickers beyond BBO, liquidations ...). */
  IGNORED: 0,
  MARKET_DATA: 1,
  /** A subscription acknowledgement. */
  SUBSCRIBED: 2,
  /** A heartbeat or pong. */
  HEARTBEAT: 3,
  /** The venue reported an error (bad subscription, rate limit ...): `errorText` says what. */
  VENUE_ERROR: 4,
  /** Not understood: a new message shape; counted and logged once per shape, never guessed at. */
  UNKNOWN: 5,
} as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

/** Everything one frame parsed into; one instance per connection, reset per frame. */
export class ParsedFrame {
  kind: FrameKind = FrameKind.IGNORED;
  /** Per-connection sequence when the venue numbers every message (Coinbase `sequence_num`), else SEQUENCE_NONE. */
  connectionSequence: number = SEQUENCE_NONE;
  bookCount = 0;
  readonly books: ParsedBook[] = [new ParsedBook()];
  readonly trades = new ParsedTrades();
  readonly bbos = new ParsedBbos();
  /** Cold-path detail for VENUE_ERROR and UNKNOWN frames. */
  errorText = '';

  reset(): void {
    this.kind = FrameKind.IGNORED;
    this.connectionSequence = SEQUENCE_NONE;
    this.bookCount = 0;
    this.trades.count = 0;
    this.bbos.count = 0;
    this.errorText = '';
  }

  /** The next book slot, reset for `instrumentId`. */
  nextBook(instrumentId: number, isSnapshot: boolean): ParsedBook {
    if (this.bookCount === this.books.length) this.books.push(new ParsedBook());
    const book = this.books[this.bookCount++]!;
    book.reset(instrumentId, isSnapshot);
    return book;
  }
}

export { AggressorSide };
