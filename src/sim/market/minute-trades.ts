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

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_INT32 = 2_147_483_647;

/** Trade k's offset in its minute: jittered (hash bits 31–22) inside slot k of `count` equal slots. */
function offsetOf(hash: number, k: number, slotMs: number): number {
  return Math.floor((k + ((hash >>> 22) + 0.5) * JITTER_SCALE) * slotMs);
}

/** Taker side (hash bits 21–15): follows the knot segment's slope 70 % of the time. */
function isBuy(hash: number, knots: Float64Array, offsetMs: number): boolean {
  const segment = Math.floor(offsetMs * KNOTS_PER_MS);
  const left = knots[segment]!;
  const right = knots[segment + 1]!;
  const sideBits = (hash >>> 15) & 0x7f;
  if (right > left) return sideBits < SIDE_FOLLOWS_SLOPE_OF_128;
  if (right < left) return sideBits >= SIDE_FOLLOWS_SLOPE_OF_128;
  return sideBits < 64;
}

/** Trade price: the touch around the mid at its time (one tick beyond when bits 14–12 are 0); the last trade at the close. */
function priceOf(hash: number, k: number, count: number, knots: Float64Array, offsetMs: number, buy: boolean): number {
  let price: number;
  if (k === count - 1) {
    price = Math.round(knots[KNOTS_PER_MINUTE]!);
  } else {
    const position = offsetMs * KNOTS_PER_MS;
    const segment = Math.floor(position);
    const left = knots[segment]!;
    const mid = left + (knots[segment + 1]! - left) * (position - segment);
    const extra = (hash & 0x7000) === 0 ? 1 : 0;
    price = buy ? Math.ceil(mid + 0.5) + extra : Math.floor(mid - 0.5) - extra;
  }
  return price < 1 ? 1 : price;
}

/** Trade size in lots: the instrument's lognormal quantile for hash bits 11–0. */
function sizeOf(hash: number, lotsTable: Int32Array): number {
  return lotsTable[hash & SIZE_TABLE_MASK]!;
}

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

  // The last fold(): the prepared minute's OHLC, Σ size and Σ price × size (foldQuoteBig + foldQuote, exact).
  foldOpen = 0;
  foldHigh = 0;
  foldLow = 0;
  foldClose = 0;
  foldVolume = 0;
  foldQuote = 0;
  foldQuoteBig = 0n;

  private readonly path: PricePath;
  private readonly tradeSeed: number;
  private readonly basisSeed: number;
  private readonly basisConstant: number;
  private readonly initialTicks: number;
  /** Trade size in lots per 12-bit quantile (median × lognormal multiplier, rounded, clamped). */
  private readonly lotsTable: Int32Array;
  private readonly tradesPerMinute: number;
  private readonly logKnots = new Float64Array(KNOTS_PER_MINUTE + 1);
  private lastBasisMs = Number.NaN;
  private lastBasis = 0;
  private basisHour = Number.NaN;
  private basisLeft = 0;
  private basisRight = 0;
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
    const minLots = Math.max(1, instrument.minSizeLots);
    const medianLots = Math.max(minLots, MEDIAN_TRADE_NOTIONAL / (this.initialTicks * tickValue * lotValue));
    // Keep price × size of one trade far below 2^53 even at PRICE_CEILING_FACTOR × the initial price.
    const productCap = Math.floor(Number.MAX_SAFE_INTEGER / 64 / (this.initialTicks * PRICE_CEILING_FACTOR));
    const maxLots = Math.max(minLots, Math.min(Math.round(medianLots * 500), productCap, MAX_INT32));
    // A table lookup instead of multiply/round/clamp per trade: the candle loops' hottest line.
    this.lotsTable = Int32Array.from(SIZE_MULTIPLIERS, (multiplier) => {
      const lots = Math.round(medianLots * multiplier);
      return lots < minLots ? minLots : lots > maxLots ? maxLots : lots;
    });
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
    const offsetMs = offsetOf(hash, k, this.slotMs);
    this.tsMs = this.startMs + offsetMs;
    this.buy = isBuy(hash, this.knots, offsetMs);
    this.priceTicks = priceOf(hash, k, this.count, this.knots, offsetMs, this.buy);
    this.sizeLots = sizeOf(hash, this.lotsTable);
  }

  /**
   * Folds every trade of the prepared minute (count > 0) into the fold fields, with exactly
   * trade(k)'s arithmetic but without its field traffic: the loop candles spend their time in.
   */
  fold(): void {
    const count = this.count;
    const prefix = this.prefix;
    const slotMs = this.slotMs;
    const knots = this.knots;
    const lotsTable = this.lotsTable;
    let open = 0;
    let high = -Infinity;
    let low = Infinity;
    let close = 0;
    let volume = 0;
    let quote = 0;
    let quoteBig = 0n;
    for (let k = 0; k < count; k++) {
      const hash = hashStep(prefix, k);
      const offsetMs = offsetOf(hash, k, slotMs);
      const price = priceOf(hash, k, count, knots, offsetMs, isBuy(hash, knots, offsetMs));
      const size = sizeOf(hash, lotsTable);
      if (k === 0) open = price;
      if (price > high) high = price;
      if (price < low) low = price;
      close = price;
      volume += size;
      const product = price * size;
      if (quote > MAX_SAFE - product) {
        quoteBig += BigInt(quote);
        quote = 0;
      }
      quote += product;
    }
    this.foldOpen = open;
    this.foldHigh = high;
    this.foldLow = low;
    this.foldClose = close;
    this.foldVolume = volume;
    this.foldQuote = quote;
    this.foldQuoteBig = quoteBig;
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
    if (hour !== this.basisHour) {
      // The slow part's hourly knots: two hashes per hour instead of per minute.
      this.basisHour = hour;
      this.basisLeft = tableNormal(hash32(this.basisSeed, hour));
      this.basisRight = tableNormal(hash32(this.basisSeed, hour + 1));
    }
    const fraction = (tsMs - hour * MS_PER_HOUR) / MS_PER_HOUR;
    return this.basisConstant + BASIS_SLOW_SD * (this.basisLeft + (this.basisRight - this.basisLeft) * fraction);
  }
}
