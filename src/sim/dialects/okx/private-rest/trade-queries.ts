// GET /api/v5/trade/order, /orders-pending, /orders-history, /fills and /fills-history of the authenticated account.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimAccountSpec, SimFill } from '../../../matching/matching-types.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { INSTRUMENT_NOT_FOUND, OKX_ORDER_CODES, okxDataResponse, okxErrorResponse, parameterError } from '../errors.js';
import type { OkxContext } from '../okx-context.js';
import { limitParam, optionalInteger, requiredParam } from '../public-rest/query-params.js';
import { exchangeOrderIdOf, type OkxOrderRecord } from './order-registry.js';
import { fillDetails, orderDetails, ordTypeOf } from './order-render.js';

/*
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-details, -get-order-list,
 * -get-order-history-last-7-days, -get-transaction-details-last-3-days, -last-3-months.
 * - GET /trade/order: instId and one of ordId/clOrdId ("if both are passed, ordId will be used";
 *   a clOrdId of several orders gives the latest). Unknown: {"code":"51603","msg":"Order does not exist.","data":[]}.
 * - Lists are newest first, `limit` default 100 and at most 100; `after`/`before` page by ordId
 *   (orders) or billId (fills): after = older than, before = newer than. orders-pending holds live
 *   and partially_filled orders, orders-history canceled and filled ones (instType required there,
 *   and for fills-history). begin/end bound cTime (orders) or ts (fills), inclusive.
 * - The simulator keeps every order and fill of the session, so the 7-day / 3-month windows of the
 *   history endpoints are not applied.
 */

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 100;
const INSTRUMENT_TYPES = new Set(['SPOT', 'MARGIN', 'SWAP', 'FUTURES', 'OPTION']);

type Filters = {
  readonly listings: readonly SimListing[];
  readonly after: number | null;
  readonly before: number | null;
  readonly begin: number | null;
  readonly end: number | null;
  readonly limit: number;
};

type Parsed<T> = { ok: true; value: T } | { ok: false; response: SimHttpResponse };

/** instType / instId / after / before / begin / end / limit, validated as OKX does. */
function readFilters(context: OkxContext, query: URLSearchParams, instTypeRequired: boolean): Parsed<Filters> {
  const instType = query.get('instType') ?? '';
  if (instType === '' && instTypeRequired) {
    const missing = requiredParam(query, 'instType');
    if (!missing.ok) return { ok: false, response: okxErrorResponse(missing.error) };
  }
  if (instType !== '' && !INSTRUMENT_TYPES.has(instType)) return { ok: false, response: okxErrorResponse(parameterError('instType')) };
  const instId = query.get('instId') ?? '';
  let listings = context.exchange.listings.filter((listing) => instType === '' || listing.category === instType);
  if (instId !== '') {
    const listing = context.listing(instId);
    if (listing === undefined) return { ok: false, response: okxErrorResponse(INSTRUMENT_NOT_FOUND) };
    listings = listings.filter((candidate) => candidate === listing);
  }
  const values: Record<string, number | null> = {};
  for (const name of ['after', 'before', 'begin', 'end']) {
    const value = optionalInteger(query, name);
    if (!value.ok) return { ok: false, response: okxErrorResponse(value.error) };
    values[name] = value.value;
  }
  const limit = limitParam(query, DEFAULT_LIMIT, MAX_LIMIT);
  if (!limit.ok) return { ok: false, response: okxErrorResponse(limit.error) };
  return { ok: true, value: { listings, after: values.after!, before: values.before!, begin: values.begin!, end: values.end!, limit: limit.value } };
}

function page<T>(items: T[], idOf: (item: T) => number, timeOf: (item: T) => number, filters: Filters): T[] {
  return items
    .filter((item) => filters.after === null || idOf(item) < filters.after)
    .filter((item) => filters.before === null || idOf(item) > filters.before)
    .filter((item) => filters.begin === null || timeOf(item) >= filters.begin)
    .filter((item) => filters.end === null || timeOf(item) <= filters.end)
    .slice(0, filters.limit);
}

function lastFillOf(context: OkxContext, record: OkxOrderRecord): SimFill | undefined {
  if (record.cancelSource === '31') return undefined;
  return context.exchange.fills(record.order.accountId, record.order.canonical).findLast((fill) => fill.orderId === record.order.orderId);
}

function renderRecords(context: OkxContext, records: OkxOrderRecord[]): unknown[] {
  return records.map((record) => orderDetails(record, context.listingOfCanonical(record.order.canonical)!, lastFillOf(context, record)));
}

/** Every order record of the account on these listings: the exchange's and the dialect's post-only cancels, newest first. */
function accountRecords(context: OkxContext, account: SimAccountSpec, listings: readonly SimListing[], open: boolean): OkxOrderRecord[] {
  const records: OkxOrderRecord[] = [];
  for (const listing of listings) {
    const canonical = listing.instrument.canonical;
    const orders = open ? context.exchange.openOrders(account.accountId, canonical) : context.exchange.orderHistory(account.accountId, canonical);
    for (const order of orders) records.push(context.registry.record(order));
    if (!open) records.push(...context.registry.postOnlyCancels(account.accountId, canonical));
  }
  return records.sort((a, b) => b.order.createdMs - a.order.createdMs || Number(b.ordId) - Number(a.ordId));
}

