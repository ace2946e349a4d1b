// Faults between the Coinbase simulator and the engine's adapter: every lost, repeated or reordered level2 message shows as a sequence_num break, the adapter resubscribes, and its books end equal to the simulator's.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketDataEngine } from '../../../../src/actors/market-data-engine.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import { coinbaseStats, expectBooksEqualAfterStop, sleep, startCoinbaseSimulator, startEngine, waitForSyncedBooks, type CoinbaseSimulator } from './coinbase-engine-harness.js';

/*
 * Coinbase sends no checksum and no per-product sequence: the only integrity signal is the
 * connection's sequence_num, which the dialect numbers before the fault layer sees a frame. A
 * dropped frame leaves a hole, a duplicate repeats a number, a reordered one steps back; the
 * adapter must notice each (a GAP), resync every book of the connection by unsubscribe + subscribe
 * of level2, and continue. Frame numbers count each product's book frames on the connection
 * (1 = its snapshot), so frame 8 is an update a few ticks in.
 */

let simulator: CoinbaseSimulator | undefined;
let engine: MarketDataEngine | undefined;

afterEach(async () => {
  await engine?.stop();
  await simulator?.close();
  engine = undefined;
  simulator = undefined;
});

async function runWith(faults: SimFaultConfig, settleMs = 2500) {
  simulator = await startCoinbaseSimulator({ faults });
  engine = await startEngine(simulator);
  await waitForSyncedBooks(engine);
  await sleep(settleMs);
  await waitForSyncedBooks(engine);
  await expectBooksEqualAfterStop(simulator, engine);
  return coinbaseStats(engine);
}

describe('Coinbase adapter under faults', () => {
  it('a dropped level2 update: the sequence_num hole is a gap, level2 is resubscribed, books end equal', async () => {
    const stats = await runWith({ websocket: { drop: [{ key: 'BTC-USD', frames: [8] }] } });
    expect(stats.feed.gaps).toBeGreaterThanOrEqual(1);
    expect(stats.feed.resyncs).toBeGreaterThanOrEqual(1);
    // The first pair of snapshots, then one fresh snapshot per product after the resync.
    expect(stats.records.snapshots).toBeGreaterThanOrEqual(4);
  });

  it('a dropped level2 snapshot: the update that follows is a gap, the product is resubscribed', async () => {
    const stats = await runWith({ websocket: { drop: [{ key: 'ETH-USD', frames: [1] }] } });
    expect(stats.feed.gaps).toBeGreaterThanOrEqual(1);
    expect(stats.feed.resyncs).toBeGreaterThanOrEqual(1);
  });

  it('a duplicated level2 update (repeated sequence_num) is detected and healed', async () => {
    const stats = await runWith({ websocket: { duplicate: [{ key: 'BTC-USD', frames: [6] }] } });
    expect(stats.feed.gaps).toBeGreaterThanOrEqual(1);
    expect(stats.feed.resyncs).toBeGreaterThanOrEqual(1);
  });

  it('reordered level2 updates (sequence_num steps back) are detected and healed', async () => {
    const stats = await runWith({ websocket: { reorder: [{ key: 'ETH-USD', frames: [5] }] } });
    expect(stats.feed.gaps).toBeGreaterThanOrEqual(1);
    expect(stats.feed.resyncs).toBeGreaterThanOrEqual(1);
  });

  it('two losses on different products at different times: each is a gap, each heals', async () => {
    // Early update frames only: a resubscription's snapshot is a book frame too, and the adapter
    // does not repeat a resync whose snapshot was lost (docs/simulator/coinbase.md), so random
    // drops that may hit a resync snapshot are not used here.
    const stats = await runWith({ websocket: { drop: [{ key: 'BTC-USD', frames: [6] }, { key: 'ETH-USD', frames: [40] }] } }, 5000);
    expect(stats.feed.gaps).toBeGreaterThanOrEqual(2);
    expect(stats.feed.resyncs).toBeGreaterThanOrEqual(4);
  });

  it('a disconnect: the adapter reconnects, resubscribes everything and syncs again', async () => {
    const stats = await runWith({ websocket: { disconnect: [{ afterFrames: 40 }] } }, 3500);
    expect(stats.feed.reconnects).toBeGreaterThanOrEqual(1);
    expect(stats.records.snapshots).toBeGreaterThanOrEqual(4);
  });

  it('a stall then latency on every frame: nothing is lost, so no gap, and the books still end equal', async () => {
    const stats = await runWith({ websocket: { stall: [{ afterFrames: 30, durationMs: 1500 }], latency: { uniformMs: [0, 30] } } }, 3500);
    expect(stats.feed.gaps).toBe(0);
    expect(stats.feed.resyncs).toBe(0);
  });
});

