// The installed ccxt's binance class against the Binance simulator, unchanged but for its base URLs: markets, orders, balances, trades, order book, and a year of 1m candles paged under ccxt's own rate limiter.
import ccxt, { type Exchange } from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimAccountSpec } from '../../../../src/sim/matching/matching-types.js';
import { confineToSimulator } from '../../../helpers/ccxt-confine.js';
import { startBinanceSimulator, type BinanceSimulator } from './binance-sim-harness.js';

/*
 * ccxt is confined to the simulator: every URL under `urls.api` is moved to it (path kept), and
 * ccxt's one REST choke point, `fetch`, refuses any other host before a socket is opened. With API
 * keys ccxt's loadMarkets also fetches currencies from /sapi/v1/capital/config/getall; the
 * simulator serves that endpoint (coins without deposit networks), so ccxt's defaults stay on.
 * Only spot markets are asked for (options.fetchMarkets.types): the simulator is Binance spot.
 */

const YEAR_START_MS = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

let simulator: BinanceSimulator;
let account: SimAccountSpec;
const requests: string[] = [];
const usedWeights: number[] = [];

function confine(exchange: Exchange): void {
  confineToSimulator(exchange, simulator.server.restUrl, simulator.server.wsUrl, { requests, describe: (method, url) => `${method} ${new URL(url).pathname}` });
  // Every answer's X-MBX-USED-WEIGHT-1M: ccxt's pacing is judged by what the server counted.
  const handleRestResponse = exchange.handleRestResponse.bind(exchange);
  exchange.handleRestResponse = (response: Response, url: string, method?: string, requestHeaders?: unknown, requestBody?: unknown): unknown => {
    const headers = exchange.getResponseHeaders(response) as Record<string, string>;
    const used = Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-mbx-used-weight-1m')?.[1];
    if (used !== undefined) usedWeights.push(Number(used));
    return handleRestResponse(response, url, method, requestHeaders, requestBody) as unknown;
  };
}

function binance(secret: string = account.secret): Exchange {
  const exchange = new ccxt.binance({ apiKey: account.apiKey, secret, enableRateLimit: true, options: { fetchMarkets: { types: ['spot'] } } });
  confine(exchange);
  return exchange;
}

beforeAll(async () => {
  simulator = await startBinanceSimulator({ seed: 42 });
  account = simulator.exchange.accounts[0]!;
});

afterAll(async () => {
  await simulator.close();
});

