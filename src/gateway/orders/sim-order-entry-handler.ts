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
import type {
  CancelOrderRequest,
  CancelRejectReason,
  OrderEntryEvent,
  OrderEntryHandler,
  OrderEntryListener,
  OrderListRequest,
  OrderRejectReason,
  OrderSpec,
  OrderState,
  OrderStatusRequest,
  PlaceOrderRequest,
  ReplaceOrderRequest,
} from './order-entry-handler.js';
import { checkOrderNumbers, rejectReasonOf } from './sim-order-checks.js';
import { cumulativeLots, isWorking, orderStateOf, type OcoGroup, type TrackedOrder } from './tracked-order.js';

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

type Requester = { readonly owner: string; readonly accountId: string };

class SimOrderEntry implements SimOrderEntryHandler {
  readonly symbols: readonly string[];
  private readonly exchange: SimExchange;
  private readonly listings = new Map<string, SimListing>();
  private readonly listeners = new Set<OrderEntryListener>();
  private readonly byClientId = new Map<string, TrackedOrder>();
  private readonly byVenueId = new Map<number, TrackedOrder>();
  /** The order being placed: the venue's 'order' event for it arrives before placeOrder returns its id. */
  private placing: TrackedOrder | null = null;
  private readonly pendingCancels: { order: TrackedOrder; text: string }[] = [];
  private drainScheduled = false;
  /** ExecIDs must stay unique across restarts: a base-36 start time, then a counter. */
  private readonly executionPrefix = Date.now().toString(36);
  private executionCounter = 0;
  private closed = false;
  private readonly onOrder = (order: SimOrder): void => this.onVenueOrder(order);
  private readonly onFill = (fill: SimFill): void => this.onVenueFill(fill);

  constructor(options: SimOrderEntryHandlerOptions) {
    this.exchange = options.exchange;
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
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.exchange.off('order', this.onOrder);
    this.exchange.off('fill', this.onFill);
    this.listeners.clear();
  }

  place(request: PlaceOrderRequest): void {
    this.requireOpen();
    const refusal = this.checkNew(request, request);
    if (refusal !== null) return this.emitRejected(request, request, refusal.reason, refusal.text);
    const order = this.track(request, request, null);
    this.submit(order, request);
    this.drainCancels();
  }

  cancel(request: CancelOrderRequest): void {
    this.requireOpen();
    const found = this.findForChange(request, request.clientOrderId, 'cancel');
    if (found === null) return;
    if (this.cancelByRequest(found, request.clientOrderId) && found.oco !== null) {
      this.triggerOco(found, 'OCO: the other order of the list was canceled');
    }
    this.drainCancels();
  }

  replace(request: ReplaceOrderRequest): void {
    this.requireOpen();
    const order = this.findForChange(request, request.clientOrderId, 'replace');
    if (order === null) return;
    const refuse = (reason: CancelRejectReason, text: string): void => this.emitCancelRejected(request, 'replace', request.clientOrderId, request.origClientOrderId, order, reason, text);
    if (order.oco !== null) return refuse('not_allowed', 'An order of an OCO list cannot be replaced; cancel it and place a new list');
    const checked = checkOrderNumbers(order.listing, request.type, request.price, request.quantity);
    if (!checked.ok) return refuse('replacement_refused', checked.text);
    const cumulative = cumulativeLots(order);
    if (checked.sizeLots <= cumulative) {
      return refuse('replacement_refused', `OrderQty ${request.quantity} must exceed the quantity already filled`);
    }
    const cancel = this.cancelVenueOrder(order);
    if (!cancel) return refuse('too_late', 'The order is no longer working');

    const previous = { clientOrderId: order.clientOrderId, origClientOrderId: order.origClientOrderId, quantityLots: order.quantityLots };
    const previousSpec = { type: order.type, timeInForce: order.timeInForce, postOnly: order.postOnly, priceTicks: order.priceTicks };
    order.priorLots += order.venueLots;
    order.priorTickLots += order.venueTickLots;
    order.venueLots = 0;
    order.venueTickLots = 0n;
    order.origClientOrderId = order.clientOrderId;
    order.clientOrderId = request.clientOrderId;
    order.type = request.type;
    order.timeInForce = request.timeInForce;
    order.postOnly = request.postOnly;
    order.priceTicks = checked.priceTicks;
    order.quantityLots = checked.sizeLots;
    order.acceptanceKind = 'replaced';
    this.byClientId.set(clientKey(order.accountId, request.clientOrderId), order);
    order.clientOrderIds.add(request.clientOrderId);

    const refusal = this.placeVenueOrder(order, checked.sizeLots - cumulative);
    if (refusal !== null) {
      // The original is gone and its replacement was refused: say so, then report the original canceled.
      this.byClientId.delete(clientKey(order.accountId, request.clientOrderId));
      order.clientOrderIds.delete(request.clientOrderId);
      Object.assign(order, previous, previousSpec);
      order.status = 'canceled';
      order.updatedMs = this.exchange.nowMs();
      this.emitCancelRejected(request, 'replace', request.clientOrderId, request.origClientOrderId, order, 'replacement_refused', refusal.text);
      this.emit({ ...this.base(order), kind: 'canceled', order: orderStateOf(order), text: `Canceled: its replacement was refused (${refusal.text})` });
    }
    this.drainCancels();
  }

