// GET /api/v3/order, GET /api/v3/openOrders, GET /api/v3/allOrders.
import type { SimExchange, SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimAccountSpec, SimOrder } from '../../../matching/matching-types.js';
import { authenticateSigned, SIGNED_PARAMETERS } from '../auth/authenticate.js';
import type { BinanceHandler } from '../binance-context.js';
import { BinanceErrors } from '../errors.js';
import { limitParam, optionalListing, requiredListing } from '../listing-lookup.js';
import { reject, type BinanceParams } from '../request-params.js';
import { orderQueryJson } from './order-json.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints and
 * account-endpoints:
 *   GET order      symbol, orderId or origClientOrderId (-1102 when neither); "If both orderId and
 *                  origClientOrderId are provided, the orderId is searched first, then the
 *                  origClientOrderId from that result is checked against that order"; -2013
 *                  "Order does not exist." when not found.
 *   GET openOrders symbol optional (all symbols without it).
 *   GET allOrders  symbol; orderId (orders >= it), startTime/endTime (at most 24 hours apart),
 *                  limit (default 500, max 1000); otherwise the most recent orders.
 */

const DAY_MS = 86_400_000;

/** The account's order a request names by orderId / origClientOrderId, or the rejection `missing`. */
export function referencedOrder(exchange: SimExchange, account: SimAccountSpec, listing: SimListing, params: BinanceParams, missing: () => never): SimOrder {
  const orderId = params.optionalInteger('orderId');
  const clientOrderId = params.optionalText('origClientOrderId');
  if (orderId === undefined && clientOrderId === undefined) reject(BinanceErrors.eitherParameter('origClientOrderId', 'orderId'));
  const canonical = listing.instrument.canonical;
  const order =
    orderId !== undefined
      ? exchange.order(account.accountId, canonical, { orderId })
      : exchange.order(account.accountId, canonical, { clientOrderId: clientOrderId! });
  if (order === undefined) missing();
  if (orderId !== undefined && clientOrderId !== undefined && order.clientOrderId !== clientOrderId) missing();
  return order;
}

export const queryOrder: BinanceHandler = (request, params, context) => {
  params.acceptOnly(['symbol', 'orderId', 'origClientOrderId', ...SIGNED_PARAMETERS]);
  const account = authenticateSigned(request, params, context.exchange);
  const listing = requiredListing(params, context.exchange);
  const order = referencedOrder(context.exchange, account, listing, params, () => reject(BinanceErrors.noSuchOrder()));
  return { status: 200, body: orderQueryJson(listing, order) };
};

export const openOrders: BinanceHandler = (request, params, context) => {
  params.acceptOnly(['symbol', ...SIGNED_PARAMETERS]);
  const account = authenticateSigned(request, params, context.exchange);
  const listing = optionalListing(params, context.exchange);
  const orders = context.exchange.openOrders(account.accountId, listing?.instrument.canonical);
  const body = orders.flatMap((order) => {
    const owner = listing ?? context.exchange.listings.find((candidate) => candidate.instrument.canonical === order.canonical);
    return owner === undefined ? [] : [orderQueryJson(owner, order)];
  });
  return { status: 200, body };
};

export const allOrders: BinanceHandler = (request, params, context) => {
  params.acceptOnly(['symbol', 'orderId', 'startTime', 'endTime', 'limit', ...SIGNED_PARAMETERS]);
  const account = authenticateSigned(request, params, context.exchange);
  const listing = requiredListing(params, context.exchange);
  const orderId = params.optionalInteger('orderId');
  const startTime = params.optionalInteger('startTime');
  const endTime = params.optionalInteger('endTime');
  const limit = limitParam(params, 500, 1000);
  if (startTime !== undefined && endTime !== undefined && endTime - startTime > DAY_MS) reject(BinanceErrors.lookupIntervalTooBig(24));
  let orders = context.exchange.orderHistory(account.accountId, listing.instrument.canonical);
  if (orderId !== undefined) orders = orders.filter((order) => order.orderId >= orderId);
  if (startTime !== undefined) orders = orders.filter((order) => order.createdMs >= startTime);
  if (endTime !== undefined) orders = orders.filter((order) => order.createdMs <= endTime);
  orders = orderId !== undefined || (startTime !== undefined && endTime === undefined) ? orders.slice(0, limit) : orders.slice(Math.max(0, orders.length - limit));
  return { status: 200, body: orders.map((order) => orderQueryJson(listing, order)) };
};
