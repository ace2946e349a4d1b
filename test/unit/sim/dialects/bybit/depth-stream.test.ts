// Bybit depth streams from the book mirror: replaying the snapshot and deltas of any depth gives that depth's top N after every update; u, level 1 and restarts.
import { describe, expect, it } from 'vitest';
import { BookMirror } from '../../../../../src/sim/dialects/common/book-mirror.js';
import { DepthStream, LEVEL1_REPUSH_MS, type DepthMessage } from '../../../../../src/sim/dialects/bybit/public-ws/depth-stream.js';
import type { SimBookUpdate } from '../../../../../src/sim/exchange/sim-exchange-contract.js';
import type { SimLevel, SimLevelChange } from '../../../../../src/sim/market/sim-market-types.js';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random updates that keep bids below 1000 and asks at or above 1000, so the book never crosses. */
function updates(count: number, seed: number): SimBookUpdate[] {
  const next = random(seed);
  const result: SimBookUpdate[] = [];
  for (let index = 0; index < count; index++) {
    const changes: SimLevelChange[] = [];
    const changeCount = 1 + Math.floor(next() * 6);
    for (let change = 0; change < changeCount; change++) {
      const side = next() < 0.5 ? 'bid' : 'ask';
      const offset = Math.floor(next() * 40);
      const priceTicks = side === 'bid' ? 999 - offset : 1000 + offset;
      changes.push({ side, priceTicks, sizeLots: next() < 0.3 ? 0 : 1 + Math.floor(next() * 50) });
    }
    result.push({ native: 'X', updateId: index + 1, tsMs: 1000 + index * 100, changes });
  }
  return result;
}

/** What a client holds after applying a message (snapshot replaces, delta merges). */
function apply(book: { bids: Map<number, number>; asks: Map<number, number> }, message: DepthMessage): void {
  if (message.type === 'snapshot') {
    book.bids.clear();
    book.asks.clear();
  }
  for (const [levels, side] of [[message.bids, book.bids], [message.asks, book.asks]] as const) {
    for (const level of levels) {
      if (level.sizeLots === 0) side.delete(level.priceTicks);
      else side.set(level.priceTicks, level.sizeLots);
    }
  }
}

function sorted(side: Map<number, number>, descending: boolean): SimLevel[] {
  return [...side.entries()].map(([priceTicks, sizeLots]) => ({ priceTicks, sizeLots })).sort((left, right) => (descending ? right.priceTicks - left.priceTicks : left.priceTicks - right.priceTicks));
}

describe('DepthStream', () => {
  for (const depth of [1, 5, 50]) {
    it(`depth ${depth}: a client replaying the stream holds the mirror's top ${depth} after every update, u + 1 per message`, () => {
      const mirror = new BookMirror({ native: 'X', updateId: 0, tsMs: 0, bids: [{ priceTicks: 990, sizeLots: 3 }], asks: [{ priceTicks: 1010, sizeLots: 4 }] });
      const stream = new DepthStream(depth, mirror, 5000, 1);
      const client = { bids: new Map<number, number>(), asks: new Map<number, number>() };
      const opening = stream.snapshot();
      apply(client, opening);
      let lastU = opening.u;
      for (const update of updates(400, depth)) {
        expect(mirror.apply(update)).toBe(true);
        const message = stream.advance(update.tsMs, update.updateId);
        if (message !== null) {
          if (message.u !== lastU) expect(message.u).toBe(lastU + 1);
          lastU = message.u;
          if (depth === 1) expect(message.type).toBe('snapshot');
          else expect(message.type).toBe('delta');
          apply(client, message);
          const bids = message.bids.map((level) => level.priceTicks);
          expect(bids).toEqual([...bids].sort((left, right) => right - left));
        }
        expect(sorted(client.bids, true)).toEqual(mirror.top('bid', depth));
        expect(sorted(client.asks, false)).toEqual(mirror.top('ask', depth));
      }
      expect(lastU).toBeGreaterThan(5000);
    });
  }

  it('a delta names a level leaving the top N with size 0 and a level entering it with its size', () => {
    const mirror = new BookMirror({ native: 'X', updateId: 0, tsMs: 0, bids: [{ priceTicks: 99, sizeLots: 1 }, { priceTicks: 98, sizeLots: 2 }, { priceTicks: 97, sizeLots: 3 }], asks: [] });
    const stream = new DepthStream(2, mirror, 10, 1);
    mirror.apply({ native: 'X', updateId: 1, tsMs: 5, changes: [{ side: 'bid', priceTicks: 99, sizeLots: 0 }] });
    expect(stream.advance(5, 2)).toEqual({ type: 'delta', bids: [{ priceTicks: 99, sizeLots: 0 }, { priceTicks: 97, sizeLots: 3 }], asks: [], u: 11, seq: 2, tsMs: 5 });
    // A change below the top N is no message at all.
    mirror.apply({ native: 'X', updateId: 2, tsMs: 6, changes: [{ side: 'bid', priceTicks: 50, sizeLots: 9 }] });
    expect(stream.advance(6, 3)).toBeNull();
  });

  it('level 1 repeats an unchanged snapshot with the same u after 3 s', () => {
    const mirror = new BookMirror({ native: 'X', updateId: 0, tsMs: 0, bids: [{ priceTicks: 99, sizeLots: 1 }], asks: [{ priceTicks: 101, sizeLots: 1 }] });
    const stream = new DepthStream(1, mirror, 7, 1);
    mirror.apply({ native: 'X', updateId: 1, tsMs: 100, changes: [{ side: 'bid', priceTicks: 50, sizeLots: 1 }] });
    expect(stream.advance(100, 2)).toBeNull();
    mirror.apply({ native: 'X', updateId: 2, tsMs: LEVEL1_REPUSH_MS, changes: [{ side: 'bid', priceTicks: 51, sizeLots: 1 }] });
    expect(stream.advance(LEVEL1_REPUSH_MS, 3)).toMatchObject({ type: 'snapshot', u: 7, bids: [{ priceTicks: 99, sizeLots: 1 }] });
  });

  it('a restart starts u at 1 with a snapshot, and deltas continue from 2', () => {
    const mirror = new BookMirror({ native: 'X', updateId: 0, tsMs: 0, bids: [{ priceTicks: 99, sizeLots: 1 }], asks: [{ priceTicks: 101, sizeLots: 1 }] });
    const stream = new DepthStream(50, mirror, 700, 1);
    expect(stream.restart()).toMatchObject({ type: 'snapshot', u: 1 });
    mirror.apply({ native: 'X', updateId: 1, tsMs: 5, changes: [{ side: 'ask', priceTicks: 101, sizeLots: 2 }] });
    expect(stream.advance(5, 2)).toMatchObject({ type: 'delta', u: 2 });
  });

  it('the mirror refuses an update that does not follow and can be reset to a snapshot', () => {
    const mirror = new BookMirror({ native: 'X', updateId: 4, tsMs: 0, bids: [], asks: [] });
    expect(mirror.apply({ native: 'X', updateId: 6, tsMs: 1, changes: [{ side: 'bid', priceTicks: 1, sizeLots: 1 }] })).toBe(false);
    expect(mirror.count('bid')).toBe(0);
    mirror.reset({ native: 'X', updateId: 6, tsMs: 1, bids: [{ priceTicks: 2, sizeLots: 1 }], asks: [] });
    expect(mirror.top('bid', 5)).toEqual([{ priceTicks: 2, sizeLots: 1 }]);
    expect(mirror.updateId).toBe(6);
  });
});
