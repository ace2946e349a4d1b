// Bulk ingestion on a real server: good and bad candle and trade rows in one request → per-row errors by index, good rows stored exactly in DuckDB; 200/207/400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedRequestHeaders } from '../../../../src/gateway/auth/request-signature.js';
import { errorCode, INGESTER, RestHarness } from './rest-harness.js';

let harness: RestHarness;

beforeAll(async () => {
  harness = await RestHarness.start();
});

afterAll(async () => {
  await harness.close();
});

interface IngestBody {
  received: number;
  stored: number;
  changed: number | null;
  rejected: number;
  errors: { index: number; code: string; field?: string; message: string }[];
}

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 0, 1, 0, 0);

describe('POST /v1/candles', () => {
  it('stores the valid rows and lists every broken rule by row index (207)', async () => {
    const rows = [
      { tsStartMs: T0, open: '42000.10', high: '42010', low: '41990.5', close: '42005.25', volume: '1.23456789', tradeCount: 17 },
      { tsStartMs: T0 + MINUTE, open: '42005.25', high: '42000', low: '42001', close: '42002', volume: '1' }, // low > high
      { tsStartMs: T0 + 2 * MINUTE, open: 42002, high: '42003', low: '42001', close: '42002', volume: '0.5' }, // float open
      { tsStartMs: String(T0 + 3 * MINUTE), open: '42002', high: '42004.001', low: '42001', close: '42003', volume: '0.5' }, // 3 decimals on a 2-decimal price
      { tsStartMs: T0 + 4 * MINUTE + 1, open: '42002', high: '42004', low: '42001', close: '42003', volume: '0.5' }, // misaligned
      { tsStartMs: String(T0 + 5 * MINUTE), open: '42003', high: '42003', low: '42003', close: '42003', volume: '0', tradeCount: '0' },
      { tsStartMs: T0 + 5 * MINUTE, open: '42003', high: '42003', low: '42003', close: '42003', volume: '0' }, // duplicate
    ];
    const response = await harness.signed(INGESTER, 'POST', '/v1/candles', { instrument: 'binance:BTC-USDT', timeframe: '1m', rows });
    expect(response.status).toBe(207);
    const body = (await response.json()) as IngestBody;
    expect({ received: body.received, stored: body.stored, changed: body.changed, rejected: body.rejected }).toEqual({ received: 7, stored: 2, changed: 2, rejected: 5 });
    expect(body.errors.map((error) => [error.index, error.code])).toEqual([
      [1, 'ZVT_ERR_CANDLE_LOW_ABOVE_HIGH'],
      [2, 'ZVT_ERR_CANDLE_DECIMAL'],
      [3, 'ZVT_ERR_CANDLE_DECIMAL'],
      [4, 'ZVT_ERR_CANDLE_MISALIGNED'],
      [6, 'ZVT_ERR_CANDLE_DUPLICATE'],
    ]);
    expect(body.errors[0]!.message).toBe(
      'Row 1 (tsStartMs 1704067260000 = 2024-01-01T00:01:00.000Z) of binance:BTC-USDT 1m: low 42001 is above high 42000 (rule: low ≤ high)',
    );
    expect(await harness.store.read('candles', { venue: 'binance', symbol: 'BTC-USDT' })).toEqual([
      { venue: 'binance', symbol: 'BTC-USDT', timeframe: '1m', tsOpenNs: BigInt(T0) * 1_000_000n, open: '42000.1', high: '42010', low: '41990.5', close: '42005.25', volume: '1.23456789', tradeCount: 17 },
      { venue: 'binance', symbol: 'BTC-USDT', timeframe: '1m', tsOpenNs: BigInt(T0 + 5 * MINUTE) * 1_000_000n, open: '42003', high: '42003', low: '42003', close: '42003', volume: '0', tradeCount: 0 },
    ]);
  });

  it('answers 400 with the row errors when no row is valid, and stores nothing', async () => {
    const response = await harness.signed(INGESTER, 'POST', '/v1/candles', {
      instrument: 'binance:ETH-USDT',
      timeframe: '1h',
      rows: [{ tsStartMs: Date.UTC(2024, 0, 1), open: '1', high: '1', low: '1', close: '1', volume: '-1' }, 'not a row'],
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as IngestBody;
    expect(body.errors.map((error) => [error.index, error.code])).toEqual([
      [0, 'ZVT_ERR_CANDLE_VOLUME_NEGATIVE'],
      [1, 'ZVT_ERR_CANDLE_ROW_INVALID'],
    ]);
    expect(await harness.store.read('candles', { venue: 'binance', symbol: 'ETH-USDT' })).toEqual([]);
  });

  it('refuses a still-forming candle (its bucket has not ended) and an unknown timeframe or instrument', async () => {
    const now = Date.now();
    const open = now - (now % MINUTE);
    const forming = await harness.signed(INGESTER, 'POST', '/v1/candles', {
      instrument: 'binance:BTC-USDT',
      timeframe: '1m',
      rows: [{ tsStartMs: open, open: '1', high: '1', low: '1', close: '1', volume: '1' }],
    });
    expect(forming.status).toBe(400);
    expect(((await forming.json()) as IngestBody).errors[0]!.code).toBe('ZVT_ERR_CANDLE_INCOMPLETE');
    const timeframe = await harness.signed(INGESTER, 'POST', '/v1/candles', { instrument: 'binance:BTC-USDT', timeframe: '2m', rows: [] });
    expect(timeframe.status).toBe(400);
    expect(await errorCode(timeframe)).toBe('ZVT_ERR_REST_REQUEST');
    const unknown = await harness.signed(INGESTER, 'POST', '/v1/candles', { instrument: 'binance:XRP-USDT', timeframe: '1m', rows: [] });
    expect(unknown.status).toBe(404);
  });
});

describe('POST /v1/trades', () => {
  it('stores the valid rows exactly and reports each bad field by row index (207)', async () => {
    const ts = Date.UTC(2024, 5, 1, 12);
    const rows = [
      { tradeId: 'a-1', price: '65000.12', size: '0.00000001', side: 'buy', tsMs: ts },
      { tradeId: 'a-2', price: '65000.123', size: '1', side: 'sell', tsMs: ts + 1 }, // beyond the price scale
      { tradeId: 'a-3', price: '0', size: '1', side: 'sell', tsMs: ts + 2 }, // not positive
      { tradeId: 'a-4', price: '65000', size: 1.5, side: 'sideways', tsMs: ts + 3.5 }, // three broken fields
      { tradeId: 'a-5', price: '6.5e4', size: '2.50000000', side: 'unknown', tsMs: ts + 4 },
      { tradeId: 'a-1', price: '65000.12', size: '0.00000001', side: 'buy', tsMs: ts }, // duplicate of row 0
      { price: '1', size: '1', side: 'buy', tsMs: ts }, // no tradeId
    ];
    const response = await harness.signed(INGESTER, 'POST', '/v1/trades', { instrument: 'okx:BTC-USDT', rows });
    expect(response.status).toBe(207);
    const body = (await response.json()) as IngestBody;
    expect({ received: body.received, stored: body.stored, rejected: body.rejected }).toEqual({ received: 7, stored: 2, rejected: 5 });
    expect(body.errors.map((error) => [error.index, error.code, error.field])).toEqual([
      [1, 'ZVT_ERR_REST_TRADE_ROW', 'price'],
      [2, 'ZVT_ERR_REST_TRADE_ROW', 'price'],
      [3, 'ZVT_ERR_REST_TRADE_ROW', 'size'],
      [3, 'ZVT_ERR_REST_TRADE_ROW', 'side'],
      [3, 'ZVT_ERR_REST_TRADE_ROW', 'tsMs'],
      [5, 'ZVT_ERR_REST_TRADE_ROW', 'tradeId'],
      [6, 'ZVT_ERR_REST_TRADE_ROW', 'tradeId'],
    ]);
    expect(body.errors[1]!.message).toBe('Row 2 of okx:BTC-USDT: price "0" must be positive');
    const stored = await harness.store.read('trades', { venue: 'okx', symbol: 'BTC-USDT' });
    expect(stored.map(({ tsRecvNs: _ignored, ...row }) => row)).toEqual([
      { venue: 'okx', symbol: 'BTC-USDT', tradeId: 'a-1', price: '65000.12', size: '0.00000001', side: 'buy', tsEventNs: BigInt(ts) * 1_000_000n, flags: 0 },
      { venue: 'okx', symbol: 'BTC-USDT', tradeId: 'a-5', price: '65000', size: '2.5', side: 'unknown', tsEventNs: BigInt(ts + 4) * 1_000_000n, flags: 0 },
    ]);
    // The same rows again: stored (confirmed) but nothing changed, thanks to the natural key.
    const again = await harness.signed(INGESTER, 'POST', '/v1/trades', { instrument: 'okx:BTC-USDT', rows: [rows[0], rows[4]] });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: 2, stored: 2, changed: 0, rejected: 0, errors: [] });
  });

  it('refuses bodies that are not JSON, not an object, or too many rows', async () => {
    const text = '{"instrument": ';
    const response = await fetch(`${harness.url}/v1/trades`, { method: 'POST', headers: signedRequestHeaders(INGESTER, 'POST', '/v1/trades', text, Date.now()), body: text });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('ZVT_ERR_REST_JSON');
    const array = await harness.signed(INGESTER, 'POST', '/v1/trades', [1, 2]);
    expect(await array.json()).toEqual({ error: { code: 'ZVT_ERR_REST_REQUEST', message: 'The body must be a JSON object' } });
    const noRows = await harness.signed(INGESTER, 'POST', '/v1/trades', { instrument: 'okx:BTC-USDT' });
    expect(((await noRows.json()) as { error: { message: string } }).error.message).toBe('Body field rows must be an array');
  });
});

describe('body limit', () => {
  let small: RestHarness;

  beforeAll(async () => {
    small = await RestHarness.start({ rest: { bodyLimitBytes: 1024 } });
  });

  afterAll(async () => {
    await small.close();
  });

  it('answers 413 past bodyLimitBytes', async () => {
    const rows = Array.from({ length: 50 }, (_, index) => ({ tradeId: `t${index}`, price: '1', size: '1', side: 'buy', tsMs: index }));
    const response = await small.signed(INGESTER, 'POST', '/v1/trades', { instrument: 'okx:BTC-USDT', rows });
    expect(response.status).toBe(413);
    expect(await errorCode(response)).toBe('ZVT_ERR_REST_BODY_TOO_LARGE');
  });
});
