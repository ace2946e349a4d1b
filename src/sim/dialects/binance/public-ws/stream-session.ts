// One Binance stream connection (/ws/... raw or /stream?streams=... combined): live SUBSCRIBE/UNSUBSCRIBE/LIST_SUBSCRIPTIONS/SET_PROPERTY/GET_PROPERTY and delivery.
import type { SimSocketSession, SimSocketSink } from '../../../server/sim-dialect.js';
import type { BinanceMarketStreams, StreamReceiver } from './market-streams.js';
import { parseBinanceStream } from './stream-names.js';
import { combinedPayload } from './stream-payloads.js';
import { readStreamRequest, streamErrorReply as errorReply } from './stream-request.js';

/*
 * web-socket-streams.md, "General WSS information" and "Live Subscribing/Unsubscribing":
 *   - raw streams at /ws/<streamName> (payload alone), combined at /stream?streams=a/b/c (every
 *     event as {"stream":"a","data":<payload>}); SET_PROPERTY ["combined", bool] switches;
 *   - requests {"method","params","id"} with id a 64-bit integer, an alphanumeric string of up to
 *     36 characters or null; success answers {"result":null,"id":n}, LIST_SUBSCRIPTIONS
 *     {"result":[names],"id":n}; errors {"error":{"code","msg"},"id":n} with the documented
 *     messages (0 unknown property, 1 wrong value type, 2 invalid request, 3 invalid JSON);
 *   - "WebSocket connections have a limit of 5 incoming messages per second ... A connection that
 *     goes beyond the limit will be disconnected": closed with 1008 here.
 * A `/ws/<x>` path that names no stream (ccxt connects to /ws/0, /ws/1 ...) subscribes nothing.
 * A listenKey among the names attaches the account's user data stream (user-streams.ts).
 */

/** Attaches and detaches user data streams by listenKey. */
export interface UserStreamAttacher {
  /** True when `name` is a live listenKey and the receiver now gets its events. */
  attach(name: string, receiver: StreamReceiver): boolean;
  detach(name: string, receiver: StreamReceiver): void;
}

const MAX_MESSAGES_PER_SECOND = 5;
const METHODS = '`SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`';

export class BinanceStreamSession implements SimSocketSession, StreamReceiver {
  /** Subscribed names in the order they were subscribed, and whether each is a user stream. */
  private readonly subscribed = new Map<string, 'market' | 'user'>();
  private readonly messageTimes: number[] = [];
  private closed = false;

  constructor(
    private readonly market: BinanceMarketStreams,
    private readonly users: UserStreamAttacher,
    private readonly sink: SimSocketSink,
    private combined: boolean,
    initialStreams: readonly string[],
  ) {
    for (const name of initialStreams) this.subscribe(name);
  }

  deliver(stream: string, payload: string, kind: 'book' | 'trade' | 'private', key: string): void {
    if (this.closed) return;
    this.sink.send(this.combined ? combinedPayload(stream, payload) : payload, kind, key);
  }

  onMessage(text: string): void {
    if (this.closed) return;
    const now = Date.now();
    while (this.messageTimes.length > 0 && now - this.messageTimes[0]! >= 1000) this.messageTimes.shift();
    this.messageTimes.push(now);
    if (this.messageTimes.length > MAX_MESSAGES_PER_SECOND) {
      this.sink.close(1008, 'Too many requests');
      this.onClose();
      return;
    }
    const reply = this.answer(text);
    this.sink.send(reply, 'control');
  }

  onClose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const name of [...this.subscribed.keys()]) this.unsubscribe(name);
  }

  /** Subscribes one name; false when it is no stream Binance serves. */
  private subscribe(name: string): boolean {
    if (this.subscribed.has(name)) return true;
    const stream = parseBinanceStream(name);
    if (stream !== null) {
      this.market.subscribe(name, stream, this);
      this.subscribed.set(name, 'market');
      return true;
    }
    if (this.users.attach(name, this)) {
      this.subscribed.set(name, 'user');
      return true;
    }
    return false;
  }

  private unsubscribe(name: string): void {
    const kind = this.subscribed.get(name);
    if (kind === undefined) return;
    this.subscribed.delete(name);
    if (kind === 'market') this.market.unsubscribe(name, this);
    else this.users.detach(name, this);
  }

  private answer(text: string): string {
    const request = readStreamRequest(text);
    if (!request.ok) return request.reply;
    const { method, params, id } = request;
    if (method === undefined) return errorReply(2, 'Invalid request: missing field `method`', id);
    switch (method) {
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE': {
        if (!Array.isArray(params) || !params.every((param): param is string => typeof param === 'string')) {
          return errorReply(2, 'Invalid request: invalid stream', id);
        }
        if (method === 'UNSUBSCRIBE') {
          for (const name of params) this.unsubscribe(name);
          return JSON.stringify({ result: null, id });
        }
        // All or nothing: one bad name refuses the request.
        if (params.some((name) => parseBinanceStream(name) === null && !this.subscribed.has(name) && !this.isAttachable(name))) {
          return errorReply(2, 'Invalid request: invalid stream', id);
        }
        for (const name of params) this.subscribe(name);
        return JSON.stringify({ result: null, id });
      }
      case 'LIST_SUBSCRIPTIONS':
        return JSON.stringify({ result: [...this.subscribed.keys()], id });
      case 'SET_PROPERTY': {
        if (!Array.isArray(params) || typeof params[0] !== 'string') return errorReply(2, 'Invalid request: property name must be a string', id);
        if (params[0] !== 'combined') return errorReply(0, 'Unknown property', id);
        if (typeof params[1] !== 'boolean') return errorReply(1, 'Invalid value type: expected Boolean', id);
        this.combined = params[1];
        return JSON.stringify({ result: null, id });
      }
      case 'GET_PROPERTY':
        if (!Array.isArray(params) || typeof params[0] !== 'string') return errorReply(2, 'Invalid request: property name must be a string', id);
        if (params[0] !== 'combined') return errorReply(0, 'Unknown property', id);
        return JSON.stringify({ result: this.combined, id });
      default:
        return errorReply(2, `Invalid request: unknown variant ${JSON.stringify(method)}, expected one of ${METHODS}`, id);
    }
  }

  /** A listenKey can be attached (tested by attaching and detaching again: attach is idempotent per receiver). */
  private isAttachable(name: string): boolean {
    if (!this.users.attach(name, this)) return false;
    this.users.detach(name, this);
    return true;
  }
}
