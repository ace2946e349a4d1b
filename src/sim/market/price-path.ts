// The log-price path of one base asset: day moves with mild mean reversion, minute moves as a heteroskedastic bridge inside each day.
//
// Level X(t) is the log of price / initial price. It is a pure function of (seed, asset, origin, t):
//   - day level: X at the start of UTC day d+1 = X_d − κ·X_d + σ_day·z_d, starting at 0 on the
//     origin's day. κ pulls gently towards the initial price so years of history stay plausible
//     (stationary sd ≈ σ_day / √(2κ) ≈ 0.36 in log for BTC's 6 bp/min).
//   - inside a day, 1440 minute increments σ·v_i·z_i where v_i = hourly regime (lognormal, per
//     day and hour) × burst (about 1 minute in 250 runs at 3–5×), then shifted in proportion to
//     their variances so they sum exactly to the day's increment (a Brownian bridge that keeps
//     each minute's relative volatility). A day's start needs all earlier days: they are summed
//     once from the origin and kept (8 bytes a day), and a day's 1441 levels sit in a small LRU.
//   - inside a minute, KNOTS_PER_MINUTE − 1 knots bridge the two minute boundaries, so the mid
//     moves between closes (the book and the trades follow it).
// Before the origin's day the path is flat at 0.

import { deriveSeed, hashPrefix, hashStep, hashString, normal, tableNormal, uniform } from './seeded-random.js';

export const MS_PER_MINUTE = 60_000;
export const MINUTES_PER_DAY = 1440;
export const MS_PER_DAY = MS_PER_MINUTE * MINUTES_PER_DAY;
/** Intervals a minute is split into by the intra-minute bridge (10 s each). */
export const KNOTS_PER_MINUTE = 6;

/** Daily pull towards the initial price (fraction of the log distance removed per day). */
const MEAN_REVERSION_PER_DAY = 0.002;
/** Lognormal sd of a day's volatility level and of an hour's deviation from it. */
const DAY_REGIME_SIGMA = 0.3;
const HOUR_REGIME_SIGMA = 0.45;
/** Chance that a minute is a burst, and the burst multiplier range. */
const BURST_PROBABILITY = 0.004;
const BURST_MIN = 3;
const BURST_SPAN = 2;
const DAY_CACHE_SIZE = 16;

const STREAM_PATH = 7;
const STREAM_DAY = 1;
const STREAM_DAY_REGIME = 2;
const STREAM_HOUR_REGIME = 3;
const STREAM_MINUTE = 4;
const STREAM_BURST = 5;
const STREAM_KNOT = 6;

export interface PricePathOptions {
  readonly seed: number;
  /** Base asset (`BTC`): the path is shared by every instrument and venue of this asset. */
  readonly asset: string;
  /** Baseline sd of one minute's log return. */
  readonly volatilityPerMinute: number;
  /** Model origin, epoch ms; the path starts at 0 at the start of its UTC day. */
  readonly originMs: number;
}

/** One day of the path. */
export interface DayPath {
  readonly day: number;
  /** Log level at each minute boundary: levels[i] = X(dayStart + i minutes), i = 0..1440. */
  readonly levels: Float64Array;
  /** Volatility multiplier (regime × burst) of each minute; 1 on average. */
  readonly volatility: Float64Array;
}

const SHARED_PATHS = new Map<string, PricePath>();
const SHARED_PATHS_MAX = 64;

/**
 * The path for these options, shared by every history that asks for the same (seed, asset,
 * volatility, origin day): BTC on four venues computes its days once. Sharing is safe because a
 * path is a pure function of its options; its caches only save work.
 */
export function sharedPricePath(options: PricePathOptions): PricePath {
  const key = `${options.seed}|${options.asset}|${options.volatilityPerMinute}|${Math.floor(options.originMs / MS_PER_DAY)}`;
  let path = SHARED_PATHS.get(key);
  if (path === undefined) {
    if (SHARED_PATHS.size >= SHARED_PATHS_MAX) SHARED_PATHS.clear();
    path = new PricePath(options);
    SHARED_PATHS.set(key, path);
  }
  return path;
}

export class PricePath {
  readonly volatilityPerMinute: number;
  readonly originDay: number;
  private readonly seed: number;
  private readonly knotSeed: number;
  private readonly dayVolatility: number;
  /** dayStarts[i] = X at the start of day originDay + i; valid for i < computedDays. */
  private dayStarts = new Float64Array(1024);
  private computedDays = 1;
  private readonly dayCache = new Map<number, DayPath>();
  private lastDay: DayPath | undefined;

  constructor(options: PricePathOptions) {
    this.seed = deriveSeed(options.seed, hashString(options.asset), 0, STREAM_PATH);
    this.knotSeed = deriveSeed(options.seed, hashString(options.asset), 0, STREAM_KNOT);
    this.volatilityPerMinute = options.volatilityPerMinute;
    this.dayVolatility = options.volatilityPerMinute * Math.sqrt(MINUTES_PER_DAY);
    this.originDay = Math.floor(options.originMs / MS_PER_DAY);
  }

  /** X at the start of UTC day `day` (epoch days). */
  dayStartLevel(day: number): number {
    const index = day - this.originDay;
    if (index <= 0) return 0;
    if (index >= this.computedDays) this.extendDays(index + 1);
    return this.dayStarts[index]!;
  }

  /** The day's minute levels and volatilities (cached). */
  dayPath(day: number): DayPath {
    // Minutes are asked in runs: the last day answers most calls without touching the LRU.
    if (this.lastDay !== undefined && this.lastDay.day === day) return this.lastDay;
    const path = this.lruDayPath(day);
    this.lastDay = path;
    return path;
  }

