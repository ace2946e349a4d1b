// Reads one OKX place-order object (POST /trade/order body, or an element of /trade/batch-orders) into a SimOrderRequest.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimOrderRequest, SimTimeInForce } from '../../../matching/matching-types.js';
import { parsePriceTicks, parseSizeLots } from '../../../market/sim-instrument.js';
import { OKX_ORDER_CODES, parameterEmpty, parameterError, type OkxErrorSpec } from '../errors.js';
import type { OkxOrderMeta, OkxOrdType } from './order-registry.js';

/*
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-place-order
 * - instId, tdMode, side, ordType, sz required; px for limit/post_only/fok/ioc.
 * - tdMode: SPOT `cash` (margin trading is not simulated); SWAP `cross` or `isolated` (both the
 *   simulator's simplified full-notional margin).
 * - ordType: market | limit | post_only | fok | ioc, and optimal_limit_ioc for SWAP (a market IOC).
 * - sz: base for SPOT limit orders, contracts for SWAP; a SPOT market order's sz is in tgtCcy,
 *   "Default is quote_ccy for buy, base_ccy for sell".
 * - clOrdId up to 32 alphanumerics, tag up to 16; posSide only `net` (net mode); reduceOnly is
 *   accepted and has no effect (the simulator keeps no positions).
 * Failures: a missing field is 50014 and a malformed one 51000 for the whole request (`request`);
 * what the order itself breaks (lot size 51121, tick 51000 "Parameter px error", missing price
 * 51204) is the order's sCode (`order`).
 */

const CLIENT_ORDER_ID = /^[A-Za-z0-9]{1,32}$/;
const TAG = /^[A-Za-z0-9]{0,16}$/;
const QUOTE_AMOUNT = /^\d{1,20}(?:\.\d{1,18})?$/;
const ORDER_TYPES: ReadonlySet<string> = new Set(['market', 'limit', 'post_only', 'fok', 'ioc', 'optimal_limit_ioc']);

export type ParsedOrder =
  | { readonly ok: true; readonly listing: SimListing; readonly request: SimOrderRequest; readonly meta: OkxOrderMeta }
  | { readonly ok: false; readonly level: 'request' | 'order'; readonly error: OkxErrorSpec; readonly clOrdId: string; readonly tag: string };

function text(fields: Record<string, unknown>, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

export function parseOrder(item: unknown, listingOf: (instId: string) => SimListing | undefined): ParsedOrder {
  const fields = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : {};
  const clOrdId = text(fields, 'clOrdId') ?? '';
  const tag = text(fields, 'tag') ?? '';
  const fail = (level: 'request' | 'order', error: OkxErrorSpec): ParsedOrder => ({ ok: false, level, error, clOrdId, tag });

  for (const name of ['instId', 'tdMode', 'side', 'ordType', 'sz'] as const) if (text(fields, name) === undefined) return fail('request', parameterEmpty(name));
  const instId = text(fields, 'instId')!;
  const listing = listingOf(instId);
  if (listing === undefined) return fail('order', OKX_ORDER_CODES.instrumentNotFound);
  const spot = listing.category === 'SPOT';
  const tdMode = text(fields, 'tdMode')!;
  if (spot ? tdMode !== 'cash' : tdMode !== 'cross' && tdMode !== 'isolated') return fail('request', parameterError('tdMode'));
  const side = text(fields, 'side')!;
  if (side !== 'buy' && side !== 'sell') return fail('request', parameterError('side'));
  const ordTypeText = text(fields, 'ordType')!;
  if (!ORDER_TYPES.has(ordTypeText) || (spot && ordTypeText === 'optimal_limit_ioc')) return fail('request', parameterError('ordType'));
  if (clOrdId !== '' && !CLIENT_ORDER_ID.test(clOrdId)) return fail('request', parameterError('clOrdId'));
  if (!TAG.test(tag)) return fail('request', parameterError('tag'));
  const posSide = text(fields, 'posSide');
  if (posSide !== undefined && posSide !== 'net') return fail('request', parameterError('posSide'));

  const market = ordTypeText === 'market' || ordTypeText === 'optimal_limit_ioc';
  const ordType: OkxOrdType = ordTypeText === 'optimal_limit_ioc' ? 'market' : (ordTypeText as OkxOrdType);
  const instrument = listing.instrument;
  const sz = text(fields, 'sz')!;
  let tgtCcy = '';
  let sizeLots: number | undefined;
  let quoteSize: string | undefined;
  if (market && spot) {
    tgtCcy = text(fields, 'tgtCcy') ?? (side === 'buy' ? 'quote_ccy' : 'base_ccy');
    if (tgtCcy !== 'base_ccy' && tgtCcy !== 'quote_ccy') return fail('request', parameterError('tgtCcy'));
  }
  if (tgtCcy === 'quote_ccy') {
    if (!QUOTE_AMOUNT.test(sz) || /^0*(\.0*)?$/.test(sz)) return fail('request', parameterError('sz'));
    quoteSize = sz;
  } else {
    const lots = parseSizeLots(instrument, sz);
    if (lots === null) return fail('order', /^\d+(\.\d+)?$/.test(sz) ? OKX_ORDER_CODES.notLotMultiple : parameterError('sz'));
    if (lots === 0) return fail('request', parameterError('sz'));
    sizeLots = lots;
  }
  let priceTicks: number | undefined;
  if (!market) {
    const px = text(fields, 'px');
    if (px === undefined) return fail('order', OKX_ORDER_CODES.limitPriceEmpty);
    const ticks = parsePriceTicks(instrument, px);
    if (ticks === null || ticks === 0) return fail('order', OKX_ORDER_CODES.priceTick);
    priceTicks = ticks;
  }
  const timeInForce: SimTimeInForce = market || ordType === 'ioc' ? 'IOC' : ordType === 'fok' ? 'FOK' : 'GTC';
  const request: SimOrderRequest = {
    canonical: instrument.canonical,
    ...(clOrdId === '' ? {} : { clientOrderId: clOrdId }),
    side,
    type: market ? 'market' : 'limit',
    timeInForce,
    postOnly: ordType === 'post_only',
    ...(priceTicks === undefined ? {} : { priceTicks }),
    ...(sizeLots === undefined ? {} : { sizeLots }),
    ...(quoteSize === undefined ? {} : { quoteSize }),
  };
  return { ok: true, listing, request, meta: { ordType: ordTypeText as OkxOrdType, tdMode, tgtCcy, tag, clOrdId } };
}
