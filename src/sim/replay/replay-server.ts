// Serves a recorded session on 127.0.0.1 in the recorded venue's own protocol: WebSocket frames as
// recorded per connection, REST bodies as recorded; the real venue adapter connects unchanged.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket} from 'ws';
import { WebSocketServer } from 'ws';
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_REPLAY_SERVER } from '../errors.js';
import type { RecordedHttp, Recording } from '../recording/recording-format.js';
import { ConnectionCursor } from './connection-cursor.js';
import { BinanceRawStream } from './binance-raw-stream.js';
import { ConnectionReplay } from './connection-replay.js';
import { heartbeatReply } from './heartbeat-replies.js';
import type { ReplayFaults } from './replay-faults.js';
import { canonicalQuery, pathAndQuery, queryAffinity } from './url-match.js';

/*
 * Transport: node:http + the `ws` server, not uWebSockets.js. The uWS build we ship (20.30
 * unofficial) kept megabytes of a slow reader's frames in its own buffer with every kernel queue
 * empty, and never flushed them: a lost writable event (it took three recordings replayed at
 * once into a busy venue worker to show it, reliably). A replay server's job is to deliver every
 * recorded frame exactly, for which stream backpressure is the right tool; its throughput is
 * bounded by the recording, not by the transport.
 */

export interface ReplayServerOptions {
  /** 1 = as recorded, N = N times faster, 'max' = as fast as the client reads. */
  speed: number | 'max';
  /** Always loopback unless an operator deliberately exposes a replay. */
  host?: string;
  port?: number;
  /** Dropped frames, disconnects, corrupted checksums (replay-faults.ts); none by default. */
  faults?: ReplayFaults;
}

export interface ReplayConnectionStats {
  conn: string;
  path: string;
  sessions: number;
  framesDelivered: number;
  framesTotal: number;
  /** Frames passed without being sent: dropped by a fault, or of a book the session had not subscribed to. */
  framesWithheld: number;
  /** Frames the server wrote itself: subscription replies and fresh snapshots (connection-replay.ts). */
  framesInserted: number;
  faults: { dropped: number; corrupted: number; disconnects: number };
  finished: boolean;
  /** Bytes queued for the connection's open sessions (a client not reading shows here). */
  bufferedBytes: number;
}

export interface ReplayServerEvents {
  /** Every received frame of every recorded connection has been delivered. */
  finished: [];
  'connection-finished': [{ conn: string }];
}

interface Session {
  socket: WebSocket;
  cursor: ConnectionCursor;
  sessionId: string;
  /** Client frames seen in this session that were not heartbeats. */
  clientFrames: number;
  /** The session waits for its client's first subscription wherever the recorder had subscribed. */
  gated: boolean;
  timeBaseWallMs: number;
  timeBaseTs: number;
  timer: NodeJS.Timeout | null;
  closed: boolean;
  /** Binance's raw `/ws` endpoint served from the recorded combined stream (binance-raw-stream.ts); null: frames verbatim. */
  rawStream: BinanceRawStream | null;
}

/** Bytes queued on one socket before the pump waits: the client reads slower than we send. */
const BACKPRESSURE_LIMIT_BYTES = 1024 * 1024;
/** Largest frame a client may send (subscriptions are small). */
const MAX_CLIENT_FRAME_BYTES = 1024 * 1024;

