// The engine's own Bybit adapter against the Bybit simulator: spot and linear books equal to the simulator's and no gap on a clean run.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketDataEngine } from '../../../../src/actors/market-data-engine.js';
import { bybitStats, CANONICALS, expectBooksEqualAfterStop, sleep, startBybitSimulator, startEngine, waitForSyncedBooks, type BybitSimulator } from './bybit-engine-harness.js';

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
});
