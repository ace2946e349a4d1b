// OrderEntryHandler backed in-process by the simulator's matching engine: orders become SimExchange orders, its order and fill events become order events.
//
// Replace is cancel + new at the venue (the simulator, like Binance's cancelReplace, has no
// amend): the working venue order is canceled and a new one placed for the quantity still to
// fill, under the new client id; fills before the replace stay counted in the client order.
// OCO lists are kept here, since the simulator has none: when a leg fills (even partly) or
// ends, the other legs are canceled right after the matching call that did it returns (the
// matching engine must not be re-entered from its own event), so one sweep through the book
// can fill both legs before the cancel lands.
import { ZvtError } from '../../model/errors.js';
import type { SimExchange, SimListing } from '../../sim/exchange/sim-exchange-contract.js';
import { priceText, sizeText } from '../../sim/market/sim-instrument.js';
import type { SimFill, SimOrder } from '../../sim/matching/matching-types.js';
import { ZVT_ERR_FIX_ORDER_HANDLER } from '../errors.js';
import { ClientOrderRegistry } from './client-order-registry.js';
import { newOcoGroup, OCO_OTHER_REJECTED, refuseOcoList } from './oco-lists.js';
import type {
  CancelOrderRequest,
  CancelRejectReason,
  OrderEntryHandler,
  OrderEntryListener,
  OrderListRequest,
  OrderRequester,
  OrderSpec,
  OrderStatusRequest,
  PlaceOrderRequest,
  ReplaceOrderRequest,
} from './order-entry-handler.js';
import { OrderEventEmitter } from './order-event-emitter.js';
import { isWorking, type OcoGroup } from './order-record.js';
import { adoptReplacement } from './order-replacement.js';
import { checkNewOrderBasics, locateForChange, type OrderRefusal } from './order-request-checks.js';
import { checkOrderNumbers, rejectReasonOf } from './sim-order-checks.js';
import { DeferredOcoCancels } from './sim-oco-cancels.js';
import { cumulativeLots, newTrackedOrder, orderStateOf, type TrackedOrder } from './tracked-order.js';

export interface SimOrderEntryHandlerOptions {
  readonly exchange: SimExchange;
  /** Canonical symbols to trade; default: every listing of the exchange. */
  readonly symbols?: readonly string[];
}

export interface SimOrderEntryHandler extends OrderEntryHandler {
  /** Stops listening to the exchange. */
  close(): void;
}

export function createSimOrderEntryHandler(options: SimOrderEntryHandlerOptions): SimOrderEntryHandler {
  return new SimOrderEntry(options);
}

class SimOrderEntry implements SimOrderEntryHandler {
  readonly symbols: readonly string[];
  private readonly exchange: SimExchange;
  private readonly listings = new Map<string, SimListing>();
  private readonly clientIds = new ClientOrderRegistry<TrackedOrder>();
  private readonly byVenueId = new Map<number, TrackedOrder>();
  /** No listener-error hook: a throwing listener's error reaches the caller, as before the emitter was shared (the simulator handler has no logger). */
  private readonly events: OrderEventEmitter<TrackedOrder>;
  /** The order being placed: the venue's 'order' event for it arrives before placeOrder returns its id. */
  private placing: TrackedOrder | null = null;
  private readonly ocoCancels = new DeferredOcoCancels<TrackedOrder>((order, text) => this.cancelOcoLeg(order, text));
  private closed = false;
  private readonly onOrder = (order: SimOrder): void => this.onVenueOrder(order);
  private readonly onFill = (fill: SimFill): void => this.onVenueFill(fill);

  constructor(options: SimOrderEntryHandlerOptions) {
    this.exchange = options.exchange;
    this.events = new OrderEventEmitter({ now: () => this.exchange.nowMs(), stateOf: orderStateOf });
    for (const listing of options.exchange.listings) this.listings.set(listing.instrument.canonical, listing);
    const symbols = options.symbols ?? [...this.listings.keys()];
    for (const symbol of symbols) {
      if (!this.listings.has(symbol)) throw new ZvtError(ZVT_ERR_FIX_ORDER_HANDLER, `The simulated ${options.exchange.venue} has no listing of ${symbol}`);
    }
    for (const symbol of [...this.listings.keys()]) if (!symbols.includes(symbol)) this.listings.delete(symbol);
    this.symbols = Object.freeze([...symbols]);
    this.exchange.on('order', this.onOrder);
    this.exchange.on('fill', this.onFill);
  }

