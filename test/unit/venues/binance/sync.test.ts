// Binance spot book sync replaying the recorded session: zero gaps on the real stream, and each mutation detected as the documented rules say, on that symbol only.
import { beforeAll, describe, expect, it } from 'vitest';
import { ParsedBook, ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import { SyncOutcome, type BookSync } from '../../../../src/actors/venues/common/venue-dialect.js';
import { parseRestSnapshot } from '../../../../src/actors/venues/binance/parse.js';
import { parseFast } from '../../../../src/actors/venues/binance/scan.js';
import { createSync } from '../../../../src/actors/venues/binance/sync.js';
import { parseDecimal } from '../../../../src/model/fixed-point.js';
import { BookSide, GapReason } from '../../../../src/model/record-types.js';
import { booksFrom, CollectingEmitter, MapBook, loadBinanceSession, type BinanceSession, type EmittedRecord, type SessionEvent } from './binance-session.js';

const encoder = new TextEncoder();

interface RawDepth {
  s: string;
  U: number;
  u: number;
}

interface Outcome {
  instrumentId: number;
  outcome: SyncOutcome;
  sequence: number;
}

interface Run {
  emitter: CollectingEmitter;
  outcomes: Outcome[];
  sync: BookSync;
  /** Book state per instrument after every applied record, keyed by `instrumentId:sequence`. */
  states: Map<string, MapBook>;
  /** bookTicker frames seen, with the book's update id when each arrived. */
  tickers: { instrumentId: number; updateId: number; values: number[] }[];
}

let session: BinanceSession;
let clean: Run;
let nkn: number;
/** Timeline indexes of NKNUSDT depth events, in order. */
let nknDepth: number[];

beforeAll(async () => {
  session = await loadBinanceSession();
  nkn = session.registry.requireByNative('binance', 'NKNUSDT', 'spot').numericId;
  nknDepth = session.timeline.flatMap((event, index) => (event.type === 'frame' && event.text.startsWith('{"stream":"nknusdt@depth@100ms"') ? [index] : []));
  clean = replay(session.timeline);
});

/** Feeds the timeline through a fresh sync, as the feed would: frames through parseFast, snapshots through onRestSnapshot. */
function replay(timeline: readonly SessionEvent[], extra?: (index: number, sync: BookSync, emitter: CollectingEmitter) => void): Run {
  const sync = createSync();
  const emitter = new CollectingEmitter();
  const outcomes: Outcome[] = [];
  const states = new Map<string, MapBook>();
  const tickers: Run['tickers'] = [];
  const live = new Map<number, MapBook>();
  const frame = new ParsedFrame();
  const snapshot = new ParsedBook();
  let applied = 0;
  const track = (): void => {
    for (; applied < emitter.records.length; applied++) {
      const record = emitter.records[applied]!;
      if (record.type === 'gap') continue;
      let book = live.get(record.instrumentId);
      if (book === undefined) live.set(record.instrumentId, (book = new MapBook()));
      book.apply(record);
      states.set(`${record.instrumentId}:${record.sequence}`, copyOf(book));
    }
  };
  timeline.forEach((event, index) => {
    if (event.type === 'snapshot') {
      parseRestSnapshot(event.body, event.instrumentId, session.wideContext, snapshot);
      outcomes.push({ instrumentId: event.instrumentId, outcome: sync.onRestSnapshot(snapshot, emitter), sequence: snapshot.sequence });
    } else {
      const bytes = encoder.encode(event.text);
      parseFast(bytes, bytes.length, session.wideContext, frame);
      for (let book = 0; book < frame.bookCount; book++) {
        const parsed = frame.books[book]!;
        outcomes.push({ instrumentId: parsed.instrumentId, outcome: sync.onBook(parsed, emitter), sequence: parsed.sequence });
      }
      if (frame.bbos.count > 0) {
        const raw = (JSON.parse(event.text) as { data: { u: number } }).data;
        tickers.push({ instrumentId: frame.bbos.instrumentIds[0]!, updateId: raw.u, values: Array.from(frame.bbos.values.subarray(0, 4)) });
      }
    }
    extra?.(index, sync, emitter);
    track();
  });
  return { emitter, outcomes, sync, states, tickers };
}

function copyOf(book: MapBook): MapBook {
  const copy = new MapBook();
  for (const [price, size] of book.bids) copy.bids.set(price, size);
  for (const [price, size] of book.asks) copy.asks.set(price, size);
  copy.sequence = book.sequence;
  return copy;
}

function depthOf(index: number): RawDepth {
  const event = session.timeline[index]!;
  if (event.type !== 'frame') throw new Error('not a frame');
  return (JSON.parse(event.text) as { data: RawDepth }).data;
}

/** A REST-like snapshot of the clean run's book at update id `sequence`. */
function snapshotFrom(instrumentId: number, sequence: number): ParsedBook {
  const state = clean.states.get(`${instrumentId}:${sequence}`);
  if (state === undefined) throw new Error(`the clean run never had ${instrumentId} at ${sequence}`);
  const book = new ParsedBook();
  book.reset(instrumentId, true);
  book.sequence = sequence;
  for (const [price, size] of state.bids) book.pushLevel(BookSide.BID, price, size, 0, 0);
  for (const [price, size] of state.asks) book.pushLevel(BookSide.ASK, price, size, 0, 0);
  return book;
}

function others(records: readonly EmittedRecord[]): EmittedRecord[] {
  return records.filter((record) => record.instrumentId !== nkn);
}

function gapsOf(run: Run): EmittedRecord[] {
  return run.emitter.records.filter((record) => record.type === 'gap');
}

describe('binance spot sync on the recorded session', () => {
  it('syncs every recorded book with zero gaps, one snapshot each, and a sane top of book', () => {
    expect(gapsOf(clean)).toEqual([]);
    expect(clean.outcomes.some((outcome) => outcome.outcome === SyncOutcome.GAP)).toBe(false);
    const books = booksFrom(clean.emitter.records);
    for (const instrument of session.recorded) {
      const records = clean.emitter.of(instrument.numericId);
      const lastUpdateId = (JSON.parse(session.snapshots.get(instrument.numericId)!) as { lastUpdateId: number }).lastUpdateId;
      expect(records[0]).toMatchObject({ type: 'snapshot', sequence: lastUpdateId });
      expect(records.filter((record) => record.type === 'snapshot')).toHaveLength(1);
      // Every recorded event past the snapshot is applied, in U = previous u + 1 order.
      const events = session.timeline.flatMap((event) =>
        event.type === 'frame' && event.text.startsWith(`{"stream":"${instrument.native.toLowerCase()}@depth@100ms"`) ? [(JSON.parse(event.text) as { data: RawDepth }).data] : [],
      );
      const expected = events.filter((event) => event.u > lastUpdateId);
      const updates = records.filter((record) => record.type === 'update');
      expect(updates.map((record) => record.sequence)).toEqual(expected.map((event) => event.u));
      let previous = lastUpdateId;
      for (const update of updates) {
        if (update.type !== 'update') continue;
        expect(update.firstSequence).toBeLessThanOrEqual(previous + 1);
        previous = update.sequence;
      }
      const book = books.get(instrument.numericId)!;
      expect(book.bids.size).toBeGreaterThan(0);
      expect(book.asks.size).toBeGreaterThan(0);
      expect(book.bestBid()).toBeLessThan(book.bestAsk());
      expect(clean.sync.wantsRestSnapshot(instrument.numericId)).toBe(false);
    }
  });

  it('stale events before each snapshot are buffered then dropped; the snapshot was wanted when it came', () => {
    const run = replay(session.timeline, (index, sync) => {
      const next = session.timeline[index + 1];
      if (next?.type === 'snapshot') expect(sync.wantsRestSnapshot(next.instrumentId)).toBe(true);
    });
    expect(run.outcomes.filter((outcome) => outcome.outcome === SyncOutcome.BUFFERED).length).toBeGreaterThan(0);
    for (const outcome of run.outcomes) expect([SyncOutcome.APPLIED, SyncOutcome.BUFFERED, SyncOutcome.STALE]).toContain(outcome.outcome);
  });

  it('a snapshot older than a live book changes nothing and reports the book synced', () => {
    const run = replay(session.timeline);
    const before = run.emitter.records.length;
    const old = new ParsedBook();
    parseRestSnapshot(session.snapshots.get(nkn)!, nkn, session.wideContext, old);
    expect(run.sync.onRestSnapshot(old, run.emitter)).toBe(SyncOutcome.APPLIED);
    expect(run.emitter.records).toHaveLength(before);
    expect(run.sync.wantsRestSnapshot(nkn)).toBe(false);
  });

  it('agrees with the recorded bookTicker whenever the book stands at the ticker update id', () => {
    let matches = 0;
    for (const ticker of clean.tickers) {
      const state = clean.states.get(`${ticker.instrumentId}:${ticker.updateId}`);
      if (state === undefined) continue;
      const bestBid = state.bestBid();
      const bestAsk = state.bestAsk();
      expect([bestBid, state.bids.get(bestBid), bestAsk, state.asks.get(bestAsk)]).toEqual(ticker.values);
      matches++;
    }
    expect(matches).toBeGreaterThan(0);
    console.log(`binance spot: book top equals the bookTicker at ${matches} of ${clean.tickers.length} recorded tickers (the others fall between depth batches)`);
  });
});

describe('binance spot sync on a mutated recording', () => {
  /** Position in nknDepth of an NKNUSDT event applied well after the sync, far from both ends. */
  const pick = (): number => {
    const lastUpdateId = (JSON.parse(session.snapshots.get(nkn)!) as { lastUpdateId: number }).lastUpdateId;
    const afterSync = nknDepth.filter((index) => depthOf(index).U > lastUpdateId + 1);
    return nknDepth.indexOf(afterSync[Math.floor(afterSync.length / 3)]!);
  };

  it('a dropped update is a GAP (expected u+1, received the next U), then buffering; other symbols untouched', () => {
    const k = pick();
    const dropped = nknDepth[k]!;
    const run = replay(session.timeline.filter((_event, index) => index !== dropped));
    expect(gapsOf(run)).toEqual([{ type: 'gap', instrumentId: nkn, reason: GapReason.SEQUENCE_GAP, expectedSequence: depthOf(nknDepth[k - 1]!).u + 1, receivedSequence: depthOf(nknDepth[k + 1]!).U }]);
    expect(run.outcomes.filter((outcome) => outcome.instrumentId === nkn && outcome.outcome === SyncOutcome.GAP)).toHaveLength(1);
    // After the gap every NKNUSDT event is held for the next snapshot.
    const after = run.emitter.records.findIndex((record) => record.type === 'gap');
    expect(run.emitter.records.slice(after + 1).filter((record) => record.instrumentId === nkn)).toEqual([]);
    expect(run.sync.wantsRestSnapshot(nkn)).toBe(true);
    expect(others(run.emitter.records)).toEqual(others(clean.emitter.records));
  });

  it('after a gap, a newer snapshot re-syncs the book to exactly the clean result', () => {
    const k = pick();
    const dropped = nknDepth[k]!;
    const resumeAt = nknDepth[k + 5]!; // resync at the state after this event, once two more are buffered
    const deliverAfter = nknDepth[k + 7]!;
    const timeline = session.timeline.filter((_event, index) => index !== dropped);
    const shift = (index: number): number => (index > dropped ? index - 1 : index);
    let outcome: SyncOutcome | undefined;
    const run = replay(timeline, (index, sync, emitter) => {
      if (index === shift(deliverAfter)) outcome = sync.onRestSnapshot(snapshotFrom(nkn, depthOf(resumeAt).u), emitter);
    });
    expect(outcome).toBe(SyncOutcome.APPLIED);
    expect(gapsOf(run)).toHaveLength(1);
    expect(booksFrom(run.emitter.records).get(nkn)).toEqual(booksFrom(clean.emitter.records).get(nkn));
    expect(run.sync.wantsRestSnapshot(nkn)).toBe(false);
  });

  it('a duplicated update is STALE and changes nothing', () => {
    const k = pick();
    const duplicated = nknDepth[k]!;
    const timeline = session.timeline.flatMap((event, index) => (index === duplicated ? [event, event] : [event]));
    const run = replay(timeline);
    expect(gapsOf(run)).toEqual([]);
    expect(run.outcomes.filter((outcome) => outcome.instrumentId === nkn && outcome.sequence === depthOf(duplicated).u).map((outcome) => outcome.outcome)).toEqual([SyncOutcome.APPLIED, SyncOutcome.STALE]);
    expect(run.emitter.records).toEqual(clean.emitter.records);
  });

  it('two updates swapped are a GAP at the first one out of order', () => {
    const k = pick();
    const first = nknDepth[k]!;
    const second = nknDepth[k + 1]!;
    const timeline = session.timeline.map((event, index) => (index === first ? session.timeline[second]! : index === second ? session.timeline[first]! : event));
    const run = replay(timeline);
    expect(gapsOf(run)).toEqual([{ type: 'gap', instrumentId: nkn, reason: GapReason.SEQUENCE_GAP, expectedSequence: depthOf(nknDepth[k - 1]!).u + 1, receivedSequence: depthOf(second).U }]);
    expect(others(run.emitter.records)).toEqual(others(clean.emitter.records));
  });

  it('an update whose U jumps ahead is a GAP naming the U it carried', () => {
    const k = pick();
    const changed = nknDepth[k]!;
    const raw = depthOf(changed);
    const event = session.timeline[changed]!;
    if (event.type !== 'frame') throw new Error('not a frame');
    const timeline = session.timeline.map((candidate, index) => (index === changed ? { ...event, text: event.text.replace(`"U":${raw.U},`, `"U":${raw.U + 3},`) } : candidate));
    const run = replay(timeline);
    expect(gapsOf(run)).toEqual([{ type: 'gap', instrumentId: nkn, reason: GapReason.SEQUENCE_GAP, expectedSequence: raw.U, receivedSequence: raw.U + 3 }]);
    expect(others(run.emitter.records)).toEqual(others(clean.emitter.records));
  });

  it('a snapshot older than the first buffered event is refused (STALE) and still wanted; a newer one is applied', () => {
    const snapshotIndex = session.timeline.findIndex((event) => event.type === 'snapshot' && event.instrumentId === nkn);
    const firstBuffered = depthOf(nknDepth[0]!);
    const event = session.timeline[snapshotIndex]!;
    if (event.type !== 'snapshot') throw new Error('not a snapshot');
    const old = { ...event, body: event.body.replace(/^\{"lastUpdateId":\d+/, `{"lastUpdateId":${firstBuffered.U - 1}`) };
    const timeline = session.timeline.map((candidate, index) => (index === snapshotIndex ? old : candidate));
    const replacementAt = nknDepth[nknDepth.findIndex((index) => index > snapshotIndex) + 3]!;
    let refusedAndWanted: boolean | undefined;
    let replacement: SyncOutcome | undefined;
    const run = replay(timeline, (index, sync, emitter) => {
      if (index === snapshotIndex) refusedAndWanted = sync.wantsRestSnapshot(nkn);
      if (index === replacementAt) replacement = sync.onRestSnapshot(snapshotFrom(nkn, depthOf(nknDepth[nknDepth.indexOf(replacementAt) - 1]!).u), emitter);
    });
    expect(run.outcomes.find((outcome) => outcome.instrumentId === nkn && outcome.sequence === firstBuffered.U - 1)?.outcome).toBe(SyncOutcome.STALE);
    expect(refusedAndWanted).toBe(true);
    expect(replacement).toBe(SyncOutcome.APPLIED);
    expect(gapsOf(run)).toEqual([]);
    expect(booksFrom(run.emitter.records).get(nkn)).toEqual(booksFrom(clean.emitter.records).get(nkn));
    expect(others(run.emitter.records)).toEqual(others(clean.emitter.records));
  });

  it('reset(instrument) forgets that book only; it wants a snapshot again once an event is buffered', () => {
    const k = pick();
    const run = replay(session.timeline, (index, sync) => {
      if (index === nknDepth[k]!) sync.reset(nkn);
    });
    expect(run.sync.wantsRestSnapshot(nkn)).toBe(true);
    expect(run.emitter.of(nkn).length).toBeLessThan(clean.emitter.of(nkn).length);
    expect(others(run.emitter.records)).toEqual(others(clean.emitter.records));
    for (const instrument of session.recorded) if (instrument.numericId !== nkn) expect(run.sync.wantsRestSnapshot(instrument.numericId)).toBe(false);
  });

  it('mantissas in the records are the recorded decimals at the connection scale', () => {
    const first = clean.emitter.of(nkn).find((record) => record.type === 'update');
    if (first?.type !== 'update') throw new Error('no update');
    const raw = session.timeline.find((event) => event.type === 'frame' && event.text.includes(`"u":${first.sequence},`));
    if (raw?.type !== 'frame') throw new Error('no frame');
    const data = (JSON.parse(raw.text) as { data: { b: [string, string][] } }).data;
    expect(first.levels[0]).toEqual([BookSide.BID, parseDecimal(data.b[0]![0], session.wideContext.priceDecimals[nkn]!), parseDecimal(data.b[0]![1], session.wideContext.sizeDecimals[nkn]!)]);
  });
});
