// FeedDepthDiffer: applying its deltas to the previous view always yields the new top-N view exactly.
import { describe, expect, it } from 'vitest';
import { FeedDepthDiffer } from '../../../../src/gateway/feed/feed-depth-differ.js';
import { FeedLevels } from '../../../../src/gateway/feed/feed-levels.js';
import { Random } from '../../../helpers/book-stream.js';

const DEPTH = 10;

function randomView(random: Random, mid: number, descending: boolean): [number, number][] {
  const prices = new Set<number>();
  const count = random.int(0, DEPTH + 3);
  while (prices.size < count) prices.add(descending ? mid - random.int(0, 25) : mid + random.int(1, 25));
  return [...prices].sort((left, right) => (descending ? right - left : left - right)).map((price) => [price, random.int(1, 5)]);
}

function apply(levels: Map<number, number>, prices: Float64Array, sizes: Float64Array, count: number): void {
  for (let index = 0; index < count; index++) {
    if (sizes[index] === 0) levels.delete(prices[index]!);
    else levels.set(prices[index]!, sizes[index]!);
  }
}

describe('FeedDepthDiffer', () => {
  it('turns 5 000 random top-N views into deltas that rebuild each view exactly (truncated to N)', () => {
    const random = new Random(21);
    const differ = new FeedDepthDiffer(DEPTH);
    const out = new FeedLevels(2);
    const bids = new Map<number, number>();
    const asks = new Map<number, number>();
    let mid = 1000;
    for (let step = 0; step < 5_000; step++) {
      mid += random.int(-3, 3);
      const bidView = randomView(random, mid, true);
      const askView = randomView(random, mid, false);
      const changed = differ.update(
        Float64Array.from(bidView.map(([price]) => price)), Float64Array.from(bidView.map(([, size]) => size)), bidView.length,
        Float64Array.from(askView.map(([price]) => price)), Float64Array.from(askView.map(([, size]) => size)), askView.length,
        out,
      );
      apply(bids, out.bidPrices, out.bidSizes, out.bidCount);
      apply(asks, out.askPrices, out.askSizes, out.askCount);
      expect([...bids.entries()].sort(([left], [right]) => right - left)).toEqual(bidView.slice(0, DEPTH));
      expect([...asks.entries()].sort(([left], [right]) => left - right)).toEqual(askView.slice(0, DEPTH));
      expect(changed).toBe(out.bidCount + out.askCount > 0);
    }
  });

  it('reports no change for the same view twice', () => {
    const differ = new FeedDepthDiffer(5);
    const out = new FeedLevels();
    const prices = Float64Array.of(10, 9);
    const sizes = Float64Array.of(1, 2);
    expect(differ.update(prices, sizes, 2, prices, sizes, 0, out)).toBe(true);
    expect(differ.update(prices, sizes, 2, prices, sizes, 0, out)).toBe(false);
  });
});
