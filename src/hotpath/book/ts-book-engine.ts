// TsBookEngine: the TypeScript BookEngine, price-indexed books and consolidated groups over ring records.
import { BOOK_BATCH_END_CHECKSUM_OFFSET, BOOK_BATCH_END_PREVIOUS_SEQUENCE_OFFSET, BOOK_BATCH_END_SEQUENCE_OFFSET } from '../../model/book-batch-end-record.js';
import {
  BOOK_LEVEL_PRICE_OFFSET,
  BOOK_LEVEL_PRICE_TEXT_DECIMALS_OFFSET,
  BOOK_LEVEL_SIDE_OFFSET,
  BOOK_LEVEL_SIZE_OFFSET,
  BOOK_LEVEL_SIZE_TEXT_DECIMALS_OFFSET,
} from '../../model/book-level-record.js';
import { RecordType, SEQUENCE_NONE } from '../../model/record-types.js';
import type { RecordViews } from '../../model/record-views.js';
import { SNAPSHOT_END_CHECKSUM_OFFSET, SNAPSHOT_END_SEQUENCE_OFFSET } from '../../model/snapshot-end-record.js';
import { crc32 } from '../crc32.js';
import {
  BBO_ASK_MEMBERS,
  BBO_ASK_PRICE,
  BBO_ASK_SIZE,
  BBO_BID_MEMBERS,
  BBO_BID_PRICE,
  BBO_BID_SIZE,
  BookState,
  COUNTER_ABSENT_DELETES,
  COUNTER_BATCHES,
  COUNTER_FIELDS,
  COUNTER_LEVEL_UPDATES,
  COUNTER_SNAPSHOTS,
  COUNTER_TRUNCATED_LEVELS,
  CrossState,
  type BookEngine,
  type BookOptions,
  type ConsolidatedOptions,
} from './book-engine.js';
import { writeChecksumDecimal } from './checksum-text.js';
import { throwBookDuplicate, throwBookInvalid, throwBookUnknown } from './book-errors.js';
import { feeFactor, validateBookOptions, validateConsolidatedOptions } from './book-options.js';
import { MIN_WINDOW_SLOTS, PriceIndexedSide } from './price-indexed-side.js';

export interface TsBookEngineOptions {
  /**
   * Window slots per side (a power of two >= 4). Default: the next power of two of
   * max(1024, 4 × maxDepth), at most 16384. Tests pass tiny windows to exercise re-anchoring.
   */
  windowSlots?: number;
}

/** Levels per side in the OKX checksum text. */
export const OKX_CHECKSUM_LEVELS = 25;
/** 50 levels × 2 numbers × (sign + 16 integer digits + '.' + 36 decimals + ':'), rounded up. */
const CHECKSUM_SCRATCH_BYTES = 8192;
const CHAR_COLON = 58;
const MAX_DEFAULT_WINDOW_SLOTS = 16384;

const BID = 0;
const ASK = 1;
const BOOK_LEVEL_TYPE: number = RecordType.BOOK_LEVEL;
const GAP_TYPE: number = RecordType.GAP;

/** Counters per book in the engine's counter array (COUNTER_FIELDS used, padded to 8). */
const COUNTER_STRIDE = 8;

/** One venue instrument's book and its per-batch bookkeeping. */
class Book {
  readonly instrumentId: number;
  /** Position in the engine's books: sides at 2 × index (+1), counters at COUNTER_STRIDE × index. */
  readonly index: number;
  readonly maxDepth: number;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
  readonly bids: PriceIndexedSide;
  readonly asks: PriceIndexedSide;
  state: BookState = BookState.EMPTY;
  lastSequence = SEQUENCE_NONE;
  lastPreviousSequence = SEQUENCE_NONE;
  lastChecksum = 0;
  lastUpdateNs = 0;

  constructor(options: BookOptions, index: number, windowSlots: number) {
    this.instrumentId = options.instrumentId;
    this.index = index;
    this.maxDepth = options.maxDepth;
    this.priceDecimals = options.priceDecimals;
    this.sizeDecimals = options.sizeDecimals;
    const overflowCapacity = options.maxDepth < 64 ? 64 : options.maxDepth;
    this.bids = new PriceIndexedSide(-1, options.tickSize, windowSlots, overflowCapacity);
    this.asks = new PriceIndexedSide(1, options.tickSize, windowSlots, overflowCapacity);
  }

