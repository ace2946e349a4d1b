// Bybit v5 book integrity per symbol: a snapshot (or u = 1) resets the book, each delta's u must be the previous u + 1.
import { GapReason, SEQUENCE_NONE } from '../../../model/record-types.js';
import type { ParsedBook } from '../common/parsed-frame.js';
import { SyncOutcome, type BookEmitter, type BookSync } from '../common/venue-dialect.js';

/*
 * Rules (https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook, "Process
 * snapshot/delta" and the `u` field):
 *   - "Once you have subscribed successfully, you will receive a snapshot ... If you receive a new
 *     snapshot message, you will have to reset your local orderbook." A snapshot is applied
 *     whatever its u, and its u becomes the book's sequence.
 *   - u is "Update ID. Is a sequence"; "Occasionally, you'll receive "u"=1, which is a snapshot data
 *     due to the restart of the service. So please overwrite your local orderbook." So a message
 *     with u = 1 is a full book even when typed delta (the parsers already mark it a snapshot; the
 *     rule is repeated here so a hand-built book cannot slip past it).
 *   - A delta must carry u = previous u + 1. The recorded session (6 books, 2,142 deltas) never
 *     skips, and `seq` (cross sequence) is shared with other topics, so it is not a per-book check.
 *   - A delta older than or equal to the book's u is dropped (STALE): re-applying it could undo a
 *     newer level. A delta further ahead is a gap.
 *   - A delta before any snapshot of the subscription is a gap: Bybit always starts with one.
 *
 * After a gap the instrument waits for a snapshot; further deltas are dropped as STALE rather
 * than reported again, so one break yields one GAP record and one resync. `reset(id)` (the feed is
 * about to resubscribe) waits the same way, silently: deltas still in flight from the old
 * subscription are expected then. `reset()` (a new connection) forgets everything, and there a
 * delta before the snapshot is again a gap.
 *
 * Per-instrument state lives in typed arrays indexed by registry id, so the update path allocates
 * nothing; they grow (cold) the first time a higher id is seen.
 */

const State = {
  /** No snapshot since the subscription started: a delta now is a gap. */
  NEW: 0,
  /** Snapshot applied; deltas must continue u by one. */
  SYNCED: 1,
  /** A gap was reported or a resync is under way: deltas are dropped until the snapshot. */
  AWAITING_SNAPSHOT: 2,
} as const;

export class BybitBookSync implements BookSync {
  private states = new Uint8Array(64);
  /** Last applied u per instrument (Float64: u passes 2^31 on busy books). */
  private sequences = new Float64Array(64);

  onBook(book: ParsedBook, emitter: BookEmitter): SyncOutcome {
    const instrumentId = book.instrumentId;
    if (instrumentId >= this.states.length) this.grow(instrumentId);
    const updateId = book.sequence;
    if (book.isSnapshot || updateId === 1) return this.applySnapshot(book, emitter);
    const state = this.states[instrumentId]!;
    if (state === State.SYNCED) {
      const last = this.sequences[instrumentId]!;
      if (updateId === last + 1) {
        this.sequences[instrumentId] = updateId;
        emitter.emitUpdate(book);
        return SyncOutcome.APPLIED;
      }
      if (updateId <= last) return SyncOutcome.STALE;
      emitter.emitGap(instrumentId, GapReason.SEQUENCE_GAP, last + 1, updateId);
      this.states[instrumentId] = State.AWAITING_SNAPSHOT;
      return SyncOutcome.GAP;
    }
    if (state === State.AWAITING_SNAPSHOT) return SyncOutcome.STALE;
    // NEW: Bybit starts every subscription with a snapshot, so this delta has no base.
    emitter.emitGap(instrumentId, GapReason.SEQUENCE_GAP, SEQUENCE_NONE, updateId);
    this.states[instrumentId] = State.AWAITING_SNAPSHOT;
    return SyncOutcome.GAP;
  }

  /** Bybit resyncs by resubscribing, not over REST; a REST book (GET /v5/market/orderbook) would still be a full book. */
  onRestSnapshot(book: ParsedBook, emitter: BookEmitter): SyncOutcome {
    if (book.instrumentId >= this.states.length) this.grow(book.instrumentId);
    return this.applySnapshot(book, emitter);
  }

  /** Bybit does not number the messages of a connection. */
  onConnectionSequence(_sequence: number): boolean {
    return true;
  }

  wantsRestSnapshot(_instrumentId: number): boolean {
    return false;
  }

  reset(instrumentId?: number): void {
    if (instrumentId === undefined) {
      this.states.fill(State.NEW);
      this.sequences.fill(0);
      return;
    }
    if (instrumentId >= this.states.length) this.grow(instrumentId);
    this.states[instrumentId] = State.AWAITING_SNAPSHOT;
    this.sequences[instrumentId] = 0;
  }

  private applySnapshot(book: ParsedBook, emitter: BookEmitter): SyncOutcome {
    this.states[book.instrumentId] = State.SYNCED;
    this.sequences[book.instrumentId] = book.sequence;
    emitter.emitSnapshot(book);
    return SyncOutcome.APPLIED;
  }

  /** Cold: room for `instrumentId`. */
  private grow(instrumentId: number): void {
    let capacity = this.states.length;
    while (capacity <= instrumentId) capacity *= 2;
    const states = new Uint8Array(capacity);
    states.set(this.states);
    const sequences = new Float64Array(capacity);
    sequences.set(this.sequences);
    this.states = states;
    this.sequences = sequences;
  }
}
