// Order events as /v1/orders bodies: ExecutionReport for acceptances, fills, cancels, replaces, expiries, rejections and status; CancelReject.
//
// The same events, in the same cases, as FIX's ExecutionReport (8) and OrderCancelReject (9)
// (fix-order-reports.ts): exec types New, Trade, Canceled, Replaced, Expired, Rejected, Status; a
// Status of no order reports status Unknown with the request's ids and zero quantities.
import type { OrderEntryEvent, OrderState } from '../orders/order-entry-handler.js';
import type { ExecTypeName, WsOrderState, WsResponseBody } from './orders-ws-frames.js';

const EXEC_TYPE: Readonly<Record<Exclude<OrderEntryEvent['kind'], 'cancel_rejected'>, ExecTypeName>> = {
  accepted: 'new',
  trade: 'trade',
  canceled: 'canceled',
  replaced: 'replaced',
  expired: 'expired',
  rejected: 'rejected',
  status: 'status',
};

export function wsOrderState(order: OrderState): WsOrderState {
  return {
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    origClientOrderId: order.origClientOrderId,
    listId: order.listId,
    accountId: order.accountId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    postOnly: order.postOnly,
    price: order.price,
    quantity: order.quantity,
    cumulativeQuantity: order.cumulativeQuantity,
    leavesQuantity: order.leavesQuantity,
    averagePrice: order.averagePrice,
    status: order.status,
    updatedMs: order.updatedMs,
  };
}

export function orderEventBody(event: OrderEntryEvent): Extract<WsResponseBody, { kind: 'executionReport' | 'cancelReject' }> {
  if (event.kind === 'cancel_rejected') {
    return {
      kind: 'cancelReject',
      clientOrderId: event.clientOrderId,
      origClientOrderId: event.origClientOrderId,
      responseTo: event.responseTo,
      reason: event.reason,
      text: event.text,
      order: event.order === null ? null : wsOrderState(event.order),
      tsMs: event.tsMs,
    };
  }
  const report = {
    kind: 'executionReport' as const,
    executionId: event.executionId,
    execType: EXEC_TYPE[event.kind],
    fill: event.kind === 'trade' ? event.fill : null,
    rejectReason: event.kind === 'rejected' ? event.reason : null,
    text: event.kind === 'rejected' || event.kind === 'canceled' || event.kind === 'expired' ? event.text : null,
    statusRequestId: event.kind === 'status' ? event.request.statusRequestId : null,
    tsMs: event.tsMs,
  };
  if (event.kind === 'status' && event.order === null) {
    const request = event.request;
    const order: WsOrderState = {
      orderId: request.orderId,
      clientOrderId: request.clientOrderId,
      origClientOrderId: null,
      listId: null,
      accountId: event.accountId,
      symbol: request.symbol,
      side: request.side,
      type: null,
      timeInForce: null,
      postOnly: false,
      price: null,
      quantity: '0',
      cumulativeQuantity: '0',
      leavesQuantity: '0',
      averagePrice: '0',
      status: 'unknown',
      updatedMs: event.tsMs,
    };
    return { ...report, order, text: 'Unknown order' };
  }
  return { ...report, order: wsOrderState(event.order!) };
}
