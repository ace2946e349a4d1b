// Regression (lost resync snapshot, Binance): the REST depth snapshot a resync asks for hangs or fails; the resync times out or backs off, is issued again, and every book ends equal to the simulator's; also under 5 % random drops.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketDataEngine } from '../../../../src/actors/market-data-engine.js';
import { RESYNC_TIMEOUT_MS } from '../../../../src/actors/venues/common/resync-deadlines.js';
import { BookState } from '../../../../src/hotpath/book/book-engine.js';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import { expectRandomDropsHealed } from '../../../helpers/sim-engine-harness.js';
import { binanceStats, engineBooks, expectBooksEqualAfterStop, sleep, startBinanceSimulator, startEngine, waitFor, waitForSyncedBooks, type BinanceSimulator } from './binance-sim-harness.js';

/*
 * Binance resyncs a symbol from GET /api/v3/depth. Before the fix a request that never answered
 * kept the symbol "resync under way" for good (nothing timed it out; the diffs were buffered and
 * the book stayed RESYNCING). The faults are installed once the books are synced (frame counters
 * restart then): BTCUSDT's third diff after that is dropped, the fourth shows the U/u hole, and
 * the depth request of the resync hangs (held 60 s, then cut) or is answered 503.
 */

const DEPTH_PATH = '/api/v3/depth';

let simulator: BinanceSimulator | undefined;
let engine: MarketDataEngine | undefined;

afterEach(async () => {
  await engine?.stop();
  await simulator?.close();
  engine = undefined;
  simulator = undefined;
});

async function startSynced(): Promise<{ simulator: BinanceSimulator; engine: MarketDataEngine }> {
  simulator = await startBinanceSimulator();
  engine = await startEngine(simulator);
  await waitForSyncedBooks(engine);
  return { simulator, engine };
}

async function btcState(engine: MarketDataEngine): Promise<number | undefined> {
  return engineBooks(await engine.instrumentReports()).get('BTCUSDT')?.state;
}

describe('Binance: lost resync snapshot', () => {
  it('the REST depth request of a resync hangs: it is aborted at the deadline, issued again, the book recovers, books end equal', async () => {
    const { simulator, engine } = await startSynced();
    const faults: SimFaultConfig = { websocket: { drop: [{ key: 'BTCUSDT', frames: [3] }] }, rest: { timeout: { rate: 1, holdMs: 60_000, pathPrefix: DEPTH_PATH } } };
    simulator.server.faults.set(faults);
    await waitFor('the resync depth request held', () => simulator.server.stats().rest.timeouts, (held) => held >= 1);
    const heldAt = Date.now();
    // Only that one request hangs; the next one is answered.
    simulator.server.faults.clear();
    expect(await btcState(engine)).not.toBe(BookState.SYNCED);
    await waitFor('a timed-out resync', () => binanceStats(engine), (stats) => stats.feed.resyncTimeouts >= 1, RESYNC_TIMEOUT_MS + 10_000);
    await waitFor('BTCUSDT synced again', () => btcState(engine), (state) => state === BookState.SYNCED, 10_000);
    expect(Date.now() - heldAt).toBeLessThan(RESYNC_TIMEOUT_MS + 5000);
    await sleep(1000);
    await expectBooksEqualAfterStop(simulator, engine);
    const stats = await binanceStats(engine);
    expect(simulator.server.stats().rest.timeouts).toBe(1);
    expect(stats.feed.gaps).toBe(1);
    expect(stats.feed.resyncs).toBe(1);
    expect(stats.feed.resyncTimeouts).toBe(1);
    expect(stats.feed.reconnects).toBe(0);
    // Three first snapshots and BTCUSDT's second (the hung request never answered).
    expect(stats.records.snapshots).toBe(4);
  });

  it('the REST depth requests of a resync fail (503): each failure backs off and asks again until one is answered; no timeout', async () => {
    const { simulator, engine } = await startSynced();
    simulator.server.faults.set({ websocket: { drop: [{ key: 'BTCUSDT', frames: [3] }] }, rest: { errors: [{ status: 503, rate: 1, pathPrefix: DEPTH_PATH }] } });
    await waitFor('two failed depth requests', () => simulator.server.stats().rest.faultErrors, (errors) => errors >= 2);
    simulator.server.faults.clear();
    await waitFor('BTCUSDT synced again', () => btcState(engine), (state) => state === BookState.SYNCED, 10_000);
    await sleep(1000);
    await expectBooksEqualAfterStop(simulator, engine);
    const stats = await binanceStats(engine);
    expect(stats.feed.gaps).toBe(1);
    expect(stats.feed.resyncs).toBe(1);
    expect(stats.feed.resyncTimeouts).toBe(0);
    expect(stats.feed.reconnects).toBe(0);
  });

  it('5 % of depth diffs dropped at random for 6 s (seeded): every book ends equal to the simulator', async () => {
    simulator = await startBinanceSimulator({ faults: { seed: 9, websocket: { drop: [{ probability: 0.05 }] } } });
    engine = await startEngine(simulator);
    const served = simulator;
    const running = engine;
    await expectRandomDropsHealed(served, running, binanceStats, () => expectBooksEqualAfterStop(served, running));
  });
});
