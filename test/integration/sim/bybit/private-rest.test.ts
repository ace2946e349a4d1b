// Bybit private REST against the simulator with a plain HMAC client: orders placed, filled, rested, cancelled and queried; balances move exactly; Bybit's refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDecimalBig } from '../../../../src/model/fixed-point.js';
import { parsePriceTicks, priceText } from '../../../../src/sim/market/sim-instrument.js';
import { startBybitSimulator, type BybitSimulator } from './bybit-engine-harness.js';
import { BybitSignedClient, type BybitAnswer } from './bybit-signed-client.js';

let simulator: BybitSimulator;
let client: BybitSignedClient;

beforeAll(async () => {
  simulator = await startBybitSimulator({ seed: 23 });
  const account = simulator.exchange.accounts[0]!;
  client = new BybitSignedClient({ baseUrl: simulator.server.restUrl, apiKey: account.apiKey, secret: account.secret });
});

afterAll(async () => {
  await simulator.close();
});

const D = 18;
const big = (text: string): bigint => parseDecimalBig(text, D);

function ok(answer: BybitAnswer): Record<string, unknown> {
  expect(answer.status).toBe(200);
  expect({ retCode: answer.body.retCode, retMsg: answer.body.retMsg }).toEqual({ retCode: 0, retMsg: 'OK' });
  return answer.body.result;
}

type Row = Record<string, unknown>;

/** A text field of a row (Bybit sends amounts as strings). */
function text(row: Row | undefined, field: string): string {
  const value = row?.[field];
  if (typeof value !== 'string') throw new Error(`${field} is not text: ${JSON.stringify(value)}`);
  return value;
}

async function wallet(): Promise<Map<string, Row>> {
  const result = ok(await client.get('/v5/account/wallet-balance', { accountType: 'UNIFIED' }));
  const [account] = result.list as { accountType: string; coin: Row[] }[];
  expect(account!.accountType).toBe('UNIFIED');
  return new Map(account!.coin.map((coin) => [text(coin, 'coin'), coin]));
}

async function order(category: string, orderId: string): Promise<Row> {
  const result = ok(await client.get('/v5/order/realtime', { category, orderId }));
  const list = result.list as Row[];
  expect(list).toHaveLength(1);
  return list[0]!;
}

async function executions(category: string, orderId: string): Promise<Row[]> {
  return ok(await client.get('/v5/execution/list', { category, orderId })).list as Row[];
}

function sum(rows: Row[], field: string): bigint {
  return rows.reduce((total, row) => total + big(text(row, field)), 0n);
}

async function bestPrices(category: string, symbol: string): Promise<{ bid: string; ask: string }> {
  const book = ok(await client.publicGet('/v5/market/orderbook', { category, symbol, limit: '1' })) as { b: [string, string][]; a: [string, string][] };
  return { bid: book.b[0]![0], ask: book.a[0]![0] };
}

