// FeedHub: the binary feed's per-topic state and sequences, encode-once publishing, and the /v1/feed control protocol.
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
import type { FeedConnection, FeedSocket } from './feed-connection.js';
import { isFeedControlProblem, parseFeedControl, type FeedControlRequest } from './feed-control.js';
import { FeedEncoder } from './feed-encoder.js';
import { FeedFanout, GOING_AWAY_CLOSE_CODE, type FeedFanoutMode, type TopicPublisher } from './feed-fanout.js';
import { resolveFeedHubOptions, type FeedHubOptions, type ResolvedFeedHubOptions } from './feed-hub-options.js';
import { FeedHubCounters, type FeedHubStats } from './feed-hub-stats.js';
import type { FeedLevels } from './feed-levels.js';
import type { FeedSource } from './feed-source.js';
import { instrumentNameProblem, parseTopicName } from './feed-topic-name.js';
import { FeedInstrument, copyStamps, type FeedTopic } from './feed-topic.js';

/*
 * One hub per gateway, on the gateway's (main) thread. The source calls it synchronously; each
 * update is applied to the hub's copy of the state (book, last BBO, last status), gets the topic's
 * next seq and, when the topic has subscribers, is encoded once by FeedEncoder (hand-packed, no
 * allocation) and handed to FeedFanout, which delivers the same bytes to every subscriber that keeps
 * up and applies the slow-consumer policy (feed-fanout.ts). Control requests (subscribe,
 * unsubscribe, snapshot, instruments) are answered here; heartbeats go out every heartbeatIntervalMs.
 */
export class FeedHub implements FeedSource {
  readonly options: ResolvedFeedHubOptions;
  private readonly instruments: FeedInstrument[] = [];
  private readonly instrumentsByName = new Map<string, FeedInstrument>();
  private readonly topicsByName = new Map<string, FeedTopic>();
  private readonly encoder = new FeedEncoder();
  private readonly builder = new FeedBuilderEncoder();
  private readonly counters = new FeedHubCounters();
  private readonly fanout: FeedFanout;
  private readonly heartbeatTimer: NodeJS.Timeout;
  private readonly sweepTimer: NodeJS.Timeout;
  private closed = false;

  constructor(options: FeedHubOptions = {}) {
    this.options = resolveFeedHubOptions(options);
    this.fanout = new FeedFanout(this.options, this.counters, (connection, topic, reason) => this.sendTopicState(connection, topic, reason));
    this.heartbeatTimer = setInterval(() => this.sendHeartbeats(), this.options.heartbeatIntervalMs).unref();
    this.sweepTimer = setInterval(() => this.fanout.sweep(), this.options.sweepIntervalMs).unref();
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
    this.fanout.publish(topic, this.encoder.encodeSnapshot(topic.id, topic.seq, stamps, book, target.priceDecimals, target.sizeDecimals, SnapshotReason.Source));
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
    this.fanout.publish(topic, this.encoder.encodeDelta(topic.id, topic.seq, stamps, levels));
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
    this.fanout.publish(topic, this.encoder.encodeBbo(topic.id, topic.seq, stamps, bidPrice, bidSize, askPrice, askSize));
  }

  onTrade(instrument: number, price: number, size: number, aggressor: AggressorSide, tradeId: string, stamps: RecordStamps): void {
    const topic = this.instrument(instrument).tradesTopic;
    topic.seq++;
    if (topic.subscribers.length === 0) return;
    this.fanout.publish(topic, this.encoder.encodeTrade(topic.id, topic.seq, stamps, price, size, aggressor, tradeId));
  }

  onStatus(instrument: number, status: InstrumentStatus, stamps: RecordStamps): void {
    const target = this.instrument(instrument);
    target.status = status;
    copyStamps(target.statusStamps, stamps);
    const topic = target.statusTopic;
    topic.seq++;
    if (topic.subscribers.length === 0) return;
    this.fanout.publish(topic, this.builder.status(topic.id, topic.seq, stamps, status));
  }

  // ---------------------------------------------------------------------------------------------
  // Connections: called by the uWS route (feed-route.ts)
  // ---------------------------------------------------------------------------------------------

