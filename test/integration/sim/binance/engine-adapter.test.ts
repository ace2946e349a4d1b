// The engine's own Binance adapter against the Binance simulator: REST snapshots + depth@100ms diffs give books equal to the simulator's, with no gap.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketDataEngine } from '../../../../src/actors/market-data-engine.js';
import { binanceStats, expectBooksEqualAfterStop, sleep, startBinanceSimulator, startEngine, waitForSyncedBooks, type BinanceSimulator } from './binance-sim-harness.js';

let simulator: BinanceSimulator | undefined;
let engine: MarketDataEngine | undefined;

afterEach(async () => {
  await engine?.stop();
  await simulator?.close();
  engine = undefined;
  simulator = undefined;
});

describe('engine Binance adapter against the simulator', () => {
  it('syncs BTCUSDT, ETHUSDT and SOLUSDT by the documented procedure, follows the diffs without a gap, and ends equal to the simulator', async () => {
    simulator = await startBinanceSimulator();
    engine = await startEngine(simulator);
    await waitForSyncedBooks(engine);
    await sleep(3000);
    const moving = await binanceStats(engine);
    expect(moving.records.bookUpdates).toBeGreaterThan(30);
    expect(moving.records.trades).toBeGreaterThan(0);
    expect(moving.records.bbos).toBeGreaterThan(0);
    await expectBooksEqualAfterStop(simulator, engine);
    const stats = await binanceStats(engine);
    expect(stats.feed.gaps).toBe(0);
    expect(stats.feed.resyncs).toBe(0);
    expect(stats.feed.unknownFrames).toBe(0);
    expect(stats.feed.venueErrors).toBe(0);
    // One REST snapshot per symbol, no more.
    expect(stats.records.snapshots).toBe(3);
    // The adapter's connection: one combined-stream session, the three REST depth requests and exchangeInfo.
    const server = simulator.server.stats();
    expect(server.rateLimits.refusals).toBe(0);
    expect(server.dialectErrors).toBe(0);
  });
});
