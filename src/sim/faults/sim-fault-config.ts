// SimFaultConfig: the faults a simulator server injects into WebSocket frames and REST answers, as plain validated data.

/*
 * Plain JSON so the same object is given at start (SimServerOptions.faults), set at runtime
 * (PUT /__sim/faults) and read back (GET /__sim/faults). Validation (validate-fault-config.ts)
 * rejects unknown fields and out-of-range values with a message naming the field.
 *
 * Everything counts from the moment a configuration is installed on a session (its start, or the
 * PUT that replaced the configuration, whichever is later): frame counters, afterMs timers and the
 * session's random stream all restart, so a test sees the same outcome every run.
 */

/** A delay distribution, in milliseconds. Normal samples below 0 are clipped to 0. */
export type SimDelay =
  | { readonly fixedMs: number }
  | { readonly uniformMs: readonly [number, number] }
  | { readonly normalMs: { readonly mean: number; readonly sd: number } };

/**
 * Which book frames a WebSocket fault hits, per connection. Exactly one of `probability` and `frames`.
 * - `key`: the listing (native symbol as the dialect tags its frames: `BTCUSDT`, `BTC-USDT-SWAP`);
 *   absent or '*' = every listing.
 * - `probability`: each book frame of a selected listing is hit with this probability (seeded).
 * - `frames`: the Nth book frames of each selected listing on the connection (1 = its first), each
 *   listing counting its own frames.
 */
export interface SimFrameSelector {
  readonly key?: string;
  readonly probability?: number;
  readonly frames?: readonly number[];
}

/**
 * Closes a session abruptly (the TCP connection is destroyed without a close frame: the client
 * sees 1006), or with a close frame when `code` is given. Exactly one of afterFrames (frames the
 * dialect sent to the session, any kind) and afterMs. `every`: every session is disconnected
 * (each reconnection again); otherwise only the first session that gets there.
 */
export interface SimDisconnectFault {
  readonly afterFrames?: number;
  readonly afterMs?: number;
  readonly every?: boolean;
  readonly code?: number;
}

/**
 * Stops writing to a session: frames are queued (in order, bounded by the server's slow-client
 * limit) and written when the stall ends. `durationMs` absent: until the session closes. Exactly
 * one of afterFrames and afterMs; `every` as for disconnect.
 */
export interface SimStallFault {
  readonly afterFrames?: number;
  readonly afterMs?: number;
  readonly durationMs?: number;
  readonly every?: boolean;
}

export interface SimWebSocketFaults {
  /** The frame is never sent. */
  readonly drop?: readonly SimFrameSelector[];
  /** The frame is sent twice in a row. */
  readonly duplicate?: readonly SimFrameSelector[];
  /** The frame is held and sent right after the connection's next book frame that is sent. */
  readonly reorder?: readonly SimFrameSelector[];
  /** The frame is sent with a wrong checksum (dialect.corruptChecksum); a frame without one counts as not applicable. */
  readonly corruptChecksum?: readonly SimFrameSelector[];
  readonly disconnect?: readonly SimDisconnectFault[];
  readonly stall?: readonly SimStallFault[];
  /** Every frame (any kind) is delayed by a sample of this; order is kept (a frame never overtakes an earlier one). */
  readonly latency?: SimDelay;
}

/** Answers with `status` (the venue's gateway failing) instead of handling the request, for `rate` of the requests. */
export interface SimRestErrorFault {
  readonly status: 500 | 502 | 503 | 504;
  /** Fraction of requests, 0..1. */
  readonly rate: number;
  /** Only requests whose path starts with this (`/api/v3/order`); absent = every path. */
  readonly pathPrefix?: string;
}

/** Holds the request holdMs and then destroys the connection without answering, for `rate` of the requests. */
export interface SimRestTimeoutFault {
  readonly rate: number;
  readonly holdMs: number;
  readonly pathPrefix?: string;
}

export interface SimRestFaults {
  readonly errors?: readonly SimRestErrorFault[];
  readonly timeout?: SimRestTimeoutFault;
  /** Each request waits a sample of this before it is handled (the venue sees it late, then answers at once). */
  readonly latency?: SimDelay;
}

export interface SimFaultConfig {
  /** Seed of the fault layer's random choices; absent: the server's seed (the simulator's seed). */
  readonly seed?: number;
  readonly websocket?: SimWebSocketFaults;
  readonly rest?: SimRestFaults;
}
