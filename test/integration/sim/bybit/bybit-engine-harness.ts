// Test harness: a Bybit simulator (SimExchange + Bybit dialect + SimServer) and the engine's own Bybit adapter running against it.
import type { MarketDataEngine, VenueActorStats } from '../../../../src/actors/market-data-engine.js';
import { createBybitDialect, type BybitDialect } from '../../../../src/sim/dialects/bybit/create-bybit-dialect.js';
import type { SimListing } from '../../../../src/sim/exchange/sim-exchange-contract.js';
import { createSimExchange } from '../../../../src/sim/exchange/sim-exchange.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import type { SimRateLimitRule } from '../../../../src/sim/server/sim-dialect.js';
import { serveSimulator, simEngineHarness, type EngineBook, type ServedSimulator } from '../../../helpers/sim-engine-harness.js';

export { sleep, waitFor, type EngineBook, type TopBook } from '../../../helpers/sim-engine-harness.js';

/** The default Bybit listings by canonical symbol: spot BTCUSDT, ETHUSDT and the linear BTCUSDT perpetual. */
export const CANONICALS = ['BTC-USDT', 'ETH-USDT', 'BTC-USDT-PERP'] as const;

export interface BybitSimulator extends ServedSimulator {
  readonly dialect: BybitDialect;
}

/** Spot and linear BTCUSDT share a native symbol, so books are keyed by canonical symbol (engine ids are bybit:<canonical>). */
const harness = simEngineHarness('bybit', 'canonical');

export async function startBybitSimulator(
  options: {
    seed?: number;
    faults?: SimFaultConfig;
    rateLimits?: Readonly<Record<string, Partial<SimRateLimitRule>>>;
    /** false: the exchange clock stays still (nothing moves unless a test steps it). */
    start?: boolean;
    listings?: readonly SimListing[];
  } = {},
): Promise<BybitSimulator> {
  const seed = options.seed ?? 17;
  const exchange = createSimExchange({ venue: 'bybit', seed, ...(options.listings === undefined ? {} : { listings: options.listings }) });
  const dialect = createBybitDialect(exchange, options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits });
  const served = await serveSimulator(exchange, dialect, { seed, faults: options.faults, ...(options.start === undefined ? {} : { start: options.start }) });
  return { exchange, server: served.server, dialect, close: () => served.close() };
}

export async function startEngine(simulator: BybitSimulator, canonicals: readonly string[] = CANONICALS): Promise<MarketDataEngine> {
  return harness.startEngine(simulator.server, canonicals);
}

export const bybitStats = (engine: MarketDataEngine): Promise<VenueActorStats> => harness.stats(engine);
/** The engine's Bybit books by canonical symbol. */
export const engineBooks = harness.engineBooks;
/** The simulator's own top 10 levels a side of a canonical instrument. */
export const simulatorTop = harness.simulatorTop;

/** Every book is synced in the engine with ten levels a side. */
export const waitForSyncedBooks = (engine: MarketDataEngine, canonicals: readonly string[] = CANONICALS): Promise<Map<string, EngineBook>> => harness.waitForSyncedBooks(engine, canonicals);

/** Stops the exchange clock and waits until the engine's books equal the simulator's (top 10 a side, every instrument). */
export const expectBooksEqualAfterStop = (simulator: BybitSimulator, engine: MarketDataEngine, canonicals: readonly string[] = CANONICALS): Promise<Map<string, EngineBook>> =>
  harness.expectBooksEqualAfterStop(simulator.exchange, engine, canonicals);
