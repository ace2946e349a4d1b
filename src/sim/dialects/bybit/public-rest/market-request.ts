// The category and symbol of a Bybit market-data request, checked as Bybit checks them.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimHttpResponse } from '../../../server/sim-dialect.js';
import type { BybitContext, BybitParams } from '../bybit-context.js';
import { bybitFail } from '../bybit-envelope.js';
import { paramsError } from '../bybit-errors.js';
import type { BybitCategory } from '../bybit-ids.js';
import { isBybitAnyCategory, isBybitCategory } from '../bybit-listings.js';

/*
 * A category Bybit does not have: 10001 "Illegal category". A symbol the category does not list
 * (inverse and option list nothing here): 10001 "Not supported symbols" (the text ccxt maps to
 * BadSymbol, captured from Bybit in its error table).
 */

export type MarketTarget =
  | { readonly ok: true; readonly category: BybitCategory; readonly symbol: string; readonly listing: SimListing }
  | { readonly ok: false; readonly response: SimHttpResponse };

export function marketTarget(params: BybitParams, context: BybitContext, nowMs: number, defaultCategory?: BybitCategory): MarketTarget {
  const category = params.text('category') ?? defaultCategory;
  if (category === undefined || !isBybitAnyCategory(category)) return { ok: false, response: bybitFail(paramsError('Illegal category'), nowMs) };
  const symbol = params.text('symbol');
  const listing = symbol === undefined || !isBybitCategory(category) ? undefined : context.listings.find(category, symbol);
  if (listing === undefined || symbol === undefined || !isBybitCategory(category)) {
    return { ok: false, response: bybitFail(paramsError('Not supported symbols'), nowMs) };
  }
  return { ok: true, category, symbol, listing };
}

/** A `limit` within [1, max] (default when absent); Bybit answers a limit out of range with the largest/smallest page. */
export function pageLimit(params: BybitParams, fallback: number, max: number): number | null {
  const limit = params.integer('limit');
  if (limit === null) return null;
  if (limit === undefined) return fallback;
  return Math.min(Math.max(limit, 1), max);
}
