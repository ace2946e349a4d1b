// ccxt's own coinbase exchange class against the simulator, unchanged but for the REST base URL: markets, balance, orders placed, listed, cancelled and filled, trades, candles, book, time.
import ccxt, { type Exchange } from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoinbaseSimulator, type CoinbaseSimulator } from './coinbase-engine-harness.js';

/*
 * ccxt 4.5.84 signs CDP keys itself (ES256 JWT, coinbase.js createAuthToken). loadMarkets reads
 * /v2/currencies, /v2/currencies/crypto, /v2/exchange-rates (fetchCurrencies), the public product
 * list, /api/v3/brokerage/transaction_summary (with credentials) and the FUTURE product lists;
 * fetchBalance reads /v2/accounts by default (whole balances) and /api/v3/brokerage/accounts with
 * {v3: true} (available and held). All are served, so no option is changed; ccxt's throttle stays on.
 */

let simulator: CoinbaseSimulator;
let exchange: Exchange;

beforeAll(async () => {
  simulator = await startCoinbaseSimulator({ seed: 23 });
  const account = simulator.exchange.accounts[0]!;
  exchange = new ccxt.coinbase({ apiKey: account.apiKey, secret: account.secret, urls: { api: { rest: simulator.server.restUrl } } });
});

afterAll(async () => {
  await simulator.close();
});

function bestBid(): number {
  const snapshot = simulator.exchange.snapshot('BTC-USD', 1);
  return snapshot.bids[0]!.priceTicks / 100;
}

describe('ccxt coinbase against the simulator', () => {
  it('loads the markets with their precision, limits and fees', async () => {
    const markets = await exchange.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USD', 'ETH/USD']);
    const btc = markets['BTC/USD']!;
    expect(btc).toMatchObject({ id: 'BTC-USD', spot: true, active: true, precision: { price: 0.01, amount: 0.00000001 }, limits: { cost: { min: 1 } } });
    expect(btc.taker).toBe(0.001);
    expect(exchange.currencies.BTC).toBeDefined();
  });

  it('fetches the balance from /v2/accounts (its default) and, with v3, available and held per currency', async () => {
    const balance = await exchange.fetchBalance();
    expect(balance.BTC).toMatchObject({ free: 2, total: 2 });
    expect(balance.USD).toMatchObject({ free: 100000, total: 100000 });
    const v3 = await exchange.fetchBalance({ v3: true });
    expect(v3.BTC).toMatchObject({ free: 2, used: 0, total: 2 });
    expect(v3.SOL).toMatchObject({ free: 200, used: 0, total: 200 });
  });

  it('places a resting limit buy, sees it open and held, cancels it', async () => {
    const price = Math.floor(bestBid() * 0.5);
    const order = await exchange.createOrder('BTC/USD', 'limit', 'buy', 0.001, price);
    expect(order.id).toMatch(/^[0-9a-f-]{36}$/);
    const open = await exchange.fetchOpenOrders('BTC/USD');
    expect(open.map((entry) => entry.id)).toContain(order.id);
    const fetched = await exchange.fetchOrder(order.id!, 'BTC/USD');
    expect(fetched).toMatchObject({ status: 'open', type: 'limit', side: 'buy', price, amount: 0.001, filled: 0, timeInForce: 'GTC' });
    const held = await exchange.fetchBalance({ v3: true });
    expect(held.USD!.used).toBeGreaterThanOrEqual(price * 0.001);
    // The whole balance (v2) still counts what is held.
    expect((await exchange.fetchBalance()).USD!.total).toBe(100000);
    await exchange.cancelOrder(order.id!, 'BTC/USD');
    expect((await exchange.fetchOrder(order.id!, 'BTC/USD')).status).toBe('canceled');
    expect((await exchange.fetchBalance({ v3: true })).USD!.used).toBe(0);
  });

  it('buys at market for a cost, then finds the fills in fetchMyTrades and the new balance', async () => {
    const price = bestBid();
    const order = await exchange.createOrder('BTC/USD', 'market', 'buy', 0.002, price);
    const filled = await exchange.fetchOrder(order.id!, 'BTC/USD');
    expect(filled.status).toBe('closed');
    expect(filled.filled).toBeGreaterThan(0);
    const trades = await exchange.fetchMyTrades('BTC/USD');
    const own = trades.filter((trade) => trade.order === order.id);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((trade) => trade.side === 'buy' && trade.takerOrMaker === 'taker')).toBe(true);
    const balance = await exchange.fetchBalance();
    expect(balance.BTC!.total).toBeGreaterThan(2);
    expect(balance.USD!.total).toBeLessThan(100000);
  });

  it('refuses an order the account cannot pay with InsufficientFunds', async () => {
    await expect(exchange.createOrder('BTC/USD', 'limit', 'buy', 100, bestBid())).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
  });

  it('reads candles, the book, recent trades and the time', async () => {
    const candles = await exchange.fetchOHLCV('BTC/USD', '1m', undefined, 10);
    expect(candles.length).toBeGreaterThanOrEqual(9);
    for (const [time, open, high, low, close, volume] of candles) {
      expect(time! % 60_000).toBe(0);
      expect(high).toBeGreaterThanOrEqual(Math.max(open!, close!));
      expect(low).toBeLessThanOrEqual(Math.min(open!, close!));
      expect(volume).toBeGreaterThan(0);
    }
    const book = await exchange.fetchOrderBook('ETH/USD', 5);
    expect(book.bids).toHaveLength(5);
    expect(book.asks[0]![0]).toBeGreaterThan(book.bids[0]![0]!);
    const trades = await exchange.fetchTrades('ETH/USD', undefined, 5);
    expect(trades).toHaveLength(5);
    const time = await exchange.fetchTime();
    expect(Math.abs(time! - Date.now())).toBeLessThan(5000);
  });

  it('raises AuthenticationError for a key signed with the wrong secret', async () => {
    const stranger = new ccxt.coinbase({
      apiKey: simulator.exchange.accounts[0]!.apiKey,
      secret: (await import('node:crypto')).generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'sec1' }).toString(),
      urls: { api: { rest: simulator.server.restUrl } },
    });
    stranger.markets = exchange.markets;
    stranger.markets_by_id = exchange.markets_by_id;
    await expect(stranger.fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
  });
});
