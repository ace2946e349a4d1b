// Orders the dialect itself answers for: Bybit accepts a crossing PostOnly order and cancels it, which the matching engine rejects instead.
import type { SimOrder, SimOrderRequest } from '../../../matching/matching-types.js';
import { postOnlyCanceledOrder } from '../../common/post-only-canceled.js';

/*
 * On Bybit a PostOnly order that would take liquidity is not refused: POST /v5/order/create
 * answers retCode 0 with its ids, and the order then exists as Cancelled with rejectReason
 * EC_PostOnlyWillTakeLiquidity (https://bybit-exchange.github.io/docs/v5/enum#rejectreason). The
 * matching engine answers such a request with post_only_would_take and keeps no order, so the
 * dialect records one here, in an id range the engine never reaches (from 2^40; the engine's ids
 * start near 10^9 and grow by one per order), and merges these records into its order queries.
 */

export const LOCAL_ORDER_ID_BASE = 2 ** 40;

export class LocalOrders {
  private nextId = LOCAL_ORDER_ID_BASE;
  private readonly orders: SimOrder[] = [];

  /** A cancelled PostOnly order for a request the engine refused as taking liquidity. */
  addPostOnlyCancelled(accountId: string, request: SimOrderRequest, clientOrderId: string, quoteAsset: string, nowMs: number): SimOrder {
    const order = postOnlyCanceledOrder(request, { orderId: this.nextId++, accountId, clientOrderId, feeAsset: quoteAsset, nowMs });
    this.orders.push(order);
    return order;
  }

  isLocal(orderId: number): boolean {
    return orderId >= LOCAL_ORDER_ID_BASE;
  }

  /** The account's local orders, oldest first (of one instrument when given). */
  of(accountId: string, canonical?: string): SimOrder[] {
    return this.orders.filter((order) => order.accountId === accountId && (canonical === undefined || order.canonical === canonical));
  }
}
