// Store.candleOpenTimes (what backfill resumes from) on DuckDB and through QuestDB's /exec; candles without a trade count.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/open-store.js';
import type { Store } from '../../../src/store/store.js';
import type { CandleRow } from '../../../src/store/store-rows.js';
import { FakeQuestDb } from '../../helpers/fake-questdb.js';

const opened: Store[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close().catch(() => undefined);
});

const MINUTE_NS = 60_000_000_000n;
const T0_NS = BigInt(Date.UTC(2025, 0, 1)) * 1_000_000n;

function candle(minute: number, overrides: Partial<CandleRow> = {}): CandleRow {
  return { venue: 'okx', symbol: 'BTC-USDT', timeframe: '1m', tsOpenNs: T0_NS + BigInt(minute) * MINUTE_NS, open: '1', high: '2', low: '1', close: '2', volume: '3', tradeCount: null, ...overrides };
}

describe('Store.candleOpenTimes', () => {
  it('DuckDB: the open times of one series in [from, to), ascending, and null trade counts round-trip', async () => {
    const store = await openStore(`duckdb:${join(mkdtempSync(join(tmpdir(), 'zvt-candles-')), 'zvt.duckdb')}`);
    opened.push(store);
    await store.write({
      candles: [candle(5), candle(1), candle(3), candle(9), candle(3, { timeframe: '5m' }), candle(4, { symbol: 'ETH-USDT' }), candle(2, { venue: 'binance', tradeCount: 17 })],
    });
    const times = await store.candleOpenTimes({ venue: 'okx', symbol: 'BTC-USDT', timeframe: '1m', fromNs: T0_NS + MINUTE_NS, toNs: T0_NS + 9n * MINUTE_NS });
    expect(times).toEqual([T0_NS + MINUTE_NS, T0_NS + 3n * MINUTE_NS, T0_NS + 5n * MINUTE_NS]);
    const rows = await store.read('candles');
    expect(rows.find((row) => row.venue === 'binance')?.tradeCount).toBe(17);
    expect(rows.find((row) => row.venue === 'okx' && row.timeframe === '1m')?.tradeCount).toBeNull();
  });

  it('DuckDB: a file made when trade_count was NOT NULL accepts candles without a count after opening', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'zvt-candles-')), 'old.duckdb');
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run(
      'CREATE TABLE candles (ts_open_ns TIMESTAMP_NS NOT NULL, venue VARCHAR NOT NULL, symbol VARCHAR NOT NULL, timeframe VARCHAR NOT NULL, open DECIMAL(38,18) NOT NULL, high DECIMAL(38,18) NOT NULL, low DECIMAL(38,18) NOT NULL, close DECIMAL(38,18) NOT NULL, volume DECIMAL(38,18) NOT NULL, trade_count BIGINT NOT NULL)',
    );
    connection.closeSync();
    instance.closeSync();
    const store = await openStore(`duckdb:${path}`);
    opened.push(store);
    await store.write({ candles: [candle(0)] });
    expect((await store.read('candles'))[0]?.tradeCount).toBeNull();
  });

  it('QuestDB: one /exec query with ISO nanosecond bounds, parsed back to epoch ns', async () => {
    const fake = await FakeQuestDb.start();
    try {
      const store = await openStore(`questdb:${fake.clientConfig('')}`);
      opened.push(store);
      fake.onQuery = (sql) =>
        sql ===
        "SELECT ts_open_ns FROM candles WHERE venue = 'okx' AND symbol = 'BTC-USDT' AND timeframe = '1m' AND ts_open_ns >= '2025-01-01T00:01:00.000000000Z' AND ts_open_ns < '2025-01-01T00:09:00.000000000Z' ORDER BY ts_open_ns"
          ? { status: 200, body: { dataset: [['2025-01-01T00:01:00.000000Z'], ['2025-01-01T00:03:00.000000000Z']] } }
          : undefined;
      const times = await store.candleOpenTimes({ venue: 'okx', symbol: 'BTC-USDT', timeframe: '1m', fromNs: T0_NS + MINUTE_NS, toNs: T0_NS + 9n * MINUTE_NS });
      expect(times).toEqual([T0_NS + MINUTE_NS, T0_NS + 3n * MINUTE_NS]);
    } finally {
      for (const store of opened.splice(0)) await store.close().catch(() => undefined);
      await fake.close();
    }
  });
});
