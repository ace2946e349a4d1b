// Reads NewOrderSingle (D), OrderCancelRequest (F), OrderCancelReplaceRequest (G), OrderStatusRequest (H) and NewOrderList (E) into order-entry requests.
//
// Three outcomes: a request for the handler; `unsupported` for a new order (D, E) that uses a
// value FIX defines but this venue does not trade (a stop order, a Day order, a short sale):
// answered with ExecutionReport Rejected (OrdRejReason 11); or a session-level `problem`
// (missing tag, malformed value, a value FIX does not define, and unsupported values on F/G/H,
// which name an existing order) answered with Reject (3).
import type {
  CancelOrderRequest,
  OrderListRequest,
  OrderSpec,
  OrderStatusRequest,
  PlaceOrderRequest,
  ReplaceOrderRequest,
} from '../orders/order-entry-handler.js';
import {
  BID_TYPE_DEFINED,
  CONTINGENCY_CODES,
  CONTINGENCY_DEFINED,
  EXEC_INST_POST_ONLY,
  ORD_TYPE_CODES,
  ORD_TYPE_DEFINED,
  SIDE_CODES,
  SIDE_DEFINED,
  TIME_IN_FORCE_CODES,
  TIME_IN_FORCE_DEFINED,
} from './fix-codes.js';
import { FixFieldReader } from './fix-field-reader.js';
import type { FixGroupInstance, FixMessage, FixMessageProblem } from './fix-message.js';
import { MSG_TYPE, SESSION_REJECT_REASON, TAG } from './fix-tags.js';

export interface FixRequester {
  readonly owner: string;
  readonly accountId: string;
}

export type FixOrderRequest =
  | { readonly kind: 'place'; readonly request: PlaceOrderRequest }
  | { readonly kind: 'cancel'; readonly request: CancelOrderRequest }
  | { readonly kind: 'replace'; readonly request: ReplaceOrderRequest }
  | { readonly kind: 'status'; readonly request: OrderStatusRequest }
  | { readonly kind: 'list'; readonly request: OrderListRequest }
  /** New orders refused as unsupported: each instance's fields (the message's for D) and why. */
  | { readonly kind: 'unsupported'; readonly orders: readonly FixGroupInstance[]; readonly listId: string | null; readonly text: string }
  | { readonly kind: 'problem'; readonly problem: FixMessageProblem };

/** Reads one order message. `msgSeqNum` is its MsgSeqNum (for the Reject's RefSeqNum). */
export function readOrderRequest(message: FixMessage, msgSeqNum: number, requester: FixRequester): FixOrderRequest {
  const reader = new FixFieldReader(message, msgSeqNum);
  const result = readByType(message, reader, requester);
  const problem = reader.problem;
  return problem === null ? result : { kind: 'problem', problem };
}

function readByType(message: FixMessage, reader: FixFieldReader, requester: FixRequester): FixOrderRequest {
  switch (message.msgType) {
    case MSG_TYPE.NewOrderSingle:
      return readNewOrder(message, reader, requester);
    case MSG_TYPE.OrderCancelRequest:
      return readCancel(reader, requester);
    case MSG_TYPE.OrderCancelReplaceRequest:
      return readReplace(reader, requester);
    case MSG_TYPE.OrderStatusRequest:
      return readStatus(reader, requester);
    case MSG_TYPE.NewOrderList:
      return readList(message, reader, requester);
    default:
      reader.fail(SESSION_REJECT_REASON.InvalidMsgType, TAG.MsgType, `MsgType ${message.msgType} is not an order message`);
      return { kind: 'problem', problem: reader.problem! };
  }
}

type SpecRead = { readonly spec: OrderSpec; readonly unsupported: string | null } | null;

