// BookProvider over an in-process BookEngine (TsBookEngine or the native twin): top levels of venue and consolidated books as decimal text.
//
// Only valid where the engine lives (the instrument actor's thread, or a test); call it between
// applyBatch calls, never during one. The live gateway, whose books are in worker threads, needs
// a provider that reads them across threads (the integrator's part).
import { BookState, CrossState, type BookEngine } from '../../hotpath/book/book-engine.js';
import { formatDecimal, formatDecimalBig } from '../../model/fixed-point.js';
import type { Instrument } from '../../model/instrument.js';
import type { InstrumentRegistry } from '../../model/instrument-registry.js';
import { BookSide, SEQUENCE_NONE } from '../../model/record-types.js';
import type { BookLevelText, BookProvider, BookStateName, ConsolidatedBookView, ConsolidatedLevelText, CrossStateName, VenueBookView } from './rest-context.js';

export interface ConsolidatedGroupSpec {
  readonly canonical: string;
  /** The groupId given to addConsolidated. */
  readonly groupId: number;
  /** Venue instrument ids in member order (as given to addConsolidated). */
  readonly members: readonly string[];
}

export interface EngineBookProviderOptions {
  readonly engine: BookEngine;
  readonly registry: InstrumentRegistry;
  /** Venue instrument ids the engine holds books for (addBook). */
  readonly books: readonly string[];
  readonly groups?: readonly ConsolidatedGroupSpec[] | undefined;
  /** The engine's clock (the `nowNs` its applyBatch calls get), for consolidated staleness. Default wall-clock ns. */
  readonly nowNs?: (() => number) | undefined;
  /** Readiness; default: always ready. */
  readonly ready?: (() => boolean) | undefined;
}

const STATE_NAMES: Readonly<Record<number, BookStateName>> = {
  [BookState.EMPTY]: 'empty',
  [BookState.SNAPSHOTTING]: 'snapshotting',
  [BookState.SYNCED]: 'synced',
  [BookState.RESYNCING]: 'resyncing',
};
const CROSS_NAMES: Readonly<Record<number, CrossStateName>> = { [CrossState.NONE]: 'none', [CrossState.LOCKED]: 'locked', [CrossState.CROSSED]: 'crossed' };

export class EngineBookProvider implements BookProvider {
  private readonly engine: BookEngine;
  private readonly books = new Map<string, Instrument>();
  private readonly groups = new Map<string, { spec: ConsolidatedGroupSpec; members: Instrument[] }>();
  private readonly nowNs: () => number;
  private readonly readyCheck: () => boolean;

  constructor(options: EngineBookProviderOptions) {
    this.engine = options.engine;
    for (const id of options.books) this.books.set(id, options.registry.requireById(id));
    for (const spec of options.groups ?? []) {
      this.groups.set(spec.canonical, { spec, members: spec.members.map((id) => options.registry.requireById(id)) });
    }
    this.nowNs = options.nowNs ?? (() => Date.now() * 1e6);
    this.readyCheck = options.ready ?? (() => true);
  }

  ready(): boolean {
    return this.readyCheck();
  }

  venueBook(instrumentId: string, depth: number): VenueBookView | undefined {
    const instrument = this.books.get(instrumentId);
    if (instrument === undefined) return undefined;
    const numericId = instrument.numericId;
    const sequence = this.engine.lastSequence(numericId);
    const updatedNs = this.engine.lastUpdateNs(numericId);
    return {
      instrument: instrument.id,
      state: STATE_NAMES[this.engine.state(numericId)] ?? 'empty',
      cross: CROSS_NAMES[this.engine.crossState(numericId)] ?? 'none',
      sequence: sequence === SEQUENCE_NONE ? null : sequence,
      updatedNs: updatedNs > 0 ? BigInt(Math.round(updatedNs)).toString() : null,
      bids: this.side(instrument, BookSide.BID, depth),
      asks: this.side(instrument, BookSide.ASK, depth),
    };
  }

  consolidatedBook(canonical: string, depth: number): ConsolidatedBookView | undefined {
    const group = this.groups.get(canonical);
    if (group === undefined) return undefined;
    const nowNs = this.nowNs();
    const excludedMask = this.engine.excludedMask(group.spec.groupId, nowNs);
    return {
      instrument: `all:${canonical}`,
      members: group.spec.members,
      excluded: group.spec.members.filter((_, index) => ((excludedMask >>> index) & 1) === 1),
      bids: this.consolidatedSide(group.spec, group.members, BookSide.BID, depth, nowNs),
      asks: this.consolidatedSide(group.spec, group.members, BookSide.ASK, depth, nowNs),
    };
  }

  private side(instrument: Instrument, side: BookSide, depth: number): BookLevelText[] {
    const prices = new Float64Array(depth);
    const sizes = new Float64Array(depth);
    const count = this.engine.copyTop(instrument.numericId, side, depth, prices, sizes);
    const levels: BookLevelText[] = [];
    for (let index = 0; index < count; index++) {
      levels.push([formatDecimal(prices[index]!, instrument.priceDecimals), formatDecimal(sizes[index]!, instrument.sizeDecimals)]);
    }
    return levels;
  }

  private consolidatedSide(spec: ConsolidatedGroupSpec, members: readonly Instrument[], side: BookSide, depth: number, nowNs: number): ConsolidatedLevelText[] {
    const memberCount = members.length;
    const prices = new Float64Array(depth);
    const totals = new Float64Array(depth);
    const memberSizes = new Float64Array(depth * memberCount);
    const count = this.engine.copyConsolidatedTop(spec.groupId, side, depth, nowNs, prices, totals, memberSizes);
    // Members share one scale (the canonical symbol's); the first member's is the group's.
    const { priceDecimals, sizeDecimals } = members[0]!;
    const levels: ConsolidatedLevelText[] = [];
    for (let level = 0; level < count; level++) {
      const venues: Record<string, string> = {};
      // The total is summed as bigint: member sizes are exact, their double sum might not be.
      let total = 0n;
      for (let member = 0; member < memberCount; member++) {
        const size = memberSizes[level * memberCount + member]!;
        if (size === 0) continue;
        venues[spec.members[member]!] = formatDecimal(size, sizeDecimals);
        total += BigInt(size);
      }
      levels.push({ price: formatDecimal(prices[level]!, priceDecimals), size: formatDecimalBig(total, sizeDecimals), venues });
    }
    return levels;
  }
}