describe('Bybit private REST', () => {
  it('starts with the demo balances in one UNIFIED wallet', async () => {
    const coins = await wallet();
    expect(coins.get('USDT')).toMatchObject({ walletBalance: '100000', equity: '100000', locked: '0', coin: 'USDT' });
    expect(coins.get('BTC')).toMatchObject({ walletBalance: '2', locked: '0' });
    expect(big(text(coins.get('BTC'), 'usdValue'))).toBeGreaterThan(0n);
  });

  it('a spot market buy spends its quote qty: fills, executions and balances agree exactly', async () => {
    const before = await wallet();
    const created = ok(await client.post('/v5/order/create', { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty: '1000' }));
    expect(created.orderId).toMatch(/^[1-9][0-9]{18}$/);
    expect(created.orderLinkId).toBe('');
    const filled = await order('spot', created.orderId as string);
    expect(filled).toMatchObject({ orderStatus: 'Filled', orderType: 'Market', timeInForce: 'IOC', marketUnit: 'quoteCoin', qty: '1000', side: 'Buy', leavesQty: '0' });
    expect(big(text(filled, 'cumExecValue'))).toBeLessThanOrEqual(big('1000'));
    expect(big(text(filled, 'cumExecValue'))).toBeGreaterThan(big('990'));
    const fills = await executions('spot', created.orderId as string);
    expect(fills.length).toBeGreaterThan(0);
    for (const fill of fills) expect(fill).toMatchObject({ orderId: created.orderId, side: 'Buy', execType: 'Trade', isMaker: false });
    expect(sum(fills, 'execQty')).toBe(big(text(filled, 'cumExecQty')));
    expect(sum(fills, 'execValue')).toBe(big(text(filled, 'cumExecValue')));
    expect(sum(fills, 'execFee')).toBe(big(text(filled, 'cumExecFee')));
    const after = await wallet();
    expect(big(text(after.get('BTC'), 'walletBalance')) - big(text(before.get('BTC'), 'walletBalance'))).toBe(sum(fills, 'execQty'));
    expect(big(text(before.get('USDT'), 'walletBalance')) - big(text(after.get('USDT'), 'walletBalance'))).toBe(sum(fills, 'execValue') + sum(fills, 'execFee'));
  });

  it('a resting limit order is open, holds its quote, is cancelled by orderLinkId, and then only history has it', async () => {
    const listing = simulator.exchange.listings.find((candidate) => candidate.category === 'spot' && candidate.instrument.base === 'BTC')!;
    const { bid } = await bestPrices('spot', 'BTCUSDT');
    const price = priceText(listing.instrument, Math.floor(parsePriceTicks(listing.instrument, bid)! * 0.9));
    const created = ok(await client.post('/v5/order/create', { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.01', price, orderLinkId: 'rest-1' }));
    expect(created.orderLinkId).toBe('rest-1');
    const open = ok(await client.get('/v5/order/realtime', { category: 'spot', symbol: 'BTCUSDT' })).list as Row[];
    expect(open.map((row) => row.orderId)).toContain(created.orderId);
    const resting = open.find((row) => row.orderId === created.orderId)!;
    expect(resting).toMatchObject({ orderStatus: 'New', price, qty: '0.01', orderLinkId: 'rest-1', timeInForce: 'GTC', cumExecQty: '0', leavesQty: '0.01', avgPrice: '' });
    expect(big(text((await wallet()).get('USDT'), 'locked'))).toBeGreaterThanOrEqual(big(price) / 100n);

    const cancelled = ok(await client.post('/v5/order/cancel', { category: 'spot', symbol: 'BTCUSDT', orderLinkId: 'rest-1' }));
    expect(cancelled).toEqual({ orderId: created.orderId, orderLinkId: 'rest-1' });
    expect(await order('spot', created.orderId as string)).toMatchObject({ orderStatus: 'Cancelled', cancelType: 'CancelByUser', leavesQty: '0' });
    const stillOpen = ok(await client.get('/v5/order/realtime', { category: 'spot' })).list as Row[];
    expect(stillOpen.map((row) => row.orderId)).not.toContain(created.orderId);
    const history = ok(await client.get('/v5/order/history', { category: 'spot', symbol: 'BTCUSDT' })).list as Row[];
    expect(history.map((row) => row.orderId)).toContain(created.orderId);
    expect((await wallet()).get('USDT')!.locked).toBe('0');

    const again = await client.post('/v5/order/cancel', { category: 'spot', symbol: 'BTCUSDT', orderId: created.orderId });
    expect(again.body).toMatchObject({ retCode: 170213, retMsg: 'Order does not exist.', result: {} });
  });

  it('a marketable spot limit sell fills at the bid side; the base balance drops by exactly its qty', async () => {
    const before = await wallet();
    const { bid } = await bestPrices('spot', 'BTCUSDT');
    const created = ok(await client.post('/v5/order/create', { category: 'spot', symbol: 'BTCUSDT', side: 'Sell', orderType: 'Limit', qty: '0.001', price: bid, timeInForce: 'IOC' }));
    const filled = await order('spot', created.orderId as string);
    expect(filled.orderStatus === 'Filled' || filled.orderStatus === 'PartiallyFilledCanceled' || filled.orderStatus === 'Cancelled').toBe(true);
    const fills = await executions('spot', created.orderId as string);
    const after = await wallet();
    expect(big(text(before.get('BTC'), 'walletBalance')) - big(text(after.get('BTC'), 'walletBalance'))).toBe(sum(fills, 'execQty'));
    expect(big(text(after.get('USDT'), 'walletBalance')) - big(text(before.get('USDT'), 'walletBalance'))).toBe(sum(fills, 'execValue') - sum(fills, 'execFee'));
  });

  it('linear: a market buy fills with UUID order and execution ids; unknown orders and oversized orders get the linear codes', async () => {
    const created = ok(await client.post('/v5/order/create', { category: 'linear', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty: '0.010', orderLinkId: 'perp-1' }));
    expect(created.orderId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const filled = await order('linear', created.orderId as string);
    expect(filled).toMatchObject({ orderStatus: 'Filled', qty: '0.010', cumExecQty: '0.010', orderLinkId: 'perp-1', isLeverage: '', symbol: 'BTCUSDT' });
    const fills = await executions('linear', created.orderId as string);
    for (const fill of fills) expect(fill.execId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const missing = await client.post('/v5/order/cancel', { category: 'linear', symbol: 'BTCUSDT', orderId: created.orderId });
    expect(missing.body).toMatchObject({ retCode: 110001, retMsg: 'order not exists or too late to cancel' });
    const huge = await client.post('/v5/order/create', { category: 'linear', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '1000', price: '1000.0' });
    expect(huge.body).toMatchObject({ retCode: 110007, retMsg: 'Insufficient available balance' });
  });

  it('a PostOnly order that would take is accepted, then exists as Cancelled with EC_PostOnlyWillTakeLiquidity', async () => {
    // 2 % through the touch: the live book may move between reading the ask and the order arriving.
    const listing = simulator.exchange.listings.find((candidate) => candidate.category === 'spot' && candidate.instrument.base === 'BTC')!;
    const { ask } = await bestPrices('spot', 'BTCUSDT');
    const price = priceText(listing.instrument, Math.ceil(parsePriceTicks(listing.instrument, ask)! * 1.02));
    const created = ok(await client.post('/v5/order/create', { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.001', price, timeInForce: 'PostOnly', orderLinkId: 'po-1' }));
    expect(await order('spot', created.orderId as string)).toMatchObject({ orderStatus: 'Cancelled', rejectReason: 'EC_PostOnlyWillTakeLiquidity', timeInForce: 'PostOnly', orderLinkId: 'po-1', cumExecQty: '0' });
  });

  it("spot refusals use spot's codes", async () => {
    const poor = await client.post('/v5/order/create', { category: 'spot', symbol: 'ETHUSDT', side: 'Sell', orderType: 'Limit', qty: '5000', price: '100000' });
    expect(poor.body).toMatchObject({ retCode: 170131, retMsg: 'Insufficient balance.' });
    const side = await client.post('/v5/order/create', { category: 'spot', symbol: 'ETHUSDT', side: 'buy', orderType: 'Limit', qty: '1', price: '100' });
    expect(side.body).toMatchObject({ retCode: 170117, retMsg: 'Invalid side.' });
    const symbol = await client.post('/v5/order/create', { category: 'spot', symbol: 'DOGEUSDT', side: 'Buy', orderType: 'Limit', qty: '1', price: '1' });
    expect(symbol.body).toMatchObject({ retCode: 170121, retMsg: 'Invalid symbol.' });
  });

  it('authentication failures: wrong secret (10004 with the pre-sign text), unknown key (10003), stale timestamp (10002)', async () => {
    const account = simulator.exchange.accounts[0]!;
    const wrong = await client.get('/v5/account/wallet-balance', { accountType: 'UNIFIED' }, { secret: 'not-the-secret' });
    expect(wrong.status).toBe(200);
    expect(wrong.body.retCode).toBe(10004);
    expect(wrong.body.retMsg).toMatch(new RegExp(`^error sign! origin_string\\[[0-9]{13}${account.apiKey}5000accountType=UNIFIED\\]$`));
    const stranger = new BybitSignedClient({ baseUrl: simulator.server.restUrl, apiKey: 'AAAAAAAAAAAAAAAAAA', secret: account.secret });
    expect((await stranger.get('/v5/account/wallet-balance', { accountType: 'UNIFIED' })).body).toMatchObject({ retCode: 10003, retMsg: 'API key is invalid.' });
    const stale = await client.get('/v5/account/wallet-balance', { accountType: 'UNIFIED' }, { timestampMs: Date.now() - 60_000 });
    expect(stale.body.retCode).toBe(10002);
    expect(stale.body.retMsg).toMatch(/^invalid request, please check your server timestamp or recv_window param\. req_timestamp\[[0-9]+\],server_timestamp\[[0-9]+\],recv_window\[5000\]$/);
  });

  it('request errors: unknown category, unknown route', async () => {
    expect((await client.get('/v5/order/realtime', { category: 'futures' })).body).toMatchObject({ retCode: 10001, retMsg: 'Illegal category' });
    const route = await client.get('/v5/order/nothing', {});
    expect(route.status).toBe(404);
    expect(route.body).toMatchObject({ retCode: 10017 });
  });
});

describe('Bybit rate limits', () => {
  it('the per-UID order limit answers retCode 10006 "Too many visits!" with the X-Bapi-Limit headers', async () => {
    const limited = await startBybitSimulator({ seed: 5, rateLimits: { 'uid-order-spot': { limit: 2, windowMs: 60_000 } } });
    try {
      const account = limited.exchange.accounts[0]!;
      const limitedClient = new BybitSignedClient({ baseUrl: limited.server.restUrl, apiKey: account.apiKey, secret: account.secret });
      const request = { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.01', price: '1000' };
      const first = await limitedClient.post('/v5/order/create', request);
      expect(first.body.retCode).toBe(0);
      expect(first.headers.get('x-bapi-limit')).toBe('2');
      expect(first.headers.get('x-bapi-limit-status')).toBe('1');
      expect((await limitedClient.post('/v5/order/create', request)).body.retCode).toBe(0);
      const third = await limitedClient.post('/v5/order/create', request);
      expect(third.status).toBe(200);
      expect(third.body).toMatchObject({ retCode: 10006, retMsg: 'Too many visits!', result: {} });
      expect(third.headers.get('x-bapi-limit-status')).toBe('0');
      expect(Number(third.headers.get('x-bapi-limit-reset-timestamp'))).toBeGreaterThan(Date.now() - 1000);
      // Linear orders count in their own bucket.
      expect((await limitedClient.post('/v5/order/create', { ...request, category: 'linear', qty: '0.010', price: '1000.0' })).body.retCode).toBe(0);
    } finally {
      await limited.close();
    }
  });

  it('over the IP limit: HTTP 403 "access too frequent", and the IP stays banned', async () => {
    const limited = await startBybitSimulator({ seed: 6, rateLimits: { ip: { limit: 3, windowMs: 60_000 } } });
    try {
      const statuses: number[] = [];
      let text = '';
      for (let index = 0; index < 5; index++) {
        const response = await fetch(`${limited.server.restUrl}/v5/market/time`);
        statuses.push(response.status);
        text = await response.text();
      }
      expect(statuses).toEqual([200, 200, 200, 403, 403]);
      expect(text).toBe('access too frequent');
    } finally {
      await limited.close();
    }
  });
});
