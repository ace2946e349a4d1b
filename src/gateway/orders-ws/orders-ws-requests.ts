// Reads a decoded order request (NewOrder, Cancel, Replace, StatusRequest, NewOrderList) into an order-entry request, or a Reject with the first problem: FIX's rules for which fields a request needs.
//
// As in FIX (fix-order-requests.ts): a missing required field or a malformed value is refused at
// the protocol level (Reject) and never reaches the handler; everything the venue decides (unknown
// symbol, price off the tick grid, balance) is the handler's, answered with an ExecutionReport
// Rejected or a CancelReject. Decimals follow the same rule as FIX (positiveDecimalProblem).
import { positiveDecimalProblem } from '../fix/fix-field-reader.js';
import type {
  CancelOrderRequest,
  OrderListRequest,
  OrderRequester,
  OrderSide,
  OrderSpec,
  OrderStatusRequest,
  PlaceOrderRequest,
  ReplaceOrderRequest,
} from '../orders/order-entry-handler.js';
import type { RejectReasonName, WsOrderSpec, WsRequestBody } from './orders-ws-frames.js';

export type OrderRequestKind = Exclude<WsRequestBody['kind'], 'logon'>;

export type WsOrderRequest =
  | { readonly kind: 'place'; readonly request: PlaceOrderRequest }
  | { readonly kind: 'cancel'; readonly request: CancelOrderRequest }
  | { readonly kind: 'replace'; readonly request: ReplaceOrderRequest }
  | { readonly kind: 'status'; readonly request: OrderStatusRequest }
  | { readonly kind: 'list'; readonly request: OrderListRequest }
  | { readonly kind: 'reject'; readonly reason: RejectReasonName; readonly text: string };

/** Longest id or symbol accepted (FIX has no limit; 64 bytes covers every venue's client ids). */
export const MAX_ID_LENGTH = 64;

/** Thrown inside the reader only, caught by readOrderRequest: the first problem ends the read. */
class Refusal extends Error {
  constructor(
    readonly reason: RejectReasonName,
    readonly text: string,
  ) {
    super(text);
  }
}

function required(value: string | null, field: string): string {
  if (value === null || value.length === 0) throw new Refusal('missing_field', `${field} is required`);
  if (value.length > MAX_ID_LENGTH) throw new Refusal('invalid_value', `${field} is longer than ${MAX_ID_LENGTH} characters`);
  return value;
}

function optional(value: string | null, field: string): string | null {
  return value === null || value.length === 0 ? null : required(value, field);
}

function requiredSide(value: OrderSide | null): OrderSide {
  if (value === null) throw new Refusal('missing_field', 'side is required (Buy or Sell)');
  return value;
}

function decimal(value: string | null, field: string): string {
  if (value === null || value.length === 0) throw new Refusal('missing_field', `${field} is required`);
  const problem = positiveDecimalProblem(value);
  if (problem === 'format') throw new Refusal('invalid_value', `${field} "${value}" is not decimal text (digits, optional fraction, no sign or exponent)`);
  if (problem === 'zero') throw new Refusal('invalid_value', `${field} must be positive`);
  return value;
}

function spec(order: WsOrderSpec | null, where: string): OrderSpec {
  if (order === null) throw new Refusal('missing_field', `${where} is required`);
  const type = order.type;
  if (type === null) throw new Refusal('missing_field', `${where}.type is required (Market or Limit)`);
  const base = {
    clientOrderId: required(order.clientOrderId, `${where}.client_order_id`),
    symbol: required(order.symbol, `${where}.symbol`),
    side: requiredSide(order.side),
    type,
    timeInForce: order.timeInForce ?? 'GTC',
    postOnly: order.postOnly,
    quantity: decimal(order.quantity, `${where}.quantity`),
  };
  // A market order's price is ignored (as in FIX); a limit order needs one.
  return { ...base, price: type === 'limit' ? decimal(order.price, `${where}.price`) : null };
}

/** The handler request of an order message from `requester`, or why it is refused. */
export function readOrderRequest(body: Exclude<WsRequestBody, { kind: 'logon' }>, requester: OrderRequester): WsOrderRequest {
  try {
    return read(body, requester);
  } catch (error: unknown) {
    if (error instanceof Refusal) return { kind: 'reject', reason: error.reason, text: error.text };
    throw error;
  }
}

function read(body: Exclude<WsRequestBody, { kind: 'logon' }>, requester: OrderRequester): WsOrderRequest {
  switch (body.kind) {
    case 'newOrder':
      return { kind: 'place', request: { ...requester, ...spec(body.order, 'order') } };
    case 'cancel':
      return {
        kind: 'cancel',
        request: {
          ...requester,
          clientOrderId: required(body.clientOrderId, 'client_order_id'),
          origClientOrderId: required(body.origClientOrderId, 'orig_client_order_id'),
          orderId: optional(body.orderId, 'order_id'),
          symbol: required(body.symbol, 'symbol'),
          side: requiredSide(body.side),
        },
      };
    case 'replace': {
      const origClientOrderId = required(body.origClientOrderId, 'orig_client_order_id');
      const orderId = optional(body.orderId, 'order_id');
      const read = spec({ ...body }, 'replace');
      return { kind: 'replace', request: { ...requester, ...read, origClientOrderId, orderId } };
    }
    case 'statusRequest':
      return {
        kind: 'status',
        request: {
          ...requester,
          clientOrderId: required(body.clientOrderId, 'client_order_id'),
          orderId: optional(body.orderId, 'order_id'),
          symbol: required(body.symbol, 'symbol'),
          side: requiredSide(body.side),
          statusRequestId: optional(body.statusRequestId, 'status_request_id'),
        },
      };
    case 'newOrderList': {
      const listId = required(body.listId, 'list_id');
      if (body.contingency === null) throw new Refusal('missing_field', 'contingency is required (OCO)');
      if (body.orders.length === 0) throw new Refusal('missing_field', 'orders must hold at least one order');
      const orders = body.orders.map((order, index) => spec(order, `orders[${index}]`));
      return { kind: 'list', request: { ...requester, listId, contingency: body.contingency, orders } };
    }
  }
}
