// Serves a recorded session on 127.0.0.1 in the recorded venue's own protocol: WebSocket frames as
// recorded per connection, REST bodies as recorded; the real venue adapter connects unchanged.
import { EventEmitter } from 'node:events';
import type { HttpRequest, HttpResponse, TemplatedApp, us_listen_socket, us_socket_context_t, WebSocket } from 'uWebSockets.js';
import { ZvtError } from '../../model/errors.js';
import { loadNativeUws } from '../../platform/uws.js';
import { ZVT_ERR_REPLAY_SERVER } from '../errors.js';
import type { RecordedHttp, Recording } from '../recording/recording-format.js';
import { ConnectionCursor } from './connection-cursor.js';
import { heartbeatReply } from './heartbeat-replies.js';
import { canonicalQuery, pathAndQuery, queryAffinity } from './url-match.js';

export interface ReplayServerOptions {
  /** 1 = as recorded, N = N times faster, 'max' = as fast as the client reads. */
  speed: number | 'max';
  /** Always loopback unless an operator deliberately exposes a replay. */
  host?: string;
  port?: number;
}

export interface ReplayConnectionStats {
  conn: string;
  path: string;
  sessions: number;
  framesDelivered: number;
  framesTotal: number;
  finished: boolean;
}

export interface ReplayServerEvents {
  /** Every received frame of every recorded connection has been delivered. */
  finished: [];
  'connection-finished': [{ conn: string }];
}

interface SessionData {
  cursor: ConnectionCursor | null;
  sessionId: string;
  /** Client frames seen in this session that were not heartbeats. */
  clientFrames: number;
  /** Only the first session of a recorded connection waits for its subscriptions. */
  gated: boolean;
  timeBaseWallMs: number;
  timeBaseTs: number;
  timer: NodeJS.Timeout | null;
  closed: boolean;
}

/** Bytes queued on one socket before the pump waits for `drain`: the client reads slower than we send. */
const BACKPRESSURE_LIMIT_BYTES = 1 << 20;
/**
 * uWS DROPS a send once a socket's buffer passes maxBackpressure (default 64 KiB): it must sit
 * well above our own limit plus the largest recorded frame (Coinbase level2 snapshots: 5 MB).
 */
const UWS_MAX_BACKPRESSURE_BYTES = 256 * 1024 * 1024;
/** uWS send() results. */
const SEND_DROPPED = 2;

export class ReplayServer extends EventEmitter<ReplayServerEvents> {
  private readonly cursors: ConnectionCursor[];
  private readonly httpCount = new Map<RecordedHttp, number>();
  private listenSocket: us_listen_socket | null = null;
  private sessionCounter = 0;
  private readonly sessionsPerCursor = new Map<ConnectionCursor, number>();
  private readonly openSockets = new Set<WebSocket<SessionData>>();
  port = 0;

  private constructor(
    readonly recording: Recording,
    private readonly options: Required<ReplayServerOptions>,
  ) {
    super();
    this.cursors = recording.connections.map((connection) => new ConnectionCursor(connection));
  }

  static async start(recording: Recording, options: ReplayServerOptions): Promise<ReplayServer> {
    if (options.speed !== 'max' && !(options.speed > 0)) throw new ZvtError(ZVT_ERR_REPLAY_SERVER, `replay speed must be a positive number or "max" (got ${String(options.speed)})`);
    const server = new ReplayServer(recording, { host: '127.0.0.1', port: 0, ...options });
    await server.listen();
    return server;
  }

  /** Base URLs to give the venue adapter in place of the venue's own. */
  get restUrl(): string {
    return `http://${this.options.host}:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://${this.options.host}:${this.port}`;
  }

  get finished(): boolean {
    return this.cursors.every((cursor) => cursor.finished);
  }

