// FeedDepthDiffer: turns successive top-N views of a book (e.g. BookEngine.copyTop / copyConsolidatedTop after each batch) into feed deltas.
import type { FeedLevels } from './feed-levels.js';

/*
 * The engine's consolidated books (and any book published at a fixed depth) are read as "the best
 * N levels now", not as level changes. A FeedSource needs changes: this compares the new top-N of
 * each side with the one it saw last and writes the difference into a FeedLevels: a price that
 * left the view gets size 0, a new or resized price its size. Both inputs are best first; a merge
 * walk makes it O(N) with no allocation (the previous view lives in preallocated arrays).
 * Clients applying snapshot + these deltas hold exactly the latest top-N.
 */
export class FeedDepthDiffer {
  private readonly bidPrices: Float64Array;
  private readonly bidSizes: Float64Array;
  private bidCount = 0;
  private readonly askPrices: Float64Array;
  private readonly askSizes: Float64Array;
  private askCount = 0;

  constructor(readonly maxLevels: number) {
    this.bidPrices = new Float64Array(maxLevels);
    this.bidSizes = new Float64Array(maxLevels);
    this.askPrices = new Float64Array(maxLevels);
    this.askSizes = new Float64Array(maxLevels);
  }

  /** Forgets the previous view (after sending a snapshot of the current one, call update() with it instead). */
  reset(): void {
    this.bidCount = 0;
    this.askCount = 0;
  }

  /**
   * Fills `out` (cleared first) with the changes from the previous view to this one and remembers
   * this one. Counts above maxLevels are cut to it. Returns whether anything changed.
   */
  update(bidPrices: Float64Array, bidSizes: Float64Array, bidCount: number, askPrices: Float64Array, askSizes: Float64Array, askCount: number, out: FeedLevels): boolean {
    out.clear();
    const bids = Math.min(bidCount, this.maxLevels);
    const asks = Math.min(askCount, this.maxLevels);
    diffSide(this.bidPrices, this.bidSizes, this.bidCount, bidPrices, bidSizes, bids, 1, out, 0);
    diffSide(this.askPrices, this.askSizes, this.askCount, askPrices, askSizes, asks, -1, out, 1);
    this.bidPrices.set(bidPrices.subarray(0, bids));
    this.bidSizes.set(bidSizes.subarray(0, bids));
    this.bidCount = bids;
    this.askPrices.set(askPrices.subarray(0, asks));
    this.askSizes.set(askSizes.subarray(0, asks));
    this.askCount = asks;
    return out.bidCount + out.askCount > 0;
  }
}

/** Merge walk of two best-first lists; `direction` +1 for bids (best = highest), −1 for asks. */
function diffSide(
  oldPrices: Float64Array,
  oldSizes: Float64Array,
  oldCount: number,
  newPrices: Float64Array,
  newSizes: Float64Array,
  newCount: number,
  direction: number,
  out: FeedLevels,
  side: number,
): void {
  let oldIndex = 0;
  let newIndex = 0;
  while (oldIndex < oldCount || newIndex < newCount) {
    if (newIndex >= newCount) {
      out.add(side, oldPrices[oldIndex++]!, 0);
    } else if (oldIndex >= oldCount) {
      out.add(side, newPrices[newIndex]!, newSizes[newIndex++]!);
    } else {
      const oldPrice = oldPrices[oldIndex]!;
      const newPrice = newPrices[newIndex]!;
      if (oldPrice === newPrice) {
        if (oldSizes[oldIndex] !== newSizes[newIndex]) out.add(side, newPrice, newSizes[newIndex]!);
        oldIndex++;
        newIndex++;
      } else if (direction * oldPrice > direction * newPrice) {
        // The old price ranks better and is not in the new view: it left.
        out.add(side, oldPrice, 0);
        oldIndex++;
      } else {
        out.add(side, newPrice, newSizes[newIndex++]!);
      }
    }
  }
}
