// FeedLevels: a reusable batch of book levels (bids and asks as integer mantissas) that a source fills and the feed reads.

const INITIAL_CAPACITY = 64;

/*
 * A source keeps one FeedLevels, calls clear(), adds the levels of one book update (or of a whole
 * book for a snapshot) and hands it to FeedSource.onBookDelta / onBookSnapshot. The feed reads it
 * synchronously during that call and keeps nothing, so the source may reuse it at once. Storage
 * grows by doubling and is never shrunk: after warm-up, filling a batch allocates nothing.
 *
 * Prices and sizes are mantissas at the instrument's decimals, safe integers. In a delta size 0
 * deletes the level; in a snapshot a size-0 level is ignored.
 */
export class FeedLevels {
  bidPrices: Float64Array;
  bidSizes: Float64Array;
  bidCount = 0;
  askPrices: Float64Array;
  askSizes: Float64Array;
  askCount = 0;

  constructor(capacity = INITIAL_CAPACITY) {
    const size = Math.max(1, capacity);
    this.bidPrices = new Float64Array(size);
    this.bidSizes = new Float64Array(size);
    this.askPrices = new Float64Array(size);
    this.askSizes = new Float64Array(size);
  }

  clear(): void {
    this.bidCount = 0;
    this.askCount = 0;
  }

  addBid(price: number, size: number): void {
    if (this.bidCount === this.bidPrices.length) {
      this.bidPrices = grow(this.bidPrices);
      this.bidSizes = grow(this.bidSizes);
    }
    this.bidPrices[this.bidCount] = price;
    this.bidSizes[this.bidCount++] = size;
  }

  addAsk(price: number, size: number): void {
    if (this.askCount === this.askPrices.length) {
      this.askPrices = grow(this.askPrices);
      this.askSizes = grow(this.askSizes);
    }
    this.askPrices[this.askCount] = price;
    this.askSizes[this.askCount++] = size;
  }

  /** side 0 = bid, 1 = ask (the model's BookSide). */
  add(side: number, price: number, size: number): void {
    if (side === 0) this.addBid(price, size);
    else this.addAsk(price, size);
  }
}

function grow(values: Float64Array): Float64Array {
  const larger = new Float64Array(values.length * 2);
  larger.set(values);
  return larger;
}
