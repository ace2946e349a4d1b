// FeedBridge: drains the instrument actors' gateway rings on the main thread, keeps replica books and feeds a FeedSource (the FeedHub).
import { performance } from 'node:perf_hooks';
import type { EngineLatencyHistograms } from '../../actors/engine-latency-histograms.js';
import type { EngineGatewayLinks } from '../../actors/gateway-forwarder.js';
import { BookState, COUNTER_FIELDS, COUNTER_TRUNCATED_LEVELS } from '../../hotpath/book/book-engine.js';
import { TsBookEngine } from '../../hotpath/book/ts-book-engine.js';
import { Doorbell } from '../../hotpath/doorbell.js';
import { nsSinceEpochBase } from '../../hotpath/metrics/batch-end-latency.js';
import type { LatencyHistogram } from '../../hotpath/metrics/latency-histogram.js';
import type { MonoClock } from '../../hotpath/mono-clock.js';
import { RingConsumer } from '../../hotpath/ring-consumer.js';
import { readBookLevelPrice, readBookLevelSide, readBookLevelSize } from '../../model/book-level-record.js';
import type { InstrumentRegistry } from '../../model/instrument-registry.js';
import { readInstrumentStatus } from '../../model/instrument-status-record.js';
import { createRecordStamps, readInstrumentId, tsEventNsIndex, tsRecvNsIndex } from '../../model/record-header.js';
import { InstrumentStatus, RecordType } from '../../model/record-types.js';
import { readTradeAggressorSide, readTradeId, readTradePrice, readTradeSize } from '../../model/trade-record.js';
import type { FeedSource } from '../feed/feed-source.js';
import { FeedLevels } from '../feed/feed-levels.js';
import { EngineBookProvider, type ConsolidatedGroupSpec } from '../rest/engine-book-provider.js';
import { ConsolidatedPublisher } from './consolidated-publisher.js';

/** What the bridge needs from a MarketDataEngine started with `gateway: true`. */
export interface FeedBridgeEngine {
  readonly registry: InstrumentRegistry;
  readonly gateway: EngineGatewayLinks | null;
  /** Where the feed-publish latency goes (MarketDataEngine.latencyHistograms); absent: not measured. */
  readonly latencyHistograms?: EngineLatencyHistograms | undefined;
  /** The instrument actors' book depth and staleness: the replicas follow them unless the options say otherwise. */
  readonly bookSettings?: { readonly maxDepth: number; readonly staleAfterMs: number } | undefined;
}

export interface FeedBridgeOptions {
  /** Levels kept per side in the replica books: must equal the engine's maxDepth (default: the engine's bookSettings, else 1000). */
  maxDepth?: number;
  /** Levels per side of the consolidated `all:<canonical>` books (default 50). */
  consolidatedDepth?: number;
  /** A venue book silent for this long leaves the consolidated book (default: the engine's bookSettings, else 30 000). */
  staleAfterMs?: number;
  /** Longest park between polls when the rings are empty (default 50 ms; a producer's doorbell ends it sooner). */
  parkTimeoutMs?: number;
}

export interface FeedBridgeStats {
  records: number;
  snapshots: number;
  deltas: number;
  trades: number;
  /** Deltas replaced by a snapshot because the replica truncated the book to maxDepth. */
  truncationSnapshots: number;
}

/** Records handed over per ring per gather; bounds one event-loop turn. */
const GATHER_BATCH = 4096;

interface BridgeBook {
  /** Feed handle of `<venue>:<canonical>`. */
  handle: number;
  canonicalIndex: number;
  /** Levels of the update being read (delta) since the last batch end. */
  pending: FeedLevels;
  inSnapshot: boolean;
  /** Inside an update (levels seen, batch end not yet): its consolidated book waits. */
  inUpdate: boolean;
  status: number;
  truncated: number;
  bestBidPrice: number;
  bestBidSize: number;
  bestAskPrice: number;
  bestAskSize: number;
  /** Feed-publish latency of the book's venue (venue receive → delta handed to the hub), or null. */
  latency: LatencyHistogram | null;
}

/*
 * What the rings carry is written by GatewayForwarder (src/actors/gateway-forwarder.ts): for each
 * book, a whole-book snapshot from the instrument actor's verified engine, then every applied
 * update verbatim, a GAP when the book stopped being trustworthy (venue gap, checksum failure,
 * worker restart, records dropped on a full ring) and a fresh snapshot when it is again. So the
 * bridge's mapping to the feed is direct:
 *   SNAPSHOT_END  → onBookSnapshot (the replica's book after it) and status SYNCED
 *   BOOK_BATCH_END of a synced book → onBookDelta (the update's levels), or onBookSnapshot when the
 *                   replica truncated levels to maxDepth (clients would not know to drop them)
 *   GAP           → status RESYNCING; no deltas until the next snapshot
 *   TRADE, INSTRUMENT_STATUS → onTrade, onStatus
 *   BBO topic     → the replica's best levels after each update (consistent with the book topic;
 *                   the venues' own BBO streams are recorded, not republished)
 * Each update is applied to the replica at its batch end, so a query never sees half an update.
 * `all:<canonical>` books come from the replica's consolidated book (ConsolidatedPublisher).
 */
