// Connection lifecycle shared by every venue: connect, subscribe, heartbeat, parse, sync, write,
// resync one symbol at a time (with a deadline), reconnect with jittered backoff, rotate before forced disconnects.
import WebSocket from 'ws';
import type { Logger } from '../../../config/logger.js';
import type { Instrument } from '../../../model/instrument.js';
import type { InstrumentRegistry } from '../../../model/instrument-registry.js';
import { GapReason, InstrumentStatus, SEQUENCE_NONE } from '../../../model/record-types.js';
import { createFeedCounters, type FeedCounters } from './feed-counters.js';
import { FrameKind, ParsedBook, ParsedFrame } from './parsed-frame.js';
import { ReconnectBackoff } from './reconnect-backoff.js';
import { ResyncDeadlines, ResyncStep, resolveResyncDeadlineOptions, resyncCheckIntervalMs, type ResyncDeadlineOptions } from './resync-deadlines.js';
import type { RingRecordWriter } from './ring-record-writer.js';
import { scalesOf } from './parse-context.js';
import { NativeSymbolResolver } from './symbol-resolver.js';
import { SyncOutcome, type BookSync, type ConnectionPlan, type ParseContext, type VenueDialect } from './venue-dialect.js';

export interface VenueFeedOptions {
  dialect: VenueDialect;
  registry: InstrumentRegistry;
  instruments: readonly Instrument[];
  restBaseUrl: string;
  wsBaseUrl: string;
  writer: RingRecordWriter;
  logger: Logger;
  /** 'fast' = byte scanners (production), 'reference' = JSON.parse (diagnostics). */
  parser: 'fast' | 'reference';
  /** No frame for this long marks the connection's books stale and reconnects it. */
  staleAfterMs: number;
  reconnectInitialMs: number;
  reconnectMaxMs: number;
  /**
   * Deadline and retry policy of each snapshot wait (resync-deadlines.ts): default 5 s deadline,
   * re-issue after 0.5 s doubling to 30 s (jittered), reconnect after 3 failed attempts.
   */
  resync?: Partial<ResyncDeadlineOptions>;
}

/** Unknown shapes and venue errors are logged for the first few only: never per message. */
const MAX_LOGGED_ODDITIES = 5;

export class VenueFeed {
  readonly counters: FeedCounters = createFeedCounters();
  private readonly connections: FeedConnection[] = [];
  private readonly connectionOf = new Map<number, FeedConnection>();
  private readonly context: Omit<ParseContext, 'symbols'>;
  private stopped = false;
  readonly resyncOptions: Readonly<ResyncDeadlineOptions>;

  constructor(readonly options: VenueFeedOptions) {
    this.context = scalesOf(options.registry);
    this.resyncOptions = resolveResyncDeadlineOptions(options.resync);
  }

  start(): void {
    for (const plan of this.options.dialect.planConnections(this.options.instruments)) {
      const byId = new Map(this.options.instruments.map((instrument) => [instrument.numericId, instrument]));
      const symbols = new NativeSymbolResolver(plan.instrumentIds.map((id) => [byId.get(id)!.native, id] as const));
      const connection = new FeedConnection(this, plan, { ...this.context, symbols });
      this.connections.push(connection);
      for (const id of plan.instrumentIds) this.connectionOf.set(id, connection);
      connection.open();
    }
  }

  stop(): void {
    this.stopped = true;
    for (const connection of this.connections) connection.close();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Resynchronises one instrument (gap, checksum failure, ring overflow), leaving the others flowing. */
  resync(instrumentId: number, reason: GapReason): void {
    this.connectionOf.get(instrumentId)?.resync(instrumentId, reason);
  }

  noteOddity(kind: 'unknown' | 'venue-error', text: string, connection: string): void {
    const count = kind === 'unknown' ? ++this.counters.unknownFrames : ++this.counters.venueErrors;
    if (count <= MAX_LOGGED_ODDITIES) {
      this.options.logger.warn({ connection, kind, frame: text.slice(0, 300), count }, kind === 'unknown' ? 'frame of an unknown shape ignored' : 'venue reported an error');
    }
  }
}

/*
 * Snapshot waits. A resync (and the first snapshot a subscription or the Binance procedure waits
 * for) is tracked by ResyncDeadlines: the wait ends when a snapshot applies; if none has applied
 * by the deadline, the resync counts as timed out (counters.resyncTimeouts, one warn log), backs
 * off and is issued again (resubscribe: the book's sync is reset first so in-flight updates stay
 * silent; REST: a new request, the one in flight is aborted); after a few failed attempts in a row
 * the connection is dropped and reconnected, which resyncs every book on it. One timer per
 * connection checks the deadlines; the frame path only marks a wait complete.
 */

/** One WebSocket connection of a feed, with its own sync state and parse buffers. */
class FeedConnection {
  private socket: WebSocket | null = null;
  private readonly frame = new ParsedFrame();
  private readonly restBook = new ParsedBook();
  private readonly sync: BookSync;
  private readonly backoff: ReconnectBackoff;
  private readonly deadlines: ResyncDeadlines;
  /** Instruments whose subscription itself brings the first snapshot (resubscribe venues): waited for from open. */
  private readonly subscriptionSnapshotIds: readonly number[];
  /** REST snapshot requests in flight, by instrument id (aborted when they time out or the connection ends). */
  private readonly restRequests = new Map<number, AbortController>();
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private staleTimer: NodeJS.Timeout | null = null;
  private resyncTimer: NodeJS.Timeout | null = null;
  private rotationTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private lastFrameAt = 0;
  private readonly onMessage = (data: Buffer): void => this.handleFrame(data);

