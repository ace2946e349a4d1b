// Orders through the simulator-backed handler on a real server: create → list → cancel, fills, rejects, positions and portfolio marked at the engine book's mid, one audit row per action in DuckDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDecimalBig } from '../../../../src/model/fixed-point.js';
import type { AuditRow } from '../../../../src/store/store-rows.js';
import { errorCode, READER, RestHarness, TRADER } from './rest-harness.js';

let harness: RestHarness;

interface OrderJson {
  orderId: string | null;
  clientOrderId: string;
  origClientOrderId: string | null;
  status: string;
  quantity: string;
  cumulativeQuantity: string;
  averagePrice: string;
  price: string | null;
}
interface FillJson {
  price: string;
  quantity: string;
  fee: string;
  feeAsset: string;
}
interface OrderResultJson {
  order: OrderJson;
  fills: FillJson[];
}

beforeAll(async () => {
  harness = await RestHarness.start();
  // The mark: binance:BTC-USDT best bid 65000.12, best ask 65000.50 → mid 65000.31.
  harness.snapshot(0, 5, [[6500012, 100000000]], [[6500050, 100000000]]);
});

afterAll(async () => {
  await harness.close();
});

/** Waits until the audit table holds `count` rows (the trail flushes every 100 ms, the writer then commits). */
async function auditRows(count: number): Promise<AuditRow[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const rows = await harness.store.read('audit');
    if (rows.length >= count || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('REST orders', () => {
  it('create → list → get → cancel a resting limit order, with an audit row per action', async () => {
    const touch = harness.simTouch();
    const price = touch.price(touch.bid - 1_000);
    const created = await harness.signed(TRADER, 'POST', '/v1/orders', { clientOrderId: 'rest-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', quantity: '0.01', price });
    expect(created.status).toBe(201);
    const createdBody = (await created.json()) as OrderResultJson;
    expect(createdBody.fills).toEqual([]);
    expect(createdBody.order).toMatchObject({ clientOrderId: 'rest-1', status: 'new', quantity: '0.01', cumulativeQuantity: '0', price, averagePrice: '0', timeInForce: 'GTC', postOnly: false });
    expect(createdBody.order.orderId).toMatch(/^\d+$/);

    const listed = (await (await harness.signed(READER, 'GET', '/v1/orders?status=open')).json()) as { orders: OrderJson[] };
    expect(listed.orders.map((order) => [order.clientOrderId, order.status])).toEqual([['rest-1', 'new']]);
    const one = await harness.signed(READER, 'GET', '/v1/orders/rest-1');
    expect(((await one.json()) as OrderJson).status).toBe('new');

    const canceled = await harness.signed(TRADER, 'DELETE', '/v1/orders/rest-1?cancelClientOrderId=rest-1-cancel');
    expect(canceled.status).toBe(200);
    expect(((await canceled.json()) as OrderResultJson).order).toMatchObject({ clientOrderId: 'rest-1-cancel', origClientOrderId: 'rest-1', status: 'canceled', cumulativeQuantity: '0' });
    const open = (await (await harness.signed(READER, 'GET', '/v1/orders?status=open')).json()) as { orders: OrderJson[] };
    expect(open.orders).toEqual([]);
    const all = (await (await harness.signed(READER, 'GET', '/v1/orders')).json()) as { orders: OrderJson[] };
    expect(all.orders.map((order) => [order.clientOrderId, order.status])).toEqual([['rest-1-cancel', 'canceled']]);

    const again = await harness.signed(TRADER, 'DELETE', '/v1/orders/rest-1');
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'ZVT_ERR_REST_CANCEL_REJECTED', reason: 'too_late' } });
    const unknown = await harness.signed(TRADER, 'DELETE', '/v1/orders/never-placed');
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe('ZVT_ERR_REST_UNKNOWN_ORDER');

    const rows = await auditRows(8);
    expect(rows.map((row) => row.event)).toEqual([
      'rest.createOrder',
      'rest.listOrders',
      'rest.getOrder',
      'rest.cancelOrder',
      'rest.listOrders',
      'rest.listOrders',
      'rest.cancelOrder',
      'rest.cancelOrder',
    ]);
    expect(rows.every((row) => row.source === 'gateway:rest')).toBe(true);
    expect(rows.map((row) => row.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(JSON.parse(rows[0]!.detail)).toMatchObject({
      keyId: 'trader-1',
      accountId: 'binance-demo',
      method: 'POST',
      path: '/v1/orders',
      status: 201,
      clientOrderId: 'rest-1',
      symbol: 'BTC-USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.01',
      price,
      result: 'new',
    });
    expect(JSON.parse(rows[3]!.detail)).toMatchObject({ method: 'DELETE', status: 200, clientOrderId: 'rest-1', cancelClientOrderId: 'rest-1-cancel', result: 'canceled' });
    expect(JSON.parse(rows[6]!.detail)).toMatchObject({ status: 409, code: 'ZVT_ERR_REST_CANCEL_REJECTED', reason: 'too_late' });
    expect(JSON.parse(rows[7]!.detail)).toMatchObject({ status: 404, code: 'ZVT_ERR_REST_UNKNOWN_ORDER' });
  });

  it('refuses orders the handler rejects with 422 and the reason; a duplicate id leaves the original alone', async () => {
    const touch = harness.simTouch();
    const offGrid = await harness.signed(TRADER, 'POST', '/v1/orders', { symbol: 'BTC-USDT', side: 'buy', type: 'limit', quantity: '0.000001', price: touch.price(touch.bid) });
    expect(offGrid.status).toBe(422);
    expect(await offGrid.json()).toMatchObject({ error: { code: 'ZVT_ERR_REST_ORDER_REJECTED', reason: 'invalid_quantity' } });
    const duplicate = await harness.signed(TRADER, 'POST', '/v1/orders', { clientOrderId: 'rest-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', quantity: '0.01', price: touch.price(touch.bid - 1_000) });
    expect(duplicate.status).toBe(422);
    expect(await duplicate.json()).toMatchObject({ error: { code: 'ZVT_ERR_REST_ORDER_REJECTED', reason: 'duplicate_client_order_id' } });
    expect(((await (await harness.signed(READER, 'GET', '/v1/orders/rest-1')).json()) as OrderJson).status).toBe('canceled');
    const noPrice = await harness.signed(TRADER, 'POST', '/v1/orders', { symbol: 'BTC-USDT', side: 'buy', type: 'limit', quantity: '0.01' });
    expect(noPrice.status).toBe(400);
    expect(await noPrice.json()).toEqual({ error: { code: 'ZVT_ERR_REST_REQUEST', message: 'Body field price is required for a limit order' } });
  });

  it('fills, then positions and portfolio: quantity, average entry, realised and unrealised PnL at the book mid, exact', async () => {
    const touch = harness.simTouch();
    const buyLots = Math.min(touch.askSize, 1_000);
    const buy = await harness.signed(TRADER, 'POST', '/v1/orders', { clientOrderId: 'buy-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'IOC', quantity: touch.size(buyLots), price: touch.price(touch.ask) });
    expect(buy.status).toBe(201);
    const buyBody = (await buy.json()) as OrderResultJson;
    expect(buyBody.order).toMatchObject({ status: 'filled', cumulativeQuantity: touch.size(buyLots), averagePrice: touch.price(touch.ask) });
    expect(buyBody.fills.map((fill) => [fill.price, fill.quantity])).toEqual([[touch.price(touch.ask), touch.size(buyLots)]]);

    const after = harness.simTouch();
    const sellLots = Math.min(Math.floor(buyLots / 2), after.bidSize);
    const sell = await harness.signed(TRADER, 'POST', '/v1/orders', { clientOrderId: 'sell-1', symbol: 'BTC-USDT', side: 'sell', type: 'limit', timeInForce: 'IOC', quantity: after.size(sellLots), price: after.price(after.bid) });
    expect(sell.status).toBe(201);
    const sellBody = (await sell.json()) as OrderResultJson;
    expect(sellBody.fills.map((fill) => [fill.price, fill.quantity])).toEqual([[after.price(after.bid), after.size(sellLots)]]);

    // Expected values in integers: ticks (2 decimals) × lots (5 decimals) = 7 decimals; the mid 65000.31 is 6500031 ticks.
    const heldLots = BigInt(buyLots - sellLots);
    const realized = BigInt(sellLots) * BigInt(after.bid - touch.ask);
    const unrealized = heldLots * (6_500_031n - BigInt(touch.ask));
    const fees: Record<string, bigint> = {};
    const feeDecimals = 18;
    for (const fill of [...buyBody.fills, ...sellBody.fills]) {
      const [whole, fraction = ''] = fill.fee.split('.');
      fees[fill.feeAsset] = (fees[fill.feeAsset] ?? 0n) + BigInt(`${whole}${fraction.padEnd(feeDecimals, '0')}`);
    }
    const feeText = Object.fromEntries(Object.entries(fees).map(([asset, amount]) => [asset, formatDecimalBig(amount, feeDecimals)]));
    const position = {
      symbol: 'BTC-USDT',
      quoteAsset: 'USDT',
      quantity: formatDecimalBig(heldLots, 5),
      averageEntryPrice: touch.price(touch.ask),
      markPrice: '65000.31',
      realizedPnl: formatDecimalBig(realized, 7),
      unrealizedPnl: formatDecimalBig(unrealized, 7),
      fees: feeText,
    };
    const positions = await harness.signed(READER, 'GET', '/v1/positions');
    expect(await positions.json()).toEqual({ accountId: 'binance-demo', positions: [position] });

    const portfolio = (await (await harness.signed(READER, 'GET', '/v1/portfolio')).json()) as Record<string, unknown>;
    expect(portfolio).toMatchObject({
      accountId: 'binance-demo',
      positions: [position],
      totals: [{ quoteAsset: 'USDT', realizedPnl: formatDecimalBig(realized, 7), unrealizedPnl: formatDecimalBig(unrealized, 7) }],
      fees: feeText,
    });
    const balances = portfolio.balances as { asset: string; free: string }[];
    expect(balances.map((balance) => balance.asset)).toContain('USDT');
    expect(balances).toEqual(harness.exchange.balances('binance-demo').map((balance) => ({ asset: balance.asset, free: balance.free, locked: balance.locked })));
  });
});
