// The BookEngines under differential test, and the differential driver: stream → ring → every engine → compare.
import type { BookEngine, BookOptions, ConsolidatedOptions } from '../../src/hotpath/book/book-engine.js';
import { ReferenceBookEngine } from '../../src/hotpath/book/reference-book-engine.js';
import { TsBookEngine } from '../../src/hotpath/book/ts-book-engine.js';
import { BookQueryCollector, compareEngines, type NamedEngine } from './book-compare.js';
import { BookRing, flattenEvent, type BookEvent, type FlatRecord } from './book-records.js';

export interface EngineFactory {
  name: string;
  create(): BookEngine;
}

/** The shape of src/actors/native-book-engine.ts that the tests rely on. */
interface NativeModule {
  loadNativeBookEngine(): { ok: true; create(): BookEngine } | { ok: false; reason: string };
}

/**
 * The native engine's factory when src/actors/native-book-engine.ts exists and its loader reports
 * the addon loaded; otherwise null and why. Imported dynamically (non-literal specifier) so these
 * tests neither fail to compile nor to run while the native twin is being written.
 */
export async function loadNativeFactory(): Promise<{ factory: EngineFactory | null; reason: string }> {
  const specifier = '../../src/actors/native-book-engine.js';
  let module: Partial<NativeModule>;
  try {
    module = (await import(/* @vite-ignore */ specifier)) as Partial<NativeModule>;
  } catch (error) {
    return { factory: null, reason: `native-book-engine module not importable: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof module.loadNativeBookEngine !== 'function') return { factory: null, reason: 'loadNativeBookEngine not exported' };
  const load = module.loadNativeBookEngine();
  if (!load.ok) return { factory: null, reason: load.reason };
  return { factory: { name: 'native', create: () => load.create() }, reason: 'loaded' };
}

/** Reference first (the oracle), then TsBookEngine with its default and with tiny windows, then native. */
export function engineFactories(windowSlots: readonly number[], native: EngineFactory | null): EngineFactory[] {
  const factories: EngineFactory[] = [
    { name: 'reference', create: () => new ReferenceBookEngine() },
    { name: 'ts', create: () => new TsBookEngine() },
  ];
  for (const slots of windowSlots) factories.push({ name: `ts(window ${slots})`, create: () => new TsBookEngine({ windowSlots: slots }) });
  if (native !== null) factories.push(native);
  return factories;
}

export interface DifferentialSetup {
  books: readonly BookOptions[];
  groups: readonly ConsolidatedOptions[];
  factories: readonly EngineFactory[];
  /** Largest gather; each gather takes 1..maxGather records. */
  maxGather: number;
  ringBytes: number;
  staleAfterNs: number;
  /** Deterministic choices of the driver (gather sizes, clock steps). */
  random: () => number;
}

export interface DifferentialResult {
  records: number;
  bookLevels: number;
  gathers: number;
  comparedValues: number;
}

/**
 * Feeds `events` through one real ring (claim, model writers, publish / gather, release) into every
 * engine and compares every query after every gathered batch, at several `nowNs` values.
 */
export class DifferentialDriver {
  readonly engines: NamedEngine[];
  private readonly ring: BookRing;
  private readonly collector: BookQueryCollector;
  private readonly setup: DifferentialSetup;
  private nowNs = 1_000_000_000_000;
  readonly result: DifferentialResult = { records: 0, bookLevels: 0, gathers: 0, comparedValues: 0 };

  constructor(setup: DifferentialSetup) {
    this.setup = setup;
    this.engines = setup.factories.map((factory) => {
      const engine = factory.create();
      for (const book of setup.books) engine.addBook(book);
      for (const group of setup.groups) engine.addConsolidated(group);
      return { name: factory.name, engine };
    });
    this.ring = new BookRing(setup.ringBytes, setup.maxGather);
    this.collector = new BookQueryCollector(setup.books, setup.groups);
  }

  /** Writes the events' records, draining (apply + compare) whenever the ring fills, then drains the rest. */
  run(events: Iterable<BookEvent>, context: string): DifferentialResult {
    const records: FlatRecord[] = [];
    for (const event of events) {
      records.length = 0;
      flattenEvent(event, records);
      for (const record of records) {
        while (!this.ring.tryWrite(record)) {
          this.ring.publish();
          this.drainSome(context);
        }
      }
      // Publish at message boundaries, mostly; sometimes let several messages pile up.
      if (this.setup.random() < 0.7) this.ring.publish();
      if (this.setup.random() < 0.3) this.drainSome(context);
    }
    this.ring.publish();
    while (this.drainSome(context) > 0) {
      // until empty
    }
    return this.result;
  }

  /** One gather of 1..maxGather records, applied to every engine, then every query compared. */
  private drainSome(context: string): number {
    const random = this.setup.random;
    const max = random() < 0.2 ? this.setup.maxGather : 1 + Math.floor(random() * Math.min(24, this.setup.maxGather));
    const count = this.ring.gather(max);
    if (count === 0) return 0;
    const step = random();
    const stale = this.setup.staleAfterNs;
    this.nowNs += step < 0.05 ? stale * 2 : Math.floor(step * stale * 0.3);
    const { types, offsets } = this.ring;
    let applied = -1;
    for (const { name, engine } of this.engines) {
      const result = engine.applyBatch(this.ring.consumer, types, offsets, count, this.nowNs);
      if (applied === -1) applied = result;
      else if (result !== applied) throw new Error(`${name} applied ${result} records, reference ${applied} at ${context}`);
    }
    for (let index = 0; index < count; index++) if (types[index] === 1) this.result.bookLevels++;
    this.ring.release();
    this.result.records += count;
    this.result.gathers++;
    const now = this.nowNs;
    const nowValues = [now, now + stale, now + stale + 1, now + Math.floor(random() * 3 * stale)];
    this.result.comparedValues += compareEngines(this.collector, this.engines, nowValues, `${context}, gather ${this.result.gathers}`);
    return count;
  }
}
