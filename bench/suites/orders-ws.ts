// `orders-ws` suite: NewOrder → ExecutionReport (New) round trip through /v1/orders (FlatBuffers over WebSocket on 127.0.0.1), simulator-backed handler.
import { FeedHub } from '../../src/gateway/feed/feed-hub.js';
import { GatewayApp } from '../../src/gateway/gateway-app.js';
import type { BenchSuite, Metrics } from '../harness.js';
import { createBenchOrderVenue, roundTripMetrics, runClientThread } from './order-entry-bench-venue.js';
import type { OrdersWsClientWorkerOptions } from './orders-ws-client-worker.js';

/*
 * As the `fix` suite: the client runs on a worker thread with its own event loop and socket, one
 * order in flight; the time from sending the NewOrder to decoding its ExecutionReport New covers
 * the client's encode, loopback TCP + WebSocket framing both ways, the gateway's decode and
 * checks, the handler placing the order in the simulator's matching engine, and the report's
 * encoding with the generated builder. Each order is cancelled before the next (untimed).
 */

const WARMUP = 2_000;
const COUNT = 20_000;

export const ordersWsSuite: BenchSuite = {
  name: 'orders-ws',
  description: `/v1/orders: NewOrder → ExecutionReport(New) over WebSocket on 127.0.0.1, ${COUNT} sequential orders after ${WARMUP} warm-up (µs)`,
  async run(log: (line: string) => void): Promise<Metrics> {
    const venue = createBenchOrderVenue();
    const gateway = await GatewayApp.start({ hub: new FeedHub(), orders: { handler: venue.handler, credentials: venue.credentials } });
    try {
      const options: OrdersWsClientWorkerOptions = {
        url: gateway.ordersUrl,
        apiKey: venue.apiKey,
        secret: venue.secret,
        symbol: 'BTC-USDT',
        price: venue.restingBuyPrice,
        quantity: '0.001',
        warmup: WARMUP,
        count: COUNT,
      };
      const sorted = await runClientThread(import.meta.url, './orders-ws-client-worker', options);
      const stats = gateway.orders!.stats();
      log(`${sorted.length} round trips; min ${sorted[0]!.toFixed(1)} µs, max ${sorted.at(-1)!.toFixed(1)} µs; rejects ${stats.rejects}, errors ${stats.internalErrors}`);
      return roundTripMetrics('order_ws_to_ack', sorted);
    } finally {
      await gateway.close();
      venue.handler.close();
    }
  },
};
