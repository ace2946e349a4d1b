// Differential property tests of the BookEngines: random venue streams through a real ring, every query compared after every batch.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookOptions, ConsolidatedOptions } from '../../../src/hotpath/book/book-engine.js';
import { BookSide } from '../../../src/model/record-types.js';
import { DifferentialDriver, engineFactories, loadNativeFactory, type EngineFactory } from '../../helpers/book-engines.js';
import type { BookEvent, LevelSpec } from '../../helpers/book-records.js';
import { BookStreamGenerator, minimalTextDecimals, Random, type StreamInstrument } from '../../helpers/book-stream.js';

const TINY_WINDOWS = [4, 16, 64] as const;

let native: EngineFactory | null = null;
let nativeReason = '';
const totals = { records: 0, bookLevels: 0, gathers: 0, comparedValues: 0 };

beforeAll(async () => {
  const loaded = await loadNativeFactory();
  native = loaded.factory;
  nativeReason = loaded.reason;
});

afterAll(() => {
  console.log(
    `book differential: engines reference, ts, ts(window ${TINY_WINDOWS.join('/')})${native === null ? ` (native skipped: ${nativeReason})` : ', native'}; ` +
      `${totals.records} records (${totals.bookLevels} BOOK_LEVEL) in ${totals.gathers} gathers, ${totals.comparedValues} query values compared`,
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
  deepProbability: number;
  offGridProbability: number;
  crossProbability: number;
  gapProbability: number;
  snapshotProbability: number;
  deepTicks: number;
  maxGather: number;
}

const scenarioArbitrary: fc.Arbitrary<Scenario> = fc
  .record({
    seed: fc.integer(),
    ids: fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 4 }),
    depths: fc.array(fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 10 }) }, { weight: 1, arbitrary: fc.integer({ min: 25, max: 60 }) }), { minLength: 4, maxLength: 4 }),
    ticks: fc.array(fc.constantFrom(1, 1, 2, 5, 10, 100), { minLength: 4, maxLength: 4 }),
    fees: fc.array(fc.oneof(fc.constantFrom(0, 10), fc.integer({ min: -5, max: 30 }), fc.double({ min: -9999, max: 9999, noNaN: true })), { minLength: 4, maxLength: 4 }),
    priceDecimals: fc.integer({ min: 0, max: 8 }),
    sizeDecimals: fc.integer({ min: 0, max: 8 }),
    staleAfterNs: fc.integer({ min: 1_000, max: 5_000_000_000 }),
    events: fc.integer({ min: 200, max: 2_500 }),
    deepProbability: fc.double({ min: 0, max: 0.2, noNaN: true }),
    offGridProbability: fc.double({ min: 0, max: 0.1, noNaN: true }),
    crossProbability: fc.double({ min: 0, max: 0.08, noNaN: true }),
    gapProbability: fc.double({ min: 0, max: 0.03, noNaN: true }),
    snapshotProbability: fc.double({ min: 0.002, max: 0.05, noNaN: true }),
    deepTicks: fc.integer({ min: 20, max: 3000 }),
    maxGather: fc.constantFrom(8, 64, 256),
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
    deepProbability: raw.deepProbability,
    offGridProbability: raw.offGridProbability,
    crossProbability: raw.crossProbability,
    gapProbability: raw.gapProbability,
    snapshotProbability: raw.snapshotProbability,
    deepTicks: raw.deepTicks,
    maxGather: raw.maxGather,
  }));

function groupsOf(instruments: readonly StreamInstrument[], fees: readonly number[], staleAfterNs: number): ConsolidatedOptions[] {
  const groups: ConsolidatedOptions[] = [
    { groupId: 7, members: instruments.map((instrument, index) => ({ instrumentId: instrument.instrumentId, takerFeeBps: fees[index]! })), staleAfterNs },
  ];
  if (instruments.length > 1) {
    // A second group over the same books, members in reverse order.
    groups.push({
      groupId: 0,
      members: instruments
        .slice(1)
        .reverse()
        .map((instrument, index) => ({ instrumentId: instrument.instrumentId, takerFeeBps: index })),
      staleAfterNs: Math.floor(staleAfterNs / 2),
    });
  }
  return groups;
}

