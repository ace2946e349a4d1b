// book_snapshots: the instrument actors' synced books, top N levels at most once per interval, recorded into DuckDB
// while the engine runs against the simulator; the last one taken after the final change equals the venue's book.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MarketDataEngine } from '../../../src/actors/market-data-engine.js';
import { createLogger } from '../../../src/config/logger.js';
import { priceText, sizeText } from '../../../src/sim/market/sim-instrument.js';
import { startSimulator } from '../../../src/sim/start-simulator.js';
import { journalDirectoryOf } from '../../../src/store/journal/journal-directory.js';
import { openStore } from '../../../src/store/open-store.js';
import { testConfig } from '../../helpers/test-config.js';

const config = testConfig({ log: { level: 'error' } });
const logger = createLogger(config, { component: 'test' });
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const compare = (a: string, b: string): number => Number(a) - Number(b);

describe('book snapshots', () => {
  it('records each synced book at most once per interval, well-formed, the last equal to the simulator after its final change', async () => {
    const sim = await startSimulator({ seed: 21, venues: ['binance'] });
    const store = `duckdb:${join(mkdtempSync(join(tmpdir(), 'zvt-book-snapshots-')), 'zvt.duckdb')}`;
    const engine = await MarketDataEngine.start({
      endpoints: [{ venue: 'binance', restBaseUrl: sim.endpoints.binance!.rest, wsBaseUrl: sim.endpoints.binance!.ws, canonicals: ['BTC-USDT', 'ETH-USDT'] }],
      config,
      logger,
      replay: false,
      recorder: { store, journalDir: journalDirectoryOf(mkdtempSync(join(tmpdir(), 'zvt-journal-')), store) },
      bookSnapshots: { intervalMs: 200, depth: 5 },
    });
    const exchange = sim.exchange('binance');
    let flushed: Awaited<ReturnType<MarketDataEngine['flushRecorder']>> | undefined;
    try {
      await sleep(3_000);
      // Freeze the venue, let the interval pass, then make one last change: the snapshot it triggers is the final book.
      exchange.stop();
      await sleep(1_500);
      exchange.stepTo(Date.now());
      await sleep(1_500);
      flushed = await engine.flushRecorder(30_000);
      const reports = await engine.instrumentReports();
      expect(reports.reduce((sum, report) => sum + report.bookSnapshotDrops, 0)).toBe(0);
      expect(flushed?.done).toBe(true);
    } finally {
      await engine.stop();
      await sim.close();
    }
    expect(flushed?.stats.records.bookSnapshots).toBeGreaterThan(0);

    const opened = await openStore(store);
    try {
      const snapshots = await opened.read('book_snapshots');
      expect(snapshots.length).toBe(flushed?.stats.records.bookSnapshots);
      for (const [canonical, native] of [['BTC-USDT', 'BTCUSDT'], ['ETH-USDT', 'ETHUSDT']] as const) {
        const ofBook = snapshots.filter((row) => row.symbol === canonical);
        // About 3 s of changes at 200 ms, plus the final one.
        expect(ofBook.length, canonical).toBeGreaterThanOrEqual(5);
        expect(ofBook.length, canonical).toBeLessThanOrEqual(3_000 / 200 + 3);
        for (let index = 0; index < ofBook.length; index++) {
          const row = ofBook[index]!;
          expect(row).toMatchObject({ venue: 'binance', depth: 5, tsEventNs: null, flags: 1 | 4 });
          expect(row.bids.length).toBe(5);
          expect(row.asks.length).toBe(5);
          expect(row.bids.map(([price]) => price)).toEqual(row.bids.map(([price]) => price).sort(compare).reverse());
          expect(row.asks.map(([price]) => price)).toEqual(row.asks.map(([price]) => price).sort(compare));
          expect(compare(row.bids[0]![0], row.asks[0]![0])).toBeLessThan(0);
          if (index > 0) expect(row.tsRecvNs - ofBook[index - 1]!.tsRecvNs).toBeGreaterThanOrEqual(200_000_000n);
        }
        const instrument = exchange.listing(native)!.instrument;
        const venueBook = exchange.snapshot(native, 5);
        const last = ofBook[ofBook.length - 1]!;
        expect({ bids: last.bids, asks: last.asks }, canonical).toEqual({
          bids: venueBook.bids.map((level) => [priceText(instrument, level.priceTicks), sizeText(instrument, level.sizeLots)]),
          asks: venueBook.asks.map((level) => [priceText(instrument, level.priceTicks), sizeText(instrument, level.sizeLots)]),
        });
      }
    } finally {
      await opened.close();
    }
  }, 60_000);
});