export function handleGetOrder(context: OkxContext, request: SimHttpRequest, account: SimAccountSpec): SimHttpResponse {
  const query = request.query;
  const instId = requiredParam(query, 'instId');
  if (!instId.ok) return okxErrorResponse(instId.error);
  const listing = context.listing(instId.value);
  if (listing === undefined) return okxErrorResponse(INSTRUMENT_NOT_FOUND);
  const ordId = query.get('ordId') ?? '';
  const clOrdId = query.get('clOrdId') ?? '';
  if (ordId === '' && clOrdId === '') return okxErrorResponse({ code: '50015', status: 400, msg: 'Either parameter ordId or clOrdId is required' });
  const canonical = listing.instrument.canonical;
  let record: OkxOrderRecord | undefined;
  if (ordId !== '') {
    const orderId = exchangeOrderIdOf(ordId);
    const order = orderId === null ? undefined : context.exchange.order(account.accountId, canonical, { orderId });
    record = order !== undefined ? context.registry.record(order) : context.registry.findPostOnlyCancel(account.accountId, canonical, { ordId });
  } else {
    const candidates = accountRecords(context, account, [listing], false).filter((candidate) => (candidate.meta?.clOrdId ?? candidate.order.clientOrderId) === clOrdId);
    record = candidates[0];
  }
  if (record === undefined) return { status: 200, body: { code: OKX_ORDER_CODES.orderNotFound.code, msg: OKX_ORDER_CODES.orderNotFound.msg, data: [] } };
  return okxDataResponse(renderRecords(context, [record]));
}

function listOrders(context: OkxContext, request: SimHttpRequest, account: SimAccountSpec, open: boolean): SimHttpResponse {
  const filters = readFilters(context, request.query, !open);
  if (!filters.ok) return filters.response;
  const ordType = request.query.get('ordType') ?? '';
  const state = request.query.get('state') ?? '';
  const records = accountRecords(context, account, filters.value.listings, open).filter((record) => {
    if (!open && (record.order.status === 'new' || record.order.status === 'partially_filled')) return false;
    if (ordType !== '' && !ordType.split(',').includes(ordTypeOf(record))) return false;
    if (state === '') return true;
    const okxState = record.order.status === 'new' ? 'live' : record.order.status === 'partially_filled' || record.order.status === 'filled' ? record.order.status : 'canceled';
    return okxState === state;
  });
  return okxDataResponse(
    renderRecords(
      context,
      page(
        records,
        (record) => Number(record.ordId),
        (record) => record.order.createdMs,
        filters.value,
      ),
    ),
  );
}

export function handleOrdersPending(context: OkxContext, request: SimHttpRequest, account: SimAccountSpec): SimHttpResponse {
  return listOrders(context, request, account, true);
}

export function handleOrdersHistory(context: OkxContext, request: SimHttpRequest, account: SimAccountSpec): SimHttpResponse {
  return listOrders(context, request, account, false);
}

export function handleFills(context: OkxContext, request: SimHttpRequest, account: SimAccountSpec, history: boolean): SimHttpResponse {
  const filters = readFilters(context, request.query, history);
  if (!filters.ok) return filters.response;
  const ordId = request.query.get('ordId') ?? '';
  const orderId = ordId === '' ? null : exchangeOrderIdOf(ordId);
  const fills: { fill: SimFill; listing: SimListing }[] = [];
  for (const listing of filters.value.listings) {
    for (const fill of context.exchange.fills(account.accountId, listing.instrument.canonical)) {
      if (ordId === '' || fill.orderId === orderId) fills.push({ fill, listing });
    }
  }
  fills.sort((a, b) => b.fill.fillId - a.fill.fillId);
  const selected = page(
    fills,
    (entry) => entry.fill.fillId,
    (entry) => entry.fill.tsMs,
    filters.value,
  );
  return okxDataResponse(
    selected.map(({ fill, listing }) => {
      const record = context.registry.record(context.exchange.order(account.accountId, fill.canonical, { orderId: fill.orderId }) ?? stubOrder(fill));
      return fillDetails(fill, listing, record.ordId, record.meta?.clOrdId ?? fill.clientOrderId);
    }),
  );
}

/** A fill whose order the exchange no longer returns still names its ids. */
function stubOrder(fill: SimFill): Parameters<OkxContext['registry']['record']>[0] {
  return {
    orderId: fill.orderId,
    clientOrderId: fill.clientOrderId,
    accountId: fill.accountId,
    canonical: fill.canonical,
    side: fill.side,
    type: 'limit',
    timeInForce: 'GTC',
    postOnly: false,
    priceTicks: null,
    sizeLots: 0,
    quoteSize: null,
    filledLots: 0,
    filledTickLots: 0n,
    fee: '0',
    feeAsset: fill.feeAsset,
    status: 'filled',
    createdMs: fill.tsMs,
    updatedMs: fill.tsMs,
  };
}
