// A copy of a latency histogram's counts and sum: percentiles (hdr-histogram-js's rule), merging, and coarse cumulative buckets for Prometheus.
import { LATENCY_BUCKETS, latencyBucketLowerNs, latencyBucketUpperNs } from './latency-buckets.js';

export class LatencySnapshot {
  private constructor(
    /** Values per bucket (latency-buckets.ts layout), widened to doubles. */
    readonly counts: Float64Array,
    private summed: number,
  ) {}

  /** Copies `counts` (LATENCY_BUCKETS entries). */
  static of(counts: ArrayLike<number>, sumNs: number): LatencySnapshot {
    if (counts.length !== LATENCY_BUCKETS) throw new RangeError(`a latency snapshot has ${LATENCY_BUCKETS} buckets, got ${counts.length}`);
    return new LatencySnapshot(Float64Array.from(counts), sumNs);
  }

  static empty(): LatencySnapshot {
    return new LatencySnapshot(new Float64Array(LATENCY_BUCKETS), 0);
  }

  get sumNs(): number {
    return this.summed;
  }

  get count(): number {
    let total = 0;
    for (let i = 0; i < LATENCY_BUCKETS; i++) total += this.counts[i]!;
    return total;
  }

  /** Adds another snapshot's counts and sum into this one (the same stage recorded by several threads); returns this. */
  add(other: LatencySnapshot): this {
    for (let i = 0; i < LATENCY_BUCKETS; i++) this.counts[i] = this.counts[i]! + other.counts[i]!;
    this.summed += other.summed;
    return this;
  }

  /**
   * The value at `percentile` (0..100) in ns, by hdr-histogram-js's rule: the smallest bucket whose
   * cumulative count reaches percentileRank(percentile, count), reported as that bucket's exclusive
   * upper edge (so never below the true value, at most 1/32 + 16 ns above it). 0 when empty.
   */
  valueAtPercentileNs(percentile: number): number {
    const total = this.count;
    if (total === 0) return 0;
    const wanted = percentileRank(percentile, total);
    let cumulative = 0;
    for (let i = 0; i < LATENCY_BUCKETS; i++) {
      cumulative += this.counts[i]!;
      if (cumulative >= wanted) return latencyBucketUpperNs(i);
    }
    return latencyBucketUpperNs(LATENCY_BUCKETS - 1);
  }

  /** Lower edge of the lowest bucket holding a value (0 when empty). */
  get minNs(): number {
    for (let i = 0; i < LATENCY_BUCKETS; i++) if (this.counts[i]! > 0) return latencyBucketLowerNs(i);
    return 0;
  }

  /** Upper edge of the highest bucket holding a value (0 when empty). */
  get maxNs(): number {
    for (let i = LATENCY_BUCKETS - 1; i >= 0; i--) if (this.counts[i]! > 0) return latencyBucketUpperNs(i);
    return 0;
  }

  /**
   * Counts per coarse bucket, NOT cumulative: entry j holds the values of the fine buckets that end
   * at or below boundsNs[j] and above boundsNs[j − 1]; the last entry (boundsNs.length) those above
   * the last bound. A bound should be a fine bucket edge (latencyPrometheusBoundsNs gives such);
   * a fine bucket straddling a bound counts above it.
   */
  coarseCounts(boundsNs: readonly number[]): number[] {
    const out = new Array<number>(boundsNs.length + 1).fill(0);
    let bound = 0;
    for (let i = 0; i < LATENCY_BUCKETS; i++) {
      const count = this.counts[i]!;
      const upper = latencyBucketUpperNs(i);
      while (bound < boundsNs.length && upper > boundsNs[bound]!) bound++;
      out[bound] = out[bound]! + count;
    }
    return out;
  }
}

/**
 * The 1-based rank of the value at `percentile` among `count` values, as hdr-histogram-js 3 computes
 * it: the count at the percentile rounded up, less one ulp so float error never skips a value, at least 1.
 */
export function percentileRank(percentile: number, count: number): number {
  const exact = (Math.min(Math.max(percentile, 0), 100) / 100) * count;
  const ulp = exact > 0 ? 2 ** (Math.floor(Math.log2(exact)) - 52) : 0;
  return Math.max(Math.ceil(exact - ulp), 1);
}

/**
 * Coarse bucket bounds for exposition (Prometheus `le`), in ns: two per octave (2^k and 1.5 × 2^k
 * units of 16 ns) from 256 ns to 68.7 s, 57 bounds, each an exact fine bucket edge so the coarse
 * counts are exact. Fine enough for histogram_quantile; the full resolution stays in snapshots.
 */
export function latencyPrometheusBoundsNs(): number[] {
  const bounds: number[] = [];
  for (let k = 4; k <= 32; k++) {
    bounds.push(2 ** k * 16);
    if (k < 32) bounds.push(1.5 * 2 ** k * 16);
  }
  return bounds;
}
