// Klines of any Binance interval from a listing's synthetic history: forward from a start, or the latest ones up to an end.
import { foldCandles } from '../../../market/candle-fold.js';
import type { SyntheticMarketHistory } from '../../../market/market-contract.js';
import type { SimCandle } from '../../../market/sim-market-types.js';
import type { KlineInterval } from './kline-intervals.js';
import type { TakerBuyVolume, TakerBuyVolumes } from './taker-buy-volumes.js';

/*
 * Binance's selection rules (GET /api/v3/klines): klines are identified by their open time;
 * startTime and endTime bound the open time (both inclusive); with startTime the first `limit`
 * klines from it are returned, with only endTime (or neither: endTime = now) the last `limit`
 * up to it. A bucket without trades (a maintenance window) has no kline, so a page can hold
 * fewer buckets' worth of time than `limit` suggests, and the next page starts after its last.
 */

export interface Kline {
  readonly openTimeMs: number;
  /** Start of the next bucket (Binance's closeTime is this minus 1). */
  readonly nextOpenMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volumeLots: number;
  readonly quoteTickLots: bigint;
  readonly tradeCount: number;
  readonly takerBuy: TakerBuyVolume;
}

const ALL = Number.MAX_SAFE_INTEGER;

export class KlineBuilder {
  constructor(
    private readonly history: SyntheticMarketHistory,
    private readonly takerBuy: TakerBuyVolumes,
  ) {}

  /** The first `limit` klines with open time in [fromMs, toMs], as seen at nowMs. */
  forward(interval: KlineInterval, fromMs: number, toMs: number, limit: number, nowMs: number): Kline[] {
    const result: Kline[] = [];
    const lastOpen = Math.min(toMs, nowMs);
    let cursor = this.firstOpenAtOrAfter(interval, Math.max(fromMs, this.history.originMs));
    while (cursor <= lastOpen && result.length < limit) {
      const windowEnd = this.stepForward(interval, cursor, limit - result.length);
      const bound = Math.min(windowEnd, lastOpen + 1);
      for (const kline of this.bucketsIn(interval, cursor, bound, nowMs)) {
        result.push(kline);
        if (result.length >= limit) break;
      }
      cursor = windowEnd;
    }
    return result;
  }

  /** The last `limit` klines with open time <= toMs, as seen at nowMs. */
  backward(interval: KlineInterval, toMs: number, limit: number, nowMs: number): Kline[] {
    const lastOpen = interval.floor(Math.min(toMs, nowMs));
    const origin = interval.floor(this.history.originMs);
    let collected: Kline[] = [];
    let windowEnd = interval.next(lastOpen);
    let span = limit;
    while (collected.length < limit && windowEnd > origin) {
      const windowStart = Math.max(this.stepBackward(interval, windowEnd, span), origin);
      collected = [...this.bucketsIn(interval, windowStart, windowEnd, nowMs), ...collected];
      windowEnd = windowStart;
      span = limit - collected.length;
    }
    return collected.slice(Math.max(0, collected.length - limit));
  }

  private firstOpenAtOrAfter(interval: KlineInterval, ms: number): number {
    const floor = interval.floor(ms);
    return floor === ms ? floor : interval.next(floor);
  }

  private stepForward(interval: KlineInterval, openMs: number, buckets: number): number {
    let ms = openMs;
    for (let index = 0; index < buckets; index++) ms = interval.next(ms);
    return ms;
  }

  private stepBackward(interval: KlineInterval, openMs: number, buckets: number): number {
    let ms = openMs;
    for (let index = 0; index < buckets; index++) ms = interval.previous(ms);
    return ms;
  }

  /** Every kline whose bucket starts in [fromMs, toMs) (both bucket starts or toMs past the last one). */
  private bucketsIn(interval: KlineInterval, fromMs: number, toMs: number, nowMs: number): Kline[] {
    if (interval.base === null) return this.secondsIn(fromMs, toMs, nowMs);
    const candles = this.history.candles(interval.base, fromMs, toMs, ALL, nowMs);
    if (interval.factor === 1) return candles.map((candle) => this.klineOf(candle.openTimeMs, candle.closeTimeMs, [candle], nowMs));
    const klines: Kline[] = [];
    let group: SimCandle[] = [];
    let groupOpen = 0;
    for (const candle of candles) {
      const open = interval.floor(candle.openTimeMs);
      if (group.length > 0 && open !== groupOpen) {
        klines.push(this.klineOf(groupOpen, interval.next(groupOpen), group, nowMs));
        group = [];
      }
      groupOpen = open;
      group.push(candle);
    }
    if (group.length > 0) klines.push(this.klineOf(groupOpen, interval.next(groupOpen), group, nowMs));
    return klines;
  }

  private klineOf(openTimeMs: number, nextOpenMs: number, candles: readonly SimCandle[], nowMs: number): Kline {
    const { open, high, low, close, volumeLots, quoteVolumeTickLots, tradeCount } = foldCandles(candles)!;
    return {
      openTimeMs,
      nextOpenMs,
      open,
      high,
      low,
      close,
      volumeLots,
      quoteTickLots: quoteVolumeTickLots,
      tradeCount,
      takerBuy: this.takerBuy.between(openTimeMs, Math.min(nextOpenMs, nowMs)),
    };
  }

  /** 1s klines, folded from the trades themselves. */
  private secondsIn(fromMs: number, toMs: number, nowMs: number): Kline[] {
    const klines: Kline[] = [];
    let current: { -readonly [K in keyof Kline]: Kline[K] } | null = null;
    for (const trade of this.history.trades(fromMs, Math.min(toMs, nowMs), ALL)) {
      const open = trade.tsMs - (trade.tsMs % 1000);
      if (current === null || current.openTimeMs !== open) {
        if (current !== null) klines.push(current);
        current = {
          openTimeMs: open,
          nextOpenMs: open + 1000,
          open: trade.priceTicks,
          high: trade.priceTicks,
          low: trade.priceTicks,
          close: trade.priceTicks,
          volumeLots: 0,
          quoteTickLots: 0n,
          tradeCount: 0,
          takerBuy: { lots: 0, quoteTickLots: 0n },
        };
      }
      current.high = Math.max(current.high, trade.priceTicks);
      current.low = Math.min(current.low, trade.priceTicks);
      current.close = trade.priceTicks;
      current.volumeLots += trade.sizeLots;
      const notional = BigInt(trade.priceTicks) * BigInt(trade.sizeLots);
      current.quoteTickLots += notional;
      current.tradeCount++;
      if (trade.takerSide === 'buy') {
        current.takerBuy.lots += trade.sizeLots;
        current.takerBuy.quoteTickLots += notional;
      }
    }
    if (current !== null) klines.push(current);
    return klines;
  }
}
