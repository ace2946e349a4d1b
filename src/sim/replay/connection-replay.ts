// What the sessions of one recorded connection get besides the recorded frames: faults, and the venue's answers to recovery.
import type { Recording } from '../recording/recording-format.js';
import { createBookTracker } from './books/create-book-tracker.js';
import type { ReplayBookTracker, SubscriptionRequest } from './books/replay-book-tracker.js';
import { ConnectionFaults } from './connection-faults.js';
import type { ReplayFaults } from './replay-faults.js';

/** A recorded frame as one session gets it: its text (null: withheld) and whether the connection's sessions close after it. */
export interface ServedFrame {
  text: string | null;
  disconnect: boolean;
}

export interface ConnectionReplayCounters {
  /** Frames the `drop` faults withheld. */
  dropped: number;
  /** Book frames withheld because the session was not subscribed to that book (a real venue would not send them). */
  skipped: number;
  /** Frames whose checksum the `corruptChecksum` faults broke. */
  corrupted: number;
  /** Frames the server wrote itself: subscription replies and fresh snapshots. */
  inserted: number;
  disconnects: number;
}

interface SessionState {
  /** The first session of the connection: the one the recorder's own subscriptions and replies belong to. */
  first: boolean;
  /** Whether the session gets a book's frames unless told otherwise: yes for the first session and URL-subscribed venues. */
  booksByDefault: boolean;
  /** Books whose state differs from booksByDefault (unsubscribed ones, or ones a reconnect subscribed). */
  bookExceptions: Set<string>;
  /** Channel → symbols the client subscribed to in this session. */
  subscriptions: Map<string, Set<string>>;
  /** Venue message number = recorded number + offset (null: a new session, numbered from its first message). */
  sequenceOffset: number | null;
  lastSequence: number | null;
}

/**
 * One per recorded connection. Every received frame the cursor passes goes through `serve`, which
 * feeds the connection's book tracker (the venue's own books move on whether or not the client
 * gets the frame), applies the faults, withholds book frames the session is not subscribed to,
 * and keeps a venue's per-connection message numbering continuous for the frames the server
 * inserts or withholds on purpose (a fault's drop stays visible). Client frames go through
 * `onClientFrame`, which answers a (re)subscription as the venue does: a reply, then a snapshot
 * of the current book.
 */
export class ConnectionReplay {
  readonly counters: ConnectionReplayCounters = { dropped: 0, skipped: 0, corrupted: 0, inserted: 0, disconnects: 0 };
  private readonly tracker: ReplayBookTracker | null;
  private readonly faults: ConnectionFaults;
  private readonly sessions = new Map<string, SessionState>();
  /** Received frames passed so far (sent or withheld). */
  private passed = 0;
  /** Book frames passed so far per symbol. */
  private readonly bookFrames = new Map<string, number>();

  constructor(recording: Recording, conn: string, faults: ReplayFaults) {
    this.tracker = createBookTracker(recording);
    this.faults = ConnectionFaults.of(faults, recording, conn);
  }

  openSession(sessionId: string, first: boolean): void {
    this.sessions.set(sessionId, {
      first,
      booksByDefault: first || !(this.tracker?.booksNeedSubscription ?? false),
      bookExceptions: new Set(),
      subscriptions: new Map(),
      sequenceOffset: first ? 0 : null,
      lastSequence: null,
    });
  }

