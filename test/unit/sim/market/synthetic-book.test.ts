// The synthetic book: a sane ladder around the mid, a pure function of time without consumption, linear replenishment after it.
import { describe, expect, it } from 'vitest';
import { createMarketHistory } from '../../../../src/sim/market/market-history.js';
import { simListings } from '../../../../src/sim/market/sim-catalog.js';
import { createSyntheticBook, REPLENISH_MS } from '../../../../src/sim/market/synthetic-book.js';
import type { SyntheticBook } from '../../../../src/sim/market/market-contract.js';
import type { SimLevel, SimVenue } from '../../../../src/sim/market/sim-market-types.js';

const START_MS = Date.UTC(2024, 2, 5, 9, 30, 0, 0);

function book(venue: SimVenue, index: number, seed = 1): SyntheticBook {
  const listing = simListings(venue)[index]!;
  const history = createMarketHistory(venue, listing, { seed });
  return createSyntheticBook(venue, listing, history, { seed, startMs: START_MS });
}

function expectSaneLadder(subject: SyntheticBook): void {
  const depth = subject.instrument.depthLevels;
  const bids = subject.levels('bid', depth + 50);
  const asks = subject.levels('ask', depth + 50);
  expect(bids).toHaveLength(depth);
  expect(asks).toHaveLength(depth);
  expect(bids[0]!.priceTicks).toBeLessThan(asks[0]!.priceTicks);
  const sorted = (levels: SimLevel[], descending: boolean) =>
    levels.every((level, index) => index === 0 || (descending ? level.priceTicks < levels[index - 1]!.priceTicks : level.priceTicks > levels[index - 1]!.priceTicks));
  expect(sorted(bids, true)).toBe(true);
  expect(sorted(asks, false)).toBe(true);
  for (const level of [...bids, ...asks]) {
    expect(Number.isSafeInteger(level.sizeLots) && level.sizeLots > 0).toBe(true);
    expect(Number.isSafeInteger(level.priceTicks) && level.priceTicks > 0).toBe(true);
  }
}

describe('createSyntheticBook', () => {
  it('quotes every catalog listing with a tight touch around the mid and depthLevels per side', () => {
    for (const venue of ['binance', 'okx', 'bybit', 'coinbase'] as const) {
      for (let index = 0; index < simListings(venue).length; index++) {
        const listing = simListings(venue)[index]!;
        const history = createMarketHistory(venue, listing, { seed: 2 });
        const subject = createSyntheticBook(venue, listing, history, { seed: 2, startMs: START_MS });
        expectSaneLadder(subject);
        const mid = history.midTicks(START_MS);
        const bestBid = subject.levels('bid', 1)[0]!.priceTicks;
        const bestAsk = subject.levels('ask', 1)[0]!.priceTicks;
        expect(bestBid).toBeLessThan(mid);
        expect(bestAsk).toBeGreaterThan(mid);
        expect(bestAsk - bestBid).toBeLessThanOrEqual(6);
        // Sizes grow away from the touch: the far quarter holds more per level than the near quarter.
        const bids = subject.levels('bid', 200);
        const near = bids.slice(0, 50).reduce((sum, level) => sum + level.sizeLots, 0);
        const far = bids.slice(150).reduce((sum, level) => sum + level.sizeLots, 0);
        expect(far).toBeGreaterThan(near);
      }
    }
  });

  it('without consumption is a pure function of time: 100 ms steps and one jump end in the same ladder', () => {
    const stepped = book('binance', 0);
    const jumped = book('binance', 0);
    for (let at = START_MS + 100; at <= START_MS + 30_000; at += 100) stepped.advance(at);
    jumped.advance(START_MS + 30_000);
    expect(stepped.levels('bid', 200)).toEqual(jumped.levels('bid', 200));
    expect(stepped.levels('ask', 200)).toEqual(jumped.levels('ask', 200));
    expect(book('binance', 0, 99).levels('bid', 200)).not.toEqual(book('binance', 0).levels('bid', 200));
  });

  it('changes a bounded number of levels per 100 ms, and the ladder follows the mid', () => {
    const subject = book('binance', 0);
    let total = 0;
    const steps = 600;
    for (let step = 1; step <= steps; step++) total += subject.advance(START_MS + step * 100).length;
    const perAdvance = total / steps;
    console.log(`synthetic book BTC-USDT: ${perAdvance.toFixed(1)} level changes per 100 ms advance`);
    expect(perAdvance).toBeGreaterThan(1);
    expect(perAdvance).toBeLessThan(100);
  });

  it('takes consumed size away at once and gives it back linearly over the replenish time', () => {
    const consumed = book('okx', 2);
    const twin = book('okx', 2);
    const at = START_MS + 1000;
    consumed.advance(at);
    twin.advance(at);
    const level = consumed.levels('ask', 3)[2]!;
    const taken = consumed.consume('ask', level.priceTicks, level.sizeLots - 1);
    expect(taken).toBe(level.sizeLots - 1);
    expect(consumed.sizeAt('ask', level.priceTicks)).toBe(1);
    expect(consumed.consume('ask', level.priceTicks + 0.5, 10)).toBe(0);
    expect(consumed.consume('bid', level.priceTicks, 10)).toBe(0);
    // The change is also in the next advance, even at the same time.
    expect(consumed.advance(at)).toEqual([{ side: 'ask', priceTicks: level.priceTicks, sizeLots: 1 }]);
    for (const elapsed of [REPLENISH_MS / 4, REPLENISH_MS / 2, REPLENISH_MS - 1, REPLENISH_MS]) {
      consumed.advance(at + elapsed);
      twin.advance(at + elapsed);
      const full = twin.sizeAt('ask', level.priceTicks);
      const deficit = Math.ceil(taken * (1 - elapsed / REPLENISH_MS));
      expect(consumed.sizeAt('ask', level.priceTicks)).toBe(Math.max(0, full - deficit));
    }
    expect(consumed.levels('ask', 200)).toEqual(twin.levels('ask', 200));
  });

  it('removes a level consumed whole, keeps depthLevels by quoting one more further out, and reports both', () => {
    const subject = book('coinbase', 0);
    const best = subject.levels('bid', 1)[0]!;
    const lastBefore = subject.levels('bid', 200)[199]!;
    expect(subject.consume('bid', best.priceTicks, best.sizeLots * 10)).toBe(best.sizeLots);
    expect(subject.sizeAt('bid', best.priceTicks)).toBe(0);
    expect(subject.levels('bid', 200)).toHaveLength(199);
    const changes = subject.advance(START_MS);
    expect(changes[0]).toEqual({ side: 'bid', priceTicks: best.priceTicks, sizeLots: 0 });
    expect(changes.at(-1)!.priceTicks).toBeLessThan(lastBefore.priceTicks);
    expect(subject.levels('bid', 200)).toHaveLength(200);
  });

  it('refuses to go back in time', () => {
    const subject = book('bybit', 1);
    subject.advance(START_MS + 500);
    expect(() => subject.advance(START_MS + 499)).toThrow(/back in time/);
  });
});
