// engine.storeClient() against a real engine recording the Binance simulator into a DuckDB file: reads see the recorder's rows, writes land in the file, failures are ZvtErrors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZVT_ERR_RECORDER_UNAVAILABLE } from '../../../src/actors/errors.js';
import { MarketDataEngine } from '../../../src/actors/market-data-engine.js';
import type { RecorderStoreClient } from '../../../src/actors/recorder-store-client.js';
import { createLogger } from '../../../src/config/logger.js';
import { isZvtError } from '../../../src/model/errors.js';
import { ZVT_ERR_STORE_READ_OPTION, ZVT_ERR_STORE_VALUE } from '../../../src/store/errors.js';
import { openStore } from '../../../src/store/open-store.js';
import type { TradeRow } from '../../../src/store/store-rows.js';
import { testConfig } from '../../helpers/test-config.js';
import { startBinanceSimulator, SYMBOLS, waitFor, type BinanceSimulator } from '../sim/binance/binance-sim-harness.js';

const config = testConfig({ log: { level: 'error' } });
const logger = createLogger(config, { component: 'test' });

let directory: string;
let storeFile: string;
let simulator: BinanceSimulator;
let engine: MarketDataEngine;
let client: RecorderStoreClient;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'zvt-recorder-store-client-'));
  storeFile = join(directory, 'engine.duckdb');
  simulator = await startBinanceSimulator();
  engine = await MarketDataEngine.start({
    endpoints: [{ venue: 'binance', restBaseUrl: simulator.server.restUrl, wsBaseUrl: simulator.server.wsUrl, canonicals: Object.values(SYMBOLS) }],
    config,
    logger,
    replay: false,
    recorder: { store: `duckdb:${storeFile}`, journalDir: join(directory, 'journal'), flushIntervalMs: 50 },
    bookSnapshots: null,
  });
  client = engine.storeClient()!;
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  await simulator?.close();
  rmSync(directory, { recursive: true, force: true });
});

/** What an ingestion (POST /v1/trades) writes: a trade the venue never printed, far in the past. */
const INGESTED: TradeRow = { venue: 'binance', symbol: 'BTC-USDT', tradeId: 'ingested-1', price: '12345.67', size: '0.5', side: 'buy', tsEventNs: 1_600_000_000_000_000_000n, tsRecvNs: 1_600_000_000_100_000_000n, flags: 0 };

async function expectZvtError(promise: Promise<unknown>, code: string): Promise<Error> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(isZvtError(error, code), String(error)).toBe(true);
  return error as Error;
}

