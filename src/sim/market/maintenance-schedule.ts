// A venue's deterministic maintenance windows: whole-minute hours without any trade, about one every 60 days.
//
// Time is cut into blocks of 60 days (from the epoch); each block has a window with probability
// 0.85, 1–3 h long, placed uniformly inside it, so windows never cross a block and any minute's
// status needs one block's three draws. Keyed by (seed, venue): every instrument of a venue
// (spot and perpetual alike) shares the same windows, as real venue maintenance does.

import { MINUTES_PER_DAY, MS_PER_MINUTE } from './price-path.js';
import { deriveSeed, hashString, uniform } from './seeded-random.js';
import type { SimVenue } from './sim-market-types.js';

const BLOCK_MINUTES = 60 * MINUTES_PER_DAY;
const WINDOW_PROBABILITY = 0.85;
const MIN_MINUTES = 60;
const SPAN_MINUTES = 121;
const STREAM_MAINTENANCE = 14;

export class MaintenanceSchedule {
  private readonly seed: number;
  // The last block asked about: minutes are asked in runs, so one block's window answers most.
  private cachedBlock = Number.NaN;
  private cachedStart = -1;
  private cachedEnd = -1;

  constructor(seed: number, venue: SimVenue) {
    this.seed = deriveSeed(seed, hashString(venue), 0, STREAM_MAINTENANCE);
  }

  /** True when the epoch minute lies inside a window. */
  contains(minute: number): boolean {
    const block = Math.floor(minute / BLOCK_MINUTES);
    if (block !== this.cachedBlock) {
      this.cachedBlock = block;
      this.cachedStart = this.windowStart(block);
      this.cachedEnd = this.cachedStart < 0 ? -1 : this.cachedStart + this.windowLength(block);
    }
    return minute >= this.cachedStart && minute < this.cachedEnd;
  }

  /** Windows overlapping [fromMs, toMs), as [startMs, endMs) pairs, oldest first. */
  windows(fromMs: number, toMs: number): Array<readonly [number, number]> {
    const windows: Array<readonly [number, number]> = [];
    if (!(toMs > fromMs)) return windows;
    const firstBlock = Math.floor(Math.floor(fromMs / MS_PER_MINUTE) / BLOCK_MINUTES);
    const lastBlock = Math.floor(Math.floor((toMs - 1) / MS_PER_MINUTE) / BLOCK_MINUTES);
    for (let block = firstBlock; block <= lastBlock; block++) {
      const start = this.windowStart(block);
      if (start < 0) continue;
      const startMs = start * MS_PER_MINUTE;
      const endMs = (start + this.windowLength(block)) * MS_PER_MINUTE;
      if (startMs < toMs && endMs > fromMs) windows.push([startMs, endMs] as const);
    }
    return windows;
  }

  /** First minute of the block's window, or -1 when the block has none. */
  private windowStart(block: number): number {
    if (uniform(this.seed, block, 0) >= WINDOW_PROBABILITY) return -1;
    const room = BLOCK_MINUTES - MIN_MINUTES - SPAN_MINUTES;
    return block * BLOCK_MINUTES + Math.floor(uniform(this.seed, block, 1) * room);
  }

  private windowLength(block: number): number {
    return MIN_MINUTES + Math.floor(uniform(this.seed, block, 2) * SPAN_MINUTES);
  }
}
