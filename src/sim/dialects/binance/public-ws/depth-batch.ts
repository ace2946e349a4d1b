// One symbol's book updates gathered over one depth interval (100 ms or 1000 ms): the U..u range and each level's final size.
import type { SimBookUpdate } from '../../../exchange/sim-exchange-contract.js';
import type { SimLevel } from '../../../market/sim-market-types.js';
import type { DepthLevels } from './stream-payloads.js';

/*
 * Binance's diff stream sends, every 100 ms (or 1000 ms), one depthUpdate with U = the first
 * update id in the event and u = the final one, and each changed level once with its quantity
 * after the last change ("The data in each event is the absolute quantity for a price level").
 * Update ids here are SimBookUpdate.updateId, consecutive per listing, so consecutive events of a
 * stream satisfy U = previous u + 1 and the documented procedure holds.
 */
export class DepthBatch {
  private firstUpdateId = 0;
  private lastUpdateId = 0;
  private lastEventMs = 0;
  private readonly bids = new Map<number, number>();
  private readonly asks = new Map<number, number>();

  get empty(): boolean {
    return this.firstUpdateId === 0;
  }

  add(update: SimBookUpdate): void {
    if (this.firstUpdateId === 0) this.firstUpdateId = update.updateId;
    this.lastUpdateId = update.updateId;
    this.lastEventMs = update.tsMs;
    for (const change of update.changes) (change.side === 'bid' ? this.bids : this.asks).set(change.priceTicks, change.sizeLots);
  }

  /** The gathered event (bids best-first, asks best-first), and resets the batch; null when nothing was gathered. */
  take(): { firstUpdateId: number; finalUpdateId: number; eventMs: number; levels: DepthLevels } | null {
    if (this.firstUpdateId === 0) return null;
    const taken = {
      firstUpdateId: this.firstUpdateId,
      finalUpdateId: this.lastUpdateId,
      eventMs: this.lastEventMs,
      levels: { bids: sorted(this.bids, -1), asks: sorted(this.asks, 1) },
    };
    this.firstUpdateId = 0;
    this.lastUpdateId = 0;
    this.bids.clear();
    this.asks.clear();
    return taken;
  }
}

function sorted(levels: Map<number, number>, direction: 1 | -1): SimLevel[] {
  return [...levels]
    .sort((left, right) => (left[0] - right[0]) * direction)
    .map(([priceTicks, sizeLots]) => ({ priceTicks, sizeLots }));
}
