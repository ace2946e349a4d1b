// The simulator-backed order-entry handler over a real SimExchange: acceptance, fills, cancels, replace as cancel + new, status, OCO lists.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimOrderEntryHandler, type SimOrderEntryHandler } from '../../../../src/gateway/orders/sim-order-entry-handler.js';
import type { OrderEntryEvent, PlaceOrderRequest } from '../../../../src/gateway/orders/order-entry-handler.js';
import { simDemoAccounts } from '../../../../src/sim/exchange/demo-accounts.js';
import { createSimExchange } from '../../../../src/sim/exchange/sim-exchange.js';
import type { SimExchange } from '../../../../src/sim/exchange/sim-exchange-contract.js';
import { priceText } from '../../../../src/sim/market/sim-instrument.js';

const START_MS = Date.UTC(2025, 0, 2, 12);
const OWNER = 'CLIENT1';
const ACCOUNT = 'binance-demo';
const COUNTERPARTY = 'counterparty';

let exchange: SimExchange;
let handler: SimOrderEntryHandler;
let events: OrderEntryEvent[];

beforeEach(() => {
  const accounts = [
    ...simDemoAccounts('binance', 7),
    { accountId: COUNTERPARTY, apiKey: 'cp-key', secret: 'cp-secret', passphrase: null, balances: { USDT: '1000000', BTC: '50' } },
  ];
  exchange = createSimExchange({ venue: 'binance', seed: 7, startMs: START_MS, accounts });
  handler = createSimOrderEntryHandler({ exchange });
  events = [];
  handler.subscribe((event) => events.push(event));
});

afterEach(() => handler.close());

function touch(): { bid: number; ask: number } {
  const snapshot = exchange.snapshot('BTCUSDT', 1);
  return { bid: snapshot.bids[0]!.priceTicks, ask: snapshot.asks[0]!.priceTicks };
}

function btcPrice(ticks: number): string {
  return priceText(exchange.listing('BTCUSDT')!.instrument, ticks);
}

function order(fields: Partial<PlaceOrderRequest> & { clientOrderId: string }): PlaceOrderRequest {
  return {
    owner: OWNER,
    accountId: ACCOUNT,
    symbol: 'BTC-USDT',
    side: 'buy',
    type: 'limit',
    timeInForce: 'GTC',
    postOnly: false,
    quantity: '0.001',
    price: '80000',
    ...fields,
  };
}

function kinds(): string[] {
  return events.map((event) => `${event.kind}${'order' in event && event.order !== null ? `:${event.order.clientOrderId}:${event.order.status}` : ''}`);
}

