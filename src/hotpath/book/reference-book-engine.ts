// ReferenceBookEngine: the deliberately naive BookEngine (Maps and sorting) that the fast ones are tested against.
//
// Not for production: it decodes every record into an object, sorts a side on every query and
// builds the checksum text as a string. Its only job is to be obviously correct, so it follows
// the contract in book-engine.ts sentence by sentence and shares no code with TsBookEngine
// beyond option validation (decoding goes through the checked cold-path decoder of the model).
import { formatDecimalFixed } from '../../model/fixed-point.js';
import { decodeRecord } from '../../model/market-record.js';
import { RecordType, SEQUENCE_NONE } from '../../model/record-types.js';
import type { RecordViews } from '../../model/record-views.js';
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
  COUNTER_LEVEL_UPDATES,
  COUNTER_SNAPSHOTS,
  COUNTER_TRUNCATED_LEVELS,
  CrossState,
  type BookEngine,
  type BookOptions,
  type ConsolidatedOptions,
} from './book-engine.js';
import { throwBookDuplicate, throwBookInvalid, throwBookUnknown } from './book-errors.js';
import { validateBookOptions, validateConsolidatedOptions } from './book-options.js';

interface Level {
  price: number;
  size: number;
  priceTextDecimals: number;
  sizeTextDecimals: number;
}

interface ReferenceBook {
  options: BookOptions;
  sides: [Map<number, Level>, Map<number, Level>];
  /** Sorted copies of the sides, dropped on every change (so tests stay fast enough). */
  sortedCache: [Level[] | null, Level[] | null];
  state: BookState;
  lastSequence: number;
  lastChecksum: number;
  lastUpdateNs: number;
  counters: number[];
}

interface ReferenceGroup {
  options: ConsolidatedOptions;
}

const BID = 0;

/** How many entries a copy* call copies: n bounded by the room, a fraction counting up, NaN and n <= 0 none. */
function roomFor(n: number, ...room: number[]): number {
  const limit = Math.ceil(Math.min(n, ...room));
  return limit > 0 ? limit : 0;
}

/** Levels of a side, best first: bids by descending, asks by ascending price. Read-only result. */
function sorted(book: ReferenceBook, side: number): readonly Level[] {
  const index = side === BID ? 0 : 1;
  const cached = book.sortedCache[index];
  if (cached !== null) return cached;
  const levels = [...book.sides[index].values()].sort((a, b) => (side === BID ? b.price - a.price : a.price - b.price));
  book.sortedCache[index] = levels;
  return levels;
}

/** Bit-by-bit CRC-32 (IEEE, reflected 0xEDB88320), deliberately not the table-driven one. */
function crc32OfText(text: string): number {
  let crc = 0xffffffff;
  for (let index = 0; index < text.length; index++) {
    crc ^= text.charCodeAt(index);
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) | 0;
}

export class ReferenceBookEngine implements BookEngine {
  readonly kind = 'ts' as const;

  private readonly books = new Map<number, ReferenceBook>();
  private readonly groups = new Map<number, ReferenceGroup>();

  addBook(options: BookOptions): void {
    validateBookOptions(options);
    if (this.books.has(options.instrumentId)) {
      throwBookDuplicate(`Book for instrument ${options.instrumentId} is already added`, { instrumentId: options.instrumentId });
    }
    this.books.set(options.instrumentId, {
      options: { ...options },
      sides: [new Map<number, Level>(), new Map<number, Level>()],
      sortedCache: [null, null],
      state: BookState.EMPTY,
      lastSequence: SEQUENCE_NONE,
      lastChecksum: 0,
      lastUpdateNs: 0,
      counters: [0, 0, 0, 0, 0],
    });
  }

  addConsolidated(options: ConsolidatedOptions): void {
    validateConsolidatedOptions(options);
    if (this.groups.has(options.groupId)) throwBookDuplicate(`Consolidated group ${options.groupId} is already added`, { groupId: options.groupId });
    const books = options.members.map((member) => {
      const book = this.books.get(member.instrumentId);
      if (book === undefined) throwBookUnknown(`Consolidated member ${member.instrumentId} has no book`, { instrumentId: member.instrumentId });
      return book;
    });
    if (books.some((book) => book.options.priceDecimals !== books[0]!.options.priceDecimals || book.options.sizeDecimals !== books[0]!.options.sizeDecimals)) {
      throwBookInvalid(`Consolidated group ${options.groupId} members must share one price and size scale`, { groupId: options.groupId });
    }
    this.groups.set(options.groupId, { options: { ...options, members: options.members.map((member) => ({ ...member })) } });
  }

