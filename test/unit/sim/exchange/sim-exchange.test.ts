// The SimExchange over the real synthetic markets: book updates that rebuild every snapshot, trades in time order, determinism, the timer.
import { describe, expect, it } from 'vitest';
import { formatDecimalBig } from '../../../../src/model/fixed-point.js';
import { simDemoAccounts } from '../../../../src/sim/exchange/demo-accounts.js';
import { createSimExchange } from '../../../../src/sim/exchange/sim-exchange.js';
import type { SimBookSnapshot, SimExchange } from '../../../../src/sim/exchange/sim-exchange-contract.js';
import { simListings } from '../../../../src/sim/market/sim-catalog.js';
import type { SimLevel, SimTrade, SimVenue } from '../../../../src/sim/market/sim-market-types.js';
import type { SimOrderRequest } from '../../../../src/sim/matching/matching-types.js';

const START_MS = Date.UTC(2025, 2, 3, 14, 0, 0);
const FULL_DEPTH = 1_000_000;

/** A tiny seeded generator so the scripted sessions are the same on every run. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Applies one update to a level map (size 0 deletes). */
function apply(levels: Map<number, number>, priceTicks: number, sizeLots: number): void {
  if (sizeLots === 0) levels.delete(priceTicks);
  else levels.set(priceTicks, sizeLots);
}

function sorted(levels: Map<number, number>, side: 'bid' | 'ask'): SimLevel[] {
  return [...levels.entries()]
    .sort(([a], [b]) => (side === 'bid' ? b - a : a - b))
    .map(([priceTicks, sizeLots]) => ({ priceTicks, sizeLots }));
}

/**
 * A session: steps of 40–400 ms, and now and then a random order or cancel from the demo account
 * (limits near the touch on both sides, markets, IOC/FOK, post-only). Returns the log of every event.
 */
function runSession(exchange: SimExchange, seed: number, steps: number): string[] {
  const random = lcg(seed);
  const log: string[] = [];
  const json = (value: unknown): string => JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? `${inner}n` : inner));
  exchange.on('book', (update) => log.push(`book ${json(update)}`));
  exchange.on('trade', (native, trade) => log.push(`trade ${native} ${json(trade)}`));
  exchange.on('order', (order) => log.push(`order ${json(order)}`));
  exchange.on('fill', (fill) => log.push(`fill ${json(fill)}`));
  exchange.on('balance', (accountId, balances) => log.push(`balance ${accountId} ${json(balances)}`));
  const account = exchange.accounts[0]!.accountId;
  let now = exchange.nowMs();
  for (let step = 0; step < steps; step++) {
    now += 40 + Math.floor(random() * 360);
    exchange.stepTo(now);
    if (random() < 0.3) {
      const listing = exchange.listings[Math.floor(random() * exchange.listings.length)]!;
      const snapshot = exchange.snapshot(listing.native, 1);
      const side = random() < 0.5 ? 'buy' : 'sell';
      const touch = side === 'buy' ? snapshot.bids[0] : snapshot.asks[0];
      if (touch === undefined) continue;
      const offset = Math.floor(random() * 12) - 4;
      const priceTicks = side === 'buy' ? touch.priceTicks - offset : touch.priceTicks + offset;
      const kind = random();
      const request: SimOrderRequest = {
        canonical: listing.instrument.canonical,
        side,
        type: kind < 0.15 ? 'market' : 'limit',
        timeInForce: kind < 0.7 ? 'GTC' : kind < 0.85 ? 'IOC' : 'FOK',
        postOnly: kind > 0.6 && kind < 0.7,
        priceTicks,
        sizeLots: Math.ceil((10 + random() * 200) / (Number(listing.instrument.lotSize) * Number(listing.instrument.initialPrice))),
      };
      exchange.placeOrder(account, request);
    } else if (random() < 0.1) {
      const open = exchange.openOrders(account);
      const victim = open[Math.floor(random() * open.length)];
      if (victim !== undefined) exchange.cancelOrder(account, victim.canonical, { orderId: victim.orderId });
    }
  }
  return log;
}

