// The FIX 4.4 acceptor: a node:net server, one FixSession per SenderCompID (one live connection each), order events routed to their owner's session.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_FIX_LISTEN } from '../errors.js';
import type { OrderEntryEvent } from '../orders/order-entry-handler.js';
import { resolveFixAcceptorOptions, type FixAcceptorOptions, type ResolvedFixAcceptorOptions } from './fix-acceptor-options.js';
import { FixConnection, type FixConnectionHost } from './fix-connection.js';
import type { FixFrameEvent } from './fix-frame-reader.js';
import { checkLogon } from './fix-logon-check.js';
import type { OrderAckLatency } from '../metrics/order-ack-latency.js';
import { FixOrderEntryApplication } from './fix-order-entry-application.js';
import type { FixParseResult } from './fix-parse.js';
import { FixSession, type FixSessionEvent } from './fix-session.js';
import { compIdFileName, FixSessionStore } from './fix-session-store.js';

export interface FixAcceptorStats {
  readonly connectionsAccepted: number;
  readonly openConnections: number;
  readonly logonsAccepted: number;
  readonly logonsRefused: number;
  readonly garbledFrames: number;
  readonly fatalFrames: number;
  readonly rejectsSent: number;
  readonly slowConsumers: number;
  readonly internalErrors: number;
}

export interface FixAcceptor {
  readonly host: string;
  readonly port: number;
  readonly compId: string;
  stats(): FixAcceptorStats;
  /** NewOrderSingle parsed → first ExecutionReport latency (zvt_fix_order_ack_latency_seconds). */
  readonly orderAckLatency: OrderAckLatency;
  /** Next outgoing and expected incoming MsgSeqNum of a session, or null when the acceptor has none for that SenderCompID. */
  sequenceNumbers(senderCompId: string): { readonly nextSender: number; readonly nextTarget: number } | null;
  /** Logs every session out (waiting up to logoutTimeoutMs for the answers), closes the listener and the stores. */
  close(): Promise<void>;
}

/** Starts listening; resolves once the port is bound. */
export async function startFixAcceptor(options: FixAcceptorOptions): Promise<FixAcceptor> {
  const acceptor = new RunningFixAcceptor(resolveFixAcceptorOptions(options));
  await acceptor.listen();
  return acceptor;
}

type MutableStats = { -readonly [K in keyof FixAcceptorStats]: FixAcceptorStats[K] };

class RunningFixAcceptor implements FixAcceptor, FixConnectionHost {
  readonly host: string;
  readonly compId: string;
  readonly maxMessageBytes: number;
  readonly maxBufferedBytes: number;
  readonly clock: () => number;
  private boundPort = 0;
  private readonly server: Server;
  private readonly sessions = new Map<string, FixSession>();
  private readonly connections = new Set<FixConnection>();
  private readonly application: FixOrderEntryApplication;
  private readonly unsubscribe: () => void;
  private readonly timer: NodeJS.Timeout;
  private closing: Promise<void> | null = null;
  private readonly counters: MutableStats = {
    connectionsAccepted: 0,
    openConnections: 0,
    logonsAccepted: 0,
    logonsRefused: 0,
    garbledFrames: 0,
    fatalFrames: 0,
    rejectsSent: 0,
    slowConsumers: 0,
    internalErrors: 0,
  };

  constructor(private readonly options: ResolvedFixAcceptorOptions) {
    this.host = options.host;
    this.compId = options.compId;
    this.maxMessageBytes = options.maxMessageBytes;
    this.maxBufferedBytes = options.maxBufferedBytes;
    this.clock = options.clock;
    this.application = new FixOrderEntryApplication(options.handler, options.clock);
    this.server = createServer({ noDelay: true }, (socket) => this.onSocket(socket));
    this.unsubscribe = options.handler.subscribe((event) => this.onOrderEvent(event));
    this.timer = setInterval(() => this.tick(), options.timerIntervalMs);
    // The listening socket keeps the process alive; the timer alone must not.
    this.timer.unref();
  }

