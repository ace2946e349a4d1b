// One client order as the venue-backed handler tracks it: its client ids, the venue order working it now, its fills across replaces (exact text).
import type { LiveMarket } from '../../actors/execution/ccxt-order-client.js';
import { addDecimal, averagePrice, compareDecimal, subtractDecimal, type FillTotals } from '../../actors/execution/decimal-text.js';
import { decimalsOf } from '../../model/fixed-point.js';
import type { OrderSide, OrderState, OrderStatus, OrderTimeInForce, OrderType } from './order-entry-handler.js';

/** The legs of one OCO list; `triggered` once one leg executed or ended and the other was told to cancel. */
export interface LiveOcoGroup {
  readonly listId: string;
  readonly legs: LiveOrder[];
  triggered: boolean;
}

export interface LiveOrder {
  readonly owner: string;
  readonly accountId: string;
  readonly market: LiveMarket;
  readonly side: OrderSide;
  readonly clientOrderIds: Set<string>;
  clientOrderId: string;
  origClientOrderId: string | null;
  type: OrderType;
  timeInForce: OrderTimeInForce;
  postOnly: boolean;
  price: string | null;
  /** Total quantity of the client order (after replaces). */
  quantity: string;
  /** The venue order working it now; null before the venue took it. */
  venueOrderId: string | null;
  /** Filled by venue orders this one replaced. */
  priorFilled: string;
  /** Filled by the current venue order, as far as its reported fills go. */
  venueFilled: string;
  /** Every fill of the chain, for the average price. */
  totals: FillTotals;
  /** Venue trade ids already reported (per venue order id). */
  readonly seenFills: Set<string>;
  status: OrderStatus;
  updatedMs: number;
  readonly oco: LiveOcoGroup | null;
  /** Venue work on this order runs one step at a time (place, poll, cancel, replace), in request order. */
  queue: Promise<void>;
}

export function cumulativeQuantity(order: LiveOrder): string {
  return addDecimal(order.priorFilled, order.venueFilled);
}

export function isWorking(order: LiveOrder): boolean {
  return order.status === 'new' || order.status === 'partially_filled';
}

/** The contract's view of the order now. */
export function liveOrderState(order: LiveOrder): OrderState {
  const cumulative = cumulativeQuantity(order);
  const leaves = isWorking(order) && compareDecimal(order.quantity, cumulative) > 0 ? subtractDecimal(order.quantity, cumulative) : '0';
  return {
    orderId: order.venueOrderId,
    clientOrderId: order.clientOrderId,
    origClientOrderId: order.origClientOrderId,
    listId: order.oco?.listId ?? null,
    owner: order.owner,
    accountId: order.accountId,
    symbol: order.market.canonical,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    postOnly: order.postOnly,
    price: order.price,
    quantity: order.quantity,
    cumulativeQuantity: cumulative,
    leavesQuantity: leaves,
    averagePrice: averagePrice(order.totals, decimalsOf(order.market.rules.tickSize)),
    status: order.status,
    updatedMs: order.updatedMs,
  };
}
