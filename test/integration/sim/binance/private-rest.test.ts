// Signed Binance REST against the simulator with a plain HMAC client: orders rest, fill, cancel, query; balances and trades follow; Binance's own errors for every refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDecimalBig, formatDecimalBig } from '../../../../src/model/fixed-point.js';
import { padFraction } from '../../../../src/sim/dialects/binance/binance-text.js';
import type { SimAccountSpec } from '../../../../src/sim/matching/matching-types.js';
import { BinanceSignedClient, type BinanceAnswer } from './binance-signed-client.js';
import { startBinanceSimulator, type BinanceSimulator } from './binance-sim-harness.js';

let simulator: BinanceSimulator;
let account: SimAccountSpec;
let client: BinanceSignedClient;

beforeAll(async () => {
  simulator = await startBinanceSimulator({ seed: 21 });
  account = simulator.exchange.accounts[0]!;
  client = new BinanceSignedClient({ baseUrl: simulator.server.restUrl, apiKey: account.apiKey, secret: account.secret });
});

afterAll(async () => {
  await simulator.close();
});

type Json = Record<string, unknown>;
const D = 8;
const amount = (text: unknown): bigint => parseDecimalBig(String(text), D);

async function balances(): Promise<Map<string, { free: bigint; locked: bigint }>> {
  const answer = await client.signed('GET', '/api/v3/account', {});
  expect(answer.status).toBe(200);
  const body = answer.body as { balances: { asset: string; free: string; locked: string }[] };
  return new Map(body.balances.map((balance) => [balance.asset, { free: amount(balance.free), locked: amount(balance.locked) }]));
}

async function bestPrices(): Promise<{ bid: bigint; ask: bigint }> {
  const answer = await client.plain('GET', '/api/v3/ticker/bookTicker', { symbol: 'BTCUSDT' });
  const body = answer.body as Json;
  return { bid: amount(body.bidPrice), ask: amount(body.askPrice) };
}

/** A price (8-decimal units) moved by `bps` and put on BTCUSDT's 0.01 tick, as text. */
function priceAway(price: bigint, bps: bigint): string {
  const moved = (price * (10_000n + bps)) / 10_000n;
  return formatDecimalBig((moved / 1_000_000n) * 1_000_000n, D);
}

function expectError(answer: BinanceAnswer, status: number, code: number, msg: string): void {
  expect({ status: answer.status, body: answer.body }).toEqual({ status, body: { code, msg } });
}

