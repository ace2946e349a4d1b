// FeedHub: per-topic state and sequence, encode-once fan-out to /v1/feed connections, and the slow-consumer policy (conflate, then drop).
import { performance } from 'node:perf_hooks';
import type { RecordStamps } from '../../model/record-header.js';
import type { AggressorSide, InstrumentStatus } from '../../model/record-types.js';
import { SnapshotReason } from '../../../schema/generated/feed_generated.js';
import {
  ZVT_ERR_GATEWAY_FEED_INSTRUMENT,
  ZVT_ERR_GATEWAY_FEED_NO_SNAPSHOT,
  ZVT_ERR_GATEWAY_FEED_NOT_SUBSCRIBED,
  ZVT_ERR_GATEWAY_FEED_REQUEST,
  ZVT_ERR_GATEWAY_FEED_TOPIC_INVALID,
  ZVT_ERR_GATEWAY_FEED_TOPIC_LIMIT,
  ZVT_ERR_GATEWAY_FEED_TOPIC_UNKNOWN,
  gatewayError,
} from '../errors.js';
import { FeedBuilderEncoder, type FeedInstrumentInfo } from './feed-builder-encoder.js';
import { FeedConnection, SEND_BACKPRESSURE, SEND_DROPPED, type FeedSocket } from './feed-connection.js';
import { isFeedControlProblem, parseFeedControl, type FeedControlRequest } from './feed-control.js';
import { FeedEncoder } from './feed-encoder.js';
import { resolveFeedHubOptions, type FeedHubOptions, type ResolvedFeedHubOptions } from './feed-hub-options.js';
import { FeedHubCounters, type FeedHubStats } from './feed-hub-stats.js';
import type { FeedLevels } from './feed-levels.js';
import type { FeedSource } from './feed-source.js';
import { instrumentNameProblem, parseTopicName } from './feed-topic-name.js';
import { FeedInstrument, copyStamps, type FeedTopic } from './feed-topic.js';

/** Close code for dropped slow consumers (policy violation), as the simulator uses. */
export const SLOW_CONSUMER_CLOSE_CODE = 1008;
/** Close code when the server shuts the feed down. */
export const GOING_AWAY_CLOSE_CODE = 1001;

/*
 * One hub per gateway, on the gateway's (main) thread. The source calls it synchronously; each
 * update is applied to the hub's copy of the state, gets the topic's next seq, is encoded once by
 * FeedEncoder (hand-packed, no allocation) and the same bytes go to every subscriber:
 *
 *   for each subscriber: conflated? → skip, mark the topic dirty
 *                        send → refused (2)               → conflate
 *                             → buffered (0) and > soft   → conflate
 *
 * Backpressure is checked on every send through its result (uWS reports buffering there), and
 * getBufferedAmount() is read only when it says so. A conflated connection gets nothing but control
 * answers until its buffered bytes fall to resumeBelowBytes, checked on the drain event AND by a
 * sweep timer (the shipped uWS build can lose writable events for a slow reader). It then gets, per
 * dirty topic, a Snapshot (book, reason Conflated) or the last value (bbo, status); trades it
 * missed are gone and show as a seq jump. Past hardLimitBytes, or conflated longer than maxSlowMs,
 * it is closed with 1008. Sockets are never closed inside the publish loop (only by the sweep), so
 * the subscriber arrays do not change under it. Every step is counted (stats()).
 */
export class FeedHub implements FeedSource {
  readonly options: ResolvedFeedHubOptions;
  private readonly instruments: FeedInstrument[] = [];
  private readonly instrumentsByName = new Map<string, FeedInstrument>();
  private readonly topicsByName = new Map<string, FeedTopic>();
  private readonly connections = new Set<FeedConnection>();
  private readonly conflated = new Set<FeedConnection>();
  private readonly encoder = new FeedEncoder();
  private readonly builder = new FeedBuilderEncoder();
  private readonly counters = new FeedHubCounters();
  private readonly heartbeatTimer: NodeJS.Timeout;
  private readonly sweepTimer: NodeJS.Timeout;
  private nextConnectionId = 1;
  private closed = false;

