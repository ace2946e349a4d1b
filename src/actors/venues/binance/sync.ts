// Binance local order book procedure (spot U/u, USDⓈ-M futures pu) with REST snapshots, per symbol.
import { GapReason, SEQUENCE_NONE, type BookSide } from '../../../model/record-types.js';
import { ParsedBook } from '../common/parsed-frame.js';
import { SyncOutcome, type BookEmitter, type BookSync } from '../common/venue-dialect.js';
import { BinanceMarket } from './market.js';

/*
 * "How to manage a local order book correctly":
 *   spot    https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#how-to-manage-a-local-order-book-correctly
 *   futures https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/How-to-manage-a-local-order-book-correctly
 *
 * Both: buffer the diff events, fetch a REST snapshot, drop the events it already covers, start
 * from the snapshot, apply the rest in order.
 *
 * Spot (events carry U..u, consecutive per symbol):
 *   - snapshot lastUpdateId < U of the first buffered event → too old, fetch another;
 *   - drop events with u <= lastUpdateId; the first applied must have U <= lastUpdateId+1 <= u;
 *   - then for each event: u <= book id → stale, ignored (a duplicate or an old event carries
 *     nothing new); U > book id + 1 → events were missed: GAP; else apply, book id = u.
 * USDⓈ-M futures (update ids are not consecutive; pu names the previous event's u):
 *   - drop events with u < lastUpdateId; the first applied must have U <= lastUpdateId <= u;
 *   - afterwards each event's pu must equal the previous event's u, else GAP.
 *
 * A GAP writes a GAP record (GapReason.SEQUENCE_GAP, expected vs received id), forgets the book
 * and buffers again from the event that showed the gap, so `wantsRestSnapshot` turns true and the
 * feed fetches a fresh snapshot; other symbols are not touched. Events are buffered as copies in
 * pooled ParsedBooks (bounded; the oldest go first), so buffering allocates only while the pool
 * grows. Synced updates are checked and emitted without allocating.
 */

/** Buffered events per symbol at most (~7 minutes of 100 ms diffs); older ones are dropped first. */
export const BINANCE_MAX_BUFFERED_EVENTS = 4096;

const Phase = { AWAITING_SNAPSHOT: 0, SYNCED: 1 } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

const Verdict = { APPLY: 0, STALE: 1, GAP: 2 } as const;
type Verdict = (typeof Verdict)[keyof typeof Verdict];

/** Sync state of one symbol. */
class SymbolState {
  phase: Phase = Phase.AWAITING_SNAPSHOT;
  /** The book's update id: lastUpdateId of the snapshot, then u of the last applied event. */
  bookUpdateId = SEQUENCE_NONE;
  /** Futures: the next event is the first after the snapshot (bridging rule instead of pu). */
  awaitingFirstEvent = false;
  /** Buffered events, oldest first, and spare copies to reuse. */
  readonly buffered: ParsedBook[] = [];
  private readonly spare: ParsedBook[] = [];

  buffer(book: ParsedBook): void {
    if (this.buffered.length >= BINANCE_MAX_BUFFERED_EVENTS) this.dropOldest();
    const copy = this.spare.pop() ?? new ParsedBook(Math.max(1, book.levelCount));
    copyBook(book, copy);
    this.buffered.push(copy);
  }

  dropOldest(): void {
    const oldest = this.buffered.shift();
    if (oldest !== undefined) this.spare.push(oldest);
  }

  forget(): void {
    this.phase = Phase.AWAITING_SNAPSHOT;
    this.bookUpdateId = SEQUENCE_NONE;
    this.awaitingFirstEvent = false;
    while (this.buffered.length > 0) this.dropOldest();
  }
}

/** The BookSync of both Binance markets; `market` picks the spot or the futures continuity rule. */
export class BinanceDepthSync implements BookSync {
  private readonly symbols = new Map<number, SymbolState>();
  private readonly futures: boolean;

  constructor(market: BinanceMarket) {
    this.futures = market === BinanceMarket.USD_M_FUTURES;
  }

  onBook(book: ParsedBook, emitter: BookEmitter): SyncOutcome {
    if (book.isSnapshot) return this.onRestSnapshot(book, emitter);
    const state = this.stateOf(book.instrumentId);
    if (state.phase === Phase.AWAITING_SNAPSHOT) {
      state.buffer(book);
      return SyncOutcome.BUFFERED;
    }
    const verdict = this.verdictOf(state, book);
    if (verdict === Verdict.STALE) return SyncOutcome.STALE;
    if (verdict === Verdict.GAP) {
      this.emitGap(state, book, emitter);
      state.forget();
      state.buffer(book);
      return SyncOutcome.GAP;
    }
    emitter.emitUpdate(book);
    this.advance(state, book);
    return SyncOutcome.APPLIED;
  }

