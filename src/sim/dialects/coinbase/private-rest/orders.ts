// Order endpoints: POST /orders (create), POST /orders/batch_cancel, GET /orders/historical/{order_id}, GET /orders/historical/batch.
import type { SimExchange } from '../../../exchange/sim-exchange-contract.js';
import type { SimOrder } from '../../../matching/matching-types.js';
import { coinbaseError, invalidArgument } from '../errors.js';
import type { CoinbaseRestHandler } from '../shared/rest-context.js';
import { orderStatus } from '../shared/order-figures.js';
import { coinbaseUuid, parseCoinbaseUuid } from '../wire/order-ids.js';
import { failureText } from './order-failures.js';
import { readOrderRequest } from './order-request.js';
import { orderView } from './order-view.js';

/*
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/create-order and
 * siblings. A created order: HTTP 200 {"success":true,"success_response":{"order_id","product_id",
 * "side","client_order_id"},"order_configuration":{...}}; a refused one: HTTP 200
 * {"success":false,"error_response":{"error","message","error_details","preview_failure_reason",
 * "new_order_failure_reason"},"order_configuration":{...}}. A client_order_id already used by the
 * account returns that order instead of creating another (Coinbase's idempotency rule).
 * batch_cancel {"order_ids":[...]} (at most 100) answers {"results":[{"success","failure_reason",
 * "order_id"}]}: UNKNOWN_CANCEL_FAILURE_REASON on success, UNKNOWN_CANCEL_ORDER for an id the
 * account does not have, INVALID_CANCEL_REQUEST for an order no longer open.
 * An unknown order id: 404 {"error":"unknown","error_details":"order with this orderID was not found",...}
 * (body as ccxt's coinbase.js records it; the status is the simulator's choice).
 * List: order_status (repeatable), product_id or product_ids (repeatable), order_ids, order_side,
 * order_type, start_date/end_date (RFC 3339), limit (default 100, at most 1000), cursor (an offset);
 * newest first, {"orders","sequence":"0","has_next","cursor"}.
 */

const MAX_CANCEL_IDS = 100;
const DEFAULT_LIST_LIMIT = 100;
const MAX_LIST_LIMIT = 1000;

export const createOrder: CoinbaseRestHandler = (request, _params, context, accountId) => {
  const exchange = context.exchange;
  const read = readOrderRequest(request.body, (productId) => exchange.listing(productId));
  if (!read.ok && read.kind === 'invalid') return invalidArgument(read.message);
  if (!read.ok) return orderFailure(read.reason, read.configuration);
  const account = accountId!;
  const canonical = read.listing.instrument.canonical;
  const existing = exchange.order(account, canonical, { clientOrderId: read.clientOrderId });
  if (existing !== undefined) return orderSuccess(read.listing.native, existing, read.configuration);
  const result = exchange.placeOrder(account, read.request);
  if (!result.ok) return orderFailure(result.reason, read.configuration);
  return orderSuccess(read.listing.native, result.order, read.configuration);
};

export const batchCancel: CoinbaseRestHandler = (request, _params, context, accountId) => {
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return invalidArgument('request body is not valid JSON');
  }
  const ids = typeof body === 'object' && body !== null ? (body as { order_ids?: unknown }).order_ids : undefined;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id): id is string => typeof id === 'string')) return invalidArgument('order_ids is required');
  if (ids.length > MAX_CANCEL_IDS) return invalidArgument(`at most ${MAX_CANCEL_IDS} order_ids per request`);
  const exchange = context.exchange;
  const results = ids.map((id) => {
    const order = findOrder(exchange, accountId!, id);
    if (order === undefined) return { success: false, failure_reason: 'UNKNOWN_CANCEL_ORDER', order_id: id };
    if (orderStatus(order) !== 'OPEN') return { success: false, failure_reason: 'INVALID_CANCEL_REQUEST', order_id: id };
    const cancel = exchange.cancelOrder(accountId!, order.canonical, { orderId: order.orderId });
    return cancel.ok
      ? { success: true, failure_reason: 'UNKNOWN_CANCEL_FAILURE_REASON', order_id: id }
      : { success: false, failure_reason: 'UNKNOWN_CANCEL_ORDER', order_id: id };
  });
  return { status: 200, body: { results } };
};

