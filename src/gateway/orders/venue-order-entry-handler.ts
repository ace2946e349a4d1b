// OrderEntryHandler that trades a real venue account through the venue's signed REST API (ccxt), with the same events as the simulator-backed handler.
//
// Fills and venue-ended orders are found by polling, not by ccxt pro's watchOrders/watchMyTrades:
// one REST path for every venue (the same ccxt calls that place and reconcile orders), no
// listen-key or login lifecycle to keep alive beside the market-data streams, and a bounded cost
// that our budget (execution dialects) keeps under the venue's limits: every pollIntervalMs, one
// open-orders request per symbol with working orders, a fills request only for an order whose
// filled quantity grew, an order request only for an order that left the open list. The price is
// latency: a resting order's fill is reported up to pollIntervalMs (+ request time) late.
//
// Every venue step of one order runs in order on that order's queue (place, then cancel, then a
// poll), so a poll answer never overtakes a cancel. Replace is cancel + new at the venue, as
// docs/fix.md says: the venue order is canceled (its last fills reported first), then a new one
// placed for OrderQty − CumQty under the new client id; a failed cancel refuses the replace and
// the order keeps working. OCO is kept here (the venues' spot APIs have no OCO of two limit
// orders placed by client id): both legs are placed one after the other; when one trades or
// ends, the other is canceled by a REST request. Not atomic: between the first leg's fill and
// the other's cancel lie up to pollIntervalMs plus two request round trips, in which the other
// leg can fill too; its fills are then reported, never hidden. See docs/execution.md.
import { CcxtOrderClient, type CcxtOrderClientOptions, type LiveMarket } from '../../actors/execution/ccxt-order-client.js';
import { addDecimal, addFill, compareDecimal, emptyFillTotals, subtractDecimal } from '../../actors/execution/decimal-text.js';
import { ZVT_ERR_EXECUTION_OPTIONS } from '../../actors/execution/errors.js';
import type { ExecutionDialect, VenueOrderSnapshot } from '../../actors/execution/execution-dialect.js';
import { venueClientOrderId } from '../../actors/execution/venue-client-id.js';
import type { VenueRefusalReason } from '../../actors/execution/venue-error.js';
import { BINANCE_EXECUTION } from '../../actors/execution/venues/binance-execution.js';
import { OKX_EXECUTION } from '../../actors/execution/venues/okx-execution.js';
import { BYBIT_EXECUTION } from '../../actors/execution/venues/bybit-execution.js';
import { COINBASE_EXECUTION } from '../../actors/execution/venues/coinbase-execution.js';
import type { Logger } from '../../config/logger.js';
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_FIX_ORDER_HANDLER } from '../errors.js';
import type { Exchange } from 'ccxt';
import { ClientOrderRegistry } from './client-order-registry.js';
import { newOcoGroup, OCO_OTHER_REJECTED, refuseOcoList, triggerOco } from './oco-lists.js';
import type {
  CancelOrderRequest,
  CancelRejectReason,
  OrderEntryHandler,
  OrderEntryListener,
  OrderListRequest,
  OrderRejectReason,
  OrderRequester,
  OrderSpec,
  OrderState,
  OrderStatusRequest,
  PlaceOrderRequest,
  ReplaceOrderRequest,
} from './order-entry-handler.js';
import { OrderEventEmitter } from './order-event-emitter.js';
import { isWorking, newOrderRecord, type OcoGroup } from './order-record.js';
import { adoptReplacement } from './order-replacement.js';
import { checkNewOrderBasics, locateForChange, type OrderRefusal } from './order-request-checks.js';
import { cumulativeQuantity, liveOrderState, type LiveOrder } from './venue-live-order.js';
import { checkVenueOrderNumbers } from './venue-order-checks.js';

/** Venues with a live execution dialect. */
export const EXECUTION_DIALECTS = { binance: BINANCE_EXECUTION, okx: OKX_EXECUTION, bybit: BYBIT_EXECUTION, coinbase: COINBASE_EXECUTION } as const satisfies Record<string, ExecutionDialect>;
export type LiveVenue = keyof typeof EXECUTION_DIALECTS;

