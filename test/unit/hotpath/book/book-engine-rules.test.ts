// One test per rule of the BookEngine contract (src/hotpath/book/book-engine.ts), on every engine.
import { describe, expect, it } from 'vitest';
import {
  BBO_ASK_MEMBERS,
  BBO_ASK_PRICE,
  BBO_ASK_SIZE,
  BBO_BID_MEMBERS,
  BBO_BID_PRICE,
  BBO_BID_SIZE,
  BBO_FIELDS,
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
} from '../../../../src/hotpath/book/book-engine.js';
import { ZVT_ERR_BOOK_DUPLICATE, ZVT_ERR_BOOK_INVALID, ZVT_ERR_BOOK_UNKNOWN } from '../../../../src/hotpath/book/book-errors.js';
import { ReferenceBookEngine } from '../../../../src/hotpath/book/reference-book-engine.js';
import { TsBookEngine } from '../../../../src/hotpath/book/ts-book-engine.js';
import { isZvtError } from '../../../../src/model/errors.js';
import { BookSide, SEQUENCE_NONE } from '../../../../src/model/record-types.js';
import { loadNativeFactory } from '../../../helpers/book-engines.js';
import { BookFixture } from '../../../helpers/book-fixture.js';

const { BID, ASK } = BookSide;
const native = (await loadNativeFactory()).factory;

const BOOK: BookOptions = { instrumentId: 5, maxDepth: 3, tickSize: 1, priceDecimals: 0, sizeDecimals: 0 };

function fixture(options: Partial<BookOptions> = {}, groups: ConsolidatedOptions[] = [], more: BookOptions[] = []): BookFixture {
  return new BookFixture([{ ...BOOK, ...options }, ...more], groups, native);
}

function counters(engine: BookEngine, instrumentId = BOOK.instrumentId): number[] {
  const out = new Float64Array(COUNTER_FIELDS);
  engine.copyCounters(instrumentId, out);
  return [...out];
}

function bbo(engine: BookEngine, groupId: number, nowNs: number): number[] {
  const out = new Float64Array(BBO_FIELDS);
  engine.consolidatedBbo(groupId, nowNs, out);
  return [...out];
}