  stats(): ReplayConnectionStats[] {
    return this.cursors.map((cursor) => ({
      conn: cursor.connection.conn,
      path: pathAndQuery(cursor.connection.address).path,
      sessions: this.sessionsPerCursor.get(cursor) ?? 0,
      framesDelivered: cursor.delivered,
      framesTotal: cursor.receiveCount,
      finished: cursor.finished,
    }));
  }

  close(): void {
    for (const socket of this.openSockets) socket.end(1001, 'replay server closing');
    this.openSockets.clear();
    if (this.listenSocket !== null) {
      loadNativeUws().us_listen_socket_close(this.listenSocket);
      this.listenSocket = null;
    }
  }

  private listen(): Promise<void> {
    const uws = loadNativeUws();
    const app: TemplatedApp = uws.App();
    app.ws<SessionData>('/*', {
      compression: uws.DISABLED,
      maxPayloadLength: 16 * 1024 * 1024,
      maxBackpressure: UWS_MAX_BACKPRESSURE_BYTES,
      closeOnBackpressureLimit: 0,
      idleTimeout: 0,
      upgrade: (res, req, context) => this.onUpgrade(res, req, context),
      open: (socket) => this.onOpen(socket),
      message: (socket, message) => this.onClientFrame(socket, Buffer.from(message).toString('utf8')),
      drain: (socket) => this.pump(socket),
      close: (socket) => {
        const session = socket.getUserData();
        session.closed = true;
        if (session.timer !== null) clearTimeout(session.timer);
        this.openSockets.delete(socket);
      },
    });
    app.any('/*', (res, req) => this.onHttp(res, req));
    return new Promise((resolve, reject) => {
      app.listen(this.options.host, this.options.port, (listenSocket) => {
        if (listenSocket === false) {
          reject(new ZvtError(ZVT_ERR_REPLAY_SERVER, `cannot listen on ${this.options.host}:${this.options.port}`));
          return;
        }
        this.listenSocket = listenSocket;
        this.port = uws.us_socket_local_port(listenSocket);
        resolve();
      });
    });
  }

  private findCursor(url: string): ConnectionCursor | null {
    const request = pathAndQuery(url);
    const samePath = this.cursors.filter((cursor) => pathAndQuery(cursor.connection.address).path === request.path);
    const unfinished = samePath.filter((cursor) => !cursor.finished);
    const pool = unfinished.length > 0 ? unfinished : samePath;
    const exact = pool.find((cursor) => canonicalQuery(pathAndQuery(cursor.connection.address).query) === canonicalQuery(request.query));
    if (exact !== undefined) return exact;
    // Same path, different query: only unambiguous when one connection has that path.
    return samePath.length === 1 ? samePath[0]! : null;
  }

  private onUpgrade(res: HttpResponse, req: HttpRequest, context: us_socket_context_t): void {
    const query = req.getQuery();
    const url = req.getUrl() + (query === undefined || query === '' ? '' : `?${query}`);
    const cursor = this.findCursor(url);
    if (cursor === null) {
      const known = this.cursors.map((c) => pathAndQuery(c.connection.address).path).join(', ');
      res.writeStatus('404 Not Found').end(`no recorded WebSocket connection for ${url}; recorded: ${known}`);
      return;
    }
    const session: SessionData = {
      cursor,
      sessionId: `replay-${++this.sessionCounter}`,
      clientFrames: 0,
      gated: (this.sessionsPerCursor.get(cursor) ?? 0) === 0,
      timeBaseWallMs: 0,
      timeBaseTs: 0,
      timer: null,
      closed: false,
    };
    this.sessionsPerCursor.set(cursor, (this.sessionsPerCursor.get(cursor) ?? 0) + 1);
    res.upgrade(session, req.getHeader('sec-websocket-key'), req.getHeader('sec-websocket-protocol'), req.getHeader('sec-websocket-extensions'), context);
  }

