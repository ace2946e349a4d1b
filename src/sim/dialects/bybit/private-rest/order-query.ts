// GET /v5/order/realtime (open orders, or any recent one by id) and GET /v5/order/history (closed orders), paged by cursor.
import type { SimAccountSpec, SimOrder } from '../../../matching/matching-types.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { BybitParams } from '../bybit-context.js';
import { bybitFail, bybitOk } from '../bybit-envelope.js';
import { paramsError } from '../bybit-errors.js';
import { parseBybitOrderId } from '../bybit-ids.js';
import { bybitOrderStatus, isOpenOrder, renderOrder } from './order-render.js';
import type { BybitPrivateContext } from './private-context.js';
import { cursorOffset, pageOf, privateCategory, privateSymbol, timeWindow } from './private-request.js';

/*
 * https://bybit-exchange.github.io/docs/v5/order/open-order: "Primarily query unfilled or
 * partially filled orders in real-time, but also supports querying recent 500 closed status
 * (Cancelled, Filled) orders": openOnly 0 (default) lists open orders; a query by orderId or
 * orderLinkId finds the order whatever its status (ccxt's fetchOrder relies on that); openOnly 1
 * lists the recent 500 closed ones. limit [1, 50] default 20. Sorted newest first.
 * https://bybit-exchange.github.io/docs/v5/order/order-list: closed orders (or those of
 * `orderStatus`, or the one of orderId/orderLinkId) created within [startTime, endTime] (default
 * the last 7 days), limit [1, 50] default 20. Both answer {"list","nextPageCursor","category"}.
 */

const MAX_CLOSED = 500;

type Selection = { readonly ok: true; readonly orders: SimOrder[]; readonly category: 'spot' | 'linear'; readonly limit: number; readonly offset: number } | { readonly ok: false; readonly response: SimHttpResponse };

function select(request: SimHttpRequest, context: BybitPrivateContext, account: SimAccountSpec, params: BybitParams): Selection {
  const nowMs = request.receivedMs;
  const category = privateCategory(params, nowMs);
  if (!category.ok) return category;
  const symbol = privateSymbol(params, context, category.category, false, nowMs);
  if (!symbol.ok) return symbol;
  const limit = params.integer('limit');
  if (limit === null || (limit !== undefined && (limit < 1 || limit > 50))) return { ok: false, response: bybitFail(paramsError('params error: limit invalid'), nowMs) };
  const offset = cursorOffset(params.text('cursor'));
  if (offset === null) return { ok: false, response: bybitFail(paramsError('params error: cursor invalid'), nowMs) };
  let orders = context.state.orders(account.accountId, category.category, symbol.listing?.instrument.canonical);
  const orderIdText = params.text('orderId');
  const linkId = params.text('orderLinkId');
  if (orderIdText !== undefined) {
    const orderId = parseBybitOrderId(category.category, orderIdText);
    orders = orders.filter((order) => order.orderId === orderId);
  } else if (linkId !== undefined) {
    orders = orders.filter((order) => context.state.linkIdSent(order.orderId) && order.clientOrderId === linkId);
  }
  return { ok: true, orders, category: category.category, limit: limit ?? 20, offset };
}

function answer(context: BybitPrivateContext, selection: Extract<Selection, { ok: true }>, orders: SimOrder[], nowMs: number): SimHttpResponse {
  const { page, nextPageCursor } = pageOf(orders, selection.offset, selection.limit);
  const list = page.map((order) => renderOrder(context.listings.byCanonicalSymbol(order.canonical)!, selection.category, order, context.state.extras(order)));
  return bybitOk({ list, nextPageCursor, category: selection.category }, nowMs);
}

export function handleOrderRealtime(request: SimHttpRequest, context: BybitPrivateContext, account: SimAccountSpec): SimHttpResponse {
  const params = BybitParams.ofQuery(request.query);
  const selection = select(request, context, account, params);
  if (!selection.ok) return selection.response;
  const byId = params.text('orderId') !== undefined || params.text('orderLinkId') !== undefined;
  const openOnly = params.text('openOnly') ?? '0';
  let orders = selection.orders;
  if (!byId) orders = openOnly === '0' ? orders.filter(isOpenOrder) : orders.filter((order) => !isOpenOrder(order)).slice(0, MAX_CLOSED);
  return answer(context, selection, orders, request.receivedMs);
}

export function handleOrderHistory(request: SimHttpRequest, context: BybitPrivateContext, account: SimAccountSpec): SimHttpResponse {
  const params = BybitParams.ofQuery(request.query);
  const selection = select(request, context, account, params);
  if (!selection.ok) return selection.response;
  const window = timeWindow(params, request.receivedMs);
  if (window === null) return bybitFail(paramsError('params error: startTime or endTime invalid'), request.receivedMs);
  const byId = params.text('orderId') !== undefined || params.text('orderLinkId') !== undefined;
  const status = params.text('orderStatus');
  let orders = selection.orders;
  if (!byId) {
    orders = orders.filter((order) => order.createdMs >= window.fromMs && order.createdMs <= window.toMs);
    orders = status === undefined ? orders.filter((order) => !isOpenOrder(order)) : orders.filter((order) => bybitOrderStatus(order, selection.category) === status);
  }
  return answer(context, selection, orders, request.receivedMs);
}