  /** Batch-end work on both sides: truncation (only when over maxDepth), then window upkeep. Returns levels truncated. */
  endBatch(): number {
    const maxDepth = this.maxDepth;
    const truncated = this.bids.truncate(maxDepth) + this.asks.truncate(maxDepth);
    this.bids.maintain();
    this.asks.maintain();
    return truncated;
  }
}

/** A consolidated group: member books in member order, fee factors and merge scratch. */
class Group {
  readonly groupId: number;
  readonly members: Book[];
  readonly staleAfterNs: number;
  /** Fee factors by side (0 bid, 1 ask) then member: factors[side * members + member]. */
  readonly factors: Float64Array;
  /** Merge scratch: member m's levels at [m * scratchStride, ...). */
  scratchPrices: Float64Array;
  scratchSizes: Float64Array;
  scratchStride = 0;
  readonly scratchCounts: Int32Array;
  readonly cursors: Int32Array;

  constructor(options: ConsolidatedOptions, members: Book[]) {
    this.groupId = options.groupId;
    this.members = members;
    this.staleAfterNs = options.staleAfterNs;
    const count = members.length;
    this.factors = new Float64Array(2 * count);
    for (let member = 0; member < count; member++) {
      const fee = options.members[member]!.takerFeeBps;
      this.factors[member] = feeFactor(BID, fee);
      this.factors[count + member] = feeFactor(ASK, fee);
    }
    this.scratchPrices = new Float64Array(0);
    this.scratchSizes = new Float64Array(0);
    this.scratchCounts = new Int32Array(count);
    this.cursors = new Int32Array(count);
  }

  /** Grows the merge scratch to hold `levels` per member. Cold: only when a larger n is asked for. */
  ensureScratch(levels: number): void {
    if (levels <= this.scratchStride) return;
    this.scratchStride = levels;
    this.scratchPrices = new Float64Array(levels * this.members.length);
    this.scratchSizes = new Float64Array(levels * this.members.length);
  }

  /** Bit m set: member m is not SYNCED or had no batch for longer than staleAfterNs. */
  excludedBits(nowNs: number): number {
    const members = this.members;
    const staleAfterNs = this.staleAfterNs;
    let mask = 0;
    for (let member = 0; member < members.length; member++) {
      const book = members[member]!;
      if (book.state !== BookState.SYNCED || nowNs - book.lastUpdateNs > staleAfterNs) mask |= 1 << member;
    }
    return mask;
  }

  /** Copies the top `levels` of each eligible member's `side` into the scratch; counts 0 for the excluded. */
  gather(side: number, levels: number, nowNs: number): void {
    this.ensureScratch(levels);
    const excluded = this.excludedBits(nowNs);
    const members = this.members;
    const stride = this.scratchStride;
    for (let member = 0; member < members.length; member++) {
      this.cursors[member] = 0;
      if ((excluded >>> member) & 1) {
        this.scratchCounts[member] = 0;
        continue;
      }
      const book = members[member]!;
      const bookSide = side === BID ? book.bids : book.asks;
      this.scratchCounts[member] = bookSide.copyTop(levels, this.scratchPrices, this.scratchSizes, member * stride, null, null);
    }
  }
}

/** The TypeScript BookEngine (see book-engine.ts for the semantics; docs/books.md for the design). */
export class TsBookEngine implements BookEngine {
  readonly kind = 'ts' as const;

  private readonly windowSlotsOption: number;
  private books: Book[] = [];
  /**
   * Book i's bid side at 2i, ask side at 2i + 1: the hot path indexes it with the record's side
   * byte instead of branching on it (sides arrive in random order; a mispredict costs more than
   * the lookup).
   */
  private sides: PriceIndexedSide[] = [];
  /** Book i's counters at [COUNTER_STRIDE × i, + COUNTER_FIELDS). Grown on addBook (cold). */
  private counters: Float64Array = new Float64Array(16 * COUNTER_STRIDE);
  /** instrumentId → index into `books`, −1 when absent. Grown on addBook (cold). */
  private bookIndexById: Int32Array = new Int32Array(0);
  private groups: Group[] = [];
  private groupIndexById: Int32Array = new Int32Array(0);

