// One WebSocket session's outgoing queue: keeps frame order through latency and stalls, and closes a client that does not read (1008) before memory grows without bound.
import type { WebSocket } from 'ws';
import type { FaultedOutput } from '../faults/session-faults.js';

/** What the outbox reports to the server's stats. */
export interface OutboxCounters {
  sent: number;
  slowClientCloses: number;
}

type Entry = { readonly text: string; readonly dueMs: number } | { readonly close: true; readonly code: number; readonly reason: string; readonly dueMs: number };

/** Grace a slow client gets to read its 1008 close frame (it sits behind megabytes) before the connection is destroyed. */
const SLOW_CLOSE_GRACE_MS = 1_000;

/*
 * Frames go straight to the socket when nothing is queued, due and not stalled (the common case:
 * no latency fault). Otherwise they wait here in order; `dueMs` never decreases along the queue,
 * so a short delay never lets a frame overtake a longer-delayed earlier one.
 *
 * Memory: the bytes queued here plus the socket's own bufferedAmount (ws queue + kernel-side
 * writable buffer) are checked against maxBufferedBytes on every write. Past it the client is
 * closed with 1008 and its queue dropped; the server never holds more than the bound per client.
 */
export class SessionOutbox implements FaultedOutput {
  private socket: WebSocket | null = null;
  private readonly queue: Entry[] = [];
  private head = 0;
  private queuedBytes = 0;
  private lastDueMs = 0;
  private stalls = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly stallTimers = new Set<NodeJS.Timeout>();
  private slowCloseTimer: NodeJS.Timeout | null = null;
  closed = false;

  constructor(
    private readonly maxBufferedBytes: number,
    private readonly counters: OutboxCounters,
  ) {}

  /** The socket once the upgrade completed; frames queued before it are written now. */
  attach(socket: WebSocket): void {
    this.socket = socket;
    // Disconnected (a fault) or over the limit before the upgrade finished: the client gets nothing more.
    if (this.closed) socket.terminate();
    this.flush();
  }

  /** Bytes waiting for this client: queued here and buffered in the socket. */
  get bufferedAmount(): number {
    return this.queuedBytes + (this.socket?.bufferedAmount ?? 0);
  }

  write(text: string, delayMs: number): void {
    if (this.closed) return;
    const dueMs = Math.max(this.lastDueMs, delayMs > 0 ? Date.now() + delayMs : 0);
    this.lastDueMs = dueMs;
    if (this.socket !== null && this.head === this.queue.length && this.stalls === 0 && dueMs <= Date.now()) {
      this.sendNow(text);
      return;
    }
    this.queue.push({ text, dueMs });
    this.queuedBytes += Buffer.byteLength(text);
    if (this.bufferedAmount > this.maxBufferedBytes) {
      this.closeSlowClient();
      return;
    }
    this.flush();
  }

  /** The dialect's close: after every frame it sent before. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.queue.push({ close: true, code, reason, dueMs: this.lastDueMs });
    this.flush();
  }

  stall(durationMs: number | undefined): void {
    if (this.closed) return;
    this.stalls++;
    if (durationMs === undefined) return;
    const timer = setTimeout(() => {
      this.stallTimers.delete(timer);
      this.stalls--;
      this.flush();
    }, durationMs);
    this.stallTimers.add(timer);
  }

  disconnect(code: number | undefined): void {
    if (this.closed) return;
    this.shutdown();
    if (this.socket === null) return;
    if (code === undefined) this.socket.terminate();
    else this.socket.close(code, 'simulated disconnect');
  }

  /** The socket closed (either side): nothing more is written, timers stop. */
  shutdown(): void {
    this.closed = true;
    this.queue.length = 0;
    this.head = 0;
    this.queuedBytes = 0;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    for (const timer of this.stallTimers) clearTimeout(timer);
    this.stallTimers.clear();
  }

  /** Also clears the slow-close grace timer (server closing). */
  dispose(): void {
    this.shutdown();
    if (this.slowCloseTimer !== null) clearTimeout(this.slowCloseTimer);
    this.slowCloseTimer = null;
  }

  private flush(): void {
    if (this.closed || this.socket === null || this.stalls > 0) return;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const nowMs = Date.now();
    while (this.head < this.queue.length) {
      const entry = this.queue[this.head]!;
      if (entry.dueMs > nowMs) {
        this.timer = setTimeout(() => this.flush(), entry.dueMs - nowMs);
        return;
      }
      this.head++;
      if ('close' in entry) {
        this.shutdown();
        this.socket.close(entry.code, entry.reason);
        return;
      }
      this.queuedBytes -= Buffer.byteLength(entry.text);
      this.sendNow(entry.text);
      if (this.closed) return;
    }
    // Drained: reuse the array instead of letting consumed slots pile up.
    this.queue.length = 0;
    this.head = 0;
  }

  private sendNow(text: string): void {
    const socket = this.socket!;
    if (socket.bufferedAmount + this.queuedBytes > this.maxBufferedBytes) {
      this.closeSlowClient();
      return;
    }
    socket.send(text);
    this.counters.sent++;
  }

  private closeSlowClient(): void {
    this.counters.slowClientCloses++;
    this.shutdown();
    const socket = this.socket;
    if (socket === null) return;
    socket.close(1008, 'slow client: send buffer over limit');
    // The close frame queues behind what the client did not read; a client that never reads is cut off.
    this.slowCloseTimer = setTimeout(() => socket.terminate(), SLOW_CLOSE_GRACE_MS);
    this.slowCloseTimer.unref();
  }
}
