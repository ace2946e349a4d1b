// Seeded generator of realistic venue book streams (snapshots, deltas near the top, deep levels, gaps) for book tests.
import { BookSide } from '../../src/model/record-types.js';
import type { BookEvent, LevelSpec } from './book-records.js';

/** mulberry32: small, fast, good enough for test streams; the same seed gives the same stream. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

export interface StreamInstrument {
  instrumentId: number;
  maxDepth: number;
  tickSize: number;
  priceDecimals: number;
  sizeDecimals: number;
}

export interface StreamOptions {
  seed: number;
  instruments: readonly StreamInstrument[];
  /** Records for this id must be skipped by the engines (no book). */
  unknownInstrumentId: number;
  /** Probability that a level is far from the top (tens to thousands of ticks). */
  deepProbability: number;
  /** Probability that a level's price is off the tick grid (when tickSize > 1). */
  offGridProbability: number;
  /** Probability that a level lands on or through the other side's top (locked / crossed). */
  crossProbability: number;
  /** Probability per event of a GAP. */
  gapProbability: number;
  /** Probability per event of a fresh snapshot. */
  snapshotProbability: number;
  /** Ticks a "deep" level may be away from the top. */
  deepTicks: number;
}

/** Fraction digits the text of `mantissa` at `decimals` needs at least ("1.50" at 2 → 1). */
export function minimalTextDecimals(mantissa: number, decimals: number): number {
  let digits = decimals;
  let rest = Math.abs(mantissa);
  while (digits > 0 && rest % 10 === 0) {
    rest /= 10;
    digits--;
  }
  return rest === 0 ? 0 : digits;
}

interface InstrumentState {
  spec: StreamInstrument;
  /** Mid in ticks. */
  mid: number;
  halfSpread: number;
  sequence: number;
  /** Recently used prices per side, to update and delete levels that exist. */
  recent: [number[], number[]];
  resyncPending: boolean;
}

/** Endless stream of events over `options.instruments`, interleaved at random. */
export class BookStreamGenerator {
  readonly random: Random;
  private readonly options: StreamOptions;
  private readonly states: InstrumentState[];

  constructor(options: StreamOptions) {
    this.options = options;
    this.random = new Random(options.seed);
    this.states = options.instruments.map((spec) => ({
      spec,
      mid: this.random.chance(0.1) ? this.random.int(1e12, 4e12) : this.random.int(20_000, 2_000_000),
      halfSpread: this.random.int(1, 3),
      sequence: this.random.int(1, 1_000_000),
      recent: [[], []],
      resyncPending: false,
    }));
  }

  next(): BookEvent {
    const random = this.random;
    if (random.chance(0.02)) {
      const noise = random.pick(['trade', 'bbo', 'status'] as const);
      return { kind: 'noise', instrumentId: random.chance(0.5) ? this.options.unknownInstrumentId : random.pick(this.states).spec.instrumentId, noise };
    }
    if (random.chance(0.01)) {
      // A whole venue message for an instrument this engine does not hold.
      return { kind: 'update', instrumentId: this.options.unknownInstrumentId, sequence: 1, previousSequence: 0, checksum: 7, levels: [this.level(this.states[0]!, BookSide.BID)] };
    }
    const state = random.pick(this.states);
    this.drift(state);
    if (state.resyncPending && random.chance(0.7)) {
      state.resyncPending = false;
      return this.snapshot(state);
    }
    if (random.chance(this.options.gapProbability)) {
      state.resyncPending = true;
      return { kind: 'gap', instrumentId: state.spec.instrumentId };
    }
    if (random.chance(this.options.snapshotProbability)) return this.snapshot(state);
    const count = random.chance(0.05) ? 0 : random.chance(0.7) ? random.int(1, 4) : random.int(5, 20);
    const levels: LevelSpec[] = [];
    for (let index = 0; index < count; index++) levels.push(this.level(state, random.chance(0.5) ? BookSide.BID : BookSide.ASK));
    const previousSequence = state.sequence;
    state.sequence += random.int(1, 3);
    return {
      kind: 'update',
      instrumentId: state.spec.instrumentId,
      sequence: state.sequence,
      previousSequence,
      checksum: random.int(-0x8000_0000, 0x7fff_ffff),
      levels,
    };
  }

