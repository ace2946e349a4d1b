// SyntheticMarketHistory of one venue listing: trades, candles of every timeframe and maintenance windows, from the minute trade model.
//
// Everything is a pure function of (seed, venue, instrument, origin, time); the caches only save
// work. Candles never materialise trades: whole days come from day totals, whole minutes from
// the cached minute aggregates, and only the minute holding `nowMs` is folded trade by trade.
//
// A trade exists at time `nowMs` iff its tsMs ≤ nowMs: the forming candle and tradesFromId agree
// with SimExchange, which streams the trades of (previous step, now] at each step.

import { bucketStartMs, nextBucketStartMs, type Timeframe } from '../../model/timeframe.js';
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_SIM_MARKET } from '../errors.js';
import type { SimListing } from '../exchange/sim-exchange-contract.js';
import type { SyntheticMarketHistory } from './market-contract.js';
import { MinuteAggregates, type DayAggregate, type DaySummary } from './minute-aggregates.js';
import { MinuteTrades, TRADE_IDS_PER_MINUTE, MAX_TRADES_PER_MINUTE } from './minute-trades.js';
import { MINUTES_PER_DAY, MS_PER_MINUTE } from './price-path.js';
import type { SimCandle, SimInstrument, SimTrade, SimVenue } from './sim-market-types.js';

export { MAX_TRADES_PER_MINUTE, TRADE_IDS_PER_MINUTE };

/** Default model origin: 2024-01-01T00:00Z. */
export const DEFAULT_ORIGIN_MS = Date.UTC(2024, 0, 1);

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
  const originMs = options.originMs ?? DEFAULT_ORIGIN_MS;
  if (!Number.isSafeInteger(originMs) || !Number.isFinite(options.seed)) {
    throw new ZvtError(ZVT_ERR_SIM_MARKET, `Market history needs an integer originMs and a finite seed`, {
      originMs,
      seed: options.seed,
    });
  }
  return new MarketHistory(venue, listing.instrument, options.seed, originMs);
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

class MarketHistory implements SyntheticMarketHistory {
  readonly instrument: SimInstrument;
  readonly originMs: number;
  private readonly minutes: MinuteTrades;
  private readonly aggregates: MinuteAggregates;

  // Candle accumulator: fields, not an object, so folding allocates nothing.
  private accCount = 0;
  private accOpen = 0;
  private accHigh = 0;
  private accLow = 0;
  private accClose = 0;
  private accVolume = 0;
  private accQuote = 0;
  private accQuoteBig = 0n;

  constructor(venue: SimVenue, instrument: SimInstrument, seed: number, originMs: number) {
    this.instrument = instrument;
    this.originMs = originMs;
    this.minutes = new MinuteTrades(venue, instrument, seed, originMs);
    this.aggregates = new MinuteAggregates(this.minutes);
  }

  hasData(minuteStartMs: number): boolean {
    return this.minutes.hasData(Math.floor(minuteStartMs / MS_PER_MINUTE));
  }

  maintenanceWindows(fromMs: number, toMs: number): Array<readonly [number, number]> {
    return this.minutes.maintenance.windows(fromMs, toMs);
  }

  midTicks(tsMs: number): number {
    return this.minutes.midTicks(tsMs);
  }

  trades(fromMs: number, toMs: number, limit: number): SimTrade[] {
    const result: SimTrade[] = [];
    const start = Math.max(fromMs, this.minutes.originMinute * MS_PER_MINUTE);
    if (!(limit > 0) || !(toMs > start)) return result;
    const minutes = this.minutes;
    const endMinute = Math.ceil(toMs / MS_PER_MINUTE);
    for (let minute = Math.floor(start / MS_PER_MINUTE); minute < endMinute; minute++) {
      minutes.prepare(minute);
      for (let k = 0; k < minutes.count; k++) {
        minutes.trade(k);
        if (minutes.tsMs < start) continue;
        if (minutes.tsMs >= toMs) break;
        result.push(this.tradeObject(minute, k));
        if (result.length >= limit) return result;
      }
    }
    return result;
  }

