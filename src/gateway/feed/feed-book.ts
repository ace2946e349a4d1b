// FeedBook: the feed's own copy of one topic's book (what a Snapshot sends), kept by applying the source's snapshots and deltas.

const INITIAL_CAPACITY = 256;

/*
 * Each side is a sorted array of (price, size) ordered worst → best, so the best level sits at the
 * end: updates cluster near the top of the book, and inserting or deleting there moves few entries.
 * Bids are stored ascending, asks descending; `direction` (+1 bids, −1 asks) turns both into one
 * ascending key. A Snapshot reads the arrays backwards (best first). The book mirrors the source
 * exactly: no truncation, no crossing checks; size 0 deletes, deleting an absent level does nothing.
 */
export class FeedBookSide {
  prices: Float64Array = new Float64Array(INITIAL_CAPACITY);
  sizes: Float64Array = new Float64Array(INITIAL_CAPACITY);
  count = 0;

  /** +1 for bids (best = highest), −1 for asks (best = lowest). */
  constructor(readonly direction: 1 | -1) {}

  clear(): void {
    this.count = 0;
  }

  set(price: number, size: number): void {
    const prices = this.prices;
    const direction = this.direction;
    const key = direction * price;
    let low = 0;
    let high = this.count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (direction * prices[middle]! < key) low = middle + 1;
      else high = middle;
    }
    const found = low < this.count && prices[low] === price;
    if (found) {
      if (size === 0) this.removeAt(low);
      else this.sizes[low] = size;
    } else if (size !== 0) {
      this.insertAt(low, price, size);
    }
  }

  /** Best price (NaN when empty). */
  bestPrice(): number {
    return this.count === 0 ? Number.NaN : this.prices[this.count - 1]!;
  }

  /** Cold path: the levels best first, as [price, size] pairs. */
  levels(): [number, number][] {
    const out: [number, number][] = [];
    for (let index = this.count - 1; index >= 0; index--) out.push([this.prices[index]!, this.sizes[index]!]);
    return out;
  }

  private insertAt(index: number, price: number, size: number): void {
    if (this.count === this.prices.length) this.grow();
    if (index < this.count) {
      this.prices.copyWithin(index + 1, index, this.count);
      this.sizes.copyWithin(index + 1, index, this.count);
    }
    this.prices[index] = price;
    this.sizes[index] = size;
    this.count++;
  }

  private removeAt(index: number): void {
    this.prices.copyWithin(index, index + 1, this.count);
    this.sizes.copyWithin(index, index + 1, this.count);
    this.count--;
  }

  private grow(): void {
    const prices = new Float64Array(this.prices.length * 2);
    const sizes = new Float64Array(this.sizes.length * 2);
    prices.set(this.prices);
    sizes.set(this.sizes);
    this.prices = prices;
    this.sizes = sizes;
  }
}

export class FeedBook {
  readonly bids = new FeedBookSide(1);
  readonly asks = new FeedBookSide(-1);

  clear(): void {
    this.bids.clear();
    this.asks.clear();
  }
}
