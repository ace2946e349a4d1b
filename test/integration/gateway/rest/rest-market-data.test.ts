// Public REST endpoints on a real server: instruments, venue and consolidated books as exact decimal text, stored trades and candles, 404/405/400 answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, RestHarness } from './rest-harness.js';

let harness: RestHarness;

beforeAll(async () => {
  harness = await RestHarness.start();
  // binance: bids 65000.12 × 1.5, 65000.00 × 0.25; asks 65000.50 × 0.00012345, 65001.00 × 2
  harness.snapshot(0, 1001, [[6500012, 150000000], [6500000, 25000000]], [[6500050, 12345], [6500100, 200000000]]);
  // okx: bids 65000.10 × 3, 65000.00 × 0.5; asks 65000.50 × 1, 65002.00 × 0.1
  harness.snapshot(1, 77, [[6500010, 300000000], [6500000, 50000000]], [[6500050, 100000000], [6500200, 10000000]]);
  await harness.store.write({
    trades: [
      { venue: 'binance', symbol: 'BTC-USDT', tradeId: '1', price: '65000.12', size: '0.001', side: 'buy', tsEventNs: 1_700_000_000_000_000_000n, tsRecvNs: 1_700_000_000_000_500_000n, flags: 0 },
      { venue: 'binance', symbol: 'BTC-USDT', tradeId: '2', price: '65000.5', size: '1.23456789', side: 'sell', tsEventNs: 1_700_000_001_000_000_000n, tsRecvNs: 1_700_000_001_000_400_000n, flags: 0 },
      { venue: 'binance', symbol: 'BTC-USDT', tradeId: '3', price: '64999.99', size: '0.5', side: 'unknown', tsEventNs: 1_700_000_002_000_000_000n, tsRecvNs: 1_700_000_002_000_300_000n, flags: 0 },
      { venue: 'okx', symbol: 'BTC-USDT', tradeId: '9', price: '65000.1', size: '2', side: 'buy', tsEventNs: 1_700_000_001_500_000_000n, tsRecvNs: 1_700_000_001_500_100_000n, flags: 0 },
    ],
    candles: [
      { venue: 'binance', symbol: 'BTC-USDT', timeframe: '1m', tsOpenNs: 1_700_000_040_000_000_000n, open: '65000', high: '65010.5', low: '64990.01', close: '65005.25', volume: '12.3456789', tradeCount: 321 },
      { venue: 'binance', symbol: 'BTC-USDT', timeframe: '1m', tsOpenNs: 1_700_000_100_000_000_000n, open: '65005.25', high: '65006', low: '65001', close: '65002', volume: '0.00000001', tradeCount: null },
      { venue: 'binance', symbol: 'BTC-USDT', timeframe: '1h', tsOpenNs: 1_699_999_200_000_000_000n, open: '1', high: '1', low: '1', close: '1', volume: '1', tradeCount: 1 },
    ],
  });
});

afterAll(async () => {
  await harness.close();
});