  status(request: OrderStatusRequest): void {
    this.requireOpen();
    const order = this.find(request.accountId, request.clientOrderId, request.orderId);
    const known = order !== undefined && order.listing.instrument.canonical === request.symbol && order.side === request.side;
    this.emit({ ...this.base(request), kind: 'status', order: known ? orderStateOf(order) : null, request });
  }

  placeList(request: OrderListRequest): void {
    this.requireOpen();
    const legs = request.orders;
    const rejectAll = (text: string, except?: { spec: OrderSpec; reason: OrderRejectReason; text: string }): void => {
      for (const leg of legs) {
        if (leg === except?.spec) this.emitRejected(request, leg, except.reason, except.text, request.listId);
        else this.emitRejected(request, leg, 'list_rejected', text, request.listId);
      }
    };
    if (legs.length !== 2) return rejectAll(`An OCO list has exactly two orders, not ${legs.length}`);
    if (legs[0]!.clientOrderId === legs[1]!.clientOrderId) return rejectAll('The orders of a list need distinct ClOrdIDs');
    for (const leg of legs) {
      const refusal = this.checkNew(request, leg);
      if (refusal !== null) return rejectAll('OCO: the other order of the list was rejected', { spec: leg, ...refusal });
    }
    const group: OcoGroup = { listId: request.listId, legs: [], triggered: false };
    for (const leg of legs) group.legs.push(this.track(request, leg, group));
    for (const [index, order] of group.legs.entries()) {
      if (group.triggered) {
        // The first leg already executed or ended on entry: the second is never placed.
        this.untrack(order);
        this.emitRejected(request, legs[index]!, 'list_rejected', 'OCO: the other order of the list executed on entry', request.listId);
        continue;
      }
      const refusal = this.placeVenueOrder(order, order.quantityLots);
      if (refusal !== null) {
        this.untrack(order);
        this.emitRejected(request, legs[index]!, refusal.reason, refusal.text, request.listId);
        if (index === 0) {
          this.untrack(group.legs[1]!);
          this.emitRejected(request, legs[1]!, 'list_rejected', 'OCO: the other order of the list was rejected', request.listId);
          break;
        }
        this.triggerOco(order, 'OCO: the other order of the list was rejected');
      }
    }
    this.drainCancels();
  }

  // ---- requests --------------------------------------------------------------------------

  private checkNew(requester: Requester, spec: OrderSpec): { reason: OrderRejectReason; text: string } | null {
    const listing = this.listings.get(spec.symbol);
    if (listing === undefined) return { reason: 'unknown_symbol', text: `Unknown symbol ${spec.symbol}` };
    if (this.byClientId.has(clientKey(requester.accountId, spec.clientOrderId))) {
      return { reason: 'duplicate_client_order_id', text: `ClOrdID ${spec.clientOrderId} was used before` };
    }
    if (spec.postOnly && spec.type !== 'limit') return { reason: 'unsupported', text: 'Post-only applies to limit orders only' };
    const checked = checkOrderNumbers(listing, spec.type, spec.price, spec.quantity);
    return checked.ok ? null : { reason: checked.reason, text: checked.text };
  }