  // okxChecksum scratch.
  private readonly checksumBytes = new Uint8Array(CHECKSUM_SCRATCH_BYTES);
  private readonly checksumPrices = new Float64Array(2 * OKX_CHECKSUM_LEVELS);
  private readonly checksumSizes = new Float64Array(2 * OKX_CHECKSUM_LEVELS);
  private readonly checksumPriceDecimals = new Uint8Array(2 * OKX_CHECKSUM_LEVELS);
  private readonly checksumSizeDecimals = new Uint8Array(2 * OKX_CHECKSUM_LEVELS);

  constructor(options: TsBookEngineOptions = {}) {
    const slots = options.windowSlots ?? 0;
    if (slots !== 0 && !(Number.isInteger(slots) && slots >= MIN_WINDOW_SLOTS && (slots & (slots - 1)) === 0)) {
      throwBookInvalid(`windowSlots must be a power of two >= ${MIN_WINDOW_SLOTS} (got ${String(slots)})`, { windowSlots: slots });
    }
    this.windowSlotsOption = slots;
  }

  addBook(options: BookOptions): void {
    validateBookOptions(options);
    const id = options.instrumentId;
    if (this.findBook(id) >= 0) throwBookDuplicate(`Book for instrument ${id} is already added`, { instrumentId: id });
    let slots = this.windowSlotsOption;
    if (slots === 0) {
      slots = 1024;
      while (slots < 4 * options.maxDepth && slots < MAX_DEFAULT_WINDOW_SLOTS) slots *= 2;
    }
    const index = this.books.length;
    const book = new Book(options, index, slots);
    this.bookIndexById = growIndex(this.bookIndexById, id);
    this.bookIndexById[id] = index;
    this.books.push(book);
    this.sides.push(book.bids, book.asks);
    if ((index + 1) * COUNTER_STRIDE > this.counters.length) {
      const counters = new Float64Array(this.counters.length * 2);
      counters.set(this.counters);
      this.counters = counters;
    }
  }

  addConsolidated(options: ConsolidatedOptions): void {
    validateConsolidatedOptions(options);
    const id = options.groupId;
    if (id < this.groupIndexById.length && this.groupIndexById[id]! >= 0) {
      throwBookDuplicate(`Consolidated group ${id} is already added`, { groupId: id });
    }
    const members = options.members.map((member) => {
      const index = this.findBook(member.instrumentId);
      if (index < 0) throwBookUnknown(`Consolidated group ${id} member ${member.instrumentId} has no book`, { groupId: id, instrumentId: member.instrumentId });
      return this.books[index]!;
    });
    const first = members[0]!;
    for (const book of members) {
      if (book.priceDecimals !== first.priceDecimals || book.sizeDecimals !== first.sizeDecimals) {
        throwBookInvalid(`Consolidated group ${id} members must share one price and size scale`, { groupId: id, instrumentId: book.instrumentId });
      }
    }
    this.groupIndexById = growIndex(this.groupIndexById, id);
    this.groupIndexById[id] = this.groups.length;
    this.groups.push(new Group(options, members));
  }

  applyBatch(views: RecordViews, types: Int32Array, offsets: Int32Array, count: number, nowNs: number): number {
    const u8 = views.u8;
    const u32 = views.u32;
    const f64 = views.f64;
    const index = this.bookIndexById;
    const indexLength = index.length;
    const sides = this.sides;
    const counters = this.counters;
    let applied = 0;
    for (let record = 0; record < count; record++) {
      const type = types[record]!;
      if (type < BOOK_LEVEL_TYPE || type > GAP_TYPE) continue;
      const offset = offsets[record]!;
      const instrumentId = u32[offset >>> 2]!;
      if (instrumentId >= indexLength) continue;
      const bookIndex = index[instrumentId]!;
      if (bookIndex < 0) continue;
      if (type === BOOK_LEVEL_TYPE) {
        // The per-update path, kept small so the side's set() inlines here.
        const side = sides[2 * bookIndex + (u8[offset + BOOK_LEVEL_SIDE_OFFSET]! & 1)]!;
        const absent = side.set(
          f64[(offset + BOOK_LEVEL_PRICE_OFFSET) >>> 3]!,
          f64[(offset + BOOK_LEVEL_SIZE_OFFSET) >>> 3]!,
          u8[offset + BOOK_LEVEL_PRICE_TEXT_DECIMALS_OFFSET]!,
          u8[offset + BOOK_LEVEL_SIZE_TEXT_DECIMALS_OFFSET]!,
        );
        const counter = COUNTER_STRIDE * bookIndex;
        counters[counter + COUNTER_LEVEL_UPDATES] = counters[counter + COUNTER_LEVEL_UPDATES]! + 1;
        counters[counter + COUNTER_ABSENT_DELETES] = counters[counter + COUNTER_ABSENT_DELETES]! + absent;
        applied++;
      } else if (applyControl(views, this.books[bookIndex]!, counters, type, offset, nowNs)) {
        applied++;
      }
    }
    return applied;
  }

