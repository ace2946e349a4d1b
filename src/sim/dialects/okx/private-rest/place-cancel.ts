// POST /api/v5/trade/order, /trade/batch-orders and /trade/cancel-order: orders into the exchange, answered in OKX's sCode/sMsg form.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimAccountSpec, SimOrder, SimRejectReason } from '../../../matching/matching-types.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import {
  INSTRUMENT_NOT_FOUND,
  OKX_ORDER_CODES,
  OKX_REST_ERRORS,
  insufficientBalance,
  okxErrorResponse,
  parameterEmpty,
  parameterError,
  type OkxErrorSpec,
} from '../errors.js';
import { postOnlyCanceledOrder } from '../../common/post-only-canceled.js';
import type { OkxContext } from '../okx-context.js';
import { msText } from '../okx-text.js';
import { exchangeOrdId, exchangeOrderIdOf, type OkxOrderMeta } from './order-registry.js';
import { parseOrder, type ParsedOrder } from './order-request.js';

/*
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-place-order, -place-multiple-orders, -cancel-order
 * - Answer: {"code","msg","data":[{"clOrdId","ordId","tag","ts","sCode","sMsg"}],"inTime","outTime"}
 *   (inTime/outTime in microseconds). code "0" when every order succeeded, "1" (msg "Operation
 *   failed.") when all failed, "2" (Bulk operation partially succeeded.) for a mixed batch.
 * - A post-only order that would take liquidity is accepted (sCode "0") and canceled at once:
 *   its state is canceled with cancelSource "31" (the exchange itself refuses it; the dialect
 *   keeps the record, see order-registry.ts).
 * - batch-orders takes at most 20 orders ("Maximum 20 orders can be placed per request").
 * - Failures the request itself has (missing/malformed fields, JSON errors) answer the whole
 *   request with 50000/50002/50014/51000 and an empty data.
 */

const MAX_BATCH = 20;

type Json = Record<string, unknown>;

function bodyOf(request: SimHttpRequest): { ok: true; value: unknown } | { ok: false; error: OkxErrorSpec } {
  if (request.body.trim() === '') return { ok: false, error: OKX_REST_ERRORS.emptyBody };
  try {
    return { ok: true, value: JSON.parse(request.body) as unknown };
  } catch {
    return { ok: false, error: OKX_REST_ERRORS.jsonSyntax };
  }
}

function microseconds(ms: number): string {
  return `${Math.trunc(ms)}000`;
}

function envelope(request: SimHttpRequest, items: Json[], failures: number): SimHttpResponse {
  const code = failures === 0 ? '0' : failures === items.length ? '1' : '2';
  const msg = code === '0' ? '' : code === '1' ? OKX_REST_ERRORS.operationFailed.msg : OKX_REST_ERRORS.partiallySucceeded.msg;
  return { status: 200, body: { code, msg, data: items, inTime: microseconds(request.receivedMs), outTime: microseconds(Date.now()) } };
}

function rejectionSpec(reason: SimRejectReason, listing: SimListing, side: 'buy' | 'sell'): OkxErrorSpec {
  switch (reason) {
    case 'insufficient_balance':
      return insufficientBalance(side === 'buy' || listing.category !== 'SPOT' ? listing.instrument.quote : listing.instrument.base);
    case 'unknown_instrument':
      return OKX_ORDER_CODES.instrumentNotFound;
    case 'duplicate_client_order_id':
      return OKX_ORDER_CODES.duplicateClientOrderId;
    case 'invalid_price':
      return OKX_ORDER_CODES.priceTick;
    case 'invalid_size':
      return { code: '51000', status: 200, msg: 'Parameter sz error' };
    case 'below_min_size':
    case 'below_min_notional':
      return OKX_ORDER_CODES.belowMinimum;
    case 'no_liquidity':
      return OKX_ORDER_CODES.noLiquidity;
    case 'unknown_order':
    case 'post_only_would_take':
      return OKX_ORDER_CODES.orderNotFound;
  }
}

/**
 * The exchange-side order a refused post-only request would have been, canceled at once as OKX does
 * (post_only requests are limit GTC; the registry gives it its ordId).
 */
function postOnlyCanceled(account: SimAccountSpec, parsed: Extract<ParsedOrder, { ok: true }>, nowMs: number): SimOrder {
  return postOnlyCanceledOrder(parsed.request, { orderId: 0, accountId: account.accountId, clientOrderId: parsed.meta.clOrdId, feeAsset: parsed.listing.instrument.quote, nowMs });
}

