// Test client of /v1/feed: a real `ws` connection that decodes every message with the generated code and keeps a FeedBookReplica per book topic.
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { FeedBookReplica } from '../../../../src/gateway/feed/feed-book-replica.js';
import { decodeFeedMessage, type DecodedFeedMessage } from '../../../../src/gateway/feed/feed-decoder.js';

export interface FeedTestClientOptions {
  /** On a gap, ask for a snapshot as a real client must (default true). */
  resyncOnGap?: boolean;
  /** Keep every decoded message in `messages` (default true). */
  keepMessages?: boolean;
}

export class FeedTestClient {
  readonly messages: DecodedFeedMessage[] = [];
  /** Book replicas by topic name (created on the topic's SubscribeAck). */
  readonly books = new Map<string, FeedBookReplica>();
  readonly topicNames = new Map<number, string>();
  /** Per topic: seqs of every Delta received, in arrival order. */
  readonly deltaSeqs = new Map<string, bigint[]>();
  /** Seqs of deltas to throw away on arrival, as if lost (per topic), to provoke a gap. */
  readonly dropSeqs = new Map<string, Set<bigint>>();
  snapshotRequests = 0;
  closeCode: number | null = null;
  private readonly listeners = new Set<() => void>();

  private constructor(
    readonly socket: WebSocket,
    private readonly options: Required<FeedTestClientOptions>,
  ) {
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) throw new Error(`the feed sent a text frame: ${data.toString()}`);
      this.onMessage(decodeFeedMessage(data));
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.notify();
    });
  }

  static connect(url: string, options: FeedTestClientOptions = {}): Promise<FeedTestClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      socket.binaryType = 'nodebuffer';
      socket.once('open', () => resolve(new FeedTestClient(socket, { resyncOnGap: true, keepMessages: true, ...options })));
      socket.once('error', reject);
    });
  }

  send(request: unknown): void {
    this.socket.send(typeof request === 'string' ? request : JSON.stringify(request));
  }

  subscribe(topics: string[], id = 0): void {
    this.send({ op: 'subscribe', topics, id });
  }

  /** The TCP socket under the WebSocket: pause() it to stop reading (a slow consumer), resume() to drain. */
  get tcp(): Socket {
    return (this.socket as unknown as { _socket: Socket })._socket;
  }

  /** Resolves when `condition` holds (checked after every message and close), rejects after `timeoutMs`. */
  until(condition: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!condition()) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`feed test client: timed out waiting for ${what}`));
      }, timeoutMs);
      this.listeners.add(check);
    });
  }

  /** The first message (already received or coming) that matches. */
  async next(predicate: (message: DecodedFeedMessage) => boolean, timeoutMs = 20_000): Promise<DecodedFeedMessage> {
    let found: DecodedFeedMessage | undefined;
    await this.until(() => (found = this.messages.find(predicate)) !== undefined, timeoutMs, 'a matching message');
    return found!;
  }

  close(): Promise<void> {
    if (this.closeCode !== null || this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.terminate();
    });
  }

  private onMessage(message: DecodedFeedMessage): void {
    if (this.options.keepMessages) this.messages.push(message);
    if (message.type === 'subscribeAck' && message.subscribed) {
      this.topicNames.set(message.topicId, message.topic);
      if (message.topic.startsWith('book.') && !this.books.has(message.topic)) this.books.set(message.topic, new FeedBookReplica());
    }
    if (message.type === 'snapshot' || message.type === 'delta') {
      const topic = this.topicNames.get(message.topicId)!;
      if (message.type === 'delta') {
        if (this.dropSeqs.get(topic)?.delete(message.seq) === true) return;
        let seqs = this.deltaSeqs.get(topic);
        if (seqs === undefined) this.deltaSeqs.set(topic, (seqs = []));
        seqs.push(message.seq);
      }
      const outcome = this.books.get(topic)?.apply(message);
      if (outcome === 'gap' && this.options.resyncOnGap) {
        this.snapshotRequests++;
        this.send({ op: 'snapshot', topics: [topic] });
      }
    }
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** A replica's levels as the hub reports its own ([price, size] numbers, best first). */
export function replicaLevels(replica: FeedBookReplica): { bids: [number, number][]; asks: [number, number][] } {
  const top = replica.top();
  const numbers = (levels: [bigint, bigint][]): [number, number][] => levels.map(([price, size]) => [Number(price), Number(size)]);
  return { bids: numbers(top.bids), asks: numbers(top.asks) };
}
