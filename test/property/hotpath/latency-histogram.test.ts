// Property tests of the shared latency histogram: bucket counts equal a reference bucketing, percentiles within the bucket error and of hdr-histogram-js, exact totals with a writer thread.
import fc from 'fast-check';
import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { startModuleWorker } from '../../../src/actors/module-worker.js';
import { LATENCY_BUCKETS, LATENCY_MAX_NS, latencyBucketIndex, latencyBucketLowerNs, latencyBucketUpperNs } from '../../../src/hotpath/metrics/latency-buckets.js';
import { LatencyHistogram, LatencyHistogramReader } from '../../../src/hotpath/metrics/latency-histogram.js';
import { latencyPrometheusBoundsNs, percentileRank } from '../../../src/hotpath/metrics/latency-snapshot.js';
import { writerValue } from './fixtures/latency-writer-values.js';

/** Bucket edges in 16 ns units written out from the definition (one per unit below 64, then 32 per octave), independent of the index arithmetic. */
const REFERENCE_EDGES: number[] = (() => {
  const edges: number[] = [];
  for (let unit = 0; unit < 64; unit++) edges.push(unit);
  for (let octave = 6; octave < 32; octave++) for (let sub = 32; sub < 64; sub++) edges.push(sub * 2 ** (octave - 5));
  edges.push(2 ** 32);
  return edges;
})();

