// The checks both handlers make before a request reaches their venue: a new order's symbol, client id and post-only flag; the order a cancel or replace names.
import type { ClientIdentified, ClientOrderRegistry } from './client-order-registry.js';
import type { CancelOrderRequest, CancelRejectReason, OrderRejectReason, OrderRequester, OrderSpec, ReplaceOrderRequest } from './order-entry-handler.js';

/** Why a new order is refused. */
export interface OrderRefusal {
  readonly reason: OrderRejectReason;
  readonly text: string;
}

/**
 * The venue-independent checks of a new order, in the order clients see them: a symbol the
 * handler trades, a client id not used before in the account, post-only on a limit order only.
 * Null when they pass; the handler then checks the numbers against its instrument's grid.
 */
export function checkNewOrderBasics<O extends ClientIdentified>(
  symbols: { has(symbol: string): boolean },
  clientIds: ClientOrderRegistry<O>,
  requester: OrderRequester,
  spec: OrderSpec,
): OrderRefusal | null {
  if (!symbols.has(spec.symbol)) return { reason: 'unknown_symbol', text: `Unknown symbol ${spec.symbol}` };
  if (clientIds.has(requester.accountId, spec.clientOrderId)) {
    return { reason: 'duplicate_client_order_id', text: `ClOrdID ${spec.clientOrderId} was used before` };
  }
  if (spec.postOnly && spec.type !== 'limit') return { reason: 'unsupported', text: 'Post-only applies to limit orders only' };
  return null;
}

export type LocatedOrder<O> =
  | { readonly ok: true; readonly order: O }
  | { readonly ok: false; readonly order: O | null; readonly reason: CancelRejectReason; readonly text: string };

/**
 * The order a cancel or replace names (`found`: the registry's answer for it), refused when it
 * is unknown or on another symbol or side, or when the request's own client id was used before.
 * Whether the order can still be changed is the handler's to decide (its venue leg knows).
 */
export function locateForChange<O extends ClientIdentified & { readonly symbol: string; readonly side: string }>(
  clientIds: ClientOrderRegistry<O>,
  request: CancelOrderRequest | ReplaceOrderRequest,
  found: O | undefined,
): LocatedOrder<O> {
  if (found === undefined || found.symbol !== request.symbol || found.side !== request.side) {
    return { ok: false, order: null, reason: 'unknown_order', text: `Unknown order ${request.origClientOrderId}` };
  }
  if (clientIds.has(request.accountId, request.clientOrderId)) {
    return { ok: false, order: found, reason: 'duplicate_client_order_id', text: `ClOrdID ${request.clientOrderId} was used before` };
  }
  return { ok: true, order: found };
}
