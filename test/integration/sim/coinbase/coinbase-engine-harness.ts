// Test harness: a Coinbase simulator (SimExchange + Coinbase dialect + SimServer) and the engine's own Coinbase adapter running against it.
import { expect } from 'vitest';
import { MarketDataEngine, type VenueActorStats } from '../../../../src/actors/market-data-engine.js';
import type { InstrumentActorReport } from '../../../../src/actors/instrument-actor.js';
import { createLogger } from '../../../../src/config/logger.js';
import { BookState } from '../../../../src/hotpath/book/book-engine.js';
import { createCoinbaseDialect } from '../../../../src/sim/dialects/coinbase/create-coinbase-dialect.js';
import type { SimExchange } from '../../../../src/sim/exchange/sim-exchange-contract.js';
import { createSimExchange } from '../../../../src/sim/exchange/sim-exchange.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import { priceText, sizeText } from '../../../../src/sim/market/sim-instrument.js';
import type { SimRateLimitRule } from '../../../../src/sim/server/sim-dialect.js';
import { SimServer } from '../../../../src/sim/server/sim-server.js';
import { testConfig } from '../../../helpers/test-config.js';

const config = testConfig({ log: { level: 'error' } });
const logger = createLogger(config, { component: 'test' });

export const PRODUCTS = ['BTC-USD', 'ETH-USD'] as const;

export interface CoinbaseSimulator {
  readonly exchange: SimExchange;
  readonly server: SimServer;
  close(): Promise<void>;
}

export async function startCoinbaseSimulator(
  options: { seed?: number; faults?: SimFaultConfig; rateLimits?: Readonly<Record<string, Partial<SimRateLimitRule>>> } = {},
): Promise<CoinbaseSimulator> {
  const exchange = createSimExchange({ venue: 'coinbase', seed: options.seed ?? 11 });
  const dialect = createCoinbaseDialect(exchange, options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits });
  const server = await SimServer.start(dialect, { faults: options.faults, seed: options.seed ?? 11, log: () => {} });
  exchange.start();
  return {
    exchange,
    server,
    async close() {
      exchange.stop();
      await server.close();
    },
  };
}

export async function startEngine(simulator: CoinbaseSimulator): Promise<MarketDataEngine> {
  return MarketDataEngine.start({
    endpoints: [{ venue: 'coinbase', restBaseUrl: simulator.server.restUrl, wsBaseUrl: simulator.server.wsUrl, canonicals: [...PRODUCTS] }],
    config,
    logger,
    replay: false,
  });
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export async function coinbaseStats(engine: MarketDataEngine): Promise<VenueActorStats> {
  const stats = await engine.venueStats();
  return stats.find((entry) => entry.venue === 'coinbase')!;
}

/** Waits until `check` holds (polling), or fails with what it last saw. */
export async function waitFor<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 2000)}`);
    await sleep(100);
  }
}

/** The simulator's own top 10 levels a side, as the engine reports books (canonical decimal text). */
export function simulatorTop(exchange: SimExchange, native: string): { bids: [string, string][]; asks: [string, string][] } {
  const instrument = exchange.listing(native)!.instrument;
  const snapshot = exchange.snapshot(native, 10);
  const text = (levels: typeof snapshot.bids): [string, string][] => levels.map((level) => [priceText(instrument, level.priceTicks), sizeText(instrument, level.sizeLots)]);
  return { bids: text(snapshot.bids), asks: text(snapshot.asks) };
}

function engineBooks(reports: InstrumentActorReport[]): Map<string, { state: number; bids: [string, string][]; asks: [string, string][] }> {
  const books = new Map<string, { state: number; bids: [string, string][]; asks: [string, string][] }>();
  for (const report of reports) for (const book of report.books) if (book.id.startsWith('coinbase:')) books.set(book.native, { state: book.state, bids: book.bids, asks: book.asks });
  return books;
}

/** Every product's book is synced in the engine. */
export async function waitForSyncedBooks(engine: MarketDataEngine): Promise<void> {
  await waitFor(
    'synced books',
    async () => engineBooks(await engine.instrumentReports()),
    (books) => PRODUCTS.every((native) => books.get(native)?.state === BookState.SYNCED && books.get(native)!.bids.length === 10),
  );
}

/**
 * Stops the exchange clock and waits until the engine's books equal the simulator's (top 10 a
 * side, every product): nothing changes after the stop, so the last frames drain and the books settle.
 */
export async function expectBooksEqualAfterStop(simulator: CoinbaseSimulator, engine: MarketDataEngine): Promise<void> {
  simulator.exchange.stop();
  const expected = new Map(PRODUCTS.map((native) => [native, simulatorTop(simulator.exchange, native)]));
  for (const native of PRODUCTS) expect(expected.get(native)!.bids.length, native).toBe(10);
  const books = await waitFor(
    'engine books equal to the simulator',
    async () => engineBooks(await engine.instrumentReports()),
    (seen) => PRODUCTS.every((native) => JSON.stringify({ bids: seen.get(native)?.bids, asks: seen.get(native)?.asks }) === JSON.stringify(expected.get(native))),
  );
  for (const native of PRODUCTS) {
    expect(books.get(native)?.state, native).toBe(BookState.SYNCED);
    expect({ bids: books.get(native)?.bids, asks: books.get(native)?.asks }, native).toEqual(expected.get(native));
  }
}
