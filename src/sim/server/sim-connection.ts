// One simulator WebSocket connection: the sink a dialect writes to, with the fault layer and the outbox behind it.
import type { WebSocket } from 'ws';
import type { SimFaultControl } from '../faults/fault-control.js';
import { SessionFaults, type FrameKind } from '../faults/session-faults.js';
import type { SimDialect, SimSocketSession, SimSocketSink } from './sim-dialect.js';
import { SessionOutbox } from './session-outbox.js';
import type { SimServerCounters } from './sim-server-stats.js';

export interface SimConnectionHooks {
  /** A dialect callback threw: counted and logged once by the server. */
  onDialectError(error: unknown, where: string): void;
  /** The connection is over (either side closed); the server forgets it. */
  onClosed(connection: SimConnection): void;
}

/*
 * Built before the upgrade completes: the dialect decides in openSession whether the path exists,
 * and may write frames at once; those wait in the outbox until the socket is attached.
 */
export class SimConnection implements SimSocketSink {
  private readonly outbox: SessionOutbox;
  private readonly faults: SessionFaults;
  private session: SimSocketSession | null = null;
  private socket: WebSocket | null = null;
  private ended = false;
  private pinger: NodeJS.Timeout | null = null;

  constructor(
    ordinal: number,
    dialect: SimDialect,
    control: SimFaultControl,
    counters: SimServerCounters,
    maxBufferedBytes: number,
    /** Protocol pings to the client this often (0: none), as the venue's server sends them. */
    private readonly pingIntervalMs: number,
    private readonly hooks: SimConnectionHooks,
  ) {
    this.outbox = new SessionOutbox(maxBufferedBytes, counters);
    this.faults = new SessionFaults(control, ordinal, (text) => dialect.corruptChecksum(text), this.outbox, counters);
    this.faults.start();
  }

  send(text: string, kind: FrameKind, key?: string): void {
    if (this.ended) return;
    this.faults.onFrame(text, kind, key);
  }

  close(code = 1000, reason = ''): void {
    if (this.ended) return;
    this.outbox.close(code, reason);
  }

  get bufferedAmount(): number {
    return this.outbox.bufferedAmount;
  }

  /** The upgrade completed: client frames go to the session, and the session hears the close. */
  attach(socket: WebSocket, session: SimSocketSession): void {
    this.socket = socket;
    this.session = session;
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (this.ended || isBinary) return; // every venue speaks text frames; a binary one is ignored as they do
      try {
        session.onMessage(data.toString('utf8'));
      } catch (error: unknown) {
        this.hooks.onDialectError(error, 'onMessage');
        socket.close(1011, 'internal error');
      }
    });
    socket.on('close', () => this.onSocketClosed());
    socket.on('error', () => socket.terminate());
    this.outbox.attach(socket);
    if (this.pingIntervalMs > 0) {
      this.pinger = setInterval(() => {
        if (socket.readyState === socket.OPEN) socket.ping();
      }, this.pingIntervalMs);
      this.pinger.unref();
    }
  }

  /** Server closing: a close frame, and the connection destroyed if the client does not answer it soon. */
  shutdown(): void {
    this.stopPinging();
    this.faults.close();
    this.outbox.dispose();
    if (this.socket !== null) {
      this.socket.close(1001, 'simulator closing');
      const socket = this.socket;
      setTimeout(() => socket.terminate(), 500).unref();
    } else {
      this.onSocketClosed();
    }
  }

  private stopPinging(): void {
    if (this.pinger !== null) clearInterval(this.pinger);
    this.pinger = null;
  }

  /** Nothing was opened (404 or an exception): timers of the fault layer stop. */
  abandon(): void {
    this.ended = true;
    this.faults.close();
    this.outbox.dispose();
  }

  /** The connection is gone (the WebSocket closed, or the raw socket before the upgrade finished); idempotent. */
  onSocketClosed(): void {
    if (this.ended) return;
    this.ended = true;
    this.stopPinging();
    this.faults.close();
    this.outbox.dispose();
    try {
      this.session?.onClose();
    } catch (error: unknown) {
      this.hooks.onDialectError(error, 'onClose');
    }
    this.hooks.onClosed(this);
  }
}
