// POST /v5/order/cancel: cancels an open order by orderId or orderLinkId, answered {"orderId","orderLinkId"}.
import type { SimAccountSpec, SimOrderRef } from '../../../matching/matching-types.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { BybitParams } from '../bybit-context.js';
import { bybitFail, bybitOk } from '../bybit-envelope.js';
import { orderNotFound, paramsError } from '../bybit-errors.js';
import { bybitOrderId, parseBybitOrderId } from '../bybit-ids.js';
import type { BybitPrivateContext } from './private-context.js';
import { privateCategory, privateSymbol } from './private-request.js';

/*
 * https://bybit-exchange.github.io/docs/v5/order/cancel-order: category, symbol, and orderId or
 * orderLinkId ("If both are passed, orderId takes priority"). An order that is not open, not this
 * account's or never existed: linear 110001 "order not exists or too late to cancel", spot 170213
 * "Order does not exist.".
 */

export function handleOrderCancel(request: SimHttpRequest, context: BybitPrivateContext, account: SimAccountSpec): SimHttpResponse {
  const nowMs = request.receivedMs;
  const params = BybitParams.ofJsonBody(request.body);
  if (params === null) return bybitFail(paramsError('params error: request body is not valid JSON'), nowMs);
  const category = privateCategory(params, nowMs);
  if (!category.ok) return category.response;
  const symbol = privateSymbol(params, context, category.category, true, nowMs);
  if (!symbol.ok) return symbol.response;
  const listing = symbol.listing!;
  const orderIdText = params.text('orderId');
  const linkId = params.text('orderLinkId');
  let ref: SimOrderRef;
  if (orderIdText !== undefined) {
    const orderId = parseBybitOrderId(category.category, orderIdText);
    if (orderId === null || context.state.local.isLocal(orderId)) return bybitFail(orderNotFound(category.category), nowMs);
    ref = { orderId };
  } else if (linkId !== undefined) {
    ref = { clientOrderId: linkId };
  } else {
    return bybitFail(paramsError('params error: orderId or orderLinkId is required'), nowMs);
  }
  const result = context.exchange.cancelOrder(account.accountId, listing.instrument.canonical, ref);
  if (!result.ok) return bybitFail(orderNotFound(category.category), nowMs);
  const order = result.order;
  return bybitOk({ orderId: bybitOrderId(category.category, order.orderId), orderLinkId: context.state.linkIdSent(order.orderId) ? order.clientOrderId : '' }, nowMs);
}
