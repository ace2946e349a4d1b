// `metrics` suite: cost of the shared latency histogram's record() against hdr-histogram-js recordValue, and of book-apply latency recording in the instrument actor's apply loop.
import * as hdr from 'hdr-histogram-js';
import type { BookEngine, BookOptions } from '../../src/hotpath/book/book-engine.js';
import { TsBookEngine } from '../../src/hotpath/book/ts-book-engine.js';
import { BatchEndLatencyRecorder } from '../../src/hotpath/metrics/batch-end-latency.js';
import { LatencyHistogram, LatencyHistogramReader } from '../../src/hotpath/metrics/latency-histogram.js';
import { MonoClock } from '../../src/hotpath/mono-clock.js';
import { tsRecvNsIndex } from '../../src/model/record-header.js';
import { RecordType } from '../../src/model/record-types.js';
import { metric, type BenchSuite, type Metrics } from '../harness.js';
import { generateStream, type Stream } from './book.js';

/*
 * 1. record(): the same 1M latencies (log-uniform 500 ns .. 50 ms, integer ns) into a
 *    LatencyHistogram and into an hdr-histogram-js histogram (JS implementation, 2 significant
 *    digits: 1 % buckets, the closest to our ≤ 3.1 %), interleaved rounds, median ns per value.
 * 2. The book suite's stream (4 venue books, ~1M BOOK_LEVEL) applied as the instrument actor does
 *    (gathers of 1024 records, one TsBookEngine.applyBatch each), without and with the actor's
 *    book-apply recording (one clock read per gather + one record() per BOOK_BATCH_END), median ns
 *    per BOOK_LEVEL; the ratio is the overhead. Batch ends carry spread receive stamps so values
 *    land in many buckets, as live ones do. The native engine takes the same JS recording after
 *    its applyBatch, so the added cost per update is the same there.
 */

const VALUES = 1_000_000;
const RECORD_REPEATS = 9;
const APPLY_REPEATS = 9;
const GATHER = 1024;
const SEED = 0x1a7e_0c1d;

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

function latencyValues(): Float64Array {
  const random = createRandom(SEED);
  const values = new Float64Array(VALUES);
  const low = Math.log(500);
  const high = Math.log(50_000_000);
  for (let i = 0; i < VALUES; i++) values[i] = Math.round(Math.exp(low + (high - low) * random()));
  return values;
}

function timeOurs(values: Float64Array): { ns: number; count: number } {
  const histogram = new LatencyHistogram();
  const start = process.hrtime.bigint();
  for (let i = 0; i < values.length; i++) histogram.record(values[i]!);
  const elapsed = Number(process.hrtime.bigint() - start);
  return { ns: elapsed / values.length, count: new LatencyHistogramReader(histogram.buffer).snapshot().count };
}

function timeHdr(values: Float64Array): { ns: number; count: number } {
  const histogram = hdr.build({ bitBucketSize: 32, lowestDiscernibleValue: 1, highestTrackableValue: 70_000_000_000, numberOfSignificantValueDigits: 2, useWebAssembly: false });
  const start = process.hrtime.bigint();
  for (let i = 0; i < values.length; i++) histogram.recordValue(values[i]!);
  const elapsed = Number(process.hrtime.bigint() - start);
  const count = histogram.totalCount;
  histogram.destroy();
  return { ns: elapsed / values.length, count };
}

const BOOKS: BookOptions[] = Array.from({ length: 4 }, (_, instrumentId) => ({ instrumentId, maxDepth: 200, tickSize: 1, priceDecimals: 2, sizeDecimals: 4 }));

/** Gives every BOOK_BATCH_END a receive stamp 0 .. 1 ms after the clock base (the stream's are all 0). */
function spreadReceiveStamps(stream: Stream): number {
  const random = createRandom(SEED ^ 0x55);
  let batchEnds = 0;
  for (let i = 0; i < stream.records; i++) {
    if (stream.types[i] !== RecordType.BOOK_BATCH_END) continue;
    const index = tsRecvNsIndex(stream.offsets[i]!);
    stream.views.u32[index] = Math.floor(random() * 1_000_000);
    stream.views.u32[index + 1] = 0;
    batchEnds++;
  }
  return batchEnds;
}

const gatherTypes = new Int32Array(GATHER);
const gatherOffsets = new Int32Array(GATHER);

