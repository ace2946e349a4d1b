// Faults between the Bybit simulator and the engine's adapter: lost or reordered orderbook deltas break u continuity and the book is resubscribed; duplicates are stale; a u = 1 restart is a fresh book.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketDataEngine } from '../../../../src/actors/market-data-engine.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import { bybitStats, expectBooksEqualAfterStop, sleep, startBybitSimulator, startEngine, waitForSyncedBooks, type BybitSimulator } from './bybit-engine-harness.js';

/*
 * Bybit's integrity signal is the per-stream update id u (+1 per message) and the snapshot that
 * opens every subscription (or arrives with u = 1 after a service restart). The adapter resyncs
 * one symbol by unsubscribing and subscribing its orderbook topic. Frame numbers count each
 * listing's book frames on a connection (1 = its snapshot); key BTCUSDT selects the spot pair on
 * the spot connection and the perpetual on the linear one, ETHUSDT only the spot pair.
 */

let simulator: BybitSimulator | undefined;
let engine: MarketDataEngine | undefined;

afterEach(async () => {
  await engine?.stop();
  await simulator?.close();
  engine = undefined;
  simulator = undefined;
});

async function runWith(faults: SimFaultConfig, settleMs = 2500, during?: (simulator: BybitSimulator) => void) {
  simulator = await startBybitSimulator({ faults });
  engine = await startEngine(simulator);
  await waitForSyncedBooks(engine);
  during?.(simulator);
  await sleep(settleMs);
  await waitForSyncedBooks(engine);
  await expectBooksEqualAfterStop(simulator, engine);
  return bybitStats(engine);
}

describe('Bybit adapter under faults', () => {
  it('a dropped orderbook delta on both BTCUSDT connections: u skips, each book is resubscribed, books end equal', async () => {
    const stats = await runWith({ websocket: { drop: [{ key: 'BTCUSDT', frames: [8] }] } });
    expect(stats.feed.gaps).toBeGreaterThanOrEqual(2);
    expect(stats.feed.resyncs).toBeGreaterThanOrEqual(2);
    // Three opening snapshots and one fresh snapshot per resubscribed book.
    expect(stats.records.snapshots).toBeGreaterThanOrEqual(5);
  });

  it('a dropped snapshot: the first delta has no base, which is a gap; the book is resubscribed', async () => {
    const stats = await runWith({ websocket: { drop: [{ key: 'ETHUSDT', frames: [1] }] } });
    expect(stats.feed.gaps).toBeGreaterThanOrEqual(1);
    expect(stats.feed.resyncs).toBeGreaterThanOrEqual(1);
  });

  it('a duplicated delta repeats a u: the copy is stale and dropped, no gap, books end equal', async () => {
    const stats = await runWith({ websocket: { duplicate: [{ key: 'BTCUSDT', frames: [6] }, { key: 'ETHUSDT', frames: [9] }] } });
    expect(stats.feed.gaps).toBe(0);
    expect(stats.feed.resyncs).toBe(0);
  });

  it('reordered deltas: the later u arrives first (a gap), the book is resubscribed, the late one is stale', async () => {
    // A held frame goes out after the connection's next book frame: on the linear connection that is
    // the perpetual's next delta (its only book); on the spot one it may be the other pair's, which
    // leaves each pair's own order intact.
    const stats = await runWith({ websocket: { reorder: [{ key: 'BTCUSDT', frames: [5] }] } });
    expect(stats.feed.gaps).toBeGreaterThanOrEqual(1);
    expect(stats.feed.resyncs).toBeGreaterThanOrEqual(1);
  });

  it('a service restart (u = 1 snapshots on every stream) replaces the books without a gap', async () => {
    let restartedAt = 0;
    const stats = await runWith({}, 2500, (running) => {
      setTimeout(() => {
        restartedAt = Date.now();
        running.dialect.restartBookStreams();
      }, 800);
    });
    expect(restartedAt).toBeGreaterThan(0);
    expect(stats.feed.gaps).toBe(0);
    expect(stats.feed.resyncs).toBe(0);
    // The three opening snapshots and the three u = 1 snapshots.
    expect(stats.records.snapshots).toBe(6);
  });

  it('a disconnect: the adapter reconnects, resubscribes and syncs again', async () => {
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