  private onOpen(socket: WebSocket<SessionData>): void {
    this.openSockets.add(socket);
    const session = socket.getUserData();
    const cursor = session.cursor!;
    session.timeBaseWallMs = Date.now();
    session.timeBaseTs = cursor.next === 0 ? cursor.connection.connectTs : (cursor.connection.frames[cursor.next]?.ts ?? cursor.connection.connectTs);
    this.pump(socket);
  }

  private onClientFrame(socket: WebSocket<SessionData>, frame: string): void {
    const session = socket.getUserData();
    const reply = heartbeatReply(this.recording.venue, frame, session.sessionId);
    if (reply !== null) {
      socket.send(reply, false);
      return;
    }
    session.clientFrames++;
    this.pump(socket);
  }

  /** Delivers every frame that is due, allowed by the client's subscriptions, and fits the socket. */
  private pump(socket: WebSocket<SessionData>): void {
    const session = socket.getUserData();
    const cursor = session.cursor!;
    if (session.closed) return;
    if (session.timer !== null) {
      clearTimeout(session.timer);
      session.timer = null;
    }
    const frames = cursor.connection.frames;
    while (cursor.next < frames.length) {
      const frame = frames[cursor.next]!;
      if (frame.direction === 'send') {
        cursor.next++;
        continue;
      }
      if (session.gated && session.clientFrames < cursor.sendsRequiredAt(cursor.next)) return; // wait for the subscription
      if (this.options.speed !== 'max') {
        const dueWallMs = session.timeBaseWallMs + ((frame.ts - session.timeBaseTs) * 1000) / this.options.speed;
        const waitMs = dueWallMs - Date.now();
        if (waitMs > 0) {
          session.timer = setTimeout(() => this.pump(socket), Math.ceil(waitMs));
          return;
        }
      }
      if (socket.getBufferedAmount() > BACKPRESSURE_LIMIT_BYTES) return; // `drain` resumes
      // A dropped frame was not delivered: keep it and retry on `drain` (never count it as sent).
      if (socket.send(frame.data, false) === SEND_DROPPED) return;
      cursor.next++;
      cursor.delivered++;
      if (cursor.finished) {
        this.emit('connection-finished', { conn: cursor.connection.conn });
        if (this.finished) this.emit('finished');
      }
    }
  }

  private onHttp(res: HttpResponse, req: HttpRequest): void {
    const method = req.getMethod().toUpperCase();
    const query = req.getQuery();
    const url = req.getUrl() + (query === undefined || query === '' ? '' : `?${query}`);
    const request = pathAndQuery(url);
    let candidates = this.recording.http.filter((http) => {
      const recorded = pathAndQuery(http.url);
      return recorded.path === request.path && canonicalQuery(recorded.query) === canonicalQuery(request.query);
    });
    if (candidates.length === 0) {
      // No exact match: the recorded response on this path that agrees with every parameter both share, the most shared first.
      const scored = this.recording.http
        .filter((http) => pathAndQuery(http.url).path === request.path)
        .map((http) => ({ http, affinity: queryAffinity(pathAndQuery(http.url).query, request.query) }))
        .filter((entry) => entry.affinity >= 0);
      const best = Math.max(-1, ...scored.map((entry) => entry.affinity));
      candidates = scored.filter((entry) => entry.affinity === best).map((entry) => entry.http);
    }
    if (method !== 'GET' || candidates.length === 0) {
      res
        .writeStatus('404 Not Found')
        .writeHeader('content-type', 'application/json')
        .end(JSON.stringify({ error: `no recorded response for ${method} ${url}`, recorded: this.recording.http.map((http) => pathAndQuery(http.url).path) }));
      return;
    }
    // The same URL recorded several times is served in order, the last one repeating.
    const served = candidates.reduce((count, http) => count + (this.httpCount.get(http) ?? 0), 0);
    const response = candidates[Math.min(served, candidates.length - 1)]!;
    this.httpCount.set(response, (this.httpCount.get(response) ?? 0) + 1);
    res.writeStatus('200 OK').writeHeader('content-type', 'application/json').end(response.data);
  }
}