describe('BookEngine rules (reference, ts, ts with a 4-slot window, native when built)', () => {
  it('SNAPSHOT_BEGIN clears both sides and sets state SNAPSHOTTING', () => {
    const book = fixture({ maxDepth: 10 });
    book.snapshot(5, { bids: [[100, 1], [99, 1]], asks: [[101, 1]] }, 10).apply(1_000);
    book.snapshotBegin(5, { bids: [[90, 2]] }, 20).apply(2_000);
    book.forEach((engine) => {
      expect(engine.state(5)).toBe(BookState.SNAPSHOTTING);
      expect(engine.depth(5, ASK)).toBe(0);
      // SNAPSHOT_BEGIN changes nothing but the levels and the state.
      expect(engine.lastSequence(5)).toBe(10);
      expect(engine.lastUpdateNs(5)).toBe(1_000);
    });
    expect(book.top(5, BID)).toEqual([[90, 2]]);
  });

  it('SNAPSHOT_END truncates to maxDepth, records sequence and checksum, sets lastUpdateNs and SYNCED', () => {
    const book = fixture();
    book.snapshot(5, { bids: [[100, 1], [99, 2], [98, 3], [97, 4], [96, 5]], asks: [[101, 1], [102, 2]] }, 777, -12345);
    book.apply(5_000);
    book.forEach((engine) => {
      expect(engine.state(5)).toBe(BookState.SYNCED);
      expect(engine.depth(5, BID)).toBe(3);
      expect(engine.depth(5, ASK)).toBe(2);
      expect(engine.lastSequence(5)).toBe(777);
      expect(engine.lastChecksum(5)).toBe(-12345);
      expect(engine.lastUpdateNs(5)).toBe(5_000);
      expect(counters(engine)[COUNTER_TRUNCATED_LEVELS]).toBe(2);
      expect(counters(engine)[COUNTER_SNAPSHOTS]).toBe(1);
    });
    expect(book.top(5, BID)).toEqual([[100, 1], [99, 2], [98, 3]]);
  });

  it('before any SNAPSHOT_END or BOOK_BATCH_END the book is EMPTY with lastSequence SEQUENCE_NONE, checksum 0, lastUpdateNs 0', () => {
    const book = fixture();
    book.noise(5, 'trade').apply();
    book.forEach((engine) => {
      expect(engine.state(5)).toBe(BookState.EMPTY);
      expect(engine.lastSequence(5)).toBe(SEQUENCE_NONE);
      expect(engine.lastChecksum(5)).toBe(0);
      expect(engine.lastUpdateNs(5)).toBe(0);
      expect(engine.bestPrice(5, BID)).toBeNaN();
      expect(engine.bestSize(5, ASK)).toBe(0);
      expect(counters(engine)).toEqual([0, 0, 0, 0, 0]);
    });
  });

  it('BOOK_LEVEL applies in every state, even before the first snapshot', () => {
    const book = fixture();
    book.update(5, { bids: [[100, 4]] }).apply();
    book.forEach((engine) => {
      expect(engine.state(5)).toBe(BookState.EMPTY);
      expect(engine.bestPrice(5, BID)).toBe(100);
    });
  });

  it('BOOK_LEVEL sets (side, price) to size and size 0 deletes the level', () => {
    const book = fixture({ maxDepth: 10 });
    book.snapshot(5, { bids: [[100, 1], [99, 1]], asks: [[101, 1]] }).apply();
    book.update(5, { bids: [[100, 7], [99, 0]], asks: [[103, 2]] }).apply();
    expect(book.top(5, BID)).toEqual([[100, 7]]);
    expect(book.top(5, ASK)).toEqual([[101, 1], [103, 2]]);
  });

  it('deleting an absent level is a no-op, counted in ABSENT_DELETES', () => {
    const book = fixture({ maxDepth: 10 });
    book.snapshot(5, { bids: [[100, 1]], asks: [[101, 1]] }).apply();
    book.update(5, { bids: [[42, 0]], asks: [[101, 0], [101, 0]] }).apply();
    book.forEach((engine) => {
      expect(counters(engine)[COUNTER_ABSENT_DELETES]).toBe(2);
      expect(counters(engine)[COUNTER_LEVEL_UPDATES]).toBe(2 + 3);
      expect(engine.depth(5, BID)).toBe(1);
      expect(engine.depth(5, ASK)).toBe(0);
    });
  });

  it('truncation happens at batch end only: a new level beyond maxDepth inserted before a better one is deleted survives', () => {
    const book = fixture({ maxDepth: 3 });
    book.snapshot(5, { bids: [[100, 1], [99, 1], [98, 1]] }).apply();
    // The venue inserts the new 4th level first, then deletes a better one, in one message.
    book.ordered(5, [[BID, 97, 5], [BID, 99, 0]]).apply();
    expect(book.top(5, BID)).toEqual([[100, 1], [98, 1], [97, 5]]);
    book.forEach((engine) => expect(counters(engine)[COUNTER_TRUNCATED_LEVELS]).toBe(0));
  });

  it('between a batch’s levels and its batch end the book may hold more than maxDepth levels', () => {
    const book = fixture({ maxDepth: 2 });
    book.snapshot(5, { asks: [[101, 1], [102, 1]] }).apply();
    book.levelsOnly(5, { asks: [[103, 1], [104, 1]] }).apply();
    book.forEach((engine) => expect(engine.depth(5, ASK)).toBe(4));
    book.update(5, {}).apply();
    book.forEach((engine) => expect(engine.depth(5, ASK)).toBe(2));
  });

  it('a level truncated at batch end is not resurrected when the book shrinks', () => {
    const book = fixture({ maxDepth: 2 });
    book.snapshot(5, { asks: [[101, 1], [102, 2], [103, 3], [104, 4]] }).apply();
    expect(book.top(5, ASK)).toEqual([[101, 1], [102, 2]]);
    book.update(5, { asks: [[101, 0]] }).apply();
    // 103 was truncated: the book now has one level until the venue resends it.
    expect(book.top(5, ASK)).toEqual([[102, 2]]);
    book.update(5, { asks: [[103, 9]] }).apply();
    expect(book.top(5, ASK)).toEqual([[102, 2], [103, 9]]);
  });

  it('truncation removes nothing and counts nothing while depth <= maxDepth', () => {
    const book = fixture({ maxDepth: 3 });
    book.snapshot(5, { bids: [[100, 1], [99, 1], [98, 1]] }).apply();
    book.update(5, { bids: [[100, 2]] }).apply();
    book.forEach((engine) => expect(counters(engine)[COUNTER_TRUNCATED_LEVELS]).toBe(0));
  });

  it('BOOK_BATCH_END stores sequence and checksum, sets lastUpdateNs to applyBatch nowNs and keeps the state', () => {
    const book = fixture();
    book.update(5, { bids: [[100, 1]] }, 55, 0x7fffffff).apply(123_456);
    book.forEach((engine) => {
      expect(engine.lastSequence(5)).toBe(55);
      expect(engine.lastChecksum(5)).toBe(0x7fffffff);
      expect(engine.lastUpdateNs(5)).toBe(123_456);
      expect(engine.state(5)).toBe(BookState.EMPTY);
      expect(counters(engine)[COUNTER_BATCHES]).toBe(1);
    });
  });

  it('GAP sets RESYNCING and keeps the levels; only SNAPSHOT_END makes the book SYNCED again', () => {
    const book = fixture();
    book.snapshot(5, { bids: [[100, 1]], asks: [[101, 1]] }, 10).apply();
    book.gap(5).update(5, { bids: [[99, 1]] }, 11).apply();
    book.forEach((engine) => {
      expect(engine.state(5)).toBe(BookState.RESYNCING);
      expect(engine.depth(5, BID)).toBe(2);
      expect(engine.lastSequence(5)).toBe(11);
    });
    book.snapshot(5, { bids: [[98, 1]] }, 20).apply();
    book.forEach((engine) => expect(engine.state(5)).toBe(BookState.SYNCED));
  });

  it('crossed (bid > ask) and locked (bid == ask) books are reported, not repaired; NONE while a side is empty', () => {
    const book = fixture({ maxDepth: 10 });
    book.update(5, { bids: [[100, 1]] }).apply();
    book.forEach((engine) => expect(engine.crossState(5)).toBe(CrossState.NONE));
    book.update(5, { asks: [[100, 2]] }).apply();
    book.forEach((engine) => expect(engine.crossState(5)).toBe(CrossState.LOCKED));
    book.update(5, { asks: [[99, 3]] }).apply();
    book.forEach((engine) => {
      expect(engine.crossState(5)).toBe(CrossState.CROSSED);
      expect(engine.depth(5, ASK)).toBe(2);
      expect(engine.bestPrice(5, ASK)).toBe(99);
    });
    book.update(5, { asks: [[99, 0], [100, 0], [105, 1]] }).apply();
    book.forEach((engine) => expect(engine.crossState(5)).toBe(CrossState.NONE));
  });

  it('records of instruments without a book and non-book record types are skipped and not counted', () => {
    const book = fixture();
    book.update(77, { bids: [[1, 1]] }).gap(77).noise(5, 'trade').noise(5, 'bbo').noise(5, 'status').update(5, { bids: [[100, 1]] });
    expect(book.apply()).toBe(2);
    book.forEach((engine) => expect(counters(engine)[COUNTER_LEVEL_UPDATES]).toBe(1));
  });

  it('counters only grow: a snapshot does not reset them', () => {
    const book = fixture({ maxDepth: 1 });
    book.update(5, { bids: [[100, 1], [99, 1], [98, 0]] }).apply();
    book.snapshot(5, { bids: [[97, 1]] }).apply();
    book.forEach((engine) => {
      const [levels, absent, truncated, batches, snapshots] = counters(engine);
      expect({ levels, absent, truncated, batches, snapshots }).toEqual({ levels: 4, absent: 1, truncated: 1, batches: 1, snapshots: 1 });
    });
    expect([COUNTER_LEVEL_UPDATES, COUNTER_ABSENT_DELETES, COUNTER_TRUNCATED_LEVELS, COUNTER_BATCHES, COUNTER_SNAPSHOTS]).toEqual([0, 1, 2, 3, 4]);
  });

  it('prices off the tick grid are held, ordered and deleted like any other', () => {
    const book = fixture({ tickSize: 10, maxDepth: 4 });
    book.snapshot(5, { bids: [[1000, 1], [995, 2], [990, 3]], asks: [[1003, 1], [1010, 2]] }).apply();
    expect(book.top(5, BID)).toEqual([[1000, 1], [995, 2], [990, 3]]);
    book.update(5, { bids: [[1001, 4], [995, 0]], asks: [[1007, 5]] }).apply();
    expect(book.top(5, BID)).toEqual([[1001, 4], [1000, 1], [990, 3]]);
    expect(book.top(5, ASK)).toEqual([[1003, 1], [1007, 5], [1010, 2]]);
  });

  it('a price move far beyond the window keeps every level in order (re-anchoring)', () => {
    const book = fixture({ maxDepth: 50 });
    book.snapshot(5, { bids: [[1_000_000, 1], [999_999, 2]], asks: [[1_000_001, 1], [1_000_200, 2]] }).apply();
    book.update(5, { bids: [[10_000_000, 3], [10, 4]], asks: [[10_000_001, 5], [20, 6]] }).apply();
    expect(book.top(5, BID)).toEqual([[10_000_000, 3], [1_000_000, 1], [999_999, 2], [10, 4]]);
    expect(book.top(5, ASK)).toEqual([[20, 6], [1_000_001, 1], [1_000_200, 2], [10_000_001, 5]]);
    book.update(5, { bids: [[10_000_000, 0]], asks: [[20, 0]] }).apply();
    book.forEach((engine) => {
      expect(engine.bestPrice(5, BID)).toBe(1_000_000);
      expect(engine.bestPrice(5, ASK)).toBe(1_000_001);
    });
  });

  it('prices whose tick index does not fit 32 bits are indexed exactly', () => {
    const book = fixture({ maxDepth: 5 });
    const high = 2 ** 52 + 8;
    book.snapshot(5, { bids: [[high, 1], [high - 1, 2], [high - 3, 3]], asks: [[high + 2, 1]] }).apply();
    book.update(5, { bids: [[high - 1, 0]] }).apply();
    expect(book.top(5, BID)).toEqual([[high, 1], [high - 3, 3]]);
  });

  it('copyTop copies min(n, depth, room in the out arrays) levels, best first; n <= 0 copies nothing', () => {
    const book = fixture({ maxDepth: 10 });
    book.snapshot(5, { asks: [[103, 3], [101, 1], [102, 2]] }).apply();
    book.forEach((engine) => {
      const prices = new Float64Array(2);
      const sizes = new Float64Array(5);
      expect(engine.copyTop(5, ASK, 10, prices, sizes)).toBe(2);
      expect([...prices]).toEqual([101, 102]);
      expect(engine.copyTop(5, ASK, 0, prices, sizes)).toBe(0);
      expect(engine.copyTop(5, ASK, -3, prices, sizes)).toBe(0);
      expect(engine.copyTop(5, BID, 10, prices, sizes)).toBe(0);
    });
  });

  it('unknown ids and bad options throw stable error codes', () => {
    for (const engine of [new TsBookEngine(), new ReferenceBookEngine()]) {
      engine.addBook(BOOK);
      const code = (action: () => unknown): string | undefined => {
        try {
          action();
        } catch (error) {
          return isZvtError(error) ? error.code : 'not a ZvtError';
        }
        return undefined;
      };
      expect(code(() => engine.state(6))).toBe(ZVT_ERR_BOOK_UNKNOWN);
      expect(code(() => engine.excludedMask(1, 0))).toBe(ZVT_ERR_BOOK_UNKNOWN);
      expect(code(() => engine.addBook(BOOK))).toBe(ZVT_ERR_BOOK_DUPLICATE);
      expect(code(() => engine.addBook({ ...BOOK, instrumentId: 9, maxDepth: 0 }))).toBe(ZVT_ERR_BOOK_INVALID);
      expect(code(() => engine.addBook({ ...BOOK, instrumentId: 9, maxDepth: 10_001 }))).toBe(ZVT_ERR_BOOK_INVALID);
      expect(code(() => engine.addBook({ ...BOOK, instrumentId: 9, tickSize: 0.5 }))).toBe(ZVT_ERR_BOOK_INVALID);
      expect(code(() => engine.addBook({ ...BOOK, instrumentId: -1 }))).toBe(ZVT_ERR_BOOK_INVALID);
      expect(code(() => engine.addConsolidated({ groupId: 1, members: [{ instrumentId: 6, takerFeeBps: 0 }], staleAfterNs: 1 }))).toBe(ZVT_ERR_BOOK_UNKNOWN);
      expect(code(() => engine.addConsolidated({ groupId: 1, members: [], staleAfterNs: 1 }))).toBe(ZVT_ERR_BOOK_INVALID);
      expect(code(() => engine.addConsolidated({ groupId: 1, members: [{ instrumentId: 5, takerFeeBps: 10_000 }], staleAfterNs: 1 }))).toBe(ZVT_ERR_BOOK_INVALID);
      engine.addBook({ ...BOOK, instrumentId: 8, priceDecimals: 2 });
      expect(code(() => engine.addConsolidated({ groupId: 1, members: [{ instrumentId: 5, takerFeeBps: 0 }, { instrumentId: 8, takerFeeBps: 0 }], staleAfterNs: 1 }))).toBe(
        ZVT_ERR_BOOK_INVALID,
      );
      engine.addConsolidated({ groupId: 1, members: [{ instrumentId: 5, takerFeeBps: 0 }], staleAfterNs: 1 });
      expect(code(() => engine.addConsolidated({ groupId: 1, members: [{ instrumentId: 5, takerFeeBps: 0 }], staleAfterNs: 1 }))).toBe(ZVT_ERR_BOOK_DUPLICATE);
    }
  });
});

