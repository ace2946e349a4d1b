// A latency histogram in shared memory: one thread records (allocation-free), the main thread reads its buckets with Atomics loads on a scrape.
import { LATENCY_BUCKETS, LATENCY_MAX_NS, LATENCY_SUB_BUCKET_BITS, LATENCY_SUB_BUCKETS, LATENCY_UNIT_NS } from './latency-buckets.js';
import { LatencySnapshot } from './latency-snapshot.js';

/*
 * Why not hdr-histogram-js here: its counts live in an array it allocates itself (a JS typed array
 * or its WebAssembly memory), never in a caller's SharedArrayBuffer, and recordValue updates the
 * bucket, totalCount, min and max as separate plain writes, so no other thread can read it. This
 * keeps the HDR idea (log-linear buckets, bounded relative error: latency-buckets.ts) in a layout
 * another thread can read, and LatencySnapshot computes percentiles the way hdr-histogram-js does
 * (tested against it on the same values), so bench figures and /metrics agree.
 *
 * Layout (bytes):
 *   0       8                16                              16 + 4 × LATENCY_BUCKETS
 *   +-------+----------------+-------------------------------+
 *   | sumNs | reserved       | counts: u32 × LATENCY_BUCKETS |
 *   | f64   |                |                               |
 *   +-------+----------------+-------------------------------+
 *
 * Exactly one thread writes (the stage's owner: an instrument actor's worker, or the main thread).
 * It needs no atomic read-modify-write: a bucket is a plain u32 store, which ECMAScript guarantees
 * is never torn (integer typed-array elements are "no-tear"), and a reader's Atomics.load sees the
 * old or the new count, nothing in between. Counts are u32 and wrap at 2^32; the reader widens
 * them (LatencyHistogramReader keeps the last raw value and adds the difference modulo 2^32), so
 * counts are exact as long as the reader polls before any one bucket takes 2^32 more values —
 * 71 minutes at a million values a second into one bucket; the engine polls every few seconds.
 *
 * sumNs is a float64 written plainly. ECMAScript does not promise tear-freedom for float64 (only
 * for integer elements), but V8 compiles an aligned typed-array float64 access to one 8-byte load or
 * store, which is single-copy atomic on x86-64 and arm64 (the engine's other float64 counters rely
 * on the same). It is exact while the total stays below 2^53 ns (104 days of summed latency).
 *
 * A snapshot is not atomic across buckets: a value recorded while the reader walks the buckets may
 * be in the counts but not yet in the sum (the writer stores the count first), so a reader may see
 * the count a few values ahead of the sum. Prometheus averages (sum / count) are off by that
 * for one scrape at most; the next one has both.
 */

export const LATENCY_HISTOGRAM_SUM_OFFSET = 0;
export const LATENCY_HISTOGRAM_COUNTS_OFFSET = 16;
export const LATENCY_HISTOGRAM_BYTES = LATENCY_HISTOGRAM_COUNTS_OFFSET + 4 * LATENCY_BUCKETS;

const UNITS_PER_NS = 1 / LATENCY_UNIT_NS;

/** Shared memory for one histogram, zeroed (cold path). */
export function allocateLatencyHistogram(): SharedArrayBuffer {
  return new SharedArrayBuffer(LATENCY_HISTOGRAM_BYTES);
}

/** The writing side. One per histogram per writing thread; never two writers on one buffer. */
export class LatencyHistogram {
  readonly buffer: SharedArrayBuffer;
  private readonly counts: Uint32Array;
  private readonly sum: Float64Array;

  constructor(buffer: SharedArrayBuffer = allocateLatencyHistogram()) {
    if (buffer.byteLength < LATENCY_HISTOGRAM_BYTES) throw new RangeError(`latency histogram buffer has ${buffer.byteLength} bytes, needs ${LATENCY_HISTOGRAM_BYTES}`);
    this.buffer = buffer;
    this.counts = new Uint32Array(buffer, LATENCY_HISTOGRAM_COUNTS_OFFSET, LATENCY_BUCKETS);
    this.sum = new Float64Array(buffer, LATENCY_HISTOGRAM_SUM_OFFSET, 1);
  }

  /**
   * Counts one value in ns: no allocation, no branch (latencyBucketIndex inlined). Negative values
   * and NaN count as 0, values past 68.7 s as 68.7 s, in the buckets and the sum alike.
   */
  record(valueNs: number): void {
    // `|| 0` turns NaN into 0 for the sum (the bucket arithmetic already maps NaN to unit 0).
    const clamped = Math.min(Math.max(valueNs, 0), LATENCY_MAX_NS) || 0;
    const units = (clamped * UNITS_PER_NS) >>> 0;
    const shift = Math.max(31 - Math.clz32(units) - LATENCY_SUB_BUCKET_BITS, 0);
    const index = shift * LATENCY_SUB_BUCKETS + (units >>> shift);
    const counts = this.counts;
    // A u32 store wraps 2^32 to 0; the reader widens (see the file comment).
    counts[index] = counts[index]! + 1;
    this.sum[0] = this.sum[0]! + clamped;
  }

  /** Counts `count` values of `valueNs` (cold path: tests, merging). */
  recordMany(valueNs: number, count: number): void {
    for (let i = 0; i < count; i++) this.record(valueNs);
  }
}

/**
 * The reading side (any thread; the engine's is the main thread). Keeps the widened counts, so
 * one reader per histogram should poll it regularly (see the file comment); snapshots are copies.
 */
export class LatencyHistogramReader {
  private readonly counts: Uint32Array;
  private readonly sum: Float64Array;
  private readonly lastRaw = new Uint32Array(LATENCY_BUCKETS);
  private readonly widened = new Float64Array(LATENCY_BUCKETS);

  constructor(readonly buffer: SharedArrayBuffer) {
    if (buffer.byteLength < LATENCY_HISTOGRAM_BYTES) throw new RangeError(`latency histogram buffer has ${buffer.byteLength} bytes, needs ${LATENCY_HISTOGRAM_BYTES}`);
    this.counts = new Uint32Array(buffer, LATENCY_HISTOGRAM_COUNTS_OFFSET, LATENCY_BUCKETS);
    this.sum = new Float64Array(buffer, LATENCY_HISTOGRAM_SUM_OFFSET, 1);
  }

  /** Folds what the writer added since the last poll into the widened counts. */
  poll(): void {
    const counts = this.counts;
    const lastRaw = this.lastRaw;
    const widened = this.widened;
    for (let i = 0; i < LATENCY_BUCKETS; i++) {
      const raw = Atomics.load(counts, i);
      // Modulo 2^32: a bucket that wrapped since the last poll still adds the right amount.
      widened[i] = widened[i]! + ((raw - lastRaw[i]!) >>> 0);
      lastRaw[i] = raw;
    }
  }

  /** Polls, then copies the counts and the sum. */
  snapshot(): LatencySnapshot {
    // The sum before the counts: the writer stores a value's count before its sum, so the counts
    // read after it hold every value in it, and perhaps a few more (file comment).
    const sumNs = this.sum[0]!;
    this.poll();
    return LatencySnapshot.of(this.widened, sumNs);
  }
}
