// The contract of one venue's candle endpoint as backfill uses it through ccxt's raw (implicit) API methods.
import type { Exchange } from 'ccxt';
import type { Timeframe } from '../../model/timeframe.js';
import type { DecimalCandleRow } from '../candles/validate-candles.js';
import type { BackfillInstrument, BackfillVenue } from './candle-series.js';
import type { BudgetRule, RequestBudget } from './request-budget.js';

/*
 * Why ccxt's raw methods (publicGetKlines ...) and not fetchOHLCV: fetchOHLCV turns every price
 * into a JS float, and the store keeps exact decimals. The raw methods still go through ccxt's
 * request building, signing, error mapping (429 → RateLimitExceeded, 418 → DDoSProtection) and
 * header capture, and return the venue's own JSON with prices as the venue's text.
 */

export interface VenueCandleApi {
  readonly venue: BackfillVenue;
  /** The budget backfill keeps to, below the venue's published public-endpoint limits. */
  readonly budgetRules: readonly BudgetRule[];
  /** Most buckets one request may ask for. */
  readonly maxBuckets: number;
  /** The venue's parameter for a timeframe it serves itself; null when it must be derived. */
  timeframeParam(timeframe: Timeframe): string | null;
  /** For a timeframe the venue does not serve: the one it is built from (Coinbase 4h ← 1h). */
  derivedFrom(timeframe: Timeframe): Timeframe | null;
  /** Cost of one candle request under each budget rule. */
  requestCost(buckets: number): Readonly<Record<string, number>>;
  /**
   * Candles whose open time is in [startMs, endMs) (at most `buckets` of them), oldest first, as
   * the venue sent them. A candle the venue marks unfinished is left out.
   */
  fetchCandles(exchange: Exchange, instrument: BackfillInstrument, timeframeParam: string, startMs: number, endMs: number, buckets: number): Promise<DecimalCandleRow[]>;
  /** Reads the venue's usage report from the last response's headers into the budget. */
  observeHeaders(headers: Readonly<Record<string, string>>, budget: RequestBudget): void;
}

/** Calls one of ccxt's implicit API methods by name (they are generated per venue, not typed in ccxt's .d.ts as indexable). */
export async function callRaw(exchange: Exchange, method: string, params: Record<string, string | number>): Promise<unknown> {
  const candidate = (exchange as unknown as Record<string, unknown>)[method];
  if (typeof candidate !== 'function') throw new TypeError(`ccxt ${exchange.id} has no method ${method}`);
  return await (candidate as (params: Record<string, string | number>) => Promise<unknown>).call(exchange, params);
}

/** A header value by case-insensitive name (ccxt capitalises header names). */
export function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}
