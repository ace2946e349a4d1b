// Each order type and time in force against a scripted book: fills, statuses, balances, events; each reject reason.
import { describe, expect, it } from 'vitest';
import type { SimOrderResult } from '../../../../src/sim/matching/matching-types.js';
import { TEST_BTC_USDT } from '../../../helpers/sim-static-book.js';
import { ACCOUNT, ALICE, ASK, BID, balanceOf, createFixture, limit, market } from './sim-order-fixture.js';

function accepted(result: SimOrderResult): Extract<SimOrderResult, { ok: true }> {
  if (!result.ok) throw new Error(`rejected: ${result.reason} ${result.message}`);
  return result;
}

describe('limit GTC', () => {
  it('rests below the ask: locks notional plus the higher fee, joins the public bid, queue-ahead is the synthetic size', () => {
    const { exchange, events } = createFixture();
    const { order, fills } = accepted(exchange.placeOrder(ACCOUNT, limit('buy', BID, 10_000)));
    expect(fills).toEqual([]);
    expect(order).toMatchObject({ status: 'new', filledLots: 0, sizeLots: 10_000, priceTicks: BID, fee: '0', feeAsset: 'USDT' });
    // 64999.99 × 0.1 = 6499.999, plus 10 bps = 6.499999.
    expect(balanceOf(exchange, 'USDT')).toEqual(['93493.501001', '6506.498999']);
    expect(exchange.openOrders(ACCOUNT).map((open) => open.orderId)).toEqual([order.orderId]);
    expect(exchange.snapshot('BTCUSDT', 1).bids).toEqual([{ priceTicks: BID, sizeLots: 20_000 }]);
    expect(events.map((event) => event.type)).toEqual(['order', 'balance', 'book']);
    expect(events[2]!.args).toEqual([
      { native: 'BTCUSDT', updateId: 1, tsMs: exchange.nowMs(), changes: [{ side: 'bid', priceTicks: BID, sizeLots: 20_000 }] },
    ]);
  });

  it('crossing the ask takes level by level at the book prices as taker, fees rounded up in quote', () => {
    const { exchange, events } = createFixture();
    const { order, fills } = accepted(exchange.placeOrder(ACCOUNT, limit('buy', ASK + 1, 25_000)));
    expect(fills.map((fill) => [fill.priceTicks, fill.sizeLots, fill.liquidity, fill.fee])).toEqual([
      [ASK, 10_000, 'taker', '6.500001'],
      [ASK + 1, 15_000, 'taker', '9.750003'],
    ]);
    expect(order).toMatchObject({ status: 'filled', filledLots: 25_000, filledTickLots: 162_500_040_000n, fee: '16.250004' });
    expect(balanceOf(exchange, 'USDT')).toEqual(['83733.745996', '0']);
    expect(balanceOf(exchange, 'BTC')).toEqual(['2.25', '0']);
    expect(exchange.openOrders(ACCOUNT)).toEqual([]);
    expect(exchange.snapshot('BTCUSDT', 2).asks).toEqual([
      { priceTicks: ASK + 1, sizeLots: 5_000 },
      { priceTicks: ASK + 4, sizeLots: 50_000 },
    ]);
    expect(events.map((event) => event.type)).toEqual(['order', 'trade', 'fill', 'order', 'trade', 'fill', 'order', 'balance', 'book']);
    const statuses = events.filter((event) => event.type === 'order').map((event) => event.args[0].status);
    expect(statuses).toEqual(['new', 'partially_filled', 'filled']);
    const book = events.at(-1)!;
    expect(book.type === 'book' && book.args[0].changes).toEqual([
      { side: 'ask', priceTicks: ASK, sizeLots: 0 },
      { side: 'ask', priceTicks: ASK + 1, sizeLots: 5_000 },
    ]);
  });

  it('takes what crosses and rests the remainder at its price', () => {
    const { exchange } = createFixture();
    const { order } = accepted(exchange.placeOrder(ACCOUNT, limit('buy', ASK, 15_000)));
    expect(order).toMatchObject({ status: 'partially_filled', filledLots: 10_000 });
    expect(exchange.snapshot('BTCUSDT', 1)).toMatchObject({
      bids: [{ priceTicks: ASK, sizeLots: 5_000 }],
      asks: [{ priceTicks: ASK + 1, sizeLots: 20_000 }],
    });
  });

  it('a sell locks its base size and credits the quote minus the fee on fills', () => {
    const { exchange } = createFixture();
    accepted(exchange.placeOrder(ACCOUNT, limit('sell', ASK + 10, 50_000)));
    expect(balanceOf(exchange, 'BTC')).toEqual(['1.5', '0.5']);
    const { fills } = accepted(exchange.placeOrder(ACCOUNT, limit('sell', BID, 10_000)));
    // 64999.99 × 0.1 = 6499.999 less 6.499999 taker fee.
    expect(fills.map((fill) => fill.fee)).toEqual(['6.499999']);
    expect(balanceOf(exchange, 'USDT')).toEqual(['106493.499001', '0']);
    expect(balanceOf(exchange, 'BTC')).toEqual(['1.4', '0.5']);
  });
});