describe('Binance signed REST on the simulator', () => {
  it('a limit buy below the market rests, is found by id and client id and among open orders, locks quote, and is cancelled', async () => {
    const before = await balances();
    const { bid } = await bestPrices();
    const price = priceAway(bid, -100n);
    const placed = await client.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price, newClientOrderId: 'rest-test-1' });
    expect(placed.status).toBe(200);
    expect(placed.headers.get('x-mbx-order-count-10s')).toBe('1');
    expect(placed.headers.get('x-mbx-order-count-1d')).toBe('1');
    expect(Number(placed.headers.get('x-mbx-used-weight-1m'))).toBeGreaterThan(0);
    const order = placed.body as Json;
    expect(order).toMatchObject({
      symbol: 'BTCUSDT',
      orderListId: -1,
      clientOrderId: 'rest-test-1',
      price: padFraction(price),
      origQty: '0.01000000',
      executedQty: '0.00000000',
      cummulativeQuoteQty: '0.00000000',
      status: 'NEW',
      timeInForce: 'GTC',
      type: 'LIMIT',
      side: 'BUY',
      fills: [],
      selfTradePreventionMode: 'NONE',
    });
    const orderId = order.orderId as number;

    const locked = await balances();
    const notional = (amount(price) * amount('0.01')) / 10n ** BigInt(D);
    expect(locked.get('USDT')!.locked).toBeGreaterThanOrEqual(notional);
    expect(locked.get('USDT')!.free + locked.get('USDT')!.locked).toBe(before.get('USDT')!.free + before.get('USDT')!.locked);

    const byId = await client.signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId });
    expect(byId.body).toMatchObject({ orderId, clientOrderId: 'rest-test-1', status: 'NEW', isWorking: true, stopPrice: '0.00000000' });
    const byClientId = await client.signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'rest-test-1' });
    expect((byClientId.body as Json).orderId).toBe(orderId);
    const open = await client.signed('GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' });
    expect((open.body as Json[]).map((entry) => entry.orderId)).toEqual([orderId]);

    const canceled = await client.signed('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId, newClientOrderId: 'cancel-1' });
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({ symbol: 'BTCUSDT', origClientOrderId: 'rest-test-1', orderId, clientOrderId: 'cancel-1', status: 'CANCELED', executedQty: '0.00000000' });
    const after = await balances();
    expect(after.get('USDT')).toEqual(before.get('USDT'));
    expect((await client.signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId })).body).toMatchObject({ status: 'CANCELED' });
    expect((await client.signed('GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' })).body).toEqual([]);
    expectError(await client.signed('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId }), 400, -2011, 'Unknown order sent.');
    expectError(await client.signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: orderId + 1000 }), 400, -2013, 'Order does not exist.');
  });

  it('a market buy and a marketable limit sell fill; balances move by exactly the fills and their commissions; myTrades lists the fills', async () => {
    const before = await balances();
    const bought = await client.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.02' });
    expect(bought.status).toBe(200);
    const buy = bought.body as Json & { fills: Json[] };
    expect(buy).toMatchObject({ status: 'FILLED', type: 'MARKET', side: 'BUY', timeInForce: 'GTC', price: '0.00000000', origQty: '0.02000000', executedQty: '0.02000000' });
    expect(buy.fills.length).toBeGreaterThan(0);
    const buyQuote = buy.fills.reduce((sum, fill) => sum + (amount(fill.price) * amount(fill.qty)) / 10n ** BigInt(D), 0n);
    const buyFees = buy.fills.reduce((sum, fill) => sum + amount(fill.commission), 0n);
    expect(amount(buy.cummulativeQuoteQty)).toBe(buyQuote);
    for (const fill of buy.fills) expect(fill.commissionAsset).toBe('USDT');

    const { bid } = await bestPrices();
    const sold = await client.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'IOC', quantity: '0.005', price: priceAway(bid, -50n) });
    const sell = sold.body as Json & { fills: Json[] };
    expect(sell).toMatchObject({ status: 'FILLED', type: 'LIMIT', side: 'SELL', timeInForce: 'IOC', executedQty: '0.00500000' });
    const sellQuote = sell.fills.reduce((sum, fill) => sum + (amount(fill.price) * amount(fill.qty)) / 10n ** BigInt(D), 0n);
    const sellFees = sell.fills.reduce((sum, fill) => sum + amount(fill.commission), 0n);

    const after = await balances();
    expect(after.get('BTC')!.free - before.get('BTC')!.free).toBe(amount('0.015'));
    expect(after.get('USDT')!.free - before.get('USDT')!.free).toBe(-buyQuote - buyFees + sellQuote - sellFees);
    expect(after.get('USDT')!.locked).toBe(0n);

    const trades = await client.signed('GET', '/api/v3/myTrades', { symbol: 'BTCUSDT' });
    const rows = trades.body as Json[];
    const expectedIds = [...buy.fills, ...sell.fills].map((fill) => fill.tradeId);
    expect(rows.map((row) => row.id)).toEqual(expectedIds);
    expect(rows.filter((row) => row.orderId === buy.orderId).every((row) => row.isBuyer === true && row.isMaker === false)).toBe(true);
    const byOrder = await client.signed('GET', '/api/v3/myTrades', { symbol: 'BTCUSDT', orderId: sell.orderId as number });
    expect((byOrder.body as Json[]).map((row) => row.id)).toEqual(sell.fills.map((fill) => fill.tradeId));
    const all = await client.signed('GET', '/api/v3/allOrders', { symbol: 'BTCUSDT' });
    expect((all.body as Json[]).slice(-2).map((entry) => entry.status)).toEqual(['FILLED', 'FILLED']);
  });

  it('a market buy by quoteOrderQty spends at most that amount; newOrderRespType RESULT has no fills', async () => {
    const placed = await client.signed('POST', '/api/v3/order', { symbol: 'SOLUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '100', newOrderRespType: 'RESULT' });
    expect(placed.status).toBe(200);
    const order = placed.body as Json;
    expect(order).toMatchObject({ symbol: 'SOLUSDT', status: 'FILLED', type: 'MARKET', origQuoteOrderQty: '100.00000000' });
    expect('fills' in order).toBe(false);
    expect(amount(order.cummulativeQuoteQty)).toBeLessThanOrEqual(amount('100'));
    expect(amount(order.executedQty)).toBeGreaterThan(0n);
    expect(order.origQty).toBe(order.executedQty);
  });

  it('parameters in the query, in the body, or split between them sign as rest-api.md example 3 (query + body, no "&")', async () => {
    const { bid } = await bestPrices();
    const split = await client.signed('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC' }, { quantity: '0.1', price: priceAway(bid / 20n, -100n), newOrderRespType: 'ACK' });
    expect(split.status).toBe(200);
    expect(Object.keys(split.body as Json)).toEqual(['symbol', 'orderId', 'orderListId', 'clientOrderId', 'transactTime']);
    const cancelAll = await client.signed('DELETE', '/api/v3/openOrders', {}, { symbol: 'ETHUSDT' });
    expect(cancelAll.status).toBe(200);
    expect((cancelAll.body as Json[]).map((entry) => entry.status)).toEqual(['CANCELED']);
    expectError(await client.signed('DELETE', '/api/v3/openOrders', { symbol: 'ETHUSDT' }), 400, -2011, 'Unknown order sent.');
    expect((await client.signed('POST', '/api/v3/order/test', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.001' })).body).toEqual({});
  });

  it("refuses with Binance's codes, messages and statuses", async () => {
    const wrongSecret = new BinanceSignedClient({ baseUrl: simulator.server.restUrl, apiKey: account.apiKey, secret: 'not-the-secret' });
    expectError(await wrongSecret.signed('GET', '/api/v3/account', {}), 400, -1022, 'Signature for this request is not valid.');
    const unknownKey = new BinanceSignedClient({ baseUrl: simulator.server.restUrl, apiKey: 'A'.repeat(64), secret: account.secret });
    expectError(await unknownKey.signed('GET', '/api/v3/account', {}), 401, -2015, 'Invalid API-key, IP, or permissions for action.');
    const noKey = new BinanceSignedClient({ baseUrl: simulator.server.restUrl, apiKey: null, secret: account.secret });
    expectError(await noKey.signed('GET', '/api/v3/account', {}), 401, -2014, 'API-key format invalid.');
    expectError(await client.signed('GET', '/api/v3/account', {}, {}, Date.now() - 10_000), 400, -1021, 'Timestamp for this request is outside of the recvWindow.');
    expectError(await client.signed('GET', '/api/v3/account', {}, {}, Date.now() + 5_000), 400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
    expect((await client.signed('GET', '/api/v3/account', { recvWindow: 20_000 }, {}, Date.now() - 10_000)).status).toBe(200);
    expectError(await client.signed('GET', '/api/v3/account', { recvWindow: 70_000 }), 400, -1131, 'recvWindow must be less than 60000');

    const { bid, ask } = await bestPrices();
    expectError(
      await client.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT_MAKER', quantity: '0.01', price: priceAway(ask, 10n) }),
      400,
      -2010,
      'Order would immediately match and take.',
    );
    expectError(
      await client.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '100', price: priceAway(bid, -10n) }),
      400,
      -2010,
      'Account has insufficient balance for requested action.',
    );
    const limit = { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: priceAway(bid, -100n) };
    expectError(await client.signed('POST', '/api/v3/order', { ...limit, quantity: '0.000001' }), 400, -1013, 'Filter failure: LOT_SIZE');
    expectError(await client.signed('POST', '/api/v3/order', { ...limit, quantity: '0.000000001' }), 400, -1111, "Parameter 'quantity' has too much precision.");
    expectError(await client.signed('POST', '/api/v3/order', { ...limit, quantity: '1e-3' }), 400, -1100, "Illegal characters found in parameter 'quantity'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.");
    expectError(await client.signed('POST', '/api/v3/order', { ...limit, quantity: '0.01', price: '65000.001' }), 400, -1013, 'Filter failure: PRICE_FILTER');
    expectError(await client.signed('POST', '/api/v3/order', { ...limit, quantity: '0.00005' }), 400, -1013, 'Filter failure: NOTIONAL');
    expectError(await client.signed('POST', '/api/v3/order', { ...limit, quantity: '0.01', side: 'HOLD' }), 400, -1117, 'Invalid side.');
    expectError(await client.signed('POST', '/api/v3/order', { ...limit, quantity: '0.01', type: 'STOP_LOSS_LIMIT' }), 400, -2010, 'Stop loss limit orders are not supported for this symbol.');
    expectError(await client.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET' }), 400, -1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!");
    expectError(await client.signed('POST', '/api/v3/order', { ...limit, quantity: '0.01', color: 'red' }), 400, -1104, "Not all sent parameters were read; read '8' parameter(s) but was sent '9'.");
    expectError(await client.signed('POST', '/api/v3/order', { ...limit, quantity: '0.01', symbol: 'DOGEUSDT' }), 400, -1121, 'Invalid symbol.');
    expectError(await client.signed('GET', '/api/v3/order', { symbol: 'BTCUSDT' }), 400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
    expectError(await client.plain('GET', '/api/v3/depth', {}), 400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
    expectError(await client.plain('GET', '/api/v3/klines', { symbol: 'BTCUSDT', interval: '7m' }), 400, -1120, 'Invalid interval.');
    const duplicated = await fetch(`${simulator.server.restUrl}/api/v3/depth?symbol=BTCUSDT&symbol=ETHUSDT`);
    expect(await duplicated.json()).toEqual({ code: -1101, msg: 'Duplicate values for a parameter detected.' });
  });
});
