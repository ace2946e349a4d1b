// `fix` suite: NewOrderSingle → ExecutionReport (New) round trip through the FIX acceptor over TCP on 127.0.0.1, simulator-backed handler.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { siblingModuleUrl, startModuleWorker } from '../../src/actors/module-worker.js';
import { startFixAcceptor } from '../../src/gateway/fix/fix-acceptor.js';
import { createSimOrderEntryHandler } from '../../src/gateway/orders/sim-order-entry-handler.js';
import { createSimExchange } from '../../src/sim/exchange/sim-exchange.js';
import { priceText } from '../../src/sim/market/sim-instrument.js';
import { metric, type BenchSuite, type Metrics } from '../harness.js';
import type { FixClientWorkerOptions, FixClientWorkerResult } from './fix-client-worker.js';

/*
 * The client runs on a worker thread with its own event loop and socket, like a separate
 * process would (a client on the acceptor's loop would share its turns). One order in flight:
 * the time from writing the NewOrderSingle to parsing the ExecutionReport New, which covers the
 * client's encode, loopback TCP both ways, the acceptor's framing, parsing, session checks,
 * sequence store write, the handler placing the order in the simulator's matching engine, the
 * report's encoding, store append and write. Each order is cancelled before the next (untimed)
 * so the book does not grow. Store fsync: never (the default).
 */

const WARMUP = 2_000;
const COUNT = 20_000;

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

export const fixSuite: BenchSuite = {
  name: 'fix',
  description: `FIX 4.4 acceptor: NewOrderSingle → ExecutionReport(New) over TCP on 127.0.0.1, ${COUNT} sequential orders after ${WARMUP} warm-up (µs)`,
  async run(log: (line: string) => void): Promise<Metrics> {
    const directory = mkdtempSync(join(tmpdir(), 'zvt-bench-fix-'));
    const account = { accountId: 'bench', apiKey: 'bench-key', secret: 'bench-secret', passphrase: null, balances: { USDT: '100000000', BTC: '100' } };
    const exchange = createSimExchange({ venue: 'binance', seed: 5, startMs: Date.UTC(2025, 0, 2, 12), accounts: [account] });
    const handler = createSimOrderEntryHandler({ exchange });
    const acceptor = await startFixAcceptor({
      handler,
      credentials: (apiKey) => (apiKey === account.apiKey ? { apiKey, secret: account.secret, accountId: account.accountId } : undefined),
      storeDirectory: join(directory, 'store'),
    });
    try {
      const bid = exchange.snapshot('BTCUSDT', 1).bids[0]!.priceTicks;
      const options: FixClientWorkerOptions = {
        port: acceptor.port,
        apiKey: account.apiKey,
        secret: account.secret,
        symbol: 'BTC-USDT',
        price: priceText(exchange.listing('BTCUSDT')!.instrument, Math.floor(bid * 0.9)),
        quantity: '0.001',
        warmup: WARMUP,
        count: COUNT,
      };
      const worker = startModuleWorker(siblingModuleUrl(import.meta.url, './fix-client-worker'), { workerData: options });
      const result = await new Promise<FixClientWorkerResult>((resolve, reject) => {
        worker.once('message', (message: FixClientWorkerResult) => resolve(message));
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`FIX bench client exited with ${code}`)));
      });
      await worker.terminate();
      const sorted = [...result.samplesUs].sort((left, right) => left - right);
      const stats = acceptor.stats();
      log(`${sorted.length} round trips; min ${sorted[0]!.toFixed(1)} µs, max ${sorted.at(-1)!.toFixed(1)} µs; rejects ${stats.rejectsSent}, errors ${stats.internalErrors}`);
      return {
        fix_order_to_ack_p50_us: metric(Math.round(percentile(sorted, 0.5) * 10) / 10, 'µs', 'lower'),
        fix_order_to_ack_p99_us: metric(Math.round(percentile(sorted, 0.99) * 10) / 10, 'µs', 'lower'),
      };
    } finally {
      await acceptor.close();
      handler.close();
      rmSync(directory, { recursive: true, force: true });
    }
  },
};
