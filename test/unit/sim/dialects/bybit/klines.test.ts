// Bybit kline intervals from the market history: every interval's bars on their boundaries, grouped bars folding their parts exactly, and Bybit's paging.
import { describe, expect, it } from 'vitest';
import { klineEndMs, klinePage, klinesBetween, klineStartMs } from '../../../../../src/sim/dialects/bybit/bybit-klines.js';
import { KLINE_INTERVALS } from '../../../../../src/sim/dialects/bybit/public-ws/public-topics.js';
import { createMarketHistory } from '../../../../../src/sim/market/market-history.js';
import { simListings } from '../../../../../src/sim/market/sim-catalog.js';

const listing = simListings('bybit')[0]!;
const history = createMarketHistory('bybit', listing, { seed: 12 });
const NOW = Date.UTC(2024, 2, 14, 13, 27, 31);
const HOUR = 3_600_000;

describe('Bybit klines', () => {
  it('bar boundaries: 3 minutes, 2/6/12 hours on the epoch grid, weeks on Mondays, months on the 1st', () => {
    expect(klineStartMs('3', Date.UTC(2024, 0, 1, 0, 4, 59))).toBe(Date.UTC(2024, 0, 1, 0, 3));
    expect(klineStartMs('120', Date.UTC(2024, 0, 1, 3, 30))).toBe(Date.UTC(2024, 0, 1, 2));
    expect(klineStartMs('360', Date.UTC(2024, 0, 1, 17))).toBe(Date.UTC(2024, 0, 1, 12));
    expect(klineStartMs('720', Date.UTC(2024, 0, 1, 11, 59))).toBe(Date.UTC(2024, 0, 1));
    expect(klineStartMs('W', Date.UTC(2024, 0, 10))).toBe(Date.UTC(2024, 0, 8));
    expect(klineStartMs('M', Date.UTC(2024, 1, 29, 23))).toBe(Date.UTC(2024, 1, 1));
    expect(klineEndMs('M', Date.UTC(2024, 1, 29, 23))).toBe(Date.UTC(2024, 2, 1));
  });

  it('every interval answers bars on its boundaries, the last forming', () => {
    for (const interval of KLINE_INTERVALS) {
      const bars = klinePage(history, interval, undefined, undefined, 5, NOW);
      expect(bars.length, interval).toBeGreaterThan(0);
      for (const bar of bars) expect(klineStartMs(interval, bar.openTimeMs), interval).toBe(bar.openTimeMs);
      const last = bars[bars.length - 1]!;
      if (klineEndMs(interval, NOW) > NOW && last.openTimeMs === klineStartMs(interval, NOW)) expect(last.closed, interval).toBe(false);
    }
  });

  it('a 6-hour bar folds its six hourly bars exactly', () => {
    const from = Date.UTC(2024, 2, 13);
    const six = klinesBetween(history, '360', from, from + 24 * HOUR, NOW);
    const hours = history.candles('1h', from, from + 24 * HOUR, 100, NOW);
    for (const bar of six) {
      const parts = hours.filter((hour) => hour.openTimeMs >= bar.openTimeMs && hour.openTimeMs < bar.closeTimeMs);
      expect(bar.open).toBe(parts[0]!.open);
      expect(bar.close).toBe(parts[parts.length - 1]!.close);
      expect(bar.high).toBe(Math.max(...parts.map((part) => part.high)));
      expect(bar.low).toBe(Math.min(...parts.map((part) => part.low)));
      expect(bar.volumeLots).toBe(parts.reduce((total, part) => total + part.volumeLots, 0));
      expect(bar.quoteVolumeTickLots).toBe(parts.reduce((total, part) => total + part.quoteVolumeTickLots, 0n));
      expect(bar.tradeCount).toBe(parts.reduce((total, part) => total + part.tradeCount, 0));
    }
  });

  it('paging: with start, bars from the one containing start forward; without, the newest at or before end', () => {
    const start = Date.UTC(2024, 2, 14, 10, 0, 30);
    const forward = klinePage(history, '1', start, undefined, 4, NOW);
    expect(forward[0]!.openTimeMs).toBe(Date.UTC(2024, 2, 14, 10));
    expect(forward).toHaveLength(4);
    const end = Date.UTC(2024, 2, 14, 12, 0, 0);
    const backward = klinePage(history, '1', undefined, end, 4, NOW);
    expect(backward[backward.length - 1]!.openTimeMs).toBeLessThanOrEqual(end);
    expect(backward).toHaveLength(4);
    const starts = backward.map((bar) => bar.openTimeMs);
    expect(starts).toEqual([...starts].sort((left, right) => left - right));
    // Nothing after now, nothing before the model's origin.
    expect(klinePage(history, '1', NOW + 60_000, undefined, 4, NOW)).toEqual([]);
    expect(klinePage(history, 'D', undefined, history.originMs - 1, 10, NOW)).toEqual([]);
  });
});
