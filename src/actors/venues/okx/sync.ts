// OKX order book integrity per instrument: a snapshot starts the chain, each update's prevSeqId must be the last seqId.

import { ZvtError } from '../../../model/errors.js';
import { GapReason, SEQUENCE_NONE } from '../../../model/record-types.js';
import type { ParsedBook } from '../common/parsed-frame.js';
import { SyncOutcome, type BookEmitter, type BookSync } from '../common/venue-dialect.js';
import { ZVT_ERR_OKX_UNSUPPORTED } from './errors.js';

/*
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel (Sequence ID)
 *
 * - A snapshot (action "snapshot", prevSeqId -1) replaces the book and starts the chain at its seqId.
 * - An update applies when its prevSeqId equals the seqId of the previous message of that
 *   instrument. Anything else (a dropped, duplicated or reordered message) is a gap: a GAP record
 *   (SEQUENCE_GAP, expected = the last seqId, received = the update's prevSeqId), the instrument
 *   waits for a fresh snapshot (resyncPlan: unsubscribe + subscribe), and its updates until then
 *   are dropped (STALE). Other instruments on the connection are untouched.
 * - Keep-alive: after ~60 s without changes OKX sends an update with no levels whose seqId equals
 *   its prevSeqId (and the previous seqId). The chain rule accepts it as it is; it is written
 *   through (a batch end with no levels) so the book's last-update time proves the feed alive.
 * - Maintenance reset: "the sequence number may be reset due to maintenance, and in this case,
 *   users will receive an incremental message with seqId smaller than prevSeqId. However,
 *   subsequent messages will follow the regular sequencing rule." That message's prevSeqId still
 *   equals the previous seqId, so it applies, and the chain continues from its smaller seqId. No
 *   resync: the documentation asks for none, and the checksum (while OKX still sends one) would
 *   catch a book that went wrong.
 *
 * Checksums are not checked here: ParsedBook.checksum travels in the batch end and the instrument
 * actor compares it with its own book (0 = not sent). Before the first snapshot of a subscription
 * no update is expected; one that comes anyway is dropped (STALE) without a gap.
 */

const STATE_WAITING = 0;
const STATE_SYNCED = 1;

export class OkxBookSync implements BookSync {
  /** Per numeric instrument id: STATE_WAITING or STATE_SYNCED. Grows (cold) to the highest id seen. */
  private states = new Uint8Array(64);
  /** Per numeric instrument id: seqId of the last message applied. */
  private lastSequences = new Float64Array(64).fill(SEQUENCE_NONE);

  onBook(book: ParsedBook, emitter: BookEmitter): SyncOutcome {
    const instrumentId = book.instrumentId;
    if (instrumentId >= this.states.length) this.grow(instrumentId);
    if (book.isSnapshot) {
      emitter.emitSnapshot(book);
      this.states[instrumentId] = STATE_SYNCED;
      this.lastSequences[instrumentId] = book.sequence;
      return SyncOutcome.APPLIED;
    }
    if (this.states[instrumentId] !== STATE_SYNCED) return SyncOutcome.STALE;
    const expected = this.lastSequences[instrumentId]!;
    if (book.previousSequence !== expected) {
      this.states[instrumentId] = STATE_WAITING;
      this.lastSequences[instrumentId] = SEQUENCE_NONE;
      emitter.emitGap(instrumentId, GapReason.SEQUENCE_GAP, expected, book.previousSequence);
      return SyncOutcome.GAP;
    }
    emitter.emitUpdate(book);
    this.lastSequences[instrumentId] = book.sequence;
    return SyncOutcome.APPLIED;
  }

  /** OKX books resynchronise by resubscribing (a snapshot arrives on the stream), never over REST. */
  onRestSnapshot(_book: ParsedBook, _emitter: BookEmitter): SyncOutcome {
    throw new ZvtError(ZVT_ERR_OKX_UNSUPPORTED, 'OKX books never take a REST snapshot: wantsRestSnapshot is always false and resyncPlan resubscribes');
  }

  /** OKX does not number the messages of a connection. */
  onConnectionSequence(_sequence: number): boolean {
    return true;
  }

  wantsRestSnapshot(_instrumentId: number): boolean {
    return false;
  }

  reset(instrumentId?: number): void {
    if (instrumentId === undefined) {
      this.states.fill(STATE_WAITING);
      this.lastSequences.fill(SEQUENCE_NONE);
      return;
    }
    if (instrumentId >= this.states.length) return;
    this.states[instrumentId] = STATE_WAITING;
    this.lastSequences[instrumentId] = SEQUENCE_NONE;
  }

  /** Cold: the first message of an instrument id beyond the arrays. */
  private grow(instrumentId: number): void {
    let capacity = this.states.length;
    while (capacity <= instrumentId) capacity *= 2;
    const states = new Uint8Array(capacity);
    states.set(this.states);
    const lastSequences = new Float64Array(capacity).fill(SEQUENCE_NONE);
    lastSequences.set(this.lastSequences);
    this.states = states;
    this.lastSequences = lastSequences;
  }
}
