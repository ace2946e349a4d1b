// Resting participant orders filling as makers: queue-ahead at their price, prints through it, the synthetic book crossing them, other participants taking them.
import { describe, expect, it } from 'vitest';
import type { SimTrade } from '../../../../src/sim/market/sim-market-types.js';
import type { SimOrderResult } from '../../../../src/sim/matching/matching-types.js';
import { ACCOUNT, ALICE, ASK, BID, DEFAULT_SCRIPT, START_MS, balanceOf, createFixture, limit, market } from './sim-order-fixture.js';

const MINUTE = Math.floor(START_MS / 60_000);

function print(offsetMs: number, k: number, priceTicks: number, sizeLots: number, takerSide: 'buy' | 'sell' = 'sell'): SimTrade {
  return { tradeId: MINUTE * 1000 + k, tsMs: START_MS + offsetMs, priceTicks, sizeLots, takerSide };
}

function orderId(result: SimOrderResult): number {
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  return result.order.orderId;
}

describe('fills from synthetic prints', () => {
  it('a print at the order price uses the queue ahead first; a print through it fills up to its size', () => {
    const trades = [print(100, 0, BID, 6_000), print(200, 1, BID, 6_000), print(300, 2, BID - 1, 50_000)];
    const { exchange, events } = createFixture({ script: { ...DEFAULT_SCRIPT, trades } });
    const id = orderId(exchange.placeOrder(ACCOUNT, limit('buy', BID, 5_000)));
    events.length = 0;

    exchange.stepTo(START_MS + 100);
    expect(events.map((event) => event.type)).toEqual(['trade']);
    expect(exchange.order(ACCOUNT, 'BTC-USDT', { orderId: id })?.filledLots).toBe(0);

    events.length = 0;
    exchange.stepTo(START_MS + 200);
    expect(events.map((event) => event.type)).toEqual(['trade', 'trade', 'fill', 'order', 'balance', 'book']);
    expect(events[1]!.args).toEqual(['BTCUSDT', { tradeId: MINUTE * 1000 + 500, tsMs: START_MS + 200, priceTicks: BID, sizeLots: 2_000, takerSide: 'sell' }]);
    expect(events[2]!.args[0]).toMatchObject({ orderId: id, priceTicks: BID, sizeLots: 2_000, liquidity: 'maker', tradeId: MINUTE * 1000 + 500 });
    expect(events[3]!.args[0]).toMatchObject({ status: 'partially_filled', filledLots: 2_000, updatedMs: START_MS + 200 });
    expect(events[4]!.args).toEqual([
      ACCOUNT,
      [
        { asset: 'USDT', free: expect.any(String) as string, locked: expect.any(String) as string },
        { asset: 'BTC', free: '2.02', locked: '0' },
      ],
    ]);
    expect(events[5]!.args[0]).toMatchObject({ updateId: 2, changes: [{ side: 'bid', priceTicks: BID, sizeLots: 13_000 }] });

    events.length = 0;
    exchange.stepTo(START_MS + 300);
    expect(exchange.order(ACCOUNT, 'BTC-USDT', { orderId: id })).toMatchObject({ status: 'filled', filledLots: 5_000 });
    const fills = exchange.fills(ACCOUNT);
    expect(fills.map((fill) => [fill.priceTicks, fill.sizeLots, fill.tradeId])).toEqual([
      [BID, 2_000, MINUTE * 1000 + 500],
      [BID, 3_000, MINUTE * 1000 + 501],
    ]);
    // Maker fee 8 bps on 64999.99 × 0.05 = 3249.9995: 2.5999996; nothing stays locked.
    expect(fills.map((fill) => fill.fee)).toEqual(['1.03999984', '1.55999976']);
    expect(balanceOf(exchange, 'USDT')).toEqual(['96747.4005004', '0']);
    expect(exchange.snapshot('BTCUSDT', 1).bids).toEqual([{ priceTicks: BID, sizeLots: 10_000 }]);
  });

  it('price-time priority at one price: the older order fills first', () => {
    const trades = [print(100, 0, BID, 12_000), print(200, 1, BID, 5_000)];
    const { exchange } = createFixture({ script: { ...DEFAULT_SCRIPT, trades } });
    const older = orderId(exchange.placeOrder(ACCOUNT, limit('buy', BID, 5_000)));
    const newer = orderId(exchange.placeOrder(ACCOUNT, limit('buy', BID, 5_000)));
    exchange.stepTo(START_MS + 100);
    expect(exchange.order(ACCOUNT, 'BTC-USDT', { orderId: older })?.filledLots).toBe(2_000);
    expect(exchange.order(ACCOUNT, 'BTC-USDT', { orderId: newer })?.filledLots).toBe(0);
    exchange.stepTo(START_MS + 200);
    expect(exchange.order(ACCOUNT, 'BTC-USDT', { orderId: older })?.status).toBe('filled');
    expect(exchange.order(ACCOUNT, 'BTC-USDT', { orderId: newer })?.filledLots).toBe(2_000);
  });

  it('better-priced orders fill before the print price; asks fill on prints at or above them', () => {
    const trades = [print(100, 0, ASK + 3, 7_000, 'buy')];
    const { exchange } = createFixture({ script: { ...DEFAULT_SCRIPT, trades } });
    const cheaper = orderId(exchange.placeOrder(ACCOUNT, limit('sell', ASK + 2, 5_000)));
    const dearer = orderId(exchange.placeOrder(ACCOUNT, limit('sell', ASK + 3, 5_000)));
    exchange.stepTo(START_MS + 100);
    expect(exchange.order(ACCOUNT, 'BTC-USDT', { orderId: cheaper })?.filledLots).toBe(5_000);
    // No synthetic liquidity rests at ASK + 3, so nothing is ahead of it.
    expect(exchange.order(ACCOUNT, 'BTC-USDT', { orderId: dearer })?.filledLots).toBe(2_000);
  });

  it('synthetic size leaving the price shrinks the queue ahead', () => {
    const trades = [print(200, 0, BID, 4_000)];
    const steps = [{ atMs: START_MS + 100, changes: [{ side: 'bid' as const, priceTicks: BID, sizeLots: 3_000 }] }];
    const { exchange } = createFixture({ script: { ...DEFAULT_SCRIPT, steps, trades } });
    const id = orderId(exchange.placeOrder(ACCOUNT, limit('buy', BID, 5_000)));
    exchange.stepTo(START_MS + 100);
    exchange.stepTo(START_MS + 200);
    expect(exchange.order(ACCOUNT, 'BTC-USDT', { orderId: id })?.filledLots).toBe(1_000);
  });
});

