// The trade model of one venue instrument, minute by minute: how many prints, when, at what price and size, from seeded hashes.
//
// Per minute m (epoch minutes) with data (at or after the origin, outside maintenance):
//   - n = Poisson(tradesPerMinute × activity), activity = volatility multiplier^0.75, clamped to
//     1..MAX_TRADES_PER_MINUTE; trade k's time is jittered inside slot k of n equal slots, so
//     times are strictly increasing whole ms;
//   - its price is the touch around the mid (path knots × the venue's basis, linear between
//     knots) at that time: ceil(mid + ½) for a buy, floor(mid − ½) for a sell, one tick further
//     one time in eight; the minute's last trade prints exactly at its closing mid, rounded;
//   - the taker side follows the local slope of the path 70 % of the time; the size is
//     lognormal in lots (median ~600 quote units), at least minSizeLots.
// One 32-bit hash per trade gives all of that, so a trade costs a few ns and any trade k of any
// minute can be computed alone. The caller prepares a minute, then reads trade k into the public
// scratch fields (no object per trade: candle loops fold millions of them).

import { KNOTS_PER_MINUTE, MS_PER_MINUTE, sharedPricePath, type PricePath } from './price-path.js';
import { MaintenanceSchedule } from './maintenance-schedule.js';
import {
  deriveSeed,
  hash32,
  hashPrefix,
  hashStep,
  hashString,
  normal,
  normalQuantile,
  poissonFromUniform,
  tableNormal,
  uniform,
} from './seeded-random.js';
import { instrumentScales } from './sim-instrument.js';
import type { SimInstrument, SimVenue } from './sim-market-types.js';

/** Synthetic trade ids per minute: k in 0..MAX_TRADES_PER_MINUTE − 1 (the rest of 1000 is for live prints). */
export const MAX_TRADES_PER_MINUTE = 500;
export const TRADE_IDS_PER_MINUTE = 1000;

const MS_PER_HOUR = 3_600_000;
/** Trade activity grows with volatility, a little less than proportionally. */
const ACTIVITY_EXPONENT = 0.75;
/** Median trade notional in quote units, and the lognormal sd of trade sizes. */
const MEDIAN_TRADE_NOTIONAL = 600;
const SIZE_SIGMA = 1.1;
/** Largest price this model reaches, as a multiple of the initial price, for the size cap. */
const PRICE_CEILING_FACTOR = 20;
/** Taker side follows the path's local slope with probability 90/128 ≈ 0.7 (7 hash bits). */
const SIDE_FOLLOWS_SLOPE_OF_128 = 90;
/** 10 bits of jitter inside a trade's slot. */
const JITTER_SCALE = 1 / 1024;
const KNOTS_PER_MS = KNOTS_PER_MINUTE / MS_PER_MINUTE;
/** Venue basis: a constant and an hourly-interpolated slow part, in log units (1 bp = 0.0001). */
const BASIS_CONSTANT_SD = 0.0002;
const BASIS_SLOW_SD = 0.0002;
const KNOT_CACHE_SLOTS = 8;

const STREAM_COUNT = 11;
const STREAM_TRADE = 12;
const STREAM_BASIS = 13;

const SIZE_TABLE_BITS = 12;
const SIZE_TABLE_MASK = (1 << SIZE_TABLE_BITS) - 1;
/** exp(SIZE_SIGMA × Φ⁻¹((i + ½) / 4096)): a lognormal multiplier per 12 hash bits (tails at ±3.5σ). */
const SIZE_MULTIPLIERS: Float64Array = (() => {
  const table = new Float64Array(1 << SIZE_TABLE_BITS);
  for (let index = 0; index < table.length; index++) {
    table[index] = Math.exp(SIZE_SIGMA * normalQuantile((index + 0.5) / table.length));
  }
  return table;
})();

export class MinuteTrades {
  readonly originMinute: number;
  readonly maintenance: MaintenanceSchedule;

