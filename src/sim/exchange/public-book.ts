// The public book of one listing as last published (synthetic + participant levels), and the diff to its current state.
import type { SyntheticBook } from '../market/market-contract.js';
import type { SimLevel, SimLevelChange } from '../market/sim-market-types.js';
import type { RestingOrders } from '../matching/resting-orders.js';
import { ALL_LEVELS } from '../matching/take-plan.js';

type Side = 'bid' | 'ask';

/**
 * Publishing compares the whole current book with the published one rather than trusting each
 * source's change list: the synthetic book, consumption and participant orders all move levels, and
 * a full diff is what guarantees that a snapshot plus every later update equals the next snapshot.
 * A side holds a few hundred levels, so the diff is cheap at the exchange's tick rate.
 */
export class PublicBook {
  private readonly bids = new Map<number, number>();
  private readonly asks = new Map<number, number>();
  updateId = 0;
  tsMs: number;

  constructor(
    readonly native: string,
    tsMs: number,
  ) {
    this.tsMs = tsMs;
  }

  /** Changes from the published book to the current one, best-first per side (bids then asks); applied. */
  publish(book: SyntheticBook, resting: RestingOrders, tsMs: number): SimLevelChange[] {
    const current = currentLevels(book, resting);
    const changes = [...diffSide('bid', this.bids, current.bids), ...diffSide('ask', this.asks, current.asks)];
    for (const change of changes) {
      const levels = change.side === 'bid' ? this.bids : this.asks;
      if (change.sizeLots === 0) levels.delete(change.priceTicks);
      else levels.set(change.priceTicks, change.sizeLots);
    }
    if (changes.length > 0) {
      this.updateId++;
      this.tsMs = tsMs;
    }
    return changes;
  }

  /** Best `depth` published levels of a side. */
  levels(side: Side, depth: number): SimLevel[] {
    const levels = side === 'bid' ? this.bids : this.asks;
    const prices = sortBest(side, [...levels.keys()]).slice(0, Math.max(0, depth));
    return prices.map((priceTicks) => ({ priceTicks, sizeLots: levels.get(priceTicks) ?? 0 }));
  }
}

function currentLevels(book: SyntheticBook, resting: RestingOrders): { bids: Map<number, number>; asks: Map<number, number> } {
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  for (const level of book.levels('bid', ALL_LEVELS)) if (level.sizeLots > 0) bids.set(level.priceTicks, level.sizeLots);
  for (const level of book.levels('ask', ALL_LEVELS)) if (level.sizeLots > 0) asks.set(level.priceTicks, level.sizeLots);
  for (const level of resting.levels()) {
    const levels = level.side === 'bid' ? bids : asks;
    levels.set(level.priceTicks, (levels.get(level.priceTicks) ?? 0) + level.sizeLots);
  }
  return { bids, asks };
}

function diffSide(side: Side, published: Map<number, number>, current: Map<number, number>): SimLevelChange[] {
  const prices: number[] = [];
  for (const [priceTicks, sizeLots] of current) if (published.get(priceTicks) !== sizeLots) prices.push(priceTicks);
  for (const priceTicks of published.keys()) if (!current.has(priceTicks)) prices.push(priceTicks);
  return sortBest(side, prices).map((priceTicks) => ({ side, priceTicks, sizeLots: current.get(priceTicks) ?? 0 }));
}

function sortBest(side: Side, prices: number[]): number[] {
  return side === 'bid' ? prices.sort((a, b) => b - a) : prices.sort((a, b) => a - b);
}