describe('fills from the synthetic book crossing', () => {
  it('a resting bid fills at its own price against synthetic asks at or below it, as maker', () => {
    const steps = [
      {
        atMs: START_MS + 500,
        changes: [
          { side: 'bid' as const, priceTicks: BID, sizeLots: 0 },
          { side: 'bid' as const, priceTicks: BID - 1, sizeLots: 0 },
          { side: 'bid' as const, priceTicks: BID - 4, sizeLots: 0 },
          { side: 'bid' as const, priceTicks: BID - 5, sizeLots: 1_000 },
          { side: 'ask' as const, priceTicks: ASK, sizeLots: 0 },
          { side: 'ask' as const, priceTicks: BID - 2, sizeLots: 8_000 },
          { side: 'ask' as const, priceTicks: BID, sizeLots: 4_000 },
        ],
      },
    ];
    const { exchange, events } = createFixture({ script: { ...DEFAULT_SCRIPT, steps } });
    const id = orderId(exchange.placeOrder(ACCOUNT, limit('buy', BID, 15_000)));
    const before = exchange.snapshot('BTCUSDT', 100);
    events.length = 0;
    exchange.stepTo(START_MS + 500);
    const fills = exchange.fills(ACCOUNT);
    expect(fills.map((fill) => [fill.priceTicks, fill.sizeLots, fill.liquidity, fill.tsMs])).toEqual([
      [BID, 8_000, 'maker', START_MS + 500],
      [BID, 4_000, 'maker', START_MS + 500],
    ]);
    expect(fills[0]!.fee).toBe('4.15999936');
    expect(exchange.order(ACCOUNT, 'BTC-USDT', { orderId: id })).toMatchObject({ status: 'partially_filled', filledLots: 12_000 });
    const after = exchange.snapshot('BTCUSDT', 100);
    expect(after.bids).toEqual([
      { priceTicks: BID, sizeLots: 3_000 },
      { priceTicks: BID - 5, sizeLots: 1_000 },
    ]);
    expect(after.asks).toEqual([
      { priceTicks: ASK + 1, sizeLots: 20_000 },
      { priceTicks: ASK + 4, sizeLots: 50_000 },
    ]);
    const trades = events.filter((event) => event.type === 'trade').map((event) => event.args[1]);
    expect(trades.map((trade) => [trade.priceTicks, trade.sizeLots, trade.takerSide])).toEqual([
      [BID, 8_000, 'sell'],
      [BID, 4_000, 'sell'],
    ]);
    // One book event carries the whole step, and applied to the snapshot before it gives the one after.
    const books = events.filter((event) => event.type === 'book').map((event) => event.args[0]);
    expect(books).toHaveLength(1);
    expect(books[0]!.updateId).toBe(before.updateId + 1);
  });
});

