// Per-symbol deadlines of one connection's snapshot waits: an overdue resync is issued again after a jittered, doubling backoff, and a few misses in a row give up on the connection.
import { ZvtError } from '../../../model/errors.js';
import { ZVT_ERR_VENUE_FEED_OPTIONS } from './errors.js';

/*
 * Why: a resync (REST depth snapshot, or unsubscribe + subscribe answered by a snapshot frame) is
 * one request and one answer. If the answer is lost (a dropped frame, a refused subscription, a
 * REST request that fails or hangs), nothing else would ever complete the wait: the book stays
 * RESYNCING while the connection lives, and its updates are dropped as stale. So every wait has a
 * deadline.
 *
 *   begin ──► AWAITING_SNAPSHOT ──snapshot applied──► IDLE (complete)
 *                 │  ▲
 *     deadline    │  │ backoff over: issue the resync again (REISSUE), new deadline
 *     passed      ▼  │
 *               BACKING_OFF            (a REST error answered early goes here too: fail)
 *
 * The deadline is fixed (timeoutMs): a snapshot that has not come by then is lost, waiting longer
 * does not bring it. The pause before asking again doubles with each failed attempt (equal jitter:
 * uniform in [ceiling/2, ceiling], so symbols that failed together do not ask again together, and
 * the pause never collapses to 0). When the deadline passes for the Nth consecutive failed
 * attempt (failuresBeforeReconnect), poll answers RECONNECT: the feed drops the connection, which
 * resyncs every book on it from the new subscription.
 *
 * State lives in typed arrays indexed by numeric instrument id; complete() (called when a snapshot
 * applies) is one array store. poll() is for a timer (RESYNC_CHECK_INTERVAL_MS), never per message.
 */

/** How long a resync waits for its snapshot before it counts as lost (resyncTimeouts) and is issued again. */
export const RESYNC_TIMEOUT_MS = 5_000;
/** Pause before the first re-issue; doubles per failed attempt up to RESYNC_RETRY_MAX_MS (equal jitter). */
export const RESYNC_RETRY_INITIAL_MS = 500;
export const RESYNC_RETRY_MAX_MS = 30_000;
/** Consecutive failed attempts of one symbol (the last one a missed deadline) before its connection is reconnected. */
export const RESYNC_FAILURES_BEFORE_RECONNECT = 3;
/** How often a connection checks its deadlines (a shorter deadline checks proportionally more often). */
export const RESYNC_CHECK_INTERVAL_MS = 500;

export interface ResyncDeadlineOptions {
  /** Wait for a resync's snapshot at most this long (ms). */
  timeoutMs: number;
  /** Pause before the first re-issue (ms); doubles per failed attempt. */
  retryInitialMs: number;
  /** Upper bound of that pause (ms). */
  retryMaxMs: number;
  /** Consecutive failed attempts, the last one timed out, before the connection is reconnected. */
  failuresBeforeReconnect: number;
}

export const DEFAULT_RESYNC_DEADLINE_OPTIONS: Readonly<ResyncDeadlineOptions> = Object.freeze({
  timeoutMs: RESYNC_TIMEOUT_MS,
  retryInitialMs: RESYNC_RETRY_INITIAL_MS,
  retryMaxMs: RESYNC_RETRY_MAX_MS,
  failuresBeforeReconnect: RESYNC_FAILURES_BEFORE_RECONNECT,
});

/** Defaults overlaid with `options`, validated (ZVT_ERR_VENUE_FEED_OPTIONS names the field). */
export function resolveResyncDeadlineOptions(options: Partial<ResyncDeadlineOptions> = {}): Readonly<ResyncDeadlineOptions> {
  const resolved = { ...DEFAULT_RESYNC_DEADLINE_OPTIONS, ...options };
  for (const field of ['timeoutMs', 'retryInitialMs', 'retryMaxMs', 'failuresBeforeReconnect'] as const) {
    const value = resolved[field];
    if (!Number.isSafeInteger(value) || value < 1) throw new ZvtError(ZVT_ERR_VENUE_FEED_OPTIONS, `resync.${field} must be a positive integer, got ${String(value)}`, { field, value });
  }
  if (resolved.retryMaxMs < resolved.retryInitialMs) {
    throw new ZvtError(ZVT_ERR_VENUE_FEED_OPTIONS, `resync.retryMaxMs (${resolved.retryMaxMs}) must be at least resync.retryInitialMs (${resolved.retryInitialMs})`);
  }
  if (resolved.failuresBeforeReconnect > 100) throw new ZvtError(ZVT_ERR_VENUE_FEED_OPTIONS, `resync.failuresBeforeReconnect must be at most 100, got ${resolved.failuresBeforeReconnect}`);
  return Object.freeze(resolved);
}

/** The check interval for a deadline: RESYNC_CHECK_INTERVAL_MS, or a tenth of a shorter deadline (at least 10 ms). */
export function resyncCheckIntervalMs(timeoutMs: number): number {
  return Math.min(RESYNC_CHECK_INTERVAL_MS, Math.max(10, Math.floor(timeoutMs / 10)));
}

const Phase = { IDLE: 0, AWAITING_SNAPSHOT: 1, BACKING_OFF: 2 } as const;

/** What poll() asks the feed to do for one symbol. */
export const ResyncStep = {
  NONE: 0,
  /** The deadline passed: count it, log it; the symbol now backs off (abort a REST request still in flight). */
  TIMED_OUT: 1,
  /** The backoff is over: issue the resync again (the deadline restarted). */
  REISSUE: 2,
  /** The deadline passed once more than the symbol may fail: reconnect its connection. */
  RECONNECT: 3,
} as const;
export type ResyncStep = (typeof ResyncStep)[keyof typeof ResyncStep];

