// FeedFanout: delivers encoded feed messages to connections (uWS topics or direct sends) and applies the slow-consumer policy: conflate, resume, drop.
import { performance } from 'node:perf_hooks';
import { SnapshotReason } from '../../../schema/generated/feed_generated.js';
import { FeedConnection, SEND_BACKPRESSURE, SEND_DROPPED, type FeedSocket } from './feed-connection.js';
import type { ResolvedFeedHubOptions } from './feed-hub-options.js';
import type { FeedHubCounters } from './feed-hub-stats.js';
import type { FeedTopic } from './feed-topic.js';

/** Close code for dropped slow consumers (policy violation), as the simulator uses. */
export const SLOW_CONSUMER_CLOSE_CODE = 1008;
/** Close code when the server shuts the feed down. */
export const GOING_AWAY_CLOSE_CODE = 1001;

/**
 * How a published message reaches subscribers:
 * - 'topics': one uWS publish per message; uWS walks the topic's sockets in C++ and writes each
 *   socket's messages of one event-loop iteration in one syscall. The soft limit is enforced by the
 *   sweep (every sweepIntervalMs), the hard limit by uWS (maxBackpressure) and the sweep.
 * - 'direct': one ws.send per subscriber from JS, its result checked on every send.
 */
export type FeedFanoutMode = 'topics' | 'direct';

/** Writes a topic's current state (snapshot or last value) to one connection; the hub provides it. */
export type SendTopicState = (connection: FeedConnection, topic: FeedTopic, reason: SnapshotReason) => void;
/** uWS app.publish, bound to the app the feed route is mounted on. */
export type TopicPublisher = (topic: Uint8Array, message: Uint8Array) => void;

/*
 * Backpressure first. A connection is "conflated" once its buffered bytes pass softLimitBytes:
 * seen on a direct send's result (0 = buffered, then getBufferedAmount(); 2 = refused) or by the
 * sweep, which reads getBufferedAmount() of every connection. A conflated connection is taken off
 * its uWS topics and gets nothing but control answers; each topic message it misses marks that
 * topic dirty. It resumes when its buffered bytes fall to resumeBelowBytes, checked on the drain
 * event AND by the sweep (the shipped uWS build can lose writable events for a slow reader):
 * per topic, the dirty ones first get their state (book: Snapshot, reason Conflated; bbo, status:
 * the last value; trades: nothing, the seq jump shows the loss), then it rejoins the uWS topic, so
 * published messages continue right after the state it got. Past hardLimitBytes, or conflated for
 * longer than maxSlowMs, the sweep closes it with 1008. Nothing here closes a socket inside a
 * publish, so subscriber arrays never change under the loop that walks them.
 */
export class FeedFanout {
  readonly connections = new Set<FeedConnection>();
  readonly conflated = new Set<FeedConnection>();
  private publisher: TopicPublisher | null = null;
  private nextConnectionId = 1;

  constructor(
    private readonly options: ResolvedFeedHubOptions,
    private readonly counters: FeedHubCounters,
    private readonly sendTopicState: SendTopicState,
  ) {}

  get mode(): FeedFanoutMode {
    return this.publisher === null ? 'direct' : 'topics';
  }

  /** Switches to 'topics' fan-out through `publish` (uWS app.publish). Only before the first connection. */
  usePublisher(publish: TopicPublisher): void {
    if (this.connections.size > 0 || this.publisher !== null) throw new Error('FeedFanout: the publisher is set once, before any connection');
    this.publisher = publish;
  }

  open(socket: FeedSocket): FeedConnection {
    const connection = new FeedConnection(this.nextConnectionId++, socket);
    this.connections.add(connection);
    this.counters.connectionsOpened++;
    return connection;
  }

  /** The socket is gone (uWS close handler, or after end()): forget it everywhere. Idempotent. */
  closed(connection: FeedConnection): void {
    if (!this.connections.delete(connection)) return;
    connection.closed = true;
    for (const topic of connection.topics) {
      if (connection.conflated) topic.conflatedSubscribers--;
      topic.removeSubscriber(connection);
    }
    connection.topics.clear();
    connection.dirty.clear();
    this.conflated.delete(connection);
    this.counters.connectionsClosed++;
  }

  /** Closes a connection with a close frame (uWS calls the close handler from inside end()). */
  end(connection: FeedConnection, code: number, reason: string): void {
    if (connection.closed) return;
    connection.closed = true;
    connection.socket.end(code, reason);
    this.closed(connection);
  }

  /** Adds a topic to a connection; false when it already had it. Its state is the caller's to send first. */
  addTopic(connection: FeedConnection, topic: FeedTopic): boolean {
    if (connection.topics.has(topic)) return false;
    connection.topics.add(topic);
    topic.addSubscriber(connection);
    if (connection.conflated) topic.conflatedSubscribers++;
    return true;
  }

  /** Joins the uWS topic (topics mode) once the connection holds the topic's state. */
  startDeltas(connection: FeedConnection, topic: FeedTopic): void {
    if (this.publisher !== null && !connection.conflated && !connection.closed) connection.socket.subscribe(topic.name);
  }