  private drift(state: InstrumentState): void {
    const random = this.random;
    if (random.chance(0.3)) state.mid += random.int(-1, 1);
    if (random.chance(0.004)) {
      // A big move: the window has to re-anchor.
      const jump = random.int(50, Math.max(60, this.options.deepTicks * 2));
      state.mid += random.chance(0.5) ? jump : -jump;
    }
    if (random.chance(0.05)) state.halfSpread = random.int(1, 3);
    if (state.mid < 10_000) state.mid = 10_000 + random.int(0, 1000);
  }

  /** Ticks → price mantissa, sometimes nudged off the tick grid. */
  private price(state: InstrumentState, ticks: number): number {
    const tick = state.spec.tickSize;
    let price = ticks * tick;
    if (tick > 1 && this.random.chance(this.options.offGridProbability)) price += this.random.int(1, tick - 1);
    return price;
  }

  private textDecimals(mantissa: number, decimals: number): number {
    const minimal = minimalTextDecimals(mantissa, decimals);
    if (this.random.chance(0.8)) return minimal;
    return Math.min(36, minimal + this.random.int(1, 3));
  }

  private levelSpec(state: InstrumentState, side: BookSide, price: number, size: number): LevelSpec {
    const { priceDecimals, sizeDecimals } = state.spec;
    const recent = state.recent[side];
    if (size !== 0) {
      recent.push(price);
      if (recent.length > 64) recent.splice(0, recent.length - 64);
    }
    return {
      side,
      price,
      size,
      priceTextDecimals: this.textDecimals(price, priceDecimals),
      sizeTextDecimals: this.textDecimals(size, sizeDecimals),
    };
  }

  private size(): number {
    const random = this.random;
    if (random.chance(0.05)) return random.int(1, 2 ** 40);
    return random.chance(0.5) ? random.int(1, 100) * 1000 : random.int(1, 1_000_000);
  }

  /** One delta level: mostly within ~10 ticks of the top, sometimes existing, deep, or crossing. */
  private level(state: InstrumentState, side: BookSide): LevelSpec {
    const random = this.random;
    const direction = side === BookSide.BID ? -1 : 1;
    const top = state.mid + direction * state.halfSpread;
    const size = random.chance(0.3) ? 0 : this.size();
    const recent = state.recent[side];
    if (recent.length > 0 && random.chance(0.25)) return this.levelSpec(state, side, random.pick(recent), size);
    let ticks: number;
    if (random.chance(this.options.crossProbability)) {
      // On or through the other side's top: locked or crossed.
      ticks = state.mid - direction * random.int(0, state.halfSpread + 2);
    } else if (random.chance(this.options.deepProbability)) {
      ticks = top + direction * random.int(11, this.options.deepTicks);
    } else {
      ticks = top + direction * random.int(-1, 10);
    }
    if (ticks < 1) ticks = 1;
    return this.levelSpec(state, side, this.price(state, ticks), size);
  }

  private snapshot(state: InstrumentState): BookEvent {
    const random = this.random;
    const levels: LevelSpec[] = [];
    const maxDepth = state.spec.maxDepth;
    for (const side of [BookSide.BID, BookSide.ASK]) {
      const direction = side === BookSide.BID ? -1 : 1;
      const count = random.chance(0.05) ? 0 : random.int(1, maxDepth * 3 + 2);
      let ticks = state.mid + direction * state.halfSpread;
      const sideLevels: LevelSpec[] = [];
      for (let index = 0; index < count && ticks > 0; index++) {
        sideLevels.push(this.levelSpec(state, side, this.price(state, ticks), this.size()));
        ticks += direction * (random.chance(0.05) ? random.int(5, this.options.deepTicks) : random.int(1, 3));
      }
      // Venues send best first; a few send worst first, and a duplicate price now and then.
      if (random.chance(0.1)) sideLevels.reverse();
      if (sideLevels.length > 0 && random.chance(0.05)) sideLevels.push(this.levelSpec(state, side, random.pick(sideLevels).price, this.size()));
      levels.push(...sideLevels);
    }
    if (random.chance(0.2)) levels.sort(() => random.next() - 0.5);
    state.sequence += random.int(1, 100);
    return { kind: 'snapshot', instrumentId: state.spec.instrumentId, sequence: state.sequence, checksum: random.int(-0x8000_0000, 0x7fff_ffff), levels };
  }
}
