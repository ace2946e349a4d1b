// A place whose answer never comes (simulator 5xx, timeout) is recovered by client id: the order exists once on the venue, never twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { venueClientOrderId } from '../../../src/actors/execution/venue-client-id.js';
import type { LiveVenue } from '../../../src/gateway/orders/venue-order-entry-handler.js';
import { parsePriceTicks, parseSizeLots } from '../../../src/sim/market/sim-instrument.js';
import { startSimulator, type RunningSimulator } from '../../../src/sim/start-simulator.js';
import { waitFor } from '../../helpers/sim-engine-harness.js';
import { startLiveHandler, type LiveHarness } from './live-handler-harness.js';

const OWNER = { owner: 'CLIENT1', accountId: 'acct-1' };
/** The path ccxt places orders on (Binance's order lookup shares it, so a fault there holds the lookup too; ccxt's OKX places through batch-orders). */
const ORDER_PATH: Readonly<Partial<Record<LiveVenue, string>>> = { binance: '/api/v3/order', okx: '/api/v5/trade/batch-orders' };

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ venues: ['binance', 'okx'], seed: 13 });
});

afterAll(async () => {
  await simulator.close();
});

describe.each<LiveVenue>(['binance', 'okx'])('place under venue faults on %s (simulator)', (venue) => {
  let live: LiveHarness;

  beforeAll(async () => {
    // ccxt gives up after 1 s; the lookup waits 500 ms after a lost answer (tests only: the venues' default is 5-6 s).
    live = await startLiveHandler(simulator, venue, { timeoutMs: 1000, reconcileDelayMs: 500 });
  });

  afterAll(async () => {
    await live.close();
  });

  /** Orders the venue ever had under our client id. */
  function venueOrdersWith(clientOrderId: string): number {
    const exchange = simulator.exchange(venue);
    const venueId = venueClientOrderId(OWNER.accountId, clientOrderId);
    return exchange.orderHistory(exchange.accounts[0]!.accountId).filter((order) => order.clientOrderId === venueId).length;
  }

  /*
   * IOC orders under the bid: each expires at once, so nothing rests and the poller sends nothing
   * while a fault is set.
   */
  function iocPrice(): string {
    return live.price(Math.floor(live.top().bidTicks * 0.95));
  }

  it('a 503 on place: looked up by client id (not there), sent again: one order, one acceptance', async () => {
    const server = simulator.server(venue);
    const before = server.stats().rest.faultErrors;
    server.faults.set({ rest: { errors: [{ status: 503, rate: 1, pathPrefix: ORDER_PATH[venue]! }] } });
    live.handler.place({ ...OWNER, clientOrderId: 'f503-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'IOC', postOnly: false, quantity: '0.01', price: iocPrice() });
    await waitFor('a 503 answered', () => server.stats().rest.faultErrors, (count) => count > before, 10_000, 20);
    server.faults.clear();
    await live.waitForEvent((event) => event.kind === 'expired' && event.order.clientOrderId === 'f503-1');
    expect(venueOrdersWith('f503-1')).toBe(1);
    expect(live.eventsOf('f503-1').map((event) => event.kind)).toEqual(['accepted', 'expired']);
    expect(live.handler.client.counters.uncertain).toBeGreaterThan(0);
  });

  it('a timeout on place (the venue never answers): recovered the same way, one order', async () => {
    const server = simulator.server(venue);
    const before = server.stats().rest.timeouts;
    server.faults.set({ rest: { timeout: { rate: 1, holdMs: 1500, pathPrefix: ORDER_PATH[venue]! } } });
    live.handler.place({ ...OWNER, clientOrderId: 'ftmo-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'IOC', postOnly: false, quantity: '0.01', price: iocPrice() });
    await waitFor('a request held', () => server.stats().rest.timeouts, (count) => count > before, 10_000, 20);
    server.faults.clear();
    await live.waitForEvent((event) => event.kind === 'expired' && event.order.clientOrderId === 'ftmo-1', 20_000);
    expect(venueOrdersWith('ftmo-1')).toBe(1);
    expect(live.eventsOf('ftmo-1').map((event) => event.kind)).toEqual(['accepted', 'expired']);
  });

  it('the lost request did land (the order is on the venue under our client id): it is adopted, not placed again', async () => {
    const server = simulator.server(venue);
    const reconciledBefore = live.handler.client.counters.reconciledPlacements;
    const before = server.stats().rest.faultErrors;
    server.faults.set({ rest: { errors: [{ status: 502, rate: 1, pathPrefix: ORDER_PATH[venue]! }] } });
    const price = iocPrice();
    live.handler.place({ ...OWNER, clientOrderId: 'landed-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'IOC', postOnly: false, quantity: '0.01', price });
    await waitFor('a 502 answered', () => server.stats().rest.faultErrors, (count) => count > before, 10_000, 20);
    // What the venue would have done with the request whose answer was lost.
    const exchange = simulator.exchange(venue);
    const landed = exchange.placeOrder(exchange.accounts[0]!.accountId, {
      canonical: 'BTC-USDT',
      clientOrderId: venueClientOrderId(OWNER.accountId, 'landed-1'),
      side: 'buy',
      type: 'limit',
      timeInForce: 'IOC',
      postOnly: false,
      priceTicks: parsePriceTicks(live.instrument, price)!,
      sizeLots: parseSizeLots(live.instrument, '0.01')!,
    });
    expect(landed.ok).toBe(true);
    server.faults.clear();
    const accepted = await live.waitForEvent((event) => event.kind === 'accepted' && event.order.clientOrderId === 'landed-1');
    await live.waitForEvent((event) => event.kind === 'expired' && event.order.clientOrderId === 'landed-1');
    expect(venueOrdersWith('landed-1')).toBe(1);
    expect(accepted.kind === 'accepted' && accepted.order.orderId).toMatch(new RegExp(`${landed.ok ? String(landed.order.orderId) : 'x'}$`));
    expect(live.handler.client.counters.reconciledPlacements).toBe(reconciledBefore + 1);
  });
});