  onRestSnapshot(book: ParsedBook, emitter: BookEmitter): SyncOutcome {
    const state = this.stateOf(book.instrumentId);
    const snapshotUpdateId = book.sequence;
    if (state.phase === Phase.SYNCED) {
      // A snapshot for a book that is already live: only ever move forward. An older one changes
      // nothing, and the book stays synced, which is what APPLIED tells the feed.
      if (snapshotUpdateId < state.bookUpdateId) return SyncOutcome.APPLIED;
      emitter.emitSnapshot(book);
      state.bookUpdateId = snapshotUpdateId;
      state.awaitingFirstEvent = this.futures;
      return SyncOutcome.APPLIED;
    }
    const buffered = state.buffered;
    // Spot step 4: a snapshot older than the first buffered event cannot be bridged; fetch again.
    if (buffered.length > 0 && snapshotUpdateId < buffered[0]!.firstSequence) return SyncOutcome.STALE;
    state.bookUpdateId = snapshotUpdateId;
    state.awaitingFirstEvent = this.futures;
    while (buffered.length > 0 && this.verdictOf(state, buffered[0]!) === Verdict.STALE) state.dropOldest();
    // The first event it does not cover must start inside it; if not, this snapshot is no use.
    if (buffered.length > 0 && this.verdictOf(state, buffered[0]!) === Verdict.GAP) return SyncOutcome.STALE;
    emitter.emitSnapshot(book);
    state.phase = Phase.SYNCED;
    while (buffered.length > 0) {
      const event = buffered[0]!;
      const verdict = this.verdictOf(state, event);
      if (verdict === Verdict.GAP) {
        // A hole inside the buffered stream: keep this event and what follows, resync again.
        this.emitGap(state, event, emitter);
        state.phase = Phase.AWAITING_SNAPSHOT;
        state.bookUpdateId = SEQUENCE_NONE;
        state.awaitingFirstEvent = false;
        return SyncOutcome.GAP;
      }
      if (verdict === Verdict.APPLY) {
        emitter.emitUpdate(event);
        this.advance(state, event);
      }
      state.dropOldest();
    }
    return SyncOutcome.APPLIED;
  }

  /** Binance numbers nothing per connection. */
  onConnectionSequence(_sequence: number): boolean {
    return true;
  }

  wantsRestSnapshot(instrumentId: number): boolean {
    const state = this.symbols.get(instrumentId);
    return state !== undefined && state.phase === Phase.AWAITING_SNAPSHOT && state.buffered.length > 0;
  }

  reset(instrumentId?: number): void {
    if (instrumentId === undefined) {
      for (const state of this.symbols.values()) state.forget();
      return;
    }
    this.symbols.get(instrumentId)?.forget();
  }

  /** What the documented rules say about `event` given the book's update id. */
  private verdictOf(state: SymbolState, event: ParsedBook): Verdict {
    const bookUpdateId = state.bookUpdateId;
    if (!this.futures) {
      if (event.sequence <= bookUpdateId) return Verdict.STALE;
      return event.firstSequence > bookUpdateId + 1 ? Verdict.GAP : Verdict.APPLY;
    }
    if (state.awaitingFirstEvent) {
      if (event.sequence < bookUpdateId) return Verdict.STALE;
      return event.firstSequence <= bookUpdateId ? Verdict.APPLY : Verdict.GAP;
    }
    return event.previousSequence === bookUpdateId ? Verdict.APPLY : Verdict.GAP;
  }

  private advance(state: SymbolState, event: ParsedBook): void {
    state.bookUpdateId = event.sequence;
    state.awaitingFirstEvent = false;
  }

  /** Expected vs received: spot the next U (book id + 1); futures the pu (or, first after a snapshot, a U within it). */
  private emitGap(state: SymbolState, event: ParsedBook, emitter: BookEmitter): void {
    const pendingFirst = !this.futures || state.awaitingFirstEvent;
    const expected = this.futures ? state.bookUpdateId : state.bookUpdateId + 1;
    const received = pendingFirst ? event.firstSequence : event.previousSequence;
    emitter.emitGap(event.instrumentId, GapReason.SEQUENCE_GAP, expected, received);
  }

  private stateOf(instrumentId: number): SymbolState {
    let state = this.symbols.get(instrumentId);
    if (state === undefined) {
      state = new SymbolState();
      this.symbols.set(instrumentId, state);
    }
    return state;
  }
}

/** The spot dialect's sync. */
export function createSync(): BookSync {
  return new BinanceDepthSync(BinanceMarket.SPOT);
}

/** Copies a parsed event into a pooled book (levels too); allocates only when `target` must grow. */
function copyBook(source: ParsedBook, target: ParsedBook): void {
  target.reset(source.instrumentId, source.isSnapshot);
  target.sequence = source.sequence;
  target.firstSequence = source.firstSequence;
  target.previousSequence = source.previousSequence;
  target.checksum = source.checksum;
  target.hasEventTime = source.hasEventTime;
  target.eventSeconds = source.eventSeconds;
  target.eventNanos = source.eventNanos;
  for (let index = 0; index < source.levelCount; index++) {
    target.pushLevel(
      source.sides[index] as BookSide,
      source.prices[index]!,
      source.sizes[index]!,
      source.priceTextDecimals[index]!,
      source.sizeTextDecimals[index]!,
    );
  }
}
