// Serves one simulated venue on 127.0.0.1: REST and WebSocket transport, the simulator's control endpoints, REST faults, the rate limiter, then the venue's dialect.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_SIM_SERVER } from '../errors.js';
import { SimFaultControl } from '../faults/fault-control.js';
import { faultStream, type FaultRandom } from '../faults/fault-random.js';
import { decideRestFault } from '../faults/rest-faults.js';
import type { SimFaultConfig } from '../faults/sim-fault-config.js';
import { handleControlRequest } from './control-endpoint.js';
import { RateLimiter } from './rate-limiter.js';
import { MAX_REQUEST_BODY_BYTES, readBody, toSimRequest } from './read-request.js';
import { SimConnection } from './sim-connection.js';
import type { SimDialect, SimHttpRequest, SimHttpResponse, SimRateLimitUsage, SimSocketSession } from './sim-dialect.js';
import { SimServerCounters, type SimServerStats } from './sim-server-stats.js';

/*
 * Transport: node:http + `ws`, as the replay server (replay-server.ts) and for the same reason:
 * the uWebSockets.js build we ship loses writable events for slow readers. Here a slow reader is
 * closed with 1008 once its buffered bytes pass maxBufferedBytes (session-outbox.ts).
 *
 * A REST request goes: body (over 1 MiB: 413) → /__sim/ control endpoints (never limited or
 * faulted) → REST fault layer (timeout, 5xx, latency) → rate limiter (dialect.costOf; refused:
 * dialect.rateLimitedResponse) → dialect.handleHttp. Every answer the limiter counted carries
 * dialect.usageHeaders. A dialect exception is a 500 with a JSON body, counted, logged once.
 */

export interface SimServerOptions {
  /** Loopback unless an operator deliberately exposes the simulator. */
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** Faults from the start (validated: ZVT_ERR_SIM_FAULTS); replaceable at runtime through `faults` or PUT /__sim/faults. */
  faults?: SimFaultConfig | undefined;
  /** Seed of the fault layer when the fault configuration has none (the simulator's seed). Default 1. */
  seed?: number;
  /** Bytes a WebSocket client may have waiting (queued + socket buffer) before it is closed with 1008. Default 16 MiB. */
  maxBufferedBytes?: number;
  /** Where the first dialect exception and other rare events are reported; default: one line on stderr. */
  log?: (line: string) => void;
  /** Overrides the dialect's WebSocket ping interval (tests: shorter than Binance's 20 s); 0 = no pings. */
  webSocketPingIntervalMs?: number;
}

const DEFAULT_MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** Largest frame a client may send (subscriptions and logins are small). */
const MAX_CLIENT_FRAME_BYTES = 1024 * 1024;

function defaultLog(line: string): void {
  process.stderr.write(`${line}\n`);
}

function lowerCaseKeys(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const lowered: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) lowered[name.toLowerCase()] = value;
  return lowered;
}

