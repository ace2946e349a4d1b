// The contract between the simulator's HTTP/WebSocket server (transport, rate limits, faults) and one venue dialect.
import type { SimExchange } from '../exchange/sim-exchange-contract.js';

/** A REST request as received. The raw forms are kept: signatures are computed over them. */
export interface SimHttpRequest {
  readonly method: string;
  /** Path without the query (`/api/v3/order`). */
  readonly path: string;
  /** The query text exactly as sent, without `?` ('' when none). */
  readonly rawQuery: string;
  readonly query: URLSearchParams;
  /** Header names lower-case; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** The body text exactly as sent ('' when none). */
  readonly body: string;
  /** Wall time the request arrived, epoch ms. */
  readonly receivedMs: number;
  /** Who is asking, for IP-keyed limits (the remote address). */
  readonly clientAddress: string;
}

export interface SimHttpResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string is sent as is; anything else as JSON (content-type application/json). */
  readonly body: unknown;
}

/** Where a dialect writes to one WebSocket client; the server puts the fault layer behind it. */
export interface SimSocketSink {
  /**
   * Sends one text frame. `kind` tells the fault layer what it may do with it: only 'book' frames
   * are dropped, duplicated, reordered or checksum-corrupted; `key` is the frame's listing (native
   * symbol) so per-book faults can select it.
   */
  send(text: string, kind: 'book' | 'trade' | 'control' | 'private', key?: string): void;
  /** Closes the connection (code 1000 unless given). */
  close(code?: number, reason?: string): void;
  /** Bytes queued for this client and not yet written (a slow reader shows here). */
  readonly bufferedAmount: number;
}

/** One open WebSocket connection, as the dialect handles it. */
export interface SimSocketSession {
  /** A text frame from the client. */
  onMessage(text: string): void;
  /** The connection closed (either side); stop sending. */
  onClose(): void;
}

/** A request's cost under the venue's limits, decided by the dialect, enforced by the server (rate-limiter.ts). */
export interface SimRequestCost {
  /**
   * Each limit this request counts against: the rule (a key of SimDialect.rateLimitRules), the
   * bucket it counts in (who and what: `ip:127.0.0.1`, `apiKey:abc:/api/v5/trade/order`) and its
   * cost (Binance weight 20 for depth limit 1000; 1 for a plain request count).
   */
  readonly charges: readonly { readonly rule: string; readonly bucket: string; readonly cost: number }[];
}

/**
 * One venue's protocol. The server calls handleHttp for every REST request that passed the rate
 * limiter and the fault layer, and openSession for every WebSocket upgrade. A dialect never touches
 * sockets, timers of the transport or faults: it reads and changes the SimExchange and writes
 * frames to sinks.
 */
export interface SimDialect {
  readonly venue: SimExchange['venue'];
  readonly exchange: SimExchange;
  /** The venue's limits by rule name (Binance `REQUEST_WEIGHT` 6000/min, `ORDERS` 50/10 s ...); configurable through SimConfig. */
  readonly rateLimitRules: Readonly<Record<string, SimRateLimitRule>>;
  /** The request's cost, before it is handled; null = not limited (e.g. unknown path, answered 404 anyway). */
  costOf(request: SimHttpRequest): SimRequestCost | null;
  handleHttp(request: SimHttpRequest): SimHttpResponse;
  /**
   * The venue's answer to a request refused by the rate limiter: status (429, or 418 for a client
   * that kept going), headers (Retry-After ...) and body in the venue's format.
   */
  rateLimitedResponse(request: SimHttpRequest, refusal: SimRateLimitRefusal): SimHttpResponse;
  /** Headers reporting the client's usage on every answered request (Binance X-MBX-USED-WEIGHT-1M ...), or none. */
  usageHeaders(request: SimHttpRequest, usage: SimRateLimitUsage): Readonly<Record<string, string>>;
  /**
   * How often the venue's server pings each WebSocket client with a protocol ping frame (Binance:
   * every 20 s, and it drops clients that do not pong); absent = the venue sends none.
   */
  readonly webSocketPingIntervalMs?: number;
  /** A WebSocket connection to `path` (+ query); null = no such endpoint (the server answers 404). */
  openSession(path: string, query: URLSearchParams, sink: SimSocketSink): SimSocketSession | null;
  /** The frame with a wrong checksum, or null when the frame carries none (only OKX sends checksums). */
  corruptChecksum(frameText: string): string | null;
  /** Stops timers of its own (heartbeats, private-stream pushes). */
  close(): void;
  /**
   * Path of the venue's private (account) WebSocket on this server, for the simulator's published
   * endpoints; absent: the venue's usual path (Binance '' (listen-key streams on the base), OKX
   * '/ws/v5/private', Bybit '/v5/private', Coinbase '').
   */
  readonly privateWebSocketPath?: string;
}

/** Usage of the buckets a request counted against, after counting it. */
export interface SimRateLimitUsage {
  /** Per rule name: cost used in the request's bucket in the current window, and the rule. */
  readonly rules: Readonly<Record<string, { readonly used: number; readonly limit: number; readonly windowMs: number }>>;
}

export interface SimRateLimitRefusal {
  /** The rule that refused. */
  readonly rule: string;
  /** Seconds until the bucket's window resets (Retry-After). */
  readonly retryAfterSeconds: number;
  /** The client kept sending after a refusal inside the ban threshold: Binance answers 418 and bans for a while. */
  readonly banned: boolean;
  readonly usage: SimRateLimitUsage;
}

/** At most `limit` cost units per bucket per fixed window of windowMs (windows aligned to the epoch, as Binance's minute). */
export interface SimRateLimitRule {
  readonly limit: number;
  readonly windowMs: number;
  /** Refusals a client may receive in one window before it is banned (418 + Retry-After of the ban); null = never banned. */
  readonly banAfterRefusals: number | null;
  readonly banMs: number;
  /**
   * Whether a refused request's cost still counts as used in its window. Absent = true, as Binance
   * does (a client hammering past the limit stays refused until the window ends).
   */
  readonly countRefused?: boolean;
}
