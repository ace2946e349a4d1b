// Deterministic trades and candles of one venue instrument: Poisson prints along the price path, maintenance gaps, cached minute aggregates.
//
// Everything is a pure function of (seed, venue, instrument, origin, time); the caches only save
// work. Per minute m (epoch minutes) with data:
//   - n = Poisson(tradesPerMinute × activity), activity rising with the path's volatility, clamped
//     to 1..500; trade k's time is jittered in slot k of n equal slots (strictly increasing ms);
//   - its price is the mid (path knots + the venue's basis, linear between knots) at that time,
//     rounded up for a buy and down for a sell (sometimes one tick further); the last trade of the
//     minute prints exactly at the minute's closing mid, rounded;
//   - taker side follows the local slope of the path 70 % of the time; size is lognormal in lots.
// Candles never materialise trades: one loop per minute folds price/size into scratch fields, a
// day's 1440 minute aggregates are cached (LRU) and whole days are folded once more into day
// summaries, so 1d/1w/1M reuse them.
//
// A trade exists at time `nowMs` iff its tsMs < nowMs (the forming candle and tradesFromId agree).

import { bucketStartMs, nextBucketStartMs, type Timeframe } from '../../model/timeframe.js';
import type { SimListing } from '../exchange/sim-exchange-contract.js';
import type { SyntheticMarketHistory } from './market-contract.js';
import { KNOTS_PER_MINUTE, MINUTES_PER_DAY, MS_PER_MINUTE, PricePath } from './price-path.js';
import {
  deriveSeed,
  hash32,
  hashPrefix,
  hashStep,
  hashString,
  normal,
  poissonFromUniform,
  rehash32,
  tableNormal,
  uniform,
} from './seeded-random.js';
import { instrumentScales } from './sim-instrument.js';
import type { SimCandle, SimInstrument, SimTrade, SimVenue } from './sim-market-types.js';

/** Synthetic trade ids per minute: k in 0..MAX_TRADES_PER_MINUTE − 1 (the rest of 1000 is for live prints). */
export const MAX_TRADES_PER_MINUTE = 500;
export const TRADE_IDS_PER_MINUTE = 1000;
export const DEFAULT_ORIGIN_MS = Date.UTC(2024, 0, 1);

const MS_PER_HOUR = 3_600_000;
/** Maintenance: one chance per block of 60 days, 1–3 h long. */
const MAINTENANCE_BLOCK_MINUTES = 60 * MINUTES_PER_DAY;
const MAINTENANCE_PROBABILITY = 0.85;
const MAINTENANCE_MIN_MINUTES = 60;
const MAINTENANCE_SPAN_MINUTES = 121;
/** Trade activity grows with volatility, a little less than proportionally. */
const ACTIVITY_EXPONENT = 0.75;
/** Median trade notional in quote units, and the lognormal sd of trade sizes. */
const MEDIAN_TRADE_NOTIONAL = 600;
const SIZE_SIGMA = 1.1;
/** Largest price this model reaches, as a multiple of the initial price, for the size cap. */
const PRICE_CEILING_FACTOR = 20;
/** Taker side follows the path's local slope with probability 179/256 ≈ 0.7 (8 hash bits). */
const SIDE_FOLLOWS_SLOPE_BITS = 179;
/** A trade goes one tick beyond the mid's rounding with probability 26/256 ≈ 0.1. */
const EXTRA_TICK_BITS = 26;
/** 12 bits of jitter inside a trade's slot. */
const JITTER_SCALE = 1 / 4096;
const KNOTS_PER_MS = KNOTS_PER_MINUTE / MS_PER_MINUTE;
/** Venue basis: a constant and an hourly-interpolated slow part, in log units (1 bp = 0.0001). */
const BASIS_CONSTANT_SD = 0.0002;
const BASIS_SLOW_SD = 0.0002;
const DAY_AGGREGATE_CACHE_SIZE = 48;
const MINUTE_KNOT_CACHE_SLOTS = 8;

const STREAM_COUNT = 11;
const STREAM_TRADE = 12;
const STREAM_BASIS = 13;
const STREAM_MAINTENANCE = 14;

