// User data streams: the exchange's order, fill and balance events of an account, as executionReport / outboundAccountPosition to its listenKeys' connections.
import type { SimExchange, SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimBalance, SimFill, SimOrder } from '../../../matching/matching-types.js';
import type { StreamReceiver } from '../public-ws/market-streams.js';
import type { UserStreamAttacher } from '../public-ws/stream-session.js';
import type { ListenKeys } from './listen-keys.js';
import { executionReportPayload, listenKeyExpiredPayload, outboundAccountPositionPayload, type ExecutionType } from './user-payloads.js';

/*
 * The exchange emits, synchronously and in this order, for one order action: 'order' (accepted),
 * then per fill 'fill' followed by 'order' (its state after the fill), then 'order' again when it
 * ends other than filled (canceled, expired), and 'balance' once the action is done. Binance's
 * stream says the same thing as: executionReport NEW, one executionReport TRADE per fill (the
 * fill's l/L/n/N/t with the order's cumulative z/Z and status X), CANCELED or EXPIRED, then
 * outboundAccountPosition with the changed balances. A fill is held until the 'order' event
 * that follows it, so its report carries the order's state after that fill.
 */

interface Attachment {
  readonly accountId: string;
  readonly receivers: Set<StreamReceiver>;
}

export class BinanceUserStreams implements UserStreamAttacher {
  /** By listenKey. */
  private readonly attachments = new Map<string, Attachment>();
  /** Orders already reported NEW. */
  private readonly announced = new Set<number>();
  /** Fills waiting for their order's next state, by order id. */
  private readonly pendingFills = new Map<number, SimFill>();
  private sequence = 0;
  private readonly onOrder = (order: SimOrder): void => this.handleOrder(order);
  private readonly onFill = (fill: SimFill): void => {
    this.pendingFills.set(fill.orderId, fill);
  };
  private readonly onBalance = (accountId: string, balances: readonly SimBalance[]): void => {
    this.deliver(accountId, outboundAccountPositionPayload(this.exchange.nowMs(), balances), accountId);
  };

  constructor(
    private readonly exchange: SimExchange,
    private readonly listenKeys: ListenKeys,
    /** Client ids of cancel requests in flight, by order id (cancel-orders.ts sets them around the cancel). */
    private readonly cancelClientOrderIds: ReadonlyMap<number, string>,
  ) {
    exchange.on('order', this.onOrder);
    exchange.on('fill', this.onFill);
    exchange.on('balance', this.onBalance);
    listenKeys.onEnd((listenKey, why) => this.end(listenKey, why));
  }

  attach(name: string, receiver: StreamReceiver): boolean {
    const accountId = this.listenKeys.accountOf(name);
    if (accountId === undefined) return false;
    let attachment = this.attachments.get(name);
    if (attachment === undefined) {
      attachment = { accountId, receivers: new Set() };
      this.attachments.set(name, attachment);
    }
    attachment.receivers.add(receiver);
    return true;
  }

  detach(name: string, receiver: StreamReceiver): void {
    const attachment = this.attachments.get(name);
    if (attachment === undefined) return;
    attachment.receivers.delete(receiver);
    if (attachment.receivers.size === 0) this.attachments.delete(name);
  }

  close(): void {
    this.exchange.off('order', this.onOrder);
    this.exchange.off('fill', this.onFill);
    this.exchange.off('balance', this.onBalance);
    this.attachments.clear();
  }

  private handleOrder(order: SimOrder): void {
    const listing = this.exchange.listings.find((candidate) => candidate.instrument.canonical === order.canonical);
    if (listing === undefined) return;
    if (!this.announced.has(order.orderId)) {
      this.announced.add(order.orderId);
      // The first state seen is the order as accepted: nothing filled yet.
      if (order.status === 'rejected') {
        this.report(listing, order, 'REJECTED', null);
        this.announced.delete(order.orderId);
        return;
      }
      this.report(listing, order, 'NEW', null);
      if (order.status === 'new') return;
    }
    const fill = this.pendingFills.get(order.orderId);
    if (fill !== undefined) {
      this.pendingFills.delete(order.orderId);
      this.report(listing, order, 'TRADE', fill);
    } else if (order.status === 'canceled') {
      this.report(listing, order, 'CANCELED', null);
    } else if (order.status === 'expired') {
      this.report(listing, order, 'EXPIRED', null);
    } else if (order.status === 'rejected') {
      this.report(listing, order, 'REJECTED', null);
    }
    // A final state is the order's last event: forget it (memory stays bounded by open orders).
    if (order.status !== 'new' && order.status !== 'partially_filled') this.announced.delete(order.orderId);
  }

  private report(listing: SimListing, order: SimOrder, executionType: ExecutionType, fill: SimFill | null): void {
    const payload = executionReportPayload({
      listing,
      order,
      executionType,
      fill,
      cancelClientOrderId: executionType === 'CANCELED' ? (this.cancelClientOrderIds.get(order.orderId) ?? null) : null,
      eventMs: this.exchange.nowMs(),
      sequence: ++this.sequence,
    });
    this.deliver(order.accountId, payload, listing.native);
  }

  private deliver(accountId: string, payload: string, key: string): void {
    for (const [listenKey, attachment] of this.attachments) {
      if (attachment.accountId !== accountId) continue;
      // A key that expired since the last event says so once and stops (ListenKeys tells end()).
      if (this.listenKeys.accountOf(listenKey) === undefined) continue;
      for (const receiver of attachment.receivers) receiver.deliver(listenKey, payload, 'private', key);
    }
  }

  private end(listenKey: string, why: 'closed' | 'expired'): void {
    const attachment = this.attachments.get(listenKey);
    if (attachment === undefined) return;
    this.attachments.delete(listenKey);
    if (why !== 'expired') return;
    const payload = listenKeyExpiredPayload(Date.now(), listenKey);
    for (const receiver of attachment.receivers) receiver.deliver(listenKey, payload, 'private', attachment.accountId);
  }
}
