// Subscribe and unsubscribe messages on the Coinbase WebSocket: snapshots first, then the `subscriptions` list, or "failure to subscribe".
import type { SimExchange, SimListing } from '../../../exchange/sim-exchange-contract.js';
import { parseClientRequest, type CoinbaseClientRequest } from './client-request.js';
import type { MarketFanout } from './market-fanout.js';
import type { MarketViews } from './market-views.js';
import type { CoinbaseWsConnection } from './ws-connection.js';

/*
 * Recorded order of the answers to one subscribe: the channel's snapshot message per product
 * (level2: the whole book; market_trades: the last 100 trades; ticker: the current ticker), then
 * the connection's `subscriptions` message. An unsubscribe is answered by `subscriptions` alone;
 * unsubscribing what is not subscribed is not an error. A subscribe naming an unknown product or
 * channel, or a product-bound channel without products, is refused whole with
 * {"type":"error","message":"failure to subscribe"} (the Advanced Trade server's text) and changes nothing.
 * Channels Coinbase has but the simulator does not produce (candles, status, ticker_batch,
 * futures_balance_summary) are refused the same way (docs/simulator/coinbase.md).
 */

export const SUBSCRIBE_FAILURE = 'failure to subscribe';

/** The `user` channel's side: who the JWT names, and the open orders it starts with. */
export interface UserChannelSource {
  /** The account of a valid WebSocket JWT (no uri claim), else null. */
  authenticate(jwt: string | null): string | null;
  /** The snapshot event (JSON object text) of the account's open orders of `productIds` (all when empty). */
  snapshotEvent(accountId: string, productIds: readonly string[]): string;
}

export class CoinbaseRequestHandler {
  constructor(
    private readonly exchange: SimExchange,
    private readonly views: MarketViews,
    private readonly fanout: MarketFanout,
    private readonly user: UserChannelSource,
  ) {}

  onMessage(connection: CoinbaseWsConnection, text: string): void {
    const parsed = parseClientRequest(text);
    if (!parsed.ok) {
      connection.sendError(SUBSCRIBE_FAILURE);
      return;
    }
    const request = parsed.request;
    switch (request.channel) {
      case 'level2':
      case 'market_trades':
      case 'ticker':
        this.onMarketChannel(connection, request);
        return;
      case 'heartbeats':
        if (request.type === 'subscribe') connection.subscriptions.add('heartbeats', []);
        else connection.subscriptions.remove('heartbeats', []);
        this.sendSubscriptions(connection);
        return;
      case 'user':
        this.onUserChannel(connection, request);
        return;
      default:
        connection.sendError(SUBSCRIBE_FAILURE);
    }
  }

  private onMarketChannel(connection: CoinbaseWsConnection, request: CoinbaseClientRequest): void {
    if (request.type === 'unsubscribe') {
      connection.subscriptions.remove(request.channel, request.productIds);
      this.sendSubscriptions(connection);
      return;
    }
    const listings = this.listingsOf(request.productIds);
    if (listings === null || listings.length === 0) {
      connection.sendError(SUBSCRIBE_FAILURE);
      return;
    }
    connection.subscriptions.add(request.channel, request.productIds);
    const nowMs = this.exchange.nowMs();
    for (const listing of listings) {
      switch (request.channel) {
        case 'level2':
          connection.send('l2_data', nowMs, `[${this.views.level2Snapshot(listing)}]`, listing.native);
          break;
        case 'market_trades':
          connection.send('market_trades', nowMs, `[${this.views.tradesSnapshot(listing)}]`, listing.native);
          break;
        default: {
          const top = this.views.top(listing.native);
          connection.send('ticker', nowMs, `[${this.views.ticker(listing, 'snapshot', top)}]`, listing.native);
          this.fanout.noteTickerSent(listing.native, top);
        }
      }
    }
    this.sendSubscriptions(connection);
  }

  private onUserChannel(connection: CoinbaseWsConnection, request: CoinbaseClientRequest): void {
    if (request.type === 'unsubscribe') {
      connection.subscriptions.remove('user', request.productIds);
      if (!connection.subscriptions.hasChannel('user')) connection.userAccountId = null;
      this.sendSubscriptions(connection);
      return;
    }
    const accountId = this.user.authenticate(request.jwt);
    if (accountId === null || this.listingsOf(request.productIds) === null) {
      connection.sendError(SUBSCRIBE_FAILURE);
      return;
    }
    connection.userAccountId = accountId;
    connection.subscriptions.add('user', request.productIds);
    connection.send('user', this.exchange.nowMs(), `[${this.user.snapshotEvent(accountId, connection.subscriptions.products('user'))}]`);
    this.sendSubscriptions(connection);
  }

  /** The listings of the products, or null when one is unknown. */
  private listingsOf(productIds: readonly string[]): SimListing[] | null {
    const listings: SimListing[] = [];
    for (const productId of productIds) {
      const listing = this.exchange.listing(productId);
      if (listing === undefined) return null;
      listings.push(listing);
    }
    return listings;
  }

  private sendSubscriptions(connection: CoinbaseWsConnection): void {
    connection.send('subscriptions', this.exchange.nowMs(), `[${connection.subscriptions.event()}]`);
  }
}
