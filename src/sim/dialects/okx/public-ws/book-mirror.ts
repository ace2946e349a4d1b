// One listing's public book as OKX's subscribers see it: a snapshot plus every update since, kept sorted for top-N and checksums.
import type { SimBookSnapshot, SimBookUpdate } from '../../../exchange/sim-exchange-contract.js';
import type { SimLevel } from '../../../market/sim-market-types.js';

/*
 * The dialect keeps its own copy instead of asking the exchange for a snapshot at every update:
 * what a `books` subscriber holds is exactly "snapshot + the updates after it", so the checksum of
 * each update and the snapshot sent to a new subscriber must come from that same state, whatever
 * order the exchange applies its internal changes in. Prices are kept per side in a sorted array
 * (bids high→low, asks low→high) with sizes in a map: books here have a few hundred levels, so a
 * binary search plus a splice per changed level is cheap and keeps top-N a slice.
 */

class SortedSide {
  /** Prices best-first. */
  private readonly prices: number[] = [];
  private readonly sizes = new Map<number, number>();

  constructor(private readonly descending: boolean) {}

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

  top(depth: number): SimLevel[] {
    const count = Math.min(depth, this.prices.length);
    const levels: SimLevel[] = new Array<SimLevel>(count);
    for (let index = 0; index < count; index++) {
      const priceTicks = this.prices[index]!;
      levels[index] = { priceTicks, sizeLots: this.sizes.get(priceTicks)! };
    }
    return levels;
  }

  get length(): number {
    return this.prices.length;
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

export class BookMirror {
  private readonly bids = new SortedSide(true);
  private readonly asks = new SortedSide(false);
  /** The exchange updateId of the last update applied (the snapshot's at first). */
  updateId: number;
  /** Time of the last update applied, epoch ms. */
  tsMs: number;

  constructor(snapshot: SimBookSnapshot) {
    for (const level of snapshot.bids) this.bids.set(level.priceTicks, level.sizeLots);
    for (const level of snapshot.asks) this.asks.set(level.priceTicks, level.sizeLots);
    this.updateId = snapshot.updateId;
    this.tsMs = snapshot.tsMs;
  }

  /** Applies one exchange update; false (and nothing changed) when it is not the next one. */
  apply(update: SimBookUpdate): boolean {
    if (update.updateId !== this.updateId + 1) return false;
    for (const change of update.changes) (change.side === 'bid' ? this.bids : this.asks).set(change.priceTicks, change.sizeLots);
    this.updateId = update.updateId;
    this.tsMs = update.tsMs;
    return true;
  }

  /** Best `depth` levels of a side: bids high→low, asks low→high. */
  top(side: 'bid' | 'ask', depth: number): SimLevel[] {
    return (side === 'bid' ? this.bids : this.asks).top(depth);
  }

  levelCount(side: 'bid' | 'ask'): number {
    return (side === 'bid' ? this.bids : this.asks).length;
  }
}
