// Differential comparison of BookEngines: every query of every book and group, value by value (Object.is).
import {
  BBO_FIELDS,
  COUNTER_FIELDS,
  type BookEngine,
  type BookOptions,
  type ConsolidatedOptions,
} from '../../src/hotpath/book/book-engine.js';

export interface NamedEngine {
  name: string;
  engine: BookEngine;
}

/**
 * Where the values of one engine go. Labels are built only in labelled mode (to explain a
 * mismatch): the fast mode takes the pieces as arguments and never concatenates strings.
 */
class Sink {
  readonly values: number[] = [];
  readonly labels: string[] | null;
  private where = '';

  constructor(withLabels: boolean) {
    this.labels = withLabels ? [] : null;
  }

  /** Sets the context of the following values (book / group / side ...). */
  at(kind: string, id: number, side = -1, nowNs = -1, n = -1): void {
    if (this.labels === null) return;
    this.where = `${kind} ${id}${side >= 0 ? (side === 0 ? ' bid' : ' ask') : ''}${nowNs >= 0 ? ` @${nowNs}` : ''}${n >= 0 ? ` n=${n}` : ''}`;
  }

  push(value: number, what: string, index = -1, member = -1): void {
    this.values.push(value);
    if (this.labels !== null) this.labels.push(`${this.where} ${what}${index >= 0 ? `[${index}]` : ''}${member >= 0 ? ` member ${member}` : ''}`);
  }
}

const TOP_ROOM = 1 << 14;
/** 2.5: a fractional n counts up (3), as the engines' `while (copied < n)` loops do. */
const TOP_COUNTS = [2.5, 300] as const;

/** Reads every query of every book and group into a flat value list, in a fixed order. */
export class BookQueryCollector {
  private readonly books: readonly BookOptions[];
  private readonly groups: readonly ConsolidatedOptions[];
  private readonly prices = new Float64Array(TOP_ROOM);
  private readonly sizes = new Float64Array(TOP_ROOM);
  private readonly memberSizes = new Float64Array(TOP_ROOM * 4);
  private readonly members = new Int32Array(TOP_ROOM);
  private readonly bbo = new Float64Array(BBO_FIELDS);
  private readonly counters = new Float64Array(COUNTER_FIELDS);
  private readonly shortPrices = new Float64Array(3);
  private readonly shortSizes = new Float64Array(3);
  private readonly memberViews = new Map<number, Float64Array>();

  constructor(books: readonly BookOptions[], groups: readonly ConsolidatedOptions[]) {
    this.books = books;
    this.groups = groups;
  }

