// One client order as the simulator-backed handler tracks it: its chain of client ids, the venue order working it now, and its fills across replaces.
import type { SimListing } from '../../sim/exchange/sim-exchange-contract.js';
import { priceText, sizeText } from '../../sim/market/sim-instrument.js';
import { averagePriceText } from './order-quantities.js';
import type { OrderSide, OrderState, OrderStatus, OrderTimeInForce, OrderType } from './order-entry-handler.js';

/** The legs of one OCO list; `triggered` once one leg executed or ended and the others were told to cancel. */
export interface OcoGroup {
  readonly listId: string;
  readonly legs: TrackedOrder[];
  triggered: boolean;
}

export interface TrackedOrder {
  readonly owner: string;
  readonly accountId: string;
  readonly listing: SimListing;
  readonly side: OrderSide;
  /** Every client id the order had (the original, then accepted cancel/replace ids). */
  readonly clientOrderIds: Set<string>;
  clientOrderId: string;
  origClientOrderId: string | null;
  type: OrderType;
  timeInForce: OrderTimeInForce;
  postOnly: boolean;
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
  status: OrderStatus;
  updatedMs: number;
  /** How the current venue order's acceptance is reported: a new order, or the result of a replace. */
  acceptanceKind: 'accepted' | 'replaced';
  /** Set while the handler itself cancels the venue order (client cancel, replace): the venue's cancel event is not reported as is. */
  cancelByRequest: boolean;
  /** Text for the next venue cancel event (an OCO cancel says why). */
  cancelText: string | null;
  readonly oco: OcoGroup | null;
}

export function cumulativeLots(order: TrackedOrder): number {
  return order.priorLots + order.venueLots;
}

export function isWorking(order: TrackedOrder): boolean {
  return order.status === 'new' || order.status === 'partially_filled';
}

/** The contract's view of the order now. */
export function orderStateOf(order: TrackedOrder): OrderState {
  const instrument = order.listing.instrument;
  const cumulative = cumulativeLots(order);
  const leaves = isWorking(order) ? Math.max(0, order.quantityLots - cumulative) : 0;
  return {
    orderId: order.venueOrderId === null ? null : String(order.venueOrderId),
    clientOrderId: order.clientOrderId,
    origClientOrderId: order.origClientOrderId,
    listId: order.oco?.listId ?? null,
    owner: order.owner,
    accountId: order.accountId,
    symbol: instrument.canonical,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    postOnly: order.postOnly,
    price: order.priceTicks === null ? null : priceText(instrument, order.priceTicks),
    quantity: sizeText(instrument, order.quantityLots),
    cumulativeQuantity: sizeText(instrument, cumulative),
    leavesQuantity: sizeText(instrument, leaves),
    averagePrice: averagePriceText(instrument, order.priorTickLots + order.venueTickLots, cumulative),
    status: order.status,
    updatedMs: order.updatedMs,
  };
}
