// Regression (lost resync snapshot, Coinbase): the level2 snapshot answering a resubscribe is dropped; the resync times out, is issued again, and both books end equal to the simulator's; also under 5 % random drops.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketDataEngine } from '../../../../src/actors/market-data-engine.js';
import { RESYNC_TIMEOUT_MS } from '../../../../src/actors/venues/common/resync-deadlines.js';
import { BookState } from '../../../../src/hotpath/book/book-engine.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import { expectRandomDropsHealed } from '../../../helpers/sim-engine-harness.js';
import { coinbaseStats, expectBooksEqualAfterStop, sleep, startCoinbaseSimulator, startEngine, waitFor, waitForSyncedBooks, type CoinbaseSimulator } from './coinbase-engine-harness.js';

/*
 * The reported case: ETH-USD stayed RESYNCING with 2 gaps for 12 s while BTC-USD kept healing.
 * Coinbase numbers every message of a connection (sequence_num), so a lost level2 message is a gap
 * on the connection and both products are resubscribed. Frame numbers count one product's book
 * frames (1 = its first snapshot, about 10 a second): ETH-USD frame 8 is an update, dropped; the
 * next message shows the hole and the adapter resubscribes; ETH-USD's next book frame is the
 * snapshot answering that (frame 9, or 10 if an update was already on the way): both dropped.
 * That loss is a new sequence_num hole, which resyncs BTC-USD again but cannot restart ETH-USD's
 * resync (one is under way): only its deadline can.
 */

let simulator: CoinbaseSimulator | undefined;
let engine: MarketDataEngine | undefined;

afterEach(async () => {
  await engine?.stop();
  await simulator?.close();
  engine = undefined;
  simulator = undefined;
});

async function start(faults: SimFaultConfig): Promise<{ simulator: CoinbaseSimulator; engine: MarketDataEngine }> {
  simulator = await startCoinbaseSimulator({ faults });
  engine = await startEngine(simulator);
  return { simulator, engine };
}

async function stateOf(engine: MarketDataEngine, native: string): Promise<number | undefined> {
  for (const report of await engine.instrumentReports()) for (const book of report.books) if (book.id.startsWith('coinbase:') && book.native === native) return book.state;
  return undefined;
}

describe('Coinbase: lost resync snapshot', () => {
  it('the snapshot answering a resubscribe is dropped: ETH-USD times out, is resubscribed again and recovers; books end equal', async () => {
    const { simulator, engine } = await start({ websocket: { drop: [{ key: 'ETH-USD', frames: [8, 9, 10] }] } });
    await waitForSyncedBooks(engine);
    await waitFor('the gap', () => coinbaseStats(engine), (stats) => stats.feed.gaps >= 1);
    const brokenAt = Date.now();
    await waitFor('a timed-out resync', () => coinbaseStats(engine), (stats) => stats.feed.resyncTimeouts >= 1, RESYNC_TIMEOUT_MS + 10_000);
    await waitFor('ETH-USD synced again', () => stateOf(engine, 'ETH-USD'), (state) => state === BookState.SYNCED, 10_000);
    // Deadline plus the first pause (≤ 500 ms), the check tick and room for a busy machine.
    expect(Date.now() - brokenAt).toBeLessThan(RESYNC_TIMEOUT_MS + 5000);
    await sleep(1000);
    await expectBooksEqualAfterStop(simulator, engine);
    const stats = await coinbaseStats(engine);
    expect(simulator.server.stats().frames.dropped).toBe(3);
    expect(stats.feed.resyncTimeouts).toBe(1);
    expect(stats.feed.reconnects).toBe(0);
  });

  it('5 % of level2 frames dropped at random for 6 s (seeded, snapshots included): both books end equal to the simulator', async () => {
    const { simulator, engine } = await start({ seed: 3, websocket: { drop: [{ probability: 0.05 }] } });
    await expectRandomDropsHealed(simulator, engine, coinbaseStats, () => expectBooksEqualAfterStop(simulator, engine));
  });
});