export class SimServer {
  /** The fault configuration in force; set/clear it here or through /__sim/faults. */
  readonly faults: SimFaultControl;
  private readonly http: Server;
  private readonly websockets = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_CLIENT_FRAME_BYTES });
  private readonly limiter: RateLimiter;
  private readonly counters = new SimServerCounters();
  private readonly connections = new Set<SimConnection>();
  /** Held REST requests (timeout and latency faults): cleared on close. */
  private readonly requestTimers = new Set<NodeJS.Timeout>();
  private restRandom: FaultRandom;
  private readonly log: (line: string) => void;
  private closed = false;
  port = 0;

  private constructor(
    readonly dialect: SimDialect,
    private readonly options: Required<Omit<SimServerOptions, 'faults' | 'webSocketPingIntervalMs'>> & { webSocketPingIntervalMs: number | undefined },
    faults: SimFaultConfig | undefined,
  ) {
    this.faults = new SimFaultControl(faults, options.seed);
    this.restRandom = faultStream(this.faults.seed, 0);
    // A new configuration restarts the REST random stream too: the same PUT gives the same outcome.
    this.faults.onChange(() => (this.restRandom = faultStream(this.faults.seed, 0)));
    this.limiter = new RateLimiter(dialect.rateLimitRules);
    this.log = options.log;
    this.http = createServer((req, res) => this.onHttp(req, res));
    this.http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(req, socket, head));
  }

  static async start(dialect: SimDialect, options: SimServerOptions = {}): Promise<SimServer> {
    const server = new SimServer(
      dialect,
      {
        host: options.host ?? '127.0.0.1',
        port: options.port ?? 0,
        seed: options.seed ?? 1,
        maxBufferedBytes: options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
        log: options.log ?? defaultLog,
        webSocketPingIntervalMs: options.webSocketPingIntervalMs,
      },
      options.faults,
    );
    await server.listen();
    return server;
  }

  get restUrl(): string {
    return `http://${this.urlHost}:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://${this.urlHost}:${this.port}`;
  }

  stats(): SimServerStats {
    return this.counters.snapshot(this.limiter.stats());
  }

  /** Stops listening, closes every session (1001) and the dialect; held requests are cut. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.requestTimers) clearTimeout(timer);
    this.requestTimers.clear();
    for (const connection of this.connections) connection.shutdown();
    try {
      this.dialect.close();
    } catch (error: unknown) {
      this.onDialectError(error, 'close');
    }
    this.websockets.close();
    const stopped = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeAllConnections();
    await stopped;
  }

  private get urlHost(): string {
    return this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.http.once('error', (error) => reject(new ZvtError(ZVT_ERR_SIM_SERVER, `cannot listen on ${this.options.host}:${this.options.port}: ${error.message}`)));
      this.http.listen(this.options.port, this.options.host, () => {
        const address = this.http.address();
        this.port = typeof address === 'object' && address !== null ? address.port : 0;
        resolve();
      });
    });
  }

  private onDialectError(error: unknown, where: string): void {
    this.counters.dialectErrors++;
    // Once: a dialect bug hit by every request would otherwise flood the log; the count is in the stats.
    if (this.counters.dialectErrors === 1) {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.log(`simulator ${this.dialect.venue}: dialect threw in ${where} (further ones only counted in /__sim/stats dialectErrors): ${detail}`);
    }
  }

  private onHttp(req: IncomingMessage, res: ServerResponse): void {
    const receivedMs = Date.now();
    this.counters.requests++;
    this.handleHttp(req, res, receivedMs).catch((error: unknown) => {
      this.onDialectError(error, 'http');
      if (!res.headersSent) this.respond(res, { status: 500, body: { error: 'internal simulator error' } }, {});
    });
  }

  private async handleHttp(req: IncomingMessage, res: ServerResponse, receivedMs: number): Promise<void> {
    const body = await readBody(req, MAX_REQUEST_BODY_BYTES);
    if (body.kind === 'aborted') return;
    if (body.kind === 'too-large') {
      this.counters.restOversized++;
      this.respond(res, { status: 413, headers: { connection: 'close' }, body: { error: `request body over ${MAX_REQUEST_BODY_BYTES} bytes` } }, {});
      return;
    }
    let request = toSimRequest(req, body.text, receivedMs);
    const control = handleControlRequest(request, this.faults, () => this.stats());
    if (control !== null) {
      this.respond(res, control, {});
      return;
    }

    const fault = decideRestFault(this.faults.current.rest, request.path, this.restRandom);
    if (fault.kind === 'timeout') {
      this.counters.restTimeouts++;
      // The venue never answers: the client's own timeout must fire; the connection is then cut, not answered.
      this.hold(fault.holdMs, () => req.socket.destroy());
      return;
    }
    if (fault.kind === 'error') {
      this.counters.restFaultErrors++;
      this.respond(res, { status: fault.status, body: { error: `simulated ${fault.status} fault` } }, {});
      return;
    }
    if (fault.delayMs > 0) {
      this.counters.restDelayed++;
      await new Promise<void>((resolve) => this.hold(fault.delayMs, resolve));
      if (this.closed || res.destroyed) return;
      // The venue sees the request when it arrives there, late: its clock checks (recvWindow) use that time.
      request = { ...request, receivedMs: Date.now() };
    }
    this.answer(request, res);
  }

  /** Rate limiter, then the dialect; a dialect exception is a 500. */
  private answer(request: SimHttpRequest, res: ServerResponse): void {
    let response: SimHttpResponse;
    let usageHeaders: Readonly<Record<string, string>> = {};
    try {
      let usage: SimRateLimitUsage | null = null;
      let refused: SimHttpResponse | null = null;
      const cost = this.dialect.costOf(request);
      if (cost !== null) {
        const decision = this.limiter.charge(cost, request.receivedMs);
        if (decision.admitted) usage = decision.usage;
        else {
          usage = decision.refusal.usage;
          refused = this.dialect.rateLimitedResponse(request, decision.refusal);
        }
      }
      response = refused ?? this.dialect.handleHttp(request);
      if (usage !== null) usageHeaders = this.dialect.usageHeaders(request, usage);
      // Serialised here so a body JSON cannot encode (a bigint) is the dialect's 500, not a crash.
      if (typeof response.body !== 'string') response = { ...response, body: JSON.stringify(response.body) ?? 'null' };
    } catch (error: unknown) {
      this.onDialectError(error, `handling ${request.method} ${request.path}`);
      response = { status: 500, body: JSON.stringify({ error: 'internal simulator error' }) };
      usageHeaders = {};
    }
    this.respond(res, response, usageHeaders);
  }

  private respond(res: ServerResponse, response: SimHttpResponse, usageHeaders: Readonly<Record<string, string>>): void {
    if (res.destroyed) return;
    const body = typeof response.body === 'string' ? response.body : (JSON.stringify(response.body) ?? 'null');
    // Every venue answers JSON; a dialect may still name another content type.
    const headers = { 'content-type': 'application/json', ...lowerCaseKeys(usageHeaders), ...lowerCaseKeys(response.headers) };
    res.writeHead(response.status, headers);
    res.end(body);
    this.counters.responded(response.status);
  }

  private hold(ms: number, then: () => void): void {
    const timer = setTimeout(() => {
      this.requestTimers.delete(timer);
      then();
    }, ms);
    this.requestTimers.add(timer);
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (this.closed) {
      socket.destroy();
      return;
    }
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const path = mark < 0 ? url : url.slice(0, mark);
    const query = new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1));
    const pingIntervalMs = this.options.webSocketPingIntervalMs ?? this.dialect.webSocketPingIntervalMs ?? 0;
    const connection = new SimConnection(this.counters.sessionsTotal + 1, this.dialect, this.faults, this.counters, this.options.maxBufferedBytes, pingIntervalMs, {
      onDialectError: (error, where) => this.onDialectError(error, where),
      onClosed: (closed) => {
        if (this.connections.delete(closed)) this.counters.sessionsOpen--;
      },
    });
    let session: SimSocketSession | null;
    try {
      session = this.dialect.openSession(path, query, connection);
    } catch (error: unknown) {
      this.onDialectError(error, `openSession ${path}`);
      connection.abandon();
      socket.end('HTTP/1.1 500 Internal Server Error\r\nconnection: close\r\ncontent-type: application/json\r\n\r\n{"error":"internal simulator error"}');
      return;
    }
    if (session === null) {
      this.counters.sessionsNotFound++;
      connection.abandon();
      socket.end(`HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-type: application/json\r\n\r\n${JSON.stringify({ error: `no WebSocket endpoint ${path}` })}`);
      return;
    }
    this.counters.sessionsTotal++;
    this.counters.sessionsOpen++;
    this.connections.add(connection);
    // A handshake ws rejects (bad key, wrong version) never reaches attach: the raw socket's close ends the session.
    socket.once('close', () => connection.onSocketClosed());
    const opened = session;
    this.websockets.handleUpgrade(req, socket, head, (websocket) => connection.attach(websocket, opened));
  }
}
