// Bybit book sync on the recorded streams: a clean session yields no gap and sane books; dropped, repeated, reordered or renumbered deltas are caught on their symbol only.
import { beforeAll, describe, expect, it } from 'vitest';
import { ParsedBook, ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import { SyncOutcome, type BookEmitter } from '../../../../src/actors/venues/common/venue-dialect.js';
import { bybitDialect } from '../../../../src/actors/venues/bybit/dialect.js';
import { parseFast } from '../../../../src/actors/venues/bybit/scan.js';
import { BookSide, GapReason, SEQUENCE_NONE } from '../../../../src/model/index.js';
import { loadBybitSession, type BybitSession } from './bybit-session.js';

type EmittedRecord =
  | { type: 'snapshot' | 'update'; instrumentId: number; sequence: number; levels: [side: number, price: number, size: number][] }
  | { type: 'gap'; instrumentId: number; reason: number; expected: number; received: number };

class CollectingEmitter implements BookEmitter {
  readonly records: EmittedRecord[] = [];

  emitSnapshot(book: ParsedBook): void {
    this.records.push({ type: 'snapshot', instrumentId: book.instrumentId, sequence: book.sequence, levels: levelsOf(book) });
  }

  emitUpdate(book: ParsedBook): void {
    this.records.push({ type: 'update', instrumentId: book.instrumentId, sequence: book.sequence, levels: levelsOf(book) });
  }

  emitGap(instrumentId: number, reason: number, expectedSequence: number, receivedSequence: number): void {
    this.records.push({ type: 'gap', instrumentId, reason, expected: expectedSequence, received: receivedSequence });
  }
}

function levelsOf(book: ParsedBook): [number, number, number][] {
  return Array.from({ length: book.levelCount }, (_, index) => [book.sides[index]!, book.prices[index]!, book.sizes[index]!]);
}

/** The simplest book that can check the records: price → size per side. */
class MapBook {
  readonly bids = new Map<number, number>();
  readonly asks = new Map<number, number>();
  deletesOfMissingLevels = 0;

  apply(record: EmittedRecord): void {
    if (record.type === 'gap') return;
    if (record.type === 'snapshot') {
      this.bids.clear();
      this.asks.clear();
    }
    for (const [side, price, size] of record.levels) {
      const levels = side === BookSide.BID ? this.bids : this.asks;
      if (size === 0) {
        if (!levels.delete(price)) this.deletesOfMissingLevels++;
      } else levels.set(price, size);
    }
  }

  bestBid(): number {
    return Math.max(...this.bids.keys());
  }

  bestAsk(): number {
    return Math.min(...this.asks.keys());
  }
}

/** The book messages of one recorded connection, parsed once and kept as independent copies. */
interface BookStream {
  name: string;
  books: ParsedBook[];
}

let session: BybitSession;
let streams: BookStream[];

beforeAll(async () => {
  session = await loadBybitSession();
  streams = session.connections.map((connection) => {
    const frame = new ParsedFrame();
    const encoder = new TextEncoder();
    const books: ParsedBook[] = [];
    for (const text of connection.frames) {
      const bytes = encoder.encode(text);
      parseFast(bytes, bytes.length, connection.context, frame);
      for (let index = 0; index < frame.bookCount; index++) books.push(frame.books[index]!.clone());
    }
    return { name: connection.plan.name, books };
  });
});

function replay(books: readonly ParsedBook[]): { outcomes: SyncOutcome[]; records: EmittedRecord[] } {
  const sync = bybitDialect.createSync();
  const emitter = new CollectingEmitter();
  const outcomes = books.map((book) => sync.onBook(book, emitter));
  return { outcomes, records: emitter.records };
}

function recordsOf(records: readonly EmittedRecord[], instrumentId: number): EmittedRecord[] {
  return records.filter((record) => record.instrumentId === instrumentId);
}

function withSequence(book: ParsedBook, sequence: number): ParsedBook {
  const copy = book.clone();
  copy.sequence = sequence;
  return copy;
}

/** The linear stream, an instrument on it, and the stream index of one of that instrument's deltas well inside the session. */
function target(): { stream: BookStream; instrumentId: number; index: number; others: number[] } {
  const stream = streams.find((candidate) => candidate.name.startsWith('bybit:linear'))!;
  const instrumentId = stream.books.find((book) => book.isSnapshot)!.instrumentId;
  const deltas = stream.books.map((book, index) => ({ book, index })).filter(({ book }) => book.instrumentId === instrumentId && !book.isSnapshot);
  const others = [...new Set(stream.books.map((book) => book.instrumentId))].filter((id) => id !== instrumentId);
  return { stream, instrumentId, index: deltas[Math.floor(deltas.length / 2)]!.index, others };
}

describe('BybitBookSync on the recorded session', () => {
  it('applies every recorded book message with zero gaps, and the books stay sane after every message', () => {
    let books = 0;
    for (const stream of streams) {
      const { outcomes, records } = replay(stream.books);
      expect(outcomes.every((outcome) => outcome === SyncOutcome.APPLIED)).toBe(true);
      expect(records.filter((record) => record.type === 'gap')).toEqual([]);
      const maps = new Map<number, MapBook>();
      const depth = new Map<number, { bids: number; asks: number }>();
      for (const record of records) {
        if (record.type === 'snapshot') {
          depth.set(record.instrumentId, {
            bids: record.levels.filter(([side]) => side === BookSide.BID).length,
            asks: record.levels.filter(([side]) => side === BookSide.ASK).length,
          });
        }
        const book = maps.get(record.instrumentId) ?? new MapBook();
        maps.set(record.instrumentId, book);
        book.apply(record);
        // A 200-level Bybit book stays exactly as deep as its snapshot, uncrossed, and only deletes what it has.
        expect(book.bestBid()).toBeLessThan(book.bestAsk());
        expect({ bids: book.bids.size, asks: book.asks.size }).toEqual(depth.get(record.instrumentId));
        expect(book.deletesOfMissingLevels).toBe(0);
      }
      books += maps.size;
    }
    expect(books).toBe(session.recorded.length);
  });

  it('a dropped delta is a gap on its symbol only; later deltas of that symbol wait for a snapshot', () => {
    const { stream, instrumentId, index, others } = target();
    const dropped = stream.books[index]!;
    const mutated = stream.books.filter((_, position) => position !== index);
    const clean = replay(stream.books);
    const { outcomes, records } = replay(mutated);
    const gaps = records.filter((record) => record.type === 'gap');
    expect(gaps).toEqual([{ type: 'gap', instrumentId, reason: GapReason.SEQUENCE_GAP, expected: dropped.sequence, received: dropped.sequence + 1 }]);
    const after = mutated.map((book, position) => ({ book, outcome: outcomes[position] })).slice(index);
    expect(after.find(({ book }) => book.instrumentId === instrumentId)!.outcome).toBe(SyncOutcome.GAP);
    expect(after.filter(({ book }) => book.instrumentId === instrumentId).slice(1).every(({ outcome }) => outcome === SyncOutcome.STALE)).toBe(true);
    for (const other of others) expect(recordsOf(records, other)).toEqual(recordsOf(clean.records, other));
  });

  it('a repeated delta is dropped as stale: no gap, same books as the clean stream', () => {
    const { stream, index } = target();
    const mutated = [...stream.books.slice(0, index + 1), stream.books[index]!, ...stream.books.slice(index + 1)];
    const { outcomes, records } = replay(mutated);
    expect(outcomes[index + 1]).toBe(SyncOutcome.STALE);
    expect(outcomes.filter((outcome) => outcome !== SyncOutcome.APPLIED)).toEqual([SyncOutcome.STALE]);
    expect(records).toEqual(replay(stream.books).records);
  });

  it('two deltas of a symbol swapped: a gap at the first, the late one is stale, other symbols untouched', () => {
    const { stream, instrumentId, index, others } = target();
    const next = stream.books.findIndex((book, position) => position > index && book.instrumentId === instrumentId);
    const mutated = [...stream.books];
    mutated[index] = stream.books[next]!;
    mutated[next] = stream.books[index]!;
    const { outcomes, records } = replay(mutated);
    expect(records.filter((record) => record.type === 'gap')).toEqual([
      { type: 'gap', instrumentId, reason: GapReason.SEQUENCE_GAP, expected: stream.books[index]!.sequence, received: stream.books[next]!.sequence },
    ]);
    expect(outcomes[index]).toBe(SyncOutcome.GAP);
    expect(outcomes[next]).toBe(SyncOutcome.STALE);
    for (const other of others) expect(recordsOf(records, other)).toEqual(recordsOf(replay(stream.books).records, other));
  });

  it('a changed sequence is a gap (ahead) or stale (behind)', () => {
    const { stream, instrumentId, index } = target();
    const original = stream.books[index]!;
    const ahead = replay(stream.books.map((book, position) => (position === index ? withSequence(book, book.sequence + 5) : book)));
    expect(ahead.outcomes[index]).toBe(SyncOutcome.GAP);
    expect(ahead.records.filter((record) => record.type === 'gap')).toEqual([
      { type: 'gap', instrumentId, reason: GapReason.SEQUENCE_GAP, expected: original.sequence, received: original.sequence + 5 },
    ]);
    const behind = replay(stream.books.map((book, position) => (position === index ? withSequence(book, book.sequence - 3) : book)));
    expect(behind.outcomes[index]).toBe(SyncOutcome.STALE);
    // The real delta was lost with it, so the next one of the symbol is a gap.
    expect(behind.records.filter((record) => record.type === 'gap')).toEqual([
      { type: 'gap', instrumentId, reason: GapReason.SEQUENCE_GAP, expected: original.sequence, received: original.sequence + 1 },
    ]);
  });

  it('a delta before any snapshot is a gap with nothing expected; the other symbols sync as usual', () => {
    const { stream, instrumentId, others } = target();
    const snapshotIndex = stream.books.findIndex((book) => book.instrumentId === instrumentId && book.isSnapshot);
    const mutated = stream.books.filter((_, position) => position !== snapshotIndex);
    const { outcomes, records } = replay(mutated);
    const firstDelta = mutated.findIndex((book) => book.instrumentId === instrumentId);
    expect(outcomes[firstDelta]).toBe(SyncOutcome.GAP);
    expect(records.filter((record) => record.type === 'gap')).toEqual([
      { type: 'gap', instrumentId, reason: GapReason.SEQUENCE_GAP, expected: SEQUENCE_NONE, received: mutated[firstDelta]!.sequence },
    ]);
    expect(recordsOf(records, instrumentId)).toHaveLength(1);
    for (const other of others) expect(recordsOf(records, other)).toEqual(recordsOf(replay(stream.books).records, other));
  });

  it('u = 1 after a service restart replaces the book, and the numbering continues from it without a gap', () => {
    const { stream, instrumentId, index } = target();
    // What the venue would send after a restart: the whole current book as u = 1, then u = 2, 3 ...
    const before = replay(stream.books.slice(0, index));
    const book = new MapBook();
    for (const record of recordsOf(before.records, instrumentId)) book.apply(record);
    const restart = new ParsedBook();
    restart.reset(instrumentId, false); // typed delta, as the docs allow; u = 1 makes it a full book
    restart.sequence = 1;
    for (const [price, size] of book.bids) restart.pushLevel(BookSide.BID, price, size, 0, 0);
    for (const [price, size] of book.asks) restart.pushLevel(BookSide.ASK, price, size, 0, 0);
    let next = 2;
    const renumbered = stream.books.slice(index).map((candidate) => (candidate.instrumentId === instrumentId ? withSequence(candidate, next++) : candidate));
    const mutated = [...stream.books.slice(0, index), restart, ...renumbered];
    const { outcomes, records } = replay(mutated);
    expect(outcomes.every((outcome) => outcome === SyncOutcome.APPLIED)).toBe(true);
    expect(records[index]).toMatchObject({ type: 'snapshot', instrumentId, sequence: 1 });
    const restarted = new MapBook();
    const clean = new MapBook();
    for (const record of recordsOf(records, instrumentId)) restarted.apply(record);
    for (const record of recordsOf(replay(stream.books).records, instrumentId)) clean.apply(record);
    expect(restarted.bids).toEqual(clean.bids);
    expect(restarted.asks).toEqual(clean.asks);
  });

  it('reset(id) before a resubscribe drops in-flight deltas silently until the snapshot; reset() makes a delta a gap again', () => {
    const { stream, instrumentId, index } = target();
    const sync = bybitDialect.createSync();
    const emitter = new CollectingEmitter();
    for (const book of stream.books.slice(0, index)) sync.onBook(book, emitter);
    sync.reset(instrumentId);
    const delta = stream.books[index]!;
    expect(sync.onBook(delta, emitter)).toBe(SyncOutcome.STALE);
    const snapshot = stream.books.find((book) => book.instrumentId === instrumentId && book.isSnapshot)!;
    const snapshotCount = emitter.records.length;
    expect(sync.onBook(snapshot, emitter)).toBe(SyncOutcome.APPLIED);
    expect(emitter.records.slice(snapshotCount)).toMatchObject([{ type: 'snapshot', instrumentId }]);
    sync.reset();
    expect(sync.onBook(delta, emitter)).toBe(SyncOutcome.GAP);
    expect(emitter.records.filter((record) => record.type === 'gap')).toHaveLength(1);
    expect(sync.wantsRestSnapshot(instrumentId)).toBe(false);
    expect(sync.onConnectionSequence(12345)).toBe(true);
  });

  it('resubscribing resyncs: the resync plan unsubscribes and subscribes the book topic of that symbol', () => {
    const { instrumentId } = target();
    const instrument = session.registry.requireByNumericId(instrumentId);
    const plan = bybitDialect.resyncPlan(instrument);
    expect(plan).toEqual({
      kind: 'resubscribe',
      frames: [`{"op":"unsubscribe","args":["orderbook.200.${instrument.native}"]}`, `{"op":"subscribe","args":["orderbook.200.${instrument.native}"]}`],
    });
  });
});
