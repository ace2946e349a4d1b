// The venue-backed handler reports what happens after placement: a resting order hit later (found by polling), and an OCO list whose filled leg cancels the other.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LiveVenue } from '../../../src/gateway/orders/venue-order-entry-handler.js';
import { startSimulator, type RunningSimulator } from '../../../src/sim/start-simulator.js';
import { startLiveHandler, type LiveHarness } from './live-handler-harness.js';

const OWNER = { owner: 'CLIENT1', accountId: 'acct-1' };

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ venues: ['binance', 'okx'], seed: 12 });
});

afterAll(async () => {
  await simulator.close();
});

describe.each<LiveVenue>(['binance', 'okx'])('orders filled later on %s (simulator)', (venue) => {
  let live: LiveHarness;

  beforeAll(async () => {
    live = await startLiveHandler(simulator, venue, { pollIntervalMs: 200 });
  });

  afterAll(async () => {
    await live.close();
  });

  // The market stands still (the exchange clock is stopped) so the book the test prices against is the one the orders meet.
  beforeEach(() => simulator.exchange(venue).stop());
  afterEach(() => simulator.exchange(venue).start());

  /** A bid that is best on its own (one tick over the bid when the spread allows), and the size a market sell needs to reach it. */
  function bestBid(quantityLots: number): { price: string; counterLots: number } {
    const top = live.top();
    if (top.askTicks - top.bidTicks > 1) return { price: live.price(top.bidTicks + 1), counterLots: quantityLots };
    return { price: live.price(top.bidTicks), counterLots: top.bidLots + quantityLots };
  }

  /** Another participant sells into the book (the demo account itself, straight on the simulated exchange). */
  function marketSell(sizeLots: number): void {
    const exchange = simulator.exchange(venue);
    const result = exchange.placeOrder(exchange.accounts[0]!.accountId, { canonical: 'BTC-USDT', side: 'sell', type: 'market', timeInForce: 'IOC', postOnly: false, sizeLots });
    expect(result.ok).toBe(true);
  }

  it('a resting bid hit by a later market sell: the poll reports the trade at its price, then it is filled', async () => {
    const lots = 300;
    const { price, counterLots } = bestBid(lots);
    const quantity = live.size(lots);
    live.handler.place({ ...OWNER, clientOrderId: 'late-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity, price });
    await live.waitForEvent((event) => event.kind === 'accepted' && event.order.clientOrderId === 'late-1');
    marketSell(counterLots);
    const trade = await live.waitForEvent((event) => event.kind === 'trade' && event.order.clientOrderId === 'late-1' && event.order.status === 'filled');
    expect(trade.kind === 'trade' && trade.fill).toMatchObject({ price, quantity, liquidity: 'maker' });
    expect(trade.kind === 'trade' && trade.order).toMatchObject({ cumulativeQuantity: quantity, leavesQuantity: '0', averagePrice: price });
    expect(live.eventsOf('late-1').map((event) => event.kind)).toEqual(['accepted', 'trade']);
  });

  it('OCO: both legs rest; when one is filled the other is canceled with the OCO text', async () => {
    const lots = 200;
    const { price, counterLots } = bestBid(lots);
    const far = live.price(Math.floor(live.top().bidTicks * 0.9));
    const quantity = live.size(lots);
    live.handler.placeList({
      ...OWNER,
      listId: 'list-1',
      contingency: 'oco',
      orders: [
        { clientOrderId: 'oco-far', symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity, price: far },
        { clientOrderId: 'oco-near', symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity, price },
      ],
    });
    await live.waitForEvent((event) => event.kind === 'accepted' && event.order.clientOrderId === 'oco-near');
    marketSell(counterLots);
    const canceled = await live.waitForEvent((event) => event.kind === 'canceled' && event.order.clientOrderId === 'oco-far');
    expect(canceled.kind === 'canceled' && canceled.text).toBe('OCO: the other order of the list executed');
    expect(canceled.kind === 'canceled' && canceled.order.listId).toBe('list-1');
    expect(live.eventsOf('oco-near').map((event) => event.kind)).toEqual(['accepted', 'trade']);
    const exchange = simulator.exchange(venue);
    expect(exchange.openOrders(exchange.accounts[0]!.accountId)).toEqual([]);
  });

  it('OCO: a refused leg refuses the list', async () => {
    const far = live.price(Math.floor(live.top().bidTicks * 0.9));
    live.handler.placeList({
      ...OWNER,
      listId: 'list-2',
      contingency: 'oco',
      orders: [
        { clientOrderId: 'oco2-a', symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity: '0.01', price: far },
        { clientOrderId: 'oco2-b', symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity: '0.01', price: '0.001' },
      ],
    });
    const rejected = live.events.filter((event) => event.kind === 'rejected' && event.order.listId === 'list-2');
    expect(rejected.map((event) => event.kind === 'rejected' && [event.order.clientOrderId, event.reason])).toEqual([
      ['oco2-a', 'list_rejected'],
      ['oco2-b', 'invalid_price'],
    ]);
    await live.handler.idle();
  });
});