export class ResyncDeadlines {
  private readonly phases: Uint8Array;
  /** Deadline (AWAITING_SNAPSHOT) or end of the pause (BACKING_OFF), epoch ms. */
  private readonly dueAt: Float64Array;
  /** Failed attempts since begin(). */
  private readonly failures: Uint8Array;
  /** 1: a counted resync; 0: the first snapshot of a subscription (see begin). */
  private readonly counted: Uint8Array;
  /** Bumped by every begin and re-issue, so an answer to an older attempt is recognised (isCurrent). */
  private readonly generations: Uint32Array;
  private pending = 0;

  constructor(
    /** Highest numeric instrument id this connection carries, plus one. */
    capacity: number,
    readonly options: Readonly<ResyncDeadlineOptions> = DEFAULT_RESYNC_DEADLINE_OPTIONS,
    private readonly random: () => number = Math.random,
  ) {
    this.phases = new Uint8Array(capacity);
    this.dueAt = new Float64Array(capacity);
    this.failures = new Uint8Array(capacity);
    this.counted = new Uint8Array(capacity);
    this.generations = new Uint32Array(capacity);
  }

  /** Symbols waiting for a snapshot or backing off. */
  get pendingCount(): number {
    return this.pending;
  }

  isPending(instrumentId: number): boolean {
    return this.phases[instrumentId] !== Phase.IDLE;
  }

  /** The pending wait is a resync (false: the first snapshot of a subscription or of the Binance procedure). */
  isResync(instrumentId: number): boolean {
    return this.isPending(instrumentId) && this.counted[instrumentId] === 1;
  }

  /** True while `generation` is the attempt the symbol is waiting on (not timed out, superseded or completed). */
  isCurrent(instrumentId: number, generation: number): boolean {
    return this.phases[instrumentId] === Phase.AWAITING_SNAPSHOT && this.generations[instrumentId] === generation;
  }

  generationOf(instrumentId: number): number {
    return this.generations[instrumentId]!;
  }

  failuresOf(instrumentId: number): number {
    return this.failures[instrumentId]!;
  }

  /** Milliseconds until the symbol's deadline or end of pause (0 when idle or overdue). */
  dueInMs(instrumentId: number, nowMs: number): number {
    return this.isPending(instrumentId) ? Math.max(0, this.dueAt[instrumentId]! - nowMs) : 0;
  }

  /** A wait starts (the request is being sent now): deadline now + timeoutMs, no failures yet. Returns the attempt's generation. */
  begin(instrumentId: number, nowMs: number, isResync: boolean): number {
    if (this.phases[instrumentId] === Phase.IDLE) this.pending++;
    this.phases[instrumentId] = Phase.AWAITING_SNAPSHOT;
    this.dueAt[instrumentId] = nowMs + this.options.timeoutMs;
    this.failures[instrumentId] = 0;
    this.counted[instrumentId] = isResync ? 1 : 0;
    return ++this.generations[instrumentId]!;
  }

  /** The snapshot applied: the wait is over. */
  complete(instrumentId: number): void {
    if (this.phases[instrumentId] === Phase.IDLE) return;
    this.phases[instrumentId] = Phase.IDLE;
    this.failures[instrumentId] = 0;
    this.pending--;
  }

  /**
   * The attempt in flight failed before its deadline (a REST error answer): back off, then poll
   * re-issues. Not a timeout, so it alone never reconnects (a venue answering errors is reachable;
   * a new WebSocket would not fix its REST endpoint). Returns the pause in ms (0 if not awaiting).
   */
  fail(instrumentId: number, nowMs: number): number {
    if (this.phases[instrumentId] !== Phase.AWAITING_SNAPSHOT) return 0;
    return this.backOff(instrumentId, nowMs);
  }

  /** What is due for one symbol at `nowMs` (called by the connection's check timer). */
  poll(instrumentId: number, nowMs: number): ResyncStep {
    const phase = this.phases[instrumentId];
    if (phase === Phase.IDLE || nowMs < this.dueAt[instrumentId]!) return ResyncStep.NONE;
    if (phase === Phase.BACKING_OFF) {
      this.phases[instrumentId] = Phase.AWAITING_SNAPSHOT;
      this.dueAt[instrumentId] = nowMs + this.options.timeoutMs;
      this.generations[instrumentId]!++;
      return ResyncStep.REISSUE;
    }
    if (this.failures[instrumentId]! + 1 >= this.options.failuresBeforeReconnect) {
      // Left pending: the reconnect clears everything (clear()).
      this.failures[instrumentId]!++;
      return ResyncStep.RECONNECT;
    }
    this.backOff(instrumentId, nowMs);
    return ResyncStep.TIMED_OUT;
  }

  /** The connection closed: every wait ends (the new connection's subscriptions bring fresh snapshots). */
  clear(): void {
    this.phases.fill(Phase.IDLE);
    this.failures.fill(0);
    this.pending = 0;
  }

  private backOff(instrumentId: number, nowMs: number): number {
    const failures = Math.min(255, this.failures[instrumentId]! + 1);
    this.failures[instrumentId] = failures;
    const { retryInitialMs, retryMaxMs } = this.options;
    const ceiling = Math.min(retryMaxMs, retryInitialMs * 2 ** Math.min(failures - 1, 30));
    const pauseMs = Math.round(ceiling / 2 + this.random() * (ceiling / 2));
    this.phases[instrumentId] = Phase.BACKING_OFF;
    this.dueAt[instrumentId] = nowMs + pauseMs;
    return pauseMs;
  }
}
