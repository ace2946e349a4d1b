// Synthetic liquidity around the path's mid: a ladder whose level sizes re-draw at seeded moments, minus what the matching engine consumed.
//
// At time t, with mid = history.midTicks(t):
//   - touch: best bid = floor(mid − ½ − e_b), best ask = ceil(mid + ½ + e_a), e ∈ {0, 1, 2} ticks
//     drawn per second, so bids stay strictly below asks and the spread is 1–3 ticks (up to 5);
//   - presence: the touch is always quoted; a price d ticks from the mid is quoted when its own
//     seeded uniform is below 0.3 + 0.65·e^(−d/30) (dense near the touch, sparser further out).
//     The uniform belongs to the price, so a one-tick move of the mid flips about one level;
//   - size: each price re-draws at its own rhythm (a seeded period of 0.2–30 s and phase); in a
//     period the size is a lognormal around a base that grows with the price's distance from the
//     mid at the period's start. So sizes are a pure function of (seed, side, price, time) and a
//     100 ms step changes a handful of levels, not the whole ladder;
//   - consumption: consume() removes size at once; the deficit shrinks linearly to 0 over
//     REPLENISH_MS, so the level comes back.
// The book keeps the best depthLevels present levels per side. advance() diffs the new ladder
// against the one the previous advance()/consume() left and also repeats the levels consume()
// touched since (idempotent for a consumer that already applied them), so its changes always
// carry a consumption to the public book.

import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_SIM_MARKET } from '../errors.js';
import type { SimListing } from '../exchange/sim-exchange-contract.js';
import type { SyntheticBook, SyntheticMarketHistory } from './market-contract.js';
import { deriveSeed, hash32, hashString, rehash32, tableNormal, unitOf } from './seeded-random.js';
import { instrumentScales } from './sim-instrument.js';
import type { SimInstrument, SimLevel, SimLevelChange, SimVenue } from './sim-market-types.js';

/** Time for consumed size to come back completely. */
export const REPLENISH_MS = 3000;
const SPREAD_BUCKET_MS = 1000;
const PRESENCE_FLOOR = 0.3;
const PRESENCE_NEAR = 0.65;
const PRESENCE_DECAY_TICKS = 30;
const MIN_PERIOD_MS = 200;
const PERIOD_SPAN_MS = 29_800;
/** Quote notional of a level at the touch, before noise; grows by 1/SIZE_GROWTH_TICKS per tick of distance. */
const LEVEL_NOTIONAL = 3000;
const SIZE_GROWTH_TICKS = 25;
const SIZE_SIGMA = 0.7;
/** Prices walked per side at most, per kept level. */
const WALK_FACTOR = 10;

const STREAM_SPREAD = 21;
const STREAM_PRESENCE = 22;
const STREAM_PERIOD = 23;
const STREAM_SIZE = 24;

export interface SyntheticBookOptions {
  readonly seed: number;
  /** Time of the initial ladder; the first advance() must not be earlier. */
  readonly startMs: number;
}

/** The live synthetic book of one venue listing (see SyntheticBook). */
export function createSyntheticBook(
  venue: SimVenue,
  listing: SimListing,
  history: SyntheticMarketHistory,
  options: SyntheticBookOptions,
): SyntheticBook {
  return new Book(venue, listing.instrument, history, options);
}

interface Deficit {
  /** Lots missing at `atMs`. */
  amount: number;
  atMs: number;
}

/** One side's ladder, best first. */
interface Ladder {
  prices: number[];
  sizes: number[];
}

const BID = 0;
const ASK = 1;

class Book implements SyntheticBook {
  readonly instrument: SimInstrument;
  private readonly history: SyntheticMarketHistory;
  private readonly seed: number;
  private readonly depth: number;
  private readonly minLots: number;
  /** Lots per quote unit at a price of one tick: lots(notional, p) = notional × lotsPerQuoteTick / p. */
  private readonly lotsPerQuoteTick: number;
  private nowMs: number;
  private readonly ladders: [Ladder, Ladder] = [
    { prices: [], sizes: [] },
    { prices: [], sizes: [] },
  ];
  private readonly spare: [Ladder, Ladder] = [
    { prices: [], sizes: [] },
    { prices: [], sizes: [] },
  ];
  private readonly deficits: [Map<number, Deficit>, Map<number, Deficit>] = [
    new Map<number, Deficit>(),
    new Map<number, Deficit>(),
  ];
  private readonly touched: [Set<number>, Set<number>] = [new Set<number>(), new Set<number>()];

