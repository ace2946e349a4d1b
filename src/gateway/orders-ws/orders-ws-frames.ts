// Plain objects of the /v1/orders frames (schema/orders.fbs) that the codec reads and writes, in both directions.
//
// Fields a sender may leave out are null here, so a decoded frame says exactly what arrived and
// the request reader (orders-ws-requests.ts) decides what is missing. Enum fields use the
// order-entry contract's names; an enum's Unset (0) reads as null.
import type {
  CancelRejectReason,
  OrderFill,
  OrderRejectReason,
  OrderSide,
  OrderStatus,
  OrderTimeInForce,
  OrderType,
} from '../orders/order-entry-handler.js';

export type RejectReasonName =
  | 'malformed'
  | 'too_large'
  | 'text_frame'
  | 'not_a_request'
  | 'missing_field'
  | 'invalid_value'
  | 'already_logged_on'
  | 'unavailable';

export type LogonRejectReasonName =
  | 'not_a_logon'
  | 'malformed'
  | 'unknown_key'
  | 'invalid_signature'
  | 'stale_timestamp'
  | 'replayed'
  | 'already_logged_on'
  | 'shutting_down'
  | 'try_later';

export type ExecTypeName = 'new' | 'trade' | 'canceled' | 'replaced' | 'expired' | 'rejected' | 'status';

export interface WsOrderSpec {
  readonly clientOrderId: string | null;
  readonly symbol: string | null;
  readonly side: OrderSide | null;
  readonly type: OrderType | null;
  /** null: GTC. */
  readonly timeInForce: OrderTimeInForce | null;
  readonly postOnly: boolean;
  readonly quantity: string | null;
  readonly price: string | null;
}

/** The handler's OrderState without `owner` (the session's, see LogonAck); `unknown` status: a StatusRequest named no order. */
export interface WsOrderState {
  readonly orderId: string | null;
  readonly clientOrderId: string;
  readonly origClientOrderId: string | null;
  readonly listId: string | null;
  readonly accountId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  /** null only on the Status report of an unknown order. */
  readonly type: OrderType | null;
  readonly timeInForce: OrderTimeInForce | null;
  readonly postOnly: boolean;
  readonly price: string | null;
  readonly quantity: string;
  readonly cumulativeQuantity: string;
  readonly leavesQuantity: string;
  readonly averagePrice: string;
  readonly status: OrderStatus | 'unknown';
  readonly updatedMs: number;
}

export type WsRequestBody =
  | { readonly kind: 'logon'; readonly apiKey: string | null; readonly sendingTime: string | null; readonly signature: string | null }
  | { readonly kind: 'newOrder'; readonly order: WsOrderSpec | null }
  | {
      readonly kind: 'cancel';
      readonly clientOrderId: string | null;
      readonly origClientOrderId: string | null;
      readonly orderId: string | null;
      readonly symbol: string | null;
      readonly side: OrderSide | null;
    }
  | {
      readonly kind: 'replace';
      readonly clientOrderId: string | null;
      readonly origClientOrderId: string | null;
      readonly orderId: string | null;
      readonly symbol: string | null;
      readonly side: OrderSide | null;
      readonly type: OrderType | null;
      readonly timeInForce: OrderTimeInForce | null;
      readonly postOnly: boolean;
      readonly quantity: string | null;
      readonly price: string | null;
    }
  | {
      readonly kind: 'statusRequest';
      readonly clientOrderId: string | null;
      readonly orderId: string | null;
      readonly symbol: string | null;
      readonly side: OrderSide | null;
      readonly statusRequestId: string | null;
    }
  | { readonly kind: 'newOrderList'; readonly listId: string | null; readonly contingency: 'oco' | null; readonly orders: readonly WsOrderSpec[] };

/** Bodies both sides send. */
export type WsSharedBody = { readonly kind: 'heartbeat'; readonly timeMs: number } | { readonly kind: 'logout'; readonly text: string | null };

export type WsResponseBody =
  | {
      readonly kind: 'logonAck';
      readonly owner: string;
      readonly accountId: string;
      readonly serverTimeMs: number;
      readonly pendingEvents: number;
      readonly droppedEvents: number;
      readonly serverInstance: string;
    }
  | { readonly kind: 'logonReject'; readonly reason: LogonRejectReasonName; readonly text: string }
  | {
      readonly kind: 'executionReport';
      readonly executionId: string;
      readonly execType: ExecTypeName;
      readonly order: WsOrderState;
      readonly fill: OrderFill | null;
      readonly rejectReason: OrderRejectReason | null;
      readonly text: string | null;
      readonly statusRequestId: string | null;
      readonly tsMs: number;
    }
  | {
      readonly kind: 'cancelReject';
      readonly clientOrderId: string;
      readonly origClientOrderId: string;
      readonly responseTo: 'cancel' | 'replace';
      readonly reason: CancelRejectReason;
      readonly text: string;
      readonly order: WsOrderState | null;
      readonly tsMs: number;
    }
  | { readonly kind: 'reject'; readonly reason: RejectReasonName; readonly text: string };

export type WsBody = WsRequestBody | WsSharedBody | WsResponseBody;

export interface OrdersWsFrame<B extends WsBody = WsBody> {
  /** Server: the session's sequence number (0 on a LogonReject: no session). Client: 0. */
  readonly seq: bigint;
  /** Client: its request id. Server: the id of the request answered, 0 when unsolicited. */
  readonly requestId: bigint;
  readonly body: B;
}

const REQUEST_KINDS: ReadonlySet<WsBody['kind']> = new Set(['logon', 'newOrder', 'cancel', 'replace', 'statusRequest', 'newOrderList', 'heartbeat', 'logout']);

/** Bodies a client may send. */
export function isRequestBody(body: WsBody): body is WsRequestBody | WsSharedBody {
  return REQUEST_KINDS.has(body.kind);
}