  subscribe(listener: OrderEntryListener): () => void {
    return this.events.subscribe(listener);
  }

  close(): void {
    this.closed = true;
    this.exchange.off('order', this.onOrder);
    this.exchange.off('fill', this.onFill);
    this.events.clear();
  }

  place(request: PlaceOrderRequest): void {
    this.requireOpen();
    const refusal = this.checkNew(request, request);
    if (refusal !== null) return this.events.rejected(request, request, refusal.reason, refusal.text);
    const order = this.track(request, request, null);
    this.submit(order, request);
    this.ocoCancels.drain();
  }

  cancel(request: CancelOrderRequest): void {
    this.requireOpen();
    const found = this.findForChange(request, 'cancel');
    if (found === null) return;
    if (this.cancelByRequest(found, request.clientOrderId) && found.oco !== null) {
      this.ocoCancels.trigger(found, 'OCO: the other order of the list was canceled');
    }
    this.ocoCancels.drain();
  }

  replace(request: ReplaceOrderRequest): void {
    this.requireOpen();
    const order = this.findForChange(request, 'replace');
    if (order === null) return;
    const refuse = (reason: CancelRejectReason, text: string): void => this.events.cancelRejected(request, 'replace', request.clientOrderId, request.origClientOrderId, order, reason, text);
    if (order.oco !== null) return refuse('not_allowed', 'An order of an OCO list cannot be replaced; cancel it and place a new list');
    const checked = checkOrderNumbers(order.listing, request.type, request.price, request.quantity);
    if (!checked.ok) return refuse('replacement_refused', checked.text);
    const cumulative = cumulativeLots(order);
    if (checked.sizeLots <= cumulative) {
      return refuse('replacement_refused', `OrderQty ${request.quantity} must exceed the quantity already filled`);
    }
    const cancel = this.cancelVenueOrder(order);
    if (!cancel) return refuse('too_late', 'The order is no longer working');

    order.priorLots += order.venueLots;
    order.priorTickLots += order.venueTickLots;
    order.venueLots = 0;
    order.venueTickLots = 0n;
    const undo = adoptReplacement(this.clientIds, order, request, { priceTicks: checked.priceTicks, quantityLots: checked.sizeLots });
    order.acceptanceKind = 'replaced';

    const refusal = this.placeVenueOrder(order, checked.sizeLots - cumulative);
    if (refusal !== null) {
      // The original is gone and its replacement was refused: say so, then report the original canceled.
      undo();
      order.status = 'canceled';
      order.updatedMs = this.exchange.nowMs();
      refuse('replacement_refused', refusal.text);
      this.events.ended(order, 'canceled', order, `Canceled: its replacement was refused (${refusal.text})`);
    }
    this.ocoCancels.drain();
  }

  status(request: OrderStatusRequest): void {
    this.requireOpen();
    const order = this.find(request.accountId, request.clientOrderId, request.orderId);
    const known = order !== undefined && order.symbol === request.symbol && order.side === request.side;
    this.events.emit({ ...this.events.stamp(request), kind: 'status', order: known ? orderStateOf(order) : null, request });
  }

