// The venue-backed order-entry handler against the Binance and OKX simulators through ccxt: resting, marketable, IOC, post-only, refusals, replace, status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDecimal } from '../../../src/actors/execution/decimal-text.js';
import { venueClientOrderId } from '../../../src/actors/execution/venue-client-id.js';
import type { OrderEntryEvent } from '../../../src/gateway/orders/order-entry-handler.js';
import type { LiveVenue } from '../../../src/gateway/orders/venue-order-entry-handler.js';
import { startSimulator, type RunningSimulator } from '../../../src/sim/start-simulator.js';
import { startLiveHandler, type LiveHarness } from './live-handler-harness.js';

const OWNER = { owner: 'CLIENT1', accountId: 'acct-1' };

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ venues: ['binance', 'okx'], seed: 11 });
});

afterAll(async () => {
  await simulator.close();
});

function order(clientOrderId: string, fields: Partial<{ side: 'buy' | 'sell'; type: 'market' | 'limit'; timeInForce: 'GTC' | 'IOC' | 'FOK'; postOnly: boolean; quantity: string; price: string | null; symbol: string }>) {
  return { ...OWNER, clientOrderId, symbol: 'BTC-USDT', side: 'buy' as const, type: 'limit' as const, timeInForce: 'GTC' as const, postOnly: false, quantity: '0.01', price: null, ...fields };
}

const kinds = (events: OrderEntryEvent[]): string[] => events.map((event) => event.kind);