  closeSession(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  /** The next recorded received frame, as session `sessionId` gets it. */
  serve(sessionId: string, frame: string): ServedFrame {
    const session = this.sessions.get(sessionId);
    const symbol = this.tracker?.observe(frame) ?? null;
    const ordinal = ++this.passed;
    let before = 0;
    if (symbol !== null) {
      before = this.bookFrames.get(symbol) ?? 0;
      this.bookFrames.set(symbol, before + 1);
    }
    const disconnect = this.faults.disconnectAfter(ordinal);
    if (disconnect) this.counters.disconnects++;
    if (session === undefined) return { text: null, disconnect };
    if (this.faults.drop(ordinal, symbol, before)) {
      this.counters.dropped++;
      // Numbered as if sent: the venue did send it, and the client must see the hole.
      this.number(session, frame);
      return { text: null, disconnect };
    }
    if (symbol !== null && !receivesBook(session, symbol)) {
      this.counters.skipped++;
      this.skipNumber(session, frame);
      return { text: null, disconnect };
    }
    let text = frame;
    if (this.faults.corruptChecksum(ordinal, symbol, before)) {
      const corrupted = this.tracker?.corruptChecksum(frame) ?? null;
      if (corrupted !== null) {
        text = corrupted;
        this.counters.corrupted++;
      }
    }
    return { text: this.number(session, text), disconnect };
  }

  /** Frames to send right away in answer to a client frame (empty for anything but a (re)subscription). */
  onClientFrame(sessionId: string, frame: string): string[] {
    const session = this.sessions.get(sessionId);
    const request = this.tracker?.readRequest(frame) ?? null;
    if (session === undefined || request === null || this.tracker === null) return [];
    this.noteSubscriptions(session, request);
    const snapshots: string[] = [];
    let reopened = false;
    for (const arg of request.args) {
      if (!arg.book || receivesBook(session, arg.symbol) === (request.operation === 'subscribe')) continue;
      toggle(session.bookExceptions, arg.symbol);
      if (request.operation === 'unsubscribe') continue;
      reopened = true;
      // No book yet (its recorded snapshot is still ahead): that snapshot will come in its time.
      const snapshot = this.tracker.snapshotFrame(arg.symbol);
      if (snapshot !== null) snapshots.push(snapshot);
    }
    // The first session's initial subscriptions were answered by the venue in the recording.
    const answer = !session.first || request.operation === 'unsubscribe' || reopened;
    const replies = answer ? this.tracker.acknowledge(request, sessionId, session.subscriptions) : [];
    const out = [...replies, ...snapshots].map((text) => this.numberInserted(session, text));
    this.counters.inserted += out.length;
    return out;
  }

  /** A REST response computed from the current books (Binance depth), or null to answer as recorded. */
  restResponse(path: string, query: URLSearchParams): string | null {
    return this.tracker?.restDepth(path, query) ?? null;
  }

  private noteSubscriptions(session: SessionState, request: SubscriptionRequest): void {
    for (const arg of request.args) {
      let symbols = session.subscriptions.get(arg.channel);
      if (symbols === undefined) {
        symbols = new Set();
        session.subscriptions.set(arg.channel, symbols);
      }
      if (request.operation === 'subscribe') symbols.add(arg.symbol);
      else symbols.delete(arg.symbol);
    }
  }

  /** A recorded frame's venue number in this session, rewritten when it differs from the recorded one. */
  private number(session: SessionState, frame: string): string {
    const sequence = this.tracker?.connectionSequence ?? null;
    const recorded = sequence?.of(frame) ?? null;
    if (sequence === null || recorded === null) return frame;
    // A new connection's numbering starts at 0 (or after the frames inserted before its first recorded one).
    session.sequenceOffset ??= (session.lastSequence === null ? 0 : session.lastSequence + 1) - recorded;
    const value = recorded + session.sequenceOffset;
    session.lastSequence = value;
    return value === recorded ? frame : sequence.rewrite(frame, value);
  }

  /** A recorded frame the session does not get on purpose: the venue would not have numbered it. */
  private skipNumber(session: SessionState, frame: string): void {
    const sequence = this.tracker?.connectionSequence ?? null;
    if (sequence !== null && session.sequenceOffset !== null && sequence.of(frame) !== null) session.sequenceOffset--;
  }

  private numberInserted(session: SessionState, frame: string): string {
    const sequence = this.tracker?.connectionSequence ?? null;
    if (sequence === null) return frame;
    const value = session.lastSequence === null ? 0 : session.lastSequence + 1;
    session.lastSequence = value;
    if (session.sequenceOffset !== null) session.sequenceOffset++;
    return sequence.rewrite(frame, value);
  }
}

function receivesBook(session: SessionState, symbol: string): boolean {
  return session.booksByDefault !== session.bookExceptions.has(symbol);
}

function toggle(set: Set<string>, value: string): void {
  if (!set.delete(value)) set.add(value);
}