function readSpec(reader: FixFieldReader, fields: FixGroupInstance, transactTimeRequired: boolean): SpecRead {
  const clientOrderId = reader.required(TAG.ClOrdID, fields);
  const symbol = reader.required(TAG.Symbol, fields);
  const sideText = reader.required(TAG.Side, fields);
  const side = reader.code(TAG.Side, SIDE_CODES, SIDE_DEFINED, sideText);
  reader.timestamp(TAG.TransactTime, transactTimeRequired ? reader.required(TAG.TransactTime, fields) : reader.optional(TAG.TransactTime, fields));
  const quantity = reader.positiveDecimal(TAG.OrderQty, reader.required(TAG.OrderQty, fields));
  const ordTypeText = reader.required(TAG.OrdType, fields);
  const type = reader.code(TAG.OrdType, ORD_TYPE_CODES, ORD_TYPE_DEFINED, ordTypeText);
  const timeInForceText = reader.optional(TAG.TimeInForce, fields);
  const timeInForce = timeInForceText === null ? 'GTC' : reader.code(TAG.TimeInForce, TIME_IN_FORCE_CODES, TIME_IN_FORCE_DEFINED, timeInForceText);
  // A market order's Price is ignored (some engines send one); a limit order needs it.
  const priceText = type === 'limit' ? reader.required(TAG.Price, fields) : reader.optional(TAG.Price, fields);
  const price = reader.positiveDecimal(TAG.Price, priceText);
  const postOnly = (reader.optional(TAG.ExecInst, fields) ?? '').split(' ').includes(EXEC_INST_POST_ONLY);
  if (reader.problem !== null || clientOrderId === null || symbol === null || side === null || quantity === null || type === null || timeInForce === null) {
    return null;
  }
  const refuse = (text: string): SpecRead => ({ spec: placeholderSpec(clientOrderId, symbol), unsupported: text });
  if (side === 'unsupported') return refuse(`Side ${sideText} is not supported (1 buy, 2 sell)`);
  if (type === 'unsupported') return refuse(`OrdType ${ordTypeText} is not supported (1 market, 2 limit)`);
  if (timeInForce === 'unsupported') return refuse(`TimeInForce ${timeInForceText} is not supported (1 GTC, 3 IOC, 4 FOK)`);
  return { spec: { clientOrderId, symbol, side, type, timeInForce, postOnly, quantity, price: type === 'limit' ? price : null }, unsupported: null };
}

function placeholderSpec(clientOrderId: string, symbol: string): OrderSpec {
  return { clientOrderId, symbol, side: 'buy', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity: '0', price: null };
}

function readNewOrder(message: FixMessage, reader: FixFieldReader, requester: FixRequester): FixOrderRequest {
  const read = readSpec(reader, message.fields, true);
  if (read === null) return problemOf(reader);
  if (read.unsupported !== null) return { kind: 'unsupported', orders: [message.fields], listId: null, text: read.unsupported };
  return { kind: 'place', request: { ...requester, ...read.spec } };
}

/** Side of an order reference (F, G, H): it names an existing order, so only buy and sell can match one. */
function readReferenceSide(reader: FixFieldReader): 'buy' | 'sell' | null {
  const side = reader.code(TAG.Side, SIDE_CODES, SIDE_DEFINED, reader.required(TAG.Side));
  if (side === 'unsupported') return reader.fail(SESSION_REJECT_REASON.ValueIsIncorrect, TAG.Side, 'Only Side 1 (buy) and 2 (sell) are traded here');
  return side;
}

function readCancel(reader: FixFieldReader, requester: FixRequester): FixOrderRequest {
  const origClientOrderId = reader.required(TAG.OrigClOrdID);
  const clientOrderId = reader.required(TAG.ClOrdID);
  const symbol = reader.required(TAG.Symbol);
  const side = readReferenceSide(reader);
  reader.timestamp(TAG.TransactTime, reader.required(TAG.TransactTime));
  if (origClientOrderId === null || clientOrderId === null || symbol === null || side === null) return problemOf(reader);
  return { kind: 'cancel', request: { ...requester, origClientOrderId, clientOrderId, orderId: reader.optional(TAG.OrderID), symbol, side } };
}

