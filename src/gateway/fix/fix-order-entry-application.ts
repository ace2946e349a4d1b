// The application layer of the acceptor: order messages in (to the OrderEntryHandler), order events out (ExecutionReport, OrderCancelReject) to the owning session.
import { OrderAckLatency } from '../metrics/order-ack-latency.js';
import type { OrderEntryEvent, OrderEntryHandler } from '../orders/order-entry-handler.js';
import type { FixMessage } from './fix-message.js';
import { readOrderRequest } from './fix-order-requests.js';
import { renderOrderEvent, renderUnsupportedOrder } from './fix-order-reports.js';
import type { FixSession } from './fix-session.js';
import { BUSINESS_REJECT_REASON, FIX44_MSG_TYPES, MSG_TYPE, SESSION_REJECT_REASON, TAG } from './fix-tags.js';

const ORDER_MSG_TYPES: ReadonlySet<string> = new Set([
  MSG_TYPE.NewOrderSingle,
  MSG_TYPE.NewOrderList,
  MSG_TYPE.OrderCancelRequest,
  MSG_TYPE.OrderCancelReplaceRequest,
  MSG_TYPE.OrderStatusRequest,
]);

export class FixOrderEntryApplication {
  /** ExecIDs of reports the acceptor writes itself (unsupported orders): a start-time prefix keeps them unique across restarts. */
  private readonly executionPrefix = `F${Date.now().toString(36)}`;
  private executionCounter = 0;
  /** NewOrderSingle parsed → its first ExecutionReport rendered for writing (zvt_fix_order_ack_latency_seconds). */
  readonly orderAck = new OrderAckLatency();

  constructor(
    private readonly handler: OrderEntryHandler,
    private readonly clock: () => number,
  ) {}

  /** An application message received in sequence on `session`. */
  onMessage(session: FixSession, message: FixMessage, msgSeqNum: number): void {
    const msgType = message.msgType;
    const receivedNs = msgType === MSG_TYPE.NewOrderSingle ? this.orderAck.now() : 0;
    if (!FIX44_MSG_TYPES.has(msgType)) {
      return session.sendReject(msgSeqNum, SESSION_REJECT_REASON.InvalidMsgType, TAG.MsgType, msgType, `Invalid MsgType ${msgType}`);
    }
    if (!ORDER_MSG_TYPES.has(msgType)) {
      return session.sendBusinessReject(msgSeqNum, msgType, BUSINESS_REJECT_REASON.UnsupportedMessageType, null, `Unsupported Message Type ${msgType}`);
    }
    if (session.accountId === null) {
      return session.sendBusinessReject(msgSeqNum, msgType, BUSINESS_REJECT_REASON.ApplicationNotAvailable, null, 'No account is bound to this session');
    }
    const read = readOrderRequest(message, msgSeqNum, { owner: session.theirCompId, accountId: session.accountId });
    switch (read.kind) {
      case 'problem': {
        const problem = read.problem;
        return session.sendReject(msgSeqNum, problem.reason, problem.refTagId, msgType, problem.text);
      }
      case 'unsupported':
        for (const order of read.orders) {
          const report = renderUnsupportedOrder(order, read.listId, `${this.executionPrefix}-${++this.executionCounter}`, this.clock(), read.text);
          session.sendApplication(report.msgType, report.body);
        }
        if (msgType === MSG_TYPE.NewOrderSingle) this.orderAck.answeredDirectly(receivedNs);
        return;
      case 'place':
        this.orderAck.received(read.request.owner, read.request.clientOrderId, receivedNs);
        return this.handler.place(read.request);
      case 'cancel':
        return this.handler.cancel(read.request);
      case 'replace':
        return this.handler.replace(read.request);
      case 'status':
        return this.handler.status(read.request);
      case 'list':
        return this.handler.placeList(read.request);
    }
  }

  /** Renders a handler event for its owner's session. */
  render(event: OrderEntryEvent): { readonly msgType: string; readonly body: string } {
    const rendered = renderOrderEvent(event);
    // The acceptor writes it right after: the first report of a new order ends its ack latency.
    if (event.kind !== 'status' && event.kind !== 'cancel_rejected') this.orderAck.answered(event.owner, event.order.clientOrderId);
    return rendered;
  }
}