describe('SimOrderEntryHandler', () => {
  it('accepts a resting limit order and cancels it under the cancel request id', () => {
    handler.place(order({ clientOrderId: 'a1' }));
    expect(kinds()).toEqual(['accepted:a1:new']);
    const accepted = events[0]!;
    if (accepted.kind !== 'accepted') throw new Error('not accepted');
    expect(accepted.order).toMatchObject({ owner: OWNER, symbol: 'BTC-USDT', price: '80000', quantity: '0.001', leavesQuantity: '0.001', cumulativeQuantity: '0', averagePrice: '0' });
    expect(exchange.openOrders(ACCOUNT)).toHaveLength(1);

    handler.cancel({ owner: OWNER, accountId: ACCOUNT, clientOrderId: 'c1', origClientOrderId: 'a1', orderId: null, symbol: 'BTC-USDT', side: 'buy' });
    expect(kinds()).toEqual(['accepted:a1:new', 'canceled:c1:canceled']);
    const canceled = events[1]!;
    if (canceled.kind !== 'canceled') throw new Error('not canceled');
    expect(canceled.order).toMatchObject({ origClientOrderId: 'a1', leavesQuantity: '0', orderId: accepted.order.orderId });
    expect(exchange.openOrders(ACCOUNT)).toHaveLength(0);
  });

  it('fills a marketable limit order at the book prices with a weighted average', () => {
    const { ask } = touch();
    const levels = exchange.snapshot('BTCUSDT', 5).asks;
    // Enough to take the first level and part of the second.
    const first = levels[0]!;
    const lots = first.sizeLots + 3;
    handler.place(order({ clientOrderId: 'm1', price: btcPrice(ask + 100), quantity: String(lots / 100_000) }));
    expect(kinds()).toEqual(['accepted:m1:new', 'trade:m1:partially_filled', 'trade:m1:filled']);
    const trades = events.filter((event) => event.kind === 'trade');
    expect(trades.map((event) => event.fill.price)).toEqual([btcPrice(first.priceTicks), btcPrice(levels[1]!.priceTicks)]);
    const last = trades[1]!.order;
    expect(last.cumulativeQuantity).toBe(String(lots / 100_000));
    expect(last.leavesQuantity).toBe('0');
    const expectedAverage = (BigInt(first.priceTicks) * BigInt(first.sizeLots) + BigInt(levels[1]!.priceTicks) * 3n) * 10n ** 8n;
    const rounded = (expectedAverage * 2n + BigInt(lots)) / (2n * BigInt(lots));
    expect(last.averagePrice.replace('.', '')).toBe(rounded.toString().replace(/0+$/, ''));
  });

  it('rejects unknown symbols, off-grid prices, duplicate ids and what the venue refuses', () => {
    handler.place(order({ clientOrderId: 'x1', symbol: 'DOGE-USDT' }));
    handler.place(order({ clientOrderId: 'x2', price: '80000.001' }));
    handler.place(order({ clientOrderId: 'x3', quantity: '0.000001' }));
    handler.place(order({ clientOrderId: 'ok' }));
    handler.place(order({ clientOrderId: 'ok' }));
    handler.place(order({ clientOrderId: 'x4', quantity: '1000' }));
    const rejected = events.filter((event) => event.kind === 'rejected');
    expect(rejected.map((event) => [event.order.clientOrderId, event.reason])).toEqual([
      ['x1', 'unknown_symbol'],
      ['x2', 'invalid_price'],
      ['x3', 'invalid_quantity'],
      ['ok', 'duplicate_client_order_id'],
      ['x4', 'insufficient_balance'],
    ]);
  });

  it('replaces a partly filled order by cancel + new, keeping the fills in the chain', () => {
    const { bid } = touch();
    // A bid one tick above the best bid: first in line for the counterparty's sell.
    handler.place(order({ clientOrderId: 'r1', price: btcPrice(bid + 1), quantity: '0.003' }));
    exchange.placeOrder(COUNTERPARTY, { canonical: 'BTC-USDT', side: 'sell', type: 'limit', timeInForce: 'IOC', postOnly: false, priceTicks: bid + 1, sizeLots: 100 });
    expect(kinds()).toEqual(['accepted:r1:new', 'trade:r1:partially_filled']);
    const first = events[0]!;
    const firstVenueId = first.kind === 'accepted' ? first.order.orderId : null;

    handler.replace({ owner: OWNER, accountId: ACCOUNT, clientOrderId: 'r2', origClientOrderId: 'r1', orderId: null, symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity: '0.005', price: '80000' });
    const replaced = events[2]!;
    if (replaced.kind !== 'replaced') throw new Error(`not replaced: ${replaced.kind}`);
    expect(replaced.order).toMatchObject({ clientOrderId: 'r2', origClientOrderId: 'r1', quantity: '0.005', cumulativeQuantity: '0.001', leavesQuantity: '0.004', price: '80000', status: 'partially_filled' });
    expect(replaced.order.orderId).not.toBe(firstVenueId);
    const open = exchange.openOrders(ACCOUNT);
    expect(open.map((venue) => [venue.clientOrderId, venue.sizeLots])).toEqual([['r2', 400]]);

    // Replacing to no more than what already filled is refused and leaves the order working.
    handler.replace({ owner: OWNER, accountId: ACCOUNT, clientOrderId: 'r3', origClientOrderId: 'r2', orderId: null, symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity: '0.001', price: '80000' });
    const refused = events[3]!;
    expect(refused).toMatchObject({ kind: 'cancel_rejected', responseTo: 'replace', reason: 'replacement_refused', clientOrderId: 'r3' });
    expect(exchange.openOrders(ACCOUNT)).toHaveLength(1);
  });

  it('answers status requests for known and unknown orders and refuses to cancel twice', () => {
    handler.place(order({ clientOrderId: 's1' }));
    handler.status({ owner: OWNER, accountId: ACCOUNT, clientOrderId: 's1', orderId: null, symbol: 'BTC-USDT', side: 'buy', statusRequestId: 'q1' });
    handler.status({ owner: OWNER, accountId: ACCOUNT, clientOrderId: 'nope', orderId: null, symbol: 'BTC-USDT', side: 'buy', statusRequestId: null });
    handler.cancel({ owner: OWNER, accountId: ACCOUNT, clientOrderId: 'c1', origClientOrderId: 's1', orderId: null, symbol: 'BTC-USDT', side: 'buy' });
    handler.cancel({ owner: OWNER, accountId: ACCOUNT, clientOrderId: 'c2', origClientOrderId: 'c1', orderId: null, symbol: 'BTC-USDT', side: 'buy' });
    handler.cancel({ owner: OWNER, accountId: ACCOUNT, clientOrderId: 'c3', origClientOrderId: 'ghost', orderId: null, symbol: 'BTC-USDT', side: 'buy' });
    expect(events.map((event) => event.kind)).toEqual(['accepted', 'status', 'status', 'canceled', 'cancel_rejected', 'cancel_rejected']);
    expect(events[1]).toMatchObject({ order: { clientOrderId: 's1', status: 'new' }, request: { statusRequestId: 'q1' } });
    expect(events[2]).toMatchObject({ order: null });
    expect(events[4]).toMatchObject({ reason: 'too_late', order: { status: 'canceled' } });
    expect(events[5]).toMatchObject({ reason: 'unknown_order', order: null });
  });

  it('cancels the other OCO leg once one leg trades', async () => {
    const { ask } = touch();
    handler.placeList({
      owner: OWNER,
      accountId: ACCOUNT,
      listId: 'L1',
      contingency: 'oco',
      orders: [
        { clientOrderId: 'take-profit', symbol: 'BTC-USDT', side: 'sell', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity: '0.002', price: btcPrice(ask - 1) },
        { clientOrderId: 'far', symbol: 'BTC-USDT', side: 'sell', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity: '0.002', price: '90000' },
      ],
    });
    expect(kinds()).toEqual(['accepted:take-profit:new', 'accepted:far:new']);
    exchange.placeOrder(COUNTERPARTY, { canonical: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'IOC', postOnly: false, priceTicks: ask - 1, sizeLots: 100 });
    await Promise.resolve();
    expect(kinds()).toEqual(['accepted:take-profit:new', 'accepted:far:new', 'trade:take-profit:partially_filled', 'canceled:far:canceled']);
    expect(events[3]).toMatchObject({ text: 'OCO: the other order of the list executed', order: { listId: 'L1' } });
    expect(exchange.openOrders(ACCOUNT).map((venue) => venue.clientOrderId)).toEqual(['take-profit']);
  });

  it('rejects the whole OCO list when one leg is invalid, and cancels both legs when the client cancels one', () => {
    handler.placeList({
      owner: OWNER,
      accountId: ACCOUNT,
      listId: 'L2',
      contingency: 'oco',
      orders: [
        { clientOrderId: 'a', symbol: 'BTC-USDT', side: 'sell', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity: '0.001', price: '90000' },
        { clientOrderId: 'b', symbol: 'BTC-USDT', side: 'sell', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity: '0.001', price: '1.001' },
      ],
    });
    expect(events.map((event) => (event.kind === 'rejected' ? `${event.order.clientOrderId}:${event.reason}` : event.kind))).toEqual(['a:list_rejected', 'b:invalid_price']);
    events.length = 0;
    handler.placeList({
      owner: OWNER,
      accountId: ACCOUNT,
      listId: 'L3',
      contingency: 'oco',
      orders: [
        { clientOrderId: 'c', symbol: 'BTC-USDT', side: 'sell', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity: '0.001', price: '90000' },
        { clientOrderId: 'd', symbol: 'BTC-USDT', side: 'sell', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity: '0.001', price: '95000' },
      ],
    });
    handler.cancel({ owner: OWNER, accountId: ACCOUNT, clientOrderId: 'c-cancel', origClientOrderId: 'c', orderId: null, symbol: 'BTC-USDT', side: 'sell' });
    expect(kinds()).toEqual(['accepted:c:new', 'accepted:d:new', 'canceled:c-cancel:canceled', 'canceled:d:canceled']);
    expect(exchange.openOrders(ACCOUNT)).toHaveLength(0);
  });
});
