// zvt backfill / zvt gaps against the simulator's REST: real pagination and limits, injected 429s and 5xx,
// maintenance windows the venue has no data for; every stored candle equal to the simulator's own history.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSeries } from '../../../src/cli/candle-jobs-setup.js';
import type { Timeframe } from '../../../src/model/timeframe.js';
import { priceText, sizeText } from '../../../src/sim/market/sim-instrument.js';
import type { SimVenue } from '../../../src/sim/market/sim-market-types.js';
import { startSimulator, type RunningSimulator } from '../../../src/sim/start-simulator.js';
import type { BackfillVenue } from '../../../src/store/backfill/candle-series.js';
import { runCandleJobs } from '../../../src/store/backfill/run-candle-jobs.js';
import { runTradeJobs } from '../../../src/store/backfill/run-trade-jobs.js';
import { openStore } from '../../../src/store/open-store.js';
import type { Store } from '../../../src/store/store.js';

const YEAR_FROM = Date.UTC(2025, 0, 1);
const YEAR_TO = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

const simulators: RunningSimulator[] = [];
const stores: Store[] = [];
afterAll(async () => {
  for (const store of stores.splice(0)) await store.close().catch(() => undefined);
  for (const sim of simulators.splice(0)) await sim.close();
});

async function simulator(options: Parameters<typeof startSimulator>[0]): Promise<RunningSimulator> {
  const sim = await startSimulator(options);
  simulators.push(sim);
  return sim;
}

async function freshStore(): Promise<Store> {
  const store = await openStore(`duckdb:${join(mkdtempSync(join(tmpdir(), 'zvt-backfill-')), 'zvt.duckdb')}`);
  stores.push(store);
  return store;
}

function urlsOf(sim: RunningSimulator, venues: readonly BackfillVenue[]): Map<BackfillVenue, string> {
  return new Map(venues.map((venue) => [venue, sim.endpoints[venue]!.rest]));
}

/** The simulator's own candles of a listing, as text rows keyed like the store's. */
function simCandles(sim: RunningSimulator, venue: SimVenue, native: string, timeframe: Timeframe, fromMs: number, toMs: number) {
  const history = sim.exchange(venue).history(native);
  return history.candles(timeframe, fromMs, toMs, Number.MAX_SAFE_INTEGER, Date.now()).map((candle) => ({
    tsOpenNs: BigInt(candle.openTimeMs) * 1_000_000n,
    open: priceText(history.instrument, candle.open),
    high: priceText(history.instrument, candle.high),
    low: priceText(history.instrument, candle.low),
    close: priceText(history.instrument, candle.close),
    volume: sizeText(history.instrument, candle.volumeLots),
  }));
}

async function storedCandles(store: Store, venue: string, symbol: string, timeframe: Timeframe) {
  const rows = await store.read('candles', { venue, symbol });
  return rows.filter((row) => row.timeframe === timeframe).map(({ tsOpenNs, open, high, low, close, volume }) => ({ tsOpenNs, open, high, low, close, volume }));
}