function placeOne(context: OkxContext, account: SimAccountSpec, parsed: ParsedOrder): { item: Json; failed: boolean } {
  const nowMs = context.exchange.nowMs();
  const ts = msText(nowMs);
  const failure = (clOrdId: string, tag: string, spec: OkxErrorSpec): { item: Json; failed: boolean } => ({
    item: { clOrdId, ordId: '', tag, ts, sCode: spec.code, sMsg: spec.msg },
    failed: true,
  });
  if (!parsed.ok) return failure(parsed.clOrdId, parsed.tag, parsed.error);
  const meta: OkxOrderMeta = parsed.meta;
  const result = context.registry.withPlacement(account.accountId, meta, () => context.exchange.placeOrder(account.accountId, parsed.request));
  if (result.ok) {
    const record = context.registry.record(result.order);
    return { item: { clOrdId: meta.clOrdId, ordId: record.ordId, tag: meta.tag, ts, sCode: '0', sMsg: OKX_ORDER_CODES.placed.msg }, failed: false };
  }
  if (result.reason === 'post_only_would_take' && parsed.request.type === 'limit') {
    const record = context.registry.addPostOnlyCancel(postOnlyCanceled(account, parsed, nowMs), meta);
    context.onDialectOrder(record);
    return { item: { clOrdId: meta.clOrdId, ordId: record.ordId, tag: meta.tag, ts, sCode: '0', sMsg: OKX_ORDER_CODES.placed.msg }, failed: false };
  }
  return failure(meta.clOrdId, meta.tag, rejectionSpec(result.reason, parsed.listing, parsed.request.side));
}

export function handlePlaceOrder(context: OkxContext, request: SimHttpRequest, account: SimAccountSpec, batch: boolean): SimHttpResponse {
  const body = bodyOf(request);
  if (!body.ok) return okxErrorResponse(body.error);
  let items: unknown[];
  if (batch) {
    if (!Array.isArray(body.value) || body.value.length === 0) return okxErrorResponse(OKX_REST_ERRORS.jsonSyntax);
    if (body.value.length > MAX_BATCH) return okxErrorResponse({ code: '51111', status: 200, msg: `Maximum ${MAX_BATCH} orders can be placed in bulk.` });
    items = body.value as unknown[];
  } else {
    if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) return okxErrorResponse(OKX_REST_ERRORS.jsonSyntax);
    items = [body.value];
  }
  const parsed = items.map((item) => parseOrder(item, (instId) => context.listing(instId)));
  const requestLevel = parsed.find((order): order is Extract<ParsedOrder, { ok: false }> => !order.ok && order.level === 'request');
  if (requestLevel !== undefined) return okxErrorResponse(requestLevel.error);
  const results = parsed.map((order) => placeOne(context, account, order));
  return envelope(
    request,
    results.map((result) => result.item),
    results.filter((result) => result.failed).length,
  );
}

export function handleCancelOrder(context: OkxContext, request: SimHttpRequest, account: SimAccountSpec): SimHttpResponse {
  const body = bodyOf(request);
  if (!body.ok) return okxErrorResponse(body.error);
  if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) return okxErrorResponse(OKX_REST_ERRORS.jsonSyntax);
  const fields = body.value as Record<string, unknown>;
  const instId = typeof fields.instId === 'string' ? fields.instId : '';
  const ordId = typeof fields.ordId === 'string' ? fields.ordId : '';
  const clOrdId = typeof fields.clOrdId === 'string' ? fields.clOrdId : '';
  if (instId === '') return okxErrorResponse(parameterEmpty('instId'));
  const listing = context.listing(instId);
  if (listing === undefined) return okxErrorResponse(INSTRUMENT_NOT_FOUND);
  if (ordId === '' && clOrdId === '') return okxErrorResponse({ code: '50015', status: 400, msg: 'Either parameter ordId or clOrdId is required' });
  const ts = msText(context.exchange.nowMs());
  let orderId: number | null = null;
  if (ordId !== '') {
    orderId = exchangeOrderIdOf(ordId);
    if (orderId === null && !/^\d+$/.test(ordId)) return okxErrorResponse(parameterError('ordId'));
  }
  const result =
    orderId !== null
      ? context.exchange.cancelOrder(account.accountId, listing.instrument.canonical, { orderId })
      : ordId === ''
        ? context.exchange.cancelOrder(account.accountId, listing.instrument.canonical, { clientOrderId: clOrdId })
        : null;
  if (result?.ok === true) {
    const record = context.registry.record(result.order);
    return envelope(request, [{ clOrdId: record.meta?.clOrdId ?? result.order.clientOrderId, ordId: record.ordId, ts, sCode: '0', sMsg: '' }], 0);
  }
  const failed = OKX_ORDER_CODES.cancelFailed;
  return envelope(request, [{ clOrdId, ordId: ordId === '' ? '' : orderId === null ? ordId : exchangeOrdId(orderId), ts, sCode: failed.code, sMsg: failed.msg }], 1);
}
