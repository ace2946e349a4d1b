// Pushes the exchange's order, fill and balance events to the private sessions of their account, in Bybit's topic messages.
import type { SimExchange } from '../../../exchange/sim-exchange-contract.js';
import type { SimBalance, SimFill, SimOrder } from '../../../matching/matching-types.js';
import type { SimSocketSink } from '../../../server/sim-dialect.js';
import { bybitConnectionId, bybitMessageId, type BybitCategory } from '../bybit-ids.js';
import { renderExecution, renderOrderEvent } from '../private-rest/order-render.js';
import type { BybitPrivateState } from '../private-rest/private-state.js';
import { renderWallet } from '../private-rest/wallet-render.js';
import { privateTopicFrame } from './private-frames.js';
import { BybitPrivateSession } from './private-session.js';

/*
 * An order change goes to sessions subscribed to `order` or `order.<category>`, a fill to
 * `execution` or `execution.<category>`, a balance change to `wallet` as the UNIFIED account with
 * the coins that changed (totals over all of them). Each message has its own id and the exchange
 * time as creationTime. Events are pushed as the exchange emits them: for a taker order the
 * order update, its fills and the balance change arrive in the engine's order.
 */

export class PrivateHub {
  private readonly sessions = new Set<BybitPrivateSession>();
  private messageSequence = 0;
  private connectionSequence = 0;
  private readonly onOrderEvent = (order: SimOrder): void => this.onOrder(order);
  private readonly onFillEvent = (fill: SimFill): void => this.onFill(fill);
  private readonly onBalanceEvent = (accountId: string, balances: readonly SimBalance[]): void => this.onBalance(accountId, balances);

  constructor(
    readonly exchange: SimExchange,
    private readonly state: BybitPrivateState,
    private readonly salt: number,
  ) {
    exchange.on('order', this.onOrderEvent);
    exchange.on('fill', this.onFillEvent);
    exchange.on('balance', this.onBalanceEvent);
  }

  open(sink: SimSocketSink): BybitPrivateSession {
    const session = new BybitPrivateSession(sink, this, bybitConnectionId(++this.connectionSequence, this.salt ^ 0x5a5a));
    this.sessions.add(session);
    return session;
  }

  remove(session: BybitPrivateSession): void {
    this.sessions.delete(session);
  }

  close(): void {
    this.exchange.off('order', this.onOrderEvent);
    this.exchange.off('fill', this.onFillEvent);
    this.exchange.off('balance', this.onBalanceEvent);
  }

  /** An order the dialect made itself (a PostOnly cancellation). */
  onOrder(order: SimOrder): void {
    const category = this.state.categoryOf(order);
    if (category === undefined) return;
    const listing = this.state.listings.byCanonicalSymbol(order.canonical)!;
    this.publish(order.accountId, 'order', category, () => [renderOrderEvent(listing, category, order, this.state.extras(order))]);
  }

  private onFill(fill: SimFill): void {
    const category = this.state.categoryOf(fill);
    if (category === undefined) return;
    const listing = this.state.listings.byCanonicalSymbol(fill.canonical)!;
    this.publish(fill.accountId, 'execution', category, () => {
      const order = this.exchange.order(fill.accountId, fill.canonical, { orderId: fill.orderId });
      const mark = Math.round(this.exchange.history(listing.native).midTicks(this.exchange.nowMs()));
      return [{ category, ...renderExecution(listing, category, fill, order, mark, this.state.linkIdSent(fill.orderId, fill.accountId, fill.clientOrderId)) }];
    });
  }

  private onBalance(accountId: string, balances: readonly SimBalance[]): void {
    this.publish(accountId, 'wallet', undefined, () => {
      const changed = new Set(balances.map((balance) => balance.asset));
      return [renderWallet(this.exchange, this.exchange.balances(accountId), this.exchange.nowMs(), changed)];
    });
  }

  private publish(accountId: string, topic: 'order' | 'execution' | 'wallet', category: BybitCategory | undefined, data: () => unknown[]): void {
    let frames: Map<string, string> | undefined;
    for (const session of this.sessions) {
      const exact = category === undefined ? undefined : `${topic}.${category}`;
      const matched = session.wants(accountId, topic) ? topic : exact !== undefined && session.wants(accountId, exact) ? exact : undefined;
      if (matched === undefined) continue;
      frames ??= new Map();
      let text = frames.get(matched);
      if (text === undefined) {
        text = privateTopicFrame(bybitMessageId(++this.messageSequence, this.salt), matched, this.exchange.nowMs(), data());
        frames.set(matched, text);
      }
      session.push(text);
    }
  }
}
