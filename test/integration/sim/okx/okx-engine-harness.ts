// Test harness: an OKX simulator (SimExchange + OKX dialect + SimServer) and the engine's own OKX adapter running against it.
import type { MarketDataEngine, VenueActorStats } from '../../../../src/actors/market-data-engine.js';
import { createOkxDialect } from '../../../../src/sim/dialects/okx/create-okx-dialect.js';
import { createSimExchange } from '../../../../src/sim/exchange/sim-exchange.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import { serveSimulator, simEngineHarness, type EngineBook, type ServedSimulator } from '../../../helpers/sim-engine-harness.js';

export { sleep, waitFor, type EngineBook } from '../../../helpers/sim-engine-harness.js';

/** The OKX listings (instIds) of the simulator's default catalogue. */
export const INST_IDS = ['BTC-USDT', 'ETH-USDT', 'BTC-USDT-SWAP'] as const;

export type OkxSimulator = ServedSimulator;

/** Books are keyed by instId. */
const harness = simEngineHarness('okx', 'native');

export async function startOkxSimulator(options: { seed?: number; faults?: SimFaultConfig } = {}): Promise<OkxSimulator> {
  const seed = options.seed ?? 21;
  const exchange = createSimExchange({ venue: 'okx', seed });
  return serveSimulator(exchange, createOkxDialect(exchange, {}), { seed, faults: options.faults });
}

/** The engine's OKX adapter for these listings (all three by default). */
export async function startEngine(simulator: OkxSimulator, instIds: readonly string[] = INST_IDS): Promise<MarketDataEngine> {
  return harness.startEngine(
    simulator.server,
    instIds.map((instId) => simulator.exchange.listing(instId)!.instrument.canonical),
  );
}

export const okxStats = (engine: MarketDataEngine): Promise<VenueActorStats> => harness.stats(engine);
export const engineBooks = harness.engineBooks;
export const simulatorTop = harness.simulatorTop;

/** Every listing's book is synced in the engine. */
export const waitForSyncedBooks = (engine: MarketDataEngine, instIds: readonly string[] = INST_IDS): Promise<Map<string, EngineBook>> => harness.waitForSyncedBooks(engine, instIds);

/** Stops the exchange clock and waits until the engine's books equal the simulator's (top 10 a side, every listing). */
export const expectBooksEqualAfterStop = (simulator: OkxSimulator, engine: MarketDataEngine, instIds: readonly string[] = INST_IDS): Promise<Map<string, EngineBook>> =>
  harness.expectBooksEqualAfterStop(simulator.exchange, engine, instIds);
