// The `user` channel: JWT subscribe, the snapshot of open orders, and an update for every change of the account's orders.
import type { SimExchange, SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimOrder } from '../../../matching/matching-types.js';
import { verifyCdpJwt, type CdpPublicKeyLookup } from '../auth/cdp-jwt.js';
import type { UserChannelSource } from '../public-ws/request-handler.js';
import type { CoinbaseWsConnection } from '../public-ws/ws-connection.js';
import { portfolioId } from '../shared/account-ids.js';
import { userOrderView } from './user-order-view.js';

/*
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/websocket/user: subscribe with
 * {"type":"subscribe","channel":"user","product_ids":[...],"jwt":<token without uri>}; the first
 * message is {"type":"snapshot","orders":[open orders],"positions":{"perpetual_futures_positions":[],
 * "expiring_futures_positions":[]}}, then one {"type":"update","orders":[...]} per change. Served on
 * the same socket as market data (Coinbase also offers advanced-trade-ws-user for it).
 */

export class UserChannel implements UserChannelSource {
  constructor(
    private readonly exchange: SimExchange,
    private readonly connections: ReadonlySet<CoinbaseWsConnection>,
    private readonly publicKeys: CdpPublicKeyLookup,
  ) {
    exchange.on('order', this.onOrder);
  }

  stop(): void {
    this.exchange.off('order', this.onOrder);
  }

  authenticate(jwt: string | null): string | null {
    if (jwt === null) return null;
    const result = verifyCdpJwt(jwt, null, Date.now() / 1000, this.publicKeys);
    return result.ok ? (this.exchange.accountByApiKey(result.keyName)?.accountId ?? null) : null;
  }

  snapshotEvent(accountId: string, productIds: readonly string[]): string {
    const orders = this.exchange
      .openOrders(accountId)
      .map((order) => this.view(order, productIds))
      .filter((view) => view !== null);
    return JSON.stringify({ type: 'snapshot', orders, positions: { perpetual_futures_positions: [], expiring_futures_positions: [] } });
  }

  private readonly onOrder = (order: SimOrder): void => {
    for (const connection of this.connections) {
      if (connection.userAccountId !== order.accountId) continue;
      // Each connection may follow other products, so the view is made per connection.
      const view = this.view(order, connection.subscriptions.products('user'));
      if (view === null) continue;
      connection.send('user', this.exchange.nowMs(), `[${JSON.stringify({ type: 'update', orders: [view] })}]`);
    }
  };

  /** The order's view, or null when it is not of one of `productIds` (empty: all products). */
  private view(order: SimOrder, productIds: readonly string[]): Record<string, unknown> | null {
    const listing: SimListing | undefined = this.exchange.listings.find((candidate) => candidate.instrument.canonical === order.canonical);
    if (listing === undefined || (productIds.length > 0 && !productIds.includes(listing.native))) return null;
    const fills = this.exchange.fills(order.accountId, order.canonical).filter((fill) => fill.orderId === order.orderId).length;
    return userOrderView(listing, order, fills, portfolioId(this.exchange.accounts, order.accountId));
  }
}
