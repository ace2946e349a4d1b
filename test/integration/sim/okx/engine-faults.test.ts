// Faults between the OKX simulator and the engine's adapter: lost, repeated, reordered or corrupted books pushes are detected, the book is resubscribed, and it ends equal to the simulator's.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketDataEngine } from '../../../../src/actors/market-data-engine.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import { engineBooks, expectBooksEqualAfterStop, INST_IDS, okxStats, sleep, startEngine, startOkxSimulator, waitForSyncedBooks, type OkxSimulator } from './okx-engine-harness.js';

/*
 * OKX chains each listing's `books` pushes by prevSeqId = the previous seqId and sends the CRC32
 * of the best 25 levels with each. A dropped, duplicated or reordered update breaks the chain (a
 * GAP for that listing only); a wrong checksum is caught by the instrument actor. Either way the
 * adapter unsubscribes and resubscribes that listing's books and gets a fresh snapshot. Frame
 * numbers count one listing's books frames on the connection (1 = its snapshot).
 */

let simulator: OkxSimulator | undefined;
let engine: MarketDataEngine | undefined;

afterEach(async () => {
  await engine?.stop();
  await simulator?.close();
  engine = undefined;
  simulator = undefined;
});

async function runWith(faults: SimFaultConfig, settleMs = 2500, instIds: readonly string[] = INST_IDS) {
  simulator = await startOkxSimulator({ faults });
  engine = await startEngine(simulator, instIds);
  await waitForSyncedBooks(engine, instIds);
  await sleep(settleMs);
  await waitForSyncedBooks(engine, instIds);
  const books = await expectBooksEqualAfterStop(simulator, engine, instIds);
  return { stats: await okxStats(engine), books, frames: simulator.server.stats().frames };
}

describe('OKX adapter under faults', () => {
  it('a dropped books update: the prevSeqId break is a gap on that listing only, it is resubscribed, books end equal', async () => {
    const { stats, books } = await runWith({ websocket: { drop: [{ key: 'BTC-USDT', frames: [8] }] } });
    expect(stats.feed.gaps).toBe(1);
    expect(stats.feed.resyncs).toBe(1);
    expect(books.get('BTC-USDT')!.gaps).toBe(1);
    expect(books.get('ETH-USDT')!.gaps).toBe(0);
    expect(books.get('BTC-USDT-SWAP')!.gaps).toBe(0);
    // Three first snapshots and BTC-USDT's fresh one.
    expect(stats.records.snapshots).toBe(4);
  });

  it('a duplicated books update (same seqId twice) is detected and healed', async () => {
    const { stats, books } = await runWith({ websocket: { duplicate: [{ key: 'ETH-USDT', frames: [6] }] } });
    expect(stats.feed.gaps).toBe(1);
    expect(stats.feed.resyncs).toBe(1);
    expect(books.get('ETH-USDT')!.gaps).toBe(1);
  });

  it('a books update held back past another listing push: each listing chain is intact, so no gap (the check is per listing)', async () => {
    const { stats, frames } = await runWith({ websocket: { reorder: [{ key: 'BTC-USDT-SWAP', frames: [5] }] } });
    expect(frames.reordered).toBe(1);
    expect(stats.feed.gaps).toBe(0);
    expect(stats.feed.resyncs).toBe(0);
  });

  it('reordered updates of one listing (prevSeqId runs ahead, then back) are detected and healed', async () => {
    const { stats, books, frames } = await runWith({ websocket: { reorder: [{ key: 'BTC-USDT', frames: [5] }] } }, 2500, ['BTC-USDT']);
    expect(frames.reordered).toBe(1);
    expect(stats.feed.gaps).toBe(1);
    expect(stats.feed.resyncs).toBe(1);
    expect(books.get('BTC-USDT')!.gaps).toBe(1);
  });

  it('a wrong checksum: the instrument actor detects it, the listing is resubscribed from a fresh snapshot, books end equal', async () => {
    const { stats, books, frames } = await runWith({ websocket: { corruptChecksum: [{ key: 'ETH-USDT', frames: [10] }] } });
    expect(frames.corrupted).toBe(1);
    const eth = books.get('ETH-USDT')!;
    expect(eth.checksumFailures).toBe(1);
    expect(books.get('BTC-USDT')!.checksumFailures).toBe(0);
    expect(stats.feed.resyncs).toBeGreaterThanOrEqual(1);
    expect(stats.records.snapshots).toBe(4);
    // The chain itself never broke: the failure is the checksum's alone.
    expect(stats.feed.gaps).toBe(0);
  });

  it('three drops on every listing over a longer run: nine gaps, nine resyncs, every loss healed', async () => {
    // Explicit update frames, so the counts are exact: a random selection may hit a resync's
    // snapshot, which the feed's resync deadline recovers (lost-resync-snapshot.test.ts) at the cost
    // of extra resyncs.
    const { stats, books } = await runWith({ websocket: { drop: [{ frames: [8, 20, 35] }] } }, 4500);
    expect(stats.feed.gaps).toBe(9);
    expect(stats.feed.resyncs).toBe(9);
    for (const native of INST_IDS) expect(books.get(native)!.gaps, native).toBe(3);
  });

  it('a disconnect: the adapter reconnects, resubscribes everything and syncs again', async () => {
    const { stats } = await runWith({ websocket: { disconnect: [{ afterFrames: 60 }] } }, 3500);
    expect(stats.feed.reconnects).toBeGreaterThanOrEqual(1);
    expect(stats.records.snapshots).toBeGreaterThanOrEqual(6);
  });

  it('a stall then latency on every frame: nothing is lost, so no gap, and the books still end equal', async () => {
    const { stats } = await runWith({ websocket: { stall: [{ afterFrames: 30, durationMs: 1500 }], latency: { uniformMs: [0, 30] } } }, 3500);
    expect(stats.feed.gaps).toBe(0);
    expect(stats.feed.resyncs).toBe(0);
    expect(engineBooks(await engine!.instrumentReports()).get('BTC-USDT')!.checksumFailures).toBe(0);
  });
});
