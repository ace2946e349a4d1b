// The engine's own OKX adapter against the OKX simulator: books equal to the simulator's, every checksum verified, no gap on a clean run.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketDataEngine } from '../../../../src/actors/market-data-engine.js';
import { expectBooksEqualAfterStop, INST_IDS, okxStats, sleep, startEngine, startOkxSimulator, waitForSyncedBooks, type OkxSimulator } from './okx-engine-harness.js';

let simulator: OkxSimulator | undefined;
let engine: MarketDataEngine | undefined;

afterEach(async () => {
  await engine?.stop();
  await simulator?.close();
  engine = undefined;
  simulator = undefined;
});

describe('engine OKX adapter against the simulator', () => {
  it('syncs BTC-USDT, ETH-USDT and BTC-USDT-SWAP from books snapshots, verifies every checksum, follows updates without a gap, and ends equal to the simulator', async () => {
    simulator = await startOkxSimulator();
    engine = await startEngine(simulator);
    await waitForSyncedBooks(engine);
    // Let the market move: books updates, trades and bbo-tbt all flow.
    await sleep(3000);
    const moving = await okxStats(engine);
    expect(moving.records.bookUpdates).toBeGreaterThan(30);
    expect(moving.records.trades).toBeGreaterThan(0);
    expect(moving.records.bbos).toBeGreaterThan(0);
    const books = await expectBooksEqualAfterStop(simulator, engine);
    for (const native of INST_IDS) {
      const book = books.get(native)!;
      // Each books push carries a checksum; the instrument actor checked every one it applied.
      expect(book.checksumsVerified, native).toBeGreaterThan(10);
      expect(book.checksumFailures, native).toBe(0);
      expect(book.gaps, native).toBe(0);
    }
    const stats = await okxStats(engine);
    expect(stats.feed.gaps).toBe(0);
    expect(stats.feed.resyncs).toBe(0);
    expect(stats.feed.unknownFrames).toBe(0);
    expect(stats.feed.venueErrors).toBe(0);
    expect(stats.records.snapshots).toBe(3);
  });
});