  constructor(
    private readonly feed: VenueFeed,
    private readonly plan: ConnectionPlan,
    private readonly context: ParseContext,
  ) {
    const { dialect, registry } = feed.options;
    this.sync = dialect.createSync();
    this.backoff = new ReconnectBackoff(feed.options.reconnectInitialMs, feed.options.reconnectMaxMs);
    this.deadlines = new ResyncDeadlines(Math.max(-1, ...plan.instrumentIds) + 1, feed.resyncOptions);
    this.subscriptionSnapshotIds = plan.instrumentIds.filter((id) => dialect.resyncPlan(registry.requireByNumericId(id)).kind === 'resubscribe');
  }

  private get logger(): Logger {
    return this.feed.options.logger;
  }

  open(): void {
    const { wsBaseUrl, dialect, staleAfterMs } = this.feed.options;
    const socket = new WebSocket(`${wsBaseUrl}${this.plan.path}`, { perMessageDeflate: false });
    this.socket = socket;
    socket.on('open', () => {
      this.logger.info({ connection: this.plan.name, instruments: this.plan.instrumentIds.length }, 'venue connection open');
      for (const frame of this.plan.subscribeFrames) socket.send(frame);
      this.lastFrameAt = Date.now();
      // The subscription's first snapshot has a deadline too: a lost one would otherwise leave the
      // book unsynced for the connection's life (OKX drops updates before it without a gap).
      for (const id of this.subscriptionSnapshotIds) this.deadlines.begin(id, this.lastFrameAt, false);
      this.startTimers(dialect, staleAfterMs);
    });
    socket.on('message', this.onMessage);
    socket.on('error', (error) => this.logger.warn({ connection: this.plan.name, error: error.message }, 'venue connection error'));
    socket.on('close', (code, reason) => this.onClose(socket, code, reason.toString()));
  }

  close(): void {
    this.stopTimers();
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.abortRestRequests();
    this.socket?.close(1000);
    this.socket = null;
  }

  private startTimers(dialect: VenueDialect, staleAfterMs: number): void {
    const heartbeat = dialect.heartbeat;
    if (heartbeat.kind !== 'none') {
      this.heartbeatTimer = setInterval(() => {
        if (heartbeat.kind === 'ws-ping') this.socket?.ping();
        else this.socket?.send(heartbeat.frame);
      }, heartbeat.intervalMs);
    }
    this.staleTimer = setInterval(() => {
      if (Date.now() - this.lastFrameAt <= staleAfterMs) return;
      this.feed.counters.staleTimeouts++;
      this.logger.warn({ connection: this.plan.name, silentMs: Date.now() - this.lastFrameAt }, 'venue connection stale; reconnecting');
      for (const id of this.plan.instrumentIds) this.feed.options.writer.emitStatus(id, InstrumentStatus.STALE);
      this.feed.options.writer.endFrame();
      this.socket?.terminate();
    }, Math.max(100, Math.floor(staleAfterMs / 4)));
    this.resyncTimer = setInterval(() => this.checkResyncDeadlines(), resyncCheckIntervalMs(this.feed.resyncOptions.timeoutMs));
    if (dialect.maxConnectionLifetimeMs !== null) {
      this.rotationTimer = setTimeout(() => {
        this.logger.info({ connection: this.plan.name }, 'rotating venue connection before its forced disconnect');
        this.socket?.close(1000, 'rotation');
      }, dialect.maxConnectionLifetimeMs);
    }
  }

  private stopTimers(): void {
    for (const timer of [this.heartbeatTimer, this.staleTimer, this.resyncTimer]) if (timer !== null) clearInterval(timer);
    if (this.rotationTimer !== null) clearTimeout(this.rotationTimer);
    this.heartbeatTimer = this.staleTimer = this.resyncTimer = this.rotationTimer = null;
  }

