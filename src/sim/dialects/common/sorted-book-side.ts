// One side of a price-level book kept sorted best-first: a prices array plus a size map, for cheap top-N reads.
import type { SimLevel } from '../../market/sim-market-types.js';

/*
 * Books here have a few hundred levels a side, so a binary search plus one splice per changed level
 * is cheap and keeps top-N a slice of the prices array. Bids are kept high → low (descending),
 * asks low → high.
 */
export class SortedBookSide {
  /** Prices best-first. */
  private readonly prices: number[] = [];
  private readonly sizes = new Map<number, number>();

  constructor(private readonly descending: boolean) {}

  /** Levels on the side. */
  get length(): number {
    return this.prices.length;
  }

  clear(): void {
    this.prices.length = 0;
    this.sizes.clear();
  }

  /** Sets a level's size; size 0 removes it (a no-op when it is absent). */
  set(priceTicks: number, sizeLots: number): void {
    const present = this.sizes.has(priceTicks);
    if (sizeLots === 0) {
      if (!present) return;
      this.sizes.delete(priceTicks);
      this.prices.splice(this.indexOf(priceTicks), 1);
      return;
    }
    if (!present) this.prices.splice(this.indexOf(priceTicks), 0, priceTicks);
    this.sizes.set(priceTicks, sizeLots);
  }

  /** The best `depth` levels, best first. */
  top(depth: number): SimLevel[] {
    const count = Math.min(depth, this.prices.length);
    const levels: SimLevel[] = new Array<SimLevel>(count);
    for (let index = 0; index < count; index++) {
      const priceTicks = this.prices[index]!;
      levels[index] = { priceTicks, sizeLots: this.sizes.get(priceTicks)! };
    }
    return levels;
  }

  /** Where priceTicks is, or where it would go (lower bound in best-first order). */
  private indexOf(priceTicks: number): number {
    let low = 0;
    let high = this.prices.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const price = this.prices[middle]!;
      const before = this.descending ? price > priceTicks : price < priceTicks;
      if (before) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
