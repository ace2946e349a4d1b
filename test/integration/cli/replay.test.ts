// `zvt replay` through the built CLI: the real adapters replay every shared session with verified
// books, no gaps, and a sane book for every recorded instrument.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReplayStats } from '../../../src/cli/replay-session.js';
import { loadRecording } from '../../../src/sim/recording/read-recording.js';
import { ALL_RECORDINGS, BYBIT_RECORDING } from '../../helpers/recordings.js';
import { ensureBuiltCli, runZvt } from './built-cli.js';

beforeAll(async () => {
  await ensureBuiltCli();
}, 120_000);

/** Compares canonical decimal strings exactly. */
function compareDecimals(a: string, b: string): number {
  const scale = (text: string): bigint => {
    const [whole = '0', fraction = ''] = text.split('.');
    return BigInt(whole + fraction.padEnd(18, '0'));
  };
  const difference = scale(a) - scale(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

describe('zvt replay', () => {
  it('replays all three shared recordings through the real adapters: every frame read, no gaps, sane books', async () => {
    const statsPath = join(mkdtempSync(join(tmpdir(), 'zvt-replay-')), 'stats.json');
    const result = await runZvt(['replay', ...ALL_RECORDINGS, '--stats-json', statsPath]);
    expect(result.code, result.stderr).toBe(0);
    const stats = JSON.parse(readFileSync(statsPath, 'utf8')) as ReplayStats[];
    expect(stats.map((venue) => venue.venue)).toEqual(['binance', 'bybit', 'coinbase']);
    for (const [index, path] of ALL_RECORDINGS.entries()) {
      const recording = await loadRecording(path);
      const venue = stats[index]!;
      const recorded = recording.connections.reduce((sum, connection) => sum + connection.frames.filter((frame) => frame.direction === 'recv').length, 0);
      // Every recorded frame reached the adapter (Bybit adds its pong replies to our pings, if any were sent).
      expect(venue.frames).toBeGreaterThanOrEqual(recorded);
      expect(venue.integrity.gaps).toBe(0);
      expect(venue.integrity.checksumFailures).toBe(0);
      expect(venue.integrity.resyncTimeouts).toBe(0);
      expect(venue.bookUpdates).toBeGreaterThan(0);
      expect(venue.trades).toBeGreaterThan(0);
      const books = Object.entries(venue.books);
      expect(books.length).toBeGreaterThan(0);
      for (const [key, book] of books) {
        expect(book.bids.length, key).toBe(10);
        expect(book.asks.length, key).toBe(10);
        // Best first, strictly ordered, never crossed; canonical decimal text (no exponent, no trailing zeros).
        for (let level = 1; level < 10; level++) {
          expect(compareDecimals(book.bids[level]![0], book.bids[level - 1]![0]), key).toBe(-1);
          expect(compareDecimals(book.asks[level]![0], book.asks[level - 1]![0]), key).toBe(1);
        }
        expect(compareDecimals(book.bids[0]![0], book.asks[0]![0]), key).toBe(-1);
        for (const [price, size] of [...book.bids, ...book.asks]) {
          expect(price).toMatch(/^\d+(\.\d*[1-9])?$/);
          expect(size).toMatch(/^\d+(\.\d*[1-9])?$/);
        }
      }
    }
    expect(Object.keys(stats[1]!.books).sort()).toEqual(['bybit:linear:BTCUSDT', 'bybit:linear:DOGEUSDT', 'bybit:linear:ETHUSDT', 'bybit:linear:SOLUSDT', 'bybit:spot:BTCUSDT', 'bybit:spot:ETHUSDT']);
    expect(Object.keys(stats[0]!.books).sort()).toEqual(['binance:BLZETH', 'binance:LRCBTC', 'binance:NKNUSDT', 'binance:RUNEEUR']);
    expect(result.stdout).toMatch(/^bybit: \d+ frames, \d+ book updates, \d+ trades; gaps 0/m);
  }, 120_000);

  it('regression: exits as soon as the report is written (a pending 30 s drain timeout kept the process alive)', async () => {
    const startedAt = Date.now();
    const result = await runZvt(['replay', BYBIT_RECORDING]);
    expect(result.code, result.stderr).toBe(0);
    expect(Date.now() - startedAt).toBeLessThan(20_000);
  });

  it('rejects a bad speed and a missing file with clear messages', async () => {
    const badSpeed = await runZvt(['replay', BYBIT_RECORDING, '--speed', 'fast']);
    expect(badSpeed.code).toBe(2);
    expect(badSpeed.stderr).toContain('must be a positive number or "max"');
    const missing = await runZvt(['replay', '/nonexistent.jsonl.gz']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ZVT_ERR_RECORDING_READ');
  });
});