  constructor(options: FeedHubOptions = {}) {
    this.options = resolveFeedHubOptions(options);
    this.heartbeatTimer = setInterval(() => this.sendHeartbeats(), this.options.heartbeatIntervalMs).unref();
    this.sweepTimer = setInterval(() => this.sweep(), this.options.sweepIntervalMs).unref();
  }

  // ---------------------------------------------------------------------------------------------
  // FeedSource: called by the market-data source
  // ---------------------------------------------------------------------------------------------

  addInstrument(instrument: string, scale: { priceDecimals: number; sizeDecimals: number }): number {
    const problem = instrumentNameProblem(instrument);
    if (problem !== null) throw instrumentError(`feed instrument "${instrument}" is not <venue>:<canonical> or all:<canonical>: ${problem}`);
    if (this.instrumentsByName.has(instrument)) throw instrumentError(`feed instrument "${instrument}" was added twice`);
    for (const [name, decimals] of [['priceDecimals', scale.priceDecimals], ['sizeDecimals', scale.sizeDecimals]] as const) {
      if (!Number.isInteger(decimals) || decimals < 0 || decimals > 36) throw instrumentError(`feed instrument "${instrument}": ${name} must be an integer in [0, 36], got ${decimals}`);
    }
    const added = new FeedInstrument(this.instruments.length, instrument, scale.priceDecimals, scale.sizeDecimals);
    this.instruments.push(added);
    this.instrumentsByName.set(instrument, added);
    for (const topic of added.topics()) this.topicsByName.set(topic.name, topic);
    return added.handle;
  }

  onBookSnapshot(instrument: number, levels: FeedLevels, stamps: RecordStamps): void {
    const target = this.instrument(instrument);
    const book = target.book;
    book.clear();
    for (let index = 0; index < levels.bidCount; index++) book.bids.set(levels.bidPrices[index]!, levels.bidSizes[index]!);
    for (let index = 0; index < levels.askCount; index++) book.asks.set(levels.askPrices[index]!, levels.askSizes[index]!);
    copyStamps(target.bookStamps, stamps);
    const topic = target.bookTopic;
    topic.seq++;
    if (topic.subscribers.length === 0) return;
    this.publish(topic, this.encoder.encodeSnapshot(topic.id, topic.seq, stamps, book, target.priceDecimals, target.sizeDecimals, SnapshotReason.Source));
  }

  onBookDelta(instrument: number, levels: FeedLevels, stamps: RecordStamps): void {
    const target = this.instrument(instrument);
    const book = target.book;
    for (let index = 0; index < levels.bidCount; index++) book.bids.set(levels.bidPrices[index]!, levels.bidSizes[index]!);
    for (let index = 0; index < levels.askCount; index++) book.asks.set(levels.askPrices[index]!, levels.askSizes[index]!);
    copyStamps(target.bookStamps, stamps);
    const topic = target.bookTopic;
    topic.seq++;
    if (topic.subscribers.length === 0) return;
    this.publish(topic, this.encoder.encodeDelta(topic.id, topic.seq, stamps, levels));
  }

  onBbo(instrument: number, bidPrice: number, bidSize: number, askPrice: number, askSize: number, stamps: RecordStamps): void {
    const target = this.instrument(instrument);
    target.hasBbo = true;
    target.bidPrice = bidPrice;
    target.bidSize = bidSize;
    target.askPrice = askPrice;
    target.askSize = askSize;
    copyStamps(target.bboStamps, stamps);
    const topic = target.bboTopic;
    topic.seq++;
    if (topic.subscribers.length === 0) return;
    this.publish(topic, this.encoder.encodeBbo(topic.id, topic.seq, stamps, bidPrice, bidSize, askPrice, askSize));
  }

