// The ccxt client backfill uses per venue: its own pacing (not ccxt's), and optionally another base URL (simulator, mirror).
import ccxt, { type Exchange } from 'ccxt';
import type { BackfillVenue } from './candle-series.js';
import { BINANCE_CANDLES } from './venues/binance-candles.js';
import { BYBIT_CANDLES } from './venues/bybit-candles.js';
import { COINBASE_CANDLES } from './venues/coinbase-candles.js';
import { OKX_CANDLES } from './venues/okx-candles.js';
import type { VenueCandleApi } from './venue-candle-api.js';

export const VENUE_CANDLE_APIS: Readonly<Record<BackfillVenue, VenueCandleApi>> = {
  binance: BINANCE_CANDLES,
  okx: OKX_CANDLES,
  bybit: BYBIT_CANDLES,
  coinbase: COINBASE_CANDLES,
};

const ORIGIN = /^(https?|wss?):\/\/[^/]+/;

export interface BackfillExchangeOptions {
  /** Replaces the venue's REST origin (scheme + host) in every ccxt URL, paths kept: `zvt sim`, a replay, a mirror. */
  restBaseUrl?: string | undefined;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
}

/**
 * A ccxt client for one venue. ccxt's own rate limiter is off: backfill paces by the venue's
 * published weights and its response headers (request-budget.ts), which ccxt's per-method costs
 * only approximate. With restBaseUrl, every REST call is confined to it (a call elsewhere throws
 * before any socket opens), so pointing backfill at a simulator can never reach a real venue.
 */
export function createBackfillExchange(venue: BackfillVenue, options: BackfillExchangeOptions = {}): Exchange {
  const classes: Readonly<Record<BackfillVenue, new (config: object) => Exchange>> = {
    binance: ccxt.binance,
    okx: ccxt.okx,
    bybit: ccxt.bybit,
    coinbase: ccxt.coinbase,
  };
  const exchange = new classes[venue]({ enableRateLimit: false, timeout: options.timeoutMs ?? 30_000 });
  const base = options.restBaseUrl;
  if (base === undefined) return exchange;
  const origin = new URL(base).host;
  const restBase = base.replace(/\/+$/, '');
  const localise = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(ORIGIN, (match, scheme: string) => (scheme.startsWith('http') ? restBase : match));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, localise(inner)]));
    return value;
  };
  exchange.urls.api = localise(exchange.urls.api) as typeof exchange.urls.api;
  // Templates like https://api.{hostname} resolve through `hostname`: pin it too.
  (exchange as unknown as { hostname?: string }).hostname = origin;
  const fetch = exchange.fetch.bind(exchange);
  exchange.fetch = async (url: unknown, method?: unknown, headers?: unknown, body?: unknown): Promise<unknown> => {
    if (typeof url !== 'string' || new URL(url).host !== origin) throw new Error(`backfill refused a request to ${String(url)}: confined to ${base}`);
    return (await fetch(url, method as string | undefined, headers, body)) as unknown;
  };
  return exchange;
}
