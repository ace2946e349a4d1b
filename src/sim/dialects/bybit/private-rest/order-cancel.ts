// POST /v5/order/cancel: cancels an open order by orderId or orderLinkId, answered {"orderId","orderLinkId"}.
import type { SimAccountSpec, SimOrderRef } from '../../../matching/matching-types.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { bybitFail, bybitOk } from '../bybit-envelope.js';
import { orderNotFound, paramsError } from '../bybit-errors.js';
import { bybitOrderId, parseBybitOrderId } from '../bybit-ids.js';
import type { BybitPrivateContext } from './private-context.js';
import { orderWriteTarget } from './private-request.js';

/*
 * https://bybit-exchange.github.io/docs/v5/order/cancel-order: category, symbol, and orderId or
 * orderLinkId ("If both are passed, orderId takes priority"). An order that is not open, not this
 * account's or never existed: linear 110001 "order not exists or too late to cancel", spot 170213
 * "Order does not exist.".
 */

export function handleOrderCancel(request: SimHttpRequest, context: BybitPrivateContext, account: SimAccountSpec): SimHttpResponse {
  const nowMs = request.receivedMs;
  const target = orderWriteTarget(request, context);
  if (!target.ok) return target.response;
  const { params, category, listing } = target;
  const orderIdText = params.text('orderId');
  const linkId = params.text('orderLinkId');
  let ref: SimOrderRef;
  if (orderIdText !== undefined) {
    const orderId = parseBybitOrderId(category, orderIdText);
    if (orderId === null || context.state.local.isLocal(orderId)) return bybitFail(orderNotFound(category), nowMs);
    ref = { orderId };
  } else if (linkId !== undefined) {
    ref = { clientOrderId: linkId };
  } else {
    return bybitFail(paramsError('params error: orderId or orderLinkId is required'), nowMs);
  }
  const result = context.exchange.cancelOrder(account.accountId, listing.instrument.canonical, ref);
  if (!result.ok) return bybitFail(orderNotFound(category), nowMs);
  const order = result.order;
  return bybitOk({ orderId: bybitOrderId(category, order.orderId), orderLinkId: context.state.linkIdSent(order.orderId) ? order.clientOrderId : '' }, nowMs);
}