  constructor(venue: SimVenue, instrument: SimInstrument, history: SyntheticMarketHistory, options: SyntheticBookOptions) {
    if (!Number.isFinite(options.startMs)) {
      throw new ZvtError(ZVT_ERR_SIM_MARKET, `Synthetic book startMs must be a finite epoch ms (got ${options.startMs})`, {
        startMs: options.startMs,
      });
    }
    this.instrument = instrument;
    this.history = history;
    this.seed = deriveSeed(options.seed, hashString(venue), hashString(instrument.canonical) ^ 0x0b00c);
    this.depth = instrument.depthLevels;
    this.minLots = Math.max(1, instrument.minSizeLots);
    const scales = instrumentScales(instrument);
    const tickValue = scales.tickMantissa / 10 ** instrument.priceDecimals;
    const lotValue = scales.lotMantissa / 10 ** instrument.sizeDecimals;
    this.lotsPerQuoteTick = 1 / (tickValue * lotValue);
    this.nowMs = options.startMs;
    this.build(options.startMs, this.ladders);
  }

  advance(tsMs: number): SimLevelChange[] {
    if (!(tsMs >= this.nowMs)) {
      throw new ZvtError(ZVT_ERR_SIM_MARKET, `Synthetic book cannot go back in time (at ${this.nowMs}, asked ${tsMs})`, {
        nowMs: this.nowMs,
        tsMs,
      });
    }
    this.nowMs = tsMs;
    this.dropReplenished(tsMs);
    const next = this.spare;
    this.build(tsMs, next);
    const changes: SimLevelChange[] = [];
    for (let side = BID; side <= ASK; side++) {
      const before = this.ladders[side]!;
      const after = next[side]!;
      this.diffSide(side, before, after, changes);
      this.ladders[side] = after;
      this.spare[side] = before;
      this.touched[side]!.clear();
    }
    return changes;
  }

  levels(side: 'bid' | 'ask', depth: number): SimLevel[] {
    const ladder = this.ladders[side === 'bid' ? BID : ASK];
    const count = Math.min(Math.max(0, Math.floor(depth)), ladder.prices.length);
    const result: SimLevel[] = new Array<SimLevel>(count);
    for (let index = 0; index < count; index++) {
      result[index] = { priceTicks: ladder.prices[index]!, sizeLots: ladder.sizes[index]! };
    }
    return result;
  }

  sizeAt(side: 'bid' | 'ask', priceTicks: number): number {
    const sideIndex = side === 'bid' ? BID : ASK;
    const ladder = this.ladders[sideIndex];
    const index = findPrice(ladder.prices, priceTicks, sideIndex === BID);
    return index < 0 ? 0 : ladder.sizes[index]!;
  }

  consume(side: 'bid' | 'ask', priceTicks: number, lots: number): number {
    if (!(lots > 0)) return 0;
    const sideIndex = side === 'bid' ? BID : ASK;
    const ladder = this.ladders[sideIndex];
    const index = findPrice(ladder.prices, priceTicks, sideIndex === BID);
    if (index < 0) return 0;
    const available = ladder.sizes[index]!;
    const taken = Math.min(Math.floor(lots), available);
    if (taken <= 0) return 0;
    if (taken === available) {
      ladder.prices.splice(index, 1);
      ladder.sizes.splice(index, 1);
    } else {
      ladder.sizes[index] = available - taken;
    }
    const deficits = this.deficits[sideIndex];
    const existing = deficits.get(priceTicks);
    const remaining = existing === undefined ? 0 : remainingDeficit(existing, this.nowMs);
    // Restarting the clock on the sum keeps the visible size exactly `available − taken` now.
    deficits.set(priceTicks, { amount: remaining + taken, atMs: this.nowMs });
    this.touched[sideIndex].add(priceTicks);
    return taken;
  }

  // -------------------------------------------------------------------------------------------

  private dropReplenished(tsMs: number): void {
    for (const deficits of this.deficits) {
      for (const [price, deficit] of deficits) {
        if (tsMs - deficit.atMs >= REPLENISH_MS) deficits.delete(price);
      }
    }
  }

  /** Builds both sides' ladders at tsMs into `target`. */
  private build(tsMs: number, target: [Ladder, Ladder]): void {
    const mid = this.history.midTicks(tsMs);
    const spreadHash = hash32(this.seed, STREAM_SPREAD, Math.floor(tsMs / SPREAD_BUCKET_MS));
    const bidExtra = spreadExtra(spreadHash & 0xffff);
    const askExtra = spreadExtra(spreadHash >>> 16);
    const bestBid = Math.floor(mid - 0.5 - bidExtra);
    const bestAsk = Math.ceil(mid + 0.5 + askExtra);
    this.buildSide(BID, tsMs, mid, bestBid, target[BID]);
    this.buildSide(ASK, tsMs, mid, bestAsk, target[ASK]);
  }

