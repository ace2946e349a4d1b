// One candle series to backfill or check: a venue instrument, its scales and one timeframe.
import type { Timeframe } from '../../model/timeframe.js';

/** The four venues backfill speaks to (through ccxt). */
export const BACKFILL_VENUES = ['binance', 'okx', 'bybit', 'coinbase'] as const;
export type BackfillVenue = (typeof BACKFILL_VENUES)[number];

/**
 * A venue instrument as backfill needs it. The CLI resolves it from the venue's instruments
 * endpoint (the same definitions the live adapters use), so stored candles carry the canonical
 * symbol and are validated at the engine's own scales.
 */
export interface BackfillInstrument {
  readonly venue: BackfillVenue;
  /** `BTC-USDT`, `BTC-USDT-PERP`: the symbol stored rows carry. */
  readonly canonical: string;
  /** The venue's symbol on the wire (`BTCUSDT`, `BTC-USDT-SWAP`, `BTC-USD`). */
  readonly native: string;
  /** Bybit's market category (`spot` | `linear`); null elsewhere. */
  readonly category: string | null;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
}

export interface BackfillSeries {
  readonly instrument: BackfillInstrument;
  readonly timeframe: Timeframe;
}

/** `binance:BTC-USDT 1m`, for progress lines, reports and errors. */
export function seriesName(series: BackfillSeries): string {
  return `${series.instrument.venue}:${series.instrument.canonical} ${series.timeframe}`;
}
