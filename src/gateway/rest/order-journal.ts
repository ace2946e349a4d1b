// OrderJournal: the latest state of every order the handler reports (any session: REST, FIX, WS) per account, and each account's PositionLedger fed by its fills.
//
// Orders are found by any client id they had (the original, cancel and replace ids). Memory is
// bounded by maxOrders: past it the oldest finished order is forgotten (the oldest of all when
// none is finished). Orders and fills before the journal subscribed are not known: positions
// count fills since the gateway started (docs/rest.md).
import type { OrderEntryEvent, OrderEntryHandler, OrderState } from '../orders/order-entry-handler.js';
import { PositionLedger } from './position-ledger.js';

interface Entry {
  readonly id: number;
  readonly accountId: string;
  state: OrderState;
  readonly aliases: string[];
}

export interface OrderFilter {
  readonly symbol?: string | undefined;
  readonly openOnly?: boolean | undefined;
}

export class OrderJournal {
  private readonly entries = new Map<number, Entry>();
  private readonly byAlias = new Map<string, Entry>();
  private readonly ledgers = new Map<string, PositionLedger>();
  private nextId = 0;
  private readonly unsubscribe: () => void;

  /** `handler` null: a gateway without order execution; the journal stays empty. */
  constructor(
    handler: OrderEntryHandler | null,
    private readonly maxOrders: number,
  ) {
    this.unsubscribe = handler?.subscribe((event) => this.onEvent(event)) ?? (() => undefined);
  }

  close(): void {
    this.unsubscribe();
  }

  /** Orders of an account, oldest first. */
  orders(accountId: string, filter: OrderFilter = {}): OrderState[] {
    const orders: OrderState[] = [];
    for (const entry of this.entries.values()) {
      if (entry.accountId !== accountId) continue;
      if (filter.symbol !== undefined && entry.state.symbol !== filter.symbol) continue;
      if (filter.openOnly === true && !isOpen(entry.state)) continue;
      orders.push(entry.state);
    }
    return orders;
  }

  /** The order that has or had this client id. */
  find(accountId: string, clientOrderId: string): OrderState | undefined {
    return this.byAlias.get(aliasKey(accountId, clientOrderId))?.state;
  }

  ledger(accountId: string): PositionLedger | undefined {
    return this.ledgers.get(accountId);
  }

  private onEvent(event: OrderEntryEvent): void {
    if (event.kind === 'status' || event.kind === 'cancel_rejected') return;
    // A duplicate id's refusal describes the new request, not the order that owns the id.
    if (event.kind === 'rejected' && event.reason === 'duplicate_client_order_id') return;
    if (event.kind === 'trade') {
      let ledger = this.ledgers.get(event.accountId);
      if (ledger === undefined) this.ledgers.set(event.accountId, (ledger = new PositionLedger()));
      const { fill, order } = event;
      ledger.apply({ symbol: order.symbol, side: order.side, price: fill.price, quantity: fill.quantity, fee: fill.fee, feeAsset: fill.feeAsset });
    }
    const order = event.order;
    let entry = this.byAlias.get(aliasKey(event.accountId, order.clientOrderId));
    if (entry === undefined && order.origClientOrderId !== null) entry = this.byAlias.get(aliasKey(event.accountId, order.origClientOrderId));
    if (entry === undefined) {
      entry = { id: this.nextId++, accountId: event.accountId, state: order, aliases: [] };
      this.entries.set(entry.id, entry);
      this.evict();
    }
    entry.state = order;
    const alias = aliasKey(event.accountId, order.clientOrderId);
    if (!this.byAlias.has(alias)) {
      this.byAlias.set(alias, entry);
      entry.aliases.push(alias);
    }
  }

  private evict(): void {
    if (this.entries.size <= this.maxOrders) return;
    let victim: Entry | undefined;
    for (const entry of this.entries.values()) {
      if (!isOpen(entry.state)) {
        victim = entry;
        break;
      }
    }
    victim ??= this.entries.values().next().value;
    if (victim === undefined) return;
    this.entries.delete(victim.id);
    for (const alias of victim.aliases) this.byAlias.delete(alias);
  }
}

export function isOpen(order: OrderState): boolean {
  return order.status === 'new' || order.status === 'partially_filled';
}

function aliasKey(accountId: string, clientOrderId: string): string {
  return `${accountId}\u0000${clientOrderId}`;
}
