// A small scripted book fixture for unit tests: write venue messages through a ring, apply to every engine, read back.
import { expect } from 'vitest';
import type { BookEngine, BookOptions, ConsolidatedOptions } from '../../src/hotpath/book/book-engine.js';
import { BookSide, SEQUENCE_NONE } from '../../src/model/record-types.js';
import { BookQueryCollector, compareEngines, type NamedEngine } from './book-compare.js';
import { engineFactories, type EngineFactory } from './book-engines.js';
import { BookRing, flattenEvent, type BookEvent, type FlatRecord, type LevelSpec } from './book-records.js';
import { minimalTextDecimals } from './book-stream.js';

/** [price, size] or [price, size, priceTextDecimals, sizeTextDecimals]; decimals default to the minimal text. */
export type LevelTuple = readonly [number, number] | readonly [number, number, number, number];

export interface SideLevels {
  bids?: readonly LevelTuple[];
  asks?: readonly LevelTuple[];
}

/**
 * Engines under test: reference, ts, ts with a 4-slot window (every move re-anchors), plus native
 * when `native` is given. Every `apply` also runs the full differential comparison, so a rule
 * asserted on one engine holds for all of them.
 */
export class BookFixture {
  readonly engines: NamedEngine[];
  private readonly books: readonly BookOptions[];
  private readonly ring = new BookRing(64 * 1024, 4096);
  private readonly collector: BookQueryCollector;
  private pending: BookEvent[] = [];
  private sequence = 100;

  constructor(books: readonly BookOptions[], groups: readonly ConsolidatedOptions[] = [], native: EngineFactory | null = null) {
    this.books = books;
    this.engines = engineFactories([4], native).map((factory) => {
      const engine = factory.create();
      for (const book of books) engine.addBook(book);
      for (const group of groups) engine.addConsolidated(group);
      return { name: factory.name, engine };
    });
    this.collector = new BookQueryCollector(books, groups);
  }

  private spec(instrumentId: number, side: BookSide, level: LevelTuple): LevelSpec {
    const book = this.books.find((candidate) => candidate.instrumentId === instrumentId);
    const priceDecimals = book?.priceDecimals ?? 0;
    const sizeDecimals = book?.sizeDecimals ?? 0;
    const [price, size] = level;
    return {
      side,
      price,
      size,
      priceTextDecimals: level.length === 4 ? level[2] : minimalTextDecimals(price, priceDecimals),
      sizeTextDecimals: level.length === 4 ? level[3] : minimalTextDecimals(size, sizeDecimals),
    };
  }

  private levels(instrumentId: number, levels: SideLevels): LevelSpec[] {
    return [
      ...(levels.bids ?? []).map((level) => this.spec(instrumentId, BookSide.BID, level)),
      ...(levels.asks ?? []).map((level) => this.spec(instrumentId, BookSide.ASK, level)),
    ];
  }

  snapshot(instrumentId: number, levels: SideLevels, sequence = ++this.sequence, checksum = 0): this {
    this.pending.push({ kind: 'snapshot', instrumentId, sequence, checksum, levels: this.levels(instrumentId, levels) });
    return this;
  }

  /** One venue update: its levels (bids first, then asks, unless `ordered` gives the exact order) and a batch end. */
  update(instrumentId: number, levels: SideLevels, sequence = ++this.sequence, checksum = 0): this {
    this.pending.push({ kind: 'update', instrumentId, sequence, previousSequence: sequence - 1, checksum, levels: this.levels(instrumentId, levels) });
    return this;
  }

  /** One venue update with levels in exactly this order: [side, price, size]. */
  ordered(instrumentId: number, levels: readonly (readonly [BookSide, number, number])[], sequence = ++this.sequence, checksum = 0): this {
    this.pending.push({
      kind: 'update',
      instrumentId,
      sequence,
      previousSequence: SEQUENCE_NONE,
      checksum,
      levels: levels.map(([side, price, size]) => this.spec(instrumentId, side, [price, size])),
    });
    return this;
  }

  gap(instrumentId: number): this {
    this.pending.push({ kind: 'gap', instrumentId });
    return this;
  }

  noise(instrumentId: number, noise: 'trade' | 'bbo' | 'status'): this {
    this.pending.push({ kind: 'noise', instrumentId, noise });
    return this;
  }

  /** Levels without their batch end: a half-applied venue message, as a gather can deliver it. */
  levelsOnly(instrumentId: number, levels: SideLevels): this {
    this.flushEvents();
    const records: FlatRecord[] = [];
    flattenEvent({ kind: 'update', instrumentId, sequence: 0, previousSequence: 0, checksum: 0, levels: this.levels(instrumentId, levels) }, records);
    records.pop();
    this.pendingRecords.push(...records);
    return this;
  }

  /** SNAPSHOT_BEGIN and levels without the SNAPSHOT_END: a snapshot still arriving. */
  snapshotBegin(instrumentId: number, levels: SideLevels, sequence = ++this.sequence): this {
    this.flushEvents();
    const records: FlatRecord[] = [];
    flattenEvent({ kind: 'snapshot', instrumentId, sequence, checksum: 0, levels: this.levels(instrumentId, levels) }, records);
    records.pop();
    this.pendingRecords.push(...records);
    return this;
  }

  /** Moves scripted events into the record list, so hand-made records keep their order. */
  private flushEvents(): void {
    for (const event of this.pending) flattenEvent(event, this.pendingRecords);
    this.pending = [];
  }

  private pendingRecords: FlatRecord[] = [];

  /**
   * Writes everything scripted so far through the ring, gathers it as one batch, applies it to every
   * engine at `nowNs`, checks they all applied the same count and agree on every query; returns the count.
   */
  apply(nowNs = 1_000): number {
    this.flushEvents();
    const records = this.pendingRecords;
    this.pendingRecords = [];
    for (const record of records) {
      if (!this.ring.tryWrite(record)) throw new Error('fixture ring full: apply smaller scripts');
    }
    this.ring.publish();
    const count = this.ring.gather(4096);
    const results = this.engines.map(({ engine }) => engine.applyBatch(this.ring.consumer, this.ring.types, this.ring.offsets, count, nowNs));
    this.ring.release();
    for (const [index, result] of results.entries()) expect(result, `${this.engines[index]!.name} applied`).toBe(results[0]);
    compareEngines(this.collector, this.engines, [nowNs, nowNs + 1, nowNs + 1_000_000], 'fixture');
    return results[0]!;
  }

  /** The first TS engine (all others agree after apply). */
  get ts(): BookEngine {
    return this.engines[1]!.engine;
  }

  /** A side's levels as [price, size] pairs, best first. */
  top(instrumentId: number, side: BookSide, engine: BookEngine = this.ts): [number, number][] {
    const prices = new Float64Array(20_000);
    const sizes = new Float64Array(20_000);
    const count = engine.copyTop(instrumentId, side, 20_000, prices, sizes);
    return Array.from({ length: count }, (_, index) => [prices[index]!, sizes[index]!]);
  }

  /** Runs `check` on every engine, naming the engine in failures. */
  forEach(check: (engine: BookEngine, name: string) => void): void {
    for (const { name, engine } of this.engines) check(engine, name);
  }
}
