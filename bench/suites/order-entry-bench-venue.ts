// What the order-entry benches (fix, orders-ws) and the loopback floor share: the simulated venue with one funded account, the client thread, sorted round-trip samples.
import { siblingModuleUrl, startModuleWorker } from '../../src/actors/module-worker.js';
import type { FixCredential } from '../../src/gateway/fix/fix-logon-signature.js';
import { createSimOrderEntryHandler } from '../../src/gateway/orders/sim-order-entry-handler.js';
import type { SimExchange } from '../../src/sim/exchange/sim-exchange-contract.js';
import { createSimExchange } from '../../src/sim/exchange/sim-exchange.js';
import { priceText } from '../../src/sim/market/sim-instrument.js';
import { metric, type Metrics } from '../harness.js';

const ACCOUNT = { accountId: 'bench', apiKey: 'bench-key', secret: 'bench-secret', passphrase: null, balances: { USDT: '100000000', BTC: '100' } };

export interface BenchOrderVenue {
  readonly exchange: SimExchange;
  readonly handler: ReturnType<typeof createSimOrderEntryHandler>;
  readonly apiKey: string;
  readonly secret: string;
  readonly credentials: (apiKey: string) => FixCredential | undefined;
  /** A limit buy price 10 % under the bid: it rests, so every order is acknowledged New and nothing fills. */
  readonly restingBuyPrice: string;
}

/** The simulated binance (fixed seed and start time) with one funded account, behind a simulator-backed order handler. */
export function createBenchOrderVenue(): BenchOrderVenue {
  const exchange = createSimExchange({ venue: 'binance', seed: 5, startMs: Date.UTC(2025, 0, 2, 12), accounts: [ACCOUNT] });
  const handler = createSimOrderEntryHandler({ exchange });
  const bid = exchange.snapshot('BTCUSDT', 1).bids[0]!.priceTicks;
  return {
    exchange,
    handler,
    apiKey: ACCOUNT.apiKey,
    secret: ACCOUNT.secret,
    credentials: (apiKey) => (apiKey === ACCOUNT.apiKey ? { apiKey, secret: ACCOUNT.secret, accountId: ACCOUNT.accountId } : undefined),
    restingBuyPrice: priceText(exchange.listing('BTCUSDT')!.instrument, Math.floor(bid * 0.9)),
  };
}

/**
 * Runs a bench client on its own thread (its own event loop and socket, as a separate process would
 * have) until it posts `{ samplesUs }`; returns the samples sorted ascending.
 */
export async function runClientThread(suiteUrl: string, module: string, workerData: unknown): Promise<number[]> {
  const worker = startModuleWorker(siblingModuleUrl(suiteUrl, module), { workerData });
  try {
    const result = await new Promise<{ samplesUs: number[] }>((resolve, reject) => {
      worker.once('message', (message: { samplesUs: number[] }) => resolve(message));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`bench client ${module} exited with ${code}`)));
    });
    return [...result.samplesUs].sort((left, right) => left - right);
  } finally {
    await worker.terminate();
  }
}

export function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

/** `<name>_p50_us` and `<name>_p99_us` of sorted round trips, to 0.1 µs. */
export function roundTripMetrics(name: string, sorted: readonly number[]): Metrics {
  return {
    [`${name}_p50_us`]: metric(Math.round(percentile(sorted, 0.5) * 10) / 10, 'µs', 'lower'),
    [`${name}_p99_us`]: metric(Math.round(percentile(sorted, 0.99) * 10) / 10, 'µs', 'lower'),
  };
}
