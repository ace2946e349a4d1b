// `orders-ws` suite: NewOrder → ExecutionReport (New) round trip through /v1/orders (FlatBuffers over WebSocket on 127.0.0.1), simulator-backed handler.
import { siblingModuleUrl, startModuleWorker } from '../../src/actors/module-worker.js';
import { FeedHub } from '../../src/gateway/feed/feed-hub.js';
import { GatewayApp } from '../../src/gateway/gateway-app.js';
import { createSimOrderEntryHandler } from '../../src/gateway/orders/sim-order-entry-handler.js';
import { createSimExchange } from '../../src/sim/exchange/sim-exchange.js';
import { priceText } from '../../src/sim/market/sim-instrument.js';
import { metric, type BenchSuite, type Metrics } from '../harness.js';
import type { OrdersWsClientWorkerOptions, OrdersWsClientWorkerResult } from './orders-ws-client-worker.js';

/*
 * As the `fix` suite: the client runs on a worker thread with its own event loop and socket, one
 * order in flight; the time from sending the NewOrder to decoding its ExecutionReport New covers
 * the client's encode, loopback TCP + WebSocket framing both ways, the gateway's decode and
 * checks, the handler placing the order in the simulator's matching engine, and the report's
 * encoding with the generated builder. Each order is cancelled before the next (untimed).
 */

const WARMUP = 2_000;
const COUNT = 20_000;

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

export const ordersWsSuite: BenchSuite = {
  name: 'orders-ws',
  description: `/v1/orders: NewOrder → ExecutionReport(New) over WebSocket on 127.0.0.1, ${COUNT} sequential orders after ${WARMUP} warm-up (µs)`,
  async run(log: (line: string) => void): Promise<Metrics> {
    const account = { accountId: 'bench', apiKey: 'bench-key', secret: 'bench-secret', passphrase: null, balances: { USDT: '100000000', BTC: '100' } };
    const exchange = createSimExchange({ venue: 'binance', seed: 5, startMs: Date.UTC(2025, 0, 2, 12), accounts: [account] });
    const handler = createSimOrderEntryHandler({ exchange });
    const gateway = await GatewayApp.start({
      hub: new FeedHub(),
      orders: { handler, credentials: (apiKey) => (apiKey === account.apiKey ? { apiKey, secret: account.secret, accountId: account.accountId } : undefined) },
    });
    try {
      const bid = exchange.snapshot('BTCUSDT', 1).bids[0]!.priceTicks;
      const options: OrdersWsClientWorkerOptions = {
        url: gateway.ordersUrl,
        apiKey: account.apiKey,
        secret: account.secret,
        symbol: 'BTC-USDT',
        price: priceText(exchange.listing('BTCUSDT')!.instrument, Math.floor(bid * 0.9)),
        quantity: '0.001',
        warmup: WARMUP,
        count: COUNT,
      };
      const worker = startModuleWorker(siblingModuleUrl(import.meta.url, './orders-ws-client-worker'), { workerData: options });
      const result = await new Promise<OrdersWsClientWorkerResult>((resolve, reject) => {
        worker.once('message', (message: OrdersWsClientWorkerResult) => resolve(message));
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`orders-ws bench client exited with ${code}`)));
      });
      await worker.terminate();
      const sorted = [...result.samplesUs].sort((left, right) => left - right);
      const stats = gateway.orders!.stats();
      log(`${sorted.length} round trips; min ${sorted[0]!.toFixed(1)} µs, max ${sorted.at(-1)!.toFixed(1)} µs; rejects ${stats.rejects}, errors ${stats.internalErrors}`);
      return {
        order_ws_to_ack_p50_us: metric(Math.round(percentile(sorted, 0.5) * 10) / 10, 'µs', 'lower'),
        order_ws_to_ack_p99_us: metric(Math.round(percentile(sorted, 0.99) * 10) / 10, 'µs', 'lower'),
      };
    } finally {
      await gateway.close();
      handler.close();
    }
  },
};
