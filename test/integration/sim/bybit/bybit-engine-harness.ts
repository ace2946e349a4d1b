// Test harness: a Bybit simulator (SimExchange + Bybit dialect + SimServer) and the engine's own Bybit adapter running against it.
import { expect } from 'vitest';
import { MarketDataEngine, type VenueActorStats } from '../../../../src/actors/market-data-engine.js';
import type { InstrumentActorReport } from '../../../../src/actors/instrument-actor.js';
import { createLogger } from '../../../../src/config/logger.js';
import { BookState } from '../../../../src/hotpath/book/book-engine.js';
import { createBybitDialect, type BybitDialect } from '../../../../src/sim/dialects/bybit/create-bybit-dialect.js';
import type { SimExchange, SimListing } from '../../../../src/sim/exchange/sim-exchange-contract.js';
import { createSimExchange } from '../../../../src/sim/exchange/sim-exchange.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import { priceText, sizeText } from '../../../../src/sim/market/sim-instrument.js';
import type { SimRateLimitRule } from '../../../../src/sim/server/sim-dialect.js';
import { SimServer } from '../../../../src/sim/server/sim-server.js';
import { testConfig } from '../../../helpers/test-config.js';

const config = testConfig({ log: { level: 'error' } });
const logger = createLogger(config, { component: 'test' });

/** The default Bybit listings by canonical symbol: spot BTCUSDT, ETHUSDT and the linear BTCUSDT perpetual. */
export const CANONICALS = ['BTC-USDT', 'ETH-USDT', 'BTC-USDT-PERP'] as const;

export interface BybitSimulator {
  readonly exchange: SimExchange;
  readonly dialect: BybitDialect;
  readonly server: SimServer;
  close(): Promise<void>;
}

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
  const exchange = createSimExchange({ venue: 'bybit', seed: options.seed ?? 17, ...(options.listings === undefined ? {} : { listings: options.listings }) });
  const dialect = createBybitDialect(exchange, options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits });
  const server = await SimServer.start(dialect, { faults: options.faults, seed: options.seed ?? 17, log: () => {} });
  if (options.start !== false) exchange.start();
  return {
    exchange,
    dialect,
    server,
    async close() {
      exchange.stop();
      await server.close();
    },
  };
}

export async function startEngine(simulator: BybitSimulator, canonicals: readonly string[] = CANONICALS): Promise<MarketDataEngine> {
  return MarketDataEngine.start({
    endpoints: [{ venue: 'bybit', restBaseUrl: simulator.server.restUrl, wsBaseUrl: simulator.server.wsUrl, canonicals: [...canonicals] }],
    config,
    logger,
    replay: false,
  });
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export async function bybitStats(engine: MarketDataEngine): Promise<VenueActorStats> {
  const stats = await engine.venueStats();
  return stats.find((entry) => entry.venue === 'bybit')!;
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

export interface TopBook {
  readonly bids: [string, string][];
  readonly asks: [string, string][];
}

/** The simulator's own top 10 levels a side of a canonical instrument, as the engine reports books (canonical decimal text). */
export function simulatorTop(exchange: SimExchange, canonical: string): TopBook {
  const listing = exchange.listings.find((candidate) => candidate.instrument.canonical === canonical)!;
  const snapshot = exchange.snapshot(listing.native, 10);
  const text = (levels: typeof snapshot.bids): [string, string][] =>
    levels.map((level) => [priceText(listing.instrument, level.priceTicks), sizeText(listing.instrument, level.sizeLots)]);
  return { bids: text(snapshot.bids), asks: text(snapshot.asks) };
}

export interface EngineBook extends TopBook {
  readonly state: number;
  readonly gaps: number;
}

/** The engine's Bybit books by canonical symbol (its instrument ids are bybit:<canonical>). */
export function engineBooks(reports: InstrumentActorReport[]): Map<string, EngineBook> {
  const books = new Map<string, EngineBook>();
  for (const report of reports) {
    for (const book of report.books) {
      if (book.id.startsWith('bybit:')) books.set(book.id.slice('bybit:'.length), { state: book.state, gaps: book.gaps, bids: book.bids, asks: book.asks });
    }
  }
  return books;
}

/** Every book is synced in the engine with ten levels a side. */
export async function waitForSyncedBooks(engine: MarketDataEngine, canonicals: readonly string[] = CANONICALS): Promise<Map<string, EngineBook>> {
  return waitFor(
    'synced books',
    async () => engineBooks(await engine.instrumentReports()),
    (books) => canonicals.every((canonical) => books.get(canonical)?.state === BookState.SYNCED && books.get(canonical)!.bids.length === 10),
  );
}

/**
 * Stops the exchange clock and waits until the engine's books equal the simulator's (top 10 a
 * side, every instrument): nothing changes after the stop, so the last frames drain and the books settle.
 */
export async function expectBooksEqualAfterStop(
  simulator: BybitSimulator,
  engine: MarketDataEngine,
  canonicals: readonly string[] = CANONICALS,
): Promise<Map<string, EngineBook>> {
  simulator.exchange.stop();
  const expected = new Map(canonicals.map((canonical) => [canonical, simulatorTop(simulator.exchange, canonical)]));
  for (const canonical of canonicals) expect(expected.get(canonical)!.bids.length, canonical).toBe(10);
  const same = (seen: EngineBook | undefined, wanted: TopBook | undefined): boolean => JSON.stringify({ bids: seen?.bids, asks: seen?.asks }) === JSON.stringify(wanted);
  const books = await waitFor(
    'engine books equal to the simulator',
    async () => engineBooks(await engine.instrumentReports()),
    (seen) => canonicals.every((canonical) => seen.get(canonical)?.state === BookState.SYNCED && same(seen.get(canonical), expected.get(canonical))),
  );
  for (const canonical of canonicals) {
    expect(books.get(canonical)?.state, canonical).toBe(BookState.SYNCED);
    expect({ bids: books.get(canonical)?.bids, asks: books.get(canonical)?.asks }, canonical).toEqual(expected.get(canonical));
  }
  return books;
}
