// Faults between the Binance simulator and the engine's adapter: lost or reordered depth diffs are U/u gaps healed by a fresh REST snapshot; duplicates are stale; disconnects, stalls and latency end in equal books too.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketDataEngine } from '../../../../src/actors/market-data-engine.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import { binanceStats, expectBooksEqualAfterStop, sleep, startBinanceSimulator, startEngine, waitForSyncedBooks, type BinanceSimulator } from './binance-sim-harness.js';

/*
 * Binance's integrity signal is the diff stream's update ids: each depthUpdate covers U..u and the
 * next must start at u + 1. The fault layer selects book frames per symbol on the connection
 * (1 = the symbol's first depthUpdate; bookTicker and aggTrade frames are not book frames), so
 * frame 12 is a diff about a second in, well after the book synced from its REST snapshot.
 *   drop       the next diff starts past u + 1: a GAP, the symbol re-buffers and fetches a snapshot;
 *   duplicate  the repeat has u <= the book's id: stale, ignored, no gap;
 *   reorder    the later diff arrives first: a GAP and a resync; the held one is then stale;
 *   disconnect the adapter reconnects and resyncs every symbol of the connection from REST.
 */

let simulator: BinanceSimulator | undefined;
let engine: MarketDataEngine | undefined;

afterEach(async () => {
  await engine?.stop();
  await simulator?.close();
  engine = undefined;
  simulator = undefined;
});

async function runWith(faults: SimFaultConfig, settleMs = 2500, natives?: readonly string[], options: { healBeforeStop?: boolean } = {}) {
  simulator = await startBinanceSimulator({ faults });
  engine = await startEngine(simulator, natives);
  await waitForSyncedBooks(engine, natives);
  await sleep(settleMs);
  if (options.healBeforeStop === true) {
    // A diff dropped just before the clock stops leaves a hole no later diff reveals: end the faults
    // first and let a few clean diffs expose and heal any trailing gap.
    simulator.server.faults.clear();
    await sleep(1000);
  }
  await waitForSyncedBooks(engine, natives);
  await expectBooksEqualAfterStop(simulator, engine, natives);
  return { stats: await binanceStats(engine), server: simulator.server.stats() };
}

describe('Binance adapter under faults', () => {
  it('a dropped depth diff: the U/u hole is a gap, the symbol resyncs from a fresh REST snapshot, books end equal', async () => {
    const { stats, server } = await runWith({ websocket: { drop: [{ key: 'BTCUSDT', frames: [12] }] } });
    expect(server.frames.dropped).toBe(1);
    expect(stats.feed.gaps).toBe(1);
    expect(stats.feed.resyncs).toBe(1);
    // Three initial snapshots and BTCUSDT's second.
    expect(stats.records.snapshots).toBe(4);
  });

  it('two dropped diffs of two symbols: each symbol resyncs alone', async () => {
    const { stats } = await runWith({ websocket: { drop: [{ key: 'ETHUSDT', frames: [10] }, { key: 'SOLUSDT', frames: [15] }] } });
    expect(stats.feed.gaps).toBe(2);
    expect(stats.records.snapshots).toBe(5);
  });

  it('a duplicated diff is stale (u <= the book id): no gap, books equal', async () => {
    const { stats, server } = await runWith({ websocket: { duplicate: [{ key: 'ETHUSDT', frames: [8] }] } });
    expect(server.frames.duplicated).toBe(1);
    expect(stats.feed.gaps).toBe(0);
    expect(stats.records.snapshots).toBe(3);
  });

  it('reordered diffs: the later one first is a gap; after the resync books end equal', async () => {
    // A held frame goes out after the connection's next book frame: with one symbol on the
    // connection that is the same symbol's next diff, so the two swap places.
    const { stats, server } = await runWith({ websocket: { reorder: [{ key: 'SOLUSDT', frames: [9] }] } }, 2500, ['SOLUSDT']);
    expect(server.frames.reordered).toBe(1);
    expect(stats.feed.gaps).toBe(1);
    expect(stats.feed.resyncs).toBe(1);
    expect(stats.records.snapshots).toBe(2);
  });

  it('a disconnect: the adapter reconnects, resyncs every symbol, books end equal', async () => {
    const { stats } = await runWith({ websocket: { disconnect: [{ afterMs: 1500 }] } }, 4000);
    expect(stats.feed.reconnects).toBeGreaterThanOrEqual(1);
    // Three snapshots at the start and three after reconnecting.
    expect(stats.records.snapshots).toBeGreaterThanOrEqual(6);
  });

  it('a stall and latency: frames arrive late but in order, no gap', async () => {
    const { stats } = await runWith({ websocket: { stall: [{ afterMs: 800, durationMs: 700 }], latency: { uniformMs: [5, 40] } } });
    expect(stats.feed.gaps).toBe(0);
    expect(stats.records.snapshots).toBe(3);
  });

  it('random drops at 5 % on every symbol: every gap heals, books end equal', async () => {
    const { stats, server } = await runWith({ seed: 3, websocket: { drop: [{ probability: 0.05 }] } }, 3000, undefined, { healBeforeStop: true });
    expect(server.frames.dropped).toBeGreaterThan(0);
    expect(stats.feed.gaps).toBeGreaterThan(0);
  });
});
