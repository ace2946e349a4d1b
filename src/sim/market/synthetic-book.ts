// Synthetic liquidity around the path's mid: a ladder whose level sizes re-draw at seeded moments, minus what the matching engine consumed.
//
// At time t, with mid = history.midTicks(t):
//   - touch: best bid = floor(mid − ½ − e_b), best ask = ceil(mid + ½ + e_a), e ∈ {0, 1, 2} ticks
//     drawn per second, so bids stay strictly below asks and the spread is mostly 1–2 ticks (at most 6);
//   - presence: the touch is always quoted; a price d ticks from the mid is quoted when its own
//     seeded uniform is below 0.9·e^(−d/5) near the mid and below a floor further out (where
//     that curve falls under it), the floor set so the ladder spans about 10 bp (fine ticks:
//     sparse far out) or stays dense (coarse ticks). The uniform belongs to the price, so a
//     one-tick move of the mid flips about one level, and far prices are cached per block;
//   - size: each price re-draws at its own rhythm (a seeded period of 0.2–30 s and phase); in a
//     period the size is a lognormal around a base that grows with the price's distance from the
//     mid at the period's start. So sizes are a pure function of (seed, side, price, time) and a
//     100 ms step changes the levels the mid moved across plus a few re-draws (BTC at 0.01 ticks:
//     ~10–25 changes, most near the touch; ETH ~9), never the whole ladder;
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
import { deriveSeed, hash32, hashPrefix, hashStep, hashString, rehash32, tableNormal, unitOf } from './seeded-random.js';
import { instrumentScales } from './sim-instrument.js';
import type { SimInstrument, SimLevel, SimLevelChange, SimVenue } from './sim-market-types.js';

/** Time for consumed size to come back completely. */
export const REPLENISH_MS = 3000;
const SPREAD_BUCKET_MS = 1000;
/** Chance a price next to the touch is quoted, and how fast (in ticks) that falls to the floor. */
const PRESENCE_NEAR = 0.9;
const PRESENCE_DECAY_TICKS = 5;
/** The ladder of depthLevels spans about this fraction of the price (10 bp), or the depth if ticks are coarse. */
const LADDER_SPAN_FRACTION = 0.001;
const MIN_SPAN_PER_LEVEL = 1.2;
const MAX_PRESENCE_FLOOR = 0.9;
const MIN_PERIOD_MS = 200;
const PERIOD_SPAN_MS = 29_800;
/** Quote notional of a level at the touch, before noise. */
const LEVEL_NOTIONAL = 3000;
/** Sizes grow linearly with distance, to about 1 + SIZE_GROWTH_OVER_SPAN times the touch's at the ladder's far end. */
const SIZE_GROWTH_OVER_SPAN = 8;
const SIZE_SIGMA = 0.7;
/** Far-region presence is cached per block of this many ticks. */
const PRESENCE_BLOCK_TICKS = 1024;
const FAR_CACHE_BLOCKS = 256;
const SIZE_TABLE_SHIFT = 18;
/** exp(SIZE_SIGMA × z) over 16 384 normal quantiles: a level's size noise from 14 hash bits. */
const LEVEL_SIZE_MULTIPLIERS: Float64Array = (() => {
  const table = new Float64Array(1 << (32 - SIZE_TABLE_SHIFT));
  for (let index = 0; index < table.length; index++) {
    table[index] = Math.exp(SIZE_SIGMA * tableNormal((index << SIZE_TABLE_SHIFT) >>> 0));
  }
  return table;
})();