const SIZE_TABLE_BITS = 14;
const SIZE_TABLE_SHIFT = 32 - SIZE_TABLE_BITS;
/** exp(SIZE_SIGMA × z) over the normal table's quantiles: a lognormal multiplier per 14 hash bits. */
const SIZE_MULTIPLIERS: Float64Array = (() => {
  const table = new Float64Array(1 << SIZE_TABLE_BITS);
  for (let index = 0; index < table.length; index++) {
    table[index] = Math.exp(SIZE_SIGMA * tableNormal((index << SIZE_TABLE_SHIFT) >>> 0));
  }
  return table;
})();

export interface MarketHistoryOptions {
  readonly seed: number;
  /** Model origin, epoch ms (default 2024-01-01T00:00Z). */
  readonly originMs?: number;
}

/** The history of one venue listing (see SyntheticMarketHistory). */
export function createMarketHistory(
  venue: SimVenue,
  listing: SimListing,
  options: MarketHistoryOptions,
): SyntheticMarketHistory {
  return new MarketHistory(venue, listing.instrument, options.seed, options.originMs ?? DEFAULT_ORIGIN_MS);
}

/** One day's per-minute aggregates; count 0 = no trade in that minute. */
interface DayAggregate {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** Σ price × size of the minute; NaN when it passed 2^53 (then in `bigQuote`). */
  readonly quote: Float64Array;
  readonly count: Uint16Array;
  readonly bigQuote: Map<number, bigint>;
}

/** One day's totals, or null when the day has no trade. */
interface DaySummary {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly quote: bigint;
  readonly count: number;
}

class MarketHistory implements SyntheticMarketHistory {
  readonly instrument: SimInstrument;
  readonly originMs: number;
  private readonly originMinute: number;
  private readonly path: PricePath;
  private readonly tradeSeed: number;
  private readonly basisSeed: number;
  private readonly maintenanceSeed: number;
  private readonly basisConstant: number;
  private readonly initialTicks: number;
  private readonly medianLots: number;
  private readonly maxLots: number;
  private readonly minLots: number;
  private readonly tradesPerMinute: number;

  private readonly dayAggregates = new Map<number, DayAggregate>();
  private readonly daySummaries = new Map<number, DaySummary | null>();
  private readonly knotScratch = new Float64Array(KNOTS_PER_MINUTE + 1);
  private readonly knotCacheMinutes = new Float64Array(MINUTE_KNOT_CACHE_SLOTS).fill(Number.NaN);
  private readonly knotCacheTicks: Float64Array[] = Array.from(
    { length: MINUTE_KNOT_CACHE_SLOTS },
    () => new Float64Array(KNOTS_PER_MINUTE + 1),
  );

  // The prepared minute (prepareMinute) and the last computed trade (computeTrade): scratch
  // fields instead of objects so the candle loops allocate nothing per trade.
  private preparedMinute = Number.NaN;
  private preparedStartMs = 0;
  private preparedCount = 0;
  private preparedSlotMs = 0;
  private preparedPrefix = 0;
  private readonly preparedKnots = new Float64Array(KNOTS_PER_MINUTE + 1);
  private tradeTsMs = 0;
  private tradePrice = 0;
  private tradeSize = 0;
  private tradeBuy = false;

  // Candle accumulator.
  private accCount = 0;
  private accOpen = 0;
  private accHigh = 0;
  private accLow = 0;
  private accClose = 0;
  private accVolume = 0;
  private accQuote = 0;
  private accQuoteBig = 0n;

