// The shared dialect book mirror: sorted top-N per side, in-order updates only, and reset from a fresh snapshot.
import { describe, expect, it } from 'vitest';
import { BookMirror } from '../../../../../src/sim/dialects/common/book-mirror.js';
import type { SimBookUpdate } from '../../../../../src/sim/exchange/sim-exchange-contract.js';
import type { SimLevel } from '../../../../../src/sim/market/sim-market-types.js';

const level = (priceTicks: number, sizeLots: number): SimLevel => ({ priceTicks, sizeLots });

describe('BookMirror', () => {
  it('keeps bids high → low and asks low → high whatever order the levels arrive in', () => {
    const mirror = new BookMirror({ native: 'X', updateId: 7, tsMs: 1, bids: [level(97, 1), level(99, 2), level(98, 3)], asks: [level(103, 1), level(101, 2)] });
    expect(mirror.top('bid', 10)).toEqual([level(99, 2), level(98, 3), level(97, 1)]);
    expect(mirror.top('ask', 1)).toEqual([level(101, 2)]);
    expect(mirror.count('bid')).toBe(3);
  });

  it('applies only the next update: inserts, resizes and deletes levels', () => {
    const mirror = new BookMirror({ native: 'X', updateId: 7, tsMs: 1, bids: [level(99, 2)], asks: [level(101, 2)] });
    const next: SimBookUpdate = {
      native: 'X',
      updateId: 8,
      tsMs: 5,
      changes: [
        { side: 'bid', priceTicks: 100, sizeLots: 4 },
        { side: 'bid', priceTicks: 99, sizeLots: 0 },
        { side: 'ask', priceTicks: 101, sizeLots: 9 },
        { side: 'ask', priceTicks: 105, sizeLots: 0 },
      ],
    };
    expect(mirror.apply({ ...next, updateId: 9 })).toBe(false);
    expect(mirror.updateId).toBe(7);
    expect(mirror.apply(next)).toBe(true);
    expect([mirror.updateId, mirror.tsMs]).toEqual([8, 5]);
    expect(mirror.top('bid', 5)).toEqual([level(100, 4)]);
    expect(mirror.top('ask', 5)).toEqual([level(101, 9)]);
    expect(mirror.apply(next)).toBe(false);
  });

  it('reset replaces the whole book', () => {
    const mirror = new BookMirror({ native: 'X', updateId: 7, tsMs: 1, bids: [level(99, 2)], asks: [level(101, 2)] });
    mirror.reset({ native: 'X', updateId: 20, tsMs: 9, bids: [level(95, 1)], asks: [] });
    expect([mirror.updateId, mirror.tsMs]).toEqual([20, 9]);
    expect(mirror.top('bid', 5)).toEqual([level(95, 1)]);
    expect(mirror.count('ask')).toBe(0);
  });
});