describe('createSimExchange over the real synthetic markets', () => {
  it('defaults: the venue catalog, the demo account, fees 8/10 bps, nowMs = startMs', () => {
    const exchange = createSimExchange({ venue: 'okx', seed: 3, startMs: START_MS });
    expect(exchange.listings.map((listing) => listing.native)).toEqual(simListings('okx').map((listing) => listing.native));
    expect(exchange.accounts).toEqual(simDemoAccounts('okx', 3));
    expect(exchange.accountByApiKey(exchange.accounts[0]!.apiKey)).toBe(exchange.accounts[0]);
    expect(exchange.accountByApiKey('nope')).toBeUndefined();
    expect(exchange.nowMs()).toBe(START_MS);
    expect(exchange.listing('BTC-USDT-SWAP')?.instrument.canonical).toBe('BTC-USDT-PERP');
    expect(exchange.listing('BTCUSDT')).toBeUndefined();
    expect(() => exchange.snapshot('BTCUSDT', 5)).toThrow(/Unknown listing/);
    const snapshot = exchange.snapshot('BTC-USDT', 5);
    expect(snapshot).toMatchObject({ native: 'BTC-USDT', updateId: 0, tsMs: START_MS });
    expect(snapshot.bids).toHaveLength(5);
    expect(snapshot.bids[0]!.priceTicks).toBeLessThan(snapshot.asks[0]!.priceTicks);

    const taker = exchange.placeOrder(exchange.accounts[0]!.accountId, {
      canonical: 'BTC-USDT-PERP',
      side: 'buy',
      type: 'market',
      timeInForce: 'IOC',
      postOnly: false,
      sizeLots: 10,
    });
    if (!taker.ok) throw new Error(taker.reason);
    expect(taker.fills.every((fill) => fill.liquidity === 'taker')).toBe(true);
    // Tick 0.1 × lot 0.001: one tick·lot is 10^-4 USDT, 10 bps of it 10^-7: exact, nothing to round.
    expect(taker.order.fee).toBe(formatDecimalBig(taker.order.filledTickLots * 100_000_000_000n, 18));
  });

  it('every book update has updateId +1, and the first snapshot plus every update equals each later snapshot at full depth', () => {
    for (const venue of ['binance', 'coinbase'] as SimVenue[]) {
      const exchange = createSimExchange({ venue, seed: 11, startMs: START_MS });
      const books = new Map<string, { bids: Map<number, number>; asks: Map<number, number>; updateId: number }>();
      for (const listing of exchange.listings) {
        const snapshot = exchange.snapshot(listing.native, FULL_DEPTH);
        books.set(listing.native, {
          bids: new Map(snapshot.bids.map((level) => [level.priceTicks, level.sizeLots])),
          asks: new Map(snapshot.asks.map((level) => [level.priceTicks, level.sizeLots])),
          updateId: snapshot.updateId,
        });
      }
      let updates = 0;
      exchange.on('book', (update) => {
        const book = books.get(update.native)!;
        expect(update.updateId).toBe(book.updateId + 1);
        expect(update.changes.length).toBeGreaterThan(0);
        book.updateId = update.updateId;
        for (const change of update.changes) apply(change.side === 'bid' ? book.bids : book.asks, change.priceTicks, change.sizeLots);
        const snapshot: SimBookSnapshot = exchange.snapshot(update.native, FULL_DEPTH);
        expect(snapshot.updateId).toBe(update.updateId);
        expect(sorted(book.bids, 'bid')).toEqual(snapshot.bids);
        expect(sorted(book.asks, 'ask')).toEqual(snapshot.asks);
        // The public book is never crossed after an update.
        if (snapshot.bids.length > 0 && snapshot.asks.length > 0) expect(snapshot.bids[0]!.priceTicks).toBeLessThan(snapshot.asks[0]!.priceTicks);
        updates++;
      });
      runSession(exchange, 5, 400);
      expect(updates).toBeGreaterThan(400);
    }
  });

  it('streams the history\'s prints in time order, each once, with the participant prints between them', () => {
    const exchange = createSimExchange({ venue: 'bybit', seed: 21, startMs: START_MS });
    const streamed = new Map<string, SimTrade[]>();
    exchange.on('trade', (native, trade) => {
      const trades = streamed.get(native) ?? [];
      const previous = trades.at(-1);
      if (previous !== undefined) expect(trade.tsMs).toBeGreaterThanOrEqual(previous.tsMs);
      expect(trade.tsMs).toBeGreaterThan(START_MS);
      expect(trade.tsMs).toBeLessThanOrEqual(exchange.nowMs());
      trades.push(trade);
      streamed.set(native, trades);
    });
    runSession(exchange, 9, 600);
    for (const listing of exchange.listings) {
      const trades = streamed.get(listing.native) ?? [];
      const synthetic = trades.filter((trade) => trade.tradeId % 1000 < 500);
      const participant = trades.filter((trade) => trade.tradeId % 1000 >= 500);
      expect(synthetic).toEqual(exchange.history(listing.native).trades(START_MS + 1, exchange.nowMs() + 1, 100_000));
      expect(synthetic.length).toBeGreaterThan(20);
      const ids = participant.map((trade) => trade.tradeId);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
    }
    // Bybit's spot BTCUSDT and linear BTCUSDT share a native symbol: the second is keyed by category.
    expect(exchange.listings.map((listing) => listing.native)).toEqual(['BTCUSDT', 'ETHUSDT', 'linear:BTCUSDT']);
    expect(exchange.listing('linear:BTCUSDT')?.instrument.canonical).toBe('BTC-USDT-PERP');
  });

  it('is deterministic: the same seed and the same step times and requests give the same events', () => {
    const first = runSession(createSimExchange({ venue: 'binance', seed: 42, startMs: START_MS }), 77, 300);
    const second = runSession(createSimExchange({ venue: 'binance', seed: 42, startMs: START_MS }), 77, 300);
    expect(first.length).toBeGreaterThan(300);
    expect(second).toEqual(first);
    expect(first.some((line) => line.startsWith('fill '))).toBe(true);
    const otherSeed = runSession(createSimExchange({ venue: 'binance', seed: 43, startMs: START_MS }), 77, 300);
    expect(otherSeed).not.toEqual(first);
  });

  it('start() steps with wall time on an unref\'d timer; stop() ends it; stepTo never goes back', async () => {
    const exchange = createSimExchange({ venue: 'coinbase', seed: 1, tickIntervalMs: 20 });
    const startMs = exchange.nowMs();
    const firstBook = new Promise<void>((resolve) => exchange.once('book', () => resolve()));
    exchange.start();
    exchange.start();
    await firstBook;
    exchange.stop();
    const stoppedAt = exchange.nowMs();
    expect(stoppedAt).toBeGreaterThan(startMs);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(exchange.nowMs()).toBe(stoppedAt);
    exchange.stepTo(stoppedAt - 1000);
    expect(exchange.nowMs()).toBe(stoppedAt);
  });
});