  // The prepared minute.
  /** Trades in the prepared minute (0: no data). */
  count = 0;
  private preparedMinute = Number.NaN;
  private startMs = 0;
  private slotMs = 0;
  private prefix = 0;
  private readonly knots = new Float64Array(KNOTS_PER_MINUTE + 1);

  // The last trade read by trade(k).
  tsMs = 0;
  priceTicks = 0;
  sizeLots = 0;
  buy = false;

  private readonly path: PricePath;
  private readonly tradeSeed: number;
  private readonly basisSeed: number;
  private readonly basisConstant: number;
  private readonly initialTicks: number;
  private readonly medianLots: number;
  private readonly maxLots: number;
  private readonly minLots: number;
  private readonly tradesPerMinute: number;
  private readonly logKnots = new Float64Array(KNOTS_PER_MINUTE + 1);
  private lastBasisMs = Number.NaN;
  private lastBasis = 0;
  private readonly cacheMinutes = new Float64Array(KNOT_CACHE_SLOTS).fill(Number.NaN);
  private readonly cacheKnots: Float64Array[] = Array.from(
    { length: KNOT_CACHE_SLOTS },
    () => new Float64Array(KNOTS_PER_MINUTE + 1),
  );

  constructor(venue: SimVenue, instrument: SimInstrument, seed: number, originMs: number) {
    this.originMinute = Math.ceil(originMs / MS_PER_MINUTE);
    this.maintenance = new MaintenanceSchedule(seed, venue);
    this.path = sharedPricePath({
      seed,
      asset: instrument.base,
      volatilityPerMinute: instrument.volatilityPerMinute,
      originMs,
    });
    const venueId = hashString(venue);
    const instrumentId = hashString(instrument.canonical);
    this.tradeSeed = deriveSeed(seed, venueId, instrumentId, STREAM_TRADE);
    this.basisSeed = deriveSeed(seed, venueId, instrumentId, STREAM_BASIS);
    this.basisConstant = BASIS_CONSTANT_SD * normal(this.basisSeed, 0, 1);
    const scales = instrumentScales(instrument);
    this.initialTicks = scales.initialTicks;
    const tickValue = scales.tickMantissa / 10 ** instrument.priceDecimals;
    const lotValue = scales.lotMantissa / 10 ** instrument.sizeDecimals;
    this.minLots = Math.max(1, instrument.minSizeLots);
    this.medianLots = Math.max(this.minLots, MEDIAN_TRADE_NOTIONAL / (this.initialTicks * tickValue * lotValue));
    // Keep price × size of one trade far below 2^53 even at PRICE_CEILING_FACTOR × the initial price.
    const productCap = Math.floor(Number.MAX_SAFE_INTEGER / 64 / (this.initialTicks * PRICE_CEILING_FACTOR));
    this.maxLots = Math.max(this.minLots, Math.min(Math.round(this.medianLots * 500), productCap));
    this.tradesPerMinute = instrument.tradesPerMinute;
  }

  /** True when the epoch minute can have trades (from the origin on, outside maintenance). */
  hasData(minute: number): boolean {
    return minute >= this.originMinute && !this.maintenance.contains(minute);
  }

  /** Makes `minute` the prepared one: sets `count` (0 when it has no data). */
  prepare(minute: number): void {
    if (minute === this.preparedMinute) return;
    this.preparedMinute = minute;
    this.startMs = minute * MS_PER_MINUTE;
    const multiplier = this.fillKnotTicks(minute, this.knots);
    if (!this.hasData(minute)) {
      this.count = 0;
      return;
    }
    const mean = this.tradesPerMinute * Math.pow(multiplier, ACTIVITY_EXPONENT);
    const drawn = poissonFromUniform(mean, uniform(this.tradeSeed, minute, STREAM_COUNT));
    this.count = drawn < 1 ? 1 : drawn > MAX_TRADES_PER_MINUTE ? MAX_TRADES_PER_MINUTE : drawn;
    this.slotMs = MS_PER_MINUTE / this.count;
    this.prefix = hashPrefix(this.tradeSeed, minute);
  }