  collect(engine: BookEngine, nowValues: readonly number[], sink: Sink): void {
    const { prices, sizes, memberSizes, members, bbo, counters } = this;
    for (const { instrumentId: id } of this.books) {
      sink.at('book', id);
      sink.push(engine.state(id), 'state');
      sink.push(engine.crossState(id), 'crossState');
      sink.push(engine.lastSequence(id), 'lastSequence');
      sink.push(engine.lastChecksum(id), 'lastChecksum');
      sink.push(engine.lastUpdateNs(id), 'lastUpdateNs');
      sink.push(engine.okxChecksum(id), 'okxChecksum');
      engine.copyCounters(id, counters);
      for (let index = 0; index < COUNTER_FIELDS; index++) sink.push(counters[index]!, 'counter', index);
      for (const side of [0, 1]) {
        sink.at('book', id, side);
        sink.push(engine.bestPrice(id, side), 'bestPrice');
        sink.push(engine.bestSize(id, side), 'bestSize');
        const depth = engine.depth(id, side);
        sink.push(depth, 'depth');
        const count = engine.copyTop(id, side, depth + 3, prices, sizes);
        sink.push(count, 'copyTop(all) count');
        for (let level = 0; level < count; level++) {
          sink.push(prices[level]!, 'copyTop price', level);
          sink.push(sizes[level]!, 'copyTop size', level);
        }
        sink.push(engine.copyTop(id, side, 2, prices, sizes), 'copyTop(2) count');
        sink.push(engine.copyTop(id, side, 1.5, prices, sizes), 'copyTop(1.5) count');
        sink.push(engine.copyTop(id, side, 0, prices, sizes), 'copyTop(0) count');
        sink.push(engine.copyTop(id, side, -1, prices, sizes), 'copyTop(-1) count');
        // Room smaller than n: the out arrays bound the copy.
        sink.push(engine.copyTop(id, side, 5, this.shortPrices, this.shortSizes), 'copyTop(5 into 3) count');
      }
    }
    for (const group of this.groups) {
      const id = group.groupId;
      const memberCount = group.members.length;
      for (let nowIndex = 0; nowIndex < nowValues.length; nowIndex++) {
        const nowNs = nowValues[nowIndex]!;
        sink.at('group', id, -1, nowNs);
        sink.push(engine.excludedMask(id, nowNs), 'excludedMask');
        engine.consolidatedBbo(id, nowNs, bbo);
        for (let index = 0; index < BBO_FIELDS; index++) sink.push(bbo[index]!, 'bbo', index);
        // The merged views are heavier: at the first and third clock value only (fresh / just stale).
        if (nowIndex !== 0 && nowIndex !== 2) continue;
        for (const side of [0, 1]) {
          for (const n of TOP_COUNTS) {
            sink.at('group', id, side, nowNs, n);
            const count = engine.copyConsolidatedTop(id, side, n, nowNs, prices, sizes, this.memberRoom(n, memberCount));
            sink.push(count, 'consolidated count');
            for (let level = 0; level < count; level++) {
              sink.push(prices[level]!, 'consolidated price', level);
              sink.push(sizes[level]!, 'consolidated size', level);
              for (let member = 0; member < memberCount; member++) {
                sink.push(memberSizes[level * memberCount + member]!, 'consolidated size', level, member);
              }
            }
            const feeCount = engine.copyFeeAdjustedTop(id, side, n, nowNs, prices, sizes, members);
            sink.push(feeCount, 'feeAdjusted count');
            for (let entry = 0; entry < feeCount; entry++) {
              sink.push(prices[entry]!, 'feeAdjusted effective', entry);
              sink.push(sizes[entry]!, 'feeAdjusted size', entry);
              sink.push(members[entry]!, 'feeAdjusted member', entry);
            }
          }
        }
      }
    }
  }

  /** A view of exactly n × members entries (created once per (n, members) pair). */
  private memberRoom(n: number, memberCount: number): Float64Array {
    const key = n * 64 + memberCount;
    let view = this.memberViews.get(key);
    if (view === undefined) {
      view = this.memberSizes.subarray(0, Math.ceil(n) * memberCount);
      this.memberViews.set(key, view);
    }
    return view;
  }
}

/**
 * Compares every engine against the first (the reference). Returns how many values were compared;
 * throws an Error naming the engine, the query and both values on the first difference.
 */
export function compareEngines(collector: BookQueryCollector, engines: readonly NamedEngine[], nowValues: readonly number[], context: string): number {
  const expected = new Sink(false);
  collector.collect(engines[0]!.engine, nowValues, expected);
  let compared = 0;
  for (let index = 1; index < engines.length; index++) {
    const actual = new Sink(false);
    collector.collect(engines[index]!.engine, nowValues, actual);
    const length = Math.max(expected.values.length, actual.values.length);
    for (let value = 0; value < length; value++) {
      if (!Object.is(expected.values[value], actual.values[value])) {
        const labelled = new Sink(true);
        collector.collect(engines[0]!.engine, nowValues, labelled);
        const label = labelled.labels![Math.min(value, labelled.labels!.length - 1)] ?? '?';
        throw new Error(
          `${engines[index]!.name} differs from ${engines[0]!.name} at ${context}: ${label}: expected ${String(expected.values[value])}, got ${String(actual.values[value])}`,
        );
      }
    }
    compared += length;
  }
  return compared;
}
