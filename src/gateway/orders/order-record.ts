// What both order-entry handlers keep of every client order beside its venue leg: owner, client ids, terms, status, OCO group; and its contract view.
import type { OrderRequester, OrderSide, OrderSpec, OrderState, OrderStatus, OrderTimeInForce, OrderType } from './order-entry-handler.js';

/** The legs of one OCO list; `triggered` once one leg executed or ended and the others were told to cancel. */
export interface OcoGroup<O> {
  readonly listId: string;
  readonly legs: O[];
  triggered: boolean;
}

/**
 * The venue-independent part of a tracked order. `Self` is the handler's own record type, so an
 * OCO group holds the handler's records (with their venue leg), not this base.
 */
export interface OrderRecord<Self> {
  readonly owner: string;
  readonly accountId: string;
  /** Canonical symbol of the instrument. */
  readonly symbol: string;
  readonly side: OrderSide;
  /** Every client id the order had (the original, then accepted cancel/replace ids). */
  readonly clientOrderIds: Set<string>;
  clientOrderId: string;
  origClientOrderId: string | null;
  type: OrderType;
  timeInForce: OrderTimeInForce;
  postOnly: boolean;
  status: OrderStatus;
  updatedMs: number;
  readonly oco: OcoGroup<Self> | null;
}

/** The fields of a new record for `spec`, placed by `requester`; the handler adds its venue leg and numbers. */
export function newOrderRecord<Self>(requester: OrderRequester, symbol: string, spec: OrderSpec, oco: OcoGroup<Self> | null, updatedMs: number): OrderRecord<Self> {
  return {
    owner: requester.owner,
    accountId: requester.accountId,
    symbol,
    side: spec.side,
    clientOrderIds: new Set([spec.clientOrderId]),
    clientOrderId: spec.clientOrderId,
    origClientOrderId: null,
    type: spec.type,
    timeInForce: spec.timeInForce,
    postOnly: spec.postOnly,
    status: 'new',
    updatedMs,
    oco,
  };
}

export function isWorking(order: { readonly status: OrderStatus }): boolean {
  return order.status === 'new' || order.status === 'partially_filled';
}

/** The numbers of an order's contract view, as text: each handler derives them from its own representation (ticks/lots, decimal text). */
export interface OrderNumbersText {
  readonly orderId: string | null;
  readonly price: string | null;
  readonly quantity: string;
  readonly cumulativeQuantity: string;
  readonly leavesQuantity: string;
  readonly averagePrice: string;
}

/** The contract's view of a tracked order. */
export function orderStateOf<Self>(order: OrderRecord<Self>, numbers: OrderNumbersText): OrderState {
  return {
    orderId: numbers.orderId,
    clientOrderId: order.clientOrderId,
    origClientOrderId: order.origClientOrderId,
    listId: order.oco?.listId ?? null,
    owner: order.owner,
    accountId: order.accountId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    postOnly: order.postOnly,
    price: numbers.price,
    quantity: numbers.quantity,
    cumulativeQuantity: numbers.cumulativeQuantity,
    leavesQuantity: numbers.leavesQuantity,
    averagePrice: numbers.averagePrice,
    status: order.status,
    updatedMs: order.updatedMs,
  };
}

/** The contract's view of an order refused before any venue took it: the spec as sent, nothing filled. */
export function rejectedOrderState(requester: OrderRequester, spec: OrderSpec, listId: string | null, updatedMs: number): OrderState {
  return {
    orderId: null,
    clientOrderId: spec.clientOrderId,
    origClientOrderId: null,
    listId,
    owner: requester.owner,
    accountId: requester.accountId,
    symbol: spec.symbol,
    side: spec.side,
    type: spec.type,
    timeInForce: spec.timeInForce,
    postOnly: spec.postOnly,
    price: spec.price,
    quantity: spec.quantity,
    cumulativeQuantity: '0',
    leavesQuantity: '0',
    averagePrice: '0',
    status: 'rejected',
    updatedMs,
  };
}