describe.each<LiveVenue>(['binance', 'okx'])('live order entry on %s (simulator)', (venue) => {
  let live: LiveHarness;

  beforeAll(async () => {
    live = await startLiveHandler(simulator, venue);
  });

  afterAll(async () => {
    await live.close();
  });

  it('a resting limit buy is accepted with the venue id, then canceled on request', async () => {
    const top = live.top();
    const price = live.price(Math.floor(top.bidTicks * 0.95));
    live.handler.place(order('rest-1', { price }));
    const accepted = await live.waitForEvent((event) => event.kind === 'accepted' && event.order.clientOrderId === 'rest-1');
    expect(accepted.kind === 'accepted' && accepted.order).toMatchObject({ status: 'new', price, quantity: '0.01', cumulativeQuantity: '0', leavesQuantity: '0.01', owner: 'CLIENT1' });
    const orderId = accepted.kind === 'accepted' ? accepted.order.orderId! : '';
    expect(orderId).not.toBe('');
    expect(simulator.exchange(venue).openOrders(simulator.exchange(venue).accounts[0]!.accountId).map((open) => open.clientOrderId)).toEqual([venueClientOrderId('acct-1', 'rest-1')]);

    live.handler.cancel({ ...OWNER, clientOrderId: 'rest-1-cxl', origClientOrderId: 'rest-1', orderId: null, symbol: 'BTC-USDT', side: 'buy' });
    const canceled = await live.waitForEvent((event) => event.kind === 'canceled' && event.order.clientOrderId === 'rest-1-cxl');
    expect(canceled.kind === 'canceled' && canceled.order).toMatchObject({ status: 'canceled', origClientOrderId: 'rest-1', orderId, leavesQuantity: '0' });
    expect(simulator.exchange(venue).openOrders(simulator.exchange(venue).accounts[0]!.accountId)).toEqual([]);
  });

  it("a marketable order fills: its trade events are the simulator's fills, exact text, and add up to the order", async () => {
    const account = simulator.exchange(venue).accounts[0]!.accountId;
    const before = simulator.exchange(venue).fills(account).length;
    live.handler.place(order('mkt-1', { type: 'market', quantity: '0.02' }));
    await live.waitForEvent((event) => event.kind === 'trade' && event.order.clientOrderId === 'mkt-1' && event.order.status === 'filled');
    const fills = simulator.exchange(venue).fills(account).slice(before);
    const trades = live.eventsOf('mkt-1').filter((event) => event.kind === 'trade');
    expect(kinds(live.eventsOf('mkt-1'))[0]).toBe('accepted');
    expect(trades.map((event) => event.kind === 'trade' && [event.fill.price, event.fill.quantity, event.fill.fee, event.fill.liquidity])).toEqual(
      fills.map((fill) => [live.price(fill.priceTicks), live.size(fill.sizeLots), fill.fee, fill.liquidity]),
    );
    const last = trades.at(-1)!;
    expect(last.kind === 'trade' && last.order).toMatchObject({ cumulativeQuantity: '0.02', leavesQuantity: '0', status: 'filled' });
    const total = trades.reduce((sum, event) => (event.kind === 'trade' ? addDecimal(sum, event.fill.quantity) : sum), '0');
    expect(total).toBe('0.02');
  });

  it('an IOC limit buy under the ask expires unfilled', async () => {
    const price = live.price(Math.floor(live.top().bidTicks * 0.98));
    live.handler.place(order('ioc-1', { timeInForce: 'IOC', price }));
    const expired = await live.waitForEvent((event) => event.kind === 'expired' && event.order.clientOrderId === 'ioc-1');
    expect(kinds(live.eventsOf('ioc-1'))).toEqual(['accepted', 'expired']);
    expect(expired.kind === 'expired' && expired.order).toMatchObject({ status: 'expired', cumulativeQuantity: '0', leavesQuantity: '0' });
  });

  it('a post-only buy through the ask is refused: post_only_would_take', async () => {
    const price = live.price(Math.ceil(live.top().askTicks * 1.02));
    live.handler.place(order('po-1', { postOnly: true, price }));
    const rejected = await live.waitForEvent((event) => event.kind === 'rejected' && event.order.clientOrderId === 'po-1');
    expect(rejected.kind === 'rejected' && rejected.reason).toBe('post_only_would_take');
    expect(kinds(live.eventsOf('po-1'))).toEqual(['rejected']);
  });

  it("more than the balance is refused: insufficient_balance with the venue's text", async () => {
    const price = live.price(Math.floor(live.top().bidTicks * 0.9));
    live.handler.place(order('big-1', { price, quantity: '100' }));
    const rejected = await live.waitForEvent((event) => event.kind === 'rejected' && event.order.clientOrderId === 'big-1');
    expect(rejected.kind === 'rejected' && rejected.reason).toBe('insufficient_balance');
    expect(rejected.kind === 'rejected' && rejected.text).toMatch(venue === 'binance' ? /^binance.*Account has insufficient balance/ : /^okx 51008: /);
  });

  it('off-grid prices and quantities are refused before anything is sent', () => {
    const sent = live.requests.length;
    live.handler.place(order('grid-1', { price: '100.001' }));
    live.handler.place(order('grid-2', { price: '100', quantity: '0.000001' }));
    expect(live.events.filter((event) => event.kind === 'rejected' && ['grid-1', 'grid-2'].includes(event.order.clientOrderId)).map((event) => event.kind === 'rejected' && event.reason)).toEqual([
      'invalid_price',
      'invalid_quantity',
    ]);
    expect(live.requests.length).toBe(sent);
  });

  it('replace: the resting order is canceled at the venue and a new one placed under the new id (new OrderID)', async () => {
    const top = live.top();
    live.handler.place(order('rep-1', { price: live.price(Math.floor(top.bidTicks * 0.95)) }));
    const accepted = await live.waitForEvent((event) => event.kind === 'accepted' && event.order.clientOrderId === 'rep-1');
    const newPrice = live.price(Math.floor(top.bidTicks * 0.96));
    live.handler.replace({ ...OWNER, clientOrderId: 'rep-2', origClientOrderId: 'rep-1', orderId: null, symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity: '0.03', price: newPrice });
    const replaced = await live.waitForEvent((event) => event.kind === 'replaced' && event.order.clientOrderId === 'rep-2');
    expect(replaced.kind === 'replaced' && replaced.order).toMatchObject({ origClientOrderId: 'rep-1', price: newPrice, quantity: '0.03', status: 'new' });
    const oldId = accepted.kind === 'accepted' ? accepted.order.orderId : null;
    const newId = replaced.kind === 'replaced' ? replaced.order.orderId : null;
    expect(newId).not.toBe(oldId);
    const account = simulator.exchange(venue).accounts[0]!.accountId;
    const open = simulator.exchange(venue).openOrders(account).map((working) => working.clientOrderId);
    expect(open).toEqual([venueClientOrderId('acct-1', 'rep-2')]);
    // A replace of an unknown order is refused.
    live.handler.replace({ ...OWNER, clientOrderId: 'rep-x2', origClientOrderId: 'nope', orderId: null, symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity: '0.03', price: newPrice });
    const refused = await live.waitForEvent((event) => event.kind === 'cancel_rejected' && event.clientOrderId === 'rep-x2');
    expect(refused.kind === 'cancel_rejected' && refused.reason).toBe('unknown_order');
    live.handler.cancel({ ...OWNER, clientOrderId: 'rep-3', origClientOrderId: 'rep-2', orderId: null, symbol: 'BTC-USDT', side: 'buy' });
    await live.waitForEvent((event) => event.kind === 'canceled' && event.order.clientOrderId === 'rep-3');
  });

  it('status of a known order (read from the venue) and of an unknown one', async () => {
    live.handler.place(order('st-1', { price: live.price(Math.floor(live.top().bidTicks * 0.95)) }));
    await live.waitForEvent((event) => event.kind === 'accepted' && event.order.clientOrderId === 'st-1');
    live.handler.status({ ...OWNER, clientOrderId: 'st-1', orderId: null, symbol: 'BTC-USDT', side: 'buy', statusRequestId: 'q1' });
    const known = await live.waitForEvent((event) => event.kind === 'status' && event.request.statusRequestId === 'q1');
    expect(known.kind === 'status' && known.order).toMatchObject({ clientOrderId: 'st-1', status: 'new', quantity: '0.01' });
    live.handler.status({ ...OWNER, clientOrderId: 'never-placed', orderId: null, symbol: 'BTC-USDT', side: 'buy', statusRequestId: 'q2' });
    const unknown = await live.waitForEvent((event) => event.kind === 'status' && event.request.statusRequestId === 'q2');
    expect(unknown.kind === 'status' && unknown.order).toBeNull();
    live.handler.cancel({ ...OWNER, clientOrderId: 'st-2', origClientOrderId: 'st-1', orderId: null, symbol: 'BTC-USDT', side: 'buy' });
    await live.waitForEvent((event) => event.kind === 'canceled' && event.order.clientOrderId === 'st-2');
  });
});