describe('IOC and FOK', () => {
  it('IOC fills what it can now and expires the rest, releasing its reservation', () => {
    const { exchange, events } = createFixture();
    const { order } = accepted(exchange.placeOrder(ACCOUNT, limit('buy', ASK, 15_000, { timeInForce: 'IOC' })));
    expect(order).toMatchObject({ status: 'expired', filledLots: 10_000 });
    expect(balanceOf(exchange, 'USDT')).toEqual(['93493.498999', '0']);
    expect(exchange.openOrders(ACCOUNT)).toEqual([]);
    const statuses = events.filter((event) => event.type === 'order').map((event) => event.args[0].status);
    expect(statuses).toEqual(['new', 'partially_filled', 'expired']);
  });

  it('IOC that crosses nothing expires with no fill (a lock released at once is no balance change)', () => {
    const { exchange, events } = createFixture();
    const { order, fills } = accepted(exchange.placeOrder(ACCOUNT, limit('buy', BID, 15_000, { timeInForce: 'IOC' })));
    expect(order.status).toBe('expired');
    expect(fills).toEqual([]);
    expect(balanceOf(exchange, 'USDT')).toEqual(['100000', '0']);
    expect(events.map((event) => event.type)).toEqual(['order', 'order']);
  });

  it('FOK that cannot fill entirely expires with no fills and leaves book and balances alone', () => {
    const { exchange, events } = createFixture();
    const { order, fills } = accepted(exchange.placeOrder(ACCOUNT, limit('buy', ASK + 1, 30_001, { timeInForce: 'FOK' })));
    expect(order).toMatchObject({ status: 'expired', filledLots: 0 });
    expect(fills).toEqual([]);
    expect(balanceOf(exchange, 'USDT')).toEqual(['100000', '0']);
    expect(events.map((event) => event.type)).toEqual(['order', 'order']);
    expect(exchange.snapshot('BTCUSDT', 1).updateId).toBe(0);
  });

  it('FOK that can fill entirely fills', () => {
    const { exchange } = createFixture();
    const { order, fills } = accepted(exchange.placeOrder(ACCOUNT, limit('buy', ASK + 1, 30_000, { timeInForce: 'FOK' })));
    expect(order).toMatchObject({ status: 'filled', filledLots: 30_000 });
    expect(fills).toHaveLength(2);
  });

  it('market FOK larger than the book expires', () => {
    const { exchange } = createFixture();
    const { order } = accepted(exchange.placeOrder(ACCOUNT, market('sell', { sizeLots: 80_001 }, { timeInForce: 'FOK' })));
    expect(order).toMatchObject({ status: 'expired', filledLots: 0 });
  });
});

