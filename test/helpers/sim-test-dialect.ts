// Test helper: a small real SimDialect for the simulator server's tests: a few REST routes with weights, a WebSocket endpoint with numbered book frames.
import type { SimExchange, SimBookUpdate } from '../../src/sim/exchange/sim-exchange-contract.js';
import { mergeRateLimitRules } from '../../src/sim/server/rate-limiter.js';
import type {
  SimDialect,
  SimHttpRequest,
  SimHttpResponse,
  SimRateLimitRefusal,
  SimRateLimitRule,
  SimRateLimitUsage,
  SimRequestCost,
  SimSocketSession,
  SimSocketSink,
} from '../../src/sim/server/sim-dialect.js';

/*
 * Routes (REST):
 *   GET  /api/test/ping                → {}                     WEIGHT 1 (bucket ip:<address>)
 *   GET  /api/test/depth?symbol&limit  → exchange snapshot      WEIGHT 5 when limit > 100, else 1
 *   POST /api/test/order               → {"accepted": <body>}   WEIGHT 1 and ORDERS 1 (bucket key:<x-test-key>)
 *   GET  /api/test/echo                → the request as seen    not limited
 *   GET  /api/test/throw               → throws                 (the server's 500)
 * WebSocket: /ws. Client frames: {"op":"subscribe","key":"BTCUSDT"} → {"event":"subscribed","key"}.
 * Book frames {"type":"book","key","seq"[,"checksum"]} are pushed by the test (pushBook) or by the
 * exchange's book events (followExchange); seq counts per key and per session from 1.
 */

export const TEST_RATE_LIMITS: Readonly<Record<string, SimRateLimitRule>> = {
  WEIGHT: { limit: 10, windowMs: 60_000, banAfterRefusals: 2, banMs: 120_000 },
  ORDERS: { limit: 3, windowMs: 10_000, banAfterRefusals: null, banMs: 0, countRefused: false },
};

export interface SimTestDialectOptions {
  rateLimits?: Readonly<Record<string, Partial<SimRateLimitRule>>>;
  /** Book frames carry a "checksum" field (corruptChecksum then applies). */
  checksums?: boolean;
  /** Every exchange book update is pushed as a book frame of its listing to subscribed sessions. */
  followExchange?: boolean;
}

export class TestSession implements SimSocketSession {
  readonly subscribed = new Set<string>();
  readonly received: string[] = [];
  readonly seqByKey = new Map<string, number>();
  closed = false;

  constructor(
    readonly sink: SimSocketSink,
    readonly query: URLSearchParams,
  ) {}

  onMessage(text: string): void {
    this.received.push(text);
    const message = JSON.parse(text) as { op?: string; key?: string };
    if (message.op === 'subscribe' && typeof message.key === 'string') {
      this.subscribed.add(message.key);
      this.sink.send(JSON.stringify({ event: 'subscribed', key: message.key }), 'control');
    } else if (message.op === 'close') {
      this.sink.close(4000, 'asked');
    } else if (message.op === 'throw') {
      throw new Error('test dialect: asked to throw');
    }
  }

  onClose(): void {
    this.closed = true;
  }
}

export class SimTestDialect implements SimDialect {
  readonly venue: SimExchange['venue'];
  readonly rateLimitRules: Readonly<Record<string, SimRateLimitRule>>;
  readonly sessions = new Set<TestSession>();
  closed = false;
  private readonly onBook = (update: SimBookUpdate): void => {
    this.pushBook(update.native);
  };

  constructor(
    readonly exchange: SimExchange,
    private readonly options: SimTestDialectOptions = {},
  ) {
    this.venue = exchange.venue;
    this.rateLimitRules = mergeRateLimitRules(TEST_RATE_LIMITS, options.rateLimits);
    if (options.followExchange === true) exchange.on('book', this.onBook);
  }

