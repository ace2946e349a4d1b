// Property: after any sequence of advance()/consume(), the book is sane and each advance's changes turn the previous levels into the new ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMarketHistory } from '../../../../src/sim/market/market-history.js';
import { simListings } from '../../../../src/sim/market/sim-catalog.js';
import { createSyntheticBook } from '../../../../src/sim/market/synthetic-book.js';
import type { SimLevel, SimLevelChange, SimVenue } from '../../../../src/sim/market/sim-market-types.js';

type Action =
  | { kind: 'advance'; deltaMs: number }
  | { kind: 'consume'; side: 'bid' | 'ask'; levelIndex: number; fraction: number };

const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('advance' as const),
    deltaMs: fc.oneof(fc.integer({ min: 0, max: 250 }), fc.integer({ min: 0, max: 20_000 })),
  }),
  fc.record({
    kind: fc.constant('consume' as const),
    side: fc.constantFrom('bid' as const, 'ask' as const),
    levelIndex: fc.integer({ min: 0, max: 30 }),
    fraction: fc.double({ min: 0, max: 1.5, noNaN: true }),
  }),
);

const LISTINGS: Array<[SimVenue, number]> = [
  ['binance', 0],
  ['okx', 2],
  ['coinbase', 1],
  ['bybit', 1],
];

/** Applies changes to a copy of a side's levels, as a consumer of advance() would. */
function apply(levels: readonly SimLevel[], changes: readonly SimLevelChange[], side: 'bid' | 'ask'): SimLevel[] {
  const sizes = new Map(levels.map((level) => [level.priceTicks, level.sizeLots]));
  for (const change of changes) {
    if (change.side !== side) continue;
    if (change.sizeLots === 0) sizes.delete(change.priceTicks);
    else sizes.set(change.priceTicks, change.sizeLots);
  }
  const result = [...sizes].map(([priceTicks, sizeLots]) => ({ priceTicks, sizeLots }));
  return result.sort((a, b) => (side === 'bid' ? b.priceTicks - a.priceTicks : a.priceTicks - b.priceTicks));
}

function isBestFirst(changes: readonly SimLevelChange[]): boolean {
  const bids = changes.filter((change) => change.side === 'bid');
  const asks = changes.filter((change) => change.side === 'ask');
  return (
    changes.every((change, index) => index < bids.length === (change.side === 'bid')) &&
    bids.every((change, index) => index === 0 || change.priceTicks < bids[index - 1]!.priceTicks) &&
    asks.every((change, index) => index === 0 || change.priceTicks > asks[index - 1]!.priceTicks)
  );
}

describe('SyntheticBook property', () => {
  it('stays sorted and uncrossed, answers like a twin given the same calls, and advance() changes applied to the previous levels give the new levels', () => {
    const startMs = Date.UTC(2024, 6, 1, 12);
    fc.assert(
      fc.property(
        fc.constantFrom(...LISTINGS),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(actionArbitrary, { minLength: 1, maxLength: 40 }),
        ([venue, index], seed, actions) => {
          const listing = simListings(venue)[index]!;
          const history = createMarketHistory(venue, listing, { seed });
          const book = createSyntheticBook(venue, listing, history, { seed, startMs });
          // Same seed, same calls: a twin on its own history must answer identically.
          const twin = createSyntheticBook(venue, listing, createMarketHistory(venue, listing, { seed }), { seed, startMs });
          const depth = listing.instrument.depthLevels;
          let nowMs = startMs;
          for (const action of actions) {
            if (action.kind === 'advance') {
              const bidsBefore = book.levels('bid', depth);
              const asksBefore = book.levels('ask', depth);
              nowMs += action.deltaMs;
              const changes = book.advance(nowMs);
              expect(twin.advance(nowMs)).toEqual(changes);
              expect(isBestFirst(changes)).toBe(true);
              expect(apply(bidsBefore, changes, 'bid')).toEqual(book.levels('bid', depth));
              expect(apply(asksBefore, changes, 'ask')).toEqual(book.levels('ask', depth));
              expect(book.levels('bid', depth)).toHaveLength(depth);
              expect(book.levels('ask', depth)).toHaveLength(depth);
            } else {
              const levels = book.levels(action.side, depth);
              const level = levels[Math.min(action.levelIndex, levels.length - 1)]!;
              const wanted = Math.max(1, Math.floor(level.sizeLots * action.fraction));
              const taken = book.consume(action.side, level.priceTicks, wanted);
              expect(twin.consume(action.side, level.priceTicks, wanted)).toBe(taken);
              expect(taken).toBe(Math.min(wanted, level.sizeLots));
              expect(book.sizeAt(action.side, level.priceTicks)).toBe(level.sizeLots - taken);
            }
            const bids = book.levels('bid', depth);
            const asks = book.levels('ask', depth);
            expect(bids[0]!.priceTicks).toBeLessThan(asks[0]!.priceTicks);
            for (let position = 1; position < bids.length; position++) {
              if (!(bids[position]!.priceTicks < bids[position - 1]!.priceTicks)) expect(bids).toBe('sorted high to low');
            }
            for (let position = 1; position < asks.length; position++) {
              if (!(asks[position]!.priceTicks > asks[position - 1]!.priceTicks)) expect(asks).toBe('sorted low to high');
            }
            for (const level of [...bids, ...asks]) {
              if (!(Number.isSafeInteger(level.sizeLots) && level.sizeLots > 0)) expect(level).toBe('a positive size');
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