  state(instrumentId: number): BookState {
    return this.book(instrumentId).state;
  }

  bestPrice(instrumentId: number, side: number): number {
    const book = this.book(instrumentId);
    return (side === BID ? book.bids : book.asks).bestPrice();
  }

  bestSize(instrumentId: number, side: number): number {
    const book = this.book(instrumentId);
    return (side === BID ? book.bids : book.asks).bestSize();
  }

  depth(instrumentId: number, side: number): number {
    const book = this.book(instrumentId);
    return (side === BID ? book.bids : book.asks).count();
  }

  copyTop(instrumentId: number, side: number, n: number, outPrices: Float64Array, outSizes: Float64Array): number {
    const book = this.book(instrumentId);
    const limit = Math.min(n, outPrices.length, outSizes.length);
    if (!(limit > 0)) return 0;
    return (side === BID ? book.bids : book.asks).copyTop(limit, outPrices, outSizes, 0, null, null);
  }

  crossState(instrumentId: number): CrossState {
    const book = this.book(instrumentId);
    if (book.bids.count() === 0 || book.asks.count() === 0) return CrossState.NONE;
    const bid = book.bids.bestPrice();
    const ask = book.asks.bestPrice();
    if (bid > ask) return CrossState.CROSSED;
    return bid === ask ? CrossState.LOCKED : CrossState.NONE;
  }

  lastSequence(instrumentId: number): number {
    return this.book(instrumentId).lastSequence;
  }

  lastChecksum(instrumentId: number): number {
    return this.book(instrumentId).lastChecksum;
  }

  lastUpdateNs(instrumentId: number): number {
    return this.book(instrumentId).lastUpdateNs;
  }

  okxChecksum(instrumentId: number): number {
    const book = this.book(instrumentId);
    const prices = this.checksumPrices;
    const sizes = this.checksumSizes;
    const priceDecimals = this.checksumPriceDecimals;
    const sizeDecimals = this.checksumSizeDecimals;
    const levels = OKX_CHECKSUM_LEVELS;
    const bidCount = book.bids.copyTop(levels, prices, sizes, 0, priceDecimals, sizeDecimals);
    const askCount = book.asks.copyTop(levels, prices, sizes, levels, priceDecimals, sizeDecimals);
    const bytes = this.checksumBytes;
    const scale = book.priceDecimals;
    const sizeScale = book.sizeDecimals;
    const rows = bidCount > askCount ? bidCount : askCount;
    let cursor = 0;
    for (let row = 0; row < rows; row++) {
      for (let at = row; at < 2 * levels; at += levels) {
        if (at < levels ? row >= bidCount : row >= askCount) continue;
        if (cursor > 0) bytes[cursor++] = CHAR_COLON;
        cursor = writeChecksumDecimal(bytes, cursor, prices[at]!, scale, priceDecimals[at]!);
        bytes[cursor++] = CHAR_COLON;
        cursor = writeChecksumDecimal(bytes, cursor, sizes[at]!, sizeScale, sizeDecimals[at]!);
      }
    }
    return crc32(bytes, 0, cursor) | 0;
  }

  copyCounters(instrumentId: number, out: Float64Array): void {
    const counter = COUNTER_STRIDE * this.book(instrumentId).index;
    for (let field = 0; field < COUNTER_FIELDS; field++) out[field] = this.counters[counter + field]!;
  }

