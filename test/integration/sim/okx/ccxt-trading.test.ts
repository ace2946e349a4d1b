// ccxt's okx class, unchanged but for its base URL, against the OKX simulator: markets, balance, orders, fills, order book, and the error a wrong secret gets.
import ccxt, { type Exchange } from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceText, sizeText } from '../../../../src/sim/market/sim-instrument.js';
import { startSimulator, type RunningSimulator } from '../../../../src/sim/start-simulator.js';
import { allUrls, confineToSimulator } from '../../../helpers/ccxt-confine.js';

let simulator: RunningSimulator;
let requests: string[];
let exchange: Exchange;

function okxClient(overrides: { secret?: string } = {}): { client: Exchange; requests: string[] } {
  const endpoints = simulator.endpoints.okx!;
  const client = new ccxt.okx({ apiKey: endpoints.apiKey, secret: overrides.secret ?? endpoints.secret, password: endpoints.password ?? '', enableRateLimit: true });
  return { client, requests: confineToSimulator(client, endpoints.rest, endpoints.ws).requests };
}

beforeAll(async () => {
  simulator = await startSimulator({ venues: ['okx'], seed: 7 });
  ({ client: exchange, requests } = okxClient());
});

afterAll(async () => {
  await simulator.close();
});

describe('ccxt okx against the OKX simulator', () => {
  it('reaches nothing but the simulator', async () => {
    const endpoints = simulator.endpoints.okx!;
    for (const url of allUrls(exchange.urls.api)) expect(url.startsWith(endpoints.rest) || url.startsWith(endpoints.ws), url).toBe(true);
    await expect(exchange.fetch('https://www.okx.com/api/v5/public/time')).rejects.toThrow('ccxt tried to reach https://www.okx.com/');
  });

  it('loadMarkets: the SPOT and SWAP listings with their precision and limits (currencies from the signed asset/currencies)', async () => {
    const markets = await exchange.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDT', 'BTC/USDT:USDT', 'ETH/USDT']);
    const spot = markets['BTC/USDT']!;
    expect(spot).toMatchObject({ id: 'BTC-USDT', type: 'spot', spot: true, active: true, base: 'BTC', quote: 'USDT' });
    expect(spot.precision).toEqual({ amount: 0.00001, price: 0.01 });
    expect(spot.limits.amount?.min).toBe(0.00001);
    const swap = markets['BTC/USDT:USDT']!;
    expect(swap).toMatchObject({ id: 'BTC-USDT-SWAP', type: 'swap', linear: true, settle: 'USDT', contractSize: 1 });
    expect(exchange.currencies.USDT?.id).toBe('USDT');
    // Every instrument type ccxt asks for was answered (FUTURES and OPTION are empty lists).
    expect(requests.filter((request) => request.includes('/api/v5/public/instruments')).length).toBe(5);
    expect(requests.some((request) => request.includes('/api/v5/asset/currencies'))).toBe(true);
  });

  it('a resting limit order: created, fetched, listed as open, canceled; then a market buy fills and shows in fetchMyTrades and the balance', async () => {
    const before = await exchange.fetchBalance();
    expect(before.USDT?.free).toBe(100000);
    expect(before.BTC?.total).toBe(2);

    const book = await exchange.fetchOrderBook('BTC/USDT', 5);
    const bestBid = book.bids[0]![0]!;
    const restingPrice = Math.round(bestBid * 0.9);
    const resting = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.01, restingPrice);
    expect(resting.id).toMatch(/^\d+$/);
    const restingId = resting.id!;
    const fetched = await exchange.fetchOrder(restingId, 'BTC/USDT');
    expect(fetched).toMatchObject({ id: restingId, status: 'open', type: 'limit', side: 'buy', price: restingPrice, amount: 0.01, filled: 0 });
    const open = await exchange.fetchOpenOrders('BTC/USDT');
    expect(open.map((order) => order.id)).toContain(restingId);
    const locked = await exchange.fetchBalance();
    expect(locked.USDT!.used).toBeGreaterThan(0);
    const canceled = await exchange.cancelOrder(restingId, 'BTC/USDT');
    expect(canceled.id).toBe(restingId);
    expect((await exchange.fetchOrder(restingId, 'BTC/USDT')).status).toBe('canceled');
    expect((await exchange.fetchOpenOrders('BTC/USDT')).map((order) => order.id)).not.toContain(restingId);

    // A market buy of 0.01 BTC (ccxt sends tgtCcy base_ccy): filled at once.
    const market = await exchange.createOrder('BTC/USDT', 'market', 'buy', 0.01);
    const marketId = market.id!;
    const filled = await exchange.fetchOrder(marketId, 'BTC/USDT');
    expect(filled).toMatchObject({ id: marketId, status: 'closed', side: 'buy', filled: 0.01 });
    expect(filled.average).toBeGreaterThan(0);
    expect(filled.fee?.currency).toBe('USDT');
    expect(filled.fee?.cost).toBeGreaterThan(0);
    const trades = await exchange.fetchMyTrades('BTC/USDT');
    const mine = trades.filter((trade) => trade.order === marketId);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.reduce((sum, trade) => sum + trade.amount!, 0)).toBeCloseTo(0.01, 10);
    expect(mine.every((trade) => trade.takerOrMaker === 'taker' && trade.side === 'buy')).toBe(true);

    const after = await exchange.fetchBalance();
    expect(after.BTC!.total).toBeCloseTo(2.01, 10);
    expect(after.USDT!.total).toBeLessThan(100000 - 0.01 * bestBid * 0.5);
    expect(after.USDT!.used).toBe(0);
  });

  it('fetchOrderBook: the simulator book, best levels first, as the WebSocket subscribers hold it', async () => {
    const okxExchange = simulator.exchange('okx');
    const book = await exchange.fetchOrderBook('ETH/USDT', 20);
    expect(book.bids).toHaveLength(20);
    expect(book.asks).toHaveLength(20);
    expect(book.bids[0]![0]!).toBeLessThan(book.asks[0]![0]!);
    // The answer is a consistent book: strictly ordered, on the tick grid.
    const instrument = okxExchange.listing('ETH-USDT')!.instrument;
    for (const [price, size] of [...book.bids, ...book.asks]) {
      expect(priceText(instrument, Math.round(price! / 0.01))).toBe(String(price));
      expect(Number(sizeText(instrument, Math.round(size! / 0.0001)))).toBe(size);
    }
  });

  it("fetchOHLCV '1d': ccxt asks 1Dutc by default (UTC days) and 1D with timezone HK (Hong Kong days, 16:00 UTC), and both are served as such", async () => {
    const utc = await exchange.fetchOHLCV('BTC/USDT', '1d', undefined, 5);
    expect(requests.some((request) => request.includes('bar=1Dutc'))).toBe(true);
    expect(utc).toHaveLength(5);
    expect(utc.every((candle) => candle[0]! % 86_400_000 === 0)).toBe(true);
    const { client: hongKong, requests: hongKongRequests } = okxClient();
    hongKong.options.fetchOHLCV = { ...(hongKong.options.fetchOHLCV as object), timezone: 'HK' };
    await hongKong.loadMarkets();
    const local = await hongKong.fetchOHLCV('BTC/USDT', '1d', undefined, 5);
    expect(hongKongRequests.some((request) => request.includes('bar=1D&') || request.endsWith('bar=1D'))).toBe(true);
    expect(local.every((candle) => (candle[0]! + 8 * 3_600_000) % 86_400_000 === 0)).toBe(true);
    // Newest first on the wire, oldest first from ccxt; consecutive days.
    for (let index = 1; index < local.length; index++) expect(local[index]![0]! - local[index - 1]![0]!).toBe(86_400_000);
  });

  it('a wrong secret: ccxt raises AuthenticationError carrying OKX code 50113', async () => {
    const { client } = okxClient({ secret: '0123456789ABCDEF0123456789ABCDEF' });
    // Markets come from the public endpoints; the wrong secret first shows on the signed currencies request of loadMarkets.
    const error = await client.loadMarkets().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(String((error as Error).message)).toContain('"code":"50113"');
  });
});
