// One client order as the simulator-backed handler tracks it: the shared record plus the venue order working it now and its fills across replaces, in ticks and lots.
import type { SimListing } from '../../sim/exchange/sim-exchange-contract.js';
import { priceText, sizeText } from '../../sim/market/sim-instrument.js';
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_FIX_ORDER_HANDLER } from '../errors.js';
import type { OrderRequester, OrderSpec, OrderState } from './order-entry-handler.js';
import { averagePriceText } from './order-quantities.js';
import { isWorking, newOrderRecord, orderStateOf as recordStateOf, type OcoGroup, type OrderRecord } from './order-record.js';
import { checkOrderNumbers } from './sim-order-checks.js';

export interface TrackedOrder extends OrderRecord<TrackedOrder> {
  readonly listing: SimListing;
  priceTicks: number | null;
  /** Total quantity of the client order (FIX OrderQty), lots. */
  quantityLots: number;
  /** The simulator order working it now; null before placement and between a replace's cancel and new. */
  venueOrderId: number | null;
  /** Fills of venue orders this one replaced. */
  priorLots: number;
  priorTickLots: bigint;
  /** Fills of the current venue order. */
  venueLots: number;
  venueTickLots: bigint;
  /** How the current venue order's acceptance is reported: a new order, or the result of a replace. */
  acceptanceKind: 'accepted' | 'replaced';
  /** Set while the handler itself cancels the venue order (client cancel, replace): the venue's cancel event is not reported as is. */
  cancelByRequest: boolean;
  /** Text for the next venue cancel event (an OCO cancel says why). */
  cancelText: string | null;
}

/** A new order for `spec`, already checked against `listing`'s grid (ZVT_ERR_FIX_ORDER_HANDLER when it is not: a handler bug). */
export function newTrackedOrder(requester: OrderRequester, listing: SimListing, spec: OrderSpec, oco: OcoGroup<TrackedOrder> | null, nowMs: number): TrackedOrder {
  const checked = checkOrderNumbers(listing, spec.type, spec.price, spec.quantity);
  if (!checked.ok) throw new ZvtError(ZVT_ERR_FIX_ORDER_HANDLER, `track() of an unchecked order: ${checked.text}`);
  return {
    ...newOrderRecord(requester, listing.instrument.canonical, spec, oco, nowMs),
    listing,
    priceTicks: checked.priceTicks,
    quantityLots: checked.sizeLots,
    venueOrderId: null,
    priorLots: 0,
    priorTickLots: 0n,
    venueLots: 0,
    venueTickLots: 0n,
    acceptanceKind: 'accepted',
    cancelByRequest: false,
    cancelText: null,
  };
}

export function cumulativeLots(order: TrackedOrder): number {
  return order.priorLots + order.venueLots;
}

/** The contract's view of the order now. */
export function orderStateOf(order: TrackedOrder): OrderState {
  const instrument = order.listing.instrument;
  const cumulative = cumulativeLots(order);
  const leaves = isWorking(order) ? Math.max(0, order.quantityLots - cumulative) : 0;
  return recordStateOf(order, {
    orderId: order.venueOrderId === null ? null : String(order.venueOrderId),
    price: order.priceTicks === null ? null : priceText(instrument, order.priceTicks),
    quantity: sizeText(instrument, order.quantityLots),
    cumulativeQuantity: sizeText(instrument, cumulative),
    leavesQuantity: sizeText(instrument, leaves),
    averagePrice: averagePriceText(instrument, order.priorTickLots + order.venueTickLots, cumulative),
  });
}