export const getOrder: CoinbaseRestHandler = (_request, params, context, accountId) => {
  const order = findOrder(context.exchange, accountId!, params.order_id ?? '');
  const listing = order === undefined ? undefined : listingOfCanonical(context.exchange, order.canonical);
  if (order === undefined || listing === undefined) return coinbaseError(404, 'unknown', 'order with this orderID was not found');
  return { status: 200, body: { order: orderView(context.exchange, listing, order) } };
};

export const listOrders: CoinbaseRestHandler = (request, _params, context, accountId) => {
  const query = request.query;
  const exchange = context.exchange;
  const statuses = query.getAll('order_status').filter((status) => status !== '');
  const products = [...query.getAll('product_ids'), ...query.getAll('product_id')].filter((product) => product !== '');
  const ids = query.getAll('order_ids').filter((id) => id !== '');
  const side = query.get('order_side');
  const type = query.get('order_type');
  const startMs = dateMs(query.get('start_date'));
  const endMs = dateMs(query.get('end_date'));
  const limit = boundedInteger(query.get('limit'), DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
  const offset = boundedInteger(query.get('cursor'), 0, Number.MAX_SAFE_INTEGER);
  if (limit === null || offset === null || startMs === undefined || endMs === undefined) return invalidArgument('invalid limit, cursor, start_date or end_date');
  const matching = exchange
    .orderHistory(accountId!)
    .filter((order) => {
      const listing = listingOfCanonical(exchange, order.canonical);
      if (listing === undefined) return false;
      if (statuses.length > 0 && !statuses.includes(orderStatus(order))) return false;
      if (products.length > 0 && !products.includes(listing.native)) return false;
      if (ids.length > 0 && !ids.includes(coinbaseUuid('order', order.orderId))) return false;
      if (side !== null && side !== '' && side !== (order.side === 'buy' ? 'BUY' : 'SELL')) return false;
      if (type !== null && type !== '' && type !== (order.type === 'market' ? 'MARKET' : 'LIMIT')) return false;
      if (startMs !== null && order.createdMs < startMs) return false;
      return endMs === null || order.createdMs <= endMs;
    })
    .reverse();
  const page = matching.slice(offset, offset + limit);
  const hasNext = offset + limit < matching.length;
  return {
    status: 200,
    body: {
      orders: page.map((order) => orderView(exchange, listingOfCanonical(exchange, order.canonical)!, order)),
      sequence: '0',
      has_next: hasNext,
      cursor: hasNext ? String(offset + limit) : '',
    },
  };
};

/** The account's order with this UUID, open or not. */
export function findOrder(exchange: SimExchange, accountId: string, orderUuid: string): SimOrder | undefined {
  const orderId = parseCoinbaseUuid('order', orderUuid);
  if (orderId === null) return undefined;
  return exchange.orderHistory(accountId).find((order) => order.orderId === orderId);
}

export function listingOfCanonical(exchange: SimExchange, canonical: string) {
  return exchange.listings.find((listing) => listing.instrument.canonical === canonical);
}

function orderSuccess(native: string, order: SimOrder, configuration: unknown) {
  return {
    status: 200,
    body: {
      success: true,
      success_response: {
        order_id: coinbaseUuid('order', order.orderId),
        product_id: native,
        side: order.side === 'buy' ? 'BUY' : 'SELL',
        client_order_id: order.clientOrderId,
      },
      order_configuration: configuration,
    },
  };
}

function orderFailure(reason: Parameters<typeof failureText>[0], configuration: unknown) {
  const text = failureText(reason);
  return {
    status: 200,
    body: {
      success: false,
      error_response: {
        error: text.error,
        message: text.message,
        error_details: '',
        preview_failure_reason: text.previewFailureReason,
        new_order_failure_reason: text.error,
      },
      order_configuration: configuration,
    },
  };
}

/** null when absent, undefined when not RFC 3339. */
function dateMs(text: string | null): number | null | undefined {
  if (text === null || text === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(text)) return undefined;
  return Date.parse(text);
}

function boundedInteger(text: string | null, fallback: number, max: number): number | null {
  if (text === null || text === '') return fallback;
  if (!/^\d{1,15}$/.test(text)) return null;
  return Math.min(max, Number(text));
}