describe('backfill against the simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await simulator({ seed: 11, venues: ['binance', 'okx', 'bybit', 'coinbase'] });
  });

  it('loads a year of Binance 1m candles in two resumed runs, equal to the venue history, with no rate-limit refusal', async () => {
    const store = await freshStore();
    const { series, sessions } = await prepareSeries(['binance'], ['BTC-USDT'], ['1m'], urlsOf(sim, ['binance']));
    // An interrupted run: the first half of the year.
    const first = await runCandleJobs({ mode: 'backfill', series, sessions, store, fromMs: YEAR_FROM, toMs: Date.UTC(2025, 6, 1) });
    const firstRequests = first.venues.binance!.requests;
    // Resumed over the whole year: only what is missing is asked for.
    const second = await runCandleJobs({ mode: 'backfill', series, sessions, store, fromMs: YEAR_FROM, toMs: YEAR_TO });
    const [report] = second.series;
    expect(report!.storedBefore).toBe(first.totals.filled);
    expect(report!.expectedBuckets).toBe(365 * 1440);
    expect(second.venues.binance!.requests - firstRequests).toBeLessThan(firstRequests * 1.2);

    const expected = simCandles(sim, 'binance', 'BTCUSDT', '1m', YEAR_FROM, YEAR_TO);
    const stored = await storedCandles(store, 'binance', 'BTC-USDT', '1m');
    expect(stored.length).toBe(expected.length);
    expect(stored).toEqual(expected);
    expect(first.totals.filled + second.totals.filled).toBe(expected.length);
    // The buckets not stored are exactly the venue's maintenance windows, reported as such (the resumed
    // run asks again about the first half's windows: nothing stored there, so they are still missing).
    const windows = sim.exchange('binance').history('BTCUSDT').maintenanceWindows(YEAR_FROM, YEAR_TO);
    expect(windows.length).toBeGreaterThan(0);
    const reportedEmpty = report!.venueEmptyRanges.map((range) => [Date.parse(range.from), Date.parse(range.to)]);
    expect(reportedEmpty).toEqual(windows.map(([start, end]) => [start, end]));
    expect(first.totals.rejected + second.totals.rejected).toBe(0);

    // Nothing lost to rate limits: our budget kept under the venue's 6000 weight per minute.
    expect(second.venues.binance!.rateLimitRefusals).toBe(0);
    const stats = sim.server('binance').stats();
    expect(stats.rateLimits.refusals).toBe(0);
    expect(stats.responses['429'] ?? 0).toBe(0);
    expect(stats.responses['418'] ?? 0).toBe(0);
  }, 240_000);

  it('OKX (newest-first pages of 100, UTC daily bars), Bybit (spot and linear) and Coinbase (4h, 1w, 1M built from 1h and 1d) equal the venues\' candles', async () => {
    const store = await freshStore();
    const { series, sessions } = await prepareSeries(['okx', 'coinbase'], [], [], urlsOf(sim, ['okx', 'coinbase']));
    expect(series).toEqual([]);
    const okx = await prepareSeries(['okx'], ['BTC-USDT', 'BTC-USDT-PERP'], ['1m', '1d'], urlsOf(sim, ['okx']));
    const bybit = await prepareSeries(['bybit'], ['BTC-USDT', 'BTC-USDT-PERP'], ['1m', '4h'], urlsOf(sim, ['bybit']));
    expect(bybit.series.map((item) => item.instrument.category)).toEqual(['spot', 'spot', 'linear', 'linear']);
    const coinbase = await prepareSeries(['coinbase'], ['BTC-USD'], ['1h', '4h', '1d', '1w', '1M'], urlsOf(sim, ['coinbase']));
    const from = Date.UTC(2025, 2, 1);
    const report = await runCandleJobs({
      mode: 'backfill',
      series: [...okx.series, ...bybit.series, ...coinbase.series],
      sessions: new Map([...sessions, ...okx.sessions, ...bybit.sessions, ...coinbase.sessions]),
      store,
      fromMs: from,
      toMs: from + 3 * DAY,
    });
    expect(report.totals.failedSeries).toBe(0);
    expect(report.totals.rejected).toBe(0);
    for (const [native, canonical] of [['BTC-USDT', 'BTC-USDT'], ['BTC-USDT-SWAP', 'BTC-USDT-PERP']] as const) {
      for (const timeframe of ['1m', '1d'] as const) {
        const expected = simCandles(sim, 'okx', native, timeframe, from, from + 3 * DAY);
        expect(expected.length).toBeGreaterThan(0);
        expect(await storedCandles(store, 'okx', canonical, timeframe), `okx ${canonical} ${timeframe}`).toEqual(expected);
      }
    }
    // Bybit lists the perpetual under the spot pair's symbol; the simulator keys it by category.
    for (const [native, canonical] of [['BTCUSDT', 'BTC-USDT'], ['linear:BTCUSDT', 'BTC-USDT-PERP']] as const) {
      for (const timeframe of ['1m', '4h'] as const) {
        const expected = simCandles(sim, 'bybit', native, timeframe, from, from + 3 * DAY);
        expect(expected.length).toBeGreaterThan(0);
        expect(await storedCandles(store, 'bybit', canonical, timeframe), `bybit ${canonical} ${timeframe}`).toEqual(expected);
      }
    }
    // Weeks and months are whole buckets: the range widens to them (ISO weeks from Monday 2024-12-30 to the one holding July 1st).
    const monthly = await runCandleJobs({ mode: 'backfill', series: coinbase.series.filter((item) => item.timeframe === '1M' || item.timeframe === '1w'), sessions: coinbase.sessions, store, fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2025, 6, 1) });
    expect(monthly.totals.failedSeries).toBe(0);
    for (const [timeframe, fromMs, toMs] of [
      ['1h', from, from + 3 * DAY],
      ['4h', from, from + 3 * DAY],
      ['1d', from, from + 3 * DAY],
      ['1w', Date.UTC(2024, 11, 30), Date.UTC(2025, 6, 7)],
      ['1M', Date.UTC(2025, 0, 1), Date.UTC(2025, 6, 1)],
    ] as const) {
      const expected = simCandles(sim, 'coinbase', 'BTC-USD', timeframe, fromMs, toMs);
      expect(expected.length).toBeGreaterThan(0);
      expect(await storedCandles(store, 'coinbase', 'BTC-USD', timeframe), `coinbase ${timeframe}`).toEqual(expected);
    }
  }, 240_000);

  it('zvt gaps lists what is missing, tells apart the venue\'s maintenance windows, and --repair fills the rest', async () => {
    const store = await freshStore();
    const history = sim.exchange('binance').history('BTCUSDT');
    const [window] = history.maintenanceWindows(YEAR_FROM, YEAR_TO);
    const [windowStart, windowEnd] = window!;
    const { series, sessions } = await prepareSeries(['binance'], ['BTC-USDT'], ['1m'], urlsOf(sim, ['binance']));
    // Stored: a day before the maintenance window (one hour left out) and a day after it.
    await runCandleJobs({ mode: 'backfill', series, sessions, store, fromMs: windowStart - DAY, toMs: windowStart - DAY / 2 });
    await runCandleJobs({ mode: 'backfill', series, sessions, store, fromMs: windowStart - DAY / 2 + 3_600_000, toMs: windowEnd + DAY });

    const listed = await runCandleJobs({ mode: 'gaps', series, sessions, store });
    const [gaps] = listed.series;
    expect(gaps!.gapsFound).toBe(2);
    expect(gaps!.repairableRanges).toEqual([{ from: new Date(windowStart - DAY / 2).toISOString(), to: new Date(windowStart - DAY / 2 + 3_600_000).toISOString(), buckets: 60 }]);
    expect(gaps!.venueEmptyRanges).toEqual([{ from: new Date(windowStart).toISOString(), to: new Date(windowEnd).toISOString(), buckets: (windowEnd - windowStart) / 60_000 }]);
    expect(gaps!.filled).toBe(0);

    const repaired = await runCandleJobs({ mode: 'gaps', repair: true, series, sessions, store });
    expect(repaired.series[0]!.filled).toBe(60);
    const after = await runCandleJobs({ mode: 'gaps', series, sessions, store });
    expect(after.series[0]!.repairable).toBe(0);
    expect(after.series[0]!.venueEmptyBuckets).toBe((windowEnd - windowStart) / 60_000);
    expect(await storedCandles(store, 'binance', 'BTC-USDT', '1m')).toEqual(simCandles(sim, 'binance', 'BTCUSDT', '1m', windowStart - DAY, windowEnd + DAY));
  }, 120_000);

  it('loads trade history (Binance aggTrades, OKX history-trades) equal to the venue\'s prints, and resumes without re-fetching', async () => {
    const store = await freshStore();
    const binance = await prepareSeries(['binance'], ['BTC-USDT'], ['1m'], urlsOf(sim, ['binance']));
    const okx = await prepareSeries(['okx'], ['BTC-USDT'], ['1m'], urlsOf(sim, ['okx']));
    const from = Date.UTC(2025, 3, 1, 10);
    const to = from + 2 * 3_600_000;
    const instruments = [binance.series[0]!.instrument, okx.series[0]!.instrument];
    const sessions = new Map([...binance.sessions, ...okx.sessions]);
    const reports = await runTradeJobs({ instruments, sessions, store, fromMs: from, toMs: to });
    expect(reports.map((report) => report.error)).toEqual([null, null]);
    for (const [venue, native, canonical] of [['binance', 'BTCUSDT', 'BTC-USDT'], ['okx', 'BTC-USDT', 'BTC-USDT']] as const) {
      const history = sim.exchange(venue).history(native);
      const expected = history.trades(from, to, Number.MAX_SAFE_INTEGER).map((trade) => ({
        tradeId: String(trade.tradeId),
        price: priceText(history.instrument, trade.priceTicks),
        size: sizeText(history.instrument, trade.sizeLots),
        side: trade.takerSide,
        tsEventNs: BigInt(trade.tsMs) * 1_000_000n,
      }));
      expect(expected.length).toBeGreaterThan(100);
      const stored = (await store.read('trades', { venue, symbol: canonical })).map(({ tradeId, price, size, side, tsEventNs }) => ({ tradeId, price, size, side, tsEventNs }));
      const byKey = (a: { tsEventNs: bigint; tradeId: string }, b: { tsEventNs: bigint; tradeId: string }) => (a.tsEventNs === b.tsEventNs ? Number(a.tradeId) - Number(b.tradeId) : a.tsEventNs < b.tsEventNs ? -1 : 1);
      expect(stored.sort(byKey), venue).toEqual(expected.sort(byKey));
    }
    const before = await store.count('trades');
    const requestsBefore = binance.sessions.get('binance')!.counters.requests;
    const again = await runTradeJobs({ instruments, sessions, store, fromMs: from, toMs: to });
    expect(again.map((report) => report.error)).toEqual([null, null]);
    expect(await store.count('trades')).toBe(before);
    // Resumed from the last stored trade: one page, not the two hours again.
    expect(binance.sessions.get('binance')!.counters.requests - requestsBefore).toBeLessThanOrEqual(2);
    const refused = await runTradeJobs({ instruments: [(await prepareSeries(['coinbase'], ['BTC-USD'], ['1m'], urlsOf(sim, ['coinbase']))).series[0]!.instrument], sessions: new Map(), store, fromMs: from, toMs: to });
    expect(refused[0]!.error).toMatch(/coinbase serves no trade history over REST/);
  }, 120_000);
});