  removeTopic(connection: FeedConnection, topic: FeedTopic): void {
    if (!connection.topics.delete(topic)) return;
    connection.dirty.delete(topic);
    topic.removeSubscriber(connection);
    if (connection.conflated) topic.conflatedSubscribers--;
    else if (this.publisher !== null) connection.socket.unsubscribe(topic.name);
  }

  /** One encoded topic message to every subscriber that keeps up. */
  publish(topic: FeedTopic, bytes: Uint8Array): void {
    const counters = this.counters;
    counters.messagesPublished++;
    const publisher = this.publisher;
    if (publisher !== null) {
      const active = topic.subscribers.length - topic.conflatedSubscribers;
      if (active > 0) {
        publisher(topic.wireName, bytes);
        counters.messagesSent += active;
        counters.bytesSent += active * bytes.length;
      }
      if (topic.conflatedSubscribers > 0) this.markMissed(topic);
      return;
    }
    const subscribers = topic.subscribers;
    const count = subscribers.length;
    for (let index = 0; index < count; index++) {
      const connection = subscribers[index]!;
      if (connection.conflated) {
        connection.dirty.add(topic);
        counters.messagesSkipped++;
      } else if (!this.send(connection, bytes)) {
        connection.dirty.add(topic);
      }
    }
  }

  /** Sends to one connection and applies the backpressure rule; false when uWS refused the bytes (the connection is conflated then). */
  send(connection: FeedConnection, bytes: Uint8Array): boolean {
    const socket = connection.socket;
    const status = socket.send(bytes, true);
    if (status === SEND_DROPPED) {
      this.counters.sendsRefused++;
      this.conflate(connection);
      return false;
    }
    this.counters.messagesSent++;
    this.counters.bytesSent += bytes.length;
    if (status === SEND_BACKPRESSURE && !connection.conflated && socket.getBufferedAmount() > this.options.softLimitBytes) this.conflate(connection);
    return true;
  }

  onDrain(connection: FeedConnection): void {
    if (connection.closed || !connection.conflated) return;
    if (connection.socket.getBufferedAmount() <= this.options.resumeBelowBytes) this.resume(connection);
  }

  /** Every sweepIntervalMs: conflate connections past the soft limit, resume drained ones, drop the hopeless. */
  sweep(): void {
    const now = performance.now();
    const { softLimitBytes, hardLimitBytes, resumeBelowBytes, maxSlowMs } = this.options;
    for (const connection of this.connections) {
      const buffered = connection.socket.getBufferedAmount();
      if (buffered > hardLimitBytes || (connection.conflated && now - connection.conflatedSinceMs > maxSlowMs)) {
        this.counters.slowConsumerDrops++;
        // Deleting the current element of a Set while iterating it is safe.
        this.end(connection, SLOW_CONSUMER_CLOSE_CODE, 'slow consumer');
      } else if (!connection.conflated) {
        if (buffered > softLimitBytes) this.conflate(connection);
      } else if (buffered <= resumeBelowBytes) {
        this.resume(connection);
      }
    }
  }

  /** The same bytes to every connection that keeps up (heartbeats). */
  broadcast(bytes: Uint8Array): number {
    let sent = 0;
    for (const connection of this.connections) {
      if (!connection.conflated && this.send(connection, bytes)) sent++;
    }
    return sent;
  }

  closeAll(code: number, reason: string): void {
    for (const connection of [...this.connections]) this.end(connection, code, reason);
  }

  private conflate(connection: FeedConnection): void {
    if (connection.conflated || connection.closed) return;
    connection.conflated = true;
    connection.conflatedSinceMs = performance.now();
    this.conflated.add(connection);
    this.counters.conflations++;
    const topics = this.publisher !== null;
    for (const topic of connection.topics) {
      topic.conflatedSubscribers++;
      if (topics) connection.socket.unsubscribe(topic.name);
    }
  }

  /** Catches a drained connection up, topic by topic, until done or slow again. */
  private resume(connection: FeedConnection): void {
    connection.conflated = false;
    this.conflated.delete(connection);
    this.counters.resumes++;
    for (const topic of connection.topics) topic.conflatedSubscribers--;
    for (const topic of connection.topics) {
      if (connection.dirty.delete(topic)) this.sendTopicState(connection, topic, SnapshotReason.Conflated);
      // Slow again (conflate() took it off every topic and counted it) or gone: the rest stays dirty.
      if (connection.conflated || connection.closed) return;
      this.startDeltas(connection, topic);
    }
  }

  /** Topics mode: a message uWS did not send to the conflated subscribers makes the topic dirty for them. */
  private markMissed(topic: FeedTopic): void {
    const subscribers = topic.subscribers;
    for (let index = 0; index < subscribers.length; index++) {
      const connection = subscribers[index]!;
      if (connection.conflated) {
        connection.dirty.add(topic);
        this.counters.messagesSkipped++;
      }
    }
  }
}