  /** Switches to uWS-topic fan-out (feed-fanout.ts); the route calls it with its app's publish. */
  usePublisher(publish: TopicPublisher): void {
    this.fanout.usePublisher(publish);
  }

  get fanoutMode(): FeedFanoutMode {
    return this.fanout.mode;
  }

  openConnection(socket: FeedSocket): FeedConnection {
    return this.fanout.open(socket);
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
    this.fanout.onDrain(connection);
  }

  onClosed(connection: FeedConnection): void {
    this.fanout.closed(connection);
  }

  // ---------------------------------------------------------------------------------------------
  // Queries and lifecycle
  // ---------------------------------------------------------------------------------------------

  stats(): FeedHubStats {
    return this.counters.read(this.fanout.connections.size, this.fanout.conflated.size);
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
    this.fanout.closeAll(GOING_AWAY_CLOSE_CODE, 'feed closing');
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private sendHeartbeats(): void {
    if (this.fanout.connections.size === 0) return;
    const nowNs = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n;
    this.counters.heartbeatsSent += this.fanout.broadcast(this.builder.heartbeat(nowNs));
  }

  /** A book Snapshot or the last BBO/status, to one connection; nothing for trades (a stream has no state). */
  private sendTopicState(connection: FeedConnection, topic: FeedTopic, reason: SnapshotReason): void {
    const instrument = topic.instrument;
    let bytes: Uint8Array;
    switch (topic.kind) {
      case 'book':
        bytes = this.encoder.encodeSnapshot(topic.id, topic.seq, instrument.bookStamps, instrument.book, instrument.priceDecimals, instrument.sizeDecimals, reason);
        break;
      case 'bbo':
        if (!instrument.hasBbo) return;
        bytes = this.encoder.encodeBbo(topic.id, topic.seq, instrument.bboStamps, instrument.bidPrice, instrument.bidSize, instrument.askPrice, instrument.askSize);
        break;
      case 'status':
        if (instrument.status === 0) return;
        bytes = this.builder.status(topic.id, topic.seq, instrument.statusStamps, instrument.status);
        break;
      case 'trades':
        return;
    }
    if (!this.fanout.send(connection, bytes)) connection.dirty.add(topic);
    else if (topic.kind === 'book') this.counters.snapshotsSent++;
  }

  // ---------------------------------------------------------------------------------------------
  // Control requests
  // ---------------------------------------------------------------------------------------------

  private handleRequest(connection: FeedConnection, request: FeedControlRequest): void {
    if (request.op === 'instruments') {
      this.fanout.send(connection, this.builder.instruments(request.id, this.instrumentList()));
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
    if (!connection.topics.has(topic) && connection.topics.size >= this.options.maxTopicsPerConnection) {
      this.sendError(connection, requestId, ZVT_ERR_GATEWAY_FEED_TOPIC_LIMIT, `a connection may subscribe to ${this.options.maxTopicsPerConnection} topics`, topic.name);
      return;
    }
    const added = this.fanout.addTopic(connection, topic);
    this.sendAck(connection, requestId, topic, true);
    // Ack, then the state, then (topics mode) the uWS subscription: deltas continue right after the state's seq.
    if (connection.conflated) {
      connection.dirty.add(topic);
      return;
    }
    this.sendTopicState(connection, topic, SnapshotReason.Subscribe);
    if (added) this.fanout.startDeltas(connection, topic);
  }

  private unsubscribe(connection: FeedConnection, requestId: number, topic: FeedTopic): void {
    if (!connection.topics.has(topic)) {
      this.sendError(connection, requestId, ZVT_ERR_GATEWAY_FEED_NOT_SUBSCRIBED, `not subscribed to ${topic.name}`, topic.name);
      return;
    }
    this.fanout.removeTopic(connection, topic);
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
    this.fanout.send(connection, this.builder.subscribeAck(requestId, topic.name, topic.id, subscribed, topic.seq, instrument.priceDecimals, instrument.sizeDecimals));
  }

  private sendError(connection: FeedConnection, requestId: number, code: string, message: string, topic: string | null): void {
    this.counters.controlErrors++;
    this.fanout.send(connection, this.builder.error(requestId, code, message, topic));
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