describe('backfill through refusals and failures', () => {
  it('waits out 429 Retry-After and retries 5xx answers: every candle stored, never banned', async () => {
    const sim = await simulator({
      seed: 5,
      venues: ['binance'],
      // A venue far stricter than our budget assumes, and a flaky gateway.
      rateLimits: { binance: { REQUEST_WEIGHT: { limit: 20, windowMs: 2_000 } } },
      faults: { binance: { rest: { errors: [{ status: 503, rate: 0.2, pathPrefix: '/api/v3/klines' }] } } },
    });
    const store = await freshStore();
    const { series, sessions } = await prepareSeries(['binance'], ['ETH-USDT'], ['1m'], urlsOf(sim, ['binance']));
    const from = Date.UTC(2025, 4, 1);
    const report = await runCandleJobs({ mode: 'backfill', series, sessions, store, fromMs: from, toMs: from + 20 * DAY });
    expect(report.totals.failedSeries).toBe(0);
    expect(report.venues.binance!.rateLimitRefusals).toBeGreaterThan(0);
    expect(report.venues.binance!.retries).toBeGreaterThan(0);
    const stats = sim.server('binance').stats();
    expect(stats.responses['429']).toBe(report.venues.binance!.rateLimitRefusals);
    expect(stats.responses['418'] ?? 0).toBe(0);
    expect(stats.rateLimits.bans).toBe(0);
    expect(await storedCandles(store, 'binance', 'ETH-USDT', '1m')).toEqual(simCandles(sim, 'binance', 'ETHUSDT', '1m', from, from + 20 * DAY));
  }, 180_000);
});