export interface VenueOrderEntryHandlerOptions {
  readonly venue: string;
  /** A ccxt instance with the account's credentials (or a factory of one), pointed where orders go. */
  readonly exchange: Exchange | (() => Exchange);
  /** Canonical symbols to trade ("BTC-USDT"): spot markets the venue lists. */
  readonly symbols: readonly string[];
  readonly logger?: Logger;
  /** How often working orders are polled for fills and venue cancels (default 1000 ms, at least 100). */
  readonly pollIntervalMs?: number;
  /** Retry tuning of the venue client (attempts, backoff, reconcile delay). */
  readonly retry?: Omit<CcxtOrderClientOptions, 'dialect' | 'exchange'>;
}

export interface VenueOrderEntryHandler extends OrderEntryHandler {
  readonly venue: LiveVenue;
  readonly client: CcxtOrderClient;
  /** Resolves once every venue step queued so far has finished (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops polling and drops the listeners; orders stay on the venue as they are. */
  close(): Promise<void>;
}

/** Loads the venue's markets, checks the symbols, and starts polling. */
export async function createVenueOrderEntryHandler(options: VenueOrderEntryHandlerOptions): Promise<VenueOrderEntryHandler> {
  if (!(options.venue in EXECUTION_DIALECTS)) {
    throw new ZvtError(ZVT_ERR_EXECUTION_OPTIONS, `${options.venue} has no live execution path yet (supported: ${Object.keys(EXECUTION_DIALECTS).join(', ')})`);
  }
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  if (!Number.isSafeInteger(pollIntervalMs) || pollIntervalMs < 100) throw new ZvtError(ZVT_ERR_EXECUTION_OPTIONS, `pollIntervalMs must be an integer >= 100 (got ${pollIntervalMs})`);
  if (options.symbols.length === 0) throw new ZvtError(ZVT_ERR_EXECUTION_OPTIONS, 'symbols must name at least one instrument');
  const venue = options.venue as LiveVenue;
  const exchange = typeof options.exchange === 'function' ? options.exchange() : options.exchange;
  const client = new CcxtOrderClient({ ...options.retry, dialect: EXECUTION_DIALECTS[venue], exchange });
  const markets = await client.loadMarkets(options.symbols);
  return new VenueOrderEntry(venue, client, markets, pollIntervalMs, options.logger);
}

function rejectReasonOf(reason: VenueRefusalReason): OrderRejectReason {
  return reason === 'venue_refused' ? 'unsupported' : reason;
}