  placeList(request: OrderListRequest): void {
    this.requireOpen();
    const legs = request.orders;
    const reject = (spec: OrderSpec, reason: OrderRefusal['reason'], text: string): void => this.events.rejected(request, spec, reason, text, request.listId);
    if (refuseOcoList(request, (spec) => this.checkNew(request, spec), reject)) return;
    const group = newOcoGroup<TrackedOrder>(request.listId);
    for (const leg of legs) group.legs.push(this.track(request, leg, group));
    for (const [index, order] of group.legs.entries()) {
      if (group.triggered) {
        // The first leg already executed or ended on entry: the second is never placed.
        this.clientIds.untrack(order);
        reject(legs[index]!, 'list_rejected', 'OCO: the other order of the list executed on entry');
        continue;
      }
      const refusal = this.placeVenueOrder(order, order.quantityLots);
      if (refusal !== null) {
        this.clientIds.untrack(order);
        reject(legs[index]!, refusal.reason, refusal.text);
        if (index === 0) {
          this.clientIds.untrack(group.legs[1]!);
          reject(legs[1]!, 'list_rejected', OCO_OTHER_REJECTED);
          break;
        }
        this.ocoCancels.trigger(order, OCO_OTHER_REJECTED);
      }
    }
    this.ocoCancels.drain();
  }

  // ---- requests --------------------------------------------------------------------------

  private checkNew(requester: OrderRequester, spec: OrderSpec): OrderRefusal | null {
    const refusal = checkNewOrderBasics(this.listings, this.clientIds, requester, spec);
    if (refusal !== null) return refusal;
    const checked = checkOrderNumbers(this.listings.get(spec.symbol)!, spec.type, spec.price, spec.quantity);
    return checked.ok ? null : { reason: checked.reason, text: checked.text };
  }

  private track(requester: OrderRequester, spec: OrderSpec, oco: OcoGroup<TrackedOrder> | null): TrackedOrder {
    const order = newTrackedOrder(requester, this.listings.get(spec.symbol)!, spec, oco, this.exchange.nowMs());
    this.clientIds.register(order);
    return order;
  }

  private submit(order: TrackedOrder, spec: OrderSpec): void {
    const refusal = this.placeVenueOrder(order, order.quantityLots);
    if (refusal === null) return;
    this.clientIds.untrack(order);
    this.events.rejected(order, spec, refusal.reason, refusal.text);
  }

  /** Places the venue order working `order` for `sizeLots`; its acceptance and fills are reported by the venue events. */
  private placeVenueOrder(order: TrackedOrder, sizeLots: number): OrderRefusal | null {
    this.placing = order;
    let result;
    try {
      result = this.exchange.placeOrder(order.accountId, {
        canonical: order.symbol,
        clientOrderId: order.clientOrderId,
        side: order.side,
        type: order.type,
        // A market order never rests: GTC means "as much as the book gives now".
        timeInForce: order.type === 'market' && order.timeInForce === 'GTC' ? 'IOC' : order.timeInForce,
        postOnly: order.postOnly,
        priceTicks: order.priceTicks ?? undefined,
        sizeLots,
      });
    } finally {
      this.placing = null;
    }
    return result.ok ? null : { reason: rejectReasonOf(result.reason), text: result.message };
  }

  /** Looks up the order a cancel or replace names and answers OrderCancelReject when it cannot go ahead. */
  private findForChange(request: CancelOrderRequest | ReplaceOrderRequest, responseTo: 'cancel' | 'replace'): TrackedOrder | null {
    const located = locateForChange(this.clientIds, request, this.find(request.accountId, request.origClientOrderId, request.orderId));
    const refuse = (found: TrackedOrder | null, reason: CancelRejectReason, text: string): null => {
      this.events.cancelRejected(request, responseTo, request.clientOrderId, request.origClientOrderId, found, reason, text);
      return null;
    };
    if (!located.ok) return refuse(located.order, located.reason, located.text);
    const order = located.order;
    if (!isWorking(order) || order.venueOrderId === null) return refuse(order, 'too_late', `The order is ${order.status}`);
    return order;
  }

  private find(accountId: string, clientOrderId: string, orderId: string | null): TrackedOrder | undefined {
    // Simulator order ids are integers: any other text names no venue order.
    const byVenue = orderId !== null && /^\d{1,15}$/.test(orderId) ? this.byVenueId.get(Number(orderId)) : undefined;
    return this.clientIds.find(accountId, clientOrderId, byVenue);
  }