describe('post-only', () => {
  it('is rejected when it would take, and rests when it would not', () => {
    const { exchange, events } = createFixture();
    expect(exchange.placeOrder(ACCOUNT, limit('buy', ASK, 10_000, { postOnly: true }))).toMatchObject({
      ok: false,
      reason: 'post_only_would_take',
    });
    expect(exchange.placeOrder(ACCOUNT, limit('sell', BID, 10_000, { postOnly: true }))).toMatchObject({
      ok: false,
      reason: 'post_only_would_take',
    });
    expect(events).toEqual([]);
    const { order } = accepted(exchange.placeOrder(ACCOUNT, limit('buy', ASK - 1, 10_000, { postOnly: true })));
    expect(order.status).toBe('new');
  });

  it('is rejected when it would take a resting participant order', () => {
    const { exchange } = createFixture();
    accepted(exchange.placeOrder(ACCOUNT, limit('sell', ASK - 1, 10_000)));
    expect(exchange.placeOrder(ACCOUNT, limit('buy', ASK - 1, 10_000, { postOnly: true }))).toMatchObject({ ok: false, reason: 'post_only_would_take' });
  });
});

describe('market orders', () => {
  it('buy by size walks the asks', () => {
    const { exchange } = createFixture();
    const { order, fills } = accepted(exchange.placeOrder(ACCOUNT, market('buy', { sizeLots: 15_000 })));
    expect(fills.map((fill) => [fill.priceTicks, fill.sizeLots])).toEqual([
      [ASK, 10_000],
      [ASK + 1, 5_000],
    ]);
    expect(order).toMatchObject({ status: 'filled', priceTicks: null, quoteSize: null, sizeLots: 15_000 });
    expect(balanceOf(exchange, 'USDT')[1]).toBe('0');
  });

  it('sell by size walks the bids', () => {
    const { exchange } = createFixture();
    const { fills } = accepted(exchange.placeOrder(ACCOUNT, market('sell', { sizeLots: 15_000 })));
    expect(fills.map((fill) => [fill.priceTicks, fill.sizeLots])).toEqual([
      [BID, 10_000],
      [BID - 1, 5_000],
    ]);
  });

  it('buy by quote spends at most the quote amount (fee on top), size = what filled', () => {
    const { exchange } = createFixture();
    const small = accepted(exchange.placeOrder(ACCOUNT, market('buy', { quoteSize: '1000' })));
    // 1538 × 0.6500001 = 999.7001538 ≤ 1000 < 1539 × 0.6500001.
    expect(small.order).toMatchObject({ status: 'filled', sizeLots: 1_538, filledLots: 1_538, quoteSize: '1000', fee: '0.9997001538' });
    expect(balanceOf(exchange, 'USDT')).toEqual(['98999.3001460462', '0']);
    const large = accepted(exchange.placeOrder(ACCOUNT, market('buy', { quoteSize: '10000' })));
    // 8462 lots left at ASK cost 5500.3008462; 4499.6991538 buys 6922 at ASK + 1 (4499.3013844).
    expect(large.fills.map((fill) => [fill.priceTicks, fill.sizeLots])).toEqual([
      [ASK, 8_462],
      [ASK + 1, 6_922],
    ]);
  });

  it('sell by quote receives at most the quote amount', () => {
    const { exchange } = createFixture();
    const { order } = accepted(exchange.placeOrder(ACCOUNT, market('sell', { quoteSize: '1000' })));
    // 1538 × 0.6499999 = 999.6998462.
    expect(order).toMatchObject({ status: 'filled', sizeLots: 1_538 });
    expect(balanceOf(exchange, 'BTC')).toEqual(['1.98462', '0']);
  });

  it('larger than the book: fills the book and expires the rest', () => {
    const { exchange } = createFixture();
    const { order } = accepted(exchange.placeOrder(ACCOUNT, market('buy', { sizeLots: 100_000 })));
    expect(order).toMatchObject({ status: 'expired', filledLots: 80_000 });
    expect(exchange.snapshot('BTCUSDT', 5).asks).toEqual([]);
    expect(balanceOf(exchange, 'USDT')[1]).toBe('0');
  });

  it('with no liquidity is rejected no_liquidity', () => {
    const { exchange } = createFixture({ script: { bids: [{ priceTicks: BID, sizeLots: 1 }], asks: [] } });
    expect(exchange.placeOrder(ACCOUNT, market('buy', { sizeLots: 100 }))).toMatchObject({ ok: false, reason: 'no_liquidity' });
    expect(exchange.placeOrder(ACCOUNT, market('buy', { quoteSize: '100' }))).toMatchObject({ ok: false, reason: 'no_liquidity' });
  });

  it('post-only market is refused: it always takes', () => {
    const { exchange } = createFixture();
    expect(exchange.placeOrder(ACCOUNT, market('buy', { sizeLots: 100 }, { postOnly: true }))).toMatchObject({
      ok: false,
      reason: 'post_only_would_take',
    });
  });
});

