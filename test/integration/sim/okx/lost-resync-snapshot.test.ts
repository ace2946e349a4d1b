// Regression (lost resync snapshot, OKX): the books snapshot answering a resubscribe is dropped; the resync times out, is issued again, and every book ends equal to the simulator's; also under 5 % random drops.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketDataEngine } from '../../../../src/actors/market-data-engine.js';
import { RESYNC_TIMEOUT_MS } from '../../../../src/actors/venues/common/resync-deadlines.js';
import { BookState } from '../../../../src/hotpath/book/book-engine.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import { expectRandomDropsHealed } from '../../../helpers/sim-engine-harness.js';
import { engineBooks, expectBooksEqualAfterStop, INST_IDS, okxStats, sleep, startEngine, startOkxSimulator, waitFor, waitForSyncedBooks, type OkxSimulator } from './okx-engine-harness.js';

/*
 * Before the fix the feed marked a listing "resync under way" and cleared the mark only when a
 * snapshot arrived: a lost snapshot left the book RESYNCING (its updates STALE) for as long as the
 * connection lived, because nothing timed the wait out. Frame numbers count one listing's books
 * frames on the connection (1 = its first snapshot, about 10 frames a second): frame 8 is an
 * update, dropped, so frame 9 breaks the prevSeqId chain and the listing is resubscribed; the
 * snapshot answering that comes next, normally frame 10 (the adapter reacts within the 100 ms tick),
 * and frame 11 is dropped too in case one update was already on the way.
 */

let simulator: OkxSimulator | undefined;
let engine: MarketDataEngine | undefined;

afterEach(async () => {
  await engine?.stop();
  await simulator?.close();
  engine = undefined;
  simulator = undefined;
});

async function start(faults: SimFaultConfig): Promise<{ simulator: OkxSimulator; engine: MarketDataEngine }> {
  simulator = await startOkxSimulator({ faults });
  engine = await startEngine(simulator);
  return { simulator, engine };
}

describe('OKX: lost resync snapshot', () => {
  it('the snapshot answering a resubscribe is dropped: the resync times out, is issued again, the book recovers, books end equal', async () => {
    const { simulator, engine } = await start({ websocket: { drop: [{ key: 'ETH-USDT', frames: [8, 10, 11] }] } });
    await waitForSyncedBooks(engine);
    const broken = await waitFor('the gap on ETH-USDT', () => okxStats(engine), (stats) => stats.feed.gaps >= 1);
    const brokenAt = Date.now();
    expect(broken.feed.resyncTimeouts).toBe(0);
    // Unsynced until the deadline passes (the old feed stayed here for good).
    await waitFor('ETH-USDT resynced after a timed-out resync', () => okxStats(engine), (stats) => stats.feed.resyncTimeouts >= 1, RESYNC_TIMEOUT_MS + 10_000);
    await waitFor('ETH-USDT synced again', async () => engineBooks(await engine.instrumentReports()).get('ETH-USDT')?.state, (state) => state === BookState.SYNCED, 10_000);
    // Deadline plus the first pause (≤ 500 ms), the check tick and room for a busy machine.
    expect(Date.now() - brokenAt).toBeLessThan(RESYNC_TIMEOUT_MS + 5000);
    await sleep(1000);
    const books = await expectBooksEqualAfterStop(simulator, engine);
    const stats = await okxStats(engine);
    expect(simulator.server.stats().frames.dropped).toBe(3);
    expect(stats.feed.gaps).toBe(1);
    expect(stats.feed.resyncs).toBe(1);
    expect(stats.feed.resyncTimeouts).toBe(1);
    expect(stats.feed.reconnects).toBe(0);
    expect(books.get('ETH-USDT')!.gaps).toBe(1);
    expect(books.get('BTC-USDT')!.gaps).toBe(0);
    // Three first snapshots and ETH-USDT's re-issued one (the lost one never arrived).
    expect(stats.records.snapshots).toBe(4);
  });

  it('5 % of books frames dropped at random for 6 s (seeded, snapshots included): every book ends equal to the simulator', async () => {
    const { simulator, engine } = await start({ seed: 7, websocket: { drop: [{ probability: 0.05 }] } });
    await expectRandomDropsHealed(simulator, engine, okxStats, () => expectBooksEqualAfterStop(simulator, engine, INST_IDS));
  });
});
