// Coinbase trading over the simulator's server with CDP JWTs: accounts, orders that fill, rest, cancel and fail with Coinbase's reasons, fills, balances, the user channel, and 401 for bad tokens.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDecimalBig, formatDecimalBig } from '../../../../src/model/fixed-point.js';
import { startCoinbaseSimulator, type CoinbaseSimulator } from './coinbase-engine-harness.js';
import { cdpJwt, cdpRequest, type CdpCredentials, type CdpResponse } from './cdp-client.js';
import { CoinbaseWsClient } from './ws-client.js';

let simulator: CoinbaseSimulator;
let credentials: CdpCredentials;

beforeAll(async () => {
  // Many signed requests in quick succession: the 30/s per-key limit is raised here and tested on its own below.
  simulator = await startCoinbaseSimulator({ seed: 17, rateLimits: { private: { limit: 10_000 } } });
  const account = simulator.exchange.accounts[0]!;
  credentials = { keyName: account.apiKey, privateKeyPem: account.secret };
});

afterAll(async () => {
  await simulator.close();
});

const AT = 12;
const money = (text: string): bigint => parseDecimalBig(text, AT);
const text = (value: bigint): string => formatDecimalBig(value, AT);

function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<CdpResponse> {
  return cdpRequest(simulator.server.restUrl, credentials, method, path, body);
}

interface Wallet {
  currency: string;
  available_balance: { value: string };
  hold: { value: string };
}

async function wallets(): Promise<Map<string, Wallet>> {
  const response = await call('GET', '/api/v3/brokerage/accounts?limit=250');
  expect(response.status).toBe(200);
  return new Map((response.json as { accounts: Wallet[] }).accounts.map((wallet) => [wallet.currency, wallet]));
}

function bestPrices(): { bid: string; ask: string; askThrough: string } {
  const response = simulator.exchange.snapshot('BTC-USD', 1);
  const instrument = simulator.exchange.listing('BTC-USD')!.instrument;
  const priceOf = (ticks: number) => formatDecimalBig(BigInt(Math.round(ticks)), instrument.priceDecimals);
  const ask = response.asks[0]!.priceTicks;
  // 2 % above the ask: still marketable if the live book moves before the order arrives.
  return { bid: priceOf(response.bids[0]!.priceTicks), ask: priceOf(ask), askThrough: priceOf(ask * 1.02) };
}

let sequence = 0;
function limitOrder(side: 'BUY' | 'SELL', baseSize: string, limitPrice: string, postOnly = false): Record<string, unknown> {
  return { client_order_id: `test-${++sequence}`, product_id: 'BTC-USD', side, order_configuration: { limit_limit_gtc: { base_size: baseSize, limit_price: limitPrice, post_only: postOnly } } };
}

async function orderOf(orderId: string): Promise<Record<string, unknown>> {
  const response = await call('GET', `/api/v3/brokerage/orders/historical/${orderId}`);
  expect(response.status).toBe(200);
  return (response.json as { order: Record<string, unknown> }).order;
}