/** The instrument actor's loop over the whole stream; with `record`, its book-apply latency recording. Returns ns per BOOK_LEVEL. */
function applyLoop(stream: Stream, record: boolean): { ns: number; recordNs: number; recorded: number; digest: number } {
  const engine: BookEngine = new TsBookEngine();
  for (const book of BOOKS) engine.addBook(book);
  const histogram = new LatencyHistogram();
  const recorder = new BatchEndLatencyRecorder(BOOKS.map(() => histogram), 0, 0);
  // A clock whose base is "now − 1 ms": values are the stamps' 0 .. 1 ms plus the time the loop has run.
  const clock = new MonoClock(-performance.now() * 1e6 + 1_000_000, 0);
  const { views, types, offsets, records } = stream;
  let recorded = 0;
  // Time in the recording alone, read around it per gather (1 144 gathers: the timer's own cost is small).
  let recordNs = 0;
  const start = process.hrtime.bigint();
  for (let first = 0; first < records; first += GATHER) {
    const count = Math.min(GATHER, records - first);
    for (let index = 0; index < count; index++) {
      gatherTypes[index] = types[first + index]!;
      gatherOffsets[index] = offsets[first + index]!;
    }
    engine.applyBatch(views, gatherTypes, gatherOffsets, count, clock.now());
    if (record) {
      const before = performance.now();
      recorded += recorder.record(views, gatherTypes, gatherOffsets, 0, count, clock.now());
      recordNs += (performance.now() - before) * 1e6;
    }
  }
  const elapsed = Number(process.hrtime.bigint() - start);
  let digest = 0;
  for (const book of BOOKS) digest += engine.bestPrice(book.instrumentId, 0) + engine.depth(book.instrumentId, 1);
  return { ns: elapsed / stream.updates, recordNs, recorded, digest };
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

export const metricsSuite: BenchSuite = {
  name: 'metrics',
  description: `latency histogram record() vs hdr-histogram-js recordValue (${VALUES / 1e6}M values), and the instrument actor's apply loop with and without book-apply latency recording`,
  run(log): Promise<Metrics> {
    const values = latencyValues();
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let repeat = -1; repeat < RECORD_REPEATS; repeat++) {
      const a = timeOurs(values);
      const b = timeHdr(values);
      if (a.count !== VALUES || b.count !== VALUES) throw new Error(`counts differ: ours ${a.count}, hdr ${b.count}`);
      if (repeat < 0) continue;
      ours.push(a.ns);
      theirs.push(b.ns);
      log(`record round ${repeat + 1}/${RECORD_REPEATS}: ours ${round(a.ns)} ns, hdr-histogram-js ${round(b.ns)} ns per value`);
    }

    const histogram = new LatencyHistogram();
    for (let i = 0; i < values.length; i++) histogram.record(values[i]!);
    const reader = new LatencyHistogramReader(histogram.buffer);
    const snapshots = 2_000;
    let sink = 0;
    const snapshotStart = process.hrtime.bigint();
    for (let i = 0; i < snapshots; i++) sink += reader.snapshot().valueAtPercentileNs(99);
    const snapshotNs = Number(process.hrtime.bigint() - snapshotStart) / snapshots;
    if (sink === 0.5) log('unreachable');

    const stream = generateStream();
    const batchEnds = spreadReceiveStamps(stream);
    log(`stream: ${stream.updates.toLocaleString()} BOOK_LEVEL, ${batchEnds.toLocaleString()} batch ends, ${stream.records.toLocaleString()} records`);
    const plain: number[] = [];
    const recording: number[] = [];
    const recordingPerBatchEnd: number[] = [];
    for (let repeat = -1; repeat < APPLY_REPEATS; repeat++) {
      const a = applyLoop(stream, false);
      const b = applyLoop(stream, true);
      if (a.digest !== b.digest || b.recorded !== batchEnds) throw new Error(`apply loops disagree (digest ${a.digest} / ${b.digest}, recorded ${b.recorded} of ${batchEnds})`);
      if (repeat < 0) continue;
      plain.push(a.ns);
      recording.push(b.ns);
      recordingPerBatchEnd.push(b.recordNs / b.recorded);
      log(`apply round ${repeat + 1}/${APPLY_REPEATS}: ${round(a.ns)} ns without, ${round(b.ns)} ns with recording per update; recording ${round(b.recordNs / b.recorded)} ns per batch end`);
    }
    const oursNs = median(ours);
    const hdrNs = median(theirs);
    const plainNs = median(plain);
    const recordingNs = median(recording);
    return Promise.resolve({
      record_ns_per_value: metric(round(oursNs), 'ns', 'lower'),
      hdr_record_value_ns_per_value: metric(round(hdrNs), 'ns', 'lower'),
      record_speedup_over_hdr: metric(round(hdrNs / oursNs), 'x', 'higher'),
      snapshot_p99_us: metric(round(snapshotNs / 1000), 'µs', 'lower'),
      apply_ns_per_update: metric(round(plainNs), 'ns', 'lower'),
      apply_with_latency_ns_per_update: metric(round(recordingNs), 'ns', 'lower'),
      latency_recording_overhead: metric(round(recordingNs / plainNs, 3), 'x', 'lower'),
      // Timed around the recorder alone (clock read + scan of the gather + record() per batch end), right after the apply.
      latency_recording_ns_per_batch_end: metric(round(median(recordingPerBatchEnd)), 'ns', 'lower'),
      latency_recording_ns_per_update: metric(round((median(recordingPerBatchEnd) * batchEnds) / stream.updates), 'ns', 'lower'),
    });
  },
};
