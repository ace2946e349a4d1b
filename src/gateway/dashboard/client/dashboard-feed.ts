// The page's /v1/feed client: a browser WebSocket decoding the binary FlatBuffers frames, book replicas with the gap rule of docs/feed.md, resubscribe on reconnect.
import { FeedBookReplica } from '../../feed/feed-book-replica.js';
import { decodeFeedMessage, type DecodedFeedMessage } from '../../feed/feed-decoder.js';
import type { InstrumentInfo } from './market-board.js';

export interface DashboardFeedEvents {
  onConnection(state: 'connecting' | 'open' | 'closed', detail: string): void;
  onInstruments(instruments: readonly InstrumentInfo[]): void;
  /** A message of a topic the page is subscribed to (a book topic's replica has applied it already). */
  onTopicMessage(topic: string, message: DecodedFeedMessage): void;
  onFeedError(code: string, message: string, topic: string | null): void;
}

/** What the page itself counts about its connection (the health panel shows it next to /metrics). */
export interface DashboardFeedStats {
  messages: number;
  bytes: number;
  heartbeats: number;
  /** Sequence jumps detected on book topics (each one asked for a snapshot). */
  gaps: number;
  snapshotRequests: number;
  /** Deltas thrown away on purpose by dropNextDelta() (the test hook that simulates a lost message). */
  droppedOnPurpose: number;
  decodeErrors: number;
  reconnects: number;
  /** Last Heartbeat's server clock (epoch ns) and the page clock (epoch ms) when it arrived. */
  lastHeartbeatServerNs: bigint | null;
  lastHeartbeatPageMs: number | null;
}

const MAX_TOPICS_PER_REQUEST = 1024;
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

/*
 * The browser client does what docs/feed.md asks of any client: JSON control frames, binary
 * FeedMessage frames decoded with the generated FlatBuffers code, topic ids learned from acks, and
 * per book topic FeedBookReplica (snapshot replaces, seq + 1 applies, a jump asks for a snapshot
 * and ignores deltas until it comes). Nothing here may throw into the socket's callbacks: a frame
 * that does not decode is counted and skipped.
 */
export class DashboardFeed {
  readonly books = new Map<string, FeedBookReplica>();
  readonly stats: DashboardFeedStats = {
    messages: 0,
    bytes: 0,
    heartbeats: 0,
    gaps: 0,
    snapshotRequests: 0,
    droppedOnPurpose: 0,
    decodeErrors: 0,
    reconnects: 0,
    lastHeartbeatServerNs: null,
    lastHeartbeatPageMs: null,
  };
  private readonly wanted = new Set<string>();
  private readonly topicNames = new Map<number, string>();
  private readonly dropNext = new Set<string>();
  private socket: WebSocket | null = null;
  private nextRequestId = 1;
  private reconnectDelayMs = RECONNECT_MIN_MS;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly events: DashboardFeedEvents,
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close(1000);
  }

  get open(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Adds topics to the subscription set (sent now when connected, and again after every reconnect). */
  subscribe(topics: readonly string[]): void {
    const added = topics.filter((topic) => !this.wanted.has(topic));
    for (const topic of added) {
      this.wanted.add(topic);
      if (topic.startsWith('book.')) this.books.set(topic, new FeedBookReplica());
    }
    if (added.length > 0 && this.open) this.send('subscribe', added);
  }

  unsubscribe(topics: readonly string[]): void {
    const removed = topics.filter((topic) => this.wanted.delete(topic));
    for (const topic of removed) this.books.delete(topic);
    if (removed.length > 0 && this.open) this.send('unsubscribe', removed);
  }

  /** Test hook: the next Delta of `topic` is discarded as if the network had lost it, so the gap rule runs. */
  dropNextDelta(topic: string): void {
    this.dropNext.add(topic);
  }

  private connect(): void {
    this.events.onConnection('connecting', this.url);
    const socket = new WebSocket(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.reconnectDelayMs = RECONNECT_MIN_MS;
      this.topicNames.clear();
      for (const topic of this.books.keys()) this.books.set(topic, new FeedBookReplica());
      this.events.onConnection('open', this.url);
      socket.send(JSON.stringify({ op: 'instruments', id: this.nextRequestId++ }));
      if (this.wanted.size > 0) this.send('subscribe', [...this.wanted]);
    });
    socket.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (event.data instanceof ArrayBuffer) this.onFrame(new Uint8Array(event.data));
    });
    socket.addEventListener('close', (event: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.events.onConnection('closed', `code ${event.code}${event.reason === '' ? '' : ` (${event.reason})`}`);
      if (this.stopped) return;
      const delay = this.reconnectDelayMs;
      this.reconnectDelayMs = Math.min(RECONNECT_MAX_MS, this.reconnectDelayMs * 2);
      setTimeout(() => {
        if (this.stopped) return;
        this.stats.reconnects++;
        this.connect();
      }, delay);
    });
    // The close event follows an error and carries what the page can act on.
    socket.addEventListener('error', () => undefined);
  }

  private send(op: 'subscribe' | 'unsubscribe' | 'snapshot', topics: readonly string[]): void {
    for (let start = 0; start < topics.length; start += MAX_TOPICS_PER_REQUEST) {
      this.socket?.send(JSON.stringify({ op, topics: topics.slice(start, start + MAX_TOPICS_PER_REQUEST), id: this.nextRequestId++ }));
    }
  }

  private onFrame(bytes: Uint8Array): void {
    this.stats.messages++;
    this.stats.bytes += bytes.length;
    let message: DecodedFeedMessage;
    try {
      message = decodeFeedMessage(bytes);
    } catch {
      this.stats.decodeErrors++;
      return;
    }
    switch (message.type) {
      case 'heartbeat':
        this.stats.heartbeats++;
        this.stats.lastHeartbeatServerNs = message.serverTimeNs;
        this.stats.lastHeartbeatPageMs = Date.now();
        return;
      case 'instruments':
        this.events.onInstruments(message.instruments);
        return;
      case 'subscribeAck':
        if (message.subscribed) this.topicNames.set(message.topicId, message.topic);
        return;
      case 'error':
        this.events.onFeedError(message.code, message.message, message.topic);
        return;
      default:
        break;
    }
    const topic = this.topicNames.get(message.topicId);
    // Messages of a topic just unsubscribed can still be in flight: not wanted, not shown.
    if (topic === undefined || !this.wanted.has(topic)) return;
    if (message.type === 'snapshot' || message.type === 'delta') {
      if (message.type === 'delta' && this.dropNext.delete(topic)) {
        this.stats.droppedOnPurpose++;
        return;
      }
      const book = this.books.get(topic);
      if (book?.apply(message) === 'gap') {
        this.stats.gaps++;
        this.stats.snapshotRequests++;
        this.send('snapshot', [topic]);
      }
    }
    this.events.onTopicMessage(topic, message);
  }
}
