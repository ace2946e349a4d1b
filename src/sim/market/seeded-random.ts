// Counter-based seeded randomness: every draw is a pure hash of (seed, stream ids, index), so any value can be asked in any order.
//
// There is no generator state: the synthetic market asks "the normal of minute m, stream S" and
// gets the same number whether it walked there minute by minute or jumped straight to it. The mix
// is MurmurHash3's 32-bit block step and finaliser (Math.imul, no allocation). Integer arguments
// may be any safe integer (epoch ms, prices in ticks): both 32-bit halves are mixed in.
//
// Two kinds of normal: `normal` (Box-Muller from two hashed uniforms; exact tails, for the price
// path) and `tableNormal` (a 16 384-entry inverse-CDF table indexed by hash bits; tails cut at
// ±3.9σ, several times cheaper, for per-trade and per-level noise where millions are drawn).

const TWO_POW_32 = 4_294_967_296;
const INV_TWO_POW_32 = 1 / TWO_POW_32;
const TWO_PI = 2 * Math.PI;
/** Seed offset for the second uniform of a Box-Muller pair (any odd constant far from small ids). */
const PAIR_SALT = 0x9e3779b9;
/** Means at or below this use exact inversion; above, a rounded normal approximation. */
const POISSON_INVERSION_MAX_MEAN = 30;

