// Order events as FIX messages: ExecutionReport (8) for acceptances, fills, cancels, replaces, expiries, rejections and status; OrderCancelReject (9).
//
// ExecType(150) / OrdStatus(39): accepted 0/0, trade F/1 or F/2, canceled 4/4, replaced 5/<the
// new state>, expired C/C, rejected 8/8, status I/<state> (8 for an unknown order). Quantities
// are the whole client order's: CumQty(14) and AvgPx(6) include fills before a replace.
import type { OrderEntryEvent, OrderState } from '../orders/order-entry-handler.js';
import {
  CXL_REJ_REASON_TEXT,
  EXEC_INST_POST_ONLY,
  ORD_REJ_REASON_TEXT,
  ORD_STATUS_TEXT,
  ORD_TYPE_TEXT,
  SIDE_TEXT,
  TIME_IN_FORCE_TEXT,
} from './fix-codes.js';
import { FixBody } from './fix-encoder.js';
import type { FixGroupInstance } from './fix-message.js';
import { MSG_TYPE, TAG } from './fix-tags.js';
import { formatUtcTimestamp } from './fix-time.js';

export interface FixOutboundMessage {
  readonly msgType: string;
  readonly body: string;
}

/** OrderID of an order the venue never took. */
const NO_ORDER_ID = 'NONE';
/** CommType 3: absolute amount. */
const COMM_TYPE_ABSOLUTE = '3';

const EXEC_TYPE: Readonly<Record<Exclude<OrderEntryEvent['kind'], 'cancel_rejected'>, string>> = {
  accepted: '0',
  trade: 'F',
  canceled: '4',
  replaced: '5',
  expired: 'C',
  rejected: '8',
  status: 'I',
};

export function renderOrderEvent(event: OrderEntryEvent): FixOutboundMessage {
  if (event.kind === 'cancel_rejected') {
    const body = new FixBody()
      .field(TAG.OrderID, event.order?.orderId ?? NO_ORDER_ID)
      .field(TAG.ClOrdID, event.clientOrderId)
      .field(TAG.OrigClOrdID, event.origClientOrderId)
      .field(TAG.OrdStatus, event.order === null ? ORD_STATUS_TEXT.rejected : ORD_STATUS_TEXT[event.order.status])
      .field(TAG.ListID, event.order?.listId)
      .field(TAG.TransactTime, formatUtcTimestamp(event.tsMs))
      .field(TAG.CxlRejResponseTo, event.responseTo === 'cancel' ? '1' : '2')
      .field(TAG.CxlRejReason, CXL_REJ_REASON_TEXT[event.reason])
      .field(TAG.Text, event.text);
    return { msgType: MSG_TYPE.OrderCancelReject, body: body.toString() };
  }
  if (event.kind === 'status' && event.order === null) {
    const request = event.request;
    const body = new FixBody()
      .field(TAG.OrderID, request.orderId ?? NO_ORDER_ID)
      .field(TAG.ClOrdID, request.clientOrderId)
      .field(TAG.OrdStatusReqID, request.statusRequestId)
      .field(TAG.ExecID, event.executionId)
      .field(TAG.ExecType, EXEC_TYPE.status)
      .field(TAG.OrdStatus, ORD_STATUS_TEXT.rejected)
      .field(TAG.Symbol, request.symbol)
      .field(TAG.Side, SIDE_TEXT[request.side])
      .field(TAG.LeavesQty, '0')
      .field(TAG.CumQty, '0')
      .field(TAG.AvgPx, '0')
      .field(TAG.TransactTime, formatUtcTimestamp(event.tsMs))
      .field(TAG.Text, 'Unknown order');
    return { msgType: MSG_TYPE.ExecutionReport, body: body.toString() };
  }
  const order = event.order!;
  const body = new FixBody()
    .field(TAG.OrderID, order.orderId ?? NO_ORDER_ID)
    .field(TAG.ClOrdID, order.clientOrderId)
    .field(TAG.OrigClOrdID, event.kind === 'canceled' || event.kind === 'replaced' ? order.origClientOrderId : null)
    .field(TAG.OrdStatusReqID, event.kind === 'status' ? event.request.statusRequestId : null)
    .field(TAG.ListID, order.listId)
    .field(TAG.ExecID, event.executionId)
    .field(TAG.ExecType, EXEC_TYPE[event.kind])
    .field(TAG.OrdStatus, ORD_STATUS_TEXT[order.status])
    .field(TAG.OrdRejReason, event.kind === 'rejected' ? ORD_REJ_REASON_TEXT[event.reason] : null);
  orderFields(body, order);
  if (event.kind === 'trade') body.field(TAG.LastQty, event.fill.quantity).field(TAG.LastPx, event.fill.price);
  body
    .field(TAG.LeavesQty, order.leavesQuantity)
    .field(TAG.CumQty, order.cumulativeQuantity)
    .field(TAG.AvgPx, order.averagePrice)
    .field(TAG.TransactTime, formatUtcTimestamp(event.tsMs));
  if (event.kind === 'trade') {
    body.field(TAG.Commission, event.fill.fee).field(TAG.CommType, COMM_TYPE_ABSOLUTE).field(TAG.CommCurrency, event.fill.feeAsset);
  }
  const text = event.kind === 'rejected' || event.kind === 'canceled' || event.kind === 'expired' ? event.text : null;
  body.field(TAG.Text, text);
  return { msgType: MSG_TYPE.ExecutionReport, body: body.toString() };
}

function orderFields(body: FixBody, order: OrderState): void {
  body
    .field(TAG.Symbol, order.symbol)
    .field(TAG.Side, SIDE_TEXT[order.side])
    .field(TAG.OrderQty, order.quantity)
    .field(TAG.OrdType, ORD_TYPE_TEXT[order.type])
    .field(TAG.Price, order.price)
    .field(TAG.TimeInForce, TIME_IN_FORCE_TEXT[order.timeInForce])
    .field(TAG.ExecInst, order.postOnly ? EXEC_INST_POST_ONLY : null);
}

/**
 * ExecutionReport Rejected for a new order this venue does not trade (OrdRejReason 11), echoing
 * the client's own field values: `fields` is the NewOrderSingle's, or one NewOrderList instance.
 */
export function renderUnsupportedOrder(fields: FixGroupInstance, listId: string | null, executionId: string, tsMs: number, text: string): FixOutboundMessage {
  const echo = (tag: number): string | null => fields.get(tag) ?? null;
  const body = new FixBody()
    .field(TAG.OrderID, NO_ORDER_ID)
    .field(TAG.ClOrdID, echo(TAG.ClOrdID))
    .field(TAG.ListID, listId)
    .field(TAG.ExecID, executionId)
    .field(TAG.ExecType, EXEC_TYPE.rejected)
    .field(TAG.OrdStatus, ORD_STATUS_TEXT.rejected)
    .field(TAG.OrdRejReason, ORD_REJ_REASON_TEXT.unsupported)
    .field(TAG.Symbol, echo(TAG.Symbol))
    .field(TAG.Side, echo(TAG.Side))
    .field(TAG.OrderQty, echo(TAG.OrderQty))
    .field(TAG.OrdType, echo(TAG.OrdType))
    .field(TAG.Price, echo(TAG.Price))
    .field(TAG.TimeInForce, echo(TAG.TimeInForce))
    .field(TAG.LeavesQty, '0')
    .field(TAG.CumQty, '0')
    .field(TAG.AvgPx, '0')
    .field(TAG.TransactTime, formatUtcTimestamp(tsMs))
    .field(TAG.Text, text);
  return { msgType: MSG_TYPE.ExecutionReport, body: body.toString() };
}