  private track(requester: Requester, spec: OrderSpec, oco: OcoGroup | null): TrackedOrder {
    const listing = this.listings.get(spec.symbol)!;
    const checked = checkOrderNumbers(listing, spec.type, spec.price, spec.quantity);
    if (!checked.ok) throw new ZvtError(ZVT_ERR_FIX_ORDER_HANDLER, `track() of an unchecked order: ${checked.text}`);
    const order: TrackedOrder = {
      owner: requester.owner,
      accountId: requester.accountId,
      listing,
      side: spec.side,
      clientOrderIds: new Set([spec.clientOrderId]),
      clientOrderId: spec.clientOrderId,
      origClientOrderId: null,
      type: spec.type,
      timeInForce: spec.timeInForce,
      postOnly: spec.postOnly,
      priceTicks: checked.priceTicks,
      quantityLots: checked.sizeLots,
      venueOrderId: null,
      priorLots: 0,
      priorTickLots: 0n,
      venueLots: 0,
      venueTickLots: 0n,
      status: 'new',
      updatedMs: this.exchange.nowMs(),
      acceptanceKind: 'accepted',
      cancelByRequest: false,
      cancelText: null,
      oco,
    };
    this.byClientId.set(clientKey(order.accountId, spec.clientOrderId), order);
    return order;
  }

  private untrack(order: TrackedOrder): void {
    for (const id of order.clientOrderIds) this.byClientId.delete(clientKey(order.accountId, id));
  }

  private submit(order: TrackedOrder, spec: OrderSpec): void {
    const refusal = this.placeVenueOrder(order, order.quantityLots);
    if (refusal === null) return;
    this.untrack(order);
    this.emitRejected(order, spec, refusal.reason, refusal.text);
  }