  private onClose(socket: WebSocket, code: number, reason: string): void {
    if (socket !== this.socket) return;
    this.stopTimers();
    this.socket = null;
    this.deadlines.clear();
    this.abortRestRequests();
    if (this.feed.isStopped) return;
    // Every book on this connection is now unverified until its fresh snapshot.
    const writer = this.feed.options.writer;
    writer.beginFrame();
    for (const id of this.plan.instrumentIds) writer.emitGap(id, GapReason.RECONNECT, SEQUENCE_NONE, SEQUENCE_NONE);
    writer.endFrame();
    this.sync.reset();
    const delayMs = reason === 'rotation' ? 0 : this.backoff.next();
    this.feed.counters.reconnects++;
    this.logger.warn({ connection: this.plan.name, code, reason, delayMs }, 'venue connection closed; reconnecting');
    this.reconnectTimer = setTimeout(() => this.open(), delayMs);
  }

  /** The per-frame path: parse, connection-level continuity, per-book sync, trades, BBOs, publish. */
  private handleFrame(data: Buffer): void {
    const feed = this.feed;
    const { dialect, writer } = feed.options;
    const frame = this.frame;
    feed.counters.frames++;
    this.lastFrameAt = Date.now();
    frame.reset();
    if (feed.options.parser === 'fast') dialect.parseFast(data, data.length, this.context, frame);
    else dialect.parseReference(data.toString('utf8'), this.context, frame);

    if (frame.kind !== FrameKind.MARKET_DATA) {
      if (frame.kind === FrameKind.UNKNOWN) feed.noteOddity('unknown', data.toString('utf8'), this.plan.name);
      else if (frame.kind === FrameKind.VENUE_ERROR) feed.noteOddity('venue-error', frame.errorText, this.plan.name);
      else if (frame.kind === FrameKind.SUBSCRIBED) this.backoff.reset();
      if (frame.connectionSequence !== SEQUENCE_NONE && !this.sync.onConnectionSequence(frame.connectionSequence)) this.resyncConnection();
      return;
    }
    writer.beginFrame();
    if (frame.connectionSequence !== SEQUENCE_NONE && !this.sync.onConnectionSequence(frame.connectionSequence)) {
      writer.endFrame();
      this.resyncConnection();
      return;
    }
    for (let i = 0; i < frame.bookCount; i++) {
      const book = frame.books[i]!;
      const outcome = this.sync.onBook(book, writer);
      if (outcome === SyncOutcome.GAP) {
        feed.counters.gaps++;
        this.startResync(book.instrumentId);
      } else if (outcome === SyncOutcome.BUFFERED && this.sync.wantsRestSnapshot(book.instrumentId)) {
        // The first snapshot of the documented sync procedure, not a resync.
        this.startResync(book.instrumentId, false);
      } else if (outcome === SyncOutcome.APPLIED && book.isSnapshot) {
        this.deadlines.complete(book.instrumentId);
      }
    }
    if (frame.trades.count > 0) writer.emitTrades(frame.trades);
    if (frame.bbos.count > 0) writer.emitBbos(frame.bbos);
    writer.endFrame();
    if (writer.overflowed.size > 0) {
      const lost = [...writer.overflowed].filter((id) => this.connectionOwns(id));
      for (const id of lost) {
        writer.overflowed.delete(id);
        this.resync(id, GapReason.SEQUENCE_GAP);
      }
    }
  }

  private connectionOwns(instrumentId: number): boolean {
    return this.plan.instrumentIds.includes(instrumentId);
  }

  /** A gap on a connection-wide sequence (Coinbase): every book on it resyncs. */
  private resyncConnection(): void {
    this.feed.counters.gaps++;
    for (const id of this.plan.instrumentIds) this.resync(id, GapReason.SEQUENCE_GAP);
  }

  /** Marks the book untrusted (GAP record) and starts its resync, unless one is under way (its deadline covers it). */
  resync(instrumentId: number, reason: GapReason): void {
    if (this.deadlines.isResync(instrumentId)) return;
    const writer = this.feed.options.writer;
    writer.beginFrame();
    writer.emitGap(instrumentId, reason, SEQUENCE_NONE, SEQUENCE_NONE);
    writer.endFrame();
    this.sync.reset(instrumentId);
    this.startResync(instrumentId);
  }

  /**
   * Starts a snapshot wait and sends its request. A resync already under way is left to its
   * deadline. A GAP while the subscription's first snapshot is awaited means that snapshot was
   * lost (Bybit, Coinbase: an update came first), so the wait becomes a counted resync at once.
   */
  private startResync(instrumentId: number, countAsResync = true): void {
    const deadlines = this.deadlines;
    if (deadlines.isPending(instrumentId) && (deadlines.isResync(instrumentId) || !countAsResync)) return;
    if (countAsResync) this.feed.counters.resyncs++;
    this.issueResync(instrumentId, deadlines.begin(instrumentId, Date.now(), countAsResync));
  }