describe('reject reasons', () => {
  it.each([
    ['invalid_price', limit('buy', 0, 10_000)],
    ['invalid_price', limit('buy', -5, 10_000)],
    ['invalid_price', limit('buy', 100.5, 10_000)],
    ['invalid_price', { ...limit('buy', 1, 10_000), priceTicks: undefined }],
    ['invalid_size', limit('buy', BID, 0)],
    ['invalid_size', limit('buy', BID, 2.5)],
    ['invalid_size', { ...limit('buy', BID, 10), sizeLots: undefined }],
    ['invalid_size', market('buy', { sizeLots: 10_000 }, { quoteSize: '100' })],
    ['invalid_size', market('buy', { quoteSize: 'abc' })],
    ['invalid_size', market('buy', { quoteSize: '0' })],
    ['below_min_notional', limit('buy', BID, 7)],
    ['below_min_notional', market('buy', { sizeLots: 7 })],
    ['below_min_notional', market('buy', { quoteSize: '4.99' })],
    ['unknown_instrument', { ...limit('buy', BID, 10_000), canonical: 'DOGE-USDT' }],
    ['insufficient_balance', limit('buy', BID, 200_000)],
    ['insufficient_balance', limit('sell', ASK, 200_001)],
    ['insufficient_balance', market('buy', { sizeLots: 80_000 }, { canonical: 'BTC-USDT' })],
  ] as const)('%s: %o', (reason, request) => {
    const { exchange, events } = createFixture({
      accounts: [{ ...ALICE, balances: reason === 'insufficient_balance' && request.type === 'market' ? { USDT: '100' } : ALICE.balances }],
    });
    const result = exchange.placeOrder(ACCOUNT, request);
    expect(result).toMatchObject({ ok: false, reason });
    expect(result.ok ? '' : result.message).not.toBe('');
    expect(events).toEqual([]);
    expect(exchange.orderHistory(ACCOUNT)).toEqual([]);
  });

  it('below_min_size', () => {
    const { exchange } = createFixture({ instrument: { ...TEST_BTC_USDT, minSizeLots: 100 } });
    expect(exchange.placeOrder(ACCOUNT, limit('buy', BID, 99))).toMatchObject({ ok: false, reason: 'below_min_size' });
    expect(exchange.placeOrder(ACCOUNT, limit('buy', BID, 100))).toMatchObject({ ok: true });
  });

  it('duplicate_client_order_id among open orders only', () => {
    const { exchange } = createFixture();
    const first = accepted(exchange.placeOrder(ACCOUNT, limit('buy', BID, 10_000, { clientOrderId: 'my-1' })));
    expect(exchange.placeOrder(ACCOUNT, limit('buy', BID, 10_000, { clientOrderId: 'my-1' }))).toMatchObject({
      ok: false,
      reason: 'duplicate_client_order_id',
    });
    expect(exchange.cancelOrder(ACCOUNT, 'BTC-USDT', { clientOrderId: 'my-1' })).toMatchObject({ ok: true });
    const second = accepted(exchange.placeOrder(ACCOUNT, limit('buy', BID, 10_000, { clientOrderId: 'my-1' })));
    expect(second.order.orderId).toBeGreaterThan(first.order.orderId);
    expect(exchange.order(ACCOUNT, 'BTC-USDT', { clientOrderId: 'my-1' })?.orderId).toBe(second.order.orderId);
  });

  it('free never goes negative: a second order that needs more than what is free is refused', () => {
    const { exchange } = createFixture({ accounts: [{ ...ALICE, balances: { USDT: '7000' } }] });
    accepted(exchange.placeOrder(ACCOUNT, limit('buy', BID, 10_000)));
    expect(exchange.placeOrder(ACCOUNT, limit('buy', BID, 1_000))).toMatchObject({ ok: false, reason: 'insufficient_balance' });
    expect(balanceOf(exchange, 'USDT')).toEqual(['493.501001', '6506.498999']);
  });
});

