// `book` suite: ns per BOOK_LEVEL applied by each BookEngine (TS, native, reference) over one realistic stream, plus consolidated BBO.
import type { BookEngine, BookOptions, ConsolidatedOptions } from '../../src/hotpath/book/book-engine.js';
import { BBO_FIELDS } from '../../src/hotpath/book/book-engine.js';
import { ReferenceBookEngine } from '../../src/hotpath/book/reference-book-engine.js';
import { TsBookEngine } from '../../src/hotpath/book/ts-book-engine.js';
import { allocateRingBuffer } from '../../src/hotpath/ring-layout.js';
import { RingProducer } from '../../src/hotpath/ring-producer.js';
import { BOOK_BATCH_END_PAYLOAD_BYTES, writeBookBatchEnd } from '../../src/model/book-batch-end-record.js';
import { BOOK_LEVEL_PAYLOAD_BYTES, writeBookLevel } from '../../src/model/book-level-record.js';
import { createRecordStamps } from '../../src/model/record-header.js';
import { BookSide, RecordFlag, RecordType } from '../../src/model/record-types.js';
import { createRecordViews, type RecordViews } from '../../src/model/record-views.js';
import { SNAPSHOT_BEGIN_PAYLOAD_BYTES, writeSnapshotBegin } from '../../src/model/snapshot-begin-record.js';
import { SNAPSHOT_END_PAYLOAD_BYTES, writeSnapshotEnd } from '../../src/model/snapshot-end-record.js';
import { metric, type BenchSuite, type Metrics } from '../harness.js';

/*
 * The stream: 4 venue books of one instrument (ids 0..3, tick 0.01 at 2 decimals, maxDepth 200),
 * each opened by a 200-level-per-side snapshot, then venue messages of 1–20 levels + a batch end,
 * interleaved across venues. Most levels fall within 10 ticks of the top (skewed to the top), about
 * 40 % are deletes, a few percent are deep (to 300 ticks) or very deep (to 2000 ticks, beyond
 * maxDepth: truncated at the batch end), the mid walks and sometimes jumps, and now and then a venue
 * resends a full snapshot. Levels crossed by a move of the mid are deleted, as a venue would.
 *
 * It is generated once (seeded), written through a RingProducer into one ring large enough to hold
 * it all, and replayed per venue message: the message's record types/offsets are copied into fixed
 * gather arrays (what RingConsumer.gather does) and handed to applyBatch. Time includes batch-end
 * work (truncation, window upkeep). Each configuration runs REPEATS times, interleaved, on fresh
 * engines; the median is reported.
 */

const SEED = 0x2b00_b1e5;
const VENUES = 4;
const MAX_DEPTH = 200;
const TARGET_UPDATES = 1_000_000;
const REFERENCE_UPDATES = 60_000;
const REPEATS = 7;
const REFERENCE_REPEATS = 3;
const CHECKSUM_CALLS = 50_000;
const NOW_STEP_NS = 2_000;
const PRICE_DECIMALS = 2;
const SIZE_DECIMALS = 4;
const GROUP_ID = 1;

const BOOKS: BookOptions[] = Array.from({ length: VENUES }, (_, instrumentId) => ({
  instrumentId,
  maxDepth: MAX_DEPTH,
  tickSize: 1,
  priceDecimals: PRICE_DECIMALS,
  sizeDecimals: SIZE_DECIMALS,
}));

const GROUP: ConsolidatedOptions = {
  groupId: GROUP_ID,
  members: BOOKS.map((book, index) => ({ instrumentId: book.instrumentId, takerFeeBps: 2 + index })),
  staleAfterNs: 60_000_000_000,
};

/** mulberry32. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function minimalTextDecimals(mantissa: number, decimals: number): number {
  let digits = decimals;
  let rest = mantissa;
  while (digits > 0 && rest % 10 === 0) {
    rest /= 10;
    digits--;
  }
  return rest === 0 ? 0 : digits;
}

/** The stream as ring records, with each venue message's record range. */
export interface Stream {
  views: RecordViews;
  types: Int32Array;
  offsets: Int32Array;
  /** Message m is records [messageStarts[m], messageStarts[m + 1]). */
  messageStarts: Int32Array;
  messages: number;
  /** BOOK_LEVEL records in the stream (the unit of ns/update). */
  updates: number;
  records: number;
}

