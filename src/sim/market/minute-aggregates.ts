// Per-minute OHLCV of whole days, folded from the trade model without trade objects, cached (LRU) with day totals kept for good.
//
// A year of 1m candles reads ~365 day aggregates in order, each built once (1440 minutes × the
// minute's trades in one loop); 1d/1w/1M read the day totals, which are kept for the object's
// life (a few dozen bytes a day), so they never rebuild a day a 1m pass already built.
//
// Quote volume Σ price × size is kept exact: each product is below 2^53 (MinuteTrades caps sizes),
// sums are carried into a bigint before they could pass 2^53.

import { MINUTES_PER_DAY } from './price-path.js';
import type { MinuteTrades } from './minute-trades.js';

const DAY_CACHE_SIZE = 48;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** One day's per-minute aggregates; count 0 = no trade in that minute. */
export interface DayAggregate {
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

/** One day's totals. */
export interface DaySummary {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly quote: bigint;
  readonly count: number;
}

export class MinuteAggregates {
  private readonly trades: MinuteTrades;
  private readonly days = new Map<number, DayAggregate>();
  private readonly summaries = new Map<number, DaySummary | null>();
  private lastDay = Number.NaN;
  private lastAggregate: DayAggregate | undefined;

  constructor(trades: MinuteTrades) {
    this.trades = trades;
  }

  /** The day's minute aggregates (epoch day index). */
  day(day: number): DayAggregate {
    // 1m candles ask the same day 1440 times in a row: answer those without touching the LRU.
    if (day === this.lastDay && this.lastAggregate !== undefined) return this.lastAggregate;
    const aggregate = this.lruDay(day);
    this.lastDay = day;
    this.lastAggregate = aggregate;
    return aggregate;
  }

  private lruDay(day: number): DayAggregate {
    const cached = this.days.get(day);
    if (cached !== undefined) {
      // Re-insert: a Map iterates in insertion order, so its first key is the least recently used.
      this.days.delete(day);
      this.days.set(day, cached);
      return cached;
    }
    const aggregate = this.build(day);
    if (!this.summaries.has(day)) this.summaries.set(day, summarize(aggregate));
    if (this.days.size >= DAY_CACHE_SIZE) this.days.delete(this.days.keys().next().value!);
    this.days.set(day, aggregate);
    return aggregate;
  }

  /** The day's totals, or null when the day has no trade. */
  summary(day: number): DaySummary | null {
    const cached = this.summaries.get(day);
    if (cached !== undefined) return cached;
    this.day(day);
    return this.summaries.get(day)!;
  }

  private build(day: number): DayAggregate {
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
    const trades = this.trades;
    const firstMinute = day * MINUTES_PER_DAY;
    for (let index = 0; index < MINUTES_PER_DAY; index++) {
      trades.prepare(firstMinute + index);
      const count = trades.count;
      if (count === 0) continue;
      trades.fold();
      aggregate.open[index] = trades.foldOpen;
      aggregate.high[index] = trades.foldHigh;
      aggregate.low[index] = trades.foldLow;
      aggregate.close[index] = trades.foldClose;
      aggregate.volume[index] = trades.foldVolume;
      aggregate.count[index] = count;
      const quote = trades.foldQuote;
      const quoteBig = trades.foldQuoteBig;
      if (quoteBig === 0n) {
        aggregate.quote[index] = quote;
      } else {
        aggregate.quote[index] = Number.NaN;
        aggregate.bigQuote.set(index, quoteBig + BigInt(quote));
      }
    }
    return aggregate;
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
  let quote = 0;
  let quoteBig = 0n;
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
    if (Number.isNaN(minuteQuote)) {
      quoteBig += aggregate.bigQuote.get(index)!;
    } else {
      if (quote > MAX_SAFE - minuteQuote) {
        quoteBig += BigInt(quote);
        quote = 0;
      }
      quote += minuteQuote;
    }
  }
  return count === 0 ? null : { open, high, low, close, volume, quote: quoteBig + BigInt(quote), count };
}
