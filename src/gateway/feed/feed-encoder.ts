// FeedEncoder: hand-packs Delta, Snapshot, Bbo and Trade messages into reused buffers (feed-wire-layout.ts), once per update.
import { TextEncoder } from 'node:util';
import type { RecordStamps } from '../../model/record-header.js';
import { ZVT_ERR_GATEWAY_FEED_VALUE, gatewayError } from '../errors.js';
import type { FeedBook, FeedBookSide } from './feed-book.js';
import type { FeedLevels } from './feed-levels.js';
import {
  ASKS_UOFFSET,
  BBO_ASK,
  BBO_BID,
  BBO_BYTES,
  BIDS_BODY,
  BIDS_LENGTH,
  BOOK_MESSAGE_BASE_BYTES,
  HEADER_SEQ,
  HEADER_TOPIC_ID,
  HEADER_TS_EVENT_NS,
  LEVEL_BYTES,
  SNAPSHOT_PRICE_DECIMALS,
  SNAPSHOT_REASON,
  SNAPSHOT_SIZE_DECIMALS,
  TRADE_AGGRESSOR,
  TRADE_ID_BYTES,
  TRADE_ID_LENGTH,
  TRADE_PRICE,
  TRADE_SIZE,
  writeTemplate,
  type PackedKind,
} from './feed-wire-layout.js';

const TWO_POW_32 = 4_294_967_296;
/** Level counts whose exact-length views are cached (a delta of up to this many levels allocates nothing). */
const CACHED_VIEWS = 64;
const INITIAL_LEVELS = 64;
const INITIAL_TRADE_ID_BYTES = 128;

/*
 * Returned bytes are a view into the encoder's buffer for that kind, valid until the next encode
 * of the same kind: send them (uWS copies what it cannot write at once) before encoding again.
 * Hot path: a delta of up to CACHED_VIEWS levels writes ~20 words and allocates nothing.
 */

/** One reused output buffer: its byte and word views and the exact-length views handed out. */
class PackedBuffer {
  bytes!: Uint8Array;
  words!: Int32Array;
  unsigned!: Uint32Array;
  views: (Uint8Array | undefined)[] = [];

  constructor(
    private readonly kind: PackedKind,
    capacity: number,
  ) {
    this.allocate(capacity);
  }

  /** Makes room for `length` bytes (rare: doubles, rewrites the template). */
  ensure(length: number): void {
    if (length > this.bytes.length) this.allocate(Math.max(length, this.bytes.length * 2));
  }

  /** The first `length` bytes; cached per `slot` (a level count) when slot < CACHED_VIEWS. */
  view(length: number, slot: number): Uint8Array {
    if (slot >= CACHED_VIEWS) return new Uint8Array(this.bytes.buffer, 0, length);
    let view = this.views[slot];
    if (view === undefined || view.length !== length) {
      view = new Uint8Array(this.bytes.buffer, 0, length);
      this.views[slot] = view;
    }
    return view;
  }

  private allocate(capacity: number): void {
    const size = (capacity + 7) & ~7;
    const buffer = new ArrayBuffer(size);
    this.bytes = new Uint8Array(buffer);
    this.words = new Int32Array(buffer);
    this.unsigned = new Uint32Array(buffer);
    this.views = [];
    writeTemplate(this.bytes, this.kind);
  }
}

export class FeedEncoder {
  private readonly delta = new PackedBuffer('delta', BOOK_MESSAGE_BASE_BYTES + INITIAL_LEVELS * LEVEL_BYTES);
  private readonly snapshot = new PackedBuffer('snapshot', BOOK_MESSAGE_BASE_BYTES + 1024 * LEVEL_BYTES);
  private readonly bbo = new PackedBuffer('bbo', BBO_BYTES);
  private readonly trade = new PackedBuffer('trade', TRADE_ID_BYTES + INITIAL_TRADE_ID_BYTES);
  private readonly textEncoder = new TextEncoder();

  encodeDelta(topicId: number, seq: number, stamps: RecordStamps, levels: FeedLevels): Uint8Array {
    const bidCount = levels.bidCount;
    const askCount = levels.askCount;
    const target = this.delta;
    target.ensure(BOOK_MESSAGE_BASE_BYTES + (bidCount + askCount) * LEVEL_BYTES);
    const words = target.words;
    writeHeader(words, target.unsigned, topicId, seq, stamps);
    const end = writeLevelVectors(words, levels.bidPrices, levels.bidSizes, bidCount, levels.askPrices, levels.askSizes, askCount);
    return target.view(end, bidCount + askCount);
  }

  encodeSnapshot(topicId: number, seq: number, stamps: RecordStamps, book: FeedBook, priceDecimals: number, sizeDecimals: number, reason: number): Uint8Array {
    const target = this.snapshot;
    target.ensure(BOOK_MESSAGE_BASE_BYTES + (book.bids.count + book.asks.count) * LEVEL_BYTES);
    const words = target.words;
    writeHeader(words, target.unsigned, topicId, seq, stamps);
    const bytes = target.bytes;
    bytes[SNAPSHOT_PRICE_DECIMALS] = priceDecimals;
    bytes[SNAPSHOT_SIZE_DECIMALS] = sizeDecimals;
    bytes[SNAPSHOT_REASON] = reason;
    const end = writeBookVectors(words, book.bids, book.asks);
    // Snapshots are rare next to deltas: an exact-length view per call is fine.
    return new Uint8Array(bytes.buffer, 0, end);
  }