class StreamWriter {
  private readonly producer: RingProducer;
  readonly types: number[] = [];
  readonly offsets: number[] = [];
  readonly messageStarts: number[] = [];
  updates = 0;
  private readonly stamps = createRecordStamps();

  constructor(producer: RingProducer) {
    this.producer = producer;
  }

  private claim(type: number, bytes: number): number {
    const offset = this.producer.tryClaim(type, bytes);
    if (offset < 0) throw new Error(`bench ring too small (status ${offset})`);
    this.types.push(type);
    this.offsets.push(offset);
    return offset;
  }

  beginMessage(): void {
    this.messageStarts.push(this.types.length);
  }

  level(instrumentId: number, side: BookSide, price: number, size: number, snapshot: boolean): void {
    const offset = this.claim(RecordType.BOOK_LEVEL, BOOK_LEVEL_PAYLOAD_BYTES);
    writeBookLevel(
      this.producer,
      offset,
      instrumentId,
      snapshot ? RecordFlag.SNAPSHOT : 0,
      this.stamps,
      side,
      price,
      size,
      minimalTextDecimals(price, PRICE_DECIMALS),
      minimalTextDecimals(size, SIZE_DECIMALS),
    );
    this.updates++;
  }

  batchEnd(instrumentId: number, sequence: number, updateCount: number): void {
    const offset = this.claim(RecordType.BOOK_BATCH_END, BOOK_BATCH_END_PAYLOAD_BYTES);
    writeBookBatchEnd(this.producer, offset, instrumentId, 0, this.stamps, sequence, sequence - 1, updateCount, 0);
  }

  snapshotBegin(instrumentId: number, sequence: number): void {
    const offset = this.claim(RecordType.SNAPSHOT_BEGIN, SNAPSHOT_BEGIN_PAYLOAD_BYTES);
    writeSnapshotBegin(this.producer, offset, instrumentId, RecordFlag.SNAPSHOT, this.stamps, sequence);
  }

  snapshotEnd(instrumentId: number, sequence: number, levelCount: number): void {
    const offset = this.claim(RecordType.SNAPSHOT_END, SNAPSHOT_END_PAYLOAD_BYTES);
    writeSnapshotEnd(this.producer, offset, instrumentId, RecordFlag.SNAPSHOT, this.stamps, sequence, levelCount, 0);
  }
}

interface VenueState {
  instrumentId: number;
  /** Mid in ticks; best bid = mid − 1, best ask = mid + 1. */
  mid: number;
  sequence: number;
  sides: [Map<number, number>, Map<number, number>];
}