  get port(): number {
    return this.boundPort;
  }

  get orderAckLatency(): OrderAckLatency {
    return this.application.orderAck;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => {
        this.shutdownResources();
        reject(new ZvtError(ZVT_ERR_FIX_LISTEN, `FIX acceptor could not listen on ${this.host}:${this.options.port}: ${error.message}`));
      };
      this.server.once('error', onError);
      this.server.listen(this.options.port, this.host, () => {
        this.server.off('error', onError);
        const address = this.server.address();
        this.boundPort = typeof address === 'object' && address !== null ? address.port : 0;
        this.options.logger.info({ host: this.host, port: this.boundPort, compId: this.compId }, 'FIX acceptor listening');
        resolve();
      });
    });
    this.server.on('error', (error) => this.options.logger.error({ err: error }, 'FIX acceptor listener error'));
  }

  stats(): FixAcceptorStats {
    return { ...this.counters, openConnections: this.connections.size };
  }

  sequenceNumbers(senderCompId: string): { nextSender: number; nextTarget: number } | null {
    const session = this.sessionFor(senderCompId, false);
    if (session === null) return null;
    return { nextSender: session.store.nextSenderSeqNum, nextTarget: session.store.nextTargetSeqNum };
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  // ---- connections -----------------------------------------------------------------------

  private onSocket(socket: Socket): void {
    if (this.closing !== null) {
      socket.destroy();
      return;
    }
    this.counters.connectionsAccepted++;
    this.connections.add(new FixConnection(socket, this));
  }

  onFirstMessage(connection: FixConnection, parsed: FixParseResult): void {
    if (!parsed.ok) {
      // FIX: a first message that is not a valid Logon gets no answer, only a disconnect.
      return this.refuse(connection, `first message malformed: ${parsed.problem.text}`, null);
    }
    const check = checkLogon(
      parsed.message,
      {
        compId: this.compId,
        credentials: this.options.credentials,
        sendingTimeToleranceMs: this.options.logonSendingTimeToleranceMs,
        minHeartBtIntSeconds: this.options.minHeartBtIntSeconds,
        maxHeartBtIntSeconds: this.options.maxHeartBtIntSeconds,
      },
      this.clock(),
    );
    if (!check.ok) return this.refuse(connection, check.text, parsed.message.msgType === 'A' ? check.senderCompId : null);
    const existing = this.sessions.get(check.senderCompId);
    if (existing?.isConnected === true) {
      return this.refuse(connection, `SenderCompID ${check.senderCompId} already has a session logged on`, check.senderCompId);
    }
    const session = this.sessionFor(check.senderCompId, true)!;
    connection.attach(session);
    if (session.logon(connection.link, check.msgSeqNum, check.heartBtIntSeconds, check.reset, check.credential.accountId)) {
      this.counters.logonsAccepted++;
    }
  }

  onGarbled(connection: FixConnection, event: Extract<FixFrameEvent, { kind: 'garbled' }>): void {
    // Garbled input is dropped as the FIX spec asks: counted, and logged the first time only.
    if (this.counters.garbledFrames++ === 0) {
      this.options.logger.debug({ remote: connection.remoteAddress, reason: event.reason, bytes: event.bytes }, 'FIX garbled input dropped');
    }
  }

  onFatalFrame(connection: FixConnection, text: string): void {
    this.counters.fatalFrames++;
    this.options.logger.warn({ remote: connection.remoteAddress, senderCompId: connection.session?.theirCompId, text }, 'FIX connection closed on bad input');
  }

  onSlowConsumer(connection: FixConnection): void {
    this.counters.slowConsumers++;
    this.options.logger.warn({ remote: connection.remoteAddress, senderCompId: connection.session?.theirCompId }, 'FIX client too slow: disconnected');
  }

  onInternalError(connection: FixConnection, error: unknown): void {
    this.counters.internalErrors++;
    this.options.logger.error({ err: error, remote: connection.remoteAddress, senderCompId: connection.session?.theirCompId }, 'FIX message handling failed');
  }

  onClosed(connection: FixConnection): void {
    this.connections.delete(connection);
  }

  private refuse(connection: FixConnection, text: string, target: string | null): void {
    this.counters.logonsRefused++;
    this.options.logger.warn({ remote: connection.remoteAddress, senderCompId: target, text }, 'FIX logon refused');
    connection.refuse(text, target);
  }

  // ---- sessions --------------------------------------------------------------------------

  /** The session of a SenderCompID; loaded from its store when the acceptor has one on disk, created only when `create`. */
  private sessionFor(senderCompId: string, create: boolean): FixSession | null {
    const existing = this.sessions.get(senderCompId);
    if (existing !== undefined) return existing;
    const seqnums = join(this.options.storeDirectory, `${compIdFileName(this.compId)}-${compIdFileName(senderCompId)}.seqnums`);
    if (!create && !existsSync(seqnums)) return null;
    const store = FixSessionStore.open(this.options.storeDirectory, this.compId, senderCompId, this.options.fsync);
    const session = new FixSession({
      ourCompId: this.compId,
      theirCompId: senderCompId,
      store,
      sendingTimeToleranceMs: this.options.sendingTimeToleranceMs,
      logoutTimeoutMs: this.options.logoutTimeoutMs,
      clock: this.clock,
      onApplicationMessage: (target, message, msgSeqNum) => this.application.onMessage(target, message, msgSeqNum),
      onEvent: (target, event) => this.onSessionEvent(target, event),
    });
    this.sessions.set(senderCompId, session);
    return session;
  }

  private onSessionEvent(session: FixSession, event: FixSessionEvent): void {
    const logger = this.options.logger;
    switch (event.kind) {
      case 'logged_on':
        return logger.info({ senderCompId: session.theirCompId, reset: event.reset, resendRequested: event.resendRequested }, 'FIX session logged on');
      case 'logged_out':
        return logger.info({ senderCompId: session.theirCompId, text: event.text }, 'FIX session logged out');
      case 'reject_sent':
        this.counters.rejectsSent++;
        return;
      case 'reject_received':
      case 'resend_request_received':
        return;
      case 'application_error':
        this.counters.internalErrors++;
        return logger.error({ err: event.error, senderCompId: session.theirCompId }, 'FIX application message failed');
    }
  }

  /** A handler event: to the session of its owner, connected or not (it is stored for a resend). */
  private onOrderEvent(event: OrderEntryEvent): void {
    try {
      const session = this.sessionFor(event.owner, false);
      if (session === null) return;
      const message = this.application.render(event);
      session.sendApplication(message.msgType, message.body);
    } catch (error) {
      this.counters.internalErrors++;
      this.options.logger.error({ err: error, owner: event.owner, kind: event.kind }, 'FIX order event could not be delivered');
    }
  }

  private tick(): void {
    const now = this.clock();
    for (const connection of this.connections) {
      try {
        const session = connection.session;
        if (session === null) {
          if (!connection.isClosing && now - connection.openedMs >= this.options.logonTimeoutMs) this.refuse(connection, 'No Logon received in time', null);
        } else {
          session.tick();
        }
      } catch (error) {
        this.onInternalError(connection, error);
        connection.destroy();
      }
    }
  }

  // ---- shutdown --------------------------------------------------------------------------

  private async shutdown(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const connection of this.connections) {
      if (connection.session !== null) connection.session.logout('Acceptor shutting down');
      else connection.close();
    }
    const deadline = this.clock() + this.options.logoutTimeoutMs + 500;
    while (this.connections.size > 0 && this.clock() < deadline) {
      for (const connection of this.connections) connection.session?.tick();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const connection of this.connections) connection.destroy();
    await closed;
    this.shutdownResources();
    this.options.logger.info({ port: this.boundPort }, 'FIX acceptor closed');
  }

  private shutdownResources(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    for (const session of this.sessions.values()) session.store.close();
    this.sessions.clear();
  }
}
