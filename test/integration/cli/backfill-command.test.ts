// `zvt backfill` and `zvt gaps` as built commands against a running simulator named by its endpoints file.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/sim/start-simulator.js';
import { openStore } from '../../../src/store/open-store.js';
import { ensureBuiltCli, runZvt } from './built-cli.js';

let sim: RunningSimulator;
let directory: string;
let endpointsFile: string;

beforeAll(async () => {
  await ensureBuiltCli();
  sim = await startSimulator({ seed: 4, venues: ['binance', 'okx'] });
  directory = mkdtempSync(join(tmpdir(), 'zvt-backfill-cli-'));
  endpointsFile = join(directory, 'endpoints.json');
  // The file `zvt sim --endpoints-json` writes.
  writeFileSync(endpointsFile, JSON.stringify(sim.endpoints));
}, 180_000);

afterAll(async () => {
  await sim.close();
});

describe('zvt backfill / zvt gaps', () => {
  it('backfills two venues in parallel, reports plainly when not on a terminal, and a second run finds nothing missing', async () => {
    const store = `duckdb:${join(directory, 'cli.duckdb')}`;
    const reportFile = join(directory, 'report.json');
    const args = ['backfill', '--venue', 'binance,okx', '--symbols', 'BTC-USDT', '--timeframes', '1h,1d', '--from', '2025-01-01', '--to', '2025-03-01', '--endpoints-json', endpointsFile, '--store', store];
    const first = await runZvt([...args, '--report-json', reportFile]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^binance:BTC-USDT 1h: 0\/1416 stored before, 1 gaps \(1416 candles missing\), \d+ filled, \d+ with no data at the venue, 0 rejected$/m);
    expect(first.stdout).toMatch(/^okx:BTC-USDT 1d: 0\/59 stored before, 1 gaps \(59 candles missing\), 59 filled, 0 with no data at the venue, 0 rejected$/m);
    expect(first.stdout).toMatch(/^binance: \d+ requests, 0 rate-limit refusals, 0 retries/m);
    // Not a terminal: plain progress lines with rate and ETA, no carriage returns.
    expect(first.stderr).toMatch(/backfill 100% [\d,]+\/[\d,]+ candles, [\d,]+\/s, ETA 00:00/);
    expect(first.stderr).not.toContain('\r');
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { totals: { filled: number; failedSeries: number } };
    expect(report.totals.failedSeries).toBe(0);

    const second = await runZvt(args);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^total: \d+ missing, 0 filled/m);

    const gaps = await runZvt(['gaps', '--venue', 'okx', '--symbol', 'BTC-USDT', '--timeframe', '1d', '--endpoints-json', endpointsFile, '--store', store]);
    expect(gaps.code, gaps.stderr).toBe(0);
    expect(gaps.stdout).toMatch(/^okx:BTC-USDT 1d: 59\/59 stored before, 0 gaps \(0 candles missing\), 0 filled, 0 repairable/m);

    const opened = await openStore(store);
    try {
      const candles = await opened.read('candles', { venue: 'okx', symbol: 'BTC-USDT' });
      expect(candles.filter((row) => row.timeframe === '1d')).toHaveLength(59);
    } finally {
      await opened.close();
    }
  }, 180_000);

  it('refuses bad input with exit code 2 and a message naming the problem', async () => {
    const badVenue = await runZvt(['backfill', '--venue', 'kraken', '--symbols', 'BTC-USDT', '--timeframes', '1m', '--from', '2025-01-01']);
    expect(badVenue.code).toBe(2);
    expect(badVenue.stderr).toContain('"kraken" is not a venue backfill knows (binance, okx, bybit, coinbase)');
    const badTimeframe = await runZvt(['backfill', '--venue', 'binance', '--symbols', 'BTC-USDT', '--timeframes', '2m', '--from', '2025-01-01']);
    expect(badTimeframe.code).toBe(2);
    expect(badTimeframe.stderr).toContain('2m');
    const badDate = await runZvt(['backfill', '--venue', 'binance', '--symbols', 'BTC-USDT', '--timeframes', '1m', '--from', 'yesterday']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('must be a date');
    const unknownSymbol = await runZvt(['backfill', '--venue', 'binance', '--symbols', 'DOGE-USDT', '--timeframes', '1m', '--from', '2025-01-01', '--endpoints-json', endpointsFile, '--store', `duckdb:${join(directory, 'x.duckdb')}`]);
    expect(unknownSymbol.code).toBe(1);
    expect(unknownSymbol.stderr).toContain('ZVT_ERR_BACKFILL_ARGUMENT: binance lists no trading instrument DOGE-USDT');
  }, 120_000);
});
