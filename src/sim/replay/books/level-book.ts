// A venue book as the venue itself holds it, for the replay server: levels as sent, keyed by canonical price.
import { canonicalDecimal, compareCanonicalDecimals } from './decimal-text.js';

/**
 * Cold side: plain Maps, sorted only when a snapshot is asked for. `L` is the level exactly as the
 * venue sent it (`["65114.20","6.054"]`, Coinbase's level object, OKX's four strings), so a
 * synthesised snapshot repeats the venue's own text.
 */
export class LevelBook<L> {
  readonly bids = new Map<string, L>();
  readonly asks = new Map<string, L>();

  clear(): void {
    this.bids.clear();
    this.asks.clear();
  }

  /** Sets a level, or deletes it when `deleted` (the venue sent size zero). */
  set(side: 'bid' | 'ask', price: string, level: L, deleted: boolean): void {
    const levels = side === 'bid' ? this.bids : this.asks;
    const key = canonicalDecimal(price);
    if (deleted) levels.delete(key);
    else levels.set(key, level);
  }

  /** The best `depth` levels of a side, best first (bids high to low, asks low to high). */
  top(side: 'bid' | 'ask', depth: number): L[] {
    const levels = side === 'bid' ? this.bids : this.asks;
    const prices = [...levels.keys()].sort(compareCanonicalDecimals);
    if (side === 'bid') prices.reverse();
    return prices.slice(0, depth).map((price) => levels.get(price)!);
  }
}