function readReplace(reader: FixFieldReader, requester: FixRequester): FixOrderRequest {
  const origClientOrderId = reader.required(TAG.OrigClOrdID);
  const orderId = reader.optional(TAG.OrderID);
  readReferenceSide(reader);
  const read = readSpec(reader, reader.messageFields, true);
  if (read === null || origClientOrderId === null) return problemOf(reader);
  if (read.unsupported !== null) {
    reader.fail(SESSION_REJECT_REASON.ValueIsIncorrect, null, read.unsupported);
    return problemOf(reader);
  }
  const { spec } = read;
  return {
    kind: 'replace',
    request: {
      ...requester,
      origClientOrderId,
      orderId,
      clientOrderId: spec.clientOrderId,
      symbol: spec.symbol,
      side: spec.side,
      type: spec.type,
      timeInForce: spec.timeInForce,
      postOnly: spec.postOnly,
      quantity: spec.quantity,
      price: spec.price,
    },
  };
}

function readStatus(reader: FixFieldReader, requester: FixRequester): FixOrderRequest {
  const clientOrderId = reader.required(TAG.ClOrdID);
  const symbol = reader.required(TAG.Symbol);
  const side = readReferenceSide(reader);
  if (clientOrderId === null || symbol === null || side === null) return problemOf(reader);
  return {
    kind: 'status',
    request: { ...requester, clientOrderId, orderId: reader.optional(TAG.OrderID), symbol, side, statusRequestId: reader.optional(TAG.OrdStatusReqID) },
  };
}

function readList(message: FixMessage, reader: FixFieldReader, requester: FixRequester): FixOrderRequest {
  const listId = reader.required(TAG.ListID);
  const bidType = reader.required(TAG.BidType);
  if (bidType !== null && !BID_TYPE_DEFINED.has(bidType)) reader.fail(SESSION_REJECT_REASON.ValueIsIncorrect, TAG.BidType, `Value ${bidType} is incorrect (out of range) for tag ${TAG.BidType}`);
  const total = reader.integer(TAG.TotNoOrders, reader.required(TAG.TotNoOrders));
  const contingencyText = reader.required(TAG.ContingencyType);
  const contingency = reader.code(TAG.ContingencyType, CONTINGENCY_CODES, CONTINGENCY_DEFINED, contingencyText);
  if (!message.has(TAG.NoOrders)) reader.fail(SESSION_REJECT_REASON.RequiredTagMissing, TAG.NoOrders, `Required tag ${TAG.NoOrders} missing`);
  const instances = message.group(TAG.NoOrders);
  if (total !== null && total !== instances.length) {
    reader.fail(SESSION_REJECT_REASON.ValueIsIncorrect, TAG.TotNoOrders, 'TotNoOrders must equal the number of orders (lists are not fragmented here)');
  }
  const legs: { readonly sequence: number; readonly read: NonNullable<SpecRead> }[] = [];
  for (const instance of instances) {
    const sequence = reader.integer(TAG.ListSeqNo, reader.required(TAG.ListSeqNo, instance));
    const read = readSpec(reader, instance, false);
    if (read === null || sequence === null) return problemOf(reader);
    legs.push({ sequence, read });
  }
  if (listId === null || contingency === null || reader.problem !== null) return problemOf(reader);
  const ordered = [...legs].sort((left, right) => left.sequence - right.sequence);
  if (contingency === 'unsupported') {
    return { kind: 'unsupported', orders: instances, listId, text: `ContingencyType ${contingencyText} is not supported (1 OCO)` };
  }
  const unsupported = ordered.find((leg) => leg.read.unsupported !== null);
  if (unsupported !== undefined) return { kind: 'unsupported', orders: instances, listId, text: unsupported.read.unsupported! };
  return { kind: 'list', request: { ...requester, listId, contingency, orders: ordered.map((leg) => leg.read.spec) } };
}

function problemOf(reader: FixFieldReader): FixOrderRequest {
  const problem = reader.problem ?? { reason: SESSION_REJECT_REASON.Other, refTagId: null, text: 'Malformed order message', msgType: null, msgSeqNum: null };
  return { kind: 'problem', problem };
}
