// The installed ccxt's bybit class against the Bybit simulator, unchanged but for its base URLs: markets, book, candles, tickers, orders, balances and trades.
import ccxt, { type Exchange } from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimAccountSpec } from '../../../../src/sim/matching/matching-types.js';
import { confineToSimulator } from '../../../helpers/ccxt-confine.js';
import { startBybitSimulator, type BybitSimulator } from './bybit-engine-harness.js';

/*
 * ccxt is confined to the simulator: every URL under `urls.api` ("https://api.{hostname}") moves
 * to it, and ccxt's REST choke point, `fetch`, refuses any other host. ccxt's defaults stay on:
 * loadMarkets asks instruments-info for spot, linear (and linear PreLaunch), inverse and option
 * (BTC, ETH, SOL), which the simulator answers (empty lists where it lists nothing), and, with
 * keys, /v5/asset/coin/query-info for currencies; isUnifiedEnabled reads /v5/user/query-api and
 * /v5/account/info. No option needs changing.
 */

let simulator: BybitSimulator;
let account: SimAccountSpec;
const requests: string[] = [];

function confine(exchange: Exchange): void {
  confineToSimulator(exchange, simulator.server.restUrl, simulator.server.wsUrl, { requests, describe: (method, url) => `${method} ${new URL(url).pathname}${new URL(url).search}` });
}

function bybit(secret: string = account.secret): Exchange {
  const exchange = new ccxt.bybit({ apiKey: account.apiKey, secret, enableRateLimit: true });
  confine(exchange);
  return exchange;
}

beforeAll(async () => {
  simulator = await startBybitSimulator({ seed: 43 });
  account = simulator.exchange.accounts[0]!;
});

afterAll(async () => {
  await simulator.close();
});

describe('ccxt bybit against the simulator', () => {
  it('cannot reach anything but the simulator', async () => {
    await expect(bybit().fetch('https://api.bybit.com/v5/market/time')).rejects.toThrow('ccxt tried to reach https://api.bybit.com/v5/market/time');
  });

  it('loads markets of every category and the currencies with its defaults', async () => {
    const exchange = bybit();
    const markets = await exchange.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDT', 'BTC/USDT:USDT', 'ETH/USDT']);
    expect(markets['BTC/USDT']).toMatchObject({ id: 'BTCUSDT', spot: true, active: true, precision: { price: 0.01, amount: 0.00001 }, limits: { cost: { min: 5 } } });
    expect(markets['BTC/USDT:USDT']).toMatchObject({ id: 'BTCUSDT', swap: true, linear: true, settle: 'USDT', contractSize: 1, precision: { price: 0.1, amount: 0.001 } });
    expect(requests.some((request) => request.startsWith('GET /v5/market/instruments-info?category=option'))).toBe(true);
    expect(requests.some((request) => request.startsWith('GET /v5/asset/coin/query-info'))).toBe(true);
    expect(exchange.currencies.USDT).toMatchObject({ code: 'USDT' });
  });

  it('reads the book, candles, trades and tickers', async () => {
    const exchange = bybit();
    const book = await exchange.fetchOrderBook('BTC/USDT:USDT', 50);
    expect(book.bids).toHaveLength(50);
    expect(book.asks).toHaveLength(50);
    expect(book.bids[0]![0]!).toBeLessThan(book.asks[0]![0]!);
    const candles = await exchange.fetchOHLCV('ETH/USDT', '1h', undefined, 30);
    expect(candles).toHaveLength(30);
    const starts = candles.map((candle) => candle[0]!);
    expect(starts).toEqual([...starts].sort((left, right) => left - right));
    const trades = await exchange.fetchTrades('BTC/USDT', undefined, 20);
    expect(trades.length).toBe(20);
    const ticker = await exchange.fetchTicker('BTC/USDT:USDT');
    expect(ticker.bid).toBeLessThan(ticker.ask!);
    expect(ticker.last).toBeGreaterThan(0);
  });

  it('places, lists, fetches and cancels a resting limit order; a market order fills; balances and my trades follow', async () => {
    const exchange = bybit();
    await exchange.loadMarkets();
    const before = await exchange.fetchBalance();
    expect(before.USDT).toMatchObject({ free: 100000, used: 0, total: 100000 });
    expect(before.BTC).toMatchObject({ free: 2, used: 0, total: 2 });

    const book = await exchange.fetchOrderBook('BTC/USDT', 1);
    const low = Math.floor(book.bids[0]![0]! * 0.9);
    const resting = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.01, low, { clientOrderId: 'ccxt-rest-1' });
    const restingId = resting.id!;
    expect(restingId).toMatch(/^[1-9][0-9]{18}$/);
    const open = await exchange.fetchOpenOrders('BTC/USDT');
    expect(open.map((order) => order.id)).toEqual([restingId]);
    expect(open[0]).toMatchObject({ status: 'open', side: 'buy', type: 'limit', price: low, amount: 0.01, filled: 0, clientOrderId: 'ccxt-rest-1' });
    const held = await exchange.fetchBalance();
    expect(held.USDT!.used).toBeGreaterThan(0);
    await exchange.cancelOrder(restingId, 'BTC/USDT');
    const cancelled = await exchange.fetchOrder(restingId, 'BTC/USDT', { acknowledged: true });
    expect(cancelled.status).toBe('canceled');
    expect(await exchange.fetchOpenOrders('BTC/USDT')).toEqual([]);

    const bought = await exchange.createOrder('BTC/USDT:USDT', 'market', 'buy', 0.005);
    const filled = await exchange.fetchOrder(bought.id!, 'BTC/USDT:USDT', { acknowledged: true });
    expect(filled).toMatchObject({ status: 'closed', filled: 0.005, remaining: 0 });
    const mine = await exchange.fetchMyTrades('BTC/USDT:USDT');
    expect(mine.filter((trade) => trade.order === bought.id).reduce((total, trade) => total + trade.amount!, 0)).toBeCloseTo(0.005, 9);
    const after = await exchange.fetchBalance();
    // The matching engine settles the perpetual like a spot pair (no positions are modelled): the base balance grows.
    expect(after.BTC!.total).toBeCloseTo(2.005, 9);
    expect(after.USDT!.total).toBeLessThan(100000);
  });

  it('a wrong secret is an AuthenticationError from retCode 10004', async () => {
    const exchange = bybit('not-the-secret-not-the-secret-123456');
    await expect(exchange.fetchBalance()).rejects.toThrow(ccxt.AuthenticationError);
  });
});
