// Differential tests of the native BookEngine against the reference and TypeScript engines; fails (never skips) without the addon.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadNativeBookEngine } from '../../../src/actors/native-book-engine.js';
import type { BookOptions, ConsolidatedOptions } from '../../../src/hotpath/book/book-engine.js';
import { ReferenceBookEngine } from '../../../src/hotpath/book/reference-book-engine.js';
import { TsBookEngine } from '../../../src/hotpath/book/ts-book-engine.js';
import { BookSide } from '../../../src/model/record-types.js';
import { DifferentialDriver, type EngineFactory } from '../../helpers/book-engines.js';
import type { BookEvent, LevelSpec } from '../../helpers/book-records.js';
import { BookStreamGenerator, minimalTextDecimals, Random, type StreamInstrument, type StreamOptions } from '../../helpers/book-stream.js';

/*
 * CI builds the addon (npm ci runs native/build.mjs), so a missing addon is a failure here, not a
 * skip: every test below starts by asserting that it loaded.
 *
 * Engines: the naive reference (oracle) where the volume allows it, TsBookEngine, the native engine
 * with its default window, and the native engine with a 64-slot window so window moves, eviction to
 * the overflow and re-centring happen constantly. Every query (state, cross, sequences, checksums,
 * OKX checksum, counters, best, depth, copyTop at several n, consolidated BBO, top, fee-adjusted top
 * and excluded mask at four clock values) is compared after every gathered batch.
 */

const load = loadNativeBookEngine();

function requireNative(): EngineFactory[] {
  if (!load.ok) throw new Error(`native BookEngine addon did not load: ${load.reason}`);
  const loaded = load;
  return [
    { name: 'native', create: () => loaded.create() },
    { name: 'native(window 64)', create: () => loaded.create({ windowSlots: 64 }) },
  ];
}

const reference: EngineFactory = { name: 'reference', create: () => new ReferenceBookEngine() };
const typescript: EngineFactory = { name: 'ts', create: () => new TsBookEngine() };

const totals = { records: 0, bookLevels: 0, gathers: 0, comparedValues: 0 };

afterAll(() => {
  console.log(
    `native differential: ${totals.records} records (${totals.bookLevels} BOOK_LEVEL) in ${totals.gathers} gathers, ` +
      `${totals.comparedValues} query values compared`,
  );
});

function addTotals(result: typeof totals): void {
  totals.records += result.records;
  totals.bookLevels += result.bookLevels;
  totals.gathers += result.gathers;
  totals.comparedValues += result.comparedValues;
}

interface Scenario {
  seed: number;
  instruments: StreamInstrument[];
  fees: number[];
  staleAfterNs: number;
  events: number;
  stream: Omit<StreamOptions, 'seed' | 'instruments' | 'unknownInstrumentId'>;
  maxGather: number;
}

const UNKNOWN_INSTRUMENT = 4242;

/** maxDepth from 1 (truncation on nearly every batch) to 800 (the reference sorts per query: O(depth)). */
const REFERENCE_DEPTH = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 10 }) },
  { weight: 3, arbitrary: fc.integer({ min: 20, max: 300 }) },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 800 }) },
);
/** The volume run also holds books up to 1500 deep (16k-slot windows); its batches are large. */
const VOLUME_DEPTH = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 10 }) },
  { weight: 2, arbitrary: fc.integer({ min: 20, max: 150 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 1500 }) },
);

/**
 * Scenarios aimed at the native structure: tick 1 books as deep as 1500 levels (windows of 16k
 * slots, in the volume run), sparse books whose levels spread over up to 200k ticks (overflow-heavy), big jumps of the
 * mid (window re-anchoring), off-grid prices (always in the overflow), and tiny maxDepth.
 */