  private cancelByRequest(order: TrackedOrder, clientOrderId: string): boolean {
    if (!this.cancelVenueOrder(order)) {
      this.events.cancelRejected(order, 'cancel', clientOrderId, order.clientOrderId, order, 'too_late', 'The order is no longer working');
      return false;
    }
    this.clientIds.adopt(order, clientOrderId);
    order.status = 'canceled';
    order.updatedMs = this.exchange.nowMs();
    this.events.ended(order, 'canceled', order, null);
    return true;
  }

  /** Cancels the working venue order without reporting the venue's cancel event; false when the venue no longer has it open. */
  private cancelVenueOrder(order: TrackedOrder): boolean {
    const venueOrderId = order.venueOrderId;
    if (venueOrderId === null) return false;
    order.cancelByRequest = true;
    try {
      const result = this.exchange.cancelOrder(order.accountId, order.symbol, { orderId: venueOrderId });
      if (result.ok) this.byVenueId.delete(venueOrderId);
      return result.ok;
    } finally {
      order.cancelByRequest = false;
    }
  }

  // ---- venue events ----------------------------------------------------------------------

  private onVenueOrder(venue: SimOrder): void {
    let order = this.byVenueId.get(venue.orderId);
    if (order === undefined) {
      const placing = this.placing;
      if (placing === null || venue.status !== 'new' || placing.accountId !== venue.accountId || placing.clientOrderId !== venue.clientOrderId) return;
      order = placing;
      order.venueOrderId = venue.orderId;
      this.byVenueId.set(venue.orderId, order);
      order.status = cumulativeLots(order) > 0 ? 'partially_filled' : 'new';
      order.updatedMs = venue.updatedMs;
      this.events.emit({ ...this.events.stamp(order), kind: order.acceptanceKind, order: orderStateOf(order) });
      return;
    }
    if (venue.status === 'canceled' || venue.status === 'expired') {
      this.byVenueId.delete(venue.orderId);
      if (order.cancelByRequest) return;
      order.status = venue.status;
      order.updatedMs = venue.updatedMs;
      if (venue.status === 'canceled') {
        this.events.ended(order, 'canceled', order, order.cancelText ?? 'Canceled by the venue');
      } else {
        this.events.ended(order, 'expired', order, order.timeInForce === 'FOK' ? 'FOK: not fillable in full at once' : 'Unfilled remainder expired');
      }
      if (order.oco !== null) this.ocoCancels.trigger(order, `OCO: the other order of the list was ${venue.status}`);
    }
  }

  private onVenueFill(fill: SimFill): void {
    const order = this.byVenueId.get(fill.orderId);
    if (order === undefined) return;
    order.venueLots += fill.sizeLots;
    order.venueTickLots += BigInt(fill.priceTicks) * BigInt(fill.sizeLots);
    order.status = cumulativeLots(order) >= order.quantityLots ? 'filled' : 'partially_filled';
    order.updatedMs = fill.tsMs;
    if (order.status === 'filled') this.byVenueId.delete(fill.orderId);
    const instrument = order.listing.instrument;
    this.events.emit({
      ...this.events.stamp(order),
      kind: 'trade',
      order: orderStateOf(order),
      fill: {
        price: priceText(instrument, fill.priceTicks),
        quantity: sizeText(instrument, fill.sizeLots),
        fee: fill.fee,
        feeAsset: fill.feeAsset,
        liquidity: fill.liquidity,
        tradeId: `${instrument.canonical}:${fill.tradeId}`,
      },
    });
    if (order.oco !== null) this.ocoCancels.trigger(order, 'OCO: the other order of the list executed');
  }

  /** An OCO leg's cancel, once the matching call that triggered it is over (see DeferredOcoCancels). */
  private cancelOcoLeg(order: TrackedOrder, text: string): void {
    if (!isWorking(order) || order.venueOrderId === null || this.closed) return;
    order.cancelText = text;
    this.exchange.cancelOrder(order.accountId, order.symbol, { orderId: order.venueOrderId });
    order.cancelText = null;
  }

  private requireOpen(): void {
    if (this.closed) throw new ZvtError(ZVT_ERR_FIX_ORDER_HANDLER, 'The order-entry handler is closed');
  }
}
