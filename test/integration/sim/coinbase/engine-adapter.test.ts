// The engine's own Coinbase adapter against the Coinbase simulator: books equal to the simulator's and no gap on a clean run.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketDataEngine } from '../../../../src/actors/market-data-engine.js';
import { coinbaseStats, expectBooksEqualAfterStop, sleep, startCoinbaseSimulator, startEngine, waitForSyncedBooks, type CoinbaseSimulator } from './coinbase-engine-harness.js';

let simulator: CoinbaseSimulator | undefined;
let engine: MarketDataEngine | undefined;

afterEach(async () => {
  await engine?.stop();
  await simulator?.close();
  engine = undefined;
  simulator = undefined;
});

describe('engine Coinbase adapter against the simulator', () => {
  it('syncs BTC-USD and ETH-USD from level2 snapshots, follows updates without a gap, and ends equal to the simulator', async () => {
    simulator = await startCoinbaseSimulator();
    engine = await startEngine(simulator);
    await waitForSyncedBooks(engine);
    // Let the market move for a while: updates, trades, tickers and heartbeats all flow.
    await sleep(3000);
    const moving = await coinbaseStats(engine);
    expect(moving.records.bookUpdates).toBeGreaterThan(20);
    expect(moving.records.trades).toBeGreaterThan(0);
    expect(moving.records.bbos).toBeGreaterThan(0);
    await expectBooksEqualAfterStop(simulator, engine);
    const stats = await coinbaseStats(engine);
    expect(stats.feed.gaps).toBe(0);
    expect(stats.feed.resyncs).toBe(0);
    expect(stats.feed.unknownFrames).toBe(0);
    expect(stats.feed.venueErrors).toBe(0);
    expect(stats.records.snapshots).toBe(2);
  });
});