describe('RecorderStoreClient (engine.storeClient())', () => {
  it('names the recorder’s store', () => {
    expect(client.kind).toBe('duckdb');
    expect(client.description).toContain('engine.duckdb');
  });

  it('reads what the recorder wrote, with bigint timestamps intact', async () => {
    const trades = await waitFor(
      'recorded BTC-USDT trades',
      () => client.read('trades', { venue: 'binance', symbol: 'BTC-USDT' }),
      (rows) => rows.length >= 3,
    );
    for (const row of trades) {
      expect(typeof row.tsEventNs).toBe('bigint');
      expect(row.venue).toBe('binance');
      expect(row.price).toMatch(/^\d+(\.\d+)?$/);
    }
    // The same answer through the other calls: bounds of those trades, and a count at least as large.
    const first = trades[0]!.tsEventNs;
    const last = trades.at(-1)!.tsEventNs;
    expect(await client.tradeTimeBounds({ venue: 'binance', symbol: 'BTC-USDT', fromNs: first, toNs: last + 1n })).toEqual({ minNs: first, maxNs: last });
    expect(await client.count('trades')).toBeGreaterThanOrEqual(trades.length);
    expect(await client.read('trades', { venue: 'binance', symbol: 'BTC-USDT', limit: 2 })).toEqual(trades.slice(0, 2));
  });

  it('writes through the recorder’s connection: the row is readable at once, and a repeat changes nothing', async () => {
    expect(await client.write({ trades: [INGESTED] })).toEqual({ rows: 1, changedRows: 1 });
    expect(await client.write({ trades: [INGESTED] })).toEqual({ rows: 1, changedRows: 0 });
    const rows = await client.read('trades', { venue: 'binance', symbol: 'BTC-USDT', limit: 1 });
    expect(rows[0]).toEqual(INGESTED);
    const candle = { venue: 'binance', symbol: 'ETH-USDT', timeframe: '1m', tsOpenNs: 1_600_000_020_000_000_000n, open: '1', high: '2', low: '0.5', close: '1.5', volume: '10', tradeCount: null };
    await client.write({ candles: [candle] });
    expect(await client.candleOpenTimes({ venue: 'binance', symbol: 'ETH-USDT', timeframe: '1m', fromNs: 0n, toNs: 1_700_000_000_000_000_000n })).toEqual([candle.tsOpenNs]);
  });

  it('passes range options through unchanged: fromNs/toNs bigints, timeframe, newest + limit; a bad option comes back as the store’s ZVT_ERR_STORE_READ_OPTION', async () => {
    const minute = 60_000_000_000n;
    const base = 1_600_000_200_000_000_000n;
    const candles = [0n, 1n, 2n, 3n].map((index) => ({ venue: 'binance', symbol: 'BNB-USDT', timeframe: '1m', tsOpenNs: base + index * minute, open: '1', high: '2', low: '0.5', close: `1.${index + 1n}`, volume: '10', tradeCount: null }));
    const hourly = { ...candles[0]!, timeframe: '1h' };
    await client.write({ candles: [...candles, hourly] });
    const series = { venue: 'binance', symbol: 'BNB-USDT' };
    expect(await client.read('candles', { ...series, timeframe: '1m', fromNs: base + minute, toNs: base + 3n * minute })).toEqual([candles[1], candles[2]]);
    expect(await client.read('candles', { ...series, timeframe: '1m', limit: 2, newest: true })).toEqual([candles[2], candles[3]]);
    // Key order: open time, then timeframe (as text: 1h < 1m).
    expect(await client.read('candles', { ...series, toNs: base + 1n })).toEqual([hourly, candles[0]]);
    await expectZvtError(client.read('trades', { ...series, timeframe: '1m' }), ZVT_ERR_STORE_READ_OPTION);
  });

  it('rejects a row the store cannot hold with the store’s own code, and the recorder keeps recording', async () => {
    const before = await client.count('trades');
    const error = await expectZvtError(client.write({ trades: [{ ...INGESTED, tradeId: 'bad', price: 'not-a-number' }] }), ZVT_ERR_STORE_VALUE);
    expect(error.message).toContain('not-a-number');
    await waitFor('more recorded trades', () => client.count('trades'), (count) => count > before);
  });

  it('rows written through the client are in the DuckDB file after stop; calls after stop are ZVT_ERR_RECORDER_UNAVAILABLE', async () => {
    await engine.stop();
    const error = await expectZvtError(client.count('trades'), ZVT_ERR_RECORDER_UNAVAILABLE);
    expect((error as Error & { details: { cause: string } }).details.cause).toBe('ZVT_ERR_SUPERVISOR_STOPPED');
    expect(await client.close()).toBeUndefined();
    const store = await openStore(`duckdb:${storeFile}`);
    try {
      const rows = await store.read('trades', { venue: 'binance', symbol: 'BTC-USDT' });
      expect(rows.filter((row) => row.tradeId === INGESTED.tradeId)).toEqual([INGESTED]);
      expect(rows.length).toBeGreaterThan(3);
    } finally {
      await store.close();
    }
  });

  it('an engine without a recorder has no store client', async () => {
    const bare = await MarketDataEngine.start({
      endpoints: [{ venue: 'binance', restBaseUrl: simulator.server.restUrl, wsBaseUrl: simulator.server.wsUrl, canonicals: ['BTC-USDT'] }],
      config,
      logger,
      replay: false,
    });
    try {
      expect(bare.storeClient()).toBeNull();
    } finally {
      await bare.stop();
    }
  });
});
