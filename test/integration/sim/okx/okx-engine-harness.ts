// Test harness: an OKX simulator (SimExchange + OKX dialect + SimServer) and the engine's own OKX adapter running against it.
import { expect } from 'vitest';
import { MarketDataEngine, type VenueActorStats } from '../../../../src/actors/market-data-engine.js';
import type { InstrumentActorReport } from '../../../../src/actors/instrument-actor.js';
import { createLogger } from '../../../../src/config/logger.js';
import { BookState } from '../../../../src/hotpath/book/book-engine.js';
import { createOkxDialect } from '../../../../src/sim/dialects/okx/create-okx-dialect.js';
import type { SimExchange } from '../../../../src/sim/exchange/sim-exchange-contract.js';
import { createSimExchange } from '../../../../src/sim/exchange/sim-exchange.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import { priceText, sizeText } from '../../../../src/sim/market/sim-instrument.js';
import { SimServer } from '../../../../src/sim/server/sim-server.js';
import { testConfig } from '../../../helpers/test-config.js';

const config = testConfig({ log: { level: 'error' } });
const logger = createLogger(config, { component: 'test' });

/** The OKX listings (instIds) of the simulator's default catalogue. */
export const INST_IDS = ['BTC-USDT', 'ETH-USDT', 'BTC-USDT-SWAP'] as const;

export interface OkxSimulator {
  readonly exchange: SimExchange;
  readonly server: SimServer;
  close(): Promise<void>;
}

export async function startOkxSimulator(options: { seed?: number; faults?: SimFaultConfig } = {}): Promise<OkxSimulator> {
  const seed = options.seed ?? 21;
  const exchange = createSimExchange({ venue: 'okx', seed });
  const server = await SimServer.start(createOkxDialect(exchange, {}), { faults: options.faults, seed, log: () => {} });
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

/** The engine's OKX adapter for these listings (all three by default). */
export async function startEngine(simulator: OkxSimulator, instIds: readonly string[] = INST_IDS): Promise<MarketDataEngine> {
  const canonicals = instIds.map((instId) => simulator.exchange.listing(instId)!.instrument.canonical);
  return MarketDataEngine.start({
    endpoints: [{ venue: 'okx', restBaseUrl: simulator.server.restUrl, wsBaseUrl: simulator.server.wsUrl, canonicals }],
    config,
    logger,
    replay: false,
  });
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export async function okxStats(engine: MarketDataEngine): Promise<VenueActorStats> {
  const stats = await engine.venueStats();
  return stats.find((entry) => entry.venue === 'okx')!;
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

export interface EngineBook {
  state: number;
  bids: [string, string][];
  asks: [string, string][];
  gaps: number;
  checksumsVerified: number;
  checksumFailures: number;
}

export function engineBooks(reports: InstrumentActorReport[]): Map<string, EngineBook> {
  const books = new Map<string, EngineBook>();
  for (const report of reports) {
    for (const book of report.books) {
      if (!book.id.startsWith('okx:')) continue;
      books.set(book.native, {
        state: book.state,
        bids: book.bids,
        asks: book.asks,
        gaps: book.gaps,
        checksumsVerified: book.checksumsVerified,
        checksumFailures: book.checksumFailures,
      });
    }
  }
  return books;
}

/** Every listing's book is synced in the engine. */
export async function waitForSyncedBooks(engine: MarketDataEngine, instIds: readonly string[] = INST_IDS): Promise<Map<string, EngineBook>> {
  return waitFor(
    'synced books',
    async () => engineBooks(await engine.instrumentReports()),
    (books) => instIds.every((native) => books.get(native)?.state === BookState.SYNCED && books.get(native)!.bids.length === 10),
  );
}

/**
 * Stops the exchange clock and waits until the engine's books equal the simulator's (top 10 a
 * side, every listing): nothing changes after the stop, so the last frames drain and the books settle.
 */
export async function expectBooksEqualAfterStop(simulator: OkxSimulator, engine: MarketDataEngine, instIds: readonly string[] = INST_IDS): Promise<Map<string, EngineBook>> {
  simulator.exchange.stop();
  const expected = new Map(instIds.map((native) => [native, simulatorTop(simulator.exchange, native)]));
  for (const native of instIds) expect(expected.get(native)!.bids.length, native).toBe(10);
  const books = await waitFor(
    'engine books equal to the simulator',
    async () => engineBooks(await engine.instrumentReports()),
    (seen) =>
      instIds.every(
        (native) => seen.get(native)?.state === BookState.SYNCED && JSON.stringify({ bids: seen.get(native)?.bids, asks: seen.get(native)?.asks }) === JSON.stringify(expected.get(native)),
      ),
  );
  for (const native of instIds) {
    expect(books.get(native)?.state, native).toBe(BookState.SYNCED);
    expect({ bids: books.get(native)?.bids, asks: books.get(native)?.asks }, native).toEqual(expected.get(native));
  }
  return books;
}
