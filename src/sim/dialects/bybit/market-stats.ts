// Per-listing market statistics Bybit's tickers carry: last price and tick direction, 24 h high/low/volume, mark/index, funding.
import type { SimListing } from '../../exchange/sim-exchange-contract.js';
import { notionalText, priceText, sizeText } from '../../market/sim-instrument.js';
import { foldCandles } from '../../market/candle-fold.js';
import type { SyntheticMarketHistory } from '../../market/market-contract.js';
import type { SimLevel, SimTrade } from '../../market/sim-market-types.js';
import { bybitPrice, bybitSize } from './bybit-text.js';
import type { TickDirection } from './public-ws/public-frames.js';

/*
 * Field lists and their order from the recorded tickers (linear snapshot; spot snapshot) and
 * https://bybit-exchange.github.io/docs/v5/market/tickers. What the simulator has no model for is
 * stated, not invented away: the mark and index price are the synthetic path's mid at that time
 * (no separate index), open interest is "0" (no positions are modelled), the funding rate is the
 * 0.0001 base rate with the 8 h schedule (00:00, 08:00, 16:00 UTC) and a 0.005 cap. The 24 h figures come from the
 * history's hourly candles: the 24 buckets ending with the current one (so "24 h" means the
 * current hour plus the 23 before it), recomputed at most once a second of exchange time.
 * price24hPcnt has 6 decimals on linear ("0.001624") and 4 on spot ("0.0015"), rounded half away from zero.
 */

const HOUR_MS = 3_600_000;
const FUNDING_INTERVAL_MS = 8 * HOUR_MS;
const STATS_REFRESH_MS = 1000;

interface DayStats {
  readonly computedMs: number;
  readonly prev24hTicks: number | null;
  readonly prev1hTicks: number | null;
  readonly highTicks: number | null;
  readonly lowTicks: number | null;
  readonly volumeLots: number;
  readonly turnoverTickLots: bigint;
  readonly lastCloseTicks: number | null;
}

/** Ratio (last - prev) / prev at `decimals` digits, rounded half away from zero. */
export function changeRatioText(lastTicks: number, prevTicks: number, decimals: number): string {
  if (prevTicks === 0) return '0';
  const scale = 10n ** BigInt(decimals);
  const numerator = BigInt(lastTicks - prevTicks) * scale * 2n;
  const denominator = BigInt(prevTicks) * 2n;
  const negative = numerator < 0n;
  const magnitude = ((negative ? -numerator : numerator) + denominator / 2n) / denominator;
  if (magnitude === 0n) return '0';
  const digits = magnitude.toString().padStart(decimals + 1, '0');
  const text = `${digits.slice(0, digits.length - decimals)}.${digits.slice(digits.length - decimals)}`.replace(/\.?0+$/, '');
  return negative ? `-${text}` : text;
}

export class MarketStats {
  private lastTicks: number | null = null;
  private direction: TickDirection = 'ZeroPlusTick';
  private day: DayStats | undefined;

  constructor(
    readonly listing: SimListing,
    private readonly history: SyntheticMarketHistory,
  ) {}

  /** Records a public trade; returns its tick direction against the previous trade. */
  onTrade(trade: SimTrade): TickDirection {
    if (this.lastTicks !== null) {
      if (trade.priceTicks > this.lastTicks) this.direction = 'PlusTick';
      else if (trade.priceTicks < this.lastTicks) this.direction = 'MinusTick';
      else this.direction = this.direction === 'PlusTick' || this.direction === 'ZeroPlusTick' ? 'ZeroPlusTick' : 'ZeroMinusTick';
    }
    this.lastTicks = trade.priceTicks;
    return this.direction;
  }

  historyOf(): SyntheticMarketHistory {
    return this.history;
  }

  get tickDirection(): TickDirection {
    return this.direction;
  }

