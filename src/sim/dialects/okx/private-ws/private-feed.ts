// Pushes the exchange's order, fill and balance events to logged-in OKX subscribers of the `orders` and `account` channels.
import type { SimBalance, SimFill, SimOrder } from '../../../matching/matching-types.js';
import type { SimSocketSink } from '../../../server/sim-dialect.js';
import type { OkxContext } from '../okx-context.js';
import { msText } from '../okx-text.js';
import { balanceDetail, balanceEnvelope } from '../private-rest/account-endpoints.js';
import type { OkxOrderRecord } from '../private-rest/order-registry.js';
import { orderPush } from '../private-rest/order-render.js';

/*
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-ws-order-channel and
 * #trading-account-websocket-account-channel
 * - orders: {"arg":{"channel":"orders","instType":..,("instId"|"instFamily"),"uid":..},"data":[order]}
 *   one push per change of an order: accepted (live), each fill (partially_filled/filled with
 *   fillPx, fillSz, tradeId, fillFee, execType), cancel. instType ANY matches every instrument.
 *   The exchange reports a fill and then the order; the push for that order carries the fill. A
 *   report that changes nothing OKX would show (same state and filled size, no new fill) is not
 *   pushed again.
 * - account: {"arg":{"channel":"account","uid":..},"data":[{... "details":[changed currencies]}]},
 *   an initial push of every currency on subscribe, then one per balance change (`ccy` filters).
 */

export interface OrdersSubscription {
  readonly kind: 'orders';
  readonly instType: string;
  readonly instId?: string;
  readonly instFamily?: string;
}

export interface AccountSubscription {
  readonly kind: 'account';
  readonly ccy?: string;
}

export type PrivateSubscription = OrdersSubscription | AccountSubscription;

interface Subscriber {
  readonly sink: SimSocketSink;
  readonly accountId: string;
  readonly uid: string;
  readonly subscription: PrivateSubscription;
  /** The argument as the client sent it (echoed in pushes, with uid). */
  readonly argument: Readonly<Record<string, string>>;
}

export class PrivateFeed {
  private readonly subscribers: Subscriber[] = [];
  /** The fill each order's next push carries, by exchange order id. */
  private readonly pendingFills = new Map<number, SimFill>();
  /** What was last pushed per order (state and filled size), to skip reports that change nothing visible. */
  private readonly lastPushed = new Map<string, string>();
  private readonly onOrder = (order: SimOrder): void => this.pushOrder(this.context.registry.record(order));
  private readonly onFill = (fill: SimFill): void => {
    this.pendingFills.set(fill.orderId, fill);
  };
  private readonly onBalance = (accountId: string, balances: readonly SimBalance[]): void => this.pushBalances(accountId, balances);

  constructor(private readonly context: OkxContext) {
    context.exchange.on('order', this.onOrder);
    context.exchange.on('fill', this.onFill);
    context.exchange.on('balance', this.onBalance);
  }

  subscribe(sink: SimSocketSink, accountId: string, uid: string, subscription: PrivateSubscription, argument: Readonly<Record<string, string>>): void {
    this.unsubscribe(sink, argument);
    this.subscribers.push({ sink, accountId, uid, subscription, argument });
    if (subscription.kind === 'account') {
      const balances = this.context.exchange.balances(accountId);
      this.sendBalances(this.subscribers[this.subscribers.length - 1]!, balances);
    }
  }

  unsubscribe(sink: SimSocketSink, argument: Readonly<Record<string, string>>): void {
    const key = JSON.stringify(argument);
    for (let index = this.subscribers.length - 1; index >= 0; index--) {
      const subscriber = this.subscribers[index]!;
      if (subscriber.sink === sink && JSON.stringify(subscriber.argument) === key) this.subscribers.splice(index, 1);
    }
  }

  drop(sink: SimSocketSink): void {
    for (let index = this.subscribers.length - 1; index >= 0; index--) if (this.subscribers[index]!.sink === sink) this.subscribers.splice(index, 1);
  }

  /** Pushes an order record (the exchange's, or one the dialect made, e.g. a post-only cancel). */
  pushOrder(record: OkxOrderRecord): void {
    const order = record.order;
    const fill = record.cancelSource === '31' ? undefined : this.pendingFills.get(order.orderId);
    if (fill !== undefined) this.pendingFills.delete(order.orderId);
    const visible = `${order.status}:${order.filledLots}`;
    if (fill === undefined && this.lastPushed.get(record.ordId) === visible) return;
    this.lastPushed.set(record.ordId, visible);
    const listing = this.context.listingOfCanonical(order.canonical);
    if (listing === undefined) return;
    let data: Record<string, unknown> | undefined;
    for (const subscriber of this.subscribers) {
      if (subscriber.accountId !== order.accountId || subscriber.subscription.kind !== 'orders') continue;
      const subscription = subscriber.subscription;
      if (subscription.instType !== 'ANY' && subscription.instType !== listing.category) continue;
      if (subscription.instId !== undefined && subscription.instId !== listing.native) continue;
      if (subscription.instFamily !== undefined && subscription.instFamily !== `${listing.instrument.base}-${listing.instrument.quote}`) continue;
      data ??= orderPush(record, listing, fill);
      subscriber.sink.send(JSON.stringify({ arg: { ...subscriber.argument, uid: subscriber.uid }, data: [data] }), 'private');
    }
  }

  close(): void {
    this.context.exchange.off('order', this.onOrder);
    this.context.exchange.off('fill', this.onFill);
    this.context.exchange.off('balance', this.onBalance);
    this.subscribers.length = 0;
  }

  private pushBalances(accountId: string, balances: readonly SimBalance[]): void {
    for (const subscriber of this.subscribers) {
      if (subscriber.accountId === accountId && subscriber.subscription.kind === 'account') this.sendBalances(subscriber, balances);
    }
  }

  private sendBalances(subscriber: Subscriber, balances: readonly SimBalance[]): void {
    const subscription = subscriber.subscription;
    const wanted = subscription.kind === 'account' && subscription.ccy !== undefined ? new Set(subscription.ccy.split(',')) : null;
    const uTime = msText(this.context.exchange.nowMs());
    const details = balances.filter((balance) => wanted === null || wanted.has(balance.asset)).map((balance) => balanceDetail(balance, uTime));
    if (details.length === 0) return;
    subscriber.sink.send(JSON.stringify({ arg: { ...subscriber.argument, uid: subscriber.uid }, data: [balanceEnvelope(details, uTime)] }), 'private');
  }
}