/** MurmurHash3 block step: folds one 32-bit word into the running hash. */
function mixWord(hash: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = hash ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Folds a safe integer (both 32-bit halves) into the running hash. */
function mixInteger(hash: number, value: number): number {
  // `>>> 0` is exact modulo 2^32 for any safe integer; the high half needs a real division.
  const low = value >>> 0;
  const high = Math.floor(value * INV_TWO_POW_32) | 0;
  return mixWord(mixWord(hash, low), high);
}

/** MurmurHash3 finaliser (avalanche); returns an unsigned 32-bit integer. */
export function finalizeHash(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Unsigned 32-bit hash of (seed, a, b, c). `seed` is a 32-bit sub-seed (deriveSeed's result: only
 * its low 32 bits count); a, b, c are any safe integers; unused ones default to 0.
 */
export function hash32(seed: number, a: number, b = 0, c = 0): number {
  let h = mixInteger(seed | 0, a);
  h = mixInteger(h, b);
  h = mixInteger(h, c);
  return finalizeHash(h);
}

/**
 * Unfinalised running hash of (seed, a): the shared prefix of many draws (one minute's trades).
 * Pair with hashStep; the result is not itself a random value.
 */
export function hashPrefix(seed: number, a: number): number {
  return mixInteger(seed | 0, a);
}

/** Unsigned 32-bit hash of (prefix, k) for a small non-negative integer k: one block step and the finaliser. */
export function hashStep(prefix: number, k: number): number {
  return finalizeHash(mixWord(prefix, k));
}

/** A second, independent 32-bit value derived from a hash (for when one draw needs more bits). */
export function rehash32(hash: number): number {
  return finalizeHash(hash ^ 0x5bd1e995);
}

/** Hash of a string (FNV-1a then the finaliser): turns venue and symbol names into stream ids. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    h ^= text.charCodeAt(index);
    h = Math.imul(h, 0x01000193);
  }
  return finalizeHash(h);
}

/**
 * Derives a 32-bit sub-seed: the seed of one named part (venue, asset, purpose) of a model. The
 * whole safe-integer `seed` counts (seeds 2^32 apart differ), unlike hash32's first argument.
 */
export function deriveSeed(seed: number, a: number, b = 0, purpose = 0): number {
  let h = mixInteger(0x2545f491, seed);
  h = mixInteger(h, a);
  h = mixInteger(h, b);
  return finalizeHash(mixInteger(h, purpose));
}

/** Uniform in [0, 1) from an unsigned 32-bit hash. */
export function unitOf(hash: number): number {
  return hash * INV_TWO_POW_32;
}

/** Uniform in [0, 1) for (seed, a, b, c). */
export function uniform(seed: number, a: number, b = 0, c = 0): number {
  return hash32(seed, a, b, c) * INV_TWO_POW_32;
}

/** Standard normal for (seed, a, b, c) by Box-Muller from two hashed uniforms. */
export function normal(seed: number, a: number, b = 0, c = 0): number {
  // (h + 1) / 2^32 lies in (0, 1]: log never sees 0.
  const u1 = (hash32(seed, a, b, c) + 1) * INV_TWO_POW_32;
  const u2 = hash32(seed ^ PAIR_SALT, a, b, c) * INV_TWO_POW_32;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2);
}

/** Lognormal exp(mu + sigma × N(0,1)) for (seed, a, b, c). */
export function lognormal(mu: number, sigma: number, seed: number, a: number, b = 0, c = 0): number {
  return Math.exp(mu + sigma * normal(seed, a, b, c));
}

/**
 * Poisson variate of `mean` from one uniform in [0, 1): exact inversion for small means, a rounded
 * normal (mean + √mean × z, z from the same uniform through the table) for large ones. Never negative.
 */
export function poissonFromUniform(mean: number, unit: number): number {
  if (!(mean > 0)) return 0;
  if (mean <= POISSON_INVERSION_MAX_MEAN) {
    let probability = Math.exp(-mean);
    let cumulative = probability;
    let count = 0;
    // Bounded: past mean + 20√mean + 20 the remaining mass is far below 2^-32.
    const limit = mean + 20 * Math.sqrt(mean) + 20;
    while (unit >= cumulative && count < limit) {
      count++;
      probability *= mean / count;
      cumulative += probability;
    }
    return count;
  }
  const value = Math.round(mean + Math.sqrt(mean) * normalQuantile(unit));
  return value > 0 ? value : 0;
}

// ---------------------------------------------------------------------------------------------
// Table normal
// ---------------------------------------------------------------------------------------------

const TABLE_BITS = 14;
const TABLE_SIZE = 1 << TABLE_BITS;
const TABLE_SHIFT = 32 - TABLE_BITS;

/** Φ⁻¹ at the midpoints (i + 0.5) / TABLE_SIZE, so the table is symmetric with mean 0. */
const NORMAL_TABLE: Float64Array = buildNormalTable();

function buildNormalTable(): Float64Array {
  const table = new Float64Array(TABLE_SIZE);
  for (let index = 0; index < TABLE_SIZE; index++) table[index] = normalQuantile((index + 0.5) / TABLE_SIZE);
  return table;
}

/** Standard normal from the top bits of an unsigned 32-bit hash (table lookup, ±3.9σ). */
export function tableNormal(hash: number): number {
  return NORMAL_TABLE[hash >>> TABLE_SHIFT]!;
}

/**
 * Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9).
 * `p` outside (0, 1) is clamped to the nearest representable tail.
 */
export function normalQuantile(p: number): number {
  const q = p <= 1e-300 ? 1e-300 : p >= 1 - 1e-16 ? 1 - 1e-16 : p;
  const low = 0.02425;
  if (q < low) {
    const r = Math.sqrt(-2 * Math.log(q));
    return tailQuantile(r);
  }
  if (q > 1 - low) {
    const r = Math.sqrt(-2 * Math.log(1 - q));
    return -tailQuantile(r);
  }
  const s = q - 0.5;
  const r = s * s;
  return (
    ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r + 1.38357751867269e2) * r -
      3.066479806614716e1) *
      r +
      2.506628277459239) *
      s) /
    (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r + 6.680131188771972e1) * r -
      1.328068155288572e1) *
      r +
      1)
  );
}

function tailQuantile(r: number): number {
  return (
    (((((-7.784894002430293e-3 * r - 3.223964580411365e-1) * r - 2.400758277161838) * r - 2.549732539343734) * r +
      4.374664141464968) *
      r +
      2.938163982698783) /
    ((((7.784695709041462e-3 * r + 3.224671290700398e-1) * r + 2.445134137142996) * r + 3.754408661907416) * r + 1)
  );
}

/** 2^32 as a number, for callers turning hashes into uniforms themselves. */
export const HASH_RANGE = TWO_POW_32;
