// The native BookEngine's own edges: TS-identical errors, OKX checksum text, window vs overflow placement, binding safety.
import { Worker } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadNativeBookEngine, type NativeBookEngine, type NativeBookEngineOptions } from '../../../src/actors/native-book-engine.js';
import type { BookEngine, BookOptions } from '../../../src/hotpath/book/book-engine.js';
import { TsBookEngine } from '../../../src/hotpath/book/ts-book-engine.js';
import { writeBookBatchEnd } from '../../../src/model/book-batch-end-record.js';
import { writeBookLevel } from '../../../src/model/book-level-record.js';
import { writeGap } from '../../../src/model/gap-record.js';
import { createRecordStamps } from '../../../src/model/record-header.js';
import { GapReason, RecordType, SEQUENCE_NONE, type BookSide } from '../../../src/model/record-types.js';
import { createRecordViews, type RecordViews } from '../../../src/model/record-views.js';
import { writeSnapshotBegin } from '../../../src/model/snapshot-begin-record.js';
import { writeSnapshotEnd } from '../../../src/model/snapshot-end-record.js';

const load = loadNativeBookEngine();

function createNative(options?: NativeBookEngineOptions): NativeBookEngine {
  if (!load.ok) throw new Error(`native BookEngine addon did not load: ${load.reason}`);
  return load.create(options);
}

const BID: BookSide = 0;
const ASK: BookSide = 1;
const stamps = createRecordStamps();

/** Records written with the model's writers into a SharedArrayBuffer, gathered like a ring consumer would. */
class Batch {
  readonly views: RecordViews = createRecordViews(new SharedArrayBuffer(1 << 20));
  readonly types = new Int32Array(8192);
  readonly offsets = new Int32Array(8192);
  count = 0;
  private next = 64;

  private claim(type: number): number {
    const offset = this.next;
    this.next += 48;
    this.types[this.count] = type;
    this.offsets[this.count] = offset;
    this.count++;
    return offset;
  }

  level(id: number, side: BookSide, price: number, size: number, priceText = 0, sizeText = 0): this {
    writeBookLevel(this.views, this.claim(RecordType.BOOK_LEVEL), id, 0, stamps, side, price, size, priceText, sizeText);
    return this;
  }

  end(id: number, sequence = 1, checksum = 0): this {
    writeBookBatchEnd(this.views, this.claim(RecordType.BOOK_BATCH_END), id, 0, stamps, sequence, sequence - 1, 0, checksum);
    return this;
  }

  snapshotBegin(id: number): this {
    writeSnapshotBegin(this.views, this.claim(RecordType.SNAPSHOT_BEGIN), id, 0, stamps, 1);
    return this;
  }

  snapshotEnd(id: number, sequence = 1): this {
    writeSnapshotEnd(this.views, this.claim(RecordType.SNAPSHOT_END), id, 0, stamps, sequence, 0, 0);
    return this;
  }

  gap(id: number): this {
    writeGap(this.views, this.claim(RecordType.GAP), id, 0, stamps, GapReason.SEQUENCE_GAP, SEQUENCE_NONE, SEQUENCE_NONE);
    return this;
  }

  applyTo(engine: BookEngine, nowNs = 1): number {
    const applied = engine.applyBatch(this.views, this.types, this.offsets, this.count, nowNs);
    this.count = 0;
    this.next = 64;
    return applied;
  }
}

function top(engine: BookEngine, id: number, side: number, n = 1000): [number, number][] {
  const prices = new Float64Array(n);
  const sizes = new Float64Array(n);
  const count = engine.copyTop(id, side, n, prices, sizes);
  return Array.from({ length: count }, (_, index) => [prices[index]!, sizes[index]!]);
}

/** What an engine throws for `action`, as plain data: class name, code, message and details. */
function failure(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    const { name, message } = error as Error;
    const { code, details } = error as { code?: unknown; details?: unknown };
    return { name, code, message, details };
  }
  return 'no error';
}

const BOOK: BookOptions = { instrumentId: 1, maxDepth: 50, tickSize: 1, priceDecimals: 2, sizeDecimals: 3 };

