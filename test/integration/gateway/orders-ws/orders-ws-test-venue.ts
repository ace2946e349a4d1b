// A GatewayApp on 127.0.0.1 port 0 serving /v1/orders over the FIX tests' simulated Binance (FixTestVenue: matching engine, static clock, two API keys).
import { FeedHub } from '../../../../src/gateway/feed/feed-hub.js';
import { GatewayApp } from '../../../../src/gateway/gateway-app.js';
import { OrdersWsClient, type OrdersWsCredentials } from '../../../../src/gateway/orders-ws/orders-ws-client.js';
import type { OrdersRouteOptions } from '../../../../src/gateway/orders-ws/orders-ws-options.js';
import type { OrderSpec } from '../../../../src/gateway/orders/order-entry-handler.js';
import { FixTestVenue } from '../fix/fix-test-venue.js';

export { COUNTERPARTY, TRADER } from '../fix/fix-test-venue.js';

export class OrdersWsTestVenue {
  private readonly clients: OrdersWsClient[] = [];

  private constructor(
    readonly venue: FixTestVenue,
    readonly gateway: GatewayApp,
  ) {}

  /** The FIX venue (its acceptor runs too, on its own port) and a gateway whose /v1/orders uses the same handler and keys. */
  static async start(orders: Partial<OrdersRouteOptions> = {}): Promise<OrdersWsTestVenue> {
    const venue = await FixTestVenue.start();
    const gateway = await GatewayApp.start({
      hub: new FeedHub(),
      orders: { handler: venue.handler, credentials: (apiKey) => venue.credentials.get(apiKey), ...orders },
    });
    return new OrdersWsTestVenue(venue, gateway);
  }

  get url(): string {
    return this.gateway.ordersUrl;
  }

  get trader(): OrdersWsCredentials {
    return this.venue.traderKey;
  }

  get exchange(): FixTestVenue['exchange'] {
    return this.venue.exchange;
  }

  /** A logged-on client of the trader's key. */
  async client(credentials: OrdersWsCredentials = this.trader): Promise<OrdersWsClient> {
    const client = await OrdersWsClient.connect(this.url, credentials);
    this.clients.push(client);
    return client;
  }

  /** An open connection that has not logged on. */
  async open(): Promise<OrdersWsClient> {
    const client = await OrdersWsClient.open(this.url);
    this.clients.push(client);
    return client;
  }

  /** A GTC limit order of BTC-USDT. */
  limit(clientOrderId: string, side: 'buy' | 'sell', quantity: string, price: string): OrderSpec {
    return { clientOrderId, symbol: 'BTC-USDT', side, type: 'limit', timeInForce: 'GTC', postOnly: false, quantity, price };
  }

  async close(): Promise<void> {
    for (const client of this.clients) client.terminate();
    await this.gateway.close();
    await this.venue.close();
  }
}