  applyBatch(views: RecordViews, types: Int32Array, offsets: Int32Array, count: number, nowNs: number): number {
    let applied = 0;
    for (let index = 0; index < count; index++) {
      const type = types[index]!;
      if (
        type !== RecordType.BOOK_LEVEL &&
        type !== RecordType.BOOK_BATCH_END &&
        type !== RecordType.SNAPSHOT_BEGIN &&
        type !== RecordType.SNAPSHOT_END &&
        type !== RecordType.GAP
      ) {
        continue;
      }
      const record = decodeRecord(views, offsets[index]!, type);
      const book = this.books.get(record.instrumentId);
      if (book === undefined) continue;
      applied++;
      switch (record.type) {
        case RecordType.BOOK_LEVEL: {
          const side = book.sides[record.side];
          book.sortedCache[record.side] = null;
          book.counters[COUNTER_LEVEL_UPDATES]!++;
          if (record.size === 0) {
            if (side.has(record.price)) side.delete(record.price);
            else book.counters[COUNTER_ABSENT_DELETES]!++;
          } else {
            side.set(record.price, {
              price: record.price,
              size: record.size,
              priceTextDecimals: record.priceTextDecimals,
              sizeTextDecimals: record.sizeTextDecimals,
            });
          }
          break;
        }
        case RecordType.BOOK_BATCH_END:
          this.truncate(book);
          book.lastSequence = record.sequence;
          book.lastChecksum = record.checksum;
          book.lastUpdateNs = nowNs;
          book.counters[COUNTER_BATCHES]!++;
          break;
        case RecordType.SNAPSHOT_BEGIN:
          book.sides[0].clear();
          book.sides[1].clear();
          book.sortedCache = [null, null];
          book.state = BookState.SNAPSHOTTING;
          break;
        case RecordType.SNAPSHOT_END:
          this.truncate(book);
          book.lastSequence = record.sequence;
          book.lastChecksum = record.checksum;
          book.lastUpdateNs = nowNs;
          book.state = BookState.SYNCED;
          book.counters[COUNTER_SNAPSHOTS]!++;
          break;
        case RecordType.GAP:
          book.state = BookState.RESYNCING;
          break;
        default:
          break;
      }
    }
    return applied;
  }

  private truncate(book: ReferenceBook): void {
    for (const side of [0, 1]) {
      const levels = sorted(book, side);
      for (const level of levels.slice(book.options.maxDepth)) {
        book.sides[side === 0 ? 0 : 1].delete(level.price);
        book.sortedCache[side === 0 ? 0 : 1] = null;
        book.counters[COUNTER_TRUNCATED_LEVELS]!++;
      }
    }
  }

  private book(instrumentId: number): ReferenceBook {
    const book = this.books.get(instrumentId);
    if (book === undefined) throwBookUnknown(`No book for instrument ${String(instrumentId)}`, { instrumentId });
    return book;
  }

  private group(groupId: number): ReferenceGroup {
    const group = this.groups.get(groupId);
    if (group === undefined) throwBookUnknown(`No consolidated group ${String(groupId)}`, { groupId });
    return group;
  }

  state(instrumentId: number): BookState {
    return this.book(instrumentId).state;
  }

  bestPrice(instrumentId: number, side: number): number {
    return sorted(this.book(instrumentId), side)[0]?.price ?? NaN;
  }

  bestSize(instrumentId: number, side: number): number {
    return sorted(this.book(instrumentId), side)[0]?.size ?? 0;
  }

  depth(instrumentId: number, side: number): number {
    return this.book(instrumentId).sides[side === BID ? 0 : 1].size;
  }

  copyTop(instrumentId: number, side: number, n: number, outPrices: Float64Array, outSizes: Float64Array): number {
    const levels = sorted(this.book(instrumentId), side).slice(0, roomFor(n, outPrices.length, outSizes.length));
    levels.forEach((level, index) => {
      outPrices[index] = level.price;
      outSizes[index] = level.size;
    });
    return levels.length;
  }