class VenueOrderEntry implements VenueOrderEntryHandler {
  readonly symbols: readonly string[];
  private readonly clientIds = new ClientOrderRegistry<LiveOrder>();
  private readonly byVenueId = new Map<string, LiveOrder>();
  private readonly pending = new Set<Promise<void>>();
  /** A throwing listener is logged and skipped: it must not break an order's venue step half-way. */
  private readonly events = new OrderEventEmitter<LiveOrder>({
    now: () => Date.now(),
    stateOf: liveOrderState,
    onListenerError: (error) => this.logger?.error({ venue: this.venue, error: describe(error) }, 'an order-event listener threw'),
  });
  private closed = false;
  private polling = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly venue: LiveVenue,
    readonly client: CcxtOrderClient,
    private readonly markets: ReadonlyMap<string, LiveMarket>,
    pollIntervalMs: number,
    private readonly logger: Logger | undefined,
  ) {
    this.symbols = Object.freeze([...markets.keys()]);
    this.timer = setInterval(() => this.pollOnce(), pollIntervalMs);
    this.timer.unref();
  }

  subscribe(listener: OrderEntryListener): () => void {
    return this.events.subscribe(listener);
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.idle();
    this.events.clear();
  }

  place(request: PlaceOrderRequest): void {
    this.requireOpen();
    const refusal = this.checkNew(request, request);
    if (refusal !== null) return this.events.rejected(request, request, refusal.reason, refusal.text);
    const order = this.track(request, request, null);
    this.enqueue(order, () => this.placeVenueOrder(order, request, 'accepted'));
  }

  cancel(request: CancelOrderRequest): void {
    this.requireOpen();
    const order = this.findForChange(request, 'cancel');
    if (order === null) return;
    this.enqueue(order, async () => {
      if (!(await this.cancelStep(order, request, 'cancel'))) return;
      this.clientIds.adopt(order, request.clientOrderId);
      this.finish(order, 'canceled', null);
      if (order.oco !== null) this.triggerOco(order, 'OCO: the other order of the list was canceled');
    });
  }

  replace(request: ReplaceOrderRequest): void {
    this.requireOpen();
    const order = this.findForChange(request, 'replace');
    if (order === null) return;
    const refuse = (reason: CancelRejectReason, text: string): void => this.events.cancelRejected(request, 'replace', request.clientOrderId, request.origClientOrderId, order, reason, text);
    if (order.oco !== null) return refuse('not_allowed', 'An order of an OCO list cannot be replaced; cancel it and place a new list');
    const checked = checkVenueOrderNumbers(order.market, request.type, request.price, request.quantity);
    if (!checked.ok) return refuse('replacement_refused', checked.text);
    if (request.postOnly && request.type !== 'limit') return refuse('replacement_refused', 'Post-only applies to limit orders only');
    if (request.type === 'market' && request.timeInForce === 'FOK') return refuse('replacement_refused', 'A market order cannot be FOK here');
    this.enqueue(order, async () => {
      if (compareDecimal(checked.quantity, cumulativeQuantity(order)) <= 0) {
        return refuse('replacement_refused', `OrderQty ${request.quantity} must exceed the quantity already filled`);
      }
      if (!(await this.cancelStep(order, request, 'replace'))) return;
      const remaining = subtractDecimal(checked.quantity, cumulativeQuantity(order));
      if (compareDecimal(remaining, '0') <= 0) {
        // It filled past the new total while the cancel was on its way: the rest is gone.
        refuse('replacement_refused', `The order filled ${cumulativeQuantity(order)} before the replace reached the venue`);
        return this.finish(order, 'canceled', 'Canceled: filled past the replacement quantity before the replace');
      }
      order.priorFilled = cumulativeQuantity(order);
      order.venueFilled = '0';
      if (order.venueOrderId !== null) this.byVenueId.delete(order.venueOrderId);
      order.venueOrderId = null;
      const undo = adoptReplacement(this.clientIds, order, request, { price: checked.price, quantity: checked.quantity });
      const spec: OrderSpec = { ...request, price: checked.price, quantity: remaining };
      const placed = await this.placeVenueOrder(order, spec, 'replaced');
      if (placed === null) return;
      // The original is gone and its replacement was refused: say so, then report the original canceled.
      undo();
      refuse('replacement_refused', placed.text);
      this.finish(order, 'canceled', `Canceled: its replacement was refused (${placed.text})`);
    });
  }

  status(request: OrderStatusRequest): void {
    this.requireOpen();
    const order = this.find(request.accountId, request.clientOrderId, request.orderId);
    if (order !== undefined) {
      const known = order.market.canonical === request.symbol && order.side === request.side;
      this.enqueue(order, async () => {
        if (known && isWorking(order) && order.venueOrderId !== null) await this.refresh(order, null);
        this.events.emit({ ...this.events.stamp(request), kind: 'status', order: known ? liveOrderState(order) : null, request });
      });
      return;
    }
    // Not placed through this handler (or before a restart): ask the venue by the client id we would have given it.
    const market = this.markets.get(request.symbol);
    if (market === undefined) return this.events.emit({ ...this.events.stamp(request), kind: 'status', order: null, request });
    this.trackPending(async () => {
      let snapshot: VenueOrderSnapshot | null = null;
      try {
        snapshot = await this.client.fetchOrder(market, { clientOrderId: venueClientOrderId(request.accountId, request.clientOrderId) });
      } catch (error) {
        this.logger?.warn({ venue: this.venue, clientOrderId: request.clientOrderId, error: describe(error) }, 'order status lookup failed');
      }
      this.events.emit({ ...this.events.stamp(request), kind: 'status', order: snapshot === null ? null : this.stateOfUnknown(request, market, snapshot), request });
    });
  }

  placeList(request: OrderListRequest): void {
    this.requireOpen();
    const legs = request.orders;
    const reject = (spec: OrderSpec, reason: OrderRejectReason, text: string): void => this.events.rejected(request, spec, reason, text, request.listId);
    if (refuseOcoList(request, (spec) => this.checkNew(request, spec), reject)) return;
    const group = newOcoGroup<LiveOrder>(request.listId);
    for (const leg of legs) group.legs.push(this.track(request, leg, group));
    const [first, second] = group.legs as [LiveOrder, LiveOrder];
    // The second leg waits on the first one's placement: its queue starts behind it.
    this.enqueue(first, async () => {
      const refused = await this.placeVenueOrder(first, legs[0]!, 'accepted');
      if (refused !== null) {
        this.clientIds.untrack(second);
        return reject(legs[1]!, 'list_rejected', OCO_OTHER_REJECTED);
      }
      if (group.triggered) {
        this.clientIds.untrack(second);
        return reject(legs[1]!, 'list_rejected', 'OCO: the other order of the list executed on entry');
      }
      this.enqueue(second, async () => {
        const secondRefused = await this.placeVenueOrder(second, legs[1]!, 'accepted');
        if (secondRefused !== null) this.triggerOco(second, OCO_OTHER_REJECTED);
      });
    });
  }

  // ---- venue steps (run on the order's queue) ---------------------------------------------

  /**
   * Places the venue order working `order` for `spec.quantity`; reports acceptance (`kind`) and
   * what the venue did at once (fills, an IOC's expiry). Returns the refusal, already reported
   * for a new order (kind 'accepted'), left to the caller for a replace.
   */
  private async placeVenueOrder(order: LiveOrder, spec: OrderSpec, kind: 'accepted' | 'replaced'): Promise<OrderRefusal | null> {
    const outcome = await this.client.place({
      market: order.market,
      clientOrderId: venueClientOrderId(order.accountId, spec.clientOrderId),
      side: order.side,
      type: spec.type,
      timeInForce: spec.timeInForce,
      postOnly: spec.postOnly,
      quantity: spec.quantity,
      price: spec.price,
    });
    if (!outcome.ok) {
      const refusal = { reason: rejectReasonOf(outcome.reason), text: outcome.text };
      if (kind === 'accepted') {
        this.clientIds.untrack(order);
        this.events.rejected(order, spec, refusal.reason, refusal.text, order.oco?.listId ?? null);
      }
      return refusal;
    }
    if (outcome.reconciled) this.logger?.warn({ venue: this.venue, clientOrderId: spec.clientOrderId, orderId: outcome.orderId }, 'order answer lost; found on the venue by its client id');
    order.venueOrderId = outcome.orderId;
    this.byVenueId.set(outcome.orderId, order);
    let snapshot: VenueOrderSnapshot | null = null;
    try {
      snapshot = await this.client.fetchOrder(order.market, { orderId: outcome.orderId });
    } catch (error) {
      this.logger?.warn({ venue: this.venue, orderId: outcome.orderId, error: describe(error) }, 'reading a new order failed; the next poll reads it');
    }
    if (snapshot?.status === 'post_only_refused' || snapshot?.status === 'rejected') {
      const refusal: OrderRefusal =
        snapshot.status === 'post_only_refused'
          ? { reason: 'post_only_would_take', text: `${this.venue} canceled the post-only order at once: it would have taken liquidity` }
          : { reason: 'unsupported', text: `${this.venue} rejected the order` };
      this.byVenueId.delete(outcome.orderId);
      order.venueOrderId = null;
      if (kind === 'accepted') {
        this.clientIds.untrack(order);
        this.events.rejected(order, spec, refusal.reason, refusal.text, order.oco?.listId ?? null);
      }
      return refusal;
    }
    order.status = compareDecimal(cumulativeQuantity(order), '0') > 0 ? 'partially_filled' : 'new';
    order.updatedMs = Date.now();
    this.events.emit({ ...this.events.stamp(order), kind, order: liveOrderState(order) });
    if (snapshot !== null) await this.applySnapshot(order, snapshot);
    return null;
  }

  /**
   * Cancels the working venue order for a cancel or replace request, reporting its last fills
   * first; false (already answered with cancel_rejected) when it cannot.
   */
  private async cancelStep(order: LiveOrder, request: CancelOrderRequest | ReplaceOrderRequest, responseTo: 'cancel' | 'replace'): Promise<boolean> {
    const refuse = (reason: CancelRejectReason, text: string): false => {
      this.events.cancelRejected(request, responseTo, request.clientOrderId, request.origClientOrderId, order, reason, text);
      return false;
    };
    if (!isWorking(order) || order.venueOrderId === null) return refuse('too_late', `The order is ${order.status}`);
    const venueOrderId = order.venueOrderId;
    const result = await this.client.cancel(order.market, venueOrderId);
    if (!result.ok) {
      // Gone already (filled, expired) or the venue kept refusing: report what it is now.
      await this.refresh(order, null);
      if (result.notFound || !isWorking(order)) return refuse('too_late', `The order is no longer working (${result.text})`);
      return refuse(responseTo === 'replace' ? 'replacement_refused' : 'too_late', `The venue did not cancel the order: ${result.text}`);
    }
    // Fills that happened before the cancel landed are reported before the cancel.
    await this.refresh(order, 'canceled-by-request');
    this.byVenueId.delete(venueOrderId);
    if (!isWorking(order)) return refuse('too_late', `The order is ${order.status}`);
    return true;
  }

  /** Reads the venue order and reports what changed. `mode` 'canceled-by-request': a cancel/expiry seen is ours, not reported here. */
  private async refresh(order: LiveOrder, mode: 'canceled-by-request' | null, known?: VenueOrderSnapshot): Promise<void> {
    if (order.venueOrderId === null) return;
    let snapshot = known ?? null;
    if (snapshot === null) {
      try {
        snapshot = await this.client.fetchOrder(order.market, { orderId: order.venueOrderId });
      } catch (error) {
        this.logger?.warn({ venue: this.venue, orderId: order.venueOrderId, error: describe(error) }, 'reading an order failed; retried at the next poll');
        return;
      }
      if (snapshot === null) {
        this.logger?.error({ venue: this.venue, orderId: order.venueOrderId }, 'the venue no longer knows a working order');
        return;
      }
    }
    await this.applySnapshot(order, snapshot, mode);
  }

  /** New fills first (as trade events), then the venue's end of the order (canceled / expired). */
  private async applySnapshot(order: LiveOrder, snapshot: VenueOrderSnapshot, mode: 'canceled-by-request' | null = null): Promise<void> {
    const venueOrderId = order.venueOrderId;
    if (venueOrderId === null || snapshot.orderId !== venueOrderId) return;
    if (compareDecimal(snapshot.filled, order.venueFilled) > 0) {
      let fills;
      try {
        fills = await this.client.fetchFills(order.market, venueOrderId);
      } catch (error) {
        this.logger?.warn({ venue: this.venue, orderId: venueOrderId, error: describe(error) }, 'reading fills failed; retried at the next poll');
        return;
      }
      for (const fill of fills) {
        const key = `${venueOrderId}:${fill.tradeId}`;
        if (order.seenFills.has(key)) continue;
        order.seenFills.add(key);
        order.venueFilled = addDecimal(order.venueFilled, fill.quantity);
        order.totals = addFill(order.totals, fill.price, fill.quantity);
        order.status = compareDecimal(cumulativeQuantity(order), order.quantity) >= 0 ? 'filled' : 'partially_filled';
        order.updatedMs = Date.now();
        this.events.emit({
          ...this.events.stamp(order),
          kind: 'trade',
          order: liveOrderState(order),
          fill: { price: fill.price, quantity: fill.quantity, fee: fill.fee, feeAsset: fill.feeAsset, liquidity: fill.liquidity, tradeId: `${order.market.canonical}:${fill.tradeId}` },
        });
        if (order.status === 'filled') this.byVenueId.delete(venueOrderId);
        if (order.oco !== null) this.triggerOco(order, 'OCO: the other order of the list executed');
      }
      // The fills list lags the order: the end is reported once every fill is.
      if (compareDecimal(order.venueFilled, snapshot.filled) < 0) return;
    }
    if (snapshot.status === 'open' || snapshot.status === 'filled' || mode === 'canceled-by-request' || !isWorking(order)) return;
    this.byVenueId.delete(venueOrderId);
    if (snapshot.status === 'expired') {
      const text = order.timeInForce === 'FOK' ? 'FOK: not fillable in full at once' : 'Unfilled remainder expired';
      this.finish(order, 'expired', text);
      if (order.oco !== null) this.triggerOco(order, 'OCO: the other order of the list was expired');
    } else {
      this.finish(order, 'canceled', 'Canceled by the venue');
      if (order.oco !== null) this.triggerOco(order, 'OCO: the other order of the list was canceled');
    }
  }

  /** Reports the order ended. */
  private finish(order: LiveOrder, status: 'canceled' | 'expired', text: string | null): void {
    if (order.venueOrderId !== null) this.byVenueId.delete(order.venueOrderId);
    order.status = status;
    order.updatedMs = Date.now();
    this.events.ended(order, status, order, text);
  }

  // ---- polling ---------------------------------------------------------------------------

  private pollOnce(): void {
    if (this.polling || this.closed) return;
    const bySymbol = new Map<string, LiveOrder[]>();
    for (const order of new Set(this.byVenueId.values())) {
      if (!isWorking(order)) continue;
      const list = bySymbol.get(order.market.canonical) ?? [];
      list.push(order);
      bySymbol.set(order.market.canonical, list);
    }
    if (bySymbol.size === 0) return;
    this.polling = true;
    this.trackPending(async () => {
      try {
        for (const [canonical, orders] of bySymbol) {
          const market = this.markets.get(canonical)!;
          let open: Map<string, VenueOrderSnapshot>;
          try {
            open = new Map((await this.client.fetchOpenOrders(market)).map((snapshot) => [snapshot.orderId, snapshot]));
          } catch (error) {
            this.logger?.warn({ venue: this.venue, symbol: canonical, error: describe(error) }, 'polling open orders failed');
            continue;
          }
          for (const order of orders) {
            const seenAtId = order.venueOrderId;
            const listed = seenAtId === null ? undefined : open.get(seenAtId);
            if (listed !== undefined && compareDecimal(listed.filled, order.venueFilled) <= 0) continue;
            // Grown fills (monotonic, safe to act on late) or gone from the open list (read afresh on the order's queue).
            this.enqueue(order, () => (order.venueOrderId === seenAtId && isWorking(order) ? this.refresh(order, null, listed) : Promise.resolve()));
          }
        }
      } finally {
        this.polling = false;
      }
    });
  }

  // ---- OCO -------------------------------------------------------------------------------

  /** `leg` traded or ended: the other leg is canceled on its own queue, after whatever venue step it has under way. */
  private triggerOco(leg: LiveOrder, text: string): void {
    triggerOco(leg, (other) =>
      this.enqueue(other, async () => {
        if (!isWorking(other) || other.venueOrderId === null) return;
        const venueOrderId = other.venueOrderId;
        const result = await this.client.cancel(other.market, venueOrderId);
        await this.refresh(other, result.ok ? 'canceled-by-request' : null);
        if (result.ok && isWorking(other)) this.finish(other, 'canceled', text);
        else if (!result.ok && isWorking(other)) this.logger?.error({ venue: this.venue, orderId: venueOrderId, text: result.text }, 'OCO: the other leg could not be canceled');
      }),
    );
  }

  // ---- bookkeeping -----------------------------------------------------------------------

  private checkNew(requester: OrderRequester, spec: OrderSpec): OrderRefusal | null {
    const refusal = checkNewOrderBasics(this.markets, this.clientIds, requester, spec);
    if (refusal !== null) return refusal;
    if (spec.type === 'market' && spec.timeInForce === 'FOK') return { reason: 'unsupported', text: `A market order cannot be FOK on ${this.venue}` };
    const checked = checkVenueOrderNumbers(this.markets.get(spec.symbol)!, spec.type, spec.price, spec.quantity);
    return checked.ok ? null : { reason: checked.reason, text: checked.text };
  }

  private track(requester: OrderRequester, spec: OrderSpec, oco: OcoGroup<LiveOrder> | null): LiveOrder {
    const market = this.markets.get(spec.symbol)!;
    const checked = checkVenueOrderNumbers(market, spec.type, spec.price, spec.quantity);
    if (!checked.ok) throw new ZvtError(ZVT_ERR_FIX_ORDER_HANDLER, `track() of an unchecked order: ${checked.text}`);
    const order: LiveOrder = {
      ...newOrderRecord(requester, market.canonical, spec, oco, Date.now()),
      market,
      price: checked.price,
      quantity: checked.quantity,
      venueOrderId: null,
      priorFilled: '0',
      venueFilled: '0',
      totals: emptyFillTotals(),
      seenFills: new Set(),
      queue: Promise.resolve(),
    };
    this.clientIds.register(order);
    return order;
  }

  /** Looks up the order a cancel or replace names; answers cancel_rejected and gives null when there is none to change. */
  private findForChange(request: CancelOrderRequest | ReplaceOrderRequest, responseTo: 'cancel' | 'replace'): LiveOrder | null {
    const located = locateForChange(this.clientIds, request, this.find(request.accountId, request.origClientOrderId, request.orderId));
    if (located.ok) return located.order;
    this.events.cancelRejected(request, responseTo, request.clientOrderId, request.origClientOrderId, located.order, located.reason, located.text);
    return null;
  }

  private find(accountId: string, clientOrderId: string, orderId: string | null): LiveOrder | undefined {
    return this.clientIds.find(accountId, clientOrderId, orderId === null ? undefined : this.byVenueId.get(orderId));
  }

  /** The state of an order this handler did not place (found on the venue by client id). */
  private stateOfUnknown(request: OrderStatusRequest, market: LiveMarket, snapshot: VenueOrderSnapshot): OrderState {
    const working = snapshot.status === 'open';
    const filled = snapshot.filled;
    const status =
      snapshot.status === 'open'
        ? compareDecimal(filled, '0') > 0
          ? 'partially_filled'
          : 'new'
        : snapshot.status === 'post_only_refused' || snapshot.status === 'rejected'
          ? 'rejected'
          : snapshot.status;
    return {
      orderId: snapshot.orderId,
      clientOrderId: request.clientOrderId,
      origClientOrderId: null,
      listId: null,
      owner: request.owner,
      accountId: request.accountId,
      symbol: market.canonical,
      side: request.side,
      type: snapshot.price === null ? 'market' : 'limit',
      timeInForce: 'GTC',
      postOnly: false,
      price: snapshot.price,
      quantity: snapshot.quantity,
      cumulativeQuantity: filled,
      leavesQuantity: working ? subtractDecimal(snapshot.quantity, filled) : '0',
      // The average needs the fills; a status answer does not fetch them.
      averagePrice: '0',
      status,
      updatedMs: Date.now(),
    };
  }

  /** Runs `step` after every earlier step of the order; a failure is logged, never thrown into the queue. */
  private enqueue(order: LiveOrder, step: () => Promise<unknown>): void {
    const run = order.queue.then(async () => {
      try {
        await step();
      } catch (error) {
        this.logger?.error({ venue: this.venue, clientOrderId: order.clientOrderId, error: describe(error) }, 'order step failed');
      }
    });
    order.queue = run;
    this.trackPending(() => run);
  }

  private trackPending(work: () => Promise<unknown>): void {
    const promise = work().then(
      () => undefined,
      (error: unknown) => this.logger?.error({ venue: this.venue, error: describe(error) }, 'order-entry work failed'),
    );
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }

  private requireOpen(): void {
    if (this.closed) throw new ZvtError(ZVT_ERR_FIX_ORDER_HANDLER, 'The order-entry handler is closed');
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.constructor.name}: ${error.message.slice(0, 300)}` : String(error);
}
