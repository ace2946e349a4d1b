// One listing's public book as a dialect's subscribers see it: the exchange's snapshot plus every update since, sorted for top-N reads.
import type { SimBookSnapshot, SimBookUpdate } from '../../exchange/sim-exchange-contract.js';
import type { SimLevel } from '../../market/sim-market-types.js';
import { SortedBookSide } from './sorted-book-side.js';

/*
 * A dialect keeps its own copy instead of asking the exchange for a snapshot at every update: what a
 * subscriber holds is exactly "snapshot + the updates after it", so whatever the dialect derives per
 * update (OKX's checksums of the top 25, Bybit's fixed-depth streams that see levels enter and leave
 * the top N) and the snapshot a new subscriber gets must come from that same state, whatever order
 * the exchange applies its internal changes in. The venue-specific views live in the dialects.
 */
export class BookMirror {
  private readonly bids = new SortedBookSide(true);
  private readonly asks = new SortedBookSide(false);
  /** The exchange updateId of the last update applied (the snapshot's at first). */
  updateId: number;
  /** Time of the last update applied (or of the snapshot), epoch ms. */
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
    return (side === 'bid' ? this.bids : this.asks).length;
  }

  private load(snapshot: SimBookSnapshot): void {
    for (const level of snapshot.bids) this.bids.set(level.priceTicks, level.sizeLots);
    for (const level of snapshot.asks) this.asks.set(level.priceTicks, level.sizeLots);
  }
}