export function generateStream(): Stream {
  const random = createRandom(SEED);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const size = (): number => (random() < 0.5 ? int(1, 50) * 1000 : int(1, 5_000_000));
  // ~56 bytes per BOOK_LEVEL frame, plus batch ends and snapshots: 128 MiB is ample for 1M updates.
  const buffer = allocateRingBuffer(2 ** 27);
  const producer = new RingProducer(buffer);
  const writer = new StreamWriter(producer);
  const venues: VenueState[] = BOOKS.map((book) => ({
    instrumentId: book.instrumentId,
    mid: 6_500_000 + int(-3, 3),
    sequence: int(1, 1_000_000),
    sides: [new Map(), new Map()],
  }));

  const snapshot = (venue: VenueState): void => {
    writer.beginMessage();
    venue.sequence += int(1, 50);
    writer.snapshotBegin(venue.instrumentId, venue.sequence);
    let count = 0;
    for (const side of [BookSide.BID, BookSide.ASK]) {
      const map = venue.sides[side];
      map.clear();
      const direction = side === BookSide.BID ? -1 : 1;
      let ticks = venue.mid + direction;
      for (let level = 0; level < MAX_DEPTH; level++) {
        const amount = size();
        map.set(ticks, amount);
        writer.level(venue.instrumentId, side, ticks, amount, true);
        count++;
        ticks += direction * int(1, 2);
      }
    }
    writer.snapshotEnd(venue.instrumentId, venue.sequence, count);
  };

  for (const venue of venues) snapshot(venue);
  while (writer.updates < TARGET_UPDATES) {
    const venue = venues[int(0, VENUES - 1)]!;
    if (random() < 0.0005) {
      snapshot(venue);
      continue;
    }
    writer.beginMessage();
    let count = 0;
    // The mid walks, and now and then jumps; levels it crosses are deleted.
    const move = random() < 0.25 ? int(-1, 1) : random() < 0.002 ? int(-30, 30) : 0;
    if (move !== 0) {
      venue.mid += move;
      const bids = venue.sides[BookSide.BID];
      const asks = venue.sides[BookSide.ASK];
      for (let ticks = venue.mid; ticks <= venue.mid + 30; ticks++) {
        if (bids.delete(ticks)) {
          writer.level(venue.instrumentId, BookSide.BID, ticks, 0, false);
          count++;
        }
      }
      for (let ticks = venue.mid; ticks >= venue.mid - 30; ticks--) {
        if (asks.delete(ticks)) {
          writer.level(venue.instrumentId, BookSide.ASK, ticks, 0, false);
          count++;
        }
      }
    }
    const wanted = 1 + Math.floor(random() * random() * 20);
    for (let index = 0; index < wanted; index++) {
      const side = random() < 0.5 ? BookSide.BID : BookSide.ASK;
      const direction = side === BookSide.BID ? -1 : 1;
      const roll = random();
      const distance = roll < 0.95 ? Math.floor(random() * random() * 11) : roll < 0.99 ? int(11, 300) : int(300, 2000);
      const ticks = venue.mid + direction * (1 + distance);
      const map = venue.sides[side];
      const amount = map.has(ticks) && random() < 0.4 ? 0 : size();
      if (amount === 0) map.delete(ticks);
      else map.set(ticks, amount);
      writer.level(venue.instrumentId, side, ticks, amount, false);
      count++;
    }
    venue.sequence++;
    writer.batchEnd(venue.instrumentId, venue.sequence, count);
  }
  writer.messageStarts.push(writer.types.length);
  return {
    views: createRecordViews(buffer),
    types: Int32Array.from(writer.types),
    offsets: Int32Array.from(writer.offsets),
    messageStarts: Int32Array.from(writer.messageStarts),
    messages: writer.messageStarts.length - 1,
    updates: writer.updates,
    records: writer.types.length,
  };
}

type EngineFactory = () => BookEngine;

function createEngine(factory: EngineFactory): BookEngine {
  const engine = factory();
  for (const book of BOOKS) engine.addBook(book);
  engine.addConsolidated(GROUP);
  return engine;
}

const gatherTypes = new Int32Array(1024);
const gatherOffsets = new Int32Array(1024);
const bbo = new Float64Array(BBO_FIELDS);

/**
 * Replays messages [0, messages) on a fresh engine; with `consolidated`, asks the group's BBO after
 * every venue message. Returns ns per BOOK_LEVEL and a digest of the final books (so the work
 * cannot be optimised away, and so TS and native can be seen to agree).
 */
export function replay(factory: EngineFactory, stream: Stream, messages: number, updates: number, consolidated: boolean): { nsPerUpdate: number; digest: number } {
  const engine = createEngine(factory);
  const { views, types, offsets, messageStarts } = stream;
  let nowNs = 1_000_000_000;
  let digest = 0;
  const start = process.hrtime.bigint();
  for (let message = 0; message < messages; message++) {
    const first = messageStarts[message]!;
    const count = messageStarts[message + 1]! - first;
    for (let index = 0; index < count; index++) {
      gatherTypes[index] = types[first + index]!;
      gatherOffsets[index] = offsets[first + index]!;
    }
    nowNs += NOW_STEP_NS;
    engine.applyBatch(views, gatherTypes, gatherOffsets, count, nowNs);
    if (consolidated) {
      engine.consolidatedBbo(GROUP_ID, nowNs, bbo);
      digest += bbo[0]!;
    }
  }
  const elapsed = Number(process.hrtime.bigint() - start);
  for (const book of BOOKS) digest += engine.bestPrice(book.instrumentId, 0) + engine.depth(book.instrumentId, 1) + engine.okxChecksum(book.instrumentId);
  return { nsPerUpdate: elapsed / updates, digest };
}