export class ReplayServer extends EventEmitter<ReplayServerEvents> {
  private readonly cursors: ConnectionCursor[];
  private readonly httpCount = new Map<RecordedHttp, number>();
  private readonly http: Server;
  private readonly websockets = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_CLIENT_FRAME_BYTES });
  private readonly sessions = new Set<Session>();
  private sessionCounter = 0;
  private readonly sessionsPerCursor = new Map<ConnectionCursor, number>();
  /** Per recorded connection: faults, the venue's books, and its answers to a client's recovery. */
  private readonly replays: Map<ConnectionCursor, ConnectionReplay>;
  port = 0;

  private constructor(
    readonly recording: Recording,
    private readonly options: Required<ReplayServerOptions>,
  ) {
    super();
    this.cursors = recording.connections.map((connection) => new ConnectionCursor(connection));
    this.replays = new Map(this.cursors.map((cursor) => [cursor, new ConnectionReplay(recording, cursor.connection.conn, options.faults)]));
    this.http = createServer((req, res) => this.onHttp(req, res));
    this.http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(req, socket, head));
  }

  static async start(recording: Recording, options: ReplayServerOptions): Promise<ReplayServer> {
    if (options.speed !== 'max' && !(options.speed > 0)) throw new ZvtError(ZVT_ERR_REPLAY_SERVER, `replay speed must be a positive number or "max" (got ${String(options.speed)})`);
    const server = new ReplayServer(recording, { host: '127.0.0.1', port: 0, faults: {}, ...options });
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
      framesWithheld: cursor.withheld,
      framesInserted: this.replayOf(cursor).counters.inserted,
      faults: { dropped: this.replayOf(cursor).counters.dropped, corrupted: this.replayOf(cursor).counters.corrupted, disconnects: this.replayOf(cursor).counters.disconnects },
      finished: cursor.finished,
      bufferedBytes: [...this.sessions].filter((session) => session.cursor === cursor).reduce((sum, session) => sum + session.socket.bufferedAmount, 0),
    }));
  }

  close(): void {
    for (const session of this.sessions) {
      if (session.timer !== null) clearTimeout(session.timer);
      session.socket.close(1001, 'replay server closing');
    }
    this.sessions.clear();
    this.websockets.close();
    this.http.close();
    this.http.closeAllConnections();
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.http.once('error', (error) => reject(new ZvtError(ZVT_ERR_REPLAY_SERVER, `cannot listen on ${this.options.host}:${this.options.port}: ${error.message}`)));
      this.http.listen(this.options.port, this.options.host, () => {
        const address = this.http.address();
        this.port = typeof address === 'object' && address !== null ? address.port : 0;
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

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = req.url ?? '/';
    const rawStream = BinanceRawStream.forRequest(this.recording.venue, url, this.recording.connections);
    const cursor = this.findCursor(rawStream?.recordedAddress ?? url);
    if (cursor === null) {
      const known = this.cursors.map((c) => pathAndQuery(c.connection.address).path).join(', ');
      socket.end(`HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-type: text/plain\r\n\r\nno recorded WebSocket connection for ${url}; recorded: ${known}`);
      return;
    }
    this.websockets.handleUpgrade(req, socket, head, (websocket) => this.onOpen(websocket, cursor, rawStream));
  }

  private onOpen(socket: WebSocket, cursor: ConnectionCursor, rawStream: BinanceRawStream | null = null): void {
    const previousSessions = this.sessionsPerCursor.get(cursor) ?? 0;
    this.sessionsPerCursor.set(cursor, previousSessions + 1);
    const session: Session = {
      socket,
      cursor,
      sessionId: `replay-${++this.sessionCounter}`,
      clientFrames: 0,
      // A reconnecting client gets nothing before it subscribes either, as from the venue itself.
      gated: true,
      timeBaseWallMs: Date.now(),
      timeBaseTs: cursor.next === 0 ? cursor.connection.connectTs : (cursor.connection.frames[cursor.next]?.ts ?? cursor.connection.connectTs),
      timer: null,
      closed: false,
      rawStream,
    };
    this.sessions.add(session);
    this.replayOf(cursor).openSession(session.sessionId, previousSessions === 0);
    socket.on('message', (data: Buffer) => this.onClientFrame(session, data.toString('utf8')));
    socket.on('close', () => {
      session.closed = true;
      if (session.timer !== null) clearTimeout(session.timer);
      this.sessions.delete(session);
      this.replayOf(cursor).closeSession(session.sessionId);
    });
    socket.on('error', () => socket.terminate());
    this.pump(session);
  }

  private onClientFrame(session: Session, frame: string): void {
    const rawStreamReply = session.rawStream?.onClientFrame(frame) ?? null;
    if (rawStreamReply !== null) session.socket.send(rawStreamReply);
    const reply = heartbeatReply(this.recording.venue, frame, session.sessionId);
    if (reply !== null) {
      session.socket.send(reply);
      return;
    }
    // A resubscription is answered as the venue does: a reply, then a fresh snapshot of the book.
    for (const inserted of this.replayOf(session.cursor).onClientFrame(session.sessionId, frame)) session.socket.send(inserted);
    session.clientFrames++;
    this.pump(session);
  }

  /** Delivers every frame that is due, allowed by the client's subscriptions, and fits the socket. */
  private pump(session: Session): void {
    const cursor = session.cursor;
    if (session.closed) return;
    if (session.timer !== null) {
      clearTimeout(session.timer);
      session.timer = null;
    }
    if (session.rawStream?.idle === true) return; // nothing subscribed on the raw endpoint yet: the recording waits
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
          session.timer = setTimeout(() => this.pump(session), Math.ceil(waitMs));
          return;
        }
      }
      // Book tracking, faults, subscriptions and venue numbering (connection-replay.ts); null text: withheld.
      const served = this.replayOf(cursor).serve(session.sessionId, frame.data);
      const data = served.text === null || session.rawStream === null ? served.text : session.rawStream.outbound(served.text);
      let awaitDrain = false;
      if (served.text === null) {
        this.withheld(cursor);
      } else if (data === null) {
        this.delivered(cursor); // played, but not to this raw-endpoint client: it did not subscribe to that stream
      } else if (session.socket.bufferedAmount > BACKPRESSURE_LIMIT_BYTES) {
        // Resume once this frame's bytes reached the kernel: the client is reading again.
        session.socket.send(data, () => this.pump(session));
        this.delivered(cursor);
        awaitDrain = true;
      } else {
        session.socket.send(data);
        this.delivered(cursor);
      }
      if (served.disconnect) {
        this.disconnect(cursor);
        return;
      }
      if (awaitDrain) return;
    }
  }

  private replayOf(cursor: ConnectionCursor): ConnectionReplay {
    return this.replays.get(cursor)!;
  }

  /** A disconnect fault: every open session of the connection is closed; the recording plays on without them. */
  private disconnect(cursor: ConnectionCursor): void {
    for (const session of this.sessions) {
      if (session.cursor !== cursor || session.closed) continue;
      // Closed now, not at the close handshake: nothing more may be sent on it (it would be lost and counted).
      session.closed = true;
      if (session.timer !== null) clearTimeout(session.timer);
      this.replayOf(cursor).closeSession(session.sessionId);
      session.socket.close(1001, 'replay fault: disconnect');
    }
  }

  /** Passes a frame without sending it: counted as withheld, not delivered. */
  private withheld(cursor: ConnectionCursor): void {
    cursor.withheld++;
    cursor.delivered--; // delivered() counts it back; it advances the cursor and announces the end
    this.delivered(cursor);
  }

  private delivered(cursor: ConnectionCursor): void {
    cursor.next++;
    cursor.delivered++;
    if (cursor.finished) {
      this.emit('connection-finished', { conn: cursor.connection.conn });
      if (this.finished) this.emit('finished');
    }
  }

  private onHttp(req: IncomingMessage, res: ServerResponse): void {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const request = pathAndQuery(url);
    // A depth request once the stream has moved past the recorded snapshot gets the current book, as from the venue.
    const current = method === 'GET' ? this.cursors.map((cursor) => this.replayOf(cursor).restResponse(request.path, new URLSearchParams(request.query))).find((body) => body !== null) : undefined;
    if (current !== undefined && current !== null) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(current);
      return;
    }
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
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `no recorded response for ${method} ${url}`, recorded: this.recording.http.map((http) => pathAndQuery(http.url).path) }));
      return;
    }
    // The same URL recorded several times is served in order, the last one repeating.
    const served = candidates.reduce((count, http) => count + (this.httpCount.get(http) ?? 0), 0);
    const response = candidates[Math.min(served, candidates.length - 1)]!;
    this.httpCount.set(response, (this.httpCount.get(response) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(response.data);
  }
}
