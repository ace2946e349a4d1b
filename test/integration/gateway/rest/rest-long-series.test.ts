// GET /v1/candles and /v1/trades over a long stored series (100 000 1m candles): the range, timeframe and newest `limit` are applied by the store, and only the answer's rows leave it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src/config/logger.js';
import { GatewayMetrics } from '../../../../src/gateway/metrics/gateway-metrics.js';
import { RestServer } from '../../../../src/gateway/rest/rest-server.js';
import type { ReadOptions, Store } from '../../../../src/store/store.js';
import type { CandleRow, TradeRow } from '../../../../src/store/store-rows.js';
import type { TableName } from '../../../../src/store/store-tables.js';
import { testConfig } from '../../../helpers/test-config.js';
import { RestHarness } from './rest-harness.js';

const MINUTES = 100_000;
const TRADES = 20_000;
const MINUTE_MS = 60_000;
const T0_MS = Date.UTC(2024, 0, 1);
const NS_PER_MS = 1_000_000n;

function candle(minute: number, timeframe = '1m'): CandleRow {
  const open = 60_000 + (minute % 1_000);
  return {
    venue: 'binance',
    symbol: 'BTC-USDT',
    timeframe,
    tsOpenNs: BigInt(T0_MS + minute * MINUTE_MS) * NS_PER_MS,
    open: `${open}.25`,
    high: `${open + 1}`,
    low: `${open - 1}`,
    close: `${open}.5`,
    volume: `${minute}.125`,
    tradeCount: minute,
  };
}

/** One trade a second from T0, ids t0 … t19999, with a receive time 1 µs later. */
function trade(second: number): TradeRow {
  const tsEventNs = BigInt(T0_MS + second * 1_000) * NS_PER_MS;
  return { venue: 'binance', symbol: 'BTC-USDT', tradeId: `t${second}`, price: `${60_000 + (second % 500)}.01`, size: '0.001', side: second % 2 === 0 ? 'buy' : 'sell', tsEventNs, tsRecvNs: tsEventNs + 1_000n, flags: 0 };
}

function candleJson(row: CandleRow): Record<string, unknown> {
  return { tsOpenNs: String(row.tsOpenNs), open: row.open, high: row.high, low: row.low, close: row.close, volume: row.volume, tradeCount: row.tradeCount };
}

function tradeJson(row: TradeRow): Record<string, unknown> {
  return { tradeId: row.tradeId, price: row.price, size: row.size, side: row.side, tsEventNs: String(row.tsEventNs), tsRecvNs: String(row.tsRecvNs) };
}

/** What the REST API asked the store, and how many rows came back: the harness's real DuckDB store, observed. */
interface StoreRead {
  table: TableName;
  options: ReadOptions | undefined;
  rows: number;
}

let harness: RestHarness;
let server: RestServer;
const reads: StoreRead[] = [];

beforeAll(async () => {
  harness = await RestHarness.start();
  const minutes = Array.from({ length: MINUTES }, (_, minute) => candle(minute));
  const fiveMinutes = Array.from({ length: MINUTES / 5 }, (_, index) => candle(index * 5, '5m'));
  await harness.store.write({ candles: [...minutes, ...fiveMinutes], trades: Array.from({ length: TRADES }, (_, second) => trade(second)) });
  const store = harness.store;
  const observed: Store = {
    kind: store.kind,
    description: store.description,
    write: (batch) => store.write(batch),
    count: (table) => store.count(table),
    read: async (table, options) => {
      const rows = await store.read(table, options);
      reads.push({ table, options, rows: rows.length });
      return rows;
    },
    candleOpenTimes: (query) => store.candleOpenTimes(query),
    tradeTimeBounds: (query) => store.tradeTimeBounds(query),
    close: () => Promise.resolve(),
  };
  const logger = createLogger(testConfig({ log: { level: 'error' } }), { component: 'rest-long-series-test' });
  server = await RestServer.start({ ...harness.context(), store: observed }, harness.apiOptions({}, logger, new GatewayMetrics()));
}, 120_000);

afterAll(async () => {
  server?.close();
  await harness?.close();
});

async function getJson(path: string): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status).toBe(200);
  return response.json();
}

const minuteMs = (minute: number): number => T0_MS + minute * MINUTE_MS;

describe('REST over a long stored series', () => {
  it('a candle range returns exactly [from, to) of its timeframe; the store hands over only those rows', async () => {
    const body = await getJson(`/v1/candles?instrument=binance:BTC-USDT&timeframe=1m&from=${minuteMs(50_000)}&to=${minuteMs(50_010)}`);
    expect(body).toEqual({ instrument: 'binance:BTC-USDT', timeframe: '1m', candles: Array.from({ length: 10 }, (_, index) => candleJson(candle(50_000 + index))) });
    expect(reads.at(-1)).toEqual({
      table: 'candles',
      options: { venue: 'binance', symbol: 'BTC-USDT', timeframe: '1m', fromNs: BigInt(minuteMs(50_000)) * NS_PER_MS, toNs: BigInt(minuteMs(50_010)) * NS_PER_MS, limit: 100, newest: true },
      rows: 10,
    });
  });

  it('the 5m series in a range that also holds 1m candles', async () => {
    const body = await getJson(`/v1/candles?instrument=binance:BTC-USDT&timeframe=5m&from=${minuteMs(1_001)}&to=${minuteMs(1_025)}`);
    expect(body).toEqual({ instrument: 'binance:BTC-USDT', timeframe: '5m', candles: [1_005, 1_010, 1_015, 1_020].map((minute) => candleJson(candle(minute, '5m'))) });
    expect(reads.at(-1)?.rows).toBe(4);
  });

  it('more candles in the range than `limit`: the newest `limit`, oldest first', async () => {
    const latest = (await getJson('/v1/candles?instrument=binance:BTC-USDT&timeframe=1m&limit=1000')) as { candles: { tsOpenNs: string }[] };
    expect(latest.candles).toHaveLength(1_000);
    expect(latest.candles[0]).toEqual(candleJson(candle(MINUTES - 1_000)));
    expect(latest.candles.at(-1)).toEqual(candleJson(candle(MINUTES - 1)));
    expect(reads.at(-1)?.rows).toBe(1_000);
    const bounded = await getJson(`/v1/candles?instrument=binance:BTC-USDT&timeframe=1m&from=${minuteMs(10)}&to=${minuteMs(20_000)}&limit=3`);
    expect(bounded).toEqual({ instrument: 'binance:BTC-USDT', timeframe: '1m', candles: [19_997, 19_998, 19_999].map((minute) => candleJson(candle(minute))) });
  });

  it('a trade range: from inclusive, to exclusive, newest `limit`', async () => {
    const from = T0_MS + 12_345 * 1_000;
    const body = await getJson(`/v1/trades?instrument=binance:BTC-USDT&from=${from}&to=${from + 5_000}`);
    expect(body).toEqual({ instrument: 'binance:BTC-USDT', trades: [0, 1, 2, 3, 4].map((offset) => tradeJson(trade(12_345 + offset))) });
    const last = await getJson(`/v1/trades?instrument=binance:BTC-USDT&from=${from}&limit=2`);
    expect(last).toEqual({ instrument: 'binance:BTC-USDT', trades: [TRADES - 2, TRADES - 1].map((second) => tradeJson(trade(second))) });
    expect(reads.at(-1)).toMatchObject({ table: 'trades', rows: 2 });
  });
});
