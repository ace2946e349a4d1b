// Test harness shared by the venues: a dialect served over a SimExchange, the engine's own adapter against it, and top-10 book comparisons.
import { expect } from 'vitest';
import type { InstrumentActorReport } from '../../src/actors/instrument-actor.js';
import { MarketDataEngine, type VenueActorStats } from '../../src/actors/market-data-engine.js';
import { createLogger } from '../../src/config/logger.js';
import { BookState } from '../../src/hotpath/book/book-engine.js';
import type { SimExchange } from '../../src/sim/exchange/sim-exchange-contract.js';
import type { SimFaultConfig } from '../../src/sim/faults/sim-fault-config.js';
import { priceText, sizeText } from '../../src/sim/market/sim-instrument.js';
import type { SimVenue } from '../../src/sim/market/sim-market-types.js';
import type { SimDialect } from '../../src/sim/server/sim-dialect.js';
import { SimServer } from '../../src/sim/server/sim-server.js';
import { testConfig } from './test-config.js';

/*
 * Each venue's test folder keeps its own harness file (test/integration/sim/<venue>/) for what
 * differs: the dialect and its options, the default listings and how a test names a book. Bybit
 * lists spot and linear BTCUSDT under one native symbol, so its books are keyed by canonical
 * symbol; the other venues key them by native symbol. Everything else is the same for all four.
 */

const config = testConfig({ log: { level: 'error' } });
const logger = createLogger(config, { component: 'test' });

/** Levels a side the engine reports and the comparisons use. */
const TOP_LEVELS = 10;

export type Levels = [string, string][];

export interface TopBook {
  readonly bids: Levels;
  readonly asks: Levels;
}

export interface EngineBook extends TopBook {
  readonly state: number;
  readonly gaps: number;
  readonly checksumsVerified: number;
  readonly checksumFailures: number;
}

export interface ServedSimulator {
  readonly exchange: SimExchange;
  readonly server: SimServer;
  close(): Promise<void>;
}

