// FeedClient: the reference /v1/feed client (a `ws` connection): subscribes, decodes every message, keeps book replicas and asks for a snapshot on a gap.
import WebSocket from 'ws';
import { ZVT_ERR_GATEWAY_FEED_CLIENT, gatewayError } from '../errors.js';
import { FeedBookReplica } from './feed-book-replica.js';
import { decodeFeedMessage, type DecodedFeedMessage } from './feed-decoder.js';

export interface FeedClientHandlers {
  /** Every decoded message, in arrival order (after the replica of its book topic applied it). */
  onMessage(message: DecodedFeedMessage): void;
  /** A book topic's seq jumped; the client has already asked for a snapshot. */
  onGap?(topic: string): void;
}

/*
 * What any client does, in any language: open the WebSocket, send {"op":"subscribe"} as a JSON
 * text frame, decode each binary frame as a FeedMessage, learn topic ids from SubscribeAck, keep
 * each book from its Snapshot plus Deltas with seq = previous + 1, and on a jump send
 * {"op":"snapshot"} for that topic (docs/feed.md).
 */
export class FeedClient {
  readonly topicNames = new Map<number, string>();
  readonly books = new Map<string, FeedBookReplica>();
  /** Resolves with the close code when the connection ends (either side). */
  readonly closed: Promise<number>;
  private nextRequestId = 1;

  private constructor(
    private readonly socket: WebSocket,
    private readonly handlers: FeedClientHandlers,
  ) {
    this.closed = new Promise((resolve) => socket.once('close', (code: number) => resolve(code)));
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) this.onFrame(data);
    });
  }

  /** Connects; rejects with ZVT_ERR_GATEWAY_FEED_CLIENT when the server cannot be reached or refuses the upgrade. */
  static connect(url: string, handlers: FeedClientHandlers): Promise<FeedClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      socket.binaryType = 'nodebuffer';
      socket.once('open', () => {
        socket.off('error', onError);
        // Later errors end the connection; `closed` reports it.
        socket.on('error', () => undefined);
        resolve(new FeedClient(socket, handlers));
      });
      const onError = (error: Error): void => reject(gatewayError(ZVT_ERR_GATEWAY_FEED_CLIENT, `cannot connect to ${url}: ${error.message}`, { url }));
      socket.once('error', onError);
    });
  }

  /** Sends a subscribe request; returns its id (answers carry it as request_id). */
  subscribe(topics: readonly string[]): number {
    return this.request('subscribe', topics);
  }

  requestSnapshot(topics: readonly string[]): number {
    return this.request('snapshot', topics);
  }

  close(): void {
    this.socket.close(1000);
  }

  private request(op: 'subscribe' | 'snapshot', topics: readonly string[]): number {
    const id = this.nextRequestId++;
    this.socket.send(JSON.stringify({ op, topics, id }));
    return id;
  }

  private onFrame(data: Buffer): void {
    const message = decodeFeedMessage(data);
    if (message.type === 'subscribeAck') {
      if (message.subscribed) {
        this.topicNames.set(message.topicId, message.topic);
        if (message.topic.startsWith('book.') && !this.books.has(message.topic)) this.books.set(message.topic, new FeedBookReplica());
      } else {
        this.books.delete(message.topic);
      }
    } else if (message.type === 'snapshot' || message.type === 'delta') {
      const topic = this.topicNames.get(message.topicId);
      const book = topic === undefined ? undefined : this.books.get(topic);
      if (topic !== undefined && book?.apply(message) === 'gap') {
        this.requestSnapshot([topic]);
        this.handlers.onGap?.(topic);
      }
    }
    this.handlers.onMessage(message);
  }
}
