// The dialect's own view of the accounts' orders: which ids it answers for itself, which orderLinkIds clients sent, and listing lookup.
import type { SimExchange } from '../../../exchange/sim-exchange-contract.js';
import type { SimOrder } from '../../../matching/matching-types.js';
import type { BybitCategory } from '../bybit-ids.js';
import { bybitCategoryOf, type BybitListings } from '../bybit-listings.js';
import { LocalOrders } from './local-orders.js';
import type { OrderRenderExtras } from './order-render.js';

/*
 * The matching engine generates a client order id when none is sent; Bybit shows orderLinkId ""
 * for such orders, so the dialect remembers which orders carried one. Order lists merge the
 * engine's orders with the dialect's PostOnly cancellations, newest first, as Bybit sorts them.
 */

export class BybitPrivateState {
  readonly local = new LocalOrders();
  private readonly linkIdsSent = new Set<number>();
  /** The orderLinkId of the order being placed: the engine emits its events before placeOrder returns. */
  private current: { readonly accountId: string; readonly linkId: string } | undefined;

  constructor(
    private readonly exchange: SimExchange,
    readonly listings: BybitListings,
  ) {}

  markLinkIdSent(orderId: number): void {
    this.linkIdsSent.add(orderId);
  }

  /** Runs a placement whose events (emitted during it) must already show the client's orderLinkId. */
  placing<Result>(accountId: string, linkId: string | undefined, place: () => Result): Result {
    this.current = linkId === undefined ? undefined : { accountId, linkId };
    try {
      return place();
    } finally {
      this.current = undefined;
    }
  }

  linkIdSent(orderId: number, accountId?: string, clientOrderId?: string): boolean {
    if (this.linkIdsSent.has(orderId)) return true;
    const placing = this.current;
    if (placing !== undefined && placing.accountId === accountId && placing.linkId === clientOrderId) {
      this.linkIdsSent.add(orderId);
      return true;
    }
    return false;
  }

  extras(order: SimOrder): OrderRenderExtras {
    return { linkIdSent: this.linkIdSent(order.orderId, order.accountId, order.clientOrderId), postOnlyCancelled: this.local.isLocal(order.orderId) };
  }

  /** The category an order's instrument trades in here, or undefined. */
  categoryOf(order: { readonly canonical: string }): BybitCategory | undefined {
    const listing = this.listings.byCanonicalSymbol(order.canonical);
    return listing === undefined ? undefined : bybitCategoryOf(listing);
  }

  /** Every order of the account in a category (of one instrument when given), newest first. */
  orders(accountId: string, category: BybitCategory, canonical?: string): SimOrder[] {
    const all = [...this.exchange.orderHistory(accountId, canonical), ...this.local.of(accountId, canonical)];
    return all
      .filter((order) => this.categoryOf(order) === category)
      .sort((left, right) => right.createdMs - left.createdMs || right.orderId - left.orderId);
  }
}