  onTrade(instrument: number, price: number, size: number, aggressor: AggressorSide, tradeId: string, stamps: RecordStamps): void {
    const topic = this.instrument(instrument).tradesTopic;
    topic.seq++;
    if (topic.subscribers.length === 0) return;
    this.publish(topic, this.encoder.encodeTrade(topic.id, topic.seq, stamps, price, size, aggressor, tradeId));
  }

  onStatus(instrument: number, status: InstrumentStatus, stamps: RecordStamps): void {
    const target = this.instrument(instrument);
    target.status = status;
    copyStamps(target.statusStamps, stamps);
    const topic = target.statusTopic;
    topic.seq++;
    if (topic.subscribers.length === 0) return;
    this.publish(topic, this.builder.status(topic.id, topic.seq, stamps, status));
  }

  // ---------------------------------------------------------------------------------------------
  // Connections: called by the uWS route (feed-route.ts)
  // ---------------------------------------------------------------------------------------------

  openConnection(socket: FeedSocket): FeedConnection {
    const connection = new FeedConnection(this.nextConnectionId++, socket);
    this.connections.add(connection);
    this.counters.connectionsOpened++;
    return connection;
  }

  /** A control frame: its text, or null for a binary frame (refused: control is JSON text). */
  onControlMessage(connection: FeedConnection, text: string | null): void {
    if (connection.closed) return;
    this.counters.controlRequests++;
    if (text === null) {
      this.sendError(connection, 0, ZVT_ERR_GATEWAY_FEED_REQUEST, 'control frames are JSON text frames, not binary', null);
      return;
    }
    const request = parseFeedControl(text);
    if (isFeedControlProblem(request)) {
      this.sendError(connection, request.id, ZVT_ERR_GATEWAY_FEED_REQUEST, request.message, null);
      return;
    }
    this.handleRequest(connection, request);
  }

  onDrain(connection: FeedConnection): void {
    if (connection.closed || !connection.conflated) return;
    if (connection.socket.getBufferedAmount() <= this.options.resumeBelowBytes) this.resume(connection);
  }

  onClosed(connection: FeedConnection): void {
    if (connection.closed && !this.connections.has(connection)) return;
    connection.closed = true;
    for (const topic of connection.topics) topic.removeSubscriber(connection);
    connection.topics.clear();
    connection.dirty.clear();
    this.connections.delete(connection);
    this.conflated.delete(connection);
    this.counters.connectionsClosed++;
  }

  // ---------------------------------------------------------------------------------------------
  // Queries and lifecycle
  // ---------------------------------------------------------------------------------------------

  stats(): FeedHubStats {
    return this.counters.read(this.connections.size, this.conflated.size);
  }

  /** Cold path: the hub's copy of an instrument's book, best first ([price, size] mantissas). */
  bookLevels(instrument: string): { bids: [number, number][]; asks: [number, number][] } {
    const target = this.instrumentsByName.get(instrument);
    if (target === undefined) throw instrumentError(`no feed instrument "${instrument}"`);
    return { bids: target.book.bids.levels(), asks: target.book.asks.levels() };
  }

  /** Seq of the last message published on a topic (0: none), or undefined for an unknown topic. */
  topicSeq(topic: string): number | undefined {
    return this.topicsByName.get(topic)?.seq;
  }

  instrumentList(): FeedInstrumentInfo[] {
    return this.instruments.map((instrument) => ({ instrument: instrument.name, priceDecimals: instrument.priceDecimals, sizeDecimals: instrument.sizeDecimals }));
  }