describe('Coinbase private REST', () => {
  it('lists one wallet per asset with the demo balances, nothing held', async () => {
    const list = await wallets();
    expect([...list.keys()].sort()).toEqual(['BTC', 'ETH', 'SOL', 'USD', 'USDC', 'USDT']);
    expect(list.get('BTC')!.available_balance.value).toBe('2');
    expect(list.get('USD')!).toMatchObject({ available_balance: { value: '100000', currency: 'USD' }, hold: { value: '0', currency: 'USD' }, type: 'ACCOUNT_TYPE_FIAT' });
  });

  it('fills a marketable limit buy; fills and balances agree to the last digit', async () => {
    const before = await wallets();
    const ask = bestPrices().ask;
    const price = formatDecimalBig((parseDecimalBig(ask, 2) * 1005n) / 1000n, 2);
    const created = await call('POST', '/api/v3/brokerage/orders', limitOrder('BUY', '0.01', price));
    expect(created.status).toBe(200);
    const body = created.json as { success: boolean; success_response: { order_id: string; product_id: string; side: string; client_order_id: string } };
    expect(body).toMatchObject({ success: true, success_response: { product_id: 'BTC-USD', side: 'BUY', client_order_id: `test-${sequence}` }, order_configuration: { limit_limit_gtc: { base_size: '0.01', limit_price: price, post_only: false } } });
    const order = await orderOf(body.success_response.order_id);
    expect(order).toMatchObject({ status: 'FILLED', filled_size: '0.01', order_type: 'LIMIT', time_in_force: 'GOOD_UNTIL_CANCELLED', side: 'BUY', product_id: 'BTC-USD' });
    const fills = ((await call('GET', `/api/v3/brokerage/orders/historical/fills?order_ids=${body.success_response.order_id}`)).json as { fills: { size: string; price: string; commission: string; liquidity_indicator: string }[] }).fills;
    expect(fills.length).toBeGreaterThan(0);
    expect(text(fills.reduce((sum, fill) => sum + money(fill.size), 0n))).toBe('0.01');
    const spent = fills.reduce((sum, fill) => sum + (money(fill.price) * money(fill.size)) / 10n ** BigInt(AT) + money(fill.commission), 0n);
    expect(fills.every((fill) => fill.liquidity_indicator === 'TAKER')).toBe(true);
    expect(money(order.total_value_after_fees as string)).toBe(spent);
    const after = await wallets();
    expect(money(after.get('BTC')!.available_balance.value)).toBe(money(before.get('BTC')!.available_balance.value) + money('0.01'));
    expect(money(after.get('USD')!.available_balance.value)).toBe(money(before.get('USD')!.available_balance.value) - spent);
  });

  it('fills market orders by base size (sell) and by quote size (buy)', async () => {
    const sell = await call('POST', '/api/v3/brokerage/orders', { client_order_id: `test-${++sequence}`, product_id: 'BTC-USD', side: 'SELL', order_configuration: { market_market_ioc: { base_size: '0.005' } } });
    const sold = await orderOf((sell.json as { success_response: { order_id: string } }).success_response.order_id);
    expect(sold).toMatchObject({ status: 'FILLED', filled_size: '0.005', order_type: 'MARKET', time_in_force: 'IMMEDIATE_OR_CANCEL' });
    const buy = await call('POST', '/api/v3/brokerage/orders', { client_order_id: `test-${++sequence}`, product_id: 'BTC-USD', side: 'BUY', order_configuration: { market_market_ioc: { quote_size: '100' } } });
    const bought = await orderOf((buy.json as { success_response: { order_id: string } }).success_response.order_id);
    expect(bought).toMatchObject({ status: 'FILLED', size_in_quote: true, order_configuration: { market_market_ioc: { quote_size: '100' } } });
    expect(money(bought.filled_value as string)).toBeLessThanOrEqual(money('100'));
    expect(money(bought.filled_value as string)).toBeGreaterThan(money('99'));
  });

  it('rests a limit buy below the market, lists it as OPEN with a hold, cancels it, and the hold is released', async () => {
    const price = formatDecimalBig(parseDecimalBig(bestPrices().bid, 2) / 2n, 2);
    const created = await call('POST', '/api/v3/brokerage/orders', limitOrder('BUY', '0.02', price));
    const orderId = (created.json as { success_response: { order_id: string } }).success_response.order_id;
    expect(await orderOf(orderId)).toMatchObject({ status: 'OPEN', filled_size: '0', completion_percentage: '0' });
    const open = (await call('GET', '/api/v3/brokerage/orders/historical/batch?order_status=OPEN&product_id=BTC-USD')).json as { orders: { order_id: string }[]; has_next: boolean };
    expect(open.orders.map((order) => order.order_id)).toContain(orderId);
    const held = await wallets();
    expect(money(held.get('USD')!.hold.value)).toBeGreaterThanOrEqual((money(price) * money('0.02')) / 10n ** BigInt(AT));
    const cancel = await call('POST', '/api/v3/brokerage/orders/batch_cancel', { order_ids: [orderId, 'nope'] });
    expect(cancel.json).toEqual({
      results: [
        { success: true, failure_reason: 'UNKNOWN_CANCEL_FAILURE_REASON', order_id: orderId },
        { success: false, failure_reason: 'UNKNOWN_CANCEL_ORDER', order_id: 'nope' },
      ],
    });
    expect(await orderOf(orderId)).toMatchObject({ status: 'CANCELLED' });
    expect((await wallets()).get('USD')!.hold.value).toBe('0');
    const again = await call('POST', '/api/v3/brokerage/orders/batch_cancel', { order_ids: [orderId] });
    expect(again.json).toEqual({ results: [{ success: false, failure_reason: 'INVALID_CANCEL_REQUEST', order_id: orderId }] });
    const cancelled = (await call('GET', '/api/v3/brokerage/orders/historical/batch?order_status=CANCELLED')).json as { orders: { order_id: string }[] };
    expect(cancelled.orders.map((order) => order.order_id)).toContain(orderId);
  });

  it("refuses with Coinbase's reasons: post-only that would take, insufficient funds, off-grid price", async () => {
    const postOnly = await call('POST', '/api/v3/brokerage/orders', limitOrder('BUY', '0.001', bestPrices().askThrough, true));
    expect(postOnly.status).toBe(200);
    expect(postOnly.json).toMatchObject({ success: false, error_response: { error: 'INVALID_LIMIT_PRICE_POST_ONLY', preview_failure_reason: 'PREVIEW_INVALID_LIMIT_PRICE_POST_ONLY' } });
    const tooBig = await call('POST', '/api/v3/brokerage/orders', limitOrder('BUY', '50', bestPrices().bid));
    expect(tooBig.json).toMatchObject({
      success: false,
      error_response: { error: 'INSUFFICIENT_FUND', message: 'Insufficient balance in source account', preview_failure_reason: 'PREVIEW_INSUFFICIENT_FUND' },
    });
    const offGrid = await call('POST', '/api/v3/brokerage/orders', limitOrder('BUY', '0.001', '1000.001'));
    expect(offGrid.json).toMatchObject({ success: false, error_response: { error: 'INVALID_PRICE_PRECISION' } });
    const malformed = await call('POST', '/api/v3/brokerage/orders', { product_id: 'BTC-USD' });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ error: 'INVALID_ARGUMENT' });
  });

  it('returns the existing order for a client_order_id used before (no second order)', async () => {
    const body = limitOrder('BUY', '0.001', '1000');
    const first = (await call('POST', '/api/v3/brokerage/orders', body)).json as { success_response: { order_id: string } };
    const second = (await call('POST', '/api/v3/brokerage/orders', body)).json as { success_response: { order_id: string } };
    expect(second.success_response.order_id).toBe(first.success_response.order_id);
    await call('POST', '/api/v3/brokerage/orders/batch_cancel', { order_ids: [first.success_response.order_id] });
  });

  it('answers an unknown order id with the recorded not-found body', async () => {
    const response = await call('GET', '/api/v3/brokerage/orders/historical/0a5e0000-0000-4000-8000-000000000001');
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ error: 'unknown', error_details: 'order with this orderID was not found', message: 'order with this orderID was not found' });
  });

  it('answers 401 "Unauthorized" to a missing, foreign-key, expired or misdirected token', async () => {
    const url = `${simulator.server.restUrl}/api/v3/brokerage/accounts`;
    const host = new URL(url).host;
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'sec1' }).toString();
    const tokens = [
      null,
      cdpJwt({ keyName: credentials.keyName, privateKeyPem: otherKey }, `GET ${host}/api/v3/brokerage/accounts`),
      cdpJwt(credentials, `GET ${host}/api/v3/brokerage/accounts`, Math.floor(Date.now() / 1000) - 600),
      cdpJwt(credentials, `GET ${host}/api/v3/brokerage/orders/historical/fills`),
    ];
    for (const token of tokens) {
      const response = await fetch(url, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('Unauthorized\n');
    }
  });
});

