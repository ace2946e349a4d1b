// Coinbase public REST over the simulator's server: products, book, candles (limits, granularities, order), trades, time, the v2 endpoints ccxt reads, and the 10/s per-IP limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoinbaseSimulator, type CoinbaseSimulator } from './coinbase-engine-harness.js';

let simulator: CoinbaseSimulator;

beforeAll(async () => {
  simulator = await startCoinbaseSimulator();
});

afterAll(async () => {
  await simulator.close();
});

async function get(path: string): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(`${simulator.server.restUrl}${path}`);
  const text = await response.text();
  return { status: response.status, body: parseJson(text), text };
}

/** Spaces requests so the 10/s public limit is not what a test measures. */
async function pace(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 120));
}

describe('Coinbase public REST', () => {
  it('lists the spot products the engine adapter keeps (online SPOT, trading enabled, no alias) and nothing for FUTURE', async () => {
    const { status, body } = await get('/api/v3/brokerage/market/products');
    expect(status).toBe(200);
    const list = body as { products: Record<string, unknown>[]; num_products: number };
    expect(list.products.map((product) => product.product_id)).toEqual(['BTC-USD', 'ETH-USD']);
    expect(list.num_products).toBe(2);
    expect(list.products[0]).toMatchObject({ price_increment: '0.01', base_increment: '0.00000001', status: 'online', product_type: 'SPOT', trading_disabled: false, alias: '', base_currency_id: 'BTC', quote_currency_id: 'USD' });
    await pace();
    const futures = await get('/api/v3/brokerage/market/products?product_type=FUTURE');
    expect(futures.body).toMatchObject({ products: [], num_products: 0 });
    await pace();
    expect((await get('/api/v3/brokerage/market/products/ETH-USD')).body).toMatchObject({ product_id: 'ETH-USD', quote_min_size: '1' });
    await pace();
    const unknown = await get('/api/v3/brokerage/market/products/DOGE-USD');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: 'NOT_FOUND', error_details: 'ProductID is invalid', message: 'ProductID is invalid' });
  });

  it('serves the book of the moment with limit, last, mid and spread', async () => {
    await pace();
    const { status, body } = await get('/api/v3/brokerage/market/product_book?product_id=BTC-USD&limit=5');
    expect(status).toBe(200);
    const book = body as { pricebook: { product_id: string; bids: { price: string; size: string }[]; asks: { price: string }[]; time: string }; mid_market: string; spread_bps: string };
    expect(book.pricebook.product_id).toBe('BTC-USD');
    expect(book.pricebook.bids).toHaveLength(5);
    expect(book.pricebook.asks).toHaveLength(5);
    expect(Number(book.pricebook.bids[0]!.price)).toBeLessThan(Number(book.pricebook.asks[0]!.price));
    expect(book.mid_market).toMatch(/^\d+(\.\d+)?$/);
    expect(book.pricebook.time).toMatch(/Z$/);
  });

  it('serves candles newest first within [start, end), folds TWO_HOUR from hours, and refuses more than 350 buckets', async () => {
    const nowSeconds = Math.floor(simulator.exchange.nowMs() / 1000);
    const start = nowSeconds - 3600;
    await pace();
    const minutes = await get(`/api/v3/brokerage/market/products/BTC-USD/candles?start=${start}&end=${nowSeconds}&granularity=ONE_MINUTE`);
    expect(minutes.status).toBe(200);
    const candles = (minutes.body as { candles: { start: string; open: string; high: string; low: string; close: string; volume: string }[] }).candles;
    expect(candles.length).toBeGreaterThan(50);
    expect(candles.length).toBeLessThanOrEqual(61);
    for (let index = 1; index < candles.length; index++) expect(Number(candles[index]!.start)).toBe(Number(candles[index - 1]!.start) - 60);
    expect(Number(candles[candles.length - 1]!.start)).toBeGreaterThanOrEqual(start);
    expect(Object.keys(candles[0]!)).toEqual(['start', 'low', 'high', 'open', 'close', 'volume']);
    await pace();
    const twoHours = await get(`/api/v3/brokerage/market/products/BTC-USD/candles?start=${nowSeconds - 86_400}&end=${nowSeconds}&granularity=TWO_HOUR`);
    const folded = (twoHours.body as { candles: { start: string }[] }).candles;
    expect(folded.length).toBeGreaterThanOrEqual(12);
    for (const candle of folded) expect(Number(candle.start) % 7200).toBe(0);
    await pace();
    const tooMany = await get(`/api/v3/brokerage/market/products/BTC-USD/candles?start=${nowSeconds - 351 * 60}&end=${nowSeconds}&granularity=ONE_MINUTE`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual({
      error: 'INVALID_ARGUMENT',
      error_details: 'start and end argument is invalid - number of candles requested should be less than 350 ',
      message: 'start and end argument is invalid - number of candles requested should be less than 350 ',
    });
    await pace();
    expect((await get(`/api/v3/brokerage/market/products/BTC-USD/candles?start=${start}&end=${nowSeconds}&granularity=FOUR_HOUR`)).status).toBe(400);
  });

  it('serves the latest trades newest first with best bid and ask', async () => {
    await pace();
    const { body } = await get('/api/v3/brokerage/market/products/ETH-USD/ticker?limit=7');
    const ticker = body as { trades: { trade_id: string; side: string; product_id: string }[]; best_bid: string; best_ask: string };
    expect(ticker.trades).toHaveLength(7);
    for (let index = 1; index < ticker.trades.length; index++) expect(BigInt(ticker.trades[index]!.trade_id) < BigInt(ticker.trades[index - 1]!.trade_id)).toBe(true);
    expect(ticker.best_bid).toMatch(/^\d+(\.\d+)?$/);
  });

  it('serves the time and the v2 currency endpoints ccxt loads markets with', async () => {
    await pace();
    const time = (await get('/api/v3/brokerage/time')).body as { iso: string; epochSeconds: string; epochMillis: string };
    expect(Number(time.epochSeconds)).toBe(Math.floor(Number(time.epochMillis) / 1000));
    await pace();
    expect((await get('/v2/currencies')).body).toEqual({ data: [{ id: 'USD', name: 'US Dollar', min_size: '0.01' }] });
    await pace();
    expect(((await get('/v2/currencies/crypto')).body as { data: { code: string }[] }).data.map((currency) => currency.code)).toEqual(['BTC', 'ETH']);
    await pace();
    const rates = ((await get('/v2/exchange-rates')).body as { data: { currency: string; rates: Record<string, string> } }).data;
    expect(rates.currency).toBe('USD');
    expect(Object.keys(rates.rates).sort()).toEqual(['BTC', 'ETH', 'USD']);
  });

  it('answers an unknown path with Go’s plain 404', async () => {
    await pace();
    const response = await get('/api/v3/brokerage/market/nothing');
    expect(response.status).toBe(404);
    expect(response.text).toBe('404 page not found\n');
  });

  it('limits public requests to 10 per second per IP: past 10 in a second, 429 rate_limit_exceeded', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const statuses: number[] = [];
    let refused: unknown = null;
    // Windows are whole seconds: 21 quick requests span at most two, so one of them holds 11 or more.
    for (let index = 0; index < 21; index++) {
      const response = await get('/api/v3/brokerage/time');
      statuses.push(response.status);
      if (response.status === 429) refused = response.body;
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(20);
    expect(refused).toEqual({ error: 'rate_limit_exceeded', error_details: 'Too many requests', message: 'Too many requests' });
  });
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
