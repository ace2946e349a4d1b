// OKX ticker fields of a listing: last trade, best bid/ask, 24 h open/high/low/volumes and the UTC+0 / UTC+8 day opens.
import type { SimListing } from '../../exchange/sim-exchange-contract.js';
import type { SimCandle, SimTrade } from '../../market/sim-market-types.js';
import { foldCandles } from '../../market/candle-fold.js';
import type { SyntheticMarketHistory } from '../../market/market-contract.js';
import { notionalText, priceText, sizeText } from '../../market/sim-instrument.js';
import { msText } from './okx-text.js';
import type { BookMirror } from '../common/book-mirror.js';
import type { OkxTickerData } from './public-ws/public-frames.js';

/*
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-ticker: open24h/high24h/low24h
 * over the past 24 hours, vol24h in base (contracts for SWAP; one contract is one base unit here),
 * volCcy24h in quote for SPOT and in base for derivatives, sodUtc0/sodUtc8 the open price of the
 * day in UTC+0 and UTC+8. The 24 h window here is the 1440 whole minutes before the current one,
 * recomputed once a minute (building it from trades is the expensive part); last/lastSz are the
 * last trade seen live, or the last candle's close with lastSz "0" before any.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const HONG_KONG_OFFSET_MS = 8 * 3_600_000;

interface DayStats {
  readonly minuteMs: number;
  readonly open: number | null;
  readonly high: number | null;
  readonly low: number | null;
  readonly close: number | null;
  readonly volumeLots: number;
  readonly quoteTickLots: bigint;
  readonly sodUtc0: number | null;
  readonly sodUtc8: number | null;
}

export class TickerStats {
  private readonly cache = new Map<string, DayStats>();

  constructor(private readonly historyOf: (native: string) => SyntheticMarketHistory) {}

  ticker(listing: SimListing, book: BookMirror, lastTrade: SimTrade | null, nowMs: number): OkxTickerData {
    const instrument = listing.instrument;
    const stats = this.statsAt(listing.native, nowMs);
    const price = (ticks: number | null): string => (ticks === null ? '' : priceText(instrument, ticks));
    const bid = book.top('bid', 1)[0];
    const ask = book.top('ask', 1)[0];
    const derivative = listing.category !== 'SPOT';
    return {
      instType: listing.category,
      instId: listing.native,
      last: price(lastTrade?.priceTicks ?? stats.close),
      lastSz: lastTrade === null ? '0' : sizeText(instrument, lastTrade.sizeLots),
      askPx: ask === undefined ? '' : priceText(instrument, ask.priceTicks),
      askSz: ask === undefined ? '0' : sizeText(instrument, ask.sizeLots),
      bidPx: bid === undefined ? '' : priceText(instrument, bid.priceTicks),
      bidSz: bid === undefined ? '0' : sizeText(instrument, bid.sizeLots),
      open24h: price(stats.open),
      high24h: price(stats.high),
      low24h: price(stats.low),
      sodUtc0: price(stats.sodUtc0),
      sodUtc8: price(stats.sodUtc8),
      volCcy24h: derivative ? sizeText(instrument, stats.volumeLots) : notionalText(instrument, stats.quoteTickLots),
      vol24h: sizeText(instrument, stats.volumeLots),
      ts: msText(nowMs),
    };
  }

  private statsAt(native: string, nowMs: number): DayStats {
    const minuteMs = nowMs - (nowMs % MINUTE_MS);
    const cached = this.cache.get(native);
    if (cached?.minuteMs === minuteMs) return cached;
    const history = this.historyOf(native);
    const candles = history.candles('1m', minuteMs - DAY_MS, minuteMs, 1440, nowMs);
    const day = foldCandles(candles);
    const utcDay = nowMs - (nowMs % DAY_MS);
    const hongKongShifted = nowMs + HONG_KONG_OFFSET_MS;
    const hongKongDay = hongKongShifted - (hongKongShifted % DAY_MS) - HONG_KONG_OFFSET_MS;
    const stats: DayStats = {
      minuteMs,
      open: day?.open ?? null,
      high: day?.high ?? null,
      low: day?.low ?? null,
      close: day?.close ?? null,
      volumeLots: day?.volumeLots ?? 0,
      quoteTickLots: day?.quoteVolumeTickLots ?? 0n,
      sodUtc0: firstOpen(history, utcDay, nowMs),
      sodUtc8: firstOpen(history, hongKongDay, nowMs),
    };
    this.cache.set(native, stats);
    return stats;
  }
}

/** Open of the first 1m candle at or after dayStartMs (a maintenance window can hide the first minutes). */
function firstOpen(history: SyntheticMarketHistory, dayStartMs: number, nowMs: number): number | null {
  const first: SimCandle | undefined = history.candles('1m', dayStartMs, nowMs + 1, 1, nowMs)[0];
  return first?.open ?? null;
}