  tradesFromId(fromId: number, limit: number, nowMs: number): SimTrade[] {
    const result: SimTrade[] = [];
    if (!(limit > 0) || !Number.isFinite(fromId)) return result;
    const minutes = this.minutes;
    let minute = Math.floor(fromId / TRADE_IDS_PER_MINUTE);
    let firstK = Math.ceil(fromId - minute * TRADE_IDS_PER_MINUTE);
    if (minute < minutes.originMinute) {
      minute = minutes.originMinute;
      firstK = 0;
    }
    const cutoffMs = Math.floor(nowMs) + 1;
    for (; minute * MS_PER_MINUTE < cutoffMs; minute++, firstK = 0) {
      minutes.prepare(minute);
      for (let k = firstK; k < minutes.count; k++) {
        minutes.trade(k);
        if (minutes.tsMs >= cutoffMs) return result;
        result.push(this.tradeObject(minute, k));
        if (result.length >= limit) return result;
      }
    }
    return result;
  }

  candles(timeframe: Timeframe, fromMs: number, toMs: number, limit: number, nowMs: number): SimCandle[] {
    const result: SimCandle[] = [];
    if (!(limit > 0) || !Number.isFinite(fromMs) || !Number.isFinite(nowMs)) return result;
    const originStart = this.minutes.originMinute * MS_PER_MINUTE;
    let bucket = bucketStartMs(timeframe, Math.max(Math.ceil(fromMs), originStart));
    if (bucket < fromMs) bucket = nextBucketStartMs(timeframe, bucket);
    // Trades exist up to and including nowMs: the forming bucket folds [bucket, floor(nowMs) + 1).
    const cutoffMs = Math.floor(nowMs) + 1;
    while (bucket < toMs && bucket <= nowMs && result.length < limit) {
      const next = nextBucketStartMs(timeframe, bucket);
      const closed = next <= nowMs;
      this.aggregate(bucket, closed ? next : Math.min(next, cutoffMs));
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

  private tradeObject(minute: number, k: number): SimTrade {
    const minutes = this.minutes;
    return {
      tradeId: minute * TRADE_IDS_PER_MINUTE + k,
      tsMs: minutes.tsMs,
      priceTicks: minutes.priceTicks,
      sizeLots: minutes.sizeLots,
      takerSide: minutes.buy ? 'buy' : 'sell',
    };
  }

  // -------------------------------------------------------------------------------------------
  // Folding [startMs, endMs) into the accumulator
  // -------------------------------------------------------------------------------------------

  /** Folds every trade with tsMs in [startMs, endMs); startMs is a whole minute. */
  private aggregate(startMs: number, endMs: number): void {
    this.accCount = 0;
    this.accVolume = 0;
    this.accQuote = 0;
    this.accQuoteBig = 0n;
    const originMinute = this.minutes.originMinute;
    const fullEnd = Math.floor(endMs / MS_PER_MINUTE);
    let minute = Math.max(startMs / MS_PER_MINUTE, originMinute);
    while (minute < fullEnd) {
      const day = Math.floor(minute / MINUTES_PER_DAY);
      const dayFirst = day * MINUTES_PER_DAY;
      const dayEnd = dayFirst + MINUTES_PER_DAY;
      if (minute === dayFirst && dayEnd <= fullEnd) {
        const summary = this.aggregates.summary(day);
        if (summary !== null) this.addSummary(summary);
        minute = dayEnd;
        continue;
      }
      const aggregate = this.aggregates.day(day);
      const end = Math.min(dayEnd, fullEnd);
      for (let index = minute - dayFirst; index < end - dayFirst; index++) this.addMinute(aggregate, index);
      minute = end;
    }
    // The minute holding endMs (a forming bucket's "now"), trade by trade.
    if (endMs > fullEnd * MS_PER_MINUTE && fullEnd >= originMinute && fullEnd * MS_PER_MINUTE >= startMs) {
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
    if (this.accQuote > MAX_SAFE - quote) {
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
    const minutes = this.minutes;
    minutes.prepare(minute);
    for (let k = 0; k < minutes.count; k++) {
      minutes.trade(k);
      if (minutes.tsMs >= endMs) break;
      const price = minutes.priceTicks;
      this.addValues(price, price, price, price, minutes.sizeLots, 1);
      this.addQuote(price * minutes.sizeLots);
    }
  }
}
