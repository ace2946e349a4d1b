// One client order as the venue-backed handler tracks it: the shared record plus the venue order working it now and its fills across replaces, in exact decimal text.
import type { LiveMarket } from '../../actors/execution/ccxt-order-client.js';
import { addDecimal, averagePrice, compareDecimal, subtractDecimal, type FillTotals } from '../../actors/execution/decimal-text.js';
import { decimalsOf } from '../../model/fixed-point.js';
import type { OrderState } from './order-entry-handler.js';
import { isWorking, orderStateOf, type OrderRecord } from './order-record.js';

export interface LiveOrder extends OrderRecord<LiveOrder> {
  readonly market: LiveMarket;
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
  /** Venue work on this order runs one step at a time (place, poll, cancel, replace), in request order. */
  queue: Promise<void>;
}

export function cumulativeQuantity(order: LiveOrder): string {
  return addDecimal(order.priorFilled, order.venueFilled);
}

/** The contract's view of the order now. */
export function liveOrderState(order: LiveOrder): OrderState {
  const cumulative = cumulativeQuantity(order);
  const leaves = isWorking(order) && compareDecimal(order.quantity, cumulative) > 0 ? subtractDecimal(order.quantity, cumulative) : '0';
  return orderStateOf(order, {
    orderId: order.venueOrderId,
    price: order.price,
    quantity: order.quantity,
    cumulativeQuantity: cumulative,
    leavesQuantity: leaves,
    averagePrice: averagePrice(order.totals, decimalsOf(order.market.rules.tickSize)),
  });
}