  /** Places the venue order working `order` for `sizeLots`; its acceptance and fills are reported by the venue events. */
  private placeVenueOrder(order: TrackedOrder, sizeLots: number): { reason: OrderRejectReason; text: string } | null {
    this.placing = order;
    let result;
    try {
      result = this.exchange.placeOrder(order.accountId, {
        canonical: order.listing.instrument.canonical,
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
  private findForChange(request: CancelOrderRequest | ReplaceOrderRequest, clientOrderId: string, responseTo: 'cancel' | 'replace'): TrackedOrder | null {
    const order = this.find(request.accountId, request.origClientOrderId, request.orderId);
    const refuse = (found: TrackedOrder | null, reason: CancelRejectReason, text: string): null => {
      this.emitCancelRejected(request, responseTo, clientOrderId, request.origClientOrderId, found, reason, text);
      return null;
    };
    if (order === undefined || order.listing.instrument.canonical !== request.symbol || order.side !== request.side) {
      return refuse(null, 'unknown_order', `Unknown order ${request.origClientOrderId}`);
    }
    if (this.byClientId.has(clientKey(request.accountId, clientOrderId))) {
      return refuse(order, 'duplicate_client_order_id', `ClOrdID ${clientOrderId} was used before`);
    }
    if (!isWorking(order) || order.venueOrderId === null) return refuse(order, 'too_late', `The order is ${order.status}`);
    return order;
  }

  private find(accountId: string, clientOrderId: string, orderId: string | null): TrackedOrder | undefined {
    if (orderId !== null && /^\d{1,15}$/.test(orderId)) {
      const byVenue = this.byVenueId.get(Number(orderId));
      if (byVenue !== undefined && byVenue.accountId === accountId) return byVenue;
    }
    return this.byClientId.get(clientKey(accountId, clientOrderId));
  }

  private cancelByRequest(order: TrackedOrder, clientOrderId: string): boolean {
    if (!this.cancelVenueOrder(order)) {
      this.emitCancelRejected(order, 'cancel', clientOrderId, order.clientOrderId, order, 'too_late', 'The order is no longer working');
      return false;
    }
    order.origClientOrderId = order.clientOrderId;
    order.clientOrderId = clientOrderId;
    order.clientOrderIds.add(clientOrderId);
    this.byClientId.set(clientKey(order.accountId, clientOrderId), order);
    order.status = 'canceled';
    order.updatedMs = this.exchange.nowMs();
    this.emit({ ...this.base(order), kind: 'canceled', order: orderStateOf(order), text: null });
    return true;
  }

  /** Cancels the working venue order without reporting the venue's cancel event; false when the venue no longer has it open. */
  private cancelVenueOrder(order: TrackedOrder): boolean {
    const venueOrderId = order.venueOrderId;
    if (venueOrderId === null) return false;
    order.cancelByRequest = true;
    try {
      const result = this.exchange.cancelOrder(order.accountId, order.listing.instrument.canonical, { orderId: venueOrderId });
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
      this.emit({ ...this.base(order), kind: order.acceptanceKind, order: orderStateOf(order) });
      return;
    }
    if (venue.status === 'canceled' || venue.status === 'expired') {
      this.byVenueId.delete(venue.orderId);
      if (order.cancelByRequest) return;
      order.status = venue.status;
      order.updatedMs = venue.updatedMs;
      const state = orderStateOf(order);
      if (venue.status === 'canceled') {
        this.emit({ ...this.base(order), kind: 'canceled', order: state, text: order.cancelText ?? 'Canceled by the venue' });
      } else {
        const text = order.timeInForce === 'FOK' ? 'FOK: not fillable in full at once' : 'Unfilled remainder expired';
        this.emit({ ...this.base(order), kind: 'expired', order: state, text });
      }
      if (order.oco !== null) this.triggerOco(order, `OCO: the other order of the list was ${venue.status}`);
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
    this.emit({
      ...this.base(order),
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
    if (order.oco !== null) this.triggerOco(order, 'OCO: the other order of the list executed');
  }

  // ---- OCO -------------------------------------------------------------------------------

  /** `leg` executed or ended: every other working leg is canceled once the current matching call is over. */
  private triggerOco(leg: TrackedOrder, text: string): void {
    const group = leg.oco;
    if (group === null || group.triggered) return;
    group.triggered = true;
    for (const other of group.legs) if (other !== leg) this.pendingCancels.push({ order: other, text });
    if (!this.drainScheduled) {
      this.drainScheduled = true;
      queueMicrotask(() => this.drainCancels());
    }
  }

  private drainCancels(): void {
    this.drainScheduled = false;
    while (this.pendingCancels.length > 0) {
      const { order, text } = this.pendingCancels.shift()!;
      if (!isWorking(order) || order.venueOrderId === null || this.closed) continue;
      order.cancelText = text;
      this.exchange.cancelOrder(order.accountId, order.listing.instrument.canonical, { orderId: order.venueOrderId });
      order.cancelText = null;
    }
  }

  // ---- events ----------------------------------------------------------------------------

  private base(requester: Requester): { owner: string; accountId: string; executionId: string; tsMs: number } {
    return {
      owner: requester.owner,
      accountId: requester.accountId,
      executionId: `${this.executionPrefix}-${++this.executionCounter}`,
      tsMs: this.exchange.nowMs(),
    };
  }

  private emitRejected(requester: Requester, spec: OrderSpec, reason: OrderRejectReason, text: string, listId: string | null = null): void {
    const order: OrderState = {
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
      updatedMs: this.exchange.nowMs(),
    };
    this.emit({ ...this.base(requester), kind: 'rejected', order, reason, text });
  }

  private emitCancelRejected(
    requester: Requester,
    responseTo: 'cancel' | 'replace',
    clientOrderId: string,
    origClientOrderId: string,
    order: TrackedOrder | null,
    reason: CancelRejectReason,
    text: string,
  ): void {
    this.emit({
      ...this.base(requester),
      kind: 'cancel_rejected',
      responseTo,
      clientOrderId,
      origClientOrderId,
      order: order === null ? null : orderStateOf(order),
      reason,
      text,
    });
  }

  private emit(event: OrderEntryEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private requireOpen(): void {
    if (this.closed) throw new ZvtError(ZVT_ERR_FIX_ORDER_HANDLER, 'The order-entry handler is closed');
  }
}

function clientKey(accountId: string, clientOrderId: string): string {
  return `${accountId}\u0000${clientOrderId}`;
}