/** Serves `dialect` on 127.0.0.1 (any port) and starts the exchange clock unless `start` is false. */
export async function serveSimulator(exchange: SimExchange, dialect: SimDialect, options: { seed: number; faults?: SimFaultConfig | undefined; start?: boolean }): Promise<ServedSimulator> {
  const server = await SimServer.start(dialect, { faults: options.faults, seed: options.seed, log: () => {} });
  if (options.start !== false) exchange.start();
  return {
    exchange,
    server,
    async close() {
      exchange.stop();
      await server.close();
    },
  };
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `check` holds (polling every `pollMs`), or fails with what it last saw. */
export async function waitFor<T>(what: string, read: () => Promise<T> | T, check: (value: T) => boolean, timeoutMs = 20_000, pollMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? String(inner) : inner)).slice(0, 2000)}`);
    await sleep(pollMs);
  }
}

/** How a venue's tests name a book: its native symbol, or its canonical one. */
export type BookKey = 'native' | 'canonical';

export interface SimEngineHarness {
  /** The engine with one endpoint: this venue at the simulator's URLs, these canonical instruments. */
  readonly startEngine: (server: SimServer, canonicals: readonly string[]) => Promise<MarketDataEngine>;
  readonly stats: (engine: MarketDataEngine) => Promise<VenueActorStats>;
  /** The engine's books of this venue by key. */
  readonly engineBooks: (reports: InstrumentActorReport[]) => Map<string, EngineBook>;
  /** The simulator's own top 10 levels a side of a book, as the engine reports books (canonical decimal text). */
  readonly simulatorTop: (exchange: SimExchange, key: string) => TopBook;
  /** Every book is synced in the engine with ten levels a side. */
  readonly waitForSyncedBooks: (engine: MarketDataEngine, keys: readonly string[]) => Promise<Map<string, EngineBook>>;
  /**
   * Stops the exchange clock and waits until the engine's books equal the simulator's (top 10 a
   * side, every key): nothing changes after the stop, so the last frames drain and the books settle.
   */
  readonly expectBooksEqualAfterStop: (exchange: SimExchange, engine: MarketDataEngine, keys: readonly string[]) => Promise<Map<string, EngineBook>>;
}

export function simEngineHarness(venue: SimVenue, keyBy: BookKey, pollMs = 100): SimEngineHarness {
  const prefix = `${venue}:`;
  const poll = <T>(what: string, read: () => Promise<T>, check: (value: T) => boolean): Promise<T> => waitFor(what, read, check, 20_000, pollMs);

  const engineBooks = (reports: InstrumentActorReport[]): Map<string, EngineBook> => {
    const books = new Map<string, EngineBook>();
    for (const report of reports) {
      for (const book of report.books) {
        if (!book.id.startsWith(prefix)) continue;
        // Engine instrument ids are <venue>:<canonical>.
        const key = keyBy === 'native' ? book.native : book.id.slice(prefix.length);
        books.set(key, { state: book.state, gaps: book.gaps, bids: book.bids, asks: book.asks, checksumsVerified: book.checksumsVerified, checksumFailures: book.checksumFailures });
      }
    }
    return books;
  };

  const simulatorTop = (exchange: SimExchange, key: string): TopBook => {
    const listing = keyBy === 'native' ? exchange.listing(key)! : exchange.listings.find((candidate) => candidate.instrument.canonical === key)!;
    const snapshot = exchange.snapshot(listing.native, TOP_LEVELS);
    const text = (levels: typeof snapshot.bids): Levels => levels.map((level) => [priceText(listing.instrument, level.priceTicks), sizeText(listing.instrument, level.sizeLots)]);
    return { bids: text(snapshot.bids), asks: text(snapshot.asks) };
  };

  const reportedBooks = async (engine: MarketDataEngine): Promise<Map<string, EngineBook>> => engineBooks(await engine.instrumentReports());
  const sameTop = (seen: EngineBook | undefined, wanted: TopBook | undefined): boolean => JSON.stringify({ bids: seen?.bids, asks: seen?.asks }) === JSON.stringify(wanted);

  return {
    engineBooks,
    simulatorTop,

    startEngine: (server, canonicals) =>
      MarketDataEngine.start({
        endpoints: [{ venue, restBaseUrl: server.restUrl, wsBaseUrl: server.wsUrl, canonicals: [...canonicals] }],
        config,
        logger,
        replay: false,
      }),

    stats: async (engine) => {
      const stats = await engine.venueStats();
      return stats.find((entry) => entry.venue === venue)!;
    },

    waitForSyncedBooks: (engine, keys) =>
      poll(
        'synced books',
        () => reportedBooks(engine),
        (books) => keys.every((key) => books.get(key)?.state === BookState.SYNCED && books.get(key)!.bids.length === TOP_LEVELS),
      ),

    expectBooksEqualAfterStop: async (exchange, engine, keys) => {
      exchange.stop();
      const expected = new Map(keys.map((key) => [key, simulatorTop(exchange, key)]));
      for (const key of keys) expect(expected.get(key)!.bids.length, key).toBe(TOP_LEVELS);
      const books = await poll(
        'engine books equal to the simulator',
        () => reportedBooks(engine),
        (seen) => keys.every((key) => seen.get(key)?.state === BookState.SYNCED && sameTop(seen.get(key), expected.get(key))),
      );
      for (const key of keys) {
        expect(books.get(key)?.state, key).toBe(BookState.SYNCED);
        expect({ bids: books.get(key)?.bids, asks: books.get(key)?.asks }, key).toEqual(expected.get(key));
      }
      return books;
    },
  };
}

/**
 * The random-drop scenario every venue runs: the simulator drops frames at random (faults given at its start) for
 * `dropMs`, then the drops stop and the market runs on 1.5 s — a loss shows only on the book's next update, so a last
 * lost one must be followed by one that reveals it — and every book must end equal to the simulator's: something was
 * dropped, gaps were seen and healed, and no reconnect was needed.
 */
export async function expectRandomDropsHealed(
  simulator: ServedSimulator,
  engine: MarketDataEngine,
  stats: (engine: MarketDataEngine) => Promise<VenueActorStats>,
  expectBooksEqual: () => Promise<unknown>,
  dropMs = 6000,
): Promise<void> {
  await sleep(dropMs);
  const dropped = simulator.server.stats().frames.dropped;
  simulator.server.faults.clear();
  await sleep(1500);
  await expectBooksEqual();
  const after = await stats(engine);
  expect(dropped).toBeGreaterThan(0);
  expect(after.feed.gaps).toBeGreaterThan(0);
  expect(after.feed.reconnects).toBe(0);
}