describe('native BookEngine', () => {
  it('loads (CI builds the addon; a missing addon fails here)', () => {
    expect(load.ok ? 'loaded' : load.reason).toBe('loaded');
  });

  it('throws exactly the errors TsBookEngine throws (code, message, details)', () => {
    const misuses: [string, (engine: BookEngine) => unknown][] = [
      ['maxDepth 0', (engine) => engine.addBook({ ...BOOK, instrumentId: 7, maxDepth: 0 })],
      ['tick 0.5', (engine) => engine.addBook({ ...BOOK, instrumentId: 7, tickSize: 0.5 })],
      ['id too large', (engine) => engine.addBook({ ...BOOK, instrumentId: 2 ** 24 })],
      ['duplicate book', (engine) => engine.addBook(BOOK)],
      ['duplicate group', (engine) => engine.addConsolidated({ groupId: 4, members: [{ instrumentId: 1, takerFeeBps: 0 }], staleAfterNs: 5 })],
      ['unknown member', (engine) => engine.addConsolidated({ groupId: 5, members: [{ instrumentId: 1, takerFeeBps: 0 }, { instrumentId: 99, takerFeeBps: 0 }], staleAfterNs: 5 })],
      ['scale mismatch', (engine) => engine.addConsolidated({ groupId: 5, members: [{ instrumentId: 1, takerFeeBps: 0 }, { instrumentId: 2, takerFeeBps: 0 }], staleAfterNs: 5 })],
      ['member twice', (engine) => engine.addConsolidated({ groupId: 5, members: [{ instrumentId: 1, takerFeeBps: 0 }, { instrumentId: 1, takerFeeBps: 0 }], staleAfterNs: 5 })],
      ['fee -10000', (engine) => engine.addConsolidated({ groupId: 5, members: [{ instrumentId: 1, takerFeeBps: -10000 }], staleAfterNs: 5 })],
      ['no members', (engine) => engine.addConsolidated({ groupId: 5, members: [], staleAfterNs: 5 })],
      ['unknown book', (engine) => engine.state(99)],
      ['fractional id', (engine) => engine.bestPrice(1.5, 0)],
      ['negative id', (engine) => engine.depth(-1, 0)],
      ['NaN id', (engine) => engine.okxChecksum(Number.NaN)],
      ['unknown group', (engine) => engine.excludedMask(77, 0)],
      ['unknown group bbo', (engine) => engine.consolidatedBbo(6, 0, new Float64Array(6))],
      // A level whose text drops a nonzero digit, and one with more text decimals than any scale.
      ['checksum precision', (engine) => engine.okxChecksum(3)],
      ['checksum argument', (engine) => engine.okxChecksum(8)],
    ];
    const setUp = (engine: BookEngine): void => {
      engine.addBook(BOOK);
      engine.addBook({ ...BOOK, instrumentId: 2, sizeDecimals: 4 });
      engine.addBook({ ...BOOK, instrumentId: 3 });
      engine.addBook({ ...BOOK, instrumentId: 8 });
      engine.addConsolidated({ groupId: 4, members: [{ instrumentId: 1, takerFeeBps: 0 }], staleAfterNs: 5 });
      new Batch().level(3, BID, 12345, 10, 1, 3).end(3).level(8, ASK, 100, 10, 40, 3).end(8).applyTo(engine);
    };
    const ts = new TsBookEngine();
    const native = createNative();
    setUp(ts);
    setUp(native);
    for (const [label, misuse] of misuses) {
      const expected = failure(() => misuse(ts));
      expect(expected, label).not.toBe('no error');
      expect({ label, error: failure(() => misuse(native)) }).toEqual({ label, error: expected });
    }
  });

  it('computes the OKX checksum over rebuilt venue text (padding text decimals beyond the scale)', () => {
    const engine = createNative();
    engine.addBook({ instrumentId: 4, maxDepth: 400, tickSize: 1, priceDecimals: 1, sizeDecimals: 0 });
    const batch = new Batch().snapshotBegin(4);
    // "3366.1":"7" / "3366.8":"9" / "3366.0":"6" (text decimals 1) / "3368":"8.00" (beyond the scale).
    batch.level(4, BID, 33661, 7, 1, 0).level(4, ASK, 33668, 9, 1, 0).level(4, BID, 33660, 6, 1, 0).level(4, ASK, 33680, 8, 0, 2);
    // 30 more bids: only 25 per side count.
    for (let index = 1; index <= 30; index++) batch.level(4, BID, 33000 - index, index, 1, 0);
    batch.snapshotEnd(4).applyTo(engine);
    const bids = ['3366.1:7', '3366.0:6', ...Array.from({ length: 23 }, (_, index) => `${((33000 - index - 1) / 10).toFixed(1)}:${index + 1}`)];
    const asks = ['3366.8:9', '3368:8.00'];
    const parts: string[] = [];
    for (let row = 0; row < 25; row++) {
      parts.push(bids[row]!);
      if (row < asks.length) parts.push(asks[row]!);
    }
    const expected = crc32(Buffer.from(parts.join(':'), 'ascii')) | 0;
    expect(engine.okxChecksum(4)).toBe(expected);
    const empty = createNative();
    empty.addBook({ ...BOOK, instrumentId: 4 });
    expect(empty.okxChecksum(4)).toBe(0);
  });

  it('keeps on-tick levels near the best in the tick window and off-tick or far levels in the overflow', () => {
    const engine = createNative();
    engine.addBook({ instrumentId: 1, maxDepth: 100, tickSize: 10, priceDecimals: 2, sizeDecimals: 0 });
    const batch = new Batch();
    for (let index = 0; index < 20; index++) batch.level(1, BID, 1_000_000 - 10 * index, 5 + index);
    batch.level(1, BID, 999_995, 1); // off the tick grid
    batch.level(1, BID, 1_000_000 - 10 * 50_000, 1); // 50k ticks below the best: beyond any window
    batch.end(1).applyTo(engine);
    expect(engine.windowAndOverflowLevels(1, BID)).toEqual([20, 2]);
    expect(top(engine, 1, BID, 3)).toEqual([
      [1_000_000, 5],
      [999_995, 1],
      [999_990, 6],
    ]);
    expect(top(engine, 1, BID).at(-1)).toEqual([1_000_000 - 500_000, 1]);
  });

  it('follows the market when it jumps far: the window moves, levels keep their order, truncation forgets', () => {
    const engine = createNative({ windowSlots: 64 });
    engine.addBook({ instrumentId: 1, maxDepth: 30, tickSize: 1, priceDecimals: 0, sizeDecimals: 0 });
    const batch = new Batch();
    for (let index = 0; index < 30; index++) batch.level(1, ASK, 5000 + index * 3, index + 1);
    batch.end(1).applyTo(engine);
    const expectedAsks: [number, number][] = Array.from({ length: 30 }, (_, index) => [5000 + index * 3, index + 1]);
    expect(top(engine, 1, ASK)).toEqual(expectedAsks);
    // Better asks 10k ticks lower, more than maxDepth of them: the old levels are truncated.
    for (let index = 0; index < 40; index++) batch.level(1, ASK, 100 + index, 1000 + index);
    batch.end(1, 2).applyTo(engine);
    expect(engine.depth(1, ASK)).toBe(30);
    expect(top(engine, 1, ASK)).toEqual(Array.from({ length: 30 }, (_, index) => [100 + index, 1000 + index]));
    const counters = new Float64Array(5);
    engine.copyCounters(1, counters);
    expect(Array.from(counters)).toEqual([70, 0, 40, 2, 0]);
    // Deleting the new levels does not bring the truncated ones back.
    for (let index = 0; index < 30; index++) batch.level(1, ASK, 100 + index, 0);
    batch.end(1, 3).applyTo(engine);
    expect(engine.depth(1, ASK)).toBe(0);
    expect(engine.bestPrice(1, ASK)).toBeNaN();
    expect(engine.bestSize(1, ASK)).toBe(0);
  });

  it('orders prices near 2^53 and negative prices exactly', () => {
    const engine = createNative();
    engine.addBook({ instrumentId: 1, maxDepth: 10, tickSize: 7, priceDecimals: 0, sizeDecimals: 0 });
    const high = Number.MAX_SAFE_INTEGER;
    new Batch()
      .level(1, ASK, high, 1)
      .level(1, ASK, high - 1, 2)
      .level(1, ASK, high - 7, 3)
      .level(1, BID, -14, 4)
      .level(1, BID, -7, 5)
      .level(1, BID, 0, 6)
      .end(1)
      .applyTo(engine);
    expect(top(engine, 1, ASK)).toEqual([
      [high - 7, 3],
      [high - 1, 2],
      [high, 1],
    ]);
    expect(top(engine, 1, BID).map(([price, size]) => [Object.is(price, -0) ? 'minus zero' : price, size])).toEqual([
      [0, 6],
      [-7, 5],
      [-14, 4],
    ]);
  });

  it('binds the gather arrays once, rebinds when they change, and never reads a detached array', () => {
    const engine = createNative();
    engine.addBook(BOOK);
    const batch = new Batch().level(1, BID, 100, 1).end(1);
    expect(batch.applyTo(engine)).toBe(2);
    // Other arrays, same ring: rebound.
    const types = new Int32Array([RecordType.BOOK_LEVEL]);
    const offsets = new Int32Array([64]);
    const other = new Batch().level(1, BID, 101, 2);
    expect(engine.applyBatch(other.views, types, offsets, 1, 1)).toBe(1);
    expect(engine.bestPrice(1, BID)).toBe(101);
    // Transfer (detach) the bound types array: the engine sees length 0 and applies nothing.
    structuredClone(types.buffer, { transfer: [types.buffer] });
    expect(types.length).toBe(0);
    expect(engine.applyBatch(other.views, types, offsets, 1, 1)).toBe(0);
    // count beyond the arrays is clamped to them.
    expect(engine.applyBatch(other.views, new Int32Array([RecordType.GAP]), new Int32Array([64]), 5, 1)).toBe(1);
    expect(engine.state(1)).toBe(3);
  });

  it('rejects a payload offset outside the ring bytes with a RangeError instead of reading past them', () => {
    const engine = createNative();
    engine.addBook(BOOK);
    const views = createRecordViews(new SharedArrayBuffer(256));
    expect(() => engine.applyBatch(views, new Int32Array([RecordType.BOOK_LEVEL]), new Int32Array([224]), 1, 1)).toThrow(RangeError);
    expect(() => engine.applyBatch(views, new Int32Array([RecordType.GAP]), new Int32Array([-8]), 1, 1)).toThrow(/outside the 256 bytes/);
    // Types the engine skips are never dereferenced.
    expect(engine.applyBatch(views, new Int32Array([RecordType.TRADE, 99]), new Int32Array([1 << 30, -1]), 2, 1)).toBe(0);
  });

  it('rounds fractional counts up exactly like the TypeScript engine (while copied < n)', () => {
    const results = [new TsBookEngine(), createNative()].map((engine) => {
      engine.addBook(BOOK);
      const batch = new Batch().level(1, BID, 100, 1).level(1, BID, 99, 2).level(1, BID, 98, 3).end(1);
      const applied = engine.applyBatch(batch.views, batch.types, batch.offsets, 1.5, 1);
      const all = engine.applyBatch(batch.views, batch.types, batch.offsets, 4, 1);
      const prices = new Float64Array(8);
      const sizes = new Float64Array(8);
      return [applied, all, engine.copyTop(1, BID, 2.5, prices, sizes), engine.copyTop(1, BID, 0.2, prices, sizes), engine.copyTop(1, BID, Infinity, prices, sizes)];
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[0]).toEqual([2, 4, 3, 1, 3]);
  });

  it('loads and runs in worker threads too (instrument actors live in workers)', async () => {
    if (!load.ok) throw new Error(load.reason);
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      const addon = require(workerData.addonPath);
      const engine = new addon.BookEngine(() => new Error('unexpected'));
      engine.addBook(9, 10, 1, 2, 2);
      parentPort.postMessage({ depth: engine.depth(9, 0), best: engine.bestPrice(9, 1), layout: addon.layout.BOOK_LEVEL_PRICE_OFFSET });
    `;
    const results = await Promise.all(
      [1, 2].map(
        () =>
          new Promise((resolve, reject) => {
            const worker = new Worker(code, { eval: true, workerData: { addonPath: load.addonPath } });
            worker.once('message', (message) => {
              resolve(message);
              void worker.terminate();
            });
            worker.once('error', reject);
          }),
      ),
    );
    expect(results).toEqual([
      { depth: 0, best: Number.NaN, layout: 24 },
      { depth: 0, best: Number.NaN, layout: 24 },
    ]);
  });

  it('validates the test window size', () => {
    expect(() => createNative({ windowSlots: 100 })).toThrow(RangeError);
    expect(() => createNative({ windowSlots: 32 })).toThrow(/power of two from 64/);
    expect(createNative({ windowSlots: 64 }).kind).toBe('native');
  });

  it('keeps levels through GAP and trusts the book again after the next snapshot', () => {
    const engine = createNative();
    engine.addBook(BOOK);
    engine.addConsolidated({ groupId: 1, members: [{ instrumentId: 1, takerFeeBps: 10 }], staleAfterNs: 100 });
    new Batch().snapshotBegin(1).level(1, BID, 100, 1).level(1, ASK, 101, 2).snapshotEnd(1, 9).applyTo(engine, 1000);
    expect(engine.excludedMask(1, 1000)).toBe(0);
    expect(engine.excludedMask(1, 1101)).toBe(1);
    new Batch().gap(1).applyTo(engine, 1001);
    expect(engine.state(1)).toBe(3);
    expect(engine.depth(1, BID)).toBe(1);
    expect(engine.excludedMask(1, 1001)).toBe(1);
    const bbo = new Float64Array(6);
    engine.consolidatedBbo(1, 1001, bbo);
    expect(Array.from(bbo)).toEqual([Number.NaN, 0, Number.NaN, 0, 0, 0]);
    new Batch().snapshotBegin(1).level(1, BID, 99, 3).snapshotEnd(1, 12).applyTo(engine, 2000);
    engine.consolidatedBbo(1, 2000, bbo);
    expect(Array.from(bbo)).toEqual([99, 3, Number.NaN, 0, 1, 0]);
    expect(engine.lastSequence(1)).toBe(12);
  });
});