describe('REST market data', () => {
  it('lists instruments with their decimal tick and lot sizes', async () => {
    const response = await harness.get('/v1/instruments?venue=okx');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      instruments: [
        {
          id: 'okx:BTC-USDT',
          venue: 'okx',
          kind: 'spot',
          canonical: 'BTC-USDT',
          native: 'BTC-USDT',
          base: 'BTC',
          quote: 'USDT',
          settle: 'USDT',
          tickSize: '0.1',
          lotSize: '0.00000001',
          contractSize: '1',
          priceDecimals: 2,
          sizeDecimals: 8,
          expiry: null,
        },
      ],
    });
    const one = await harness.get('/v1/instruments/binance:ETH-USDT');
    expect(((await one.json()) as { lotSize: string }).lotSize).toBe('0.0001');
    const unknown = await harness.get('/v1/instruments/binance:DOGE-USDT');
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe('ZVT_ERR_REST_UNKNOWN_INSTRUMENT');
  });

  it('serves a venue book as exact decimal text, depth-limited', async () => {
    const response = await harness.get('/v1/books/binance:BTC-USDT?depth=2');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      instrument: 'binance:BTC-USDT',
      state: 'synced',
      cross: 'none',
      sequence: 1001,
      updatedNs: '1000',
      bids: [['65000.12', '1.5'], ['65000', '0.25']],
      asks: [['65000.5', '0.00012345'], ['65001', '2']],
    });
    const top = (await (await harness.get('/v1/books/okx:BTC-USDT?depth=1')).json()) as { bids: unknown; asks: unknown };
    expect(top.bids).toEqual([['65000.1', '3']]);
    expect(top.asks).toEqual([['65000.5', '1']]);
  });

  it('serves the consolidated book with per-venue sizes', async () => {
    const response = await harness.get('/v1/books/all:BTC-USDT?depth=3');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      instrument: 'all:BTC-USDT',
      members: ['binance:BTC-USDT', 'okx:BTC-USDT'],
      excluded: [],
      bids: [
        { price: '65000.12', size: '1.5', venues: { 'binance:BTC-USDT': '1.5' } },
        { price: '65000.1', size: '3', venues: { 'okx:BTC-USDT': '3' } },
        { price: '65000', size: '0.75', venues: { 'binance:BTC-USDT': '0.25', 'okx:BTC-USDT': '0.5' } },
      ],
      asks: [
        { price: '65000.5', size: '1.00012345', venues: { 'binance:BTC-USDT': '0.00012345', 'okx:BTC-USDT': '1' } },
        { price: '65001', size: '2', venues: { 'binance:BTC-USDT': '2' } },
        { price: '65002', size: '0.1', venues: { 'okx:BTC-USDT': '0.1' } },
      ],
    });
    expect((await harness.get('/v1/books/all:ETH-USDT')).status).toBe(404);
  });

  it('an empty book is served as empty, not as an error', async () => {
    expect(await (await harness.get('/v1/books/binance:ETH-USDT')).json()).toEqual({
      instrument: 'binance:ETH-USDT',
      state: 'empty',
      cross: 'none',
      sequence: null,
      updatedNs: null,
      bids: [],
      asks: [],
    });
  });

  it('reads stored trades of one instrument by time range, newest `limit` oldest first', async () => {
    const all = (await (await harness.get('/v1/trades?instrument=binance:BTC-USDT')).json()) as { trades: { tradeId: string }[] };
    expect(all.trades.map((trade) => trade.tradeId)).toEqual(['1', '2', '3']);
    const response = await harness.get('/v1/trades?instrument=binance:BTC-USDT&from=1700000001000&to=1700000002001&limit=1');
    expect(await response.json()).toEqual({
      instrument: 'binance:BTC-USDT',
      trades: [{ tradeId: '3', price: '64999.99', size: '0.5', side: 'unknown', tsEventNs: '1700000002000000000', tsRecvNs: '1700000002000300000' }],
    });
    const windowed = (await (await harness.get('/v1/trades?instrument=binance:BTC-USDT&from=1700000001000&to=1700000002000')).json()) as { trades: { price: string }[] };
    expect(windowed.trades).toEqual([{ tradeId: '2', price: '65000.5', size: '1.23456789', side: 'sell', tsEventNs: '1700000001000000000', tsRecvNs: '1700000001000400000' }]);
  });

  it('reads stored candles of one timeframe', async () => {
    const response = await harness.get('/v1/candles?instrument=binance:BTC-USDT&timeframe=1m');
    expect(await response.json()).toEqual({
      instrument: 'binance:BTC-USDT',
      timeframe: '1m',
      candles: [
        { tsOpenNs: '1700000040000000000', open: '65000', high: '65010.5', low: '64990.01', close: '65005.25', volume: '12.3456789', tradeCount: 321 },
        { tsOpenNs: '1700000100000000000', open: '65005.25', high: '65006', low: '65001', close: '65002', volume: '0.00000001', tradeCount: null },
      ],
    });
  });

  it('refuses malformed queries with 400 and the parameter named', async () => {
    const missing = await harness.get('/v1/trades');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: { code: 'ZVT_ERR_REST_REQUEST', message: 'Query parameter instrument is required' } });
    const badLimit = await harness.get('/v1/trades?instrument=binance:BTC-USDT&limit=0');
    expect(((await badLimit.json()) as { error: { message: string } }).error.message).toBe('Query parameter limit must be an integer from 1 to 1000 (got "0")');
    const badTimeframe = await harness.get('/v1/candles?instrument=binance:BTC-USDT&timeframe=2m');
    expect(badTimeframe.status).toBe(400);
    const badDepth = await harness.get('/v1/books/binance:BTC-USDT?depth=501');
    expect(badDepth.status).toBe(400);
  });

  it('answers 404 for unknown paths and 405 with Allow for a wrong method', async () => {
    const unknown = await harness.get('/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe('ZVT_ERR_REST_NOT_FOUND');
    const wrongMethod = await fetch(`${harness.url}/v1/instruments`, { method: 'PUT' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    expect(await errorCode(wrongMethod)).toBe('ZVT_ERR_REST_METHOD');
  });
});