  consolidatedBbo(groupId: number, nowNs: number, out: Float64Array): void {
    const group = this.group(groupId);
    const members = group.members;
    const staleAfterNs = group.staleAfterNs;
    let bidPrice = -Infinity;
    let bidSize = 0;
    let bidMembers = 0;
    let askPrice = Infinity;
    let askSize = 0;
    let askMembers = 0;
    for (let member = 0; member < members.length; member++) {
      const book = members[member]!;
      if (book.state !== BookState.SYNCED || nowNs - book.lastUpdateNs > staleAfterNs) continue;
      // NaN (empty side) fails every comparison below.
      const bid = book.bids.readBest();
      if (bid > bidPrice) {
        bidPrice = bid;
        bidSize = book.bids.readBestSize;
        bidMembers = 1 << member;
      } else if (bid === bidPrice) {
        bidSize += book.bids.readBestSize;
        bidMembers |= 1 << member;
      }
      const ask = book.asks.readBest();
      if (ask < askPrice) {
        askPrice = ask;
        askSize = book.asks.readBestSize;
        askMembers = 1 << member;
      } else if (ask === askPrice) {
        askSize += book.asks.readBestSize;
        askMembers |= 1 << member;
      }
    }
    out[BBO_BID_PRICE] = bidMembers === 0 ? NaN : bidPrice;
    out[BBO_BID_SIZE] = bidSize;
    out[BBO_ASK_PRICE] = askMembers === 0 ? NaN : askPrice;
    out[BBO_ASK_SIZE] = askSize;
    out[BBO_BID_MEMBERS] = bidMembers >>> 0;
    out[BBO_ASK_MEMBERS] = askMembers >>> 0;
  }

  excludedMask(groupId: number, nowNs: number): number {
    return this.group(groupId).excludedBits(nowNs) >>> 0;
  }

  copyConsolidatedTop(
    groupId: number,
    side: number,
    n: number,
    nowNs: number,
    outPrices: Float64Array,
    outSizes: Float64Array,
    outMemberSizes: Float64Array,
  ): number {
    const group = this.group(groupId);
    const memberCount = group.members.length;
    // A fractional n counts up, as in every `while (copied < n)` loop of the engine.
    const limit = Math.ceil(Math.min(n, outPrices.length, outSizes.length, Math.floor(outMemberSizes.length / memberCount)));
    if (!(limit > 0)) return 0;
    group.gather(side, limit, nowNs);
    const prices = group.scratchPrices;
    const sizes = group.scratchSizes;
    const counts = group.scratchCounts;
    const cursors = group.cursors;
    const stride = group.scratchStride;
    const direction = side === BID ? -1 : 1;
    let level = 0;
    while (level < limit) {
      // Best oriented price among the members' next levels.
      let best = Infinity;
      for (let member = 0; member < memberCount; member++) {
        const cursor = cursors[member]!;
        if (cursor < counts[member]!) {
          const oriented = direction * prices[member * stride + cursor]!;
          if (oriented < best) best = oriented;
        }
      }
      if (best === Infinity) break;
      const price = direction * best;
      const row = level * memberCount;
      let total = 0;
      for (let member = 0; member < memberCount; member++) {
        const cursor = cursors[member]!;
        let size = 0;
        if (cursor < counts[member]! && prices[member * stride + cursor] === price) {
          size = sizes[member * stride + cursor]!;
          cursors[member] = cursor + 1;
          total += size;
        }
        outMemberSizes[row + member] = size;
      }
      outPrices[level] = price;
      outSizes[level] = total;
      level++;
    }
    return level;
  }

  copyFeeAdjustedTop(
    groupId: number,
    side: number,
    n: number,
    nowNs: number,
    outEffectivePrices: Float64Array,
    outSizes: Float64Array,
    outMembers: Int32Array,
  ): number {
    const group = this.group(groupId);
    const memberCount = group.members.length;
    const limit = Math.ceil(Math.min(n, outEffectivePrices.length, outSizes.length, outMembers.length));
    if (!(limit > 0)) return 0;
    group.gather(side, limit, nowNs);
    const prices = group.scratchPrices;
    const sizes = group.scratchSizes;
    const counts = group.scratchCounts;
    const cursors = group.cursors;
    const stride = group.scratchStride;
    const factors = group.factors;
    const factorBase = side === BID ? 0 : memberCount;
    const direction = side === BID ? -1 : 1;
    let entry = 0;
    while (entry < limit) {
      // Strict comparison keeps the lowest member index on ties.
      let bestMember = -1;
      let bestOriented = Infinity;
      let bestEffective = 0;
      for (let member = 0; member < memberCount; member++) {
        const cursor = cursors[member]!;
        if (cursor < counts[member]!) {
          const effective = prices[member * stride + cursor]! * factors[factorBase + member]!;
          const oriented = direction * effective;
          if (oriented < bestOriented) {
            bestOriented = oriented;
            bestEffective = effective;
            bestMember = member;
          }
        }
      }
      if (bestMember < 0) break;
      const cursor = cursors[bestMember]!;
      outEffectivePrices[entry] = bestEffective;
      outSizes[entry] = sizes[bestMember * stride + cursor]!;
      outMembers[entry] = bestMember;
      cursors[bestMember] = cursor + 1;
      entry++;
    }
    return entry;
  }