  private dayStats(nowMs: number): DayStats {
    if (this.day !== undefined && nowMs >= this.day.computedMs && nowMs - this.day.computedMs < STATS_REFRESH_MS) return this.day;
    const currentHour = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
    const candles = this.history.candles('1h', currentHour - 23 * HOUR_MS, currentHour + HOUR_MS, 24, nowMs);
    const day = foldCandles(candles);
    const current = candles.find((candle) => candle.openTimeMs === currentHour);
    this.day = {
      computedMs: nowMs,
      prev24hTicks: day?.open ?? null,
      prev1hTicks: current?.open ?? null,
      highTicks: day?.high ?? null,
      lowTicks: day?.low ?? null,
      volumeLots: day?.volumeLots ?? 0,
      turnoverTickLots: day?.quoteVolumeTickLots ?? 0n,
      lastCloseTicks: day?.close ?? null,
    };
    return this.day;
  }

  /** The mid price of the synthetic path at nowMs, on the tick grid. */
  markTicks(nowMs: number): number {
    return Math.round(this.history.midTicks(nowMs));
  }

  /** Last traded price: the last trade seen live, else the history's last close, else the mid. */
  lastPriceTicks(nowMs: number): number {
    return this.lastTicks ?? this.dayStats(nowMs).lastCloseTicks ?? this.markTicks(nowMs);
  }

  /** Every ticker field of the listing's category, in Bybit's order (without `symbol`). */
  tickerFields(nowMs: number, bestBid: SimLevel | undefined, bestAsk: SimLevel | undefined): Record<string, string> {
    const listing = this.listing;
    const instrument = listing.instrument;
    const day = this.dayStats(nowMs);
    const last = this.lastPriceTicks(nowMs);
    const prev24h = day.prev24hTicks ?? last;
    const volume24h = sizeText(instrument, day.volumeLots);
    const turnover24h = notionalText(instrument, day.turnoverTickLots);
    if (listing.category === 'spot') {
      return {
        bid1Price: bestBid === undefined ? '' : bybitPrice(listing, bestBid.priceTicks),
        bid1Size: bestBid === undefined ? '' : bybitSize(listing, bestBid.sizeLots),
        ask1Price: bestAsk === undefined ? '' : bybitPrice(listing, bestAsk.priceTicks),
        ask1Size: bestAsk === undefined ? '' : bybitSize(listing, bestAsk.sizeLots),
        lastPrice: priceText(instrument, last),
        highPrice24h: priceText(instrument, day.highTicks ?? last),
        lowPrice24h: priceText(instrument, day.lowTicks ?? last),
        prevPrice24h: priceText(instrument, prev24h),
        volume24h,
        turnover24h,
        price24hPcnt: changeRatioText(last, prev24h, 4),
        usdIndexPrice: priceText(instrument, this.markTicks(nowMs)),
      };
    }
    const mark = this.markTicks(nowMs);
    return {
      tickDirection: this.direction,
      price24hPcnt: changeRatioText(last, prev24h, 6),
      lastPrice: bybitPrice(listing, last),
      prevPrice24h: bybitPrice(listing, prev24h),
      highPrice24h: bybitPrice(listing, day.highTicks ?? last),
      lowPrice24h: bybitPrice(listing, day.lowTicks ?? last),
      prevPrice1h: bybitPrice(listing, day.prev1hTicks ?? last),
      markPrice: bybitPrice(listing, mark),
      indexPrice: bybitPrice(listing, mark),
      openInterest: '0',
      openInterestValue: '0',
      turnover24h,
      volume24h,
      fundingIntervalHour: '8',
      fundingCap: '0.005',
      singleOpenInterest: '0',
      singleOpenInterestValue: '0',
      nextFundingTime: String(Math.floor(nowMs / FUNDING_INTERVAL_MS) * FUNDING_INTERVAL_MS + FUNDING_INTERVAL_MS),
      fundingRate: '0.0001',
      bid1Price: bestBid === undefined ? '' : bybitPrice(listing, bestBid.priceTicks),
      bid1Size: bestBid === undefined ? '' : bybitSize(listing, bestBid.sizeLots),
      ask1Price: bestAsk === undefined ? '' : bybitPrice(listing, bestAsk.priceTicks),
      ask1Size: bestAsk === undefined ? '' : bybitSize(listing, bestAsk.sizeLots),
      preOpenPrice: '',
      preQty: '',
      curPreListingPhase: '',
    };
  }
}

/** The spot WebSocket ticker omits the book fields (the recorded spot tickers carry none). */
export const SPOT_STREAM_OMITTED_FIELDS: readonly string[] = ['bid1Price', 'bid1Size', 'ask1Price', 'ask1Size'];