describe('Coinbase user channel', () => {
  it('authenticates the subscribe by JWT, sends open orders as a snapshot, then every change of an order', async () => {
    const client = await CoinbaseWsClient.connect(simulator.server.wsUrl);
    try {
      client.send({ type: 'subscribe', channel: 'user', product_ids: ['BTC-USD'], jwt: 'a.b.c' });
      await client.waitUntil('the refusal', (messages) => messages.length === 1);
      expect(client.messages[0]).toEqual({ type: 'error', message: 'failure to subscribe' });
      const resting = (await call('POST', '/api/v3/brokerage/orders', limitOrder('BUY', '0.001', '1000'))).json as { success_response: { order_id: string } };
      client.send({ type: 'subscribe', channel: 'user', product_ids: ['BTC-USD'], jwt: cdpJwt(credentials, null) });
      await client.waitUntil('snapshot and subscriptions', (messages) => messages.some((message) => message.channel === 'subscriptions'));
      const snapshot = client.messages.find((message) => message.channel === 'user')!;
      expect(snapshot.sequence_num).toBe(0);
      const snapshotEvent = snapshot.events![0]! as { type: string; orders: { order_id: string; status: string; order_type: string }[] };
      expect(snapshotEvent.type).toBe('snapshot');
      expect(snapshotEvent.orders.map((order) => order.order_id)).toContain(resting.success_response.order_id);
      await call('POST', '/api/v3/brokerage/orders/batch_cancel', { order_ids: [resting.success_response.order_id] });
      await client.waitUntil('the cancel update', (messages) =>
        messages.some((message) => message.channel === 'user' && message.events?.[0]?.type === 'update' && (message.events[0] as { orders: { status: string }[] }).orders[0]!.status === 'CANCELLED'),
      );
      const update = client.messages.find((message) => message.events?.[0]?.type === 'update')!.events![0]! as { orders: Record<string, unknown>[] };
      expect(update.orders[0]).toMatchObject({ order_id: resting.success_response.order_id, product_id: 'BTC-USD', order_side: 'BUY', order_type: 'Limit', limit_price: '1000' });
    } finally {
      client.close();
    }
  });
});

describe('Coinbase private rate limit', () => {
  it('counts signed requests per API key and refuses past the limit with 429 rate_limit_exceeded', async () => {
    const limited = await startCoinbaseSimulator({ seed: 17, rateLimits: { private: { limit: 3 } } });
    try {
      const account = limited.exchange.accounts[0]!;
      const own: CdpCredentials = { keyName: account.apiKey, privateKeyPem: account.secret };
      const statuses: number[] = [];
      let refused: unknown = null;
      // Windows are whole seconds: 7 quick requests span at most two, so one holds 4 or more.
      for (let index = 0; index < 7; index++) {
        const response = await cdpRequest(limited.server.restUrl, own, 'GET', '/api/v3/brokerage/accounts');
        statuses.push(response.status);
        if (response.status === 429) refused = response.json;
      }
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(1);
      expect(refused).toEqual({ error: 'rate_limit_exceeded', error_details: 'Too many requests', message: 'Too many requests' });
    } finally {
      await limited.close();
    }
  });
});
