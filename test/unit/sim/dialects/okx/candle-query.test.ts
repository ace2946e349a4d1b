// OKX candle pagination over a real synthetic history: after/before bounds, newest first, the 1440-bucket window, aggregated bars, maintenance windows.
import { describe, expect, it } from 'vitest';
import { okxBar } from '../../../../../src/sim/dialects/okx/public-rest/candle-bars.js';
import { queryCandles, type CandleQuery } from '../../../../../src/sim/dialects/okx/public-rest/candle-query.js';
import { createMarketHistory } from '../../../../../src/sim/market/market-history.js';
import { simListings } from '../../../../../src/sim/market/sim-catalog.js';
import type { SimCandle } from '../../../../../src/sim/market/sim-market-types.js';

const MINUTE_MS = 60_000;
const listing = simListings('okx')[0]!;
const history = createMarketHistory('okx', listing, { seed: 5 });
const NOW = Date.parse('2024-06-10T12:34:56.789Z');
const bar1m = okxBar('1m')!;

function query(overrides: Partial<CandleQuery>): CandleQuery {
  return { afterMs: null, beforeMs: null, limit: 100, recentBuckets: null, ...overrides };
}

const times = (candles: SimCandle[]): number[] => candles.map((candle) => candle.openTimeMs);

describe('OKX candle query', () => {
  it('without bounds: the newest `limit` candles, newest first, the forming one unconfirmed', () => {
    const candles = queryCandles(history, bar1m, query({ limit: 5 }), NOW);
    expect(times(candles)).toEqual([0, 1, 2, 3, 4].map((back) => Date.parse('2024-06-10T12:34:00Z') - back * MINUTE_MS));
    expect(candles.map((candle) => candle.closed)).toEqual([false, true, true, true, true]);
  });

  it('after = records strictly earlier than ts; before alone = the latest records, all newer than ts', () => {
    const after = Date.parse('2024-06-01T00:00:00Z');
    expect(times(queryCandles(history, bar1m, query({ afterMs: after, limit: 3 }), NOW))).toEqual([after - MINUTE_MS, after - 2 * MINUTE_MS, after - 3 * MINUTE_MS]);
    const before = Date.parse('2024-06-10T12:00:00Z');
    const latest = queryCandles(history, bar1m, query({ beforeMs: before, limit: 3 }), NOW);
    expect(times(latest)).toEqual(times(queryCandles(history, bar1m, query({ limit: 3 }), NOW)));
    // All 34 minutes after 12:00 and the forming one, when the limit allows.
    expect(times(queryCandles(history, bar1m, query({ beforeMs: before, limit: 300 }), NOW))).toHaveLength(34);
  });

  it('after and before together: the open interval, as ccxt pages it (before = since - 1, after = since + limit minutes)', () => {
    const since = Date.parse('2024-05-01T00:00:00Z');
    const candles = queryCandles(history, bar1m, query({ beforeMs: since - 1, afterMs: since + 300 * MINUTE_MS, limit: 300 }), NOW);
    expect(candles).toHaveLength(300);
    expect(candles[0]!.openTimeMs).toBe(since + 299 * MINUTE_MS);
    expect(candles[299]!.openTimeMs).toBe(since);
    expect(candles.every((candle) => candle.closed)).toBe(true);
    expect([...candles].reverse()).toEqual(history.candles('1m', since, since + 300 * MINUTE_MS, 300, NOW));
  });

  it('/market/candles only reaches the latest 1440 buckets; history-candles reaches back to the origin', () => {
    const old = Date.parse('2024-06-01T00:00:00Z');
    expect(queryCandles(history, bar1m, query({ afterMs: old, recentBuckets: 1440 }), NOW)).toEqual([]);
    const recent = queryCandles(history, bar1m, query({ limit: 300, afterMs: NOW - 1400 * MINUTE_MS, recentBuckets: 1440 }), NOW);
    expect(recent.length).toBeGreaterThan(0);
    expect(Math.min(...times(recent))).toBeGreaterThanOrEqual(Date.parse('2024-06-10T12:34:00Z') - 1439 * MINUTE_MS);
    expect(queryCandles(history, bar1m, query({ afterMs: history.originMs + 10 * MINUTE_MS }), NOW)).toHaveLength(10);
  });

  it('aggregates Hong Kong days from 4h candles exactly as from the 1m candles of 16:00–16:00 UTC', () => {
    const day = okxBar('1D')!;
    const [newest, previous] = queryCandles(history, day, query({ limit: 2 }), NOW);
    expect(newest!.openTimeMs).toBe(Date.parse('2024-06-09T16:00:00Z'));
    expect(newest!.closed).toBe(false);
    expect(previous!.openTimeMs).toBe(Date.parse('2024-06-08T16:00:00Z'));
    expect(previous!.closed).toBe(true);
    const minutes = history.candles('1m', previous!.openTimeMs, newest!.openTimeMs, 2000, NOW);
    expect(previous).toMatchObject({
      open: minutes[0]!.open,
      close: minutes[minutes.length - 1]!.close,
      high: Math.max(...minutes.map((candle) => candle.high)),
      low: Math.min(...minutes.map((candle) => candle.low)),
      volumeLots: minutes.reduce((sum, candle) => sum + candle.volumeLots, 0),
      quoteVolumeTickLots: minutes.reduce((sum, candle) => sum + candle.quoteVolumeTickLots, 0n),
    });
    // 1Dutc is the history's own 1d candle.
    const [utc] = queryCandles(history, okxBar('1Dutc')!, query({ limit: 1, afterMs: Date.parse('2024-06-10T00:00:00Z') }), NOW);
    expect(utc).toEqual(history.candles('1d', Date.parse('2024-06-09T00:00:00Z'), Date.parse('2024-06-10T00:00:00Z'), 1, NOW)[0]);
  });

  it('walks past a maintenance window (no candles there) to fill the limit', () => {
    const [window] = history.maintenanceWindows(history.originMs, NOW);
    expect(window).toBeDefined();
    const [startMs, endMs] = window!;
    const candles = queryCandles(history, bar1m, query({ afterMs: endMs + 10 * MINUTE_MS, limit: 30 }), NOW);
    expect(candles).toHaveLength(30);
    expect(candles[9]!.openTimeMs).toBe(endMs);
    expect(candles[10]!.openTimeMs).toBe(startMs - MINUTE_MS);
  });
});
