// Test harness: a Binance simulator (SimExchange + Binance dialect + SimServer), the engine's own Binance adapter against it, and book comparisons.
import { expect } from 'vitest';
import type { InstrumentActorReport } from '../../../../src/actors/instrument-actor.js';
import { MarketDataEngine, type VenueActorStats } from '../../../../src/actors/market-data-engine.js';
import { createLogger } from '../../../../src/config/logger.js';
import { BookState } from '../../../../src/hotpath/book/book-engine.js';
import type { SimDialectOptions } from '../../../../src/sim/dialects.js';
import { createBinanceDialect } from '../../../../src/sim/dialects/binance/create-binance-dialect.js';
import type { SimExchange } from '../../../../src/sim/exchange/sim-exchange-contract.js';
import { createSimExchange } from '../../../../src/sim/exchange/sim-exchange.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import { priceText, sizeText } from '../../../../src/sim/market/sim-instrument.js';
import { SimServer } from '../../../../src/sim/server/sim-server.js';
import { testConfig } from '../../../helpers/test-config.js';

const config = testConfig({ log: { level: 'error' } });
const logger = createLogger(config, { component: 'test' });

/** The default Binance listings: native symbol → canonical. */
export const SYMBOLS: Readonly<Record<string, string>> = { BTCUSDT: 'BTC-USDT', ETHUSDT: 'ETH-USDT', SOLUSDT: 'SOL-USDT' };

export interface BinanceSimulator {
  readonly exchange: SimExchange;
  readonly server: SimServer;
  close(): Promise<void>;
}

export async function startBinanceSimulator(
  options: { seed?: number; faults?: SimFaultConfig; dialect?: SimDialectOptions; running?: boolean; startMs?: number } = {},
): Promise<BinanceSimulator> {
  const seed = options.seed ?? 5;
  const exchange = createSimExchange({ venue: 'binance', seed, ...(options.startMs === undefined ? {} : { startMs: options.startMs }) });
  const server = await SimServer.start(createBinanceDialect(exchange, options.dialect ?? {}), { faults: options.faults, seed, log: () => {} });
  if (options.running !== false) exchange.start();
  return {
    exchange,
    server,
    async close() {
      exchange.stop();
      await server.close();
    },
  };
}

export async function startEngine(simulator: BinanceSimulator, natives: readonly string[] = Object.keys(SYMBOLS)): Promise<MarketDataEngine> {
  return MarketDataEngine.start({
    endpoints: [{ venue: 'binance', restBaseUrl: simulator.server.restUrl, wsBaseUrl: simulator.server.wsUrl, canonicals: natives.map((native) => SYMBOLS[native]!) }],
    config,
    logger,
    replay: false,
  });
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export async function binanceStats(engine: MarketDataEngine): Promise<VenueActorStats> {
  const stats = await engine.venueStats();
  return stats.find((entry) => entry.venue === 'binance')!;
}

/** Waits until `check` holds (polling), or fails with what it last saw. */
export async function waitFor<T>(what: string, read: () => Promise<T> | T, check: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? String(inner) : inner)).slice(0, 2000)}`);
    await sleep(50);
  }
}

type Levels = [string, string][];

/** The simulator's own top 10 levels a side, as the engine reports books (canonical decimal text). */
export function simulatorTop(exchange: SimExchange, native: string): { bids: Levels; asks: Levels } {
  const instrument = exchange.listing(native)!.instrument;
  const snapshot = exchange.snapshot(native, 10);
  const text = (levels: typeof snapshot.bids): Levels => levels.map((level) => [priceText(instrument, level.priceTicks), sizeText(instrument, level.sizeLots)]);
  return { bids: text(snapshot.bids), asks: text(snapshot.asks) };
}

export function engineBooks(reports: InstrumentActorReport[]): Map<string, { state: number; gaps: number; bids: Levels; asks: Levels }> {
  const books = new Map<string, { state: number; gaps: number; bids: Levels; asks: Levels }>();
  for (const report of reports) for (const book of report.books) if (book.id.startsWith('binance:')) books.set(book.native, { state: book.state, gaps: book.gaps, bids: book.bids, asks: book.asks });
  return books;
}

/** Every listed book is synced in the engine with 10 levels a side. */
export async function waitForSyncedBooks(engine: MarketDataEngine, natives: readonly string[] = Object.keys(SYMBOLS)): Promise<void> {
  await waitFor(
    'synced books',
    async () => engineBooks(await engine.instrumentReports()),
    (books) => natives.every((native) => books.get(native)?.state === BookState.SYNCED && books.get(native)!.bids.length === 10),
  );
}

/**
 * Stops the exchange clock and waits until the engine's books equal the simulator's (top 10 a
 * side): nothing changes after the stop, the last depth batch leaves within 100 ms, the books settle.
 */
export async function expectBooksEqualAfterStop(simulator: BinanceSimulator, engine: MarketDataEngine, natives: readonly string[] = Object.keys(SYMBOLS)): Promise<void> {
  simulator.exchange.stop();
  const expected = new Map(natives.map((native) => [native, simulatorTop(simulator.exchange, native)]));
  for (const native of natives) expect(expected.get(native)!.bids.length, native).toBe(10);
  const books = await waitFor(
    'engine books equal to the simulator',
    async () => engineBooks(await engine.instrumentReports()),
    (seen) => natives.every((native) => JSON.stringify({ bids: seen.get(native)?.bids, asks: seen.get(native)?.asks }) === JSON.stringify(expected.get(native))),
  );
  for (const native of natives) {
    expect(books.get(native)?.state, native).toBe(BookState.SYNCED);
    expect({ bids: books.get(native)?.bids, asks: books.get(native)?.asks }, native).toEqual(expected.get(native));
  }
}