  private lruDayPath(day: number): DayPath {
    const cached = this.dayCache.get(day);
    if (cached !== undefined) {
      // Re-insert: Map keeps insertion order, so the first key is the least recently used.
      this.dayCache.delete(day);
      this.dayCache.set(day, cached);
      return cached;
    }
    const path = this.buildDay(day);
    if (this.dayCache.size >= DAY_CACHE_SIZE) this.dayCache.delete(this.dayCache.keys().next().value!);
    this.dayCache.set(day, path);
    return path;
  }

  /**
   * Fills `out` (length KNOTS_PER_MINUTE + 1) with X at the minute's knots: out[0] at the minute's
   * start, out[KNOTS] at its end (= the next minute's out[0], exactly). Returns the minute's
   * volatility multiplier.
   */
  fillMinuteKnots(minute: number, out: Float64Array): number {
    const day = Math.floor(minute / MINUTES_PER_DAY);
    const path = this.dayPath(day);
    const index = minute - day * MINUTES_PER_DAY;
    const start = path.levels[index]!;
    const end = path.levels[index + 1]!;
    const multiplier = path.volatility[index]!;
    out[0] = start;
    out[KNOTS_PER_MINUTE] = end;
    if (day < this.originDay) {
      for (let knot = 1; knot < KNOTS_PER_MINUTE; knot++) out[knot] = start;
      return multiplier;
    }
    // Sequential Brownian bridge from start to end with the minute's variance.
    const variance = this.volatilityPerMinute * multiplier * this.volatilityPerMinute * multiplier;
    const step = 1 / KNOTS_PER_MINUTE;
    let level = start;
    const prefix = hashPrefix(this.knotSeed, minute);
    for (let knot = 1; knot < KNOTS_PER_MINUTE; knot++) {
      const remainingBefore = 1 - (knot - 1) * step;
      const remainingAfter = 1 - knot * step;
      const mean = level + ((end - level) * step) / remainingBefore;
      const sd = Math.sqrt((variance * step * remainingAfter) / remainingBefore);
      level = mean + sd * tableNormal(hashStep(prefix, knot));
      out[knot] = level;
    }
    return multiplier;
  }

  private extendDays(count: number): void {
    if (count > this.dayStarts.length) {
      let length = this.dayStarts.length;
      while (length < count) length *= 2;
      const grown = new Float64Array(length);
      grown.set(this.dayStarts.subarray(0, this.computedDays));
      this.dayStarts = grown;
    }
    for (let index = this.computedDays; index < count; index++) {
      const previous = this.dayStarts[index - 1]!;
      this.dayStarts[index] = previous + this.dayIncrement(this.originDay + index - 1, previous);
    }
    this.computedDays = count;
  }

  private dayIncrement(day: number, level: number): number {
    return -MEAN_REVERSION_PER_DAY * level + this.dayVolatility * normal(this.seed, STREAM_DAY, day);
  }

  private buildDay(day: number): DayPath {
    const levels = new Float64Array(MINUTES_PER_DAY + 1);
    const volatility = new Float64Array(MINUTES_PER_DAY);
    if (day < this.originDay) {
      volatility.fill(1);
      return { day, levels, volatility };
    }
    const seed = this.seed;
    const startLevel = this.dayStartLevel(day);
    const endLevel = this.dayStartLevel(day + 1);
    const dayRegime = DAY_REGIME_SIGMA * normal(seed, STREAM_DAY_REGIME, day);
    // Subtracting half the variance makes the multiplier's mean 1.
    const meanCorrection = 0.5 * (DAY_REGIME_SIGMA * DAY_REGIME_SIGMA + HOUR_REGIME_SIGMA * HOUR_REGIME_SIGMA);
    const firstMinute = day * MINUTES_PER_DAY;
    let regime = 1;
    let sum = 0;
    let varianceSum = 0;
    for (let index = 0; index < MINUTES_PER_DAY; index++) {
      if (index % 60 === 0) {
        const hourZ = normal(seed, STREAM_HOUR_REGIME, day * 24 + index / 60);
        regime = Math.exp(dayRegime + HOUR_REGIME_SIGMA * hourZ - meanCorrection);
      }
      const minute = firstMinute + index;
      const burstDraw = uniform(seed, STREAM_BURST, minute);
      const burst =
        burstDraw < BURST_PROBABILITY ? BURST_MIN + (BURST_SPAN * burstDraw) / BURST_PROBABILITY : 1;
      const multiplier = regime * burst;
      volatility[index] = multiplier;
      const sd = this.volatilityPerMinute * multiplier;
      const increment = sd * normal(seed, STREAM_MINUTE, minute);
      levels[index + 1] = increment; // increments for now; summed below
      sum += increment;
      varianceSum += sd * sd;
    }
    // Bridge: spread the gap to the day's increment over minutes in proportion to their variance.
    const gap = endLevel - startLevel - sum;
    let level = startLevel;
    levels[0] = startLevel;
    for (let index = 0; index < MINUTES_PER_DAY; index++) {
      const sd = this.volatilityPerMinute * volatility[index]!;
      level += levels[index + 1]! + (gap * sd * sd) / varianceSum;
      levels[index + 1] = level;
    }
    // Exactly the next day's start, whatever rounding the sum collected.
    levels[MINUTES_PER_DAY] = endLevel;
    return { day, levels, volatility };
  }
}
