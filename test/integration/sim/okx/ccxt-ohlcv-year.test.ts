// ccxt pages through one year of 1m candles from the OKX simulator at its own pace: every candle but the maintenance windows, in order, no 429.
import ccxt, { type Exchange, type OHLCV } from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceText, sizeText } from '../../../../src/sim/market/sim-instrument.js';
import { startSimulator, type RunningSimulator } from '../../../../src/sim/start-simulator.js';
import { confineToSimulator } from '../../../helpers/ccxt-confine.js';

/*
 * ccxt's fetchOHLCV with paginate: true splits [since, now) into fixed steps of
 * maxEntriesPerRequest minutes and asks each with before = since - 1, after = since + step
 * (history-candles while the step starts more than 1439 bars back, then candles). OKX answers
 * up to 300 per request, so a year is 525 600 / 300 = 1752 requests. ccxt's own limiter spaces
 * history-candles requests 110 ms apart (rateLimit 100 ms × 1.1, cost 1), about 18 per 2 s under
 * OKX's 20 per 2 s: the year takes ~3.2 minutes of ccxt's pacing and must see no 429.
 */

const MINUTE_MS = 60_000;
const YEAR_MINUTES = 365 * 24 * 60;
const PER_REQUEST = 300;

let simulator: RunningSimulator;
let exchange: Exchange;
let requests: string[];

beforeAll(async () => {
  simulator = await startSimulator({ venues: ['okx'], seed: 3 });
  const endpoints = simulator.endpoints.okx!;
  exchange = new ccxt.okx({ enableRateLimit: true });
  ({ requests } = confineToSimulator(exchange, endpoints.rest, endpoints.ws));
});

afterAll(async () => {
  await simulator.close();
});

describe('ccxt okx fetchOHLCV over a year of 1m candles', () => {
  it('pages through 365 days with paginate: true: every minute with trades is there once, strictly increasing, equal to the history, zero 429s', { timeout: 900_000 }, async () => {
    await exchange.loadMarkets();
    const okx = simulator.exchange('okx');
    const history = okx.history('BTC-USDT');
    const startedMs = Date.now();
    const sinceMs = Math.floor(okx.nowMs() / MINUTE_MS) * MINUTE_MS - YEAR_MINUTES * MINUTE_MS;
    const before = requests.length;

    const candles: OHLCV[] = await exchange.fetchOHLCV('BTC/USDT', '1m', sinceMs, undefined, {
      paginate: true,
      paginationCalls: Math.ceil(YEAR_MINUTES / PER_REQUEST) + 2,
      maxEntriesPerRequest: PER_REQUEST,
    });

    const elapsedMs = Date.now() - startedMs;
    const made = requests.slice(before);
    const historyRequests = made.filter((request) => request.includes('/api/v5/market/history-candles')).length;
    const recentRequests = made.filter((request) => request.includes('/api/v5/market/candles')).length;
    console.log(`ccxt okx: ${candles.length} candles in ${made.length} requests (${historyRequests} history-candles, ${recentRequests} candles) over ${(elapsedMs / 1000).toFixed(1)} s`);

    // The simulator refused nothing: ccxt's pace stays inside OKX's limits.
    const stats = simulator.server('okx').stats();
    expect(stats.rateLimits.refusals).toBe(0);
    expect(stats.responses['429'] ?? 0).toBe(0);
    expect(historyRequests).toBeGreaterThanOrEqual(Math.floor(YEAR_MINUTES / PER_REQUEST) - 5);

    // Strictly increasing; a step other than one minute skips only minutes without data (maintenance windows).
    const windows = history.maintenanceWindows(sinceMs, okx.nowMs());
    expect(windows.length).toBeGreaterThan(0);
    const orderProblems: string[] = [];
    for (let index = 1; index < candles.length; index++) {
      const previous = candles[index - 1]![0]!;
      const current = candles[index]![0]!;
      if (current <= previous) orderProblems.push(`${index}: ${current} after ${previous}`);
      for (let minute = previous + MINUTE_MS; minute < current; minute += MINUTE_MS) {
        if (history.hasData(minute)) orderProblems.push(`${index}: missing ${new Date(minute).toISOString()}`);
      }
    }
    expect(orderProblems.slice(0, 5)).toEqual([]);

    // Exactly the history's candles of every minute with data, up to the newest one asked (the last may still be forming).
    const endMs = candles[candles.length - 1]![0]!;
    const expected = history.candles('1m', sinceMs, endMs, Number.MAX_SAFE_INTEGER, okx.nowMs());
    expect(candles.length - 1).toBe(expected.length);
    const instrument = history.instrument;
    const valueProblems: string[] = [];
    for (let index = 0; index < expected.length; index++) {
      const candle = expected[index]!;
      const row = [candle.openTimeMs, ...[candle.open, candle.high, candle.low, candle.close].map((ticks) => Number(priceText(instrument, ticks))), Number(sizeText(instrument, candle.volumeLots))];
      const got = candles[index]!;
      if (row.some((value, field) => got[field] !== value)) valueProblems.push(`${index}: got ${JSON.stringify(got)}, history ${JSON.stringify(row)}`);
    }
    expect(valueProblems.slice(0, 5)).toEqual([]);
    let dataMinutes = 0;
    for (let minute = sinceMs; minute < endMs; minute += MINUTE_MS) if (history.hasData(minute)) dataMinutes++;
    expect(expected.length).toBe(dataMinutes);
    expect(dataMinutes).toBeGreaterThan(YEAR_MINUTES * 0.9);
  });
});
