// Backfill progress: a redrawn bar on a terminal, plain lines elsewhere, with rate and ETA from the work done.
import { describe, expect, it } from 'vitest';
import { BackfillProgress } from '../../../../src/store/backfill/backfill-progress.js';

function output(isTTY: boolean): { writes: string[]; isTTY: boolean; columns: number; write(text: string): void } {
  const writes: string[] = [];
  return { writes, isTTY, columns: 100, write: (text) => writes.push(text) };
}

describe('BackfillProgress', () => {
  it('redraws one terminal line in place with percent, rate and ETA, and ends it with a newline', () => {
    let now = 0;
    const terminal = output(true);
    const progress = new BackfillProgress(terminal, 10_000, () => now);
    now = 1_000;
    progress.advance(2_500, 'binance:BTC-USDT 1m');
    now = 1_050;
    progress.advance(10, 'binance:BTC-USDT 1m');
    now = 2_000;
    progress.advance(2_490, 'okx:BTC-USDT 1m');
    progress.finish();
    expect(terminal.writes[0]).toBe(`\r${'[######..................] 25% 2,500/10,000 candles, 2,500/s, ETA 00:03  binance:BTC-USDT 1m'.padEnd(99)}`);
    // The 50 ms later update was not drawn (at most every 100 ms); the next one was.
    expect(terminal.writes).toHaveLength(4);
    expect(terminal.writes[1]).toContain('50% 5,000/10,000 candles, 2,500/s, ETA 00:02  okx:BTC-USDT 1m');
    expect(terminal.writes[3]).toBe('\n');
  });

  it('prints plain timestamped lines at most every 5 s when not on a terminal', () => {
    let now = Date.UTC(2025, 0, 1);
    const plain = output(false);
    const progress = new BackfillProgress(plain, 600, () => now, 'minutes of trades');
    for (let step = 0; step < 60; step++) {
      now += 1_000;
      progress.advance(10, 'okx:BTC-USDT trades');
    }
    expect(plain.writes.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
    expect(plain.writes.length).toBe(12);
    expect(plain.writes[0]).toBe('2025-01-01T00:00:01.000Z backfill 1% 10/600 minutes of trades, 10/s, ETA 00:59  okx:BTC-USDT trades\n');
  });
});
