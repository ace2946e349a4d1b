// Taker-buy base and quote volume of a listing's history over a time range, from its trades, cached per day of minutes.
import type { SyntheticMarketHistory } from '../../../market/market-contract.js';

/*
 * Binance klines carry "Taker buy base asset volume" and "Taker buy quote asset volume"; the
 * synthetic history's candles (SimCandle) do not split volume by taker side, so the split is
 * summed here from the history's own trades (takerSide 'buy'). A day's 1440 minute sums are built
 * once from that day's trades and kept (LRU), with the day's totals, so a long kline range costs
 * one pass over each day's trades the first time and additions afterwards.
 */

const MS_PER_MINUTE = 60_000;
const MINUTES_PER_DAY = 1440;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = MS_PER_MINUTE * MINUTES_PER_DAY;
/** Days kept (~23 KB each): paging through klines touches each day on one or two consecutive pages. */
const CACHED_DAYS = 100;
/** More trades than any range asks for (history.trades' limit). */
const ALL = Number.MAX_SAFE_INTEGER;

interface DayVolumes {
  /** Taker-buy lots per minute of the day. */
  readonly lots: Float64Array;
  /** Taker-buy Σ ticks × lots per minute (each minute's sum is far below 2^53). */
  readonly quote: Float64Array;
  readonly totalLots: number;
  readonly totalQuote: bigint;
}

export interface TakerBuyVolume {
  /** Lots bought by takers. */
  lots: number;
  /** Σ price × size of those trades, tick·lot units. */
  quoteTickLots: bigint;
}

export class TakerBuyVolumes {
  private readonly days = new Map<number, DayVolumes>();

  constructor(private readonly history: SyntheticMarketHistory) {}

  /** Taker-buy volume of the trades with tsMs in [fromMs, toMs). */
  between(fromMs: number, toMs: number): TakerBuyVolume {
    const result: TakerBuyVolume = { lots: 0, quoteTickLots: 0n };
    if (!(toMs > fromMs)) return result;
    const firstMinute = Math.ceil(fromMs / MS_PER_MINUTE);
    const endMinute = Math.floor(toMs / MS_PER_MINUTE);
    if (endMinute <= firstMinute) {
      this.addTrades(result, fromMs, toMs);
      return result;
    }
    this.addTrades(result, fromMs, firstMinute * MS_PER_MINUTE);
    let minute = firstMinute;
    while (minute < endMinute) {
      const day = Math.floor(minute / MINUTES_PER_DAY);
      const dayFirst = day * MINUTES_PER_DAY;
      const dayEnd = Math.min(dayFirst + MINUTES_PER_DAY, endMinute);
      const volumes = this.dayOf(day);
      if (minute === dayFirst && dayEnd === dayFirst + MINUTES_PER_DAY) {
        result.lots += volumes.totalLots;
        result.quoteTickLots += volumes.totalQuote;
      } else {
        let quote = 0;
        for (let index = minute - dayFirst; index < dayEnd - dayFirst; index++) {
          result.lots += volumes.lots[index]!;
          quote += volumes.quote[index]!;
          // Flush before the running sum could pass 2^53.
          if (quote > 2 ** 52) {
            result.quoteTickLots += BigInt(quote);
            quote = 0;
          }
        }
        result.quoteTickLots += BigInt(quote);
      }
      minute = dayEnd;
    }
    this.addTrades(result, endMinute * MS_PER_MINUTE, toMs);
    return result;
  }

  private addTrades(result: TakerBuyVolume, fromMs: number, toMs: number): void {
    if (!(toMs > fromMs)) return;
    for (const trade of this.history.trades(fromMs, toMs, ALL)) {
      if (trade.takerSide !== 'buy') continue;
      result.lots += trade.sizeLots;
      result.quoteTickLots += BigInt(trade.priceTicks) * BigInt(trade.sizeLots);
    }
  }

  private dayOf(day: number): DayVolumes {
    const cached = this.days.get(day);
    if (cached !== undefined) {
      this.days.delete(day);
      this.days.set(day, cached);
      return cached;
    }
    const lots = new Float64Array(MINUTES_PER_DAY);
    const quote = new Float64Array(MINUTES_PER_DAY);
    let totalLots = 0;
    let totalQuote = 0n;
    const dayStartMs = day * MS_PER_DAY;
    // An hour of trades at a time: short-lived pages stay in the young generation (a whole day's
    // ~70 000 trade objects in one array would be promoted and cost full collections).
    for (let hourMs = dayStartMs; hourMs < dayStartMs + MS_PER_DAY; hourMs += MS_PER_HOUR) {
      for (const trade of this.history.trades(hourMs, hourMs + MS_PER_HOUR, ALL)) {
        if (trade.takerSide !== 'buy') continue;
        const index = Math.floor((trade.tsMs - dayStartMs) / MS_PER_MINUTE);
        lots[index]! += trade.sizeLots;
        quote[index]! += trade.priceTicks * trade.sizeLots;
        totalLots += trade.sizeLots;
      }
    }
    for (const minuteQuote of quote) totalQuote += BigInt(minuteQuote);
    const volumes: DayVolumes = { lots, quote, totalLots, totalQuote };
    if (this.days.size >= CACHED_DAYS) this.days.delete(this.days.keys().next().value!);
    this.days.set(day, volumes);
    return volumes;
  }
}
