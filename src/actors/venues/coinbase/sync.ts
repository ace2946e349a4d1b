// Coinbase book integrity: sequence_num continuity per connection, snapshot-first per product.
import { GapReason, SEQUENCE_NONE } from '../../../model/record-types.js';
import type { ParsedBook } from '../common/parsed-frame.js';
import { SyncOutcome, type BookEmitter, type BookSync } from '../common/venue-dialect.js';

/*
 * The rules (https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-channels,
 * level2: "guarantees delivery of all updates"; every message carries `sequence_num`):
 *
 * 1. `sequence_num` numbers every message of the connection, whatever its channel, and must rise
 *    by exactly 1. Anything else (a jump, a repeat, a step back) means a message may be lost, and
 *    it could have been any product's book update: onConnectionSequence returns false, and every
 *    book on the connection waits for a fresh snapshot. The feed emits the GAP records of a
 *    connection gap and resubscribes (it holds the emitter); lastGapExpected/lastGapReceived keep
 *    what was expected and what came. The first message after a (re)connect sets the baseline.
 * 2. Per product, the first level2 message must be its `snapshot`; an `update` before it is a gap:
 *    a GAP record (SEQUENCE_GAP, expected = the connection sequence that went missing or
 *    SEQUENCE_NONE when none did, received = this message's sequence_num) and SyncOutcome.GAP.
 *    Updates that follow, while the resync is under way, are dropped as STALE (one GAP per loss).
 * 3. A `snapshot` always replaces the book (APPLIED), in any state: that is how a resubscribe heals.
 * 4. Book messages have no per-product sequence; ParsedBook.sequence is the message's
 *    sequence_num, so an update older than the product's last applied message is STALE. Equal is
 *    fine: one message may hold several events for one product.
 *
 * The REST order book cannot be tied to the stream (it carries no sequence_num), so Coinbase never
 * resyncs from REST: resyncPlan resubscribes level2 and the fresh snapshot follows.
 */

/** Per-product states, 0 first so new ids start waiting for their snapshot. */
const AWAITING_SNAPSHOT = 0;
const SYNCED = 1;
/** A GAP was emitted or a resync started: updates are dropped until the snapshot. */
const RESYNCING = 2;

const INITIAL_CAPACITY = 64;

export class CoinbaseBookSync implements BookSync {
  /** The connection sequence expected at the last gap and the one that came instead (for logs and tests). */
  lastGapExpected: number = SEQUENCE_NONE;
  lastGapReceived: number = SEQUENCE_NONE;
  /** Connection-level gaps seen since creation. */
  connectionGaps = 0;

  private lastConnectionSequence: number = SEQUENCE_NONE;
  private states = new Uint8Array(INITIAL_CAPACITY);
  private lastSequences = new Float64Array(INITIAL_CAPACITY).fill(SEQUENCE_NONE);
  /** The connection sequence whose loss put a product back to AWAITING_SNAPSHOT, else SEQUENCE_NONE. */
  private expectedSequences = new Float64Array(INITIAL_CAPACITY).fill(SEQUENCE_NONE);

  onConnectionSequence(sequence: number): boolean {
    const last = this.lastConnectionSequence;
    if (last === SEQUENCE_NONE || sequence === last + 1) {
      this.lastConnectionSequence = sequence;
      return true;
    }
    this.connectionGaps++;
    this.lastGapExpected = last + 1;
    this.lastGapReceived = sequence;
    // A repeat or a step back does not move the baseline; a jump does, so one loss is one gap.
    if (sequence > last) this.lastConnectionSequence = sequence;
    // Cold: every book on the connection is unverified until its snapshot. Products already
    // resyncing stay so; the others report the gap on their next update if the feed has not
    // started their resync by then.
    const states = this.states;
    for (let id = 0; id < states.length; id++) {
      if (states[id] === SYNCED) {
        states[id] = AWAITING_SNAPSHOT;
        this.expectedSequences[id] = last + 1;
      }
    }
    return false;
  }

  onBook(book: ParsedBook, emitter: BookEmitter): SyncOutcome {
    const id = book.instrumentId;
    if (id >= this.states.length) this.grow(id);
    if (book.isSnapshot) {
      emitter.emitSnapshot(book);
      this.states[id] = SYNCED;
      this.lastSequences[id] = book.sequence;
      this.expectedSequences[id] = SEQUENCE_NONE;
      return SyncOutcome.APPLIED;
    }
    const state = this.states[id];
    if (state === SYNCED) {
      if (book.sequence < this.lastSequences[id]!) return SyncOutcome.STALE;
      emitter.emitUpdate(book);
      this.lastSequences[id] = book.sequence;
      return SyncOutcome.APPLIED;
    }
    if (state === RESYNCING) return SyncOutcome.STALE;
    emitter.emitGap(id, GapReason.SEQUENCE_GAP, this.expectedSequences[id]!, book.sequence);
    this.states[id] = RESYNCING;
    return SyncOutcome.GAP;
  }

  /** Coinbase's REST book carries no sequence_num to join the stream with: never used to sync. */
  onRestSnapshot(_book: ParsedBook, _emitter: BookEmitter): SyncOutcome {
    return SyncOutcome.STALE;
  }

  wantsRestSnapshot(_instrumentId: number): boolean {
    return false;
  }

  /**
   * One instrument: a resync is starting, so its updates are dropped until the resubscription's
   * snapshot (no second GAP for messages already in flight). All: a new connection, whose first
   * sequence_num sets the baseline and whose first level2 message per product must be a snapshot.
   */
  reset(instrumentId?: number): void {
    if (instrumentId === undefined) {
      this.lastConnectionSequence = SEQUENCE_NONE;
      this.states.fill(AWAITING_SNAPSHOT);
      this.lastSequences.fill(SEQUENCE_NONE);
      this.expectedSequences.fill(SEQUENCE_NONE);
      return;
    }
    if (instrumentId >= this.states.length) this.grow(instrumentId);
    this.states[instrumentId] = RESYNCING;
    this.lastSequences[instrumentId] = SEQUENCE_NONE;
    this.expectedSequences[instrumentId] = SEQUENCE_NONE;
  }

  /** Cold: room for instrument ids up to `id`. */
  private grow(id: number): void {
    let capacity = this.states.length;
    while (capacity <= id) capacity *= 2;
    const states = new Uint8Array(capacity);
    states.set(this.states);
    const lastSequences = new Float64Array(capacity).fill(SEQUENCE_NONE);
    lastSequences.set(this.lastSequences);
    const expectedSequences = new Float64Array(capacity).fill(SEQUENCE_NONE);
    expectedSequences.set(this.expectedSequences);
    this.states = states;
    this.lastSequences = lastSequences;
    this.expectedSequences = expectedSequences;
  }
}