export class FeedBridge {
  readonly stats: FeedBridgeStats = { records: 0, snapshots: 0, deltas: 0, trades: 0, truncationSnapshots: 0 };
  private readonly engine = new TsBookEngine();
  private readonly consumers: RingConsumer[];
  private readonly doorbell: Doorbell;
  private readonly books: (BridgeBook | undefined)[] = [];
  private readonly consolidated: ConsolidatedPublisher[] = [];
  private readonly touched: Uint8Array;
  private readonly types = new Int32Array(GATHER_BATCH);
  private readonly offsets = new Int32Array(GATHER_BATCH);
  private readonly lengths = new Int32Array(GATHER_BATCH);
  private readonly partTypes = new Int32Array(GATHER_BATCH);
  private readonly partOffsets = new Int32Array(GATHER_BATCH);
  private readonly stamps = createRecordStamps();
  private readonly snapshotLevels = new FeedLevels(1024);
  private readonly prices: Float64Array;
  private readonly sizes: Float64Array;
  private readonly counters = new Float64Array(COUNTER_FIELDS);
  private readonly maxDepth: number;
  private readonly parkTimeoutMs: number;
  private running = false;
  private timer: NodeJS.Immediate | null = null;
  private staleTimer: NodeJS.Timeout | null = null;
  private readonly registry: InstrumentRegistry;
  private readonly groups: ConsolidatedGroupSpec[] = [];
  /** The main thread's clock on the engine's time base (tsRecvNs differences), when measuring. */
  private readonly clock: MonoClock | null;

  constructor(
    engine: FeedBridgeEngine,
    private readonly feed: FeedSource,
    options: FeedBridgeOptions = {},
  ) {
    if (engine.gateway === null) throw new Error('FeedBridge: the engine was started without `gateway: true`');
    this.maxDepth = options.maxDepth ?? engine.bookSettings?.maxDepth ?? 1000;
    this.parkTimeoutMs = options.parkTimeoutMs ?? 50;
    this.prices = new Float64Array(this.maxDepth);
    this.sizes = new Float64Array(this.maxDepth);
    this.doorbell = new Doorbell(engine.gateway.doorbell);
    this.consumers = engine.gateway.rings.map((link) => new RingConsumer(link.ring));
    const registry = engine.registry;
    this.registry = registry;
    const staleAfterNs = (options.staleAfterMs ?? engine.bookSettings?.staleAfterMs ?? 30_000) * 1e6;
    const latency = engine.latencyHistograms ?? null;
    this.clock = latency === null ? null : latency.clock;
    engine.gateway.rings.forEach((link, canonicalIndex) => {
      const members = registry.byCanonical(link.canonical);
      for (const instrument of members) {
        this.engine.addBook({ instrumentId: instrument.numericId, maxDepth: this.maxDepth, tickSize: instrument.tickSizeMantissa, priceDecimals: instrument.priceDecimals, sizeDecimals: instrument.sizeDecimals });
        const handle = feed.addInstrument(`${instrument.venue}:${instrument.canonical}`, { priceDecimals: instrument.priceDecimals, sizeDecimals: instrument.sizeDecimals });
        this.books[instrument.numericId] = { handle, canonicalIndex, pending: new FeedLevels(), inSnapshot: false, inUpdate: false, status: 0, truncated: 0, bestBidPrice: 0, bestBidSize: 0, bestAskPrice: 0, bestAskSize: 0, latency: latency === null ? null : latency.feedPublish(instrument.venue) };
      }
      this.groups.push({ canonical: link.canonical, groupId: canonicalIndex, members: members.map((instrument) => instrument.id) });
      this.engine.addConsolidated({ groupId: canonicalIndex, members: members.map((instrument) => ({ instrumentId: instrument.numericId, takerFeeBps: 0 })), staleAfterNs });
      const scale = members[0]!;
      const handle = feed.addInstrument(`all:${link.canonical}`, { priceDecimals: scale.priceDecimals, sizeDecimals: scale.sizeDecimals });
      this.consolidated.push(new ConsolidatedPublisher(this.engine, canonicalIndex, members.map((instrument) => instrument.numericId), handle, feed, options.consolidatedDepth ?? 50));
    });
    this.touched = new Uint8Array(this.consolidated.length);
  }

