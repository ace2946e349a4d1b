// OKX seqId/prevSeqId sync: valid streams (keep-alives, maintenance resets) apply gap-free; breaks are caught per instrument.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParsedBook, ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import { SyncOutcome } from '../../../../src/actors/venues/common/venue-dialect.js';
import { parseFast } from '../../../../src/actors/venues/okx/scan.js';
import { OkxBookSync } from '../../../../src/actors/venues/okx/sync.js';
import { GapReason, SEQUENCE_NONE } from '../../../../src/model/record-types.js';
import { contextOf, encoder, readFixture, RecordingEmitter } from './okx-test-kit.js';

interface Message {
  instrumentId: number;
  isSnapshot: boolean;
  previousSequence: number;
  sequence: number;
  /** Levels carried (0 for a keep-alive). */
  levels: number;
}

function bookOf(message: Message): ParsedBook {
  const book = new ParsedBook();
  book.reset(message.instrumentId, message.isSnapshot);
  book.previousSequence = message.previousSequence;
  book.sequence = message.sequence;
  for (let level = 0; level < message.levels; level++) book.pushLevel(0, 100 + level, 1, 0, 0);
  return book;
}

function run(messages: readonly Message[], sync = new OkxBookSync(), emitter = new RecordingEmitter()) {
  const outcomes = messages.map((message) => sync.onBook(bookOf(message), emitter));
  return { outcomes, emitter, sync };
}

const snapshot = (instrumentId: number, sequence: number): Message => ({ instrumentId, isSnapshot: true, previousSequence: -1, sequence, levels: 3 });
const update = (instrumentId: number, previousSequence: number, sequence: number, levels = 2): Message => ({ instrumentId, isSnapshot: false, previousSequence, sequence, levels });

/**
 * A valid stream for one instrument: snapshot, then updates chained by prevSeqId, with keep-alives
 * (seqId == prevSeqId, no levels) and maintenance resets (seqId < prevSeqId) among them.
 */
const instrumentStream = (instrumentId: number) =>
  fc
    .tuple(
      fc.nat({ max: 1_000_000 }),
      fc.array(
        fc.oneof(
          { weight: 8, arbitrary: fc.record({ kind: fc.constant('normal' as const), step: fc.integer({ min: 1, max: 50 }) }) },
          { weight: 2, arbitrary: fc.record({ kind: fc.constant('keep-alive' as const), step: fc.constant(0) }) },
          { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const), step: fc.nat({ max: 1000 }) }) },
        ),
        { maxLength: 40 },
      ),
    )
    .map(([start, steps]) => {
      const messages: Message[] = [snapshot(instrumentId, start)];
      let last = start;
      for (const { kind, step } of steps) {
        const next = kind === 'normal' ? last + step : kind === 'keep-alive' ? last : Math.min(step, Math.max(0, last - 1));
        messages.push(update(instrumentId, last, next, kind === 'keep-alive' ? 0 : 2));
        last = next;
      }
      return messages;
    });

/** Three instruments' valid streams, interleaved in a random order that keeps each one's own order. */
const interleavedStreams = fc.tuple(instrumentStream(0), instrumentStream(1), instrumentStream(7)).chain((streams) =>
  fc.array(fc.constantFrom(0, 1, 2), { minLength: streams.flat().length, maxLength: streams.flat().length }).map((picks) => {
    const cursors = [0, 0, 0];
    const merged: Message[] = [];
    for (let pick of picks) {
      while (cursors[pick]! >= streams[pick].length) pick = (pick + 1) % 3;
      merged.push(streams[pick][cursors[pick]!++]!);
    }
    return { streams, merged };
  }),
);