function scenarioArbitrary(eventsMin: number, eventsMax: number, depth: fc.Arbitrary<number>, maxGather: fc.Arbitrary<number>): fc.Arbitrary<Scenario> {
  return fc
    .record({
      seed: fc.integer(),
      ids: fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 5 }),
      depths: fc.array(depth, { minLength: 5, maxLength: 5 }),
      ticks: fc.array(fc.constantFrom(1, 1, 1, 2, 10, 25, 1000), { minLength: 5, maxLength: 5 }),
      fees: fc.array(fc.oneof(fc.integer({ min: -5, max: 30 }), fc.double({ min: -9999, max: 9999, noNaN: true })), { minLength: 5, maxLength: 5 }),
      priceDecimals: fc.integer({ min: 0, max: 10 }),
      sizeDecimals: fc.integer({ min: 0, max: 10 }),
      staleAfterNs: fc.integer({ min: 1_000, max: 5_000_000_000 }),
      events: fc.integer({ min: eventsMin, max: eventsMax }),
      deepProbability: fc.double({ min: 0, max: 0.3, noNaN: true }),
      offGridProbability: fc.double({ min: 0, max: 0.15, noNaN: true }),
      crossProbability: fc.double({ min: 0, max: 0.08, noNaN: true }),
      gapProbability: fc.double({ min: 0, max: 0.03, noNaN: true }),
      snapshotProbability: fc.double({ min: 0.001, max: 0.04, noNaN: true }),
      deepTicks: fc.oneof(fc.integer({ min: 20, max: 3000 }), fc.integer({ min: 3000, max: 200_000 })),
      maxGather,
    })
    .map((raw) => ({
      seed: raw.seed,
      instruments: raw.ids.map((instrumentId, index) => ({
        instrumentId,
        maxDepth: raw.depths[index]!,
        tickSize: raw.ticks[index]!,
        priceDecimals: raw.priceDecimals,
        sizeDecimals: raw.sizeDecimals,
      })),
      fees: raw.fees.slice(0, raw.ids.length),
      staleAfterNs: raw.staleAfterNs,
      events: raw.events,
      stream: {
        deepProbability: raw.deepProbability,
        offGridProbability: raw.offGridProbability,
        crossProbability: raw.crossProbability,
        gapProbability: raw.gapProbability,
        snapshotProbability: raw.snapshotProbability,
        deepTicks: raw.deepTicks,
      },
      maxGather: raw.maxGather,
    }));
}

function groupsOf(scenario: Scenario): ConsolidatedOptions[] {
  const { instruments, fees, staleAfterNs } = scenario;
  const groups: ConsolidatedOptions[] = [
    { groupId: 3, members: instruments.map((instrument, index) => ({ instrumentId: instrument.instrumentId, takerFeeBps: fees[index]! })), staleAfterNs },
  ];
  if (instruments.length > 2) {
    groups.push({
      groupId: 900,
      members: instruments
        .slice(1)
        .reverse()
        .map((instrument, index) => ({ instrumentId: instrument.instrumentId, takerFeeBps: index * 2.5 })),
      staleAfterNs: Math.floor(staleAfterNs / 3),
    });
  }
  return groups;
}

function runScenario(scenario: Scenario, factories: readonly EngineFactory[]): void {
  const books: BookOptions[] = scenario.instruments.map((instrument) => ({ ...instrument }));
  const streamOptions: StreamOptions = {
    seed: scenario.seed,
    instruments: scenario.instruments,
    unknownInstrumentId: UNKNOWN_INSTRUMENT,
    ...scenario.stream,
  };
  const driverRandom = new Random(scenario.seed ^ 0x2545f491);
  const driver = new DifferentialDriver({
    books,
    groups: groupsOf(scenario),
    factories,
    maxGather: scenario.maxGather,
    ringBytes: 64 * 1024,
    staleAfterNs: scenario.staleAfterNs,
    random: () => driverRandom.next(),
  });
  // Every instrument opens with a snapshot (often deeper than maxDepth), then the stream runs.
  const events: BookEvent[] = [];
  const opening = new BookStreamGenerator({ ...streamOptions, seed: scenario.seed + 1, gapProbability: 0, snapshotProbability: 1 });
  for (let index = 0; index < scenario.instruments.length * 3; index++) {
    const event = opening.next();
    if (event.kind === 'snapshot') events.push(event);
  }
  const generator = new BookStreamGenerator(streamOptions);
  for (let index = 0; index < scenario.events; index++) events.push(generator.next());
  addTotals(driver.run(events, `seed ${scenario.seed}`));
}

// ---------------------------------------------------------------------------------------------
// Small shrinkable streams over a narrow price range: every edge (absent deletes, truncation and
// no resurrection at maxDepth 1..4, crossing, off-grid, resync) hit over and over.
// ---------------------------------------------------------------------------------------------

const SMALL_IDS = [8, 1] as const;
const SMALL_TICK = 10;
const SMALL_PRICE_DECIMALS = 3;
const SMALL_SIZE_DECIMALS = 2;