describe('ccxt binance against the simulator', () => {
  it('cannot reach anything but the simulator', async () => {
    const exchange = binance();
    await expect(exchange.fetch('https://api.binance.com/api/v3/ping')).rejects.toThrow('ccxt tried to reach https://api.binance.com/api/v3/ping');
  });

  it('loads markets (exchangeInfo and capital/config/getall), trades through limit, market and marketable orders, and reads balances, trades and the book', async () => {
    const exchange = binance();
    const markets = await exchange.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
    expect(markets['BTC/USDT']).toMatchObject({ id: 'BTCUSDT', spot: true, active: true, precision: { price: 0.01, amount: 0.00001 }, limits: { cost: { min: 5 } } });
    expect(requests).toContain('GET /api/v3/exchangeInfo');
    expect(requests).toContain('GET /sapi/v1/capital/config/getall');
    expect(exchange.currencies.USDT).toMatchObject({ code: 'USDT', active: true });

    const book = await exchange.fetchOrderBook('BTC/USDT', 50);
    expect(book.bids).toHaveLength(50);
    expect(book.asks).toHaveLength(50);
    expect(book.bids[0]![0]!).toBeLessThan(book.asks[0]![0]!);
    expect(book.nonce).toBeGreaterThan(0);

    const before = await exchange.fetchBalance();
    expect(before.USDT).toMatchObject({ free: 100000, used: 0, total: 100000 });
    expect(before.BTC).toMatchObject({ free: 2, used: 0, total: 2 });

    // A limit buy 2 % under the best bid rests.
    const restingPrice = Number(exchange.priceToPrecision('BTC/USDT', book.bids[0]![0]! * 0.98));
    const resting = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.01, restingPrice);
    const restingId = resting.id!;
    expect(resting).toMatchObject({ symbol: 'BTC/USDT', type: 'limit', side: 'buy', status: 'open', price: restingPrice, amount: 0.01, filled: 0 });
    expect(await exchange.fetchOrder(restingId, 'BTC/USDT')).toMatchObject({ id: resting.id, status: 'open', clientOrderId: resting.clientOrderId });
    expect((await exchange.fetchOpenOrders('BTC/USDT')).map((order) => order.id)).toEqual([resting.id]);
    const locked = await exchange.fetchBalance();
    expect(locked.USDT!.used).toBeGreaterThan(0);
    const canceled = await exchange.cancelOrder(restingId, 'BTC/USDT');
    expect(canceled).toMatchObject({ id: resting.id, status: 'canceled' });
    expect(await exchange.fetchOpenOrders('BTC/USDT')).toEqual([]);
    expect((await exchange.fetchBalance()).USDT).toMatchObject({ free: 100000, used: 0 });

    // A market buy fills.
    const bought = await exchange.createOrder('BTC/USDT', 'market', 'buy', 0.01);
    expect(bought).toMatchObject({ status: 'closed', filled: 0.01, remaining: 0 });
    expect(bought.trades.length).toBeGreaterThan(0);
    // A marketable limit sell (1 % under the bid) fills at the book's prices.
    const bid = (await exchange.fetchOrderBook('BTC/USDT', 5)).bids[0]![0]!;
    const sold = await exchange.createOrder('BTC/USDT', 'limit', 'sell', 0.004, Number(exchange.priceToPrecision('BTC/USDT', bid * 0.99)));
    expect(sold).toMatchObject({ status: 'closed', filled: 0.004 });
    expect(sold.average).toBeGreaterThan(bid * 0.99);

    const after = await exchange.fetchBalance();
    expect(after.BTC!.total).toBeCloseTo(2.006, 8);
    const spent = bought.cost! + bought.fee!.cost! - sold.cost! + sold.fee!.cost!;
    expect(after.USDT!.total).toBeCloseTo(100000 - spent, 6);

    const trades = await exchange.fetchMyTrades('BTC/USDT');
    expect(trades.map((trade) => trade.order).filter((id, index, ids) => ids.indexOf(id) === index)).toEqual([bought.id, sold.id]);
    expect(trades.every((trade) => trade.fee!.currency === 'USDT')).toBe(true);
    expect(trades.filter((trade) => trade.order === bought.id).reduce((sum, trade) => sum + trade.amount!, 0)).toBeCloseTo(0.01, 10);
    expect(simulator.server.stats().rateLimits.refusals).toBe(0);
  });

  it("a wrong secret is ccxt's AuthenticationError carrying Binance's -1022", async () => {
    const exchange = binance('not-the-secret');
    await exchange.loadMarkets().catch(() => undefined);
    const error = await exchange.fetchBalance().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(String((error as Error).message)).toContain('{"code":-1022,"msg":"Signature for this request is not valid."}');
  });

  it('pages a year of 1m candles (526 requests) under ccxt’s rate limiter with no refusal: every minute outside maintenance, 60 000 ms apart', async () => {
    const exchange = binance();
    await exchange.loadMarkets();
    const refusalsBefore = simulator.server.stats().rateLimits.refusals;
    const klineRequestsBefore = requests.filter((request) => request.endsWith('/api/v3/klines')).length;
    const until = YEAR_START_MS + 365 * DAY_MS - 1;
    const candles = await exchange.fetchOHLCV('BTC/USDT', '1m', YEAR_START_MS, undefined, { paginate: true, paginationCalls: 526, until });
    const klineRequests = requests.filter((request) => request.endsWith('/api/v3/klines')).length - klineRequestsBefore;
    expect(klineRequests).toBe(526);

    const history = simulator.exchange.history('BTCUSDT');
    const windows = history.maintenanceWindows(YEAR_START_MS, until + 1);
    expect(windows.length).toBeGreaterThan(0);
    const expected: number[] = [];
    for (let minute = YEAR_START_MS; minute <= until; minute += MINUTE_MS) if (!windows.some(([start, end]) => minute >= start && minute < end)) expected.push(minute);
    const timestamps = candles.map((candle) => candle[0]!);
    expect(timestamps.length).toBe(expected.length);
    expect(timestamps).toEqual(expected);
    // Strictly increasing by one minute, except across a maintenance window (no candle there).
    for (let index = 1; index < timestamps.length; index++) {
      const step = timestamps[index]! - timestamps[index - 1]!;
      if (step !== MINUTE_MS) expect(windows.some(([start, end]) => start === timestamps[index - 1]! + MINUTE_MS && end === timestamps[index]!)).toBe(true);
    }
    // Spot-check one candle against the history's own 1m candle.
    const sample = history.candles('1m', timestamps[123_456]!, timestamps[123_456]! + MINUTE_MS, 1, Date.now())[0]!;
    const row = candles[123_456]!;
    expect(row[1]).toBeCloseTo(sample.open / 100, 8);
    expect(row[4]).toBeCloseTo(sample.close / 100, 8);

    expect(simulator.server.stats().rateLimits.refusals - refusalsBefore).toBe(0);
    // ccxt's own pacing (klines cost 0.4 × rateLimit 50 ms, i.e. weight 2 per 20 ms at most) stays under the real 6000/min.
    expect(Math.max(...usedWeights)).toBeLessThanOrEqual(6000);
  }, 120_000);
});
