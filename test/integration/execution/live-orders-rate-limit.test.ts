// A venue's rate-limit refusal (Binance 429 -1015, orders per window) is waited out and the order sent again: every order placed once, none lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { venueClientOrderId } from '../../../src/actors/execution/venue-client-id.js';
import { startSimulator, type RunningSimulator } from '../../../src/sim/start-simulator.js';
import { startLiveHandler, type LiveHarness } from './live-handler-harness.js';

const OWNER = { owner: 'CLIENT1', accountId: 'acct-1' };

let simulator: RunningSimulator;
let live: LiveHarness;

beforeAll(async () => {
  // Two orders per second per account: far under Binance's 100 per 10 s, so the venue refuses before our budget would.
  simulator = await startSimulator({ venues: ['binance'], seed: 16, rateLimits: { binance: { ORDERS_10S: { limit: 2, windowMs: 1000 } } } });
  live = await startLiveHandler(simulator, 'binance');
});

afterAll(async () => {
  await live.close();
  await simulator.close();
});

describe('rate-limit refusals on binance (simulator)', () => {
  it('five IOC orders at once: the refused ones wait and go again; each is on the venue exactly once', async () => {
    const price = live.price(Math.floor(live.top().bidTicks * 0.95));
    const ids = ['rl-1', 'rl-2', 'rl-3', 'rl-4', 'rl-5'];
    for (const clientOrderId of ids) live.handler.place({ ...OWNER, clientOrderId, symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'IOC', postOnly: false, quantity: '0.01', price });
    for (const clientOrderId of ids) await live.waitForEvent((event) => event.kind === 'expired' && event.order.clientOrderId === clientOrderId, 20_000);
    expect(simulator.server('binance').stats().rateLimits.refusals).toBeGreaterThan(0);
    expect(live.handler.client.counters.rateLimited).toBeGreaterThan(0);
    const exchange = simulator.exchange('binance');
    const history = exchange.orderHistory(exchange.accounts[0]!.accountId).map((order) => order.clientOrderId);
    for (const clientOrderId of ids) expect(history.filter((id) => id === venueClientOrderId(OWNER.accountId, clientOrderId))).toHaveLength(1);
    expect(live.events.filter((event) => event.kind === 'rejected')).toEqual([]);
  });
});