const smallLevelArbitrary: fc.Arbitrary<LevelSpec> = fc
  .record({
    side: fc.constantFrom(BookSide.BID, BookSide.ASK),
    // Across more than 64 ticks, so a 64-slot window has to move.
    ticks: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 90, max: 110 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }) }),
    offGrid: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 9 }) }),
    size: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 5000 }) }),
    extraDecimals: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ side, ticks, offGrid, size, extraDecimals }) => {
    const price = ticks * SMALL_TICK + offGrid;
    return {
      side,
      price,
      size,
      priceTextDecimals: minimalTextDecimals(price, SMALL_PRICE_DECIMALS) + extraDecimals,
      sizeTextDecimals: minimalTextDecimals(size, SMALL_SIZE_DECIMALS) + (extraDecimals > 2 ? 1 : 0),
    };
  });

const smallEventArbitrary: fc.Arbitrary<BookEvent> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      instrumentId: fc.constantFrom(...SMALL_IDS),
      sequence: fc.integer({ min: 0, max: 1e9 }),
      previousSequence: fc.constantFrom(-1, 5),
      checksum: fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff }),
      levels: fc.array(smallLevelArbitrary, { maxLength: 10 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('snapshot' as const),
      instrumentId: fc.constantFrom(...SMALL_IDS),
      sequence: fc.integer({ min: 0, max: 1e9 }),
      checksum: fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff }),
      levels: fc.array(smallLevelArbitrary, { maxLength: 20 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('gap' as const), instrumentId: fc.constantFrom(...SMALL_IDS, 77) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('noise' as const), instrumentId: fc.constantFrom(...SMALL_IDS, 77), noise: fc.constantFrom('trade' as const, 'bbo' as const, 'status' as const) }),
  },
);

function runSmall(events: BookEvent[], maxDepths: readonly number[], gatherSeed: number, factories: readonly EngineFactory[]): void {
  const books: BookOptions[] = SMALL_IDS.map((instrumentId, index) => ({
    instrumentId,
    maxDepth: maxDepths[index]!,
    tickSize: SMALL_TICK,
    priceDecimals: SMALL_PRICE_DECIMALS,
    sizeDecimals: SMALL_SIZE_DECIMALS,
  }));
  const random = new Random(gatherSeed);
  const driver = new DifferentialDriver({
    books,
    groups: [{ groupId: 2, members: SMALL_IDS.map((instrumentId, index) => ({ instrumentId, takerFeeBps: index * 11 - 3 })), staleAfterNs: 1_000_000 }],
    factories,
    maxGather: 16,
    ringBytes: 4096,
    staleAfterNs: 1_000_000,
    random: () => random.next(),
  });
  addTotals(driver.run(events, `gather seed ${gatherSeed}`));
}

describe('native BookEngine differential (reference vs ts vs native)', () => {
  it('loads the native addon (CI builds it: a missing addon fails here)', () => {
    expect(load.ok ? 'loaded' : load.reason).toBe('loaded');
  });

  it('agrees with the reference and ts engines on every query after every batch (shrinkable small streams)', () => {
    const factories = [reference, typescript, ...requireNative()];
    fc.assert(
      fc.property(
        fc.array(smallEventArbitrary, { maxLength: 80 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 2 }),
        fc.integer(),
        (events, maxDepths, gatherSeed) => {
          runSmall(events, maxDepths, gatherSeed, factories);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with the reference and ts engines on realistic random venue streams', () => {
    const factories = [reference, typescript, ...requireNative()];
    fc.assert(
      fc.property(scenarioArbitrary(200, 1200, REFERENCE_DEPTH, fc.constantFrom(8, 64, 256, 1024)), (scenario) => {
        runScenario(scenario, factories);
      }),
      { numRuns: 20 },
    );
  }, 120_000);

  it('agrees with the ts engine on millions of updates (ts as the oracle, reference too slow at this volume)', () => {
    const factories = [typescript, ...requireNative()];
    const before = totals.bookLevels;
    fc.assert(
      // Large gathers (a fifth of them up to 4096 records): fewer, bigger batches, each still fully compared.
      fc.property(scenarioArbitrary(25_000, 45_000, VOLUME_DEPTH, fc.constant(4096)), (scenario) => {
        runScenario(scenario, factories);
      }),
      { numRuns: 8 },
    );
    // 8 runs × ≥ 25 000 messages × ~5 levels, plus snapshots: never below ~1 M.
    expect(totals.bookLevels - before).toBeGreaterThan(800_000);
  }, 180_000);
});
