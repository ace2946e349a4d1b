// The whole public book of one listing, kept from the exchange's snapshot and its 'book' updates, sorted for top-N reads.
import type { SimBookSnapshot, SimBookUpdate } from '../../../exchange/sim-exchange-contract.js';
import type { SimLevel } from '../../../market/sim-market-types.js';

/*
 * Bybit publishes books of fixed depths (1, 50, 200, 500/1000 levels): a level that leaves the top
 * N is deleted in that stream even though it still rests in the book, and one that enters the top
 * N appears. Deriving those streams needs the whole book, so each listing keeps this mirror: the
 * prices of each side in a sorted array (bids high → low, asks low → high) plus a size map.
 * Updates arrive as level changes; each insert or delete is a binary search and one splice.
 */

class BookSide {
  /** Sorted best-first. */
  readonly prices: number[] = [];
  readonly sizes = new Map<number, number>();

  constructor(private readonly descending: boolean) {}

  clear(): void {
    this.prices.length = 0;
    this.sizes.clear();
  }

  set(priceTicks: number, sizeLots: number): void {
    const had = this.sizes.has(priceTicks);
    if (sizeLots === 0) {
      if (!had) return;
      this.sizes.delete(priceTicks);
      this.prices.splice(this.indexOf(priceTicks), 1);
      return;
    }
    this.sizes.set(priceTicks, sizeLots);
    if (!had) this.prices.splice(this.indexOf(priceTicks), 0, priceTicks);
  }

  /** Index of the price, or where it would be inserted. */
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

  top(depth: number): SimLevel[] {
    const count = Math.min(depth, this.prices.length);
    const levels: SimLevel[] = new Array<SimLevel>(count);
    for (let index = 0; index < count; index++) {
      const priceTicks = this.prices[index]!;
      levels[index] = { priceTicks, sizeLots: this.sizes.get(priceTicks)! };
    }
    return levels;
  }
}

export class BookMirror {
  private readonly bids = new BookSide(true);
  private readonly asks = new BookSide(false);
  /** The exchange update the mirror includes. */
  updateId: number;
  /** Time of that update (or of the snapshot). */
  tsMs: number;

  constructor(snapshot: SimBookSnapshot) {
    this.updateId = snapshot.updateId;
    this.tsMs = snapshot.tsMs;
    this.load(snapshot);
  }

  /** Replaces the whole book with a fresh snapshot (after an update that did not follow). */
  reset(snapshot: SimBookSnapshot): void {
    this.bids.clear();
    this.asks.clear();
    this.updateId = snapshot.updateId;
    this.tsMs = snapshot.tsMs;
    this.load(snapshot);
  }

  private load(snapshot: SimBookSnapshot): void {
    for (const level of snapshot.bids) this.bids.set(level.priceTicks, level.sizeLots);
    for (const level of snapshot.asks) this.asks.set(level.priceTicks, level.sizeLots);
  }

  /**
   * Applies the next update. Returns false (and applies nothing) when it does not follow the
   * mirror's update id by exactly one, or is older: the caller rebuilds from a fresh snapshot.
   */
  apply(update: SimBookUpdate): boolean {
    if (update.updateId !== this.updateId + 1) return false;
    for (const change of update.changes) (change.side === 'bid' ? this.bids : this.asks).set(change.priceTicks, change.sizeLots);
    this.updateId = update.updateId;
    this.tsMs = update.tsMs;
    return true;
  }

  /** Best `depth` levels of a side: bids high → low, asks low → high. */
  top(side: 'bid' | 'ask', depth: number): SimLevel[] {
    return (side === 'bid' ? this.bids : this.asks).top(depth);
  }

  /** Levels on a side. */
  count(side: 'bid' | 'ask'): number {
    return (side === 'bid' ? this.bids : this.asks).prices.length;
  }
}
