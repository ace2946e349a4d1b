// Mounts /v1/orders on a uWS app: binary FlatBuffers order entry (schema/orders.fbs) with FIX's semantics, one session per API key, events routed to their owner.
import { randomBytes } from 'node:crypto';
import type { TemplatedApp, WebSocket } from 'uWebSockets.js';
import { loadNativeUws } from '../../platform/uws.js';
import { OrderAckLatency } from '../metrics/order-ack-latency.js';
import type { OrderEntryEvent } from '../orders/order-entry-handler.js';
import { ORDERS_CLOSE, OrdersWsConnection, type OrdersWsUserData } from './orders-ws-connection.js';
import { decodeOrdersFrame, OrdersWsDecodeError } from './orders-ws-decoder.js';
import { isRequestBody, type LogonRejectReasonName, type RejectReasonName, type WsRequestBody } from './orders-ws-frames.js';
import { WsLogonChecker } from './orders-ws-logon.js';
import { HARD_FRAME_LIMIT_FACTOR, resolveOrdersRouteOptions, type OrdersRouteOptions, type ResolvedOrdersRouteOptions } from './orders-ws-options.js';
import { orderEventBody } from './orders-ws-reports.js';
import { readOrderRequest } from './orders-ws-requests.js';
import { OrdersWsSession, wsOwner } from './orders-ws-session.js';
import { emptyOrdersWsStats, type OrdersWsStats } from './orders-ws-stats.js';

/** Binary order entry over WebSocket (DESIGN §7, docs/orders.md). */
export const ORDERS_PATH = '/v1/orders';

export interface OrdersRoute {
  readonly path: string;
  /** Changes on every start: sequence numbers of a key start again at 1 with a new instance. */
  readonly serverInstance: string;
  stats(): OrdersWsStats;
  /** NewOrder decoded → its first ExecutionReport (zvt_ws_order_ack_latency_seconds). */
  readonly orderAckLatency: OrderAckLatency;
  /** Sends Logout to every logged-on session and closes every connection (1001); stops listening to the handler. */
  close(): void;
}

/** Adds /v1/orders to `app` (the gateway's one uWS app). Throws ZVT_ERR_ORDERS_WS_OPTIONS on bad options. */
export function registerOrdersRoute(app: TemplatedApp, options: OrdersRouteOptions, path: string = ORDERS_PATH): OrdersRoute {
  const route = new RunningOrdersRoute(resolveOrdersRouteOptions(options), path);
  const uws = loadNativeUws();
  const resolved = route.options;
  app.ws<OrdersWsUserData>(path, {
    compression: uws.DISABLED,
    // Frames up to maxMessageBytes are processed, larger ones up to this limit get a Reject; past it uWS closes (1009).
    maxPayloadLength: resolved.maxMessageBytes * HARD_FRAME_LIMIT_FACTOR,
    // Our own check (maxBufferedBytes) closes a slow client first; uWS drops past this.
    maxBackpressure: resolved.maxBufferedBytes * 2,
    idleTimeout: resolved.idleTimeoutSeconds,
    sendPingsAutomatically: true,
    open: (ws: WebSocket<OrdersWsUserData>) => route.onOpen(ws),
    message: (ws: WebSocket<OrdersWsUserData>, message: ArrayBuffer, isBinary: boolean) => route.onMessage(ws, message, isBinary),
    close: (ws: WebSocket<OrdersWsUserData>) => route.onClose(ws),
  });
  return route;
}

type RequestBody = Exclude<ReturnType<typeof decodeOrdersFrame>['body'], { kind: 'logonAck' | 'logonReject' | 'executionReport' | 'cancelReject' | 'reject' }>;

class RunningOrdersRoute implements OrdersRoute {
  readonly serverInstance = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  readonly orderAckLatency = new OrderAckLatency();
  private readonly counters = emptyOrdersWsStats();
  private readonly sessions = new Map<string, OrdersWsSession>();
  private readonly connections = new Set<OrdersWsConnection>();
  private readonly logons: WsLogonChecker;
  private readonly unsubscribe: () => void;
  /** The request being handed to the handler: events it causes synchronously for the same session answer it (request_id). */
  private current: { readonly session: OrdersWsSession; readonly requestId: bigint } | null = null;
  private closed = false;

  constructor(
    readonly options: ResolvedOrdersRouteOptions,
    readonly path: string,
  ) {
    this.logons = new WsLogonChecker({ compId: options.compId, credentials: options.credentials, timeToleranceMs: options.logonTimeToleranceMs });
    this.unsubscribe = options.handler.subscribe((event) => this.onOrderEvent(event));
  }