  constructor(venue: SimVenue, instrument: SimInstrument, seed: number, originMs: number) {
    if (!Number.isSafeInteger(originMs)) throw new RangeError(`originMs must be an integer epoch ms (got ${originMs})`);
    this.instrument = instrument;
    this.originMs = originMs;
    this.originMinute = Math.ceil(originMs / MS_PER_MINUTE);
    this.path = new PricePath({
      seed,
      asset: instrument.base,
      volatilityPerMinute: instrument.volatilityPerMinute,
      originMs,
    });
    const venueId = hashString(venue);
    const instrumentId = hashString(instrument.canonical);
    this.tradeSeed = deriveSeed(seed, venueId, instrumentId);
    this.basisSeed = deriveSeed(seed ^ STREAM_BASIS, venueId, instrumentId);
    this.maintenanceSeed = deriveSeed(seed ^ STREAM_MAINTENANCE, venueId);
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

  hasData(minuteStartMs: number): boolean {
    const minute = Math.floor(minuteStartMs / MS_PER_MINUTE);
    return minute >= this.originMinute && !this.inMaintenance(minute);
  }

  maintenanceWindows(fromMs: number, toMs: number): Array<readonly [number, number]> {
    const windows: Array<readonly [number, number]> = [];
    if (!(toMs > fromMs)) return windows;
    const firstBlock = Math.floor(Math.floor(fromMs / MS_PER_MINUTE) / MAINTENANCE_BLOCK_MINUTES);
    const lastBlock = Math.floor(Math.floor((toMs - 1) / MS_PER_MINUTE) / MAINTENANCE_BLOCK_MINUTES);
    for (let block = firstBlock; block <= lastBlock; block++) {
      const start = this.maintenanceStart(block);
      if (start < 0) continue;
      const startMs = start * MS_PER_MINUTE;
      const endMs = (start + this.maintenanceLength(block)) * MS_PER_MINUTE;
      if (startMs < toMs && endMs > fromMs) windows.push([startMs, endMs] as const);
    }
    return windows;
  }

  midTicks(tsMs: number): number {
    const minute = Math.floor(tsMs / MS_PER_MINUTE);
    const knots = this.cachedKnots(minute);
    return interpolate(knots, (tsMs - minute * MS_PER_MINUTE) / MS_PER_MINUTE);
  }

  trades(fromMs: number, toMs: number, limit: number): SimTrade[] {
    const result: SimTrade[] = [];
    const start = Math.max(fromMs, this.originMinute * MS_PER_MINUTE);
    if (!(limit > 0) || !(toMs > start)) return result;
    const endMinute = Math.ceil(toMs / MS_PER_MINUTE);
    for (let minute = Math.floor(start / MS_PER_MINUTE); minute < endMinute; minute++) {
      this.prepareMinute(minute);
      for (let k = 0; k < this.preparedCount; k++) {
        this.computeTrade(k);
        if (this.tradeTsMs < start) continue;
        if (this.tradeTsMs >= toMs) break;
        result.push(this.tradeObject(minute, k));
        if (result.length >= limit) return result;
      }
    }
    return result;
  }

  tradesFromId(fromId: number, limit: number, nowMs: number): SimTrade[] {
    const result: SimTrade[] = [];
    if (!(limit > 0) || !Number.isFinite(fromId)) return result;
    let minute = Math.floor(fromId / TRADE_IDS_PER_MINUTE);
    let firstK = fromId - minute * TRADE_IDS_PER_MINUTE;
    if (minute < this.originMinute) {
      minute = this.originMinute;
      firstK = 0;
    }
    for (; minute * MS_PER_MINUTE < nowMs; minute++, firstK = 0) {
      this.prepareMinute(minute);
      for (let k = Math.ceil(firstK); k < this.preparedCount; k++) {
        this.computeTrade(k);
        if (this.tradeTsMs >= nowMs) return result;
        result.push(this.tradeObject(minute, k));
        if (result.length >= limit) return result;
      }
    }
    return result;
  }

  candles(timeframe: Timeframe, fromMs: number, toMs: number, limit: number, nowMs: number): SimCandle[] {
    const result: SimCandle[] = [];
    if (!(limit > 0)) return result;
    const originStart = this.originMinute * MS_PER_MINUTE;
    let bucket = bucketStartMs(timeframe, Math.max(Math.floor(fromMs), originStart));
    if (bucket < fromMs) bucket = nextBucketStartMs(timeframe, bucket);
    while (bucket < toMs && bucket <= nowMs && result.length < limit) {
      const next = nextBucketStartMs(timeframe, bucket);
      const closed = next <= nowMs;
      this.aggregate(bucket, closed ? next : nowMs);
      if (this.accCount > 0) {
        result.push({
          openTimeMs: bucket,
          closeTimeMs: next,
          open: this.accOpen,
          high: this.accHigh,
          low: this.accLow,
          close: this.accClose,
          volumeLots: this.accVolume,
          quoteVolumeTickLots: this.accQuoteBig + BigInt(this.accQuote),
          tradeCount: this.accCount,
          closed,
        });
      }
      bucket = next;
    }
    return result;
  }

  // -------------------------------------------------------------------------------------------
  // Aggregation
  // -------------------------------------------------------------------------------------------

  /** Folds every trade with tsMs in [startMs, endMs) into the accumulator; startMs is a whole minute. */
  private aggregate(startMs: number, endMs: number): void {
    this.accCount = 0;
    this.accVolume = 0;
    this.accQuote = 0;
    this.accQuoteBig = 0n;
    const fullEnd = Math.floor(endMs / MS_PER_MINUTE);
    let minute = Math.max(startMs / MS_PER_MINUTE, this.originMinute);
    while (minute < fullEnd) {
      const day = Math.floor(minute / MINUTES_PER_DAY);
      const dayFirst = day * MINUTES_PER_DAY;
      const dayEnd = dayFirst + MINUTES_PER_DAY;
      if (minute === dayFirst && dayEnd <= fullEnd) {
        const summary = this.daySummary(day);
        if (summary !== null) this.addSummary(summary);
        minute = dayEnd;
        continue;
      }
      const aggregate = this.dayAggregate(day);
      const end = Math.min(dayEnd, fullEnd);
      for (let index = minute - dayFirst; index < end - dayFirst; index++) this.addMinute(aggregate, index);
      minute = end;
    }
    if (endMs > fullEnd * MS_PER_MINUTE && fullEnd >= this.originMinute && fullEnd * MS_PER_MINUTE >= startMs) {
      this.addPartialMinute(fullEnd, endMs);
    }
  }

  private addValues(open: number, high: number, low: number, close: number, volume: number, count: number): void {
    if (this.accCount === 0) {
      this.accOpen = open;
      this.accHigh = high;
      this.accLow = low;
    } else {
      if (high > this.accHigh) this.accHigh = high;
      if (low < this.accLow) this.accLow = low;
    }
    this.accClose = close;
    this.accVolume += volume;
    this.accCount += count;
  }

  private addQuote(quote: number): void {
    if (this.accQuote > Number.MAX_SAFE_INTEGER - quote) {
      this.accQuoteBig += BigInt(this.accQuote);
      this.accQuote = 0;
    }
    this.accQuote += quote;
  }

  private addMinute(aggregate: DayAggregate, index: number): void {
    const count = aggregate.count[index]!;
    if (count === 0) return;
    this.addValues(
      aggregate.open[index]!,
      aggregate.high[index]!,
      aggregate.low[index]!,
      aggregate.close[index]!,
      aggregate.volume[index]!,
      count,
    );
    const quote = aggregate.quote[index]!;
    if (Number.isNaN(quote)) this.accQuoteBig += aggregate.bigQuote.get(index)!;
    else this.addQuote(quote);
  }

  private addSummary(summary: DaySummary): void {
    this.addValues(summary.open, summary.high, summary.low, summary.close, summary.volume, summary.count);
    this.accQuoteBig += summary.quote;
  }

  private addPartialMinute(minute: number, endMs: number): void {
    this.prepareMinute(minute);
    for (let k = 0; k < this.preparedCount; k++) {
      this.computeTrade(k);
      if (this.tradeTsMs >= endMs) break;
      const price = this.tradePrice;
      this.addValues(price, price, price, price, this.tradeSize, 1);
      this.addQuote(price * this.tradeSize);
    }
  }

  private dayAggregate(day: number): DayAggregate {
    const cached = this.dayAggregates.get(day);
    if (cached !== undefined) {
      this.dayAggregates.delete(day);
      this.dayAggregates.set(day, cached);
      return cached;
    }
    const aggregate = this.buildDayAggregate(day);
    // The day's totals cost one more pass over 1440 minutes; kept so 1d/1w/1M never rebuild the day.
    if (!this.daySummaries.has(day)) this.daySummaries.set(day, summarize(aggregate));
    if (this.dayAggregates.size >= DAY_AGGREGATE_CACHE_SIZE) {
      this.dayAggregates.delete(this.dayAggregates.keys().next().value!);
    }
    this.dayAggregates.set(day, aggregate);
    return aggregate;
  }

  private buildDayAggregate(day: number): DayAggregate {
    const aggregate: DayAggregate = {
      open: new Float64Array(MINUTES_PER_DAY),
      high: new Float64Array(MINUTES_PER_DAY),
      low: new Float64Array(MINUTES_PER_DAY),
      close: new Float64Array(MINUTES_PER_DAY),
      volume: new Float64Array(MINUTES_PER_DAY),
      quote: new Float64Array(MINUTES_PER_DAY),
      count: new Uint16Array(MINUTES_PER_DAY),
      bigQuote: new Map(),
    };
    const firstMinute = day * MINUTES_PER_DAY;
    for (let index = 0; index < MINUTES_PER_DAY; index++) {
      this.prepareMinute(firstMinute + index);
      const count = this.preparedCount;
      if (count === 0) continue;
      let high = -Infinity;
      let low = Infinity;
      let volume = 0;
      let quote = 0;
      let quoteBig = 0n;
      let open = 0;
      for (let k = 0; k < count; k++) {
        this.computeTrade(k);
        const price = this.tradePrice;
        const size = this.tradeSize;
        if (k === 0) open = price;
        if (price > high) high = price;
        if (price < low) low = price;
        volume += size;
        const product = price * size;
        if (quote > Number.MAX_SAFE_INTEGER - product) {
          quoteBig += BigInt(quote);
          quote = 0;
        }
        quote += product;
      }
      aggregate.open[index] = open;
      aggregate.high[index] = high;
      aggregate.low[index] = low;
      aggregate.close[index] = this.tradePrice;
      aggregate.volume[index] = volume;
      aggregate.count[index] = count;
      if (quoteBig === 0n) {
        aggregate.quote[index] = quote;
      } else {
        aggregate.quote[index] = Number.NaN;
        aggregate.bigQuote.set(index, quoteBig + BigInt(quote));
      }
    }
    return aggregate;
  }

  private daySummary(day: number): DaySummary | null {
    const cached = this.daySummaries.get(day);
    if (cached !== undefined) return cached;
    this.dayAggregate(day);
    return this.daySummaries.get(day)!;
  }

  // -------------------------------------------------------------------------------------------
  // Trades of one minute
  // -------------------------------------------------------------------------------------------

  private prepareMinute(minute: number): void {
    if (minute === this.preparedMinute) return;
    this.preparedMinute = minute;
    this.preparedStartMs = minute * MS_PER_MINUTE;
    const multiplier = this.fillKnotTicks(minute, this.preparedKnots);
    if (minute < this.originMinute || this.inMaintenance(minute)) {
      this.preparedCount = 0;
      return;
    }
    const mean = this.tradesPerMinute * Math.pow(multiplier, ACTIVITY_EXPONENT);
    const drawn = poissonFromUniform(mean, uniform(this.tradeSeed, STREAM_COUNT, minute));
    this.preparedCount = drawn < 1 ? 1 : drawn > MAX_TRADES_PER_MINUTE ? MAX_TRADES_PER_MINUTE : drawn;
    this.preparedSlotMs = MS_PER_MINUTE / this.preparedCount;
    this.preparedPrefix = hashPrefix(this.tradeSeed ^ STREAM_TRADE, minute);
  }

  /**
   * Computes trade k of the prepared minute into the trade scratch fields. One hash gives the time
   * jitter (top 12 bits), the side (next 8) and the extra tick (next 8); a second one the size.
   */
  private computeTrade(k: number): void {
    const timeHash = hashStep(this.preparedPrefix, k);
    const offsetMs = Math.floor((k + ((timeHash >>> 20) + 0.5) * JITTER_SCALE) * this.preparedSlotMs);
    this.tradeTsMs = this.preparedStartMs + offsetMs;
    const knots = this.preparedKnots;
    const position = offsetMs * KNOTS_PER_MS;
    const segment = Math.floor(position);
    const left = knots[segment]!;
    const right = knots[segment + 1]!;
    const sideBits = (timeHash >>> 12) & 0xff;
    const buy = right > left ? sideBits < SIDE_FOLLOWS_SLOPE_BITS : right < left ? sideBits >= SIDE_FOLLOWS_SLOPE_BITS : sideBits < 128;
    this.tradeBuy = buy;
    let price: number;
    if (k === this.preparedCount - 1) {
      price = Math.round(knots[KNOTS_PER_MINUTE]!);
    } else {
      const mid = left + (right - left) * (position - segment);
      const extra = ((timeHash >>> 4) & 0xff) < EXTRA_TICK_BITS ? 1 : 0;
      price = buy ? Math.ceil(mid) + extra : Math.floor(mid) - extra;
    }
    this.tradePrice = price < 1 ? 1 : price;
    const lots = Math.round(this.medianLots * SIZE_MULTIPLIERS[rehash32(timeHash) >>> SIZE_TABLE_SHIFT]!);
    this.tradeSize = lots < this.minLots ? this.minLots : lots > this.maxLots ? this.maxLots : lots;
  }

  private tradeObject(minute: number, k: number): SimTrade {
    return {
      tradeId: minute * TRADE_IDS_PER_MINUTE + k,
      tsMs: this.tradeTsMs,
      priceTicks: this.tradePrice,
      sizeLots: this.tradeSize,
      takerSide: this.tradeBuy ? 'buy' : 'sell',
    };
  }

  // -------------------------------------------------------------------------------------------
  // Mid path in ticks
  // -------------------------------------------------------------------------------------------

  /** Fills `out` with the minute's knots in ticks (path × venue basis); returns the volatility multiplier. */
  private fillKnotTicks(minute: number, out: Float64Array): number {
    const logKnots = this.knotScratch;
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

  private cachedKnots(minute: number): Float64Array {
    const slot = minute & (MINUTE_KNOT_CACHE_SLOTS - 1);
    const knots = this.knotCacheTicks[slot]!;
    if (this.knotCacheMinutes[slot] !== minute) {
      this.fillKnotTicks(minute, knots);
      this.knotCacheMinutes[slot] = minute;
    }
    return knots;
  }

  private basisAt(tsMs: number): number {
    const hour = Math.floor(tsMs / MS_PER_HOUR);
    const fraction = (tsMs - hour * MS_PER_HOUR) / MS_PER_HOUR;
    const left = tableNormal(hash32(this.basisSeed, hour));
    const right = tableNormal(hash32(this.basisSeed, hour + 1));
    return this.basisConstant + BASIS_SLOW_SD * (left + (right - left) * fraction);
  }

  // -------------------------------------------------------------------------------------------
  // Maintenance windows
  // -------------------------------------------------------------------------------------------

  private inMaintenance(minute: number): boolean {
    const block = Math.floor(minute / MAINTENANCE_BLOCK_MINUTES);
    const start = this.maintenanceStart(block);
    return start >= 0 && minute >= start && minute < start + this.maintenanceLength(block);
  }

  /** First minute of the block's window, or -1 when the block has none. */
  private maintenanceStart(block: number): number {
    if (uniform(this.maintenanceSeed, block, 0) >= MAINTENANCE_PROBABILITY) return -1;
    const room = MAINTENANCE_BLOCK_MINUTES - MAINTENANCE_MIN_MINUTES - MAINTENANCE_SPAN_MINUTES;
    return block * MAINTENANCE_BLOCK_MINUTES + Math.floor(uniform(this.maintenanceSeed, block, 1) * room);
  }

  private maintenanceLength(block: number): number {
    return MAINTENANCE_MIN_MINUTES + Math.floor(uniform(this.maintenanceSeed, block, 2) * MAINTENANCE_SPAN_MINUTES);
  }
}

/** A day's totals from its minute aggregates, or null when the day has no trade. */
function summarize(aggregate: DayAggregate): DaySummary | null {
  let count = 0;
  let open = 0;
  let high = 0;
  let low = 0;
  let close = 0;
  let volume = 0;
  let quote = 0n;
  for (let index = 0; index < MINUTES_PER_DAY; index++) {
    const minuteCount = aggregate.count[index]!;
    if (minuteCount === 0) continue;
    if (count === 0) {
      open = aggregate.open[index]!;
      high = aggregate.high[index]!;
      low = aggregate.low[index]!;
    } else {
      if (aggregate.high[index]! > high) high = aggregate.high[index]!;
      if (aggregate.low[index]! < low) low = aggregate.low[index]!;
    }
    close = aggregate.close[index]!;
    volume += aggregate.volume[index]!;
    count += minuteCount;
    const minuteQuote = aggregate.quote[index]!;
    quote += Number.isNaN(minuteQuote) ? aggregate.bigQuote.get(index)! : BigInt(minuteQuote);
  }
  return count === 0 ? null : { open, high, low, close, volume, quote, count };
}

/** Linear interpolation of knot values at `fraction` ∈ [0, 1) of the minute. */
function interpolate(knots: Float64Array, fraction: number): number {
  const position = fraction * KNOTS_PER_MINUTE;
  const segment = Math.floor(position);
  const left = knots[segment]!;
  const right = knots[segment + 1]!;
  return left + (right - left) * (position - segment);
}
