// Participant orders resting on one listing's book: per side, per price, in time order.
import type { SimLevelChange } from '../market/sim-market-types.js';
import { remainingLots, type OrderState } from './order-state.js';

export type BookSide = 'bid' | 'ask';

/**
 * One side's resting orders. Few participant orders rest at once (demo accounts), so the
 * best-first price list is sorted on demand rather than kept in a tree.
 */
class RestingSide {
  private readonly byPrice = new Map<number, OrderState[]>();

  constructor(private readonly side: BookSide) {}

  add(order: OrderState, priceTicks: number): void {
    const queue = this.byPrice.get(priceTicks);
    if (queue === undefined) this.byPrice.set(priceTicks, [order]);
    else queue.push(order);
  }

  remove(order: OrderState, priceTicks: number): void {
    const queue = this.byPrice.get(priceTicks);
    if (queue === undefined) return;
    const index = queue.indexOf(order);
    if (index >= 0) queue.splice(index, 1);
    if (queue.length === 0) this.byPrice.delete(priceTicks);
  }

  /** Orders at one price, oldest first (the live array: callers must not keep it across removals). */
  at(priceTicks: number): readonly OrderState[] {
    return this.byPrice.get(priceTicks) ?? [];
  }

  lotsAt(priceTicks: number): number {
    let lots = 0;
    for (const order of this.at(priceTicks)) lots += remainingLots(order);
    return lots;
  }

  /** Prices with resting orders, best first (bids high→low, asks low→high). */
  prices(): number[] {
    const prices = [...this.byPrice.keys()];
    return this.side === 'bid' ? prices.sort((a, b) => b - a) : prices.sort((a, b) => a - b);
  }

  best(): number | null {
    let best: number | null = null;
    for (const price of this.byPrice.keys()) {
      if (best === null || (this.side === 'bid' ? price > best : price < best)) best = price;
    }
    return best;
  }

  orders(): OrderState[] {
    return [...this.byPrice.values()].flat();
  }
}

export class RestingOrders {
  readonly bids = new RestingSide('bid');
  readonly asks = new RestingSide('ask');

  sideOf(side: BookSide): RestingSide {
    return side === 'bid' ? this.bids : this.asks;
  }

  /** Aggregated participant levels of both sides (for merging into the public book). */
  levels(): SimLevelChange[] {
    const levels: SimLevelChange[] = [];
    for (const side of ['bid', 'ask'] as const) {
      const resting = this.sideOf(side);
      for (const priceTicks of resting.prices()) levels.push({ side, priceTicks, sizeLots: resting.lotsAt(priceTicks) });
    }
    return levels;
  }
}

export type { RestingSide };
