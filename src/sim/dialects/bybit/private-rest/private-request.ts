// Shared checks of Bybit private requests: category, symbol, paging cursors and time windows.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { BybitParams, type BybitContext } from '../bybit-context.js';
import { bybitFail } from '../bybit-envelope.js';
import { invalidSymbol, paramsError } from '../bybit-errors.js';
import type { BybitCategory } from '../bybit-ids.js';
import { isBybitAnyCategory, isBybitCategory } from '../bybit-listings.js';

export type CategoryCheck = { readonly ok: true; readonly category: BybitCategory } | { readonly ok: false; readonly response: SimHttpResponse };

/** The request's category: spot or linear; inverse and option exist on Bybit but list nothing here (their symbols are invalid). */
export function privateCategory(params: BybitParams, nowMs: number): CategoryCheck {
  const category = params.text('category');
  if (category === undefined || !isBybitAnyCategory(category)) return { ok: false, response: bybitFail(paramsError('Illegal category'), nowMs) };
  if (!isBybitCategory(category)) return { ok: false, response: bybitFail(invalidSymbol('linear'), nowMs) };
  return { ok: true, category };
}

export type SymbolCheck = { readonly ok: true; readonly listing: SimListing | undefined } | { readonly ok: false; readonly response: SimHttpResponse };

/** The listing `symbol` names (undefined when not sent and not required). */
export function privateSymbol(params: BybitParams, context: BybitContext, category: BybitCategory, required: boolean, nowMs: number): SymbolCheck {
  const symbol = params.text('symbol');
  if (symbol === undefined) return required ? { ok: false, response: bybitFail(invalidSymbol(category), nowMs) } : { ok: true, listing: undefined };
  const listing = context.listings.find(category, symbol);
  return listing === undefined ? { ok: false, response: bybitFail(invalidSymbol(category), nowMs) } : { ok: true, listing };
}

export type OrderWriteCheck =
  | { readonly ok: true; readonly params: BybitParams; readonly category: BybitCategory; readonly listing: SimListing }
  | { readonly ok: false; readonly response: SimHttpResponse };

/** An order write's (create, cancel) JSON body, category and required symbol. */
export function orderWriteTarget(request: SimHttpRequest, context: BybitContext): OrderWriteCheck {
  const nowMs = request.receivedMs;
  const params = BybitParams.ofJsonBody(request.body);
  if (params === null) return { ok: false, response: bybitFail(paramsError('params error: request body is not valid JSON'), nowMs) };
  const category = privateCategory(params, nowMs);
  if (!category.ok) return category;
  const symbol = privateSymbol(params, context, category.category, true, nowMs);
  if (!symbol.ok) return symbol;
  return { ok: true, params, category: category.category, listing: symbol.listing! };
}

/** Offset-based page cursor text ("page_args=<offset>", percent-encoded like Bybit's cursors) and its reading. */
export function offsetCursor(offset: number): string {
  return encodeURIComponent(`page_args=${offset}`);
}

export function cursorOffset(cursor: string | undefined): number | null {
  if (cursor === undefined) return 0;
  let text = cursor;
  for (let round = 0; round < 3 && !text.includes('='); round++) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return null;
    }
  }
  const match = /^page_args=([0-9]{1,9})$/.exec(text);
  return match === null ? null : Number(match[1]);
}

/** One page of a list and the cursor of the next ('' after the last). */
export function pageOf<Item>(items: readonly Item[], offset: number, limit: number): { readonly page: Item[]; readonly nextPageCursor: string } {
  const page = items.slice(offset, offset + limit);
  const next = offset + page.length;
  return { page, nextPageCursor: next < items.length ? offsetCursor(next) : '' };
}

const SEVEN_DAYS_MS = 7 * 86_400_000;

/** [startTime, endTime] of a history query: the last 7 days by default, either end alone spans 7 days; null when invalid. */
export function timeWindow(params: BybitParams, nowMs: number): { readonly fromMs: number; readonly toMs: number } | null {
  const start = params.integer('startTime');
  const end = params.integer('endTime');
  if (start === null || end === null) return null;
  if (start === undefined && end === undefined) return { fromMs: nowMs - SEVEN_DAYS_MS, toMs: nowMs };
  if (start !== undefined && end === undefined) return { fromMs: start, toMs: start + SEVEN_DAYS_MS };
  if (start === undefined) return { fromMs: end! - SEVEN_DAYS_MS, toMs: end! };
  if (end! < start || end! - start > SEVEN_DAYS_MS) return null;
  return { fromMs: start, toMs: end! };
}