/**
 * Replays the whole stream in gathers of up to `gather` records regardless of message boundaries,
 * as the instrument actor does (RingConsumer.gather, 1024 at a time): one engine call per gather.
 */
export function replayGathered(factory: EngineFactory, stream: Stream, gather: number): { nsPerUpdate: number; digest: number } {
  const engine = createEngine(factory);
  const { views, types, offsets, records } = stream;
  let nowNs = 1_000_000_000;
  let digest = 0;
  const start = process.hrtime.bigint();
  for (let first = 0; first < records; first += gather) {
    const count = Math.min(gather, records - first);
    for (let index = 0; index < count; index++) {
      gatherTypes[index] = types[first + index]!;
      gatherOffsets[index] = offsets[first + index]!;
    }
    nowNs += NOW_STEP_NS;
    engine.applyBatch(views, gatherTypes, gatherOffsets, count, nowNs);
  }
  const elapsed = Number(process.hrtime.bigint() - start);
  for (const book of BOOKS) digest += engine.bestPrice(book.instrumentId, 0) + engine.depth(book.instrumentId, 1) + engine.okxChecksum(book.instrumentId);
  return { nsPerUpdate: elapsed / stream.updates, digest };
}

/** The instrument actor's gather size (instrument-actor.ts GATHER_BATCH). */
const ACTOR_GATHER_RECORDS = 1024;

/** ns per okxChecksum call on a 200-level book (the OKX path verifies every message). */
function checksumCost(factory: EngineFactory, stream: Stream): number {
  const engine = createEngine(factory);
  engine.applyBatch(stream.views, stream.types, stream.offsets, Math.min(stream.records, 2_000), 1);
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let call = 0; call < CHECKSUM_CALLS; call++) sink ^= engine.okxChecksum(call & 3);
  const elapsed = Number(process.hrtime.bigint() - start);
  if (sink === 0.5) console.error('unreachable');
  return elapsed / CHECKSUM_CALLS;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

async function loadNative(): Promise<{ factory: EngineFactory | null; reason: string }> {
  try {
    const module = await import('../../src/actors/native-book-engine.js');
    const load = module.loadNativeBookEngine();
    if (!load.ok) return { factory: null, reason: load.reason };
    return { factory: () => load.create(), reason: load.addonPath };
  } catch (error) {
    return { factory: null, reason: error instanceof Error ? error.message : String(error) };
  }
}