function runScenario(scenario: Scenario, factories: readonly EngineFactory[]): void {
  const books: BookOptions[] = scenario.instruments.map((instrument) => ({ ...instrument }));
  const generator = new BookStreamGenerator({
    seed: scenario.seed,
    instruments: scenario.instruments,
    unknownInstrumentId: 1000,
    deepProbability: scenario.deepProbability,
    offGridProbability: scenario.offGridProbability,
    crossProbability: scenario.crossProbability,
    gapProbability: scenario.gapProbability,
    snapshotProbability: scenario.snapshotProbability,
    deepTicks: scenario.deepTicks,
  });
  const driverRandom = new Random(scenario.seed ^ 0x5bd1e995);
  const driver = new DifferentialDriver({
    books,
    groups: groupsOf(scenario.instruments, scenario.fees, scenario.staleAfterNs),
    factories,
    maxGather: scenario.maxGather,
    ringBytes: 8 * 1024,
    staleAfterNs: scenario.staleAfterNs,
    random: () => driverRandom.next(),
  });
  // Every instrument starts with a snapshot, as after a subscribe; the stream does the rest.
  const events: BookEvent[] = [];
  const opening = new BookStreamGenerator({ ...generatorOptionsFor(scenario), gapProbability: 0, snapshotProbability: 1 });
  for (let index = 0; index < scenario.instruments.length * 3; index++) {
    const event = opening.next();
    if (event.kind === 'snapshot') events.push(event);
  }
  for (let index = 0; index < scenario.events; index++) events.push(generator.next());
  addTotals(driver.run(events, `seed ${scenario.seed}`));
}

function generatorOptionsFor(scenario: Scenario): ConstructorParameters<typeof BookStreamGenerator>[0] {
  return {
    seed: scenario.seed + 1,
    instruments: scenario.instruments,
    unknownInstrumentId: 1000,
    deepProbability: scenario.deepProbability,
    offGridProbability: scenario.offGridProbability,
    crossProbability: scenario.crossProbability,
    gapProbability: scenario.gapProbability,
    snapshotProbability: scenario.snapshotProbability,
    deepTicks: scenario.deepTicks,
  };
}

// ---------------------------------------------------------------------------------------------
// Small, fully fast-check-generated streams: shrink to a minimal failing message sequence.
// ---------------------------------------------------------------------------------------------

const SMALL_IDS = [3, 11] as const;
const SMALL_TICK = 5;
const SMALL_PRICE_DECIMALS = 2;
const SMALL_SIZE_DECIMALS = 1;

/** Prices from a small domain (on and off a tick of 5), so the same levels are hit over and over. */
const smallLevelArbitrary: fc.Arbitrary<LevelSpec> = fc
  .record({
    side: fc.constantFrom(BookSide.BID, BookSide.ASK),
    ticks: fc.integer({ min: 1, max: 40 }),
    offGrid: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) }),
    size: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 1000 }) }),
    extraDecimals: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ side, ticks, offGrid, size, extraDecimals }) => {
    const price = ticks * SMALL_TICK + offGrid;
    return {
      side,
      price,
      size,
      priceTextDecimals: minimalTextDecimals(price, SMALL_PRICE_DECIMALS) + extraDecimals,
      sizeTextDecimals: minimalTextDecimals(size, SMALL_SIZE_DECIMALS),
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
      levels: fc.array(smallLevelArbitrary, { maxLength: 8 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('snapshot' as const),
      instrumentId: fc.constantFrom(...SMALL_IDS),
      sequence: fc.integer({ min: 0, max: 1e9 }),
      checksum: fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff }),
      levels: fc.array(smallLevelArbitrary, { maxLength: 16 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('gap' as const), instrumentId: fc.constantFrom(...SMALL_IDS, 99) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('noise' as const), instrumentId: fc.constantFrom(...SMALL_IDS, 99), noise: fc.constantFrom('trade' as const, 'bbo' as const, 'status' as const) }),
  },
);

function runSmall(events: BookEvent[], maxDepths: readonly number[], fees: readonly number[], gatherSeed: number, factories: readonly EngineFactory[]): void {
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
    groups: [{ groupId: 1, members: SMALL_IDS.map((instrumentId, index) => ({ instrumentId, takerFeeBps: fees[index]! })), staleAfterNs: 1_000_000 }],
    factories,
    maxGather: 16,
    ringBytes: 4096,
    staleAfterNs: 1_000_000,
    random: () => random.next(),
  });
  addTotals(driver.run(events, `gather seed ${gatherSeed}`));
}

describe('BookEngine differential (reference vs ts vs native when built)', () => {
  it('agrees on every query after every batch of realistic random venue streams', () => {
    const factories = engineFactories(TINY_WINDOWS, native);
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        runScenario(scenario, factories);
      }),
      { numRuns: 160 },
    );
    expect(totals.bookLevels).toBeGreaterThan(0);
    // ~25 s on an idle 2-core machine; the limit leaves room for a machine busy with other suites.
  }, 300_000);

  it('agrees on every query after every batch of small shrinkable streams over a narrow price range', () => {
    const factories = engineFactories(TINY_WINDOWS, native);
    fc.assert(
      fc.property(
        fc.array(smallEventArbitrary, { maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 2 }),
        fc.constantFrom([0, 0], [0, 7], [12.5, -3]),
        fc.integer(),
        (events, maxDepths, fees, gatherSeed) => {
          runSmall(events, maxDepths, fees, gatherSeed, factories);
        },
      ),
      { numRuns: 400 },
    );
  }, 120_000);
});
