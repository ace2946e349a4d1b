// Order entry through a handler that answers later (as a venue-backed one does): the REST call waits for the first answer, or answers 202 past orderTimeoutMs and the order shows up in the list afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderEntryHandler, OrderEntryListener } from '../../../../src/gateway/orders/order-entry-handler.js';
import { RestHarness, TRADER } from './rest-harness.js';

/** Delivers the wrapped handler's events `delayMs` later, in order: requests go through at once. */
function answeringLater(handler: OrderEntryHandler, delay: { ms: number }): OrderEntryHandler {
  const listeners = new Set<OrderEntryListener>();
  handler.subscribe((event) => {
    setTimeout(() => {
      for (const listener of listeners) listener(event);
    }, delay.ms);
  });
  return {
    symbols: handler.symbols,
    place: (request) => handler.place(request),
    cancel: (request) => handler.cancel(request),
    replace: (request) => handler.replace(request),
    status: (request) => handler.status(request),
    placeList: (request) => handler.placeList(request),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

// Margins wide enough for a loaded 2-core machine: 0 ms (next timer turn) against a 300 ms timeout, then 1 500 ms.
const delay = { ms: 0 };
let harness: RestHarness;

beforeAll(async () => {
  harness = await RestHarness.start({ rest: { orderTimeoutMs: 300 }, orders: (handler) => answeringLater(handler, delay) });
});

afterAll(async () => {
  await harness.close();
});

describe('REST orders with a handler that answers later', () => {
  it('waits for the first answer within orderTimeoutMs (201)', async () => {
    const touch = harness.simTouch();
    const response = await harness.signed(TRADER, 'POST', '/v1/orders', { clientOrderId: 'late-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', quantity: '0.01', price: touch.price(touch.bid - 500) });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { order: { status: string } }).order.status).toBe('new');
  });

  it('answers 202 when nothing came within orderTimeoutMs; the order appears in the list once the handler reports it', async () => {
    delay.ms = 1_500;
    const touch = harness.simTouch();
    const response = await harness.signed(TRADER, 'POST', '/v1/orders', { clientOrderId: 'late-2', symbol: 'BTC-USDT', side: 'buy', type: 'limit', quantity: '0.01', price: touch.price(touch.bid - 500) });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ order: null, fills: [], text: 'No answer within 300 ms; the order may still be working' });
    let order = await harness.signed(TRADER, 'GET', '/v1/orders/late-2');
    for (let attempt = 0; attempt < 50 && order.status === 404; attempt++) {
      // 10 polls a second: the key's own refill rate, so polling never hits its limit.
      await new Promise((resolve) => setTimeout(resolve, 100));
      order = await harness.signed(TRADER, 'GET', '/v1/orders/late-2');
    }
    expect(order.status).toBe(200);
    expect(((await order.json()) as { status: string }).status).toBe('new');
  });
});