export const bookSuite: BenchSuite = {
  name: 'book',
  description: `BookEngine apply cost per BOOK_LEVEL: ${VENUES} venue books, maxDepth ${MAX_DEPTH}, ~${TARGET_UPDATES / 1e6}M updates in 1–20-level venue messages; TS vs native vs reference`,
  async run(log): Promise<Metrics> {
    const stream = generateStream();
    log(`stream: ${stream.updates.toLocaleString()} BOOK_LEVEL in ${stream.messages.toLocaleString()} messages (${stream.records.toLocaleString()} records)`);
    const native = await loadNative();
    log(native.factory === null ? `native: not available (${native.reason})` : `native: ${native.reason}`);
    const ts: EngineFactory = () => new TsBookEngine();
    const runs: Record<string, number[]> = { ts: [], tsBbo: [], native: [], nativeBbo: [], tsGathered: [], nativeGathered: [] };
    const digests = new Map<string, number>();
    const record = (name: string, factory: EngineFactory, consolidated: boolean, repeat: number): void => {
      const result = replay(factory, stream, stream.messages, stream.updates, consolidated);
      if (repeat >= 0) runs[name]!.push(result.nsPerUpdate);
      digests.set(name, result.digest);
    };
    const recordGathered = (name: string, factory: EngineFactory, repeat: number): void => {
      const result = replayGathered(factory, stream, ACTOR_GATHER_RECORDS);
      if (repeat >= 0) runs[name]!.push(result.nsPerUpdate);
      digests.set(name, result.digest);
    };
    // One untimed warm-up each, then REPEATS interleaved rounds.
    for (let repeat = -1; repeat < REPEATS; repeat++) {
      record('ts', ts, false, repeat);
      if (native.factory !== null) record('native', native.factory, false, repeat);
      record('tsBbo', ts, true, repeat);
      if (native.factory !== null) record('nativeBbo', native.factory, true, repeat);
      recordGathered('tsGathered', ts, repeat);
      if (native.factory !== null) recordGathered('nativeGathered', native.factory, repeat);
      if (repeat >= 0) {
        const nativePart = native.factory === null ? '' : `, native ${round(runs.native!.at(-1)!)} ns (+bbo ${round(runs.nativeBbo!.at(-1)!)} ns)`;
        log(`round ${repeat + 1}/${REPEATS}: ts ${round(runs.ts!.at(-1)!)} ns (+bbo ${round(runs.tsBbo!.at(-1)!)} ns)${nativePart} per update`);
      }
    }
    if (native.factory !== null && (digests.get('ts') !== digests.get('native') || digests.get('tsBbo') !== digests.get('nativeBbo') || digests.get('tsGathered') !== digests.get('nativeGathered'))) {
      throw new Error(`TS and native books differ after the stream (digests ${digests.get('ts')} / ${digests.get('native')})`);
    }
    // The reference engine is orders of magnitude slower: a prefix of the stream is enough for scale.
    let referenceMessages = 0;
    while (referenceMessages < stream.messages && stream.messageStarts[referenceMessages]! < REFERENCE_UPDATES) referenceMessages++;
    let referenceUpdates = 0;
    for (let index = 0; index < stream.messageStarts[referenceMessages]!; index++) if (stream.types[index] === RecordType.BOOK_LEVEL) referenceUpdates++;
    const referenceRuns: number[] = [];
    for (let repeat = 0; repeat < REFERENCE_REPEATS; repeat++) {
      referenceRuns.push(replay(() => new ReferenceBookEngine(), stream, referenceMessages, referenceUpdates, false).nsPerUpdate);
    }
    const tsChecksum = median([checksumCost(ts, stream), checksumCost(ts, stream), checksumCost(ts, stream)]);
    const tsNs = median(runs.ts!);
    const tsBboNs = median(runs.tsBbo!);
    const referenceNs = median(referenceRuns);
    log(`reference: ${round(referenceNs)} ns per update over the first ${referenceUpdates.toLocaleString()} updates`);
    const metrics: Metrics = {
      ts_ns_per_update: metric(round(tsNs), 'ns', 'lower'),
      consolidated_bbo_ts_ns_per_update: metric(round(tsBboNs), 'ns', 'lower'),
    };
    if (native.factory !== null) {
      const nativeNs = median(runs.native!);
      const nativeBboNs = median(runs.nativeBbo!);
      const nativeChecksum = median([checksumCost(native.factory, stream), checksumCost(native.factory, stream), checksumCost(native.factory, stream)]);
      metrics.native_ns_per_update = metric(round(nativeNs), 'ns', 'lower');
      metrics.native_speedup = metric(round(tsNs / nativeNs), 'x', 'higher');
      // The instrument actor's real call shape: whatever is in the ring, up to 1024 records per call.
      const tsGatheredNs = median(runs.tsGathered!);
      const nativeGatheredNs = median(runs.nativeGathered!);
      metrics.ts_gathered_ns_per_update = metric(round(tsGatheredNs), 'ns', 'lower');
      metrics.native_gathered_ns_per_update = metric(round(nativeGatheredNs), 'ns', 'lower');
      metrics.native_speedup_gathered = metric(round(tsGatheredNs / nativeGatheredNs), 'x', 'higher');
      metrics.consolidated_bbo_native_ns_per_update = metric(round(nativeBboNs), 'ns', 'lower');
      metrics.okx_checksum_native_ns = metric(round(nativeChecksum, 0), 'ns', 'lower');
    }
    metrics.okx_checksum_ts_ns = metric(round(tsChecksum, 0), 'ns', 'lower');
    metrics.reference_ns_per_update = metric(round(referenceNs), 'ns', 'lower');
    metrics.ts_speedup_over_reference = metric(round(referenceNs / tsNs, 1), 'x', 'higher');
    return metrics;
  },
};
