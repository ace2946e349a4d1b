// USDⓈ-M futures book sync on synthetic pu-chained streams (no recording exists): clean replay without gaps, each mutation detected as the documented rules say, on that symbol only.
import { describe, expect, it } from 'vitest';
import { ParsedBook, ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import { SyncOutcome, type BookSync } from '../../../../src/actors/venues/common/venue-dialect.js';
import { parseRestSnapshot } from '../../../../src/actors/venues/binance-futures/parse.js';
import { parseFast } from '../../../../src/actors/venues/binance-futures/scan.js';
import { createSync } from '../../../../src/actors/venues/binance-futures/sync.js';
import { GapReason } from '../../../../src/model/record-types.js';
import { booksFrom, CollectingEmitter, type EmittedRecord } from '../binance/binance-session.js';
import { depthFrame, futuresFixture, syntheticDepthStream, syntheticSnapshotBody, type RawFuturesDepth } from './futures-fixture.js';

const encoder = new TextEncoder();
const fixture = futuresFixture();
const BTC = fixture.btc.numericId;
const ETH = fixture.eth.numericId;

type Step = { type: 'event'; event: RawFuturesDepth } | { type: 'snapshot'; instrumentId: number; lastUpdateId: number };

interface Run {
  emitter: CollectingEmitter;
  sync: BookSync;
  outcomes: { instrumentId: number; outcome: SyncOutcome; sequence: number }[];
}

const btcEvents = syntheticDepthStream(11, 'BTCUSDT', 80, 2_000_000);
const ethEvents = syntheticDepthStream(12, 'ETHUSDT', 80, 9_000_000);
/** BTC's snapshot falls inside event 5's U..u range, ETH's exactly on event 6's u. */
const btcSnapshotId = btcEvents[5]!.U + Math.floor((btcEvents[5]!.u - btcEvents[5]!.U) / 2);
const ethSnapshotId = ethEvents[6]!.u;

/** Both symbols interleaved; the snapshots arrive after ten events of each were buffered. */
function timeline(btc: readonly RawFuturesDepth[] = btcEvents, btcSnapshot: number = btcSnapshotId): Step[] {
  const steps: Step[] = [];
  for (let index = 0; index < Math.max(btc.length, ethEvents.length); index++) {
    if (index === 10) {
      steps.push({ type: 'snapshot', instrumentId: BTC, lastUpdateId: btcSnapshot });
      steps.push({ type: 'snapshot', instrumentId: ETH, lastUpdateId: ethSnapshotId });
    }
    if (btc[index] !== undefined) steps.push({ type: 'event', event: btc[index]! });
    if (ethEvents[index] !== undefined) steps.push({ type: 'event', event: ethEvents[index]! });
  }
  return steps;
}

function replay(steps: readonly Step[], extra?: (index: number, sync: BookSync, emitter: CollectingEmitter) => void): Run {
  const sync = createSync();
  const emitter = new CollectingEmitter();
  const outcomes: Run['outcomes'] = [];
  const frame = new ParsedFrame();
  const snapshot = new ParsedBook();
  steps.forEach((step, index) => {
    if (step.type === 'snapshot') {
      parseRestSnapshot(syntheticSnapshotBody(step.lastUpdateId), step.instrumentId, fixture.context, snapshot);
      outcomes.push({ instrumentId: step.instrumentId, outcome: sync.onRestSnapshot(snapshot, emitter), sequence: step.lastUpdateId });
    } else {
      const bytes = encoder.encode(depthFrame(step.event));
      parseFast(bytes, bytes.length, fixture.context, frame);
      const book = frame.books[0]!;
      outcomes.push({ instrumentId: book.instrumentId, outcome: sync.onBook(book, emitter), sequence: book.sequence });
    }
    extra?.(index, sync, emitter);
  });
  return { emitter, sync, outcomes };
}

const clean = replay(timeline());
const eth = (records: readonly EmittedRecord[]): EmittedRecord[] => records.filter((record) => record.instrumentId === ETH);
const gaps = (run: Run): EmittedRecord[] => run.emitter.records.filter((record) => record.type === 'gap');
/** Sequences of the snapshot and update records (gaps have none). */
const sequences = (records: readonly EmittedRecord[]): number[] => records.flatMap((record) => (record.type === 'gap' ? [] : [record.sequence]));
/** BTC event index well after the sync. */
const k = 40;

describe('binance-futures sync, clean synthetic streams', () => {
  it('syncs both symbols with zero gaps; the first applied event holds the snapshot id, then pu chains', () => {
    expect(gaps(clean)).toEqual([]);
    for (const [instrumentId, events, snapshotId, firstApplied] of [
      [BTC, btcEvents, btcSnapshotId, 5],
      [ETH, ethEvents, ethSnapshotId, 6],
    ] as const) {
      const records = clean.emitter.of(instrumentId);
      expect(records[0]).toMatchObject({ type: 'snapshot', sequence: snapshotId });
      expect(sequences(records.slice(1))).toEqual(events.slice(firstApplied).map((event) => event.u));
      const first = records[1]!;
      if (first.type !== 'update') throw new Error('expected an update');
      expect(first.firstSequence).toBeLessThanOrEqual(snapshotId);
      expect(first.sequence).toBeGreaterThanOrEqual(snapshotId);
      const book = booksFrom(clean.emitter.records).get(instrumentId)!;
      expect(book.bestBid()).toBeLessThan(book.bestAsk());
      expect(clean.sync.wantsRestSnapshot(instrumentId)).toBe(false);
    }
    // Events before each snapshot were buffered, those it covered dropped (u < lastUpdateId).
    expect(clean.outcomes.filter((outcome) => outcome.outcome === SyncOutcome.BUFFERED)).toHaveLength(20);
  });

  it('with nothing buffered, the snapshot applies; then older events are STALE and the one holding its id starts the chain', () => {
    const sync = createSync();
    const emitter = new CollectingEmitter();
    const snapshot = new ParsedBook();
    parseRestSnapshot(syntheticSnapshotBody(btcEvents[5]!.u), BTC, fixture.context, snapshot);
    expect(sync.onRestSnapshot(snapshot, emitter)).toBe(SyncOutcome.APPLIED);
    const frame = new ParsedFrame();
    const outcomeOf = (event: RawFuturesDepth): SyncOutcome => {
      const bytes = encoder.encode(depthFrame(event));
      parseFast(bytes, bytes.length, fixture.context, frame);
      return sync.onBook(frame.books[0]!, emitter);
    };
    expect([4, 5, 6, 7].map((index) => outcomeOf(btcEvents[index]!))).toEqual([SyncOutcome.STALE, SyncOutcome.APPLIED, SyncOutcome.APPLIED, SyncOutcome.APPLIED]);
    expect(gaps({ emitter, sync, outcomes: [] })).toEqual([]);
  });
});

describe('binance-futures sync, mutated streams', () => {
  it('a dropped event is a GAP: pu of the next one is not the last u', () => {
    const run = replay(timeline(btcEvents.filter((_event, index) => index !== k)));
    expect(gaps(run)).toEqual([{ type: 'gap', instrumentId: BTC, reason: GapReason.SEQUENCE_GAP, expectedSequence: btcEvents[k - 1]!.u, receivedSequence: btcEvents[k + 1]!.pu }]);
    expect(run.sync.wantsRestSnapshot(BTC)).toBe(true);
    expect(eth(run.emitter.records)).toEqual(eth(clean.emitter.records));
  });

  it('a duplicated event is a GAP too: its pu is not the last u (the documented rule has no stale case once synced)', () => {
    const run = replay(timeline(btcEvents.flatMap((event, index) => (index === k ? [event, event] : [event]))));
    expect(gaps(run)).toEqual([{ type: 'gap', instrumentId: BTC, reason: GapReason.SEQUENCE_GAP, expectedSequence: btcEvents[k]!.u, receivedSequence: btcEvents[k]!.pu }]);
    expect(eth(run.emitter.records)).toEqual(eth(clean.emitter.records));
  });

  it('two events swapped are a GAP at the first one out of order', () => {
    const swapped = btcEvents.map((event, index) => (index === k ? btcEvents[k + 1]! : index === k + 1 ? btcEvents[k]! : event));
    const run = replay(timeline(swapped));
    expect(gaps(run)).toEqual([{ type: 'gap', instrumentId: BTC, reason: GapReason.SEQUENCE_GAP, expectedSequence: btcEvents[k - 1]!.u, receivedSequence: btcEvents[k + 1]!.pu }]);
    expect(eth(run.emitter.records)).toEqual(eth(clean.emitter.records));
  });

  it('a changed pu is a GAP naming the pu it carried', () => {
    const changed = btcEvents.map((event, index) => (index === k ? { ...event, pu: event.pu - 1 } : event));
    const run = replay(timeline(changed));
    expect(gaps(run)).toEqual([{ type: 'gap', instrumentId: BTC, reason: GapReason.SEQUENCE_GAP, expectedSequence: btcEvents[k - 1]!.u, receivedSequence: btcEvents[k]!.pu - 1 }]);
    expect(eth(run.emitter.records)).toEqual(eth(clean.emitter.records));
  });

  it('a snapshot no buffered event can start from is refused and still wanted; a later one is applied', () => {
    const hole = btcEvents.findIndex((event, index) => index > 0 && index < 9 && event.U > btcEvents[index - 1]!.u + 1);
    expect(hole).toBeGreaterThan(0);
    const between = btcEvents[hole - 1]!.u + 1; // after one event, before the next: inside no event's U..u
    const steps = timeline(btcEvents, between);
    const at = steps.findIndex((step) => step.type === 'snapshot' && step.instrumentId === BTC);
    let wanted: boolean | undefined;
    let later: SyncOutcome | undefined;
    const run = replay(steps, (index, sync, emitter) => {
      if (index === at) wanted = sync.wantsRestSnapshot(BTC);
      if (index === at + 6) {
        const book = new ParsedBook();
        parseRestSnapshot(syntheticSnapshotBody(btcEvents[11]!.u), BTC, fixture.context, book);
        later = sync.onRestSnapshot(book, emitter);
      }
    });
    expect(run.outcomes[at]).toEqual({ instrumentId: BTC, outcome: SyncOutcome.STALE, sequence: between });
    expect(wanted).toBe(true);
    expect(later).toBe(SyncOutcome.APPLIED);
    expect(gaps(run)).toEqual([]);
    expect(run.emitter.of(BTC)[0]).toMatchObject({ type: 'snapshot', sequence: btcEvents[11]!.u });
    expect(sequences(run.emitter.of(BTC).slice(1))).toEqual(btcEvents.slice(11).map((event) => event.u));
  });

  it('a snapshot older than every buffered event is refused', () => {
    const run = replay(timeline(btcEvents, btcEvents[0]!.U - 1));
    const refused = run.outcomes.find((outcome) => outcome.instrumentId === BTC && outcome.sequence === btcEvents[0]!.U - 1);
    expect(refused?.outcome).toBe(SyncOutcome.STALE);
    expect(run.emitter.of(BTC)).toEqual([]);
    expect(run.sync.wantsRestSnapshot(BTC)).toBe(true);
  });

  it('after a gap, a fresh snapshot resumes the book from the buffered events', () => {
    const steps = timeline(btcEvents.filter((_event, index) => index !== k));
    const resumeAt = steps.findIndex((step) => step.type === 'event' && step.event.s === 'BTCUSDT' && step.event.u === btcEvents[k + 6]!.u);
    let outcome: SyncOutcome | undefined;
    const run = replay(steps, (index, sync, emitter) => {
      if (index !== resumeAt) return;
      const book = new ParsedBook();
      parseRestSnapshot(syntheticSnapshotBody(btcEvents[k + 3]!.u), BTC, fixture.context, book);
      outcome = sync.onRestSnapshot(book, emitter);
    });
    expect(outcome).toBe(SyncOutcome.APPLIED);
    expect(gaps(run)).toHaveLength(1);
    const afterGap = run.emitter.of(BTC).slice(run.emitter.of(BTC).findIndex((record) => record.type === 'gap') + 1);
    expect(afterGap[0]).toMatchObject({ type: 'snapshot', sequence: btcEvents[k + 3]!.u });
    expect(sequences(afterGap.slice(1))).toEqual(btcEvents.slice(k + 3).map((event) => event.u));
  });
});
