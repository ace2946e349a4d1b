// Test harness: a Binance simulator (SimExchange + Binance dialect + SimServer), the engine's own Binance adapter against it, and book comparisons.
import type { MarketDataEngine, VenueActorStats } from '../../../../src/actors/market-data-engine.js';
import type { SimDialectOptions } from '../../../../src/sim/dialects.js';
import { createBinanceDialect } from '../../../../src/sim/dialects/binance/create-binance-dialect.js';
import { createSimExchange } from '../../../../src/sim/exchange/sim-exchange.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import { serveSimulator, simEngineHarness, waitFor as pollUntil, type EngineBook, type ServedSimulator } from '../../../helpers/sim-engine-harness.js';

export { sleep } from '../../../helpers/sim-engine-harness.js';

/** The default Binance listings: native symbol → canonical. */
export const SYMBOLS: Readonly<Record<string, string>> = { BTCUSDT: 'BTC-USDT', ETHUSDT: 'ETH-USDT', SOLUSDT: 'SOL-USDT' };

/** Binance tests poll every 50 ms: the diff stream's batches leave every 100 ms. */
const POLL_MS = 50;

export type BinanceSimulator = ServedSimulator;

/** Books are keyed by native symbol. */
const harness = simEngineHarness('binance', 'native', POLL_MS);

export async function startBinanceSimulator(
  options: { seed?: number; faults?: SimFaultConfig; dialect?: SimDialectOptions; running?: boolean; startMs?: number } = {},
): Promise<BinanceSimulator> {
  const seed = options.seed ?? 5;
  const exchange = createSimExchange({ venue: 'binance', seed, ...(options.startMs === undefined ? {} : { startMs: options.startMs }) });
  return serveSimulator(exchange, createBinanceDialect(exchange, options.dialect ?? {}), { seed, faults: options.faults, ...(options.running === undefined ? {} : { start: options.running }) });
}

export async function startEngine(simulator: BinanceSimulator, natives: readonly string[] = Object.keys(SYMBOLS)): Promise<MarketDataEngine> {
  return harness.startEngine(
    simulator.server,
    natives.map((native) => SYMBOLS[native]!),
  );
}

export const binanceStats = (engine: MarketDataEngine): Promise<VenueActorStats> => harness.stats(engine);

/** Waits until `check` holds (polling every 50 ms), or fails with what it last saw. */
export async function waitFor<T>(what: string, read: () => Promise<T> | T, check: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  return pollUntil(what, read, check, timeoutMs, POLL_MS);
}

export const simulatorTop = harness.simulatorTop;
export const engineBooks = harness.engineBooks;

/** Every listed book is synced in the engine with 10 levels a side. */
export const waitForSyncedBooks = (engine: MarketDataEngine, natives: readonly string[] = Object.keys(SYMBOLS)): Promise<Map<string, EngineBook>> => harness.waitForSyncedBooks(engine, natives);

/**
 * Stops the exchange clock and waits until the engine's books equal the simulator's (top 10 a
 * side): nothing changes after the stop, the last depth batch leaves within 100 ms, the books settle.
 */
export const expectBooksEqualAfterStop = (simulator: BinanceSimulator, engine: MarketDataEngine, natives: readonly string[] = Object.keys(SYMBOLS)): Promise<Map<string, EngineBook>> =>
  harness.expectBooksEqualAfterStop(simulator.exchange, engine, natives);