  stats(): OrdersWsStats {
    let sessions = 0;
    for (const session of this.sessions.values()) if (session.isConnected) sessions++;
    return { ...this.counters, requests: { ...this.counters.requests }, connections: this.connections.size, sessions };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const connection of [...this.connections]) {
      connection.session?.reply(0n, { kind: 'logout', text: 'Gateway shutting down' });
      connection.end(ORDERS_CLOSE.goingAway, 'gateway shutting down');
    }
  }

  // ---- uWS callbacks -------------------------------------------------------------------

  onOpen(ws: WebSocket<OrdersWsUserData>): void {
    if (this.closed) {
      ws.end(ORDERS_CLOSE.goingAway, 'gateway shutting down');
      return;
    }
    const connection = new OrdersWsConnection(ws, this.options.maxBufferedBytes, () => this.onSlowConsumer(connection));
    ws.getUserData().connection = connection;
    this.connections.add(connection);
    this.counters.connectionsOpened++;
    connection.logonTimer = setTimeout(() => {
      connection.logonTimer = null;
      if (connection.session !== null || !connection.isOpen) return;
      this.counters.logonTimeouts++;
      connection.end(ORDERS_CLOSE.logonTimeout, 'no Logon in time');
    }, this.options.logonTimeoutMs);
    connection.logonTimer.unref();
  }

  onMessage(ws: WebSocket<OrdersWsUserData>, message: ArrayBuffer, isBinary: boolean): void {
    const connection = ws.getUserData().connection;
    if (connection === undefined || !connection.isOpen) return;
    try {
      this.onFrame(connection, message, isBinary);
    } catch (error: unknown) {
      // Never let one frame take the gateway down: log, count, tell the client if it is logged on.
      this.counters.internalErrors++;
      this.options.logger.error({ err: error, owner: connection.session?.owner }, '/v1/orders frame handling failed');
      this.refuse(connection, 0n, 'unavailable', 'The server failed on this frame; ask for your orders with StatusRequest');
    }
  }

  onClose(ws: WebSocket<OrdersWsUserData>): void {
    // The socket is dead here: the connection object must not touch it again.
    const connection = ws.getUserData().connection;
    if (connection === undefined) return;
    const session = connection.session;
    connection.markClosed();
    this.connections.delete(connection);
    if (session !== null) this.options.logger.info({ owner: session.owner }, '/v1/orders session disconnected');
  }

  private onSlowConsumer(connection: OrdersWsConnection): void {
    this.counters.slowConsumerCloses++;
    this.options.logger.warn({ owner: connection.session?.owner }, '/v1/orders client too slow: disconnected');
  }

  // ---- frames --------------------------------------------------------------------------

  private onFrame(connection: OrdersWsConnection, message: ArrayBuffer, isBinary: boolean): void {
    if (!isBinary) return this.refuse(connection, 0n, 'text_frame', 'Order entry takes binary FlatBuffers frames only (schema/orders.fbs)');
    if (message.byteLength > this.options.maxMessageBytes) {
      return this.refuse(connection, 0n, 'too_large', `A frame may be at most ${this.options.maxMessageBytes} bytes, got ${message.byteLength}`);
    }
    let decoded;
    try {
      // `message` is valid only inside the uWS callback: the decoder copies every field out.
      decoded = decodeOrdersFrame(new Uint8Array(message));
    } catch (error: unknown) {
      if (!(error instanceof OrdersWsDecodeError)) throw error;
      return this.refuse(connection, error.requestId ?? 0n, error.reason, error.message);
    }
    const { requestId, body } = decoded;
    if (!isRequestBody(body)) return this.refuse(connection, requestId, 'not_a_request', `A client may not send ${body.kind}`);
    this.counters.requests[body.kind]++;
    const session = connection.session;
    if (session === null) {
      if (body.kind !== 'logon') return this.refuseLogon(connection, requestId, 'not_a_logon', `The first frame must be a Logon, got ${body.kind}`);
      return this.onLogon(connection, requestId, body);
    }
    this.onRequest(connection, session, requestId, body);
  }

  private onRequest(connection: OrdersWsConnection, session: OrdersWsSession, requestId: bigint, body: RequestBody): void {
    switch (body.kind) {
      case 'logon':
        return this.refuse(connection, requestId, 'already_logged_on', 'This connection is logged on already');
      case 'heartbeat':
        return session.reply(requestId, { kind: 'heartbeat', timeMs: this.options.clock() });
      case 'logout':
        session.reply(requestId, { kind: 'logout', text: 'Logout acknowledged' });
        this.options.logger.info({ owner: session.owner, text: body.text }, '/v1/orders session logged out');
        return connection.end(ORDERS_CLOSE.normal, 'logged out');
      default:
        return this.onOrderRequest(session, requestId, body);
    }
  }

  private onOrderRequest(session: OrdersWsSession, requestId: bigint, body: Exclude<WsRequestBody, { kind: 'logon' }>): void {
    // Measured as FIX measures NewOrderSingle: from the decoded request to its first report.
    const receivedNs = body.kind === 'newOrder' ? this.orderAckLatency.now() : 0;
    const read = readOrderRequest(body, { owner: session.owner, accountId: session.accountId });
    if (read.kind === 'reject') {
      this.counters.rejects++;
      session.reply(requestId, { kind: 'reject', reason: read.reason, text: read.text });
      if (body.kind === 'newOrder') this.orderAckLatency.answeredDirectly(receivedNs);
      return;
    }
    const handler = this.options.handler;
    this.current = { session, requestId };
    try {
      switch (read.kind) {
        case 'place':
          this.orderAckLatency.received(read.request.owner, read.request.clientOrderId, receivedNs);
          return handler.place(read.request);
        case 'cancel':
          return handler.cancel(read.request);
        case 'replace':
          return handler.replace(read.request);
        case 'status':
          return handler.status(read.request);
        case 'list':
          return handler.placeList(read.request);
      }
    } finally {
      this.current = null;
    }
  }

  private onLogon(connection: OrdersWsConnection, requestId: bigint, body: Extract<WsRequestBody, { kind: 'logon' }>): void {
    if (this.closed) return this.refuseLogon(connection, requestId, 'shutting_down', 'The gateway is shutting down');
    const check = this.logons.check(body, requestId, this.options.clock());
    if (!check.ok) return this.refuseLogon(connection, requestId, check.reason, check.text);
    const { credential } = check;
    const owner = wsOwner(credential.apiKey);
    const session = this.sessionOf(owner, credential.apiKey, credential.accountId);
    if (session.isConnected) return this.refuseLogon(connection, requestId, 'already_logged_on', `API key ${credential.apiKey} already has a session logged on`);
    // The key may have been moved to another account since its last session.
    session.accountId = credential.accountId;
    if (connection.logonTimer !== null) clearTimeout(connection.logonTimer);
    connection.logonTimer = null;
    connection.session = session;
    this.counters.logonsAccepted++;
    this.options.logger.info({ owner, accountId: credential.accountId, pending: session.pendingCount }, '/v1/orders session logged on');
    session.attach(connection, requestId, this.options.clock(), this.serverInstance);
  }

  /** A Reject on a logged-on connection; before Logon, any bad frame refuses the Logon. */
  private refuse(connection: OrdersWsConnection, requestId: bigint, reason: RejectReasonName, text: string): void {
    const session = connection.session;
    if (session === null) return this.refuseLogon(connection, requestId, 'not_a_logon', `The first frame must be a Logon: ${text}`);
    this.counters.rejects++;
    session.reply(requestId, { kind: 'reject', reason, text });
  }

  private refuseLogon(connection: OrdersWsConnection, requestId: bigint, reason: LogonRejectReasonName, text: string): void {
    this.counters.logonsRefused++;
    this.options.logger.warn({ reason, text }, '/v1/orders Logon refused');
    // Not sequenced (seq 0): there is no session.
    connection.send({ seq: 0n, requestId, body: { kind: 'logonReject', reason, text } });
    connection.end(ORDERS_CLOSE.logonRefused, 'logon refused');
  }

  // ---- order events --------------------------------------------------------------------

  private sessionOf(owner: string, apiKey: string, accountId: string): OrdersWsSession {
    let session = this.sessions.get(owner);
    if (session === undefined) {
      session = new OrdersWsSession(owner, apiKey, accountId, this.options.maxPendingEvents, (dropped) => {
        this.counters.eventsQueued++;
        if (dropped) this.counters.eventsDropped++;
      });
      this.sessions.set(owner, session);
    }
    return session;
  }

  private onOrderEvent(event: OrderEntryEvent): void {
    if (!event.owner.startsWith('ws:')) return;
    try {
      // An order of a key whose session this gateway has not seen yet (placed through an earlier route on the same handler): keep its events too.
      const session = this.sessionOf(event.owner, event.owner.slice(3), event.accountId);
      const current = this.current;
      session.deliver(current !== null && current.session === session ? current.requestId : 0n, orderEventBody(event));
      if (event.kind !== 'status' && event.kind !== 'cancel_rejected') this.orderAckLatency.answered(event.owner, event.order.clientOrderId);
    } catch (error: unknown) {
      this.counters.internalErrors++;
      this.options.logger.error({ err: error, owner: event.owner, kind: event.kind }, '/v1/orders order event could not be delivered');
    }
  }
}