  encodeBbo(topicId: number, seq: number, stamps: RecordStamps, bidPrice: number, bidSize: number, askPrice: number, askSize: number): Uint8Array {
    const target = this.bbo;
    const words = target.words;
    writeHeader(words, target.unsigned, topicId, seq, stamps);
    writeInt64(words, BBO_BID >> 2, bidPrice);
    writeInt64(words, (BBO_BID >> 2) + 2, bidSize);
    writeInt64(words, BBO_ASK >> 2, askPrice);
    writeInt64(words, (BBO_ASK >> 2) + 2, askSize);
    return target.view(BBO_BYTES, 0);
  }

  encodeTrade(topicId: number, seq: number, stamps: RecordStamps, price: number, size: number, aggressor: number, tradeId: string): Uint8Array {
    const target = this.trade;
    // At most 3 UTF-8 bytes per UTF-16 unit, plus the NUL.
    target.ensure(TRADE_ID_BYTES + tradeId.length * 3 + 1);
    const words = target.words;
    writeHeader(words, target.unsigned, topicId, seq, stamps);
    writeInt64(words, TRADE_PRICE >> 2, price);
    writeInt64(words, TRADE_SIZE >> 2, size);
    const bytes = target.bytes;
    bytes[TRADE_AGGRESSOR] = aggressor;
    const length = writeText(bytes, TRADE_ID_BYTES, tradeId, this.textEncoder);
    words[TRADE_ID_LENGTH >> 2] = length;
    bytes[TRADE_ID_BYTES + length] = 0;
    return new Uint8Array(bytes.buffer, 0, TRADE_ID_BYTES + length + 1);
  }
}

function writeHeader(words: Int32Array, unsigned: Uint32Array, topicId: number, seq: number, stamps: RecordStamps): void {
  writeInt64(words, HEADER_SEQ >> 2, seq);
  const stampWord = HEADER_TS_EVENT_NS >> 2;
  unsigned[stampWord] = stamps[0]!;
  unsigned[stampWord + 1] = stamps[1]!;
  unsigned[stampWord + 2] = stamps[2]!;
  unsigned[stampWord + 3] = stamps[3]!;
  unsigned[HEADER_TOPIC_ID >> 2] = topicId;
}

/** Writes a safe integer as a little-endian int64 at words[word], words[word + 1] (lo, hi). */
export function writeInt64(words: Int32Array, word: number, value: number): void {
  if (!Number.isSafeInteger(value)) throwValue(value);
  const high = Math.floor(value / TWO_POW_32);
  // An Int32Array store keeps the low 32 bits: lo in [0, 2^32) lands as its two's-complement pattern.
  words[word] = value - high * TWO_POW_32;
  words[word + 1] = high;
}

/** Bid and ask vectors from parallel arrays (delta order kept); returns the message length. */
function writeLevelVectors(words: Int32Array, bidPrices: Float64Array, bidSizes: Float64Array, bidCount: number, askPrices: Float64Array, askSizes: Float64Array, askCount: number): number {
  words[BIDS_LENGTH >> 2] = bidCount;
  let word = BIDS_BODY >> 2;
  for (let index = 0; index < bidCount; index++) {
    writeInt64(words, word, bidPrices[index]!);
    writeInt64(words, word + 2, bidSizes[index]!);
    word += 4;
  }
  word = writeAsksStart(words, word, askCount);
  for (let index = 0; index < askCount; index++) {
    writeInt64(words, word, askPrices[index]!);
    writeInt64(words, word + 2, askSizes[index]!);
    word += 4;
  }
  return word << 2;
}

/** Book sides best first (they are stored worst → best); returns the message length. */
function writeBookVectors(words: Int32Array, bids: FeedBookSide, asks: FeedBookSide): number {
  words[BIDS_LENGTH >> 2] = bids.count;
  let word = BIDS_BODY >> 2;
  for (let index = bids.count - 1; index >= 0; index--) {
    writeInt64(words, word, bids.prices[index]!);
    writeInt64(words, word + 2, bids.sizes[index]!);
    word += 4;
  }
  word = writeAsksStart(words, word, asks.count);
  for (let index = asks.count - 1; index >= 0; index--) {
    writeInt64(words, word, asks.prices[index]!);
    writeInt64(words, word + 2, asks.sizes[index]!);
    word += 4;
  }
  return word << 2;
}

/** After the bids body (at `word`): 4 bytes padding, the asks length, and the asks uoffset pointing at it. */
function writeAsksStart(words: Int32Array, word: number, askCount: number): number {
  const lengthWord = word + 1;
  words[word] = 0;
  words[lengthWord] = askCount;
  words[ASKS_UOFFSET >> 2] = (lengthWord << 2) - ASKS_UOFFSET;
  return lengthWord + 1;
}

/** UTF-8 of `text` at bytes[start]; ASCII (every venue's trade ids) byte by byte, anything else through TextEncoder. */
function writeText(bytes: Uint8Array, start: number, text: string, encoder: TextEncoder): number {
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code > 0x7f) return encoder.encodeInto(text, bytes.subarray(start)).written;
    bytes[start + index] = code;
  }
  return length;
}

function throwValue(value: number): never {
  throw gatewayError(ZVT_ERR_GATEWAY_FEED_VALUE, `feed value ${value} is not a safe integer mantissa; it cannot be sent as an exact int64`, { value });
}