describe('participants taking participants', () => {
  it('a taker meets a resting order after the synthetic queue ahead of it; both fills share the trade id', () => {
    const bob = { ...ALICE, accountId: 'bob', apiKey: 'bob-key' };
    const { exchange } = createFixture({ accounts: [ALICE, bob] });
    const resting = orderId(exchange.placeOrder(ACCOUNT, limit('sell', ASK, 5_000)));
    const taker = exchange.placeOrder('bob', limit('buy', ASK, 12_000));
    expect(taker.ok && taker.fills.map((fill) => [fill.sizeLots, fill.liquidity])).toEqual([
      [10_000, 'taker'],
      [2_000, 'taker'],
    ]);
    const makerFills = exchange.fills(ACCOUNT);
    expect(makerFills.map((fill) => [fill.orderId, fill.sizeLots, fill.liquidity])).toEqual([[resting, 2_000, 'maker']]);
    expect(taker.ok && taker.fills[1]!.tradeId).toBe(makerFills[0]!.tradeId);
    expect(exchange.snapshot('BTCUSDT', 1).asks).toEqual([{ priceTicks: ASK, sizeLots: 3_000 }]);
    // The next buy meets alice's remaining 3000 first: nothing synthetic is ahead of her any more.
    const next = exchange.placeOrder('bob', market('buy', { sizeLots: 4_000 }));
    expect(next.ok && next.fills.map((fill) => [fill.priceTicks, fill.sizeLots])).toEqual([
      [ASK, 3_000],
      [ASK + 1, 1_000],
    ]);
    expect(exchange.order(ACCOUNT, 'BTC-USDT', { orderId: resting })?.status).toBe('filled');
  });

  it('a resting order inside the spread is taken before the synthetic level behind it', () => {
    const { exchange } = createFixture();
    orderId(exchange.placeOrder(ACCOUNT, limit('sell', ASK - 1, 1_000)));
    const taker = exchange.placeOrder(ACCOUNT, market('buy', { sizeLots: 2_000 }));
    expect(taker.ok && taker.fills.map((fill) => [fill.priceTicks, fill.sizeLots])).toEqual([
      [ASK - 1, 1_000],
      [ASK, 1_000],
    ]);
  });
});

describe('print ids', () => {
  it('participant prints of a minute are m × 1000 + 500 + j, and a busy minute borrows the next minute\'s participant ids', () => {
    const { exchange } = createFixture({ script: { bids: [], asks: [{ priceTicks: ASK, sizeLots: 1_000_000 }] } });
    const ids: number[] = [];
    exchange.on('trade', (_native, trade) => ids.push(trade.tradeId));
    for (let index = 0; index < 501; index++) exchange.placeOrder(ACCOUNT, market('buy', { sizeLots: 8 }));
    expect(ids[0]).toBe(MINUTE * 1000 + 500);
    expect(ids[499]).toBe(MINUTE * 1000 + 999);
    expect(ids[500]).toBe((MINUTE + 1) * 1000 + 500);
    exchange.stepTo(START_MS + 60_000);
    exchange.placeOrder(ACCOUNT, market('buy', { sizeLots: 8 }));
    expect(ids.at(-1)).toBe((MINUTE + 1) * 1000 + 501);
  });
});