function referenceBucket(valueNs: number): number {
  const clamped = Number.isNaN(valueNs) ? 0 : Math.min(Math.max(valueNs, 0), LATENCY_MAX_NS);
  const units = Math.floor(clamped / 16);
  // Binary search: the last edge ≤ units.
  let low = 0;
  let high = REFERENCE_EDGES.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (REFERENCE_EDGES[middle]! <= units) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Exact order statistic by hdr-histogram-js's rank rule. */
function referencePercentile(sorted: readonly number[], percentile: number): number {
  return sorted[percentileRank(percentile, sorted.length) - 1]!;
}

const latencyValue = fc.oneof(
  fc.integer({ min: 0, max: 2_000 }),
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.double({ min: 0, max: 70e9, noNaN: true }),
  fc.double({ min: -1e6, max: 1e12 }),
  fc.constantFrom(0, -0, 15.999, 16, 511, 512, 1023, 1024, LATENCY_MAX_NS, LATENCY_MAX_NS + 1, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN),
);

describe('latency bucket layout', () => {
  it('has contiguous, increasing edges, 896 buckets, each at most 1/32 of its lower edge wide above 512 ns', () => {
    expect(LATENCY_BUCKETS).toBe(896);
    expect(REFERENCE_EDGES.length).toBe(LATENCY_BUCKETS + 1);
    for (let i = 0; i < LATENCY_BUCKETS; i++) {
      expect(latencyBucketLowerNs(i)).toBe(REFERENCE_EDGES[i]! * 16);
      expect(latencyBucketUpperNs(i)).toBe(REFERENCE_EDGES[i + 1]! * 16);
      const width = latencyBucketUpperNs(i) - latencyBucketLowerNs(i);
      if (latencyBucketLowerNs(i) >= 512) expect(width / latencyBucketLowerNs(i)).toBeLessThanOrEqual(1 / 32);
      else expect(width).toBe(16);
    }
  });

  it('puts every value in the reference bucket', () => {
    fc.assert(
      fc.property(latencyValue, (value) => {
        expect(latencyBucketIndex(value)).toBe(referenceBucket(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it('exposition bounds are fine bucket edges', () => {
    const edges = new Set(REFERENCE_EDGES.map((edge) => edge * 16));
    for (const bound of latencyPrometheusBoundsNs()) expect(edges.has(bound), String(bound)).toBe(true);
  });
});

describe('LatencyHistogram', () => {
  it('any values: counts per bucket equal the reference, the sum is the clamped sum, percentiles within the bucket error', () => {
    fc.assert(
      fc.property(fc.array(latencyValue, { minLength: 1, maxLength: 400 }), fc.double({ min: 0, max: 100, noNaN: true }), (values, percentile) => {
        const histogram = new LatencyHistogram();
        const reader = new LatencyHistogramReader(histogram.buffer);
        const expected = new Float64Array(LATENCY_BUCKETS);
        let expectedSum = 0;
        for (const value of values) {
          histogram.record(value);
          expected[referenceBucket(value)]!++;
          expectedSum += Number.isNaN(value) ? 0 : Math.min(Math.max(value, 0), LATENCY_MAX_NS);
        }
        const snapshot = reader.snapshot();
        expect(Array.from(snapshot.counts)).toEqual(Array.from(expected));
        expect(snapshot.count).toBe(values.length);
        expect(snapshot.sumNs).toBeCloseTo(expectedSum, 0);
        const clamped = values.map((value) => (Number.isNaN(value) ? 0 : Math.min(Math.max(value, 0), LATENCY_MAX_NS))).sort((a, b) => a - b);
        for (const p of [percentile, 50, 99, 100]) {
          const truth = referencePercentile(clamped, p);
          const reported = snapshot.valueAtPercentileNs(p);
          // Never below the true value; above it by at most the bucket width: 1/32 of it, or 16 ns under 512 ns.
          expect(reported).toBeGreaterThan(truth);
          expect(reported).toBeLessThanOrEqual(Math.max(truth * (1 + 1 / 32), Math.floor(truth / 16) * 16 + 16));
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('p50 / p99 / p99.9 agree with hdr-histogram-js on the same values within the bucket error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 60_000_000_000 }), { minLength: 1, maxLength: 1_000 }), async (values) => {
        const histogram = new LatencyHistogram();
        // 3 significant digits: hdr's own error is 0.1 %; ours is ≤ 1/32.
        const reference = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 70_000_000_000, numberOfSignificantValueDigits: 3, bitBucketSize: 'packed', useWebAssembly: false });
        for (const value of values) {
          histogram.record(value);
          reference.recordValue(value);
        }
        const snapshot = new LatencyHistogramReader(histogram.buffer).snapshot();
        expect(snapshot.count).toBe(reference.totalCount);
        for (const p of [50, 90, 99, 99.9]) {
          const ours = snapshot.valueAtPercentileNs(p);
          const theirs = reference.getValueAtPercentile(p);
          expect(Math.abs(ours - theirs), `p${p}: ours ${ours}, hdr ${theirs}`).toBeLessThanOrEqual(ours / 32 + 16 + theirs / 1000 + 1);
        }
        reference.destroy();
        await Promise.resolve();
      }),
      { numRuns: 150 },
    );
  });

  it('widens u32 bucket counts that wrapped between polls', () => {
    const histogram = new LatencyHistogram();
    const reader = new LatencyHistogramReader(histogram.buffer);
    const index = latencyBucketIndex(5_000);
    // Stand in for 2^32 − 16 earlier values of this bucket (4 billion record calls take too long).
    new Uint32Array(histogram.buffer, 16)[index] = 0xffff_fff0;
    reader.poll();
    histogram.recordMany(5_000, 48);
    expect(new Uint32Array(histogram.buffer, 16)[index]).toBe(32);
    const snapshot = reader.snapshot();
    expect(snapshot.counts[index]).toBe(2 ** 32 + 32);
    expect(snapshot.count).toBe(2 ** 32 + 32);
  });

  it('merges snapshots of several writers of one stage', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    a.recordMany(1_000, 3);
    b.recordMany(1_000_000, 2);
    const merged = new LatencyHistogramReader(a.buffer).snapshot().add(new LatencyHistogramReader(b.buffer).snapshot());
    expect(merged.count).toBe(5);
    expect(merged.sumNs).toBe(2_003_000);
    expect(merged.valueAtPercentileNs(50)).toBe(latencyBucketUpperNs(latencyBucketIndex(1_000)));
    expect(merged.valueAtPercentileNs(99)).toBe(latencyBucketUpperNs(latencyBucketIndex(1_000_000)));
    expect(merged.coarseCounts([1_024, 1_048_576])).toEqual([3, 2, 0]);
  });
});

describe('LatencyHistogram across threads', () => {
  it('a worker records while the main thread reads: counts never go back, totals end exact', async () => {
    const values = 2_000_000;
    const histogram = new LatencyHistogram();
    const reader = new LatencyHistogramReader(histogram.buffer);
    const expected = new Float64Array(LATENCY_BUCKETS);
    let expectedSum = 0;
    for (let i = 0; i < values; i++) {
      const value = writerValue(i);
      expected[latencyBucketIndex(value)]!++;
      expectedSum += value;
    }
    const worker = startModuleWorker(new URL('./fixtures/latency-writer.ts', import.meta.url), { workerData: { buffer: histogram.buffer, values } });
    let done = false;
    const finished = new Promise<void>((resolve, reject) => {
      worker.once('message', () => {
        done = true;
        resolve();
      });
      worker.once('error', reject);
    });
    let previous = reader.snapshot();
    let reads = 0;
    let sawPartial = false;
    while (!done) {
      const snapshot = reader.snapshot();
      for (let i = 0; i < LATENCY_BUCKETS; i++) {
        expect(snapshot.counts[i]!).toBeGreaterThanOrEqual(previous.counts[i]!);
        expect(snapshot.counts[i]!).toBeLessThanOrEqual(expected[i]!);
      }
      if (snapshot.count > 0 && snapshot.count < values) sawPartial = true;
      previous = snapshot;
      reads++;
      // Let the worker's message in.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await finished;
    await worker.terminate();
    const final = reader.snapshot();
    expect(Array.from(final.counts)).toEqual(Array.from(expected));
    expect(final.count).toBe(values);
    expect(final.sumNs).toBe(expectedSum);
    console.log(`latency histogram two-thread test: ${reads} snapshots read while the worker recorded ${values} values (mid-run snapshot seen: ${sawPartial})`);
  }, 60_000);
});