  costOf(request: SimHttpRequest): SimRequestCost | null {
    const ip = `ip:${request.clientAddress}`;
    switch (request.path) {
      case '/api/test/ping':
      case '/api/test/throw':
        return { charges: [{ rule: 'WEIGHT', bucket: ip, cost: 1 }] };
      case '/api/test/depth':
        return { charges: [{ rule: 'WEIGHT', bucket: ip, cost: Number(request.query.get('limit') ?? '100') > 100 ? 5 : 1 }] };
      case '/api/test/order':
        return {
          charges: [
            { rule: 'WEIGHT', bucket: ip, cost: 1 },
            { rule: 'ORDERS', bucket: `key:${request.headers['x-test-key'] ?? ''}`, cost: 1 },
          ],
        };
      default:
        return null;
    }
  }

  handleHttp(request: SimHttpRequest): SimHttpResponse {
    if (request.method === 'GET' && request.path === '/api/test/ping') return { status: 200, body: {} };
    if (request.method === 'GET' && request.path === '/api/test/echo') {
      return { status: 200, body: { method: request.method, path: request.path, rawQuery: request.rawQuery, receivedMs: request.receivedMs, headers: request.headers, body: request.body, clientAddress: request.clientAddress } };
    }
    if (request.method === 'GET' && request.path === '/api/test/depth') {
      const symbol = request.query.get('symbol') ?? '';
      if (this.exchange.listing(symbol) === undefined) return { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } };
      const snapshot = this.exchange.snapshot(symbol, Number(request.query.get('limit') ?? '100'));
      return { status: 200, body: { lastUpdateId: snapshot.updateId, bids: snapshot.bids.length, asks: snapshot.asks.length } };
    }
    if (request.method === 'POST' && request.path === '/api/test/order') return { status: 200, body: { accepted: request.body } };
    if (request.path === '/api/test/throw') throw new Error('test dialect: route throws');
    return { status: 404, body: { code: -1, msg: `no route ${request.method} ${request.path}` } };
  }

  rateLimitedResponse(_request: SimHttpRequest, refusal: SimRateLimitRefusal): SimHttpResponse {
    return {
      status: refusal.banned ? 418 : 429,
      headers: { 'Retry-After': String(refusal.retryAfterSeconds) },
      body: { code: -1003, msg: `Too many requests (${refusal.rule}).` },
    };
  }

  usageHeaders(_request: SimHttpRequest, usage: SimRateLimitUsage): Readonly<Record<string, string>> {
    const weight = usage.rules.WEIGHT;
    return weight === undefined ? {} : { 'X-Test-Used-Weight': String(weight.used) };
  }

  openSession(path: string, query: URLSearchParams, sink: SimSocketSink): SimSocketSession | null {
    if (path !== '/ws') return null;
    const session = new TestSession(sink, query);
    this.sessions.add(session);
    if (query.get('hello') === '1') sink.send(JSON.stringify({ event: 'hello' }), 'control');
    return session;
  }

  /** One book frame of `key` to every open session subscribed to it; returns how many sessions got one. */
  pushBook(key: string, extra: Record<string, unknown> = {}): number {
    let count = 0;
    for (const session of this.sessions) {
      if (session.closed || !session.subscribed.has(key)) continue;
      const seq = (session.seqByKey.get(key) ?? 0) + 1;
      session.seqByKey.set(key, seq);
      const frame: Record<string, unknown> = { type: 'book', key, seq, ...extra };
      if (this.options.checksums === true) frame.checksum = seq * 7;
      session.sink.send(JSON.stringify(frame), 'book', key);
      count++;
    }
    return count;
  }

  /** A frame of another kind (trade, control, private) to every open session. */
  pushOther(kind: 'trade' | 'control' | 'private', payload: Record<string, unknown>): void {
    for (const session of this.sessions) if (!session.closed) session.sink.send(JSON.stringify({ type: kind, ...payload }), kind);
  }

  corruptChecksum(frameText: string): string | null {
    const frame = JSON.parse(frameText) as Record<string, unknown>;
    if (typeof frame.checksum !== 'number') return null;
    return JSON.stringify({ ...frame, checksum: frame.checksum + 1 });
  }

  close(): void {
    this.closed = true;
    this.exchange.off('book', this.onBook);
  }
}