describe('OkxBookSync', () => {
  it('the documented Sequence ID example (snapshot, update, no-update keep-alive, maintenance reset, update) applies without a gap', () => {
    const documented = readFixture<{ messages: { action: string; prevSeqId: number; seqId: number }[] }>('sequence.json').messages;
    const messages = documented.map(({ action, prevSeqId, seqId }) => ({ instrumentId: 3, isSnapshot: action === 'snapshot', previousSequence: prevSeqId, sequence: seqId, levels: seqId === prevSeqId ? 0 : 1 }));
    const { outcomes, emitter } = run(messages);
    expect(outcomes).toEqual(messages.map(() => SyncOutcome.APPLIED));
    expect(emitter.gaps()).toEqual([]);
    expect(emitter.emitted.map((entry) => (entry.type === 'gap' ? 'gap' : `${entry.type} ${entry.book.previousSequence}→${entry.book.sequence}`))).toEqual([
      'snapshot -1→10',
      'update 10→15',
      'update 15→15',
      'update 15→3',
      'update 3→5',
    ]);
  });

  it('generated valid streams of three interleaved instruments, with keep-alives and resets, apply every message with zero gaps', () => {
    fc.assert(
      fc.property(interleavedStreams, ({ merged }) => {
        const { outcomes, emitter } = run(merged);
        expect(outcomes.every((outcome) => outcome === SyncOutcome.APPLIED)).toBe(true);
        expect(emitter.gaps()).toEqual([]);
        expect(emitter.emitted).toHaveLength(merged.length);
      }),
      { numRuns: 300 },
    );
  });

  it('one dropped, duplicated or reordered update, or a broken prevSeqId, is a gap on that instrument only', () => {
    const corruption = fc.constantFrom('drop', 'duplicate', 'reorder', 'broken-previous');
    fc.assert(
      fc.property(interleavedStreams, fc.constantFrom(0, 1, 2), corruption, fc.double({ min: 0, max: 1, noNaN: true }), ({ streams }, victim, kind, where) => {
        const stream = streams[victim];
        // Updates only (index >= 1); reorder needs two updates that differ in their chain.
        const candidates = stream.map((_, index) => index).filter((index) => index >= 1 && (kind !== 'reorder' || index + 1 < stream.length));
        fc.pre(candidates.length > 0);
        const at = candidates[Math.min(candidates.length - 1, Math.floor(where * candidates.length))]!;
        const corrupted = [...stream];
        if (kind === 'drop') corrupted.splice(at, 1);
        else if (kind === 'duplicate') corrupted.splice(at, 0, stream[at]!);
        else if (kind === 'reorder') [corrupted[at], corrupted[at + 1]] = [corrupted[at + 1]!, corrupted[at]!];
        else corrupted[at] = { ...stream[at]!, previousSequence: stream[at]!.previousSequence + 1 };
        // A change that leaves the chain intact is not a corruption (dropping the last message, swapping or duplicating identical keep-alives).
        const chainBreaks = corrupted.some((message, index) => index > 0 && message.previousSequence !== corrupted[index - 1]!.sequence);
        fc.pre(chainBreaks);
        const others = streams.filter((_, index) => index !== victim).flat();
        const { outcomes, emitter } = run([...others.slice(0, 10), ...corrupted, ...others.slice(10)]);
        const gaps = emitter.gaps();
        expect(gaps).toHaveLength(1);
        expect(gaps[0]!.instrumentId).toBe(stream[0]!.instrumentId);
        expect(gaps[0]!.reason).toBe(GapReason.SEQUENCE_GAP);
        expect(outcomes.filter((outcome) => outcome === SyncOutcome.GAP)).toHaveLength(1);
        // The other instruments lost nothing.
        const victimId = stream[0]!.instrumentId;
        const othersApplied = emitter.emitted.filter((entry) => entry.type !== 'gap' && entry.book.instrumentId !== victimId);
        expect(othersApplied).toHaveLength(others.length);
      }),
      { numRuns: 400 },
    );
  });

  it('a gap reports the expected and the received previous sequence, then drops updates (STALE) until a fresh snapshot restarts the chain', () => {
    const { outcomes, emitter } = run([
      snapshot(5, 100),
      update(5, 100, 110),
      update(5, 120, 130), // 110 → 120 missing
      update(5, 130, 140),
      snapshot(5, 200),
      update(5, 200, 210),
    ]);
    expect(outcomes).toEqual([SyncOutcome.APPLIED, SyncOutcome.APPLIED, SyncOutcome.GAP, SyncOutcome.STALE, SyncOutcome.APPLIED, SyncOutcome.APPLIED]);
    expect(emitter.gaps()).toEqual([{ type: 'gap', instrumentId: 5, reason: GapReason.SEQUENCE_GAP, expected: 110, received: 120 }]);
    expect(emitter.emitted.map((entry) => entry.type)).toEqual(['snapshot', 'update', 'gap', 'snapshot', 'update']);
  });

  it('updates before the first snapshot are dropped (STALE) without a gap; a repeated keep-alive is still in chain', () => {
    const { outcomes, emitter } = run([update(2, 9, 10), snapshot(2, 10), update(2, 10, 10, 0), update(2, 10, 10, 0), update(2, 10, 11)]);
    expect(outcomes).toEqual([SyncOutcome.STALE, SyncOutcome.APPLIED, SyncOutcome.APPLIED, SyncOutcome.APPLIED, SyncOutcome.APPLIED]);
    expect(emitter.gaps()).toEqual([]);
  });

  it('a maintenance reset (seqId < prevSeqId, prevSeqId in chain) is applied; an update chained to the old sequence afterwards is a gap', () => {
    const { outcomes, emitter } = run([snapshot(1, 1000), update(1, 1000, 4), update(1, 1000, 1001)]);
    expect(outcomes).toEqual([SyncOutcome.APPLIED, SyncOutcome.APPLIED, SyncOutcome.GAP]);
    expect(emitter.gaps()[0]).toMatchObject({ expected: 4, received: 1000 });
  });

  it('reset(instrument) forgets one instrument, reset() all of them; instrument ids beyond the first arrays grow them', () => {
    const sync = new OkxBookSync();
    const emitter = new RecordingEmitter();
    run([snapshot(1, 10), snapshot(300, 10), snapshot(2, 10)], sync, emitter);
    sync.reset(1);
    expect(sync.onBook(bookOf(update(1, 10, 11)), emitter)).toBe(SyncOutcome.STALE);
    expect(sync.onBook(bookOf(update(300, 10, 11)), emitter)).toBe(SyncOutcome.APPLIED);
    sync.reset(10_000);
    sync.reset();
    expect(sync.onBook(bookOf(update(300, 11, 12)), emitter)).toBe(SyncOutcome.STALE);
    expect(sync.onBook(bookOf(update(2, 10, 11)), emitter)).toBe(SyncOutcome.STALE);
    expect(emitter.gaps()).toEqual([]);
  });

  it('the documented frames, parsed and synced: snapshot then update apply, the checksum travels in the emitted book', () => {
    const frames = readFixture<{ frames: Record<string, unknown> }>('ws-order-book.json').frames;
    const context = contextOf();
    const sync = new OkxBookSync();
    const emitter = new RecordingEmitter();
    const out = new ParsedFrame();
    for (const name of ['booksSnapshot', 'booksUpdate']) {
      const bytes = encoder.encode(JSON.stringify(frames[name]));
      parseFast(bytes, bytes.length, context, out);
      expect(sync.onBook(out.books[0]!, emitter)).toBe(SyncOutcome.APPLIED);
    }
    expect(emitter.emitted.map((entry) => entry.type)).toEqual(['snapshot', 'update']);
    expect(emitter.emitted.map((entry) => (entry.type === 'gap' ? 0 : entry.book.checksum))).toEqual([-855196043, -855196043]);
  });

  it('never wants a REST snapshot, accepts any connection sequence, and refuses onRestSnapshot', () => {
    const sync = new OkxBookSync();
    expect(sync.wantsRestSnapshot(0)).toBe(false);
    expect(sync.onConnectionSequence(SEQUENCE_NONE)).toBe(true);
    expect(() => sync.onRestSnapshot(bookOf(snapshot(0, 1)), new RecordingEmitter())).toThrow(expect.objectContaining({ code: 'ZVT_ERR_OKX_UNSUPPORTED' }));
  });
});