  private buildSide(side: number, tsMs: number, mid: number, best: number, ladder: Ladder): void {
    const prices = ladder.prices;
    const sizes = ladder.sizes;
    prices.length = 0;
    sizes.length = 0;
    const step = side === BID ? -1 : 1;
    const deficits = this.deficits[side]!;
    const maxSteps = this.depth * WALK_FACTOR;
    for (let walked = 0; walked < maxSteps && prices.length < this.depth; walked++) {
      const price = best + step * walked;
      if (price < 1) break;
      if (walked > 0) {
        const distance = side === BID ? mid - price : price - mid;
        const presence = PRESENCE_FLOOR + PRESENCE_NEAR * Math.exp(-distance / PRESENCE_DECAY_TICKS);
        if (unitOf(hash32(this.seed, STREAM_PRESENCE + side * 100, price)) >= presence) continue;
      }
      let size = this.rawSize(side, price, tsMs);
      if (deficits.size > 0) {
        const deficit = deficits.get(price);
        if (deficit !== undefined) size -= Math.ceil(remainingDeficit(deficit, tsMs));
      }
      if (size <= 0) continue;
      prices.push(price);
      sizes.push(size);
    }
  }

  /** The undepleted size at a price: lognormal around a distance-dependent base, re-drawn once per the price's period. */
  private rawSize(side: number, price: number, tsMs: number): number {
    const periodHash = hash32(this.seed, STREAM_PERIOD + side * 100, price);
    const periodMs = MIN_PERIOD_MS + Math.floor(unitOf(periodHash) * PERIOD_SPAN_MS);
    const phaseMs = Math.floor(unitOf(rehash32(periodHash)) * periodMs);
    const period = Math.floor((tsMs + phaseMs) / periodMs);
    const periodStartMs = period * periodMs - phaseMs;
    const midThen = this.history.midTicks(periodStartMs);
    const distance = Math.abs(price - midThen);
    const baseLots = ((LEVEL_NOTIONAL * this.lotsPerQuoteTick) / price) * (1 + distance / SIZE_GROWTH_TICKS);
    const noise = Math.exp(SIZE_SIGMA * tableNormal(hash32(this.seed, STREAM_SIZE + side * 100, price, period)));
    const lots = Math.round(baseLots * noise);
    return lots < this.minLots ? this.minLots : lots;
  }

  private diffSide(side: number, before: Ladder, after: Ladder, out: SimLevelChange[]): void {
    const sideName = side === BID ? 'bid' : 'ask';
    const touched = this.touched[side]!;
    const firstOut = out.length;
    const isBid = side === BID;
    let i = 0;
    let j = 0;
    const oldLength = before.prices.length;
    const newLength = after.prices.length;
    while (i < oldLength || j < newLength) {
      const oldPrice = i < oldLength ? before.prices[i]! : Number.NaN;
      const newPrice = j < newLength ? after.prices[j]! : Number.NaN;
      if (j >= newLength || (i < oldLength && (isBid ? oldPrice > newPrice : oldPrice < newPrice))) {
        out.push({ side: sideName, priceTicks: oldPrice, sizeLots: 0 });
        touched.delete(oldPrice);
        i++;
      } else if (i >= oldLength || oldPrice !== newPrice) {
        out.push({ side: sideName, priceTicks: newPrice, sizeLots: after.sizes[j]! });
        touched.delete(newPrice);
        j++;
      } else {
        const newSize = after.sizes[j]!;
        if (newSize !== before.sizes[i]! || touched.has(newPrice)) {
          out.push({ side: sideName, priceTicks: newPrice, sizeLots: newSize });
        }
        touched.delete(newPrice);
        i++;
        j++;
      }
    }
    if (touched.size === 0) return;
    // Levels consumed away and still absent: repeat their removal, in best-first order.
    for (const price of touched) out.push({ side: sideName, priceTicks: price, sizeLots: 0 });
    const sideChanges = out.splice(firstOut);
    sideChanges.sort(isBid ? (a, b) => b.priceTicks - a.priceTicks : (a, b) => a.priceTicks - b.priceTicks);
    for (const change of sideChanges) out.push(change);
  }
}

function remainingDeficit(deficit: Deficit, tsMs: number): number {
  const elapsed = tsMs - deficit.atMs;
  if (elapsed >= REPLENISH_MS) return 0;
  return deficit.amount * (1 - elapsed / REPLENISH_MS);
}

/** Extra half-spread ticks from 16 bits: 0 (60 %), 1 (30 %), 2 (10 %). */
function spreadExtra(bits: number): number {
  return bits < 39_322 ? 0 : bits < 58_982 ? 1 : 2;
}

/** Index of `price` in a best-first price array (descending for bids), or -1. */
function findPrice(prices: readonly number[], price: number, descending: boolean): number {
  let low = 0;
  let high = prices.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = prices[middle]!;
    if (value === price) return middle;
    if (descending ? value > price : value < price) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