describe('cancel', () => {
  it('releases the reservation, leaves the public book, reports canceled', () => {
    const { exchange, events } = createFixture();
    const { order } = accepted(exchange.placeOrder(ACCOUNT, limit('buy', BID, 10_000)));
    events.length = 0;
    const canceled = exchange.cancelOrder(ACCOUNT, 'BTC-USDT', { orderId: order.orderId });
    expect(canceled).toMatchObject({ ok: true, order: { status: 'canceled', orderId: order.orderId } });
    expect(balanceOf(exchange, 'USDT')).toEqual(['100000', '0']);
    expect(events.map((event) => event.type)).toEqual(['order', 'balance', 'book']);
    expect(exchange.snapshot('BTCUSDT', 1)).toMatchObject({ updateId: 2, bids: [{ priceTicks: BID, sizeLots: 10_000 }] });
    expect(exchange.cancelOrder(ACCOUNT, 'BTC-USDT', { orderId: order.orderId })).toMatchObject({ ok: false, reason: 'unknown_order' });
    expect(exchange.order(ACCOUNT, 'BTC-USDT', { orderId: order.orderId })?.status).toBe('canceled');
  });

  it('unknown order, other account, unknown instrument', () => {
    const bob = { ...ALICE, accountId: 'bob', apiKey: 'bob-key' };
    const { exchange } = createFixture({ accounts: [ALICE, bob] });
    const { order } = accepted(exchange.placeOrder(ACCOUNT, limit('buy', BID, 10_000)));
    expect(exchange.cancelOrder('bob', 'BTC-USDT', { orderId: order.orderId })).toMatchObject({ ok: false, reason: 'unknown_order' });
    expect(exchange.cancelOrder(ACCOUNT, 'BTC-USDT', { orderId: 1 })).toMatchObject({ ok: false, reason: 'unknown_order' });
    expect(exchange.cancelOrder(ACCOUNT, 'BTC-USDT', { clientOrderId: 'nope' })).toMatchObject({ ok: false, reason: 'unknown_order' });
    expect(exchange.cancelOrder(ACCOUNT, 'ETH-USDT', { orderId: order.orderId })).toMatchObject({ ok: false, reason: 'unknown_instrument' });
    expect(exchange.order('bob', 'BTC-USDT', { orderId: order.orderId })).toBeUndefined();
    expect(exchange.accountByApiKey('bob-key')?.accountId).toBe('bob');
  });
});

describe('ids and lookups', () => {
  it('order ids increase from a large seeded start, fills ids increase, generated client ids are unique', () => {
    const { exchange } = createFixture();
    const a = accepted(exchange.placeOrder(ACCOUNT, limit('buy', ASK + 1, 15_000)));
    const b = accepted(exchange.placeOrder(ACCOUNT, limit('buy', BID, 10_000)));
    expect(a.order.orderId).toBeGreaterThan(1_000_000_000);
    expect(b.order.orderId).toBe(a.order.orderId + 1);
    expect(a.fills[1]!.fillId).toBe(a.fills[0]!.fillId + 1);
    expect(a.order.clientOrderId).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(a.order.clientOrderId).not.toBe(b.order.clientOrderId);
    expect(exchange.orderHistory(ACCOUNT).map((order) => order.orderId)).toEqual([a.order.orderId, b.order.orderId]);
    expect(exchange.fills(ACCOUNT).map((fill) => fill.orderId)).toEqual([a.order.orderId, a.order.orderId]);
    expect(exchange.fills(ACCOUNT, 'ETH-USDT')).toEqual([]);
  });

  it('throws for an account it does not have', () => {
    const { exchange } = createFixture();
    expect(() => exchange.placeOrder('mallory', limit('buy', BID, 10_000))).toThrow(/Unknown account/);
    expect(() => exchange.balances('mallory')).toThrow(/Unknown account/);
  });
});
