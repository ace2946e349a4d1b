// The ticker's market statistics (24 h volume, low, high, change; 52-week low and high) from the synthetic history's candles.
import { bucketStartMs } from '../../../../model/timeframe.js';
import { formatDecimalBig } from '../../../../model/fixed-point.js';
import type { SimExchange } from '../../../exchange/sim-exchange-contract.js';
import { foldCandles } from '../../../market/candle-fold.js';
import type { SimCandle, SimInstrument } from '../../../market/sim-market-types.js';
import { notionalText, priceText, sizeText } from '../../../market/sim-instrument.js';

/*
 * Coinbase's 24 h figures are rolling; here they come from the last 24 hourly candles (the forming
 * hour included), so they move at hour granularity at the window's start: close enough for a
 * ticker, and cheap. The 52-week low and high are the price path's mid sampled every 10 minutes
 * over the 364 days before today (with today's 24 h range on top), computed once per UTC day: daily
 * candles of a whole year would make the market model generate a year of trades (seconds per
 * product on the first ticker), and these figures are only informative.
 * price_percent_chg_24_h is a percentage with 14 fraction digits ("0.09601107287722", recorded),
 * truncated; the price it compares with is the first hourly open in the window. The product list's
 * volume_percentage_change_24h compares the window's volume with the 24 hours before it.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const YEAR_SAMPLE_MS = 600_000;
const PERCENT_DECIMALS = 14;

export interface TickerStatsText {
  readonly volume24h: string;
  readonly low24h: string;
  readonly high24h: string;
  readonly low52w: string;
  readonly high52w: string;
  /** Percentage change of `lastTicks` against the 24 h open. */
  readonly percentChange24h: string;
  /** Quote amount traded in the window (Σ price × size). */
  readonly quoteVolume24h: string;
  /** Percentage change of the window's volume against the 24 hours before it. */
  readonly volumePercentChange24h: string;
}

interface DayRange {
  readonly dayStartMs: number;
  readonly lowTicks: number;
  readonly highTicks: number;
}

interface Summary {
  readonly openTicks: number | null;
  readonly lowTicks: number | null;
  readonly highTicks: number | null;
  readonly volumeLots: number;
  readonly quoteVolumeTickLots: bigint;
}

interface DayStats extends Summary {
  readonly secondMs: number;
  readonly previousVolumeLots: number;
}

export class TickerStats {
  private readonly daily = new Map<string, DayStats>();
  private readonly yearly = new Map<string, DayRange>();

  constructor(private readonly exchange: SimExchange) {}

  /** Statistics of `native` at `nowMs` for a last price of `lastTicks` (24 h figures recomputed at most once a second). */
  of(native: string, instrument: SimInstrument, nowMs: number, lastTicks: number): TickerStatsText {
    const day = this.dayStats(native, nowMs);
    const year = this.yearRange(native, nowMs);
    const low24 = day.lowTicks ?? lastTicks;
    const high24 = day.highTicks ?? lastTicks;
    return {
      volume24h: sizeText(instrument, day.volumeLots),
      low24h: priceText(instrument, low24),
      high24h: priceText(instrument, high24),
      low52w: priceText(instrument, Math.min(year?.lowTicks ?? low24, low24)),
      high52w: priceText(instrument, Math.max(year?.highTicks ?? high24, high24)),
      percentChange24h: percentChange(day.openTicks, lastTicks),
      quoteVolume24h: notionalText(instrument, day.quoteVolumeTickLots),
      volumePercentChange24h: day.previousVolumeLots > 0 ? percentChange(day.previousVolumeLots, day.volumeLots) : '0',
    };
  }

  private dayStats(native: string, nowMs: number): DayStats {
    const secondMs = Math.floor(nowMs / 1000) * 1000;
    const cached = this.daily.get(native);
    if (cached !== undefined && cached.secondMs === secondMs) return cached;
    const fromMs = bucketStartMs('1h', nowMs) - 23 * HOUR_MS;
    const candles = this.exchange.history(native).candles('1h', fromMs - 24 * HOUR_MS, nowMs + 1, 48, nowMs);
    const window = candles.filter((candle) => candle.openTimeMs >= fromMs);
    const before = candles.filter((candle) => candle.openTimeMs < fromMs);
    const stats: DayStats = { secondMs, ...summarize(window), previousVolumeLots: summarize(before).volumeLots };
    this.daily.set(native, stats);
    return stats;
  }

  /** Low and high of the path's mid over the 364 whole days before today (today is in the 24 h figures). */
  private yearRange(native: string, nowMs: number): DayRange | null {
    const dayStartMs = bucketStartMs('1d', nowMs);
    const cached = this.yearly.get(native);
    if (cached !== undefined && cached.dayStartMs === dayStartMs) return cached;
    const history = this.exchange.history(native);
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let sampleMs = Math.max(history.originMs, dayStartMs - 364 * DAY_MS); sampleMs < dayStartMs; sampleMs += YEAR_SAMPLE_MS) {
      const mid = history.midTicks(sampleMs);
      if (mid < low) low = mid;
      if (mid > high) high = mid;
    }
    if (low > high) return null;
    const range: DayRange = { dayStartMs, lowTicks: Math.floor(low), highTicks: Math.ceil(high) };
    this.yearly.set(native, range);
    return range;
  }
}

function summarize(candles: readonly SimCandle[]): Summary {
  const span = foldCandles(candles);
  return { openTicks: span?.open ?? null, lowTicks: span?.low ?? null, highTicks: span?.high ?? null, volumeLots: span?.volumeLots ?? 0, quoteVolumeTickLots: span?.quoteVolumeTickLots ?? 0n };
}

/** (now − before) / before × 100, 14 fraction digits, truncated toward zero; "0" without a positive `before`. */
export function percentChange(before: number | null, now: number): string {
  if (before === null || before <= 0) return '0';
  const scaled = (BigInt(now - before) * 100n * 10n ** BigInt(PERCENT_DECIMALS)) / BigInt(before);
  return formatDecimalBig(scaled, PERCENT_DECIMALS);
}