  crossState(instrumentId: number): CrossState {
    const book = this.book(instrumentId);
    const bid = sorted(book, 0)[0];
    const ask = sorted(book, 1)[0];
    if (bid === undefined || ask === undefined) return CrossState.NONE;
    if (bid.price > ask.price) return CrossState.CROSSED;
    if (bid.price === ask.price) return CrossState.LOCKED;
    return CrossState.NONE;
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

  /** The text OKX checksums, e.g. "3366.1:7:3366.8:9:3366:6:3368:8". */
  okxChecksumText(instrumentId: number): string {
    const book = this.book(instrumentId);
    const { priceDecimals, sizeDecimals } = book.options;
    const bids = sorted(book, 0).slice(0, 25);
    const asks = sorted(book, 1).slice(0, 25);
    const parts: string[] = [];
    const text = (level: Level): string =>
      `${formatDecimalFixed(level.price, priceDecimals, level.priceTextDecimals)}:${formatDecimalFixed(level.size, sizeDecimals, level.sizeTextDecimals)}`;
    for (let index = 0; index < Math.max(bids.length, asks.length); index++) {
      if (index < bids.length) parts.push(text(bids[index]!));
      if (index < asks.length) parts.push(text(asks[index]!));
    }
    return parts.join(':');
  }

  okxChecksum(instrumentId: number): number {
    return crc32OfText(this.okxChecksumText(instrumentId));
  }

  copyCounters(instrumentId: number, out: Float64Array): void {
    this.book(instrumentId).counters.forEach((value, index) => {
      out[index] = value;
    });
  }

  /** Members (in member order) with whether each is eligible at `nowNs`. */
  private members(groupId: number, nowNs: number): { index: number; book: ReferenceBook; eligible: boolean; takerFeeBps: number }[] {
    const group = this.group(groupId);
    return group.options.members.map((member, index) => {
      const book = this.book(member.instrumentId);
      const eligible = book.state === BookState.SYNCED && !(nowNs - book.lastUpdateNs > group.options.staleAfterNs);
      return { index, book, eligible, takerFeeBps: member.takerFeeBps };
    });
  }

  excludedMask(groupId: number, nowNs: number): number {
    let mask = 0;
    for (const member of this.members(groupId, nowNs)) if (!member.eligible) mask += 2 ** member.index;
    return mask;
  }

  consolidatedBbo(groupId: number, nowNs: number, out: Float64Array): void {
    const eligible = this.members(groupId, nowNs).filter((member) => member.eligible);
    for (const side of [0, 1]) {
      const bests = eligible
        .map((member) => ({ member, level: sorted(member.book, side)[0] }))
        .filter((entry): entry is { member: (typeof eligible)[number]; level: Level } => entry.level !== undefined);
      let price = NaN;
      let size = 0;
      let mask = 0;
      if (bests.length > 0) {
        const prices = bests.map((entry) => entry.level.price);
        price = side === BID ? Math.max(...prices) : Math.min(...prices);
        for (const entry of bests) {
          if (entry.level.price === price) {
            size += entry.level.size;
            mask += 2 ** entry.member.index;
          }
        }
      }
      out[side === BID ? BBO_BID_PRICE : BBO_ASK_PRICE] = price;
      out[side === BID ? BBO_BID_SIZE : BBO_ASK_SIZE] = size;
      out[side === BID ? BBO_BID_MEMBERS : BBO_ASK_MEMBERS] = mask;
    }
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
    const members = this.members(groupId, nowNs);
    const perPrice = new Map<number, number[]>();
    for (const member of members) {
      if (!member.eligible) continue;
      for (const level of member.book.sides[side === BID ? 0 : 1].values()) {
        const row = perPrice.get(level.price) ?? members.map(() => 0);
        row[member.index] = level.size;
        perPrice.set(level.price, row);
      }
    }
    const prices = [...perPrice.keys()].sort((a, b) => (side === BID ? b - a : a - b));
    const chosen = prices.slice(0, roomFor(n, outPrices.length, outSizes.length, Math.floor(outMemberSizes.length / members.length)));
    chosen.forEach((price, level) => {
      const row = perPrice.get(price)!;
      outPrices[level] = price;
      outSizes[level] = row.reduce((sum, size) => sum + size, 0);
      row.forEach((size, member) => {
        outMemberSizes[level * members.length + member] = size;
      });
    });
    return chosen.length;
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
    const entries: { effective: number; size: number; member: number; rank: number }[] = [];
    for (const member of this.members(groupId, nowNs)) {
      if (!member.eligible) continue;
      sorted(member.book, side).forEach((level, rank) => {
        const effective = side === BID ? level.price * (1 - member.takerFeeBps / 10000) : level.price * (1 + member.takerFeeBps / 10000);
        entries.push({ effective, size: level.size, member: member.index, rank });
      });
    }
    entries.sort((a, b) => {
      if (a.effective !== b.effective) return side === BID ? b.effective - a.effective : a.effective - b.effective;
      if (a.member !== b.member) return a.member - b.member;
      return a.rank - b.rank;
    });
    const chosen = entries.slice(0, roomFor(n, outEffectivePrices.length, outSizes.length, outMembers.length));
    chosen.forEach((entry, index) => {
      outEffectivePrices[index] = entry.effective;
      outSizes[index] = entry.size;
      outMembers[index] = entry.member;
    });
    return chosen.length;
  }
}