const STREAM_BOOK = 20;
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
  /** Presence probability far from the touch: depthLevels / the ladder's span in ticks. */
  private readonly presenceFloor: number;
  /** Distance in ticks over which a level's base size grows by its touch size. */
  private readonly sizeGrowthTicks: number;
  /** Distance from the mid (ticks) beyond which presence is the floor. */
  private readonly nearTicks: number;
  private readonly presencePrefix: [number, number];
  private readonly periodPrefix: [number, number];
  private readonly farCache: [Map<number, number[]>, Map<number, number[]>] = [
    new Map<number, number[]>(),
    new Map<number, number[]>(),
  ];
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
    this.seed = deriveSeed(options.seed, hashString(venue), hashString(instrument.canonical), STREAM_BOOK);
    this.depth = instrument.depthLevels;
    this.minLots = Math.max(1, instrument.minSizeLots);
    const scales = instrumentScales(instrument);
    const tickValue = scales.tickMantissa / 10 ** instrument.priceDecimals;
    const lotValue = scales.lotMantissa / 10 ** instrument.sizeDecimals;
    this.lotsPerQuoteTick = 1 / (tickValue * lotValue);
    // Fine ticks (BTC at 0.01) get a sparse far book spanning ~10 bp; coarse ones stay dense.
    const spanTicks = Math.max(this.depth * MIN_SPAN_PER_LEVEL, scales.initialTicks * LADDER_SPAN_FRACTION);
    this.presenceFloor = Math.min(MAX_PRESENCE_FLOOR, this.depth / spanTicks);
    this.sizeGrowthTicks = spanTicks / SIZE_GROWTH_OVER_SPAN;
    this.nearTicks =
      this.presenceFloor < PRESENCE_NEAR ? PRESENCE_DECAY_TICKS * Math.log(PRESENCE_NEAR / this.presenceFloor) : 0;
    this.presencePrefix = [hashPrefix(this.seed, STREAM_PRESENCE), hashPrefix(this.seed, STREAM_PRESENCE + 100)];
    this.periodPrefix = [hashPrefix(this.seed, STREAM_PERIOD), hashPrefix(this.seed, STREAM_PERIOD + 100)];
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
    const isBid = side === BID;
    const prefix = this.presencePrefix[side]!;
    // Near the mid: presence decays with distance, so each price is tested on its own.
    const nearEnd = isBid ? Math.floor(mid - this.nearTicks) : Math.ceil(mid + this.nearTicks);
    let price = best;
    if (isBid ? price <= nearEnd : price >= nearEnd) {
      // The touch lies beyond the near region (coarse ticks): it is still always quoted.
      if (price < 1) return;
      this.pushLevel(side, price, tsMs, ladder);
      price += isBid ? -1 : 1;
    }
    for (; isBid ? price > nearEnd : price < nearEnd; price += isBid ? -1 : 1) {
      if (price < 1 || prices.length >= this.depth) return;
      if (price !== best) {
        const distance = isBid ? mid - price : price - mid;
        const presence = PRESENCE_NEAR * Math.exp(-distance / PRESENCE_DECAY_TICKS);
        if (unitOf(hashStep(prefix, price)) >= presence) continue;
      }
      this.pushLevel(side, price, tsMs, ladder);
    }
    // Further out presence is the floor, a fixed property of each price: walk the cached blocks.
    let block = Math.floor(price / PRESENCE_BLOCK_TICKS);
    while (prices.length < this.depth) {
      const candidates = this.farCandidates(side, block);
      if (isBid) {
        for (let index = candidates.length - 1; index >= 0 && prices.length < this.depth; index--) {
          const candidate = candidates[index]!;
          if (candidate > price) continue;
          if (candidate < 1) return;
          this.pushLevel(side, candidate, tsMs, ladder);
        }
        if (block * PRESENCE_BLOCK_TICKS <= 1) return;
        block--;
      } else {
        for (let index = 0; index < candidates.length && prices.length < this.depth; index++) {
          const candidate = candidates[index]!;
          if (candidate < price) continue;
          this.pushLevel(side, candidate, tsMs, ladder);
        }
        block++;
      }
    }
  }

  /** Adds one level at its current size (raw minus what is still being replenished), unless that is 0. */
  private pushLevel(side: number, price: number, tsMs: number, ladder: Ladder): void {
    let size = this.rawSize(side, price, tsMs);
    const deficits = this.deficits[side]!;
    if (deficits.size > 0) {
      const deficit = deficits.get(price);
      if (deficit !== undefined) size -= Math.ceil(remainingDeficit(deficit, tsMs));
    }
    if (size <= 0) return;
    ladder.prices.push(price);
    ladder.sizes.push(size);
  }

  /** Prices of a block of PRESENCE_BLOCK_TICKS whose presence uniform is below the floor, ascending (cached). */
  private farCandidates(side: number, block: number): number[] {
    const cache = this.farCache[side]!;
    let candidates = cache.get(block);
    if (candidates === undefined) {
      candidates = [];
      const prefix = this.presencePrefix[side]!;
      const floor = this.presenceFloor;
      const start = block * PRESENCE_BLOCK_TICKS;
      for (let price = start; price < start + PRESENCE_BLOCK_TICKS; price++) {
        if (unitOf(hashStep(prefix, price)) < floor) candidates.push(price);
      }
      // The mid wanders; blocks far behind it are dropped wholesale now and then.
      if (cache.size >= FAR_CACHE_BLOCKS) cache.clear();
      cache.set(block, candidates);
    }
    return candidates;
  }

  /** The undepleted size at a price: lognormal around a distance-dependent base, re-drawn once per the price's period. */
  private rawSize(side: number, price: number, tsMs: number): number {
    const periodHash = hashStep(this.periodPrefix[side]!, price);
    const periodMs = MIN_PERIOD_MS + Math.floor(unitOf(periodHash) * PERIOD_SPAN_MS);
    const phaseMs = Math.floor(unitOf(rehash32(periodHash)) * periodMs);
    const period = Math.floor((tsMs + phaseMs) / periodMs);
    const periodStartMs = period * periodMs - phaseMs;
    const midThen = this.history.midTicks(periodStartMs);
    const distance = Math.abs(price - midThen);
    const baseLots = ((LEVEL_NOTIONAL * this.lotsPerQuoteTick) / price) * (1 + distance / this.sizeGrowthTicks);
    const noise = LEVEL_SIZE_MULTIPLIERS[hash32(this.seed, STREAM_SIZE + side * 100, price, period) >>> SIZE_TABLE_SHIFT]!;
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
