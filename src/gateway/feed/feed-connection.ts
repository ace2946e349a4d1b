// FeedConnection: one /v1/feed client as the hub sees it: its socket, topics, and slow-consumer state.
import type { FeedTopic } from './feed-topic.js';

/** What the hub needs of a WebSocket; uWS's WebSocket has exactly this shape. */
export interface FeedSocket {
  /** 1 sent, 0 sent but buffered (backpressure), 2 refused (past maxBackpressure). uWS copies the bytes. */
  send(message: Uint8Array, isBinary: boolean): number;
  /** Bytes uWS holds for this socket that the kernel has not taken yet. */
  getBufferedAmount(): number;
  /** Closes with a close frame; uWS calls the route's close handler before this returns. */
  end(code: number, reason: string): void;
  /** uWS topics (used in 'topics' fan-out only): the socket receives what is published under `topic`. */
  subscribe(topic: string): boolean;
  unsubscribe(topic: string): boolean;
}

/** uWS send() results. */
export const SEND_BACKPRESSURE = 0;
export const SEND_SUCCESS = 1;
export const SEND_DROPPED = 2;

export class FeedConnection {
  readonly topics = new Set<FeedTopic>();
  /** Topics whose messages this connection missed while conflated: each gets a fresh snapshot (or last value) on resume. */
  readonly dirty = new Set<FeedTopic>();
  /** Past the soft limit: topic messages are skipped (and their topics marked dirty) until it drains. */
  conflated = false;
  /** When it was conflated (ms, performance.now()). */
  conflatedSinceMs = 0;
  closed = false;

  constructor(
    readonly id: number,
    readonly socket: FeedSocket,
  ) {}
}