  /**
   * The replica books as a REST BookProvider. The replicas live on this (the main) thread and take
   * each update whole at its batch end, so a REST query never sees half an update; staleness of the
   * consolidated books is judged on the clock drain() stamps them with (performance.now).
   */
  bookProvider(ready?: () => boolean): EngineBookProvider {
    return new EngineBookProvider({
      engine: this.engine,
      registry: this.registry,
      books: this.groups.flatMap((group) => group.members),
      groups: this.groups,
      nowNs: () => performance.now() * 1e6,
      ready,
    });
  }

  /** Starts draining on the event loop: setImmediate while there is work, Atomics.waitAsync on the doorbell when idle. */
  start(): void {
    if (this.running) return;
    this.running = true;
    // Staleness changes with time alone: re-evaluate the consolidated books now and then.
    this.staleTimer = setInterval(() => this.publishConsolidated(true), 1000).unref();
    this.timer = setImmediate(() => this.loop());
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) clearImmediate(this.timer);
    if (this.staleTimer !== null) clearInterval(this.staleTimer);
    this.timer = null;
    this.staleTimer = null;
    this.doorbell.ring();
  }

  /** One pass over every ring; returns the records handled. Public for tests that drive it by hand. */
  drain(): number {
    let work = 0;
    const nowNs = performance.now() * 1e6;
    for (let c = 0; c < this.consumers.length; c++) {
      const consumer = this.consumers[c]!;
      const count = consumer.gather(this.types, this.offsets, this.lengths, GATHER_BATCH);
      if (count === 0) continue;
      this.handle(consumer, count, nowNs);
      consumer.release();
      work += count;
    }
    if (work > 0) this.publishConsolidated(false);
    this.stats.records += work;
    return work;
  }

  private loop(): void {
    this.timer = null;
    if (!this.running) return;
    if (this.drain() > 0) {
      this.timer = setImmediate(() => this.loop());
      return;
    }
    const seq = this.doorbell.prepareToPark();
    if (this.consumers.some((consumer) => !consumer.isEmpty())) {
      this.doorbell.cancelPark();
      this.timer = setImmediate(() => this.loop());
      return;
    }
    void this.doorbell.parkAsync(seq, this.parkTimeoutMs).then(() => {
      if (this.running && this.timer === null) this.timer = setImmediate(() => this.loop());
    });
  }

  private handle(consumer: RingConsumer, count: number, nowNs: number): void {
    const types = this.types;
    const offsets = this.offsets;
    let segment = 0;
    for (let i = 0; i < count; i++) {
      const type = types[i]!;
      const offset = offsets[i]!;
      const id = readInstrumentId(consumer, offset);
      const book = this.books[id];
      if (book === undefined) continue;
      switch (type) {
        case RecordType.SNAPSHOT_BEGIN:
          book.inSnapshot = true;
          book.inUpdate = true;
          book.pending.clear();
          break;
        case RecordType.BOOK_LEVEL:
          book.inUpdate = true;
          if (!book.inSnapshot) book.pending.add(readBookLevelSide(consumer, offset), readBookLevelPrice(consumer, offset), readBookLevelSize(consumer, offset));
          break;
        case RecordType.SNAPSHOT_END:
          segment = this.applySegment(consumer, segment, i, nowNs);
          book.inSnapshot = false;
          book.inUpdate = false;
          this.readStamps(consumer, offset);
          this.publishSnapshot(id, book);
          if (book.status !== InstrumentStatus.SYNCED) this.setStatus(book, InstrumentStatus.SYNCED);
          break;
        case RecordType.BOOK_BATCH_END:
          segment = this.applySegment(consumer, segment, i, nowNs);
          book.inUpdate = false;
          if (this.engine.state(id) === BookState.SYNCED && !book.inSnapshot) {
            this.readStamps(consumer, offset);
            this.engine.copyCounters(id, this.counters);
            if (this.counters[COUNTER_TRUNCATED_LEVELS] !== book.truncated) {
              this.stats.truncationSnapshots++;
              this.publishSnapshot(id, book);
              this.recordPublished(book, consumer, offset);
            } else if (book.pending.bidCount + book.pending.askCount > 0) {
              this.feed.onBookDelta(book.handle, book.pending, this.stamps);
              this.recordPublished(book, consumer, offset);
              this.stats.deltas++;
              this.publishBbo(id, book);
            }
          }
          book.pending.clear();
          break;
        case RecordType.GAP:
          segment = this.applySegment(consumer, segment, i, nowNs);
          book.inSnapshot = false;
          book.inUpdate = false;
          book.pending.clear();
          this.readStamps(consumer, offset);
          this.setStatus(book, InstrumentStatus.RESYNCING);
          break;
        case RecordType.TRADE:
          this.readStamps(consumer, offset);
          this.feed.onTrade(book.handle, readTradePrice(consumer, offset), readTradeSize(consumer, offset), readTradeAggressorSide(consumer, offset), readTradeId(consumer, offset), this.stamps);
          this.stats.trades++;
          break;
        case RecordType.INSTRUMENT_STATUS: {
          this.readStamps(consumer, offset);
          this.setStatus(book, readInstrumentStatus(consumer, offset));
          break;
        }
        default:
          break;
      }
      if (type !== RecordType.TRADE && type !== RecordType.BBO) this.touched[book.canonicalIndex] = 1;
    }
    this.applySegment(consumer, segment, count - 1, nowNs);
  }

  /** Applies gathered records [from, to] to the replica; returns the next segment start. */
  private applySegment(consumer: RingConsumer, from: number, to: number, nowNs: number): number {
    if (to < from) return from;
    for (let i = from; i <= to; i++) {
      this.partTypes[i - from] = this.types[i]!;
      this.partOffsets[i - from] = this.offsets[i]!;
    }
    this.engine.applyBatch(consumer, this.partTypes, this.partOffsets, to - from + 1, nowNs);
    return to + 1;
  }

  /**
   * Venue receive → this update handed to the hub (its bytes are in uWS's send buffers when
   * publish returns: "client-sent" from our side). One clock read per published update.
   */
  private recordPublished(book: BridgeBook, consumer: RingConsumer, offset: number): void {
    const clock = this.clock;
    if (book.latency === null || clock === null) return;
    book.latency.record(clock.now() - nsSinceEpochBase(consumer.u32, tsRecvNsIndex(offset), clock.epochBaseHi, clock.epochBaseLo));
  }

  private readStamps(consumer: RingConsumer, offset: number): void {
    const event = tsEventNsIndex(offset);
    const recv = tsRecvNsIndex(offset);
    this.stamps[0] = consumer.i32[event]! >>> 0;
    this.stamps[1] = consumer.i32[event + 1]! >>> 0;
    this.stamps[2] = consumer.i32[recv]! >>> 0;
    this.stamps[3] = consumer.i32[recv + 1]! >>> 0;
  }

  private publishSnapshot(id: number, book: BridgeBook): void {
    const levels = this.snapshotLevels;
    levels.clear();
    for (let side = 0; side < 2; side++) {
      const count = this.engine.copyTop(id, side, this.maxDepth, this.prices, this.sizes);
      for (let level = 0; level < count; level++) levels.add(side, this.prices[level]!, this.sizes[level]!);
    }
    this.feed.onBookSnapshot(book.handle, levels, this.stamps);
    this.engine.copyCounters(id, this.counters);
    book.truncated = this.counters[COUNTER_TRUNCATED_LEVELS]!;
    this.stats.snapshots++;
    this.publishBbo(id, book);
  }

  private publishBbo(id: number, book: BridgeBook): void {
    const bidPrice = this.engine.bestPrice(id, 0);
    const bidSize = this.engine.bestSize(id, 0);
    const askPrice = this.engine.bestPrice(id, 1);
    const askSize = this.engine.bestSize(id, 1);
    if (bidPrice === book.bestBidPrice && bidSize === book.bestBidSize && askPrice === book.bestAskPrice && askSize === book.bestAskSize) return;
    book.bestBidPrice = bidPrice;
    book.bestBidSize = bidSize;
    book.bestAskPrice = askPrice;
    book.bestAskSize = askSize;
    // An empty side reports size 0 (the feed's "no quote"); its price is then meaningless.
    this.feed.onBbo(book.handle, Number.isFinite(bidPrice) ? bidPrice : 0, Number.isFinite(bidPrice) ? bidSize : 0, Number.isFinite(askPrice) ? askPrice : 0, Number.isFinite(askPrice) ? askSize : 0, this.stamps);
  }

  private setStatus(book: BridgeBook, status: InstrumentStatus): void {
    if (book.status === status) return;
    book.status = status;
    this.feed.onStatus(book.handle, status, this.stamps);
  }

  private publishConsolidated(all: boolean): void {
    const nowNs = performance.now() * 1e6;
    for (let i = 0; i < this.consolidated.length; i++) {
      if (!all && this.touched[i] === 0) continue;
      const publisher = this.consolidated[i]!;
      // A member in the middle of an update (its batch end is in the next gather) would show half of it.
      if (publisher.members.some((id) => this.books[id]!.inUpdate)) continue;
      this.touched[i] = 0;
      publisher.publish(nowNs);
    }
  }
}