  /** Stops the timers and closes every connection (1001). The hub accepts no connection afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeatTimer);
    clearInterval(this.sweepTimer);
    for (const connection of [...this.connections]) this.end(connection, GOING_AWAY_CLOSE_CODE, 'feed closing');
  }

  get isClosed(): boolean {
    return this.closed;
  }

  // ---------------------------------------------------------------------------------------------
  // Fan-out and the slow-consumer policy
  // ---------------------------------------------------------------------------------------------

  private publish(topic: FeedTopic, bytes: Uint8Array): void {
    this.counters.messagesPublished++;
    const subscribers = topic.subscribers;
    const count = subscribers.length;
    for (let index = 0; index < count; index++) {
      const connection = subscribers[index]!;
      if (connection.conflated) {
        connection.dirty.add(topic);
        this.counters.messagesSkipped++;
      } else if (!this.send(connection, bytes)) {
        connection.dirty.add(topic);
      }
    }
  }

  /** Sends and applies the backpressure rule; false when uWS refused the bytes (the connection is conflated then). */
  private send(connection: FeedConnection, bytes: Uint8Array): boolean {
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

  private conflate(connection: FeedConnection): void {
    if (connection.conflated) return;
    connection.conflated = true;
    connection.conflatedSinceMs = performance.now();
    this.conflated.add(connection);
    this.counters.conflations++;
  }

  /** Catches a drained connection up: per dirty topic a snapshot or last value, until done or slow again. */
  private resume(connection: FeedConnection): void {
    connection.conflated = false;
    this.conflated.delete(connection);
    this.counters.resumes++;
    for (const topic of connection.dirty) {
      connection.dirty.delete(topic);
      this.sendTopicState(connection, topic, SnapshotReason.Conflated);
      if (connection.conflated) return;
    }
  }

  /** Checks conflated connections: drained → resume; past the hard limit or slow for too long → close. */
  private sweep(): void {
    if (this.conflated.size === 0) return;
    const now = performance.now();
    for (const connection of [...this.conflated]) {
      if (connection.closed) continue;
      const buffered = connection.socket.getBufferedAmount();
      if (buffered > this.options.hardLimitBytes || now - connection.conflatedSinceMs > this.options.maxSlowMs) {
        this.counters.slowConsumerDrops++;
        this.end(connection, SLOW_CONSUMER_CLOSE_CODE, 'slow consumer');
      } else if (buffered <= this.options.resumeBelowBytes) {
        this.resume(connection);
      }
    }
  }

  private sendHeartbeats(): void {
    if (this.connections.size === 0) return;
    const nowNs = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n;
    const bytes = this.builder.heartbeat(nowNs);
    for (const connection of this.connections) {
      if (connection.conflated || connection.closed) continue;
      if (this.send(connection, bytes)) this.counters.heartbeatsSent++;
    }
  }

  private end(connection: FeedConnection, code: number, reason: string): void {
    if (connection.closed) return;
    connection.closed = true;
    connection.socket.end(code, reason);
    // uWS has called the close handler (onClosed) by now; this covers a socket that does not.
    this.onClosed(connection);
  }

  /** A book Snapshot or the last BBO/status, to one connection; nothing for trades (a stream has no state). */
  private sendTopicState(connection: FeedConnection, topic: FeedTopic, reason: SnapshotReason): void {
    const instrument = topic.instrument;
    switch (topic.kind) {
      case 'book': {
        const bytes = this.encoder.encodeSnapshot(topic.id, topic.seq, instrument.bookStamps, instrument.book, instrument.priceDecimals, instrument.sizeDecimals, reason);
        if (this.send(connection, bytes)) this.counters.snapshotsSent++;
        else connection.dirty.add(topic);
        return;
      }
      case 'bbo':
        if (!instrument.hasBbo) return;
        if (!this.send(connection, this.encoder.encodeBbo(topic.id, topic.seq, instrument.bboStamps, instrument.bidPrice, instrument.bidSize, instrument.askPrice, instrument.askSize))) {
          connection.dirty.add(topic);
        }
        return;
      case 'status':
        if (instrument.status === 0) return;
        if (!this.send(connection, this.builder.status(topic.id, topic.seq, instrument.statusStamps, instrument.status))) connection.dirty.add(topic);
        return;
      case 'trades':
        return;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Control requests
  // ---------------------------------------------------------------------------------------------

  private handleRequest(connection: FeedConnection, request: FeedControlRequest): void {
    if (request.op === 'instruments') {
      this.send(connection, this.builder.instruments(request.id, this.instrumentList()));
      return;
    }
    for (const name of request.topics) {
      if (connection.closed) return;
      const topic = this.resolveTopic(connection, request.id, name);
      if (topic === undefined) continue;
      switch (request.op) {
        case 'subscribe':
          this.subscribe(connection, request.id, topic);
          break;
        case 'unsubscribe':
          this.unsubscribe(connection, request.id, topic);
          break;
        case 'snapshot':
          this.snapshotRequest(connection, request.id, topic);
          break;
      }
    }
  }

  private resolveTopic(connection: FeedConnection, requestId: number, name: string): FeedTopic | undefined {
    const topic = this.topicsByName.get(name);
    if (topic !== undefined) return topic;
    const parsed = parseTopicName(name);
    if (typeof parsed === 'string') this.sendError(connection, requestId, ZVT_ERR_GATEWAY_FEED_TOPIC_INVALID, parsed, name);
    else this.sendError(connection, requestId, ZVT_ERR_GATEWAY_FEED_TOPIC_UNKNOWN, `the feed serves no instrument "${parsed.instrument}"`, name);
    return undefined;
  }

  private subscribe(connection: FeedConnection, requestId: number, topic: FeedTopic): void {
    if (!connection.topics.has(topic)) {
      if (connection.topics.size >= this.options.maxTopicsPerConnection) {
        this.sendError(connection, requestId, ZVT_ERR_GATEWAY_FEED_TOPIC_LIMIT, `a connection may subscribe to ${this.options.maxTopicsPerConnection} topics`, topic.name);
        return;
      }
      connection.topics.add(topic);
      topic.addSubscriber(connection);
    }
    this.sendAck(connection, requestId, topic, true);
    if (connection.conflated) connection.dirty.add(topic);
    else this.sendTopicState(connection, topic, SnapshotReason.Subscribe);
  }

  private unsubscribe(connection: FeedConnection, requestId: number, topic: FeedTopic): void {
    if (!connection.topics.has(topic)) {
      this.sendError(connection, requestId, ZVT_ERR_GATEWAY_FEED_NOT_SUBSCRIBED, `not subscribed to ${topic.name}`, topic.name);
      return;
    }
    connection.topics.delete(topic);
    connection.dirty.delete(topic);
    topic.removeSubscriber(connection);
    this.sendAck(connection, requestId, topic, false);
  }

  private snapshotRequest(connection: FeedConnection, requestId: number, topic: FeedTopic): void {
    this.counters.snapshotRequests++;
    if (!connection.topics.has(topic)) {
      this.sendError(connection, requestId, ZVT_ERR_GATEWAY_FEED_NOT_SUBSCRIBED, `subscribe to ${topic.name} before asking for its snapshot`, topic.name);
    } else if (topic.kind === 'trades') {
      this.sendError(connection, requestId, ZVT_ERR_GATEWAY_FEED_NO_SNAPSHOT, `${topic.name} is a stream of trades; it has no snapshot`, topic.name);
    } else if (connection.conflated) {
      connection.dirty.add(topic);
    } else {
      this.sendTopicState(connection, topic, SnapshotReason.Requested);
    }
  }

  private sendAck(connection: FeedConnection, requestId: number, topic: FeedTopic, subscribed: boolean): void {
    const instrument = topic.instrument;
    this.send(connection, this.builder.subscribeAck(requestId, topic.name, topic.id, subscribed, topic.seq, instrument.priceDecimals, instrument.sizeDecimals));
  }

  private sendError(connection: FeedConnection, requestId: number, code: string, message: string, topic: string | null): void {
    this.counters.controlErrors++;
    this.send(connection, this.builder.error(requestId, code, message, topic));
  }

  private instrument(handle: number): FeedInstrument {
    const instrument = this.instruments[handle];
    if (instrument === undefined) throw instrumentError(`no feed instrument with handle ${handle}`);
    return instrument;
  }
}

function instrumentError(message: string): Error {
  return gatewayError(ZVT_ERR_GATEWAY_FEED_INSTRUMENT, message);
}