  /**
   * Reads trade k (0 ≤ k < count) of the prepared minute into tsMs/priceTicks/sizeLots/buy, from
   * one 32-bit hash: bits 31–22 the time jitter in the trade's slot, 21–15 the side, 14–12 the
   * extra tick, 11–0 the size quantile.
   */
  trade(k: number): void {
    const hash = hashStep(this.prefix, k);
    const offsetMs = Math.floor((k + ((hash >>> 22) + 0.5) * JITTER_SCALE) * this.slotMs);
    this.tsMs = this.startMs + offsetMs;
    const knots = this.knots;
    const position = offsetMs * KNOTS_PER_MS;
    const segment = Math.floor(position);
    const left = knots[segment]!;
    const right = knots[segment + 1]!;
    const sideBits = (hash >>> 15) & 0x7f;
    const buy =
      right > left
        ? sideBits < SIDE_FOLLOWS_SLOPE_OF_128
        : right < left
          ? sideBits >= SIDE_FOLLOWS_SLOPE_OF_128
          : sideBits < 64;
    this.buy = buy;
    let price: number;
    if (k === this.count - 1) {
      price = Math.round(knots[KNOTS_PER_MINUTE]!);
    } else {
      const mid = left + (right - left) * (position - segment);
      const extra = (hash & 0x7000) === 0 ? 1 : 0;
      price = buy ? Math.ceil(mid + 0.5) + extra : Math.floor(mid - 0.5) - extra;
    }
    this.priceTicks = price < 1 ? 1 : price;
    const lots = Math.round(this.medianLots * SIZE_MULTIPLIERS[hash & SIZE_TABLE_MASK]!);
    this.sizeLots = lots < this.minLots ? this.minLots : lots > this.maxLots ? this.maxLots : lots;
  }

  /** The mid in (fractional) ticks at tsMs: the minute's knots, linear in between. */
  midTicks(tsMs: number): number {
    const minute = Math.floor(tsMs / MS_PER_MINUTE);
    const slot = minute & (KNOT_CACHE_SLOTS - 1);
    const knots = this.cacheKnots[slot]!;
    if (this.cacheMinutes[slot] !== minute) {
      this.fillKnotTicks(minute, knots);
      this.cacheMinutes[slot] = minute;
    }
    const position = (tsMs - minute * MS_PER_MINUTE) * KNOTS_PER_MS;
    const segment = Math.floor(position);
    const left = knots[segment]!;
    const right = knots[segment + 1]!;
    return left + (right - left) * (position - segment);
  }

  /** Fills `out` with the minute's knots in ticks (path level + venue basis); returns the volatility multiplier. */
  private fillKnotTicks(minute: number, out: Float64Array): number {
    const logKnots = this.logKnots;
    const multiplier = this.path.fillMinuteKnots(minute, logKnots);
    const startMs = minute * MS_PER_MINUTE;
    // The basis is slow: evaluated at the minute's ends and interpolated, like the knots.
    const basisStart = this.basisAt(startMs);
    const basisEnd = this.basisAt(startMs + MS_PER_MINUTE);
    for (let knot = 0; knot <= KNOTS_PER_MINUTE; knot++) {
      const basis = basisStart + ((basisEnd - basisStart) * knot) / KNOTS_PER_MINUTE;
      out[knot] = this.initialTicks * Math.exp(logKnots[knot]! + basis);
    }
    return multiplier;
  }

  private basisAt(tsMs: number): number {
    // A minute's start is the previous minute's end: remember the last answer.
    if (tsMs === this.lastBasisMs) return this.lastBasis;
    this.lastBasisMs = tsMs;
    this.lastBasis = this.computeBasis(tsMs);
    return this.lastBasis;
  }

  private computeBasis(tsMs: number): number {
    const hour = Math.floor(tsMs / MS_PER_HOUR);
    const fraction = (tsMs - hour * MS_PER_HOUR) / MS_PER_HOUR;
    const left = tableNormal(hash32(this.basisSeed, hour));
    const right = tableNormal(hash32(this.basisSeed, hour + 1));
    return this.basisConstant + BASIS_SLOW_SD * (left + (right - left) * fraction);
  }
}