  private findBook(instrumentId: number): number {
    const index = this.bookIndexById;
    return Number.isInteger(instrumentId) && instrumentId >= 0 && instrumentId < index.length ? index[instrumentId]! : -1;
  }

  private book(instrumentId: number): Book {
    const index = this.findBook(instrumentId);
    if (index < 0) throwBookUnknown(`No book for instrument ${String(instrumentId)}`, { instrumentId });
    return this.books[index]!;
  }

  private group(groupId: number): Group {
    const index = this.groupIndexById;
    const position = Number.isInteger(groupId) && groupId >= 0 && groupId < index.length ? index[groupId]! : -1;
    if (position < 0) throwBookUnknown(`No consolidated group ${String(groupId)}`, { groupId });
    return this.groups[position]!;
  }
}

/**
 * Applies a BOOK_BATCH_END, SNAPSHOT_BEGIN, SNAPSHOT_END or GAP record to `book`; false for the
 * other types in that code range (TRADE, BBO: the actor's business). Once per venue message.
 */
function applyControl(views: RecordViews, book: Book, counters: Float64Array, type: number, offset: number, nowNs: number): boolean {
  const f64 = views.f64;
  const counter = COUNTER_STRIDE * book.index;
  switch (type) {
    case RecordType.BOOK_BATCH_END:
      counters[counter + COUNTER_TRUNCATED_LEVELS] = counters[counter + COUNTER_TRUNCATED_LEVELS]! + book.endBatch();
      book.lastSequence = f64[(offset + BOOK_BATCH_END_SEQUENCE_OFFSET) >>> 3]!;
      book.lastPreviousSequence = f64[(offset + BOOK_BATCH_END_PREVIOUS_SEQUENCE_OFFSET) >>> 3]!;
      book.lastChecksum = views.i32[(offset + BOOK_BATCH_END_CHECKSUM_OFFSET) >>> 2]!;
      book.lastUpdateNs = nowNs;
      counters[counter + COUNTER_BATCHES] = counters[counter + COUNTER_BATCHES]! + 1;
      return true;
    case RecordType.SNAPSHOT_BEGIN:
      book.bids.clear();
      book.asks.clear();
      book.state = BookState.SNAPSHOTTING;
      return true;
    case RecordType.SNAPSHOT_END:
      counters[counter + COUNTER_TRUNCATED_LEVELS] = counters[counter + COUNTER_TRUNCATED_LEVELS]! + book.endBatch();
      book.lastSequence = f64[(offset + SNAPSHOT_END_SEQUENCE_OFFSET) >>> 3]!;
      book.lastPreviousSequence = SEQUENCE_NONE;
      book.lastChecksum = views.i32[(offset + SNAPSHOT_END_CHECKSUM_OFFSET) >>> 2]!;
      book.lastUpdateNs = nowNs;
      book.state = BookState.SYNCED;
      counters[counter + COUNTER_SNAPSHOTS] = counters[counter + COUNTER_SNAPSHOTS]! + 1;
      return true;
    case RecordType.GAP:
      book.state = BookState.RESYNCING;
      return true;
    default:
      return false;
  }
}

/** A copy of `index` long enough for `id`, new entries −1. Cold path. */
function growIndex(index: Int32Array, id: number): Int32Array {
  if (id < index.length) return index;
  let length = index.length > 0 ? index.length : 16;
  while (length <= id) length *= 2;
  const grown = new Int32Array(length).fill(-1);
  grown.set(index);
  return grown;
}
