// FeedBook sides against a plain Map model: random sets and deletes, levels best first.
import { describe, expect, it } from 'vitest';
import { FeedBook } from '../../../../src/gateway/feed/feed-book.js';
import { Random } from '../../../helpers/book-stream.js';

function modelLevels(levels: Map<number, number>, descending: boolean): [number, number][] {
  return [...levels.entries()].sort(([left], [right]) => (descending ? right - left : left - right));
}

describe('FeedBook', () => {
  it('holds exactly the model after 20 000 random sets, deletes and absent deletes near a moving top, growing past its capacity', () => {
    const random = new Random(3);
    const book = new FeedBook();
    const bids = new Map<number, number>();
    const asks = new Map<number, number>();
    let mid = 100_000;
    for (let step = 0; step < 20_000; step++) {
      mid += random.int(-3, 3);
      const bid = random.chance(0.5);
      const price = bid ? mid - random.int(1, random.chance(0.9) ? 40 : 2_000) : mid + random.int(0, random.chance(0.9) ? 40 : 2_000);
      const size = random.chance(0.3) ? 0 : random.int(1, 1_000_000);
      (bid ? book.bids : book.asks).set(price, size);
      const model = bid ? bids : asks;
      if (size === 0) model.delete(price);
      else model.set(price, size);
      if (step % 997 === 0) {
        expect(book.bids.levels()).toEqual(modelLevels(bids, true));
        expect(book.asks.levels()).toEqual(modelLevels(asks, false));
      }
    }
    expect(book.bids.levels()).toEqual(modelLevels(bids, true));
    expect(book.asks.levels()).toEqual(modelLevels(asks, false));
    expect(book.bids.count).toBeGreaterThan(256);
    expect(book.bids.bestPrice()).toBe(Math.max(...bids.keys()));
    expect(book.asks.bestPrice()).toBe(Math.min(...asks.keys()));
  });

  it('clear empties both sides; best of an empty side is NaN', () => {
    const book = new FeedBook();
    book.bids.set(10, 1);
    book.asks.set(11, 1);
    book.clear();
    expect(book.bids.levels()).toEqual([]);
    expect(book.asks.bestPrice()).toBeNaN();
  });
});