const A: BookOptions = { instrumentId: 1, maxDepth: 10, tickSize: 1, priceDecimals: 2, sizeDecimals: 0 };
const B: BookOptions = { ...A, instrumentId: 2 };
const C: BookOptions = { ...A, instrumentId: 3, tickSize: 5 };
const GROUP: ConsolidatedOptions = {
  groupId: 4,
  members: [
    { instrumentId: 1, takerFeeBps: 10 },
    { instrumentId: 2, takerFeeBps: 0 },
    { instrumentId: 3, takerFeeBps: -2 },
  ],
  staleAfterNs: 1_000,
};

function groupFixture(): BookFixture {
  return new BookFixture([A, B, C], [GROUP], native);
}

describe('consolidated book rules', () => {
  it('a member that is not SYNCED is excluded and flagged in excludedMask', () => {
    const book = groupFixture();
    book.snapshot(1, { bids: [[100, 1]] }).snapshot(2, { bids: [[101, 1]] }).apply(0);
    book.forEach((engine) => {
      expect(engine.excludedMask(4, 0)).toBe(0b100);
      expect(bbo(engine, 4, 0)[BBO_BID_PRICE]).toBe(101);
    });
    book.gap(2).apply(10);
    book.forEach((engine) => {
      expect(engine.excludedMask(4, 10)).toBe(0b110);
      expect(bbo(engine, 4, 10).slice(0, 2)).toEqual([100, 1]);
    });
  });

  it('a member with no batch for longer than staleAfterNs is excluded; exactly staleAfterNs is not stale', () => {
    const book = groupFixture();
    book.snapshot(1, { asks: [[100, 1]] }).snapshot(2, { asks: [[100, 2]] }).snapshot(3, { asks: [[100, 4]] }).apply(0);
    book.update(2, { asks: [[100, 3]] }).apply(500);
    book.forEach((engine) => {
      expect(engine.excludedMask(4, 1_000)).toBe(0);
      expect(engine.excludedMask(4, 1_001)).toBe(0b101);
      expect(bbo(engine, 4, 1_001).slice(BBO_ASK_PRICE, BBO_ASK_SIZE + 1)).toEqual([100, 3]);
      expect(engine.excludedMask(4, 1_501)).toBe(0b111);
      const none = bbo(engine, 4, 1_501);
      expect(none[BBO_ASK_PRICE]).toBeNaN();
      expect(none[BBO_ASK_SIZE]).toBe(0);
      expect(none[BBO_ASK_MEMBERS]).toBe(0);
    });
  });

  it('consolidatedBbo sums the sizes of all eligible members at the best price and sets their bits', () => {
    const book = groupFixture();
    book.snapshot(1, { bids: [[100, 1]], asks: [[105, 1]] }).snapshot(2, { bids: [[100, 2]], asks: [[104, 2]] }).snapshot(3, { bids: [[95, 4]], asks: [[104, 4]] }).apply(0);
    book.forEach((engine) => {
      const out = bbo(engine, 4, 0);
      expect([out[BBO_BID_PRICE], out[BBO_BID_SIZE], out[BBO_BID_MEMBERS]]).toEqual([100, 3, 0b011]);
      expect([out[BBO_ASK_PRICE], out[BBO_ASK_SIZE], out[BBO_ASK_MEMBERS]]).toEqual([104, 6, 0b110]);
    });
  });

  it('copyConsolidatedTop merges the members’ levels, best first, with the total and each member’s size (0 where absent)', () => {
    const book = groupFixture();
    book.snapshot(1, { asks: [[101, 1], [103, 1]] }).snapshot(2, { asks: [[101, 2], [102, 2]] }).snapshot(3, { asks: [[105, 4]] }).apply(0);
    book.gap(3).apply(0);
    book.forEach((engine) => {
      const prices = new Float64Array(10);
      const sizes = new Float64Array(10);
      const members = new Float64Array(30).fill(-1);
      expect(engine.copyConsolidatedTop(4, ASK, 10, 0, prices, sizes, members)).toBe(3);
      expect([...prices.subarray(0, 3)]).toEqual([101, 102, 103]);
      expect([...sizes.subarray(0, 3)]).toEqual([3, 2, 1]);
      expect([...members.subarray(0, 9)]).toEqual([1, 2, 0, 0, 2, 0, 1, 0, 0]);
      // Room for only two rows of member sizes bounds the copy.
      expect(engine.copyConsolidatedTop(4, ASK, 10, 0, prices, sizes, members.subarray(0, 7))).toBe(2);
    });
  });

  it('copyFeeAdjustedTop ranks asks by price × (1 + fee) and bids by price × (1 − fee), one entry per member level, ties by member', () => {
    const book = groupFixture();
    book
      .snapshot(1, { bids: [[10_000, 1]], asks: [[10_000, 1], [10_010, 1]] })
      .snapshot(2, { bids: [[10_000, 2]], asks: [[10_010, 2]] })
      .snapshot(3, { bids: [[9_990, 4]], asks: [[10_010, 4]] })
      .apply(0);
    book.forEach((engine) => {
      const effective = new Float64Array(10);
      const sizes = new Float64Array(10);
      const members = new Int32Array(10);
      const asks = engine.copyFeeAdjustedTop(4, ASK, 10, 0, effective, sizes, members);
      expect(asks).toBe(4);
      expect([...members.subarray(0, 4)]).toEqual([2, 0, 1, 0]);
      expect([...effective.subarray(0, 4)]).toEqual([10_010 * (1 + -2 / 10000), 10_000 * (1 + 10 / 10000), 10_010 * (1 + 0 / 10000), 10_010 * (1 + 10 / 10000)]);
      expect([...sizes.subarray(0, 4)]).toEqual([4, 1, 2, 1]);
      const bids = engine.copyFeeAdjustedTop(4, BID, 2, 0, effective, sizes, members);
      expect(bids).toBe(2);
      // A rebate (negative fee) lifts what a bid taker receives: 9990 × 1.0002 beats 10000 × 0.999.
      expect([...members.subarray(0, 2)]).toEqual([1, 2]);
      expect([...effective.subarray(0, 2)]).toEqual([10_000, 9_990 * (1 - -2 / 10000)]);
    });
  });

  it('fee-adjusted ties keep the lower member index first', () => {
    const book = new BookFixture([A, B], [{ groupId: 9, members: [{ instrumentId: 2, takerFeeBps: 5 }, { instrumentId: 1, takerFeeBps: 5 }], staleAfterNs: 10 }], native);
    book.snapshot(1, { asks: [[200, 1]] }).snapshot(2, { asks: [[200, 2]] }).apply(0);
    book.forEach((engine) => {
      const members = new Int32Array(2);
      engine.copyFeeAdjustedTop(9, ASK, 2, 0, new Float64Array(2), new Float64Array(2), members);
      expect([...members]).toEqual([0, 1]);
    });
  });

  it('masks are unsigned 32-bit: member 31 reads as 2^31', () => {
    const books: BookOptions[] = Array.from({ length: 32 }, (_, index) => ({ ...A, instrumentId: 100 + index }));
    const group: ConsolidatedOptions = { groupId: 0, members: books.map((book) => ({ instrumentId: book.instrumentId, takerFeeBps: 0 })), staleAfterNs: 100 };
    const book = new BookFixture(books, [group], native);
    for (const member of books) book.snapshot(member.instrumentId, { bids: [[member.instrumentId === 131 ? 500 : 400, 1]] });
    book.apply(0);
    book.gap(130).apply(0);
    book.forEach((engine) => {
      expect(engine.excludedMask(0, 0)).toBe(2 ** 30);
      expect(bbo(engine, 0, 0)[BBO_BID_MEMBERS]).toBe(2 ** 31);
      expect(engine.excludedMask(0, 1_000)).toBe(2 ** 32 - 1);
    });
  });
});
