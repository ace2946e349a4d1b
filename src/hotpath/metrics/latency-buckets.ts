// Bucket layout of the shared latency histograms: log-linear (HDR-style) buckets over 16 ns units, 0 .. 68.7 s, ≤ 1/32 relative width.
//
// A value v (nanoseconds) is quantised to units u = floor(v / 16), clamped to [0, 2^32 − 1]. Units
// below 32 get one bucket each (exact to 16 ns: every value under 512 ns). Above, each power of two
// [2^k, 2^(k+1)) is split into 32 equal sub-buckets, so a bucket is at most 1/32 (3.1 %) of its
// lower edge wide, whatever the magnitude:
//
//   magnitude = floor(log2 u)            (−1 for u = 0)
//   shift     = max(magnitude − 5, 0)
//   index     = shift × 32 + (u >>> shift)
//
// u < 64 maps to itself; u in [64, 128) to 64 + (u − 64) / 2; ... the index is continuous and
// monotonic. The top unit 2^32 − 1 (68.72 s) lands in index 895, so there are 896 buckets.
// Bucket i covers units [lowerUnits(i), lowerUnits(i + 1)); the exclusive upper edge is what
// percentiles report (never below the true value, at most 1/32 + 16 ns above it).

export const LATENCY_UNIT_NS = 16;
export const LATENCY_SUB_BUCKET_BITS = 5;
export const LATENCY_SUB_BUCKETS = 1 << LATENCY_SUB_BUCKET_BITS;
/** Largest unit a value is clamped to (2^32 − 1), and in ns (~68.72 s). */
export const LATENCY_MAX_UNITS = 0xffff_ffff;
export const LATENCY_MAX_NS = LATENCY_MAX_UNITS * LATENCY_UNIT_NS;
export const LATENCY_BUCKETS = (32 - LATENCY_SUB_BUCKET_BITS + 1) * LATENCY_SUB_BUCKETS;

const UNITS_PER_NS = 1 / LATENCY_UNIT_NS;

/**
 * Bucket of a value in ns. Negative values (cross-thread clock skew, bounded by the calibration
 * uncertainty: tens of ns) and NaN count as 0; values past LATENCY_MAX_NS count in the top bucket.
 * Branch-free: Math.min/max compile to float min/max, clz32 to lzcnt.
 */
export function latencyBucketIndex(valueNs: number): number {
  const units = (Math.min(Math.max(valueNs, 0), LATENCY_MAX_NS) * UNITS_PER_NS) >>> 0;
  const shift = Math.max(31 - Math.clz32(units) - LATENCY_SUB_BUCKET_BITS, 0);
  return shift * LATENCY_SUB_BUCKETS + (units >>> shift);
}

/** First unit of bucket `index` (0 ≤ index ≤ LATENCY_BUCKETS; index LATENCY_BUCKETS gives 2^32, the end of the last). */
export function latencyBucketLowerUnits(index: number): number {
  const shift = Math.max(Math.floor(index / LATENCY_SUB_BUCKETS) - 1, 0);
  return (index - shift * LATENCY_SUB_BUCKETS) * 2 ** shift;
}

/** Inclusive lower edge of bucket `index` in ns. */
export function latencyBucketLowerNs(index: number): number {
  return latencyBucketLowerUnits(index) * LATENCY_UNIT_NS;
}

/** Exclusive upper edge of bucket `index` in ns (the lower edge of the next). */
export function latencyBucketUpperNs(index: number): number {
  return latencyBucketLowerUnits(index + 1) * LATENCY_UNIT_NS;
}
