// Test harness: a Coinbase simulator (SimExchange + Coinbase dialect + SimServer) and the engine's own Coinbase adapter running against it.
import type { MarketDataEngine, VenueActorStats } from '../../../../src/actors/market-data-engine.js';
import { createCoinbaseDialect } from '../../../../src/sim/dialects/coinbase/create-coinbase-dialect.js';
import { createSimExchange } from '../../../../src/sim/exchange/sim-exchange.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import type { SimRateLimitRule } from '../../../../src/sim/server/sim-dialect.js';
import { serveSimulator, simEngineHarness, type EngineBook, type ServedSimulator } from '../../../helpers/sim-engine-harness.js';

export { sleep, waitFor } from '../../../helpers/sim-engine-harness.js';

/** Coinbase product ids are also the canonical symbols. */
export const PRODUCTS = ['BTC-USD', 'ETH-USD'] as const;

export type CoinbaseSimulator = ServedSimulator;

/** Books are keyed by product id. */
const harness = simEngineHarness('coinbase', 'native');

export async function startCoinbaseSimulator(
  options: { seed?: number; faults?: SimFaultConfig; rateLimits?: Readonly<Record<string, Partial<SimRateLimitRule>>> } = {},
): Promise<CoinbaseSimulator> {
  const seed = options.seed ?? 11;
  const exchange = createSimExchange({ venue: 'coinbase', seed });
  const dialect = createCoinbaseDialect(exchange, options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits });
  return serveSimulator(exchange, dialect, { seed, faults: options.faults });
}

export async function startEngine(simulator: CoinbaseSimulator): Promise<MarketDataEngine> {
  return harness.startEngine(simulator.server, PRODUCTS);
}

export const coinbaseStats = (engine: MarketDataEngine): Promise<VenueActorStats> => harness.stats(engine);
export const simulatorTop = harness.simulatorTop;

/** Every product's book is synced in the engine. */
export const waitForSyncedBooks = (engine: MarketDataEngine): Promise<Map<string, EngineBook>> => harness.waitForSyncedBooks(engine, PRODUCTS);

/** Stops the exchange clock and waits until the engine's books equal the simulator's (top 10 a side, every product). */
export const expectBooksEqualAfterStop = (simulator: CoinbaseSimulator, engine: MarketDataEngine): Promise<Map<string, EngineBook>> =>
  harness.expectBooksEqualAfterStop(simulator.exchange, engine, PRODUCTS);
