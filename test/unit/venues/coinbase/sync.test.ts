// Coinbase BookSync over the recorded stream (no gaps, sane books) and over broken copies of it (drop, duplicate, update before snapshot).
import { beforeAll, describe, expect, it } from 'vitest';
import { ParsedBook, ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import { SyncOutcome, type BookEmitter } from '../../../../src/actors/venues/common/venue-dialect.js';
import { parseFast } from '../../../../src/actors/venues/coinbase/scan.js';
import { CoinbaseBookSync } from '../../../../src/actors/venues/coinbase/sync.js';
import { BookSide, GapReason, SEQUENCE_NONE } from '../../../../src/model/record-types.js';
import { loadCoinbaseSession, type CoinbaseSession } from './coinbase-session.js';

interface GapRecord {
  instrumentId: number;
  reason: number;
  expectedSequence: number;
  receivedSequence: number;
}

/** A BookEmitter that applies what it is given to Map books, as the instrument actor would. */
class CollectingEmitter implements BookEmitter {
  readonly bids = new Map<number, Map<number, number>>();
  readonly asks = new Map<number, Map<number, number>>();
  readonly gaps: GapRecord[] = [];
  snapshots = 0;
  updates = 0;

  emitSnapshot(book: ParsedBook): void {
    this.snapshots++;
    this.bids.set(book.instrumentId, new Map());
    this.asks.set(book.instrumentId, new Map());
    this.apply(book);
  }

  emitUpdate(book: ParsedBook): void {
    this.updates++;
    if (!this.bids.has(book.instrumentId)) throw new Error(`update for instrument ${book.instrumentId} before any snapshot reached the emitter`);
    this.apply(book);
  }

  emitGap(instrumentId: number, reason: number, expectedSequence: number, receivedSequence: number): void {
    this.gaps.push({ instrumentId, reason, expectedSequence, receivedSequence });
  }

  /** Best prices, cached: recomputed from the map only after the best level was deleted. */
  bestBid(instrumentId: number): number {
    return this.best(this.bids, this.bestBids, instrumentId, Math.max);
  }

  bestAsk(instrumentId: number): number {
    return this.best(this.asks, this.bestAsks, instrumentId, Math.min);
  }

  private readonly bestBids = new Map<number, number>();
  private readonly bestAsks = new Map<number, number>();

  private best(sides: Map<number, Map<number, number>>, cache: Map<number, number>, instrumentId: number, pick: (...values: number[]) => number): number {
    let best = cache.get(instrumentId);
    if (best === undefined) {
      best = pick(...sides.get(instrumentId)!.keys());
      cache.set(instrumentId, best);
    }
    return best;
  }

  private apply(book: ParsedBook): void {
    const id = book.instrumentId;
    if (book.isSnapshot) {
      this.bestBids.delete(id);
      this.bestAsks.delete(id);
    }
    for (let i = 0; i < book.levelCount; i++) {
      const isBid = book.sides[i] === BookSide.BID;
      const side = isBid ? this.bids.get(id)! : this.asks.get(id)!;
      const cache = isBid ? this.bestBids : this.bestAsks;
      const price = book.prices[i]!;
      const cached = cache.get(id);
      if (book.sizes[i] === 0) {
        side.delete(price);
        if (cached === price) cache.delete(id);
      } else {
        side.set(price, book.sizes[i]!);
        if (cached !== undefined && (isBid ? price > cached : price < cached)) cache.set(id, price);
      }
    }
  }
}

interface ReplayResult {
  /** Frame indexes (into the list replayed) where onConnectionSequence said false. */
  connectionGaps: number[];
  outcomes: { frame: number; instrumentId: number; sequence: number; isSnapshot: boolean; outcome: SyncOutcome }[];
}

let session: CoinbaseSession;
let sequences: number[];
let channels: string[];
let productIdOf: (frame: number) => string | undefined;

beforeAll(async () => {
  session = await loadCoinbaseSession();
  const messages = session.frames.map((text) => JSON.parse(text) as { channel: string; sequence_num: number; events: { type?: string; product_id?: string }[] });
  sequences = messages.map((message) => message.sequence_num);
  channels = messages.map((message) => (message.channel === 'l2_data' ? `l2_data ${message.events[0]!.type!}` : message.channel));
  productIdOf = (frame) => messages[frame]!.events[0]?.product_id;
});

/** Runs frames (indexes into the recording) through parseFast and the sync, as the feed does. */
function replay(frames: readonly number[], sync: CoinbaseBookSync, emitter: BookEmitter, afterFrame?: () => void): ReplayResult {
  const parsed = new ParsedFrame();
  const result: ReplayResult = { connectionGaps: [], outcomes: [] };
  frames.forEach((index, position) => {
    const bytes = session.frameBytes[index]!;
    parseFast(bytes, bytes.length, session.context, parsed);
    if (parsed.connectionSequence !== SEQUENCE_NONE && !sync.onConnectionSequence(parsed.connectionSequence)) result.connectionGaps.push(position);
    for (let b = 0; b < parsed.bookCount; b++) {
      const book = parsed.books[b]!;
      result.outcomes.push({ frame: position, instrumentId: book.instrumentId, sequence: book.sequence, isSnapshot: book.isSnapshot, outcome: sync.onBook(book, emitter) });
    }
    afterFrame?.();
  });
  return result;
}

const all = (): number[] => session.frames.map((_, index) => index);
const idOf = (native: string): number => session.subscribed.find((instrument) => instrument.native === native)!.numericId;
const firstFrame = (predicate: (index: number) => boolean, from = 0): number => {
  for (let i = from; i < session.frames.length; i++) if (predicate(i)) return i;
  throw new Error('no such frame in the recording');
};

describe('CoinbaseBookSync on the recorded session', () => {
  it('applies the whole stream with zero gaps and keeps every book sane (best bid < best ask after every frame)', () => {
    const sync = new CoinbaseBookSync();
    const emitter = new CollectingEmitter();
    let crossed = 0;
    let checks = 0;
    const result = replay(all(), sync, emitter, () => {
      for (const id of emitter.bids.keys()) {
        checks++;
        if (!(emitter.bestBid(id) < emitter.bestAsk(id))) crossed++;
      }
    });
    expect(result.connectionGaps).toEqual([]);
    expect(emitter.gaps).toEqual([]);
    expect(sync.connectionGaps).toBe(0);
    expect(result.outcomes.every((entry) => entry.outcome === SyncOutcome.APPLIED)).toBe(true);
    expect(emitter.snapshots).toBe(channels.filter((channel) => channel === 'l2_data snapshot').length);
    expect(emitter.updates).toBe(channels.filter((channel) => channel === 'l2_data update').length);
    expect([...emitter.bids.keys()].sort()).toEqual(session.subscribed.map((instrument) => instrument.numericId).sort());
    expect(checks).toBeGreaterThan(0);
    expect(crossed).toBe(0);
  });

  it('ends with books whose top agrees with the venue ticker most of the time', () => {
    // The ticker and level2 are separate channels, so they may disagree for a message or two; a wrong
    // side mapping or scale would make them disagree always.
    const sync = new CoinbaseBookSync();
    const emitter = new CollectingEmitter();
    const parsed = new ParsedFrame();
    let agree = 0;
    let compared = 0;
    for (let i = 0; i < session.frames.length; i++) {
      replay([i], sync, emitter);
      parseFast(session.frameBytes[i]!, session.frameBytes[i]!.length, session.context, parsed);
      for (let q = 0; q < parsed.bbos.count; q++) {
        const id = parsed.bbos.instrumentIds[q]!;
        if (!emitter.bids.has(id)) continue;
        compared++;
        if (emitter.bestBid(id) === parsed.bbos.values[q * 4] && emitter.bestAsk(id) === parsed.bbos.values[q * 4 + 2]) agree++;
      }
    }
    expect(compared).toBeGreaterThan(0);
    expect(agree / compared).toBeGreaterThan(0.5);
  });
});

describe('CoinbaseBookSync on broken streams', () => {
  it('reports a dropped message as a connection gap with the missing sequence_num, then one GAP per book on its next update', () => {
    const snapshotsDone = firstFrame((i) => channels[i] === 'l2_data snapshot' && productIdOf(i) === 'ETH-USD');
    const dropped = firstFrame((i) => channels[i] === 'l2_data update', snapshotsDone + 1);
    const frames = all().filter((index) => index !== dropped);
    const sync = new CoinbaseBookSync();
    const emitter = new CollectingEmitter();
    const result = replay(frames, sync, emitter);
    // One loss, one connection gap, at the frame after the dropped one.
    expect(result.connectionGaps).toEqual([frames.indexOf(dropped + 1)]);
    expect([sync.lastGapExpected, sync.lastGapReceived]).toEqual([sequences[dropped], sequences[dropped + 1]]);
    // With no feed to resync them, each book reports the gap at its next update, once.
    for (const native of ['BTC-USD', 'ETH-USD']) {
      const id = idOf(native);
      const next = firstFrame((i) => channels[i] === 'l2_data update' && productIdOf(i) === native, dropped + 1);
      expect(emitter.gaps.filter((gap) => gap.instrumentId === id)).toEqual([{ instrumentId: id, reason: GapReason.SEQUENCE_GAP, expectedSequence: sequences[dropped], receivedSequence: sequences[next] }]);
      const after = result.outcomes.filter((entry) => entry.instrumentId === id && entry.sequence > sequences[next]!);
      expect(after.length).toBeGreaterThan(0);
      expect(after.every((entry) => entry.outcome === SyncOutcome.STALE)).toBe(true);
    }
  });

  it('drops updates while a resync is under way and applies again from the fresh snapshot', () => {
    const snapshotsDone = firstFrame((i) => channels[i] === 'l2_data snapshot' && productIdOf(i) === 'ETH-USD');
    const dropped = firstFrame((i) => channels[i] === 'l2_data update', snapshotsDone + 1);
    const frames = all().filter((index) => index !== dropped);
    const sync = new CoinbaseBookSync();
    const emitter = new CollectingEmitter();
    const btc = idOf('BTC-USD');
    const parsed = new ParsedFrame();
    let resyncedAt = -1;
    let position = 0;
    // The feed's part, as in venue-feed.ts: on a connection gap, GAP + reset(id) for every book; here
    // the resubscription's snapshot for BTC-USD arrives ten frames later (the recorded one, renumbered).
    const outcomes: SyncOutcome[] = [];
    for (const index of frames) {
      const bytes = session.frameBytes[index]!;
      parseFast(bytes, bytes.length, session.context, parsed);
      if (!sync.onConnectionSequence(parsed.connectionSequence)) {
        for (const instrument of session.subscribed) {
          emitter.emitGap(instrument.numericId, GapReason.SEQUENCE_GAP, SEQUENCE_NONE, SEQUENCE_NONE);
          sync.reset(instrument.numericId);
        }
        resyncedAt = position;
      }
      for (let b = 0; b < parsed.bookCount; b++) {
        const book = parsed.books[b]!;
        if (book.instrumentId === btc && resyncedAt >= 0) outcomes.push(sync.onBook(book, emitter));
        else sync.onBook(book, emitter);
      }
      if (resyncedAt >= 0 && position === resyncedAt + 10) {
        const snapshot = new ParsedFrame();
        const snapshotFrame = firstFrame((i) => channels[i] === 'l2_data snapshot' && productIdOf(i) === 'BTC-USD');
        parseFast(session.frameBytes[snapshotFrame]!, session.frameBytes[snapshotFrame]!.length, session.context, snapshot);
        snapshot.books[0]!.sequence = parsed.connectionSequence;
        outcomes.push(SyncOutcome.BUFFERED); // marks where the snapshot went in
        outcomes.push(sync.onBook(snapshot.books[0]!, emitter));
      }
      position++;
    }
    const marker = outcomes.indexOf(SyncOutcome.BUFFERED);
    expect(marker).toBeGreaterThan(0);
    expect(outcomes.slice(0, marker).every((outcome) => outcome === SyncOutcome.STALE)).toBe(true);
    expect(outcomes[marker + 1]).toBe(SyncOutcome.APPLIED);
    expect(outcomes.slice(marker + 2).length).toBeGreaterThan(0);
    expect(outcomes.slice(marker + 2).every((outcome) => outcome === SyncOutcome.APPLIED)).toBe(true);
    // Only the feed's GAP records: the sync added none of its own while the resync ran.
    expect(emitter.gaps.every((gap) => gap.expectedSequence === SEQUENCE_NONE)).toBe(true);
  });

  it('reports a duplicated message as a connection gap without moving the baseline back', () => {
    const duplicated = firstFrame((i) => channels[i] === 'l2_data update');
    const frames = all().flatMap((index) => (index === duplicated ? [index, index] : [index]));
    const sync = new CoinbaseBookSync();
    const result = replay(frames, sync, new CollectingEmitter());
    expect(result.connectionGaps).toEqual([duplicated + 1]);
    expect([sync.lastGapExpected, sync.lastGapReceived]).toEqual([sequences[duplicated]! + 1, sequences[duplicated]]);
    expect(sync.connectionGaps).toBe(1);
  });

  it('calls an update before its product snapshot a gap (expected: none, received: its sequence_num), once', () => {
    const btcSnapshot = firstFrame((i) => channels[i] === 'l2_data snapshot' && productIdOf(i) === 'BTC-USD');
    const frames = all().slice(btcSnapshot + 1);
    const sync = new CoinbaseBookSync();
    const emitter = new CollectingEmitter();
    const result = replay(frames, sync, emitter);
    const btc = idOf('BTC-USD');
    const firstUpdate = firstFrame((i) => channels[i] === 'l2_data update' && productIdOf(i) === 'BTC-USD', btcSnapshot + 1);
    expect(result.connectionGaps).toEqual([]);
    expect(emitter.gaps).toEqual([{ instrumentId: btc, reason: GapReason.SEQUENCE_GAP, expectedSequence: SEQUENCE_NONE, receivedSequence: sequences[firstUpdate] }]);
    const btcOutcomes = result.outcomes.filter((entry) => entry.instrumentId === btc).map((entry) => entry.outcome);
    expect(btcOutcomes[0]).toBe(SyncOutcome.GAP);
    expect(btcOutcomes.slice(1).every((outcome) => outcome === SyncOutcome.STALE)).toBe(true);
    // ETH-USD's snapshot is still ahead in the stream: it syncs normally.
    const ethOutcomes = result.outcomes.filter((entry) => entry.instrumentId === idOf('ETH-USD')).map((entry) => entry.outcome);
    expect(ethOutcomes.length).toBeGreaterThan(1);
    expect(ethOutcomes.every((outcome) => outcome === SyncOutcome.APPLIED)).toBe(true);
  });

  it('starts over after reset(): any first sequence_num is the new baseline, and books wait for snapshots again', () => {
    const sync = new CoinbaseBookSync();
    replay(all(), sync, new CollectingEmitter());
    sync.reset();
    const emitter = new CollectingEmitter();
    const update = firstFrame((i) => channels[i] === 'l2_data update');
    const result = replay([update], sync, emitter);
    expect(result.connectionGaps).toEqual([]);
    expect(result.outcomes.map((entry) => entry.outcome)).toEqual([SyncOutcome.GAP]);
  });

  it('drops an update older than the product book (STALE) and never syncs from a REST book', () => {
    const sync = new CoinbaseBookSync();
    const emitter = new CollectingEmitter();
    const book = new ParsedBook();
    // An instrument id past the sync's initial tables: they grow.
    book.reset(1000, true);
    book.sequence = 100;
    expect(sync.onBook(book, emitter)).toBe(SyncOutcome.APPLIED);
    book.reset(1000, false);
    book.sequence = 99;
    expect(sync.onBook(book, emitter)).toBe(SyncOutcome.STALE);
    book.sequence = 100;
    expect(sync.onBook(book, emitter)).toBe(SyncOutcome.APPLIED);
    expect(sync.onRestSnapshot(book, emitter)).toBe(SyncOutcome.STALE);
    expect(sync.wantsRestSnapshot(1000)).toBe(false);
  });
});
