// The engine's own Bybit adapter against the Bybit simulator: spot and linear books equal to the simulator's and no gap on a clean run.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketDataEngine } from '../../../../src/actors/market-data-engine.js';
import type { SimListing } from '../../../../src/sim/exchange/sim-exchange-contract.js';
import { SIM_INSTRUMENTS, simListings } from '../../../../src/sim/market/sim-catalog.js';
import { bybitStats, CANONICALS, expectBooksEqualAfterStop, sleep, startBybitSimulator, startEngine, waitForSyncedBooks, type BybitSimulator } from './bybit-engine-harness.js';

/** A linear perpetual made from a spot instrument (the catalog has only BTC's). */
function perpetual(spotCanonical: string): SimListing {
  const spot = SIM_INSTRUMENTS[spotCanonical]!;
  return Object.freeze({ instrument: Object.freeze({ ...spot, canonical: `${spotCanonical}-PERP`, kind: 'perpetual' as const }), native: spotCanonical.replace('-', ''), category: 'linear' });
}

let simulator: BybitSimulator | undefined;
let engine: MarketDataEngine | undefined;

afterEach(async () => {
  await engine?.stop();
  await simulator?.close();
  engine = undefined;
  simulator = undefined;
});

describe('engine Bybit adapter against the simulator', () => {
  it('lists the instruments, syncs spot BTCUSDT/ETHUSDT and linear BTCUSDT from orderbook.200 snapshots, follows u without a gap, ends equal', async () => {
    simulator = await startBybitSimulator();
    engine = await startEngine(simulator);
    await waitForSyncedBooks(engine);
    // The market moves for a while: book deltas, trades and (linear) tickers flow.
    await sleep(3000);
    const moving = await bybitStats(engine);
    expect(moving.records.bookUpdates).toBeGreaterThan(30);
    expect(moving.records.trades).toBeGreaterThan(0);
    expect(moving.records.bbos).toBeGreaterThan(0);
    const books = await expectBooksEqualAfterStop(simulator, engine);
    const stats = await bybitStats(engine);
    expect(stats.feed.gaps).toBe(0);
    expect(stats.feed.resyncs).toBe(0);
    expect(stats.feed.unknownFrames).toBe(0);
    expect(stats.feed.venueErrors).toBe(0);
    // One snapshot per book: each subscription's first frame.
    expect(stats.records.snapshots).toBe(CANONICALS.length);
    for (const canonical of CANONICALS) expect(books.get(canonical)?.gaps, canonical).toBe(0);
  });

  it('five books over both categories (three perpetuals share the linear connection): every book equal, no gap', async () => {
    const canonicals = [...CANONICALS, 'ETH-USDT-PERP', 'SOL-USDT-PERP'];
    simulator = await startBybitSimulator({ seed: 29, listings: [...simListings('bybit'), perpetual('ETH-USDT'), perpetual('SOL-USDT')] });
    engine = await startEngine(simulator, canonicals);
    await waitForSyncedBooks(engine, canonicals);
    await sleep(2000);
    await expectBooksEqualAfterStop(simulator, engine, canonicals);
    const stats = await bybitStats(engine);
    expect(stats.feed.gaps).toBe(0);
    expect(stats.records.snapshots).toBe(canonicals.length);
  });
});