  /** Sends the dialect's resync request for one attempt (`generation`). */
  private issueResync(instrumentId: number, generation: number): void {
    const instrument = this.feed.options.registry.requireByNumericId(instrumentId);
    const plan = this.feed.options.dialect.resyncPlan(instrument);
    if (plan.kind === 'resubscribe') {
      // Not open yet (or closing): the subscription sent on open brings the snapshot instead.
      if (this.socket?.readyState !== WebSocket.OPEN) return;
      for (const frame of plan.frames) this.socket.send(frame);
      return;
    }
    void this.fetchRestSnapshot(instrumentId, plan.path, generation, 0);
  }

  /** The check timer (cold): overdue snapshot waits time out, back off, are issued again, or reconnect the connection. */
  private checkResyncDeadlines(): void {
    const deadlines = this.deadlines;
    if (deadlines.pendingCount === 0) return;
    const now = Date.now();
    for (const id of this.plan.instrumentIds) {
      const step = deadlines.poll(id, now);
      if (step === ResyncStep.NONE) continue;
      if (step === ResyncStep.REISSUE) {
        const instrument = this.feed.options.registry.requireByNumericId(id);
        // Resubscribe: updates of the old subscription still in flight stay silent (no second GAP).
        if (this.feed.options.dialect.resyncPlan(instrument).kind === 'resubscribe') this.sync.reset(id);
        this.issueResync(id, deadlines.generationOf(id));
        continue;
      }
      this.feed.counters.resyncTimeouts++;
      this.abortRestRequest(id);
      const fields = {
        connection: this.plan.name,
        instrument: this.feed.options.registry.requireByNumericId(id).id,
        firstSnapshot: !deadlines.isResync(id),
        timeoutMs: deadlines.options.timeoutMs,
        failedAttempts: deadlines.failuresOf(id),
      };
      if (step === ResyncStep.RECONNECT) {
        this.logger.warn(fields, 'resync snapshot overdue again; reconnecting the connection');
        this.socket?.terminate();
        return;
      }
      this.logger.warn({ ...fields, retryInMs: deadlines.dueInMs(id, now) }, 'resync snapshot overdue; resyncing again');
    }
  }

  private abortRestRequest(instrumentId: number): void {
    this.restRequests.get(instrumentId)?.abort();
    this.restRequests.delete(instrumentId);
  }

  private abortRestRequests(): void {
    for (const request of this.restRequests.values()) request.abort();
    this.restRequests.clear();
  }

  /** One attempt's REST snapshot (`generation`); `retry` counts the refetches the Binance procedure asks for within it. */
  private async fetchRestSnapshot(instrumentId: number, path: string, generation: number, retry: number): Promise<void> {
    const { dialect, restBaseUrl, writer } = this.feed.options;
    if (this.feed.isStopped || !this.deadlines.isCurrent(instrumentId, generation)) return;
    const request = new AbortController();
    this.abortRestRequest(instrumentId);
    this.restRequests.set(instrumentId, request);
    try {
      const response = await fetch(`${restBaseUrl}${path}`, { signal: request.signal });
      if (!response.ok) throw new Error(`HTTP ${response.status} ${await response.text()}`);
      const body = await response.text();
      // Timed out, superseded, completed or the connection closed meanwhile: this answer is not awaited.
      if (this.feed.isStopped || !this.deadlines.isCurrent(instrumentId, generation)) return;
      this.feed.counters.restSnapshots++;
      dialect.parseRestSnapshot!(body, instrumentId, this.context, this.restBook);
      writer.beginFrame();
      const outcome = this.sync.onRestSnapshot(this.restBook, writer);
      writer.endFrame();
      if (outcome === SyncOutcome.APPLIED) this.deadlines.complete(instrumentId);
      else if (this.sync.wantsRestSnapshot(instrumentId)) {
        // Snapshot older than the buffered stream (Binance rule): fetch again, within the same deadline.
        setTimeout(() => void this.fetchRestSnapshot(instrumentId, path, generation, retry + 1), Math.min(1000, 50 * 2 ** retry));
      }
    } catch (error: unknown) {
      if (this.feed.isStopped || !this.deadlines.isCurrent(instrumentId, generation)) return;
      // An error answer (or a broken connection) before the deadline: back off and ask again.
      const delayMs = this.deadlines.fail(instrumentId, Date.now());
      this.logger.warn({ connection: this.plan.name, instrumentId, path, error: error instanceof Error ? error.message : String(error), delayMs }, 'REST snapshot failed; retrying');
    } finally {
      if (this.restRequests.get(instrumentId) === request) this.restRequests.delete(instrumentId);
    }
  }
}
