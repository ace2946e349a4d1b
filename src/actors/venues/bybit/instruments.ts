// Bybit v5 instruments-info (linear and spot) → InstrumentDefinition[] of the instruments currently trading.
import { ZvtError } from '../../../model/errors.js';
import type { InstrumentDefinition } from '../../../model/instrument.js';
import type { InstrumentKind } from '../../../model/instrument-kind.js';
import { isAssetCode } from '../../../model/symbol.js';
import { ZVT_ERR_BYBIT_INSTRUMENTS } from './errors.js';
import type { BybitInstrumentsResponse } from './messages.js';
import { BYBIT_URLS } from './urls.js';

/*
 * https://bybit-exchange.github.io/docs/v5/market/instrument. One request per category: `linear`
 * (USDT/USDC perpetuals, USDT dated futures) and `spot`; `status=Trading` asks only for what
 * trades, and `limit=1000` is the documented maximum page (linear listed 800 in the recording).
 * Linear pages: a non-empty `nextPageCursor` names the next page, asked for with `cursor=` (the
 * opaque token percent-encoded as any query value); spot answers everything at once.
 *
 * Decimal text is kept exactly as published ("0.10"): the registry canonicalises it. Size unit:
 * Bybit linear and spot quantities are in base coin, so the lot is `qtyStep` (linear) or
 * `basePrecision` (spot) and a linear contract is 1 base unit ("1" as a real answer, not a
 * default). A dated future's expiry is the UTC date of `deliveryTime`. Instruments whose coins are
 * not canonical asset codes (uppercase letters and digits) cannot get a canonical symbol and are
 * left out rather than renamed.
 */

const CATEGORY_PATTERN = /[?&]category=([a-z]+)/;

/** Requests (path + query) listing the instruments of these kinds. */
export function bybitInstrumentRequests(kinds: readonly InstrumentKind[]): string[] {
  const requests: string[] = [];
  if (kinds.includes('perpetual') || kinds.includes('future')) {
    requests.push(`${BYBIT_URLS.instrumentsPath}?category=linear&status=Trading&limit=1000`);
  }
  if (kinds.includes('spot')) requests.push(`${BYBIT_URLS.instrumentsPath}?category=spot&status=Trading&limit=1000`);
  return requests;
}

function fail(path: string, problem: string): never {
  throw new ZvtError(ZVT_ERR_BYBIT_INSTRUMENTS, `Bybit instruments response for ${path}: ${problem}`, { path });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(item: Record<string, unknown>, field: string): string | undefined {
  const value = item[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function filterText(item: Record<string, unknown>, filter: string, field: string): string | undefined {
  const section = item[filter];
  return isObject(section) ? text(section, field) : undefined;
}

/** UTC date (YYYY-MM-DD) of a millisecond timestamp written as digits, or undefined. */
function isoDateOfMs(milliseconds: string | undefined): string | undefined {
  if (milliseconds === undefined || !/^[1-9][0-9]{0,15}$/.test(milliseconds)) return undefined;
  const date = new Date(Number(milliseconds));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

function linearDefinition(item: Record<string, unknown>): InstrumentDefinition | undefined {
  const contractType = text(item, 'contractType');
  let kind: InstrumentKind;
  if (contractType === 'LinearPerpetual') kind = 'perpetual';
  else if (contractType === 'LinearFutures') kind = 'future';
  else return undefined;
  const native = text(item, 'symbol');
  const base = text(item, 'baseCoin');
  const quote = text(item, 'quoteCoin');
  const settle = text(item, 'settleCoin');
  const tickSize = filterText(item, 'priceFilter', 'tickSize');
  const lotSize = filterText(item, 'lotSizeFilter', 'qtyStep');
  if (native === undefined || base === undefined || quote === undefined || settle === undefined) return undefined;
  if (tickSize === undefined || lotSize === undefined || !isAssetCode(base) || !isAssetCode(quote) || !isAssetCode(settle)) return undefined;
  const expiry = kind === 'future' ? isoDateOfMs(text(item, 'deliveryTime')) : null;
  if (expiry === undefined) return undefined;
  return { venue: 'bybit', kind, base, quote, settle, native, tickSize, lotSize, contractSize: '1', expiry };
}

function spotDefinition(item: Record<string, unknown>): InstrumentDefinition | undefined {
  const native = text(item, 'symbol');
  const base = text(item, 'baseCoin');
  const quote = text(item, 'quoteCoin');
  const tickSize = filterText(item, 'priceFilter', 'tickSize');
  const lotSize = filterText(item, 'lotSizeFilter', 'basePrecision');
  if (native === undefined || base === undefined || quote === undefined || tickSize === undefined || lotSize === undefined) return undefined;
  if (!isAssetCode(base) || !isAssetCode(quote)) return undefined;
  return { venue: 'bybit', kind: 'spot', base, quote, native, tickSize, lotSize };
}

/** The trading instruments of one instruments-info response (linear or spot). Throws ZVT_ERR_BYBIT_INSTRUMENTS on a failed or malformed response. */
export function parseBybitInstruments(path: string, body: string): InstrumentDefinition[] {
  let response: unknown;
  try {
    response = JSON.parse(body);
  } catch {
    fail(path, 'not JSON');
  }
  if (!isObject(response)) fail(path, 'not a JSON object');
  const typed = response as Partial<BybitInstrumentsResponse<unknown>>;
  if (typed.retCode !== 0) fail(path, `retCode ${JSON.stringify(typed.retCode)} (${String(typed.retMsg)})`);
  const result = typed.result;
  if (!isObject(result) || !Array.isArray(result.list)) fail(path, 'no result.list');
  const category = typeof result.category === 'string' ? result.category : CATEGORY_PATTERN.exec(path)?.[1];
  let toDefinition: (item: Record<string, unknown>) => InstrumentDefinition | undefined;
  if (category === 'linear') toDefinition = linearDefinition;
  else if (category === 'spot') toDefinition = spotDefinition;
  else fail(path, `unsupported category ${JSON.stringify(category)}`);
  const definitions: InstrumentDefinition[] = [];
  for (const item of result.list) {
    if (!isObject(item) || item.status !== 'Trading') continue;
    const definition = toDefinition(item);
    if (definition !== undefined) definitions.push(definition);
  }
  return definitions;
}

/** The request for the page after this instruments-info response, or null when it was the last (empty or absent nextPageCursor, or a failed response). */
export function bybitNextInstrumentRequest(path: string, body: string): string | null {
  let response: unknown;
  try {
    response = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isObject(response) || !isObject(response.result)) return null;
  const cursor = response.result.nextPageCursor;
  if (typeof cursor !== 'string' || cursor === '') return null;
  const [pathname, query = ''] = path.split('?', 2) as [string, string?];
  const params = query.split('&').filter((param) => param !== '' && !param.startsWith('cursor='));
  params.push(`cursor=${encodeURIComponent(cursor)}`);
  return `${pathname}?${params.join('&')}`;
}
