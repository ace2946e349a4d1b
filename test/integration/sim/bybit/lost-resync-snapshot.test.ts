// Regression (lost resync snapshot, Bybit): the orderbook snapshot answering a resubscribe is dropped; the resync times out, is issued again, and every book ends equal to the simulator's; also under 5 % random drops.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketDataEngine } from '../../../../src/actors/market-data-engine.js';
import { RESYNC_TIMEOUT_MS } from '../../../../src/actors/venues/common/resync-deadlines.js';
import { BookState } from '../../../../src/hotpath/book/book-engine.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import { expectRandomDropsHealed } from '../../../helpers/sim-engine-harness.js';
import { bybitStats, engineBooks, expectBooksEqualAfterStop, sleep, startBybitSimulator, startEngine, waitFor, waitForSyncedBooks, type BybitSimulator } from './bybit-engine-harness.js';

/*
 * Bybit deltas carry u (+1 per message); after a gap the adapter unsubscribes and subscribes the
 * orderbook topic and Bybit answers with a snapshot; deltas meanwhile are dropped as stale. Before
 * the fix a lost answer left the book waiting for good. Key ETHUSDT selects only the spot pair;
 * its frame 8 (a delta) is dropped, frame 9 skips a u (the gap), and the snapshot answering the
 * resubscribe comes next: frame 10, or 11 if one delta was already on the way; both are dropped.
 */

let simulator: BybitSimulator | undefined;
let engine: MarketDataEngine | undefined;

afterEach(async () => {
  await engine?.stop();
  await simulator?.close();
  engine = undefined;
  simulator = undefined;
});

async function start(faults: SimFaultConfig): Promise<{ simulator: BybitSimulator; engine: MarketDataEngine }> {
  simulator = await startBybitSimulator({ faults });
  engine = await startEngine(simulator);
  return { simulator, engine };
}

describe('Bybit: lost resync snapshot', () => {
  it('the snapshot answering a resubscribe is dropped: the resync times out, is issued again, the book recovers, books end equal', async () => {
    const { simulator, engine } = await start({ websocket: { drop: [{ key: 'ETHUSDT', frames: [8, 10, 11] }] } });
    await waitForSyncedBooks(engine);
    await waitFor('the gap on ETHUSDT', () => bybitStats(engine), (stats) => stats.feed.gaps >= 1);
    const brokenAt = Date.now();
    await waitFor('a timed-out resync', () => bybitStats(engine), (stats) => stats.feed.resyncTimeouts >= 1, RESYNC_TIMEOUT_MS + 10_000);
    await waitFor('ETH-USDT synced again', async () => engineBooks(await engine.instrumentReports()).get('ETH-USDT')?.state, (state) => state === BookState.SYNCED, 10_000);
    expect(Date.now() - brokenAt).toBeLessThan(RESYNC_TIMEOUT_MS + 5000);
    await sleep(1000);
    const books = await expectBooksEqualAfterStop(simulator, engine);
    const stats = await bybitStats(engine);
    expect(simulator.server.stats().frames.dropped).toBe(3);
    expect(stats.feed.gaps).toBe(1);
    expect(stats.feed.resyncs).toBe(1);
    expect(stats.feed.resyncTimeouts).toBe(1);
    expect(stats.feed.reconnects).toBe(0);
    expect(books.get('ETH-USDT')!.gaps).toBe(1);
    expect(books.get('BTC-USDT')!.gaps).toBe(0);
    // Three opening snapshots and ETH-USDT's re-issued one.
    expect(stats.records.snapshots).toBe(4);
  });

  it('5 % of orderbook frames dropped at random for 6 s (seeded, snapshots included): every book ends equal to the simulator', async () => {
    const { simulator, engine } = await start({ seed: 5, websocket: { drop: [{ probability: 0.05 }] } });
    await expectRandomDropsHealed(simulator, engine, bybitStats, () => expectBooksEqualAfterStop(simulator, engine));
  });
});
