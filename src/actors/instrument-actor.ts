// Instrument actor: holds the L2 books of one canonical instrument across venues and their consolidated book.
import { BookState, COUNTER_ABSENT_DELETES, COUNTER_BATCHES, COUNTER_FIELDS, COUNTER_LEVEL_UPDATES, COUNTER_SNAPSHOTS, COUNTER_TRUNCATED_LEVELS, type BookEngine } from '../hotpath/book/book-engine.js';
import { BatchEndLatencyRecorder } from '../hotpath/metrics/batch-end-latency.js';
import { LatencyHistogram } from '../hotpath/metrics/latency-histogram.js';
import type { RingConsumer } from '../hotpath/ring-consumer.js';
import { BOOK_BATCH_END_CHECKSUM_OFFSET } from '../model/book-batch-end-record.js';
import { formatDecimal } from '../model/fixed-point.js';
import { readInstrumentId } from '../model/record-header.js';
import { InstrumentRegistry, type InstrumentRegistryData } from '../model/instrument-registry.js';
import { BookSide, RecordFlag, RecordType } from '../model/record-types.js';
import { SNAPSHOT_END_CHECKSUM_OFFSET } from '../model/snapshot-end-record.js';
import { BookSnapshotWriter } from './book-snapshot-writer.js';
import { GatewayForwarder, type GatewayForwarderStats, type GatewayLink } from './gateway-forwarder.js';
import type { Actor, ActorContext } from './actor.js';
import type { InstrumentLatencyParams } from './engine-latency-histograms.js';
import { createBookEngine } from './hotpath-selection.js';
import type { VenueActorControl } from './venues/venue-actor.js';

export interface InstrumentActorParams {
  registry: InstrumentRegistryData;
  canonical: string;
  /** Numeric ids of the venue instruments of this canonical instrument. */
  instrumentIds: number[];
  maxDepth: number;
  /** A venue whose book had no update for this long is left out of the consolidated book. */
  staleAfterMs: number;
  /** Venue instrument id → the venue actor to ask for a resync when its checksum fails. */
  venueActorOf: Record<number, string>;
  /** The recorder actor, when book snapshots are recorded: top `depth` levels of each synced book at most every `intervalMs`. */
  recorder?: string;
  bookSnapshots?: { intervalMs: number; depth: number };
  /** Records carry RecordFlag.REPLAY. */
  replay?: boolean;
  /** Forward what this actor applied to the gateway (main thread) through this ring (gateway-forwarder.ts). */
  gateway?: GatewayLink;
  /** Book-apply latency histograms, one per venue (engine-latency-histograms.ts); this actor is their only writer. */
  latency?: InstrumentLatencyParams;
}

/** Per-book counters for /metrics (`counters` control request): what the engine and this actor already count, read on request. */
export interface InstrumentBookCounters {
  instrumentId: number;
  id: string;
  venue: string;
  levelUpdates: number;
  absentDeletes: number;
  truncatedLevels: number;
  /** Venue updates (BOOK_BATCH_END) applied: also the number of book-apply latency values of this book. */
  batches: number;
  snapshots: number;
  gaps: number;
  checksumsVerified: number;
  checksumFailures: number;
}

export interface InstrumentActorCounters {
  canonical: string;
  books: InstrumentBookCounters[];
  /** Present when forwarding to the gateway. */
  gateway?: GatewayForwarderStats;
}

export interface InstrumentBookReport {
  instrumentId: number;
  id: string;
  native: string;
  kind: string;
  state: number;
  sequence: number;
  checksumsVerified: number;
  checksumFailures: number;
  /** GAP records this book received (sequence gap, checksum resync, reconnect): 0 = never interrupted. */
  gaps: number;
  bids: [string, string][];
  asks: [string, string][];
}

export interface InstrumentActorReport {
  canonical: string;
  engine: 'ts' | 'native';
  records: number;
  /** Book snapshots written to the recorder's ring, and those its full ring had no room for. */
  bookSnapshots: number;
  bookSnapshotDrops: number;
  trades: number;
  bbos: number;
  gaps: number;
  checksumsVerified: number;
  checksumFailures: number;
  books: InstrumentBookReport[];
  /** Present when forwarding to the gateway. */
  gateway?: GatewayForwarderStats;
}

/** Records gathered per ring per call: one N-API crossing per batch for the native engine. */
const GATHER_BATCH = 1024;
const CONSOLIDATED_GROUP = 0;

export function createActor(context: ActorContext): Actor {
  const params = context.spec.params as InstrumentActorParams;
  const registry = InstrumentRegistry.fromData(params.registry);
  const engine: BookEngine = createBookEngine(context.config.hotpath, context.logger);
  for (const id of params.instrumentIds) {
    const instrument = registry.requireByNumericId(id);
    engine.addBook({ instrumentId: id, maxDepth: params.maxDepth, tickSize: instrument.tickSizeMantissa, priceDecimals: instrument.priceDecimals, sizeDecimals: instrument.sizeDecimals });
  }
  engine.addConsolidated({ groupId: CONSOLIDATED_GROUP, members: params.instrumentIds.map((instrumentId) => ({ instrumentId, takerFeeBps: 0 })), staleAfterNs: params.staleAfterMs * 1e6 });

  const types = new Int32Array(GATHER_BATCH);
  const offsets = new Int32Array(GATHER_BATCH);
  const lengths = new Int32Array(GATHER_BATCH);
  // Scratch for applying part of a gather (up to a checksummed batch end) without allocating views.
  const partTypes = new Int32Array(GATHER_BATCH);
  const partOffsets = new Int32Array(GATHER_BATCH);
  const counters = { records: 0, trades: 0, bbos: 0, gaps: 0, checksumsVerified: 0, checksumFailures: 0 };
  const checksumsVerifiedOf = new Float64Array(registry.size);
  const checksumFailuresOf = new Float64Array(registry.size);
  const gapsOf = new Float64Array(registry.size);
  const consumers: RingConsumer[] = context.inputs.map((input) => input.consumer);
  let snapshots: BookSnapshotWriter | null = null;
  const gateway = params.gateway === undefined ? null : new GatewayForwarder(params.gateway, engine, context.clock, params.instrumentIds, registry.size, params.maxDepth, params.replay === true ? RecordFlag.REPLAY : 0, context.incarnation > 1);
  /** Per input ring: the instrument whose update the last gather stopped inside, or -1. */
  const partialOf = new Int32Array(consumers.length).fill(-1);
  const latency = params.latency === undefined ? null : bookApplyLatency(params.latency);
  if (params.recorder !== undefined && params.bookSnapshots !== undefined) {
    const output = context.outputs.find((candidate) => candidate.to === params.recorder);
    if (output === undefined) throw new Error(`instrument actor ${context.spec.id}: no output ring to the recorder ${params.recorder}`);
    snapshots = new BookSnapshotWriter(engine, output.producer, context.clock, params.instrumentIds, registry.size, params.bookSnapshots, params.replay === true ? RecordFlag.REPLAY : 0);
  }

  /**
   * Applies records [from, to) of the gathered batch, stopping after each checksummed batch end to
   * verify the book against the venue's checksum (OKX): a CRC can only be checked on the state it
   * describes, not on a later one.
   */
  function applyGathered(consumer: RingConsumer, count: number, nowNs: number): void {
    let from = 0;
    for (let i = 0; i < count; i++) {
      const type = types[i]!;
      if (type === RecordType.TRADE) counters.trades++;
      else if (type === RecordType.BBO) counters.bbos++;
      else if (type === RecordType.GAP) {
        counters.gaps++;
        gapsOf[readInstrumentId(consumer, offsets[i]!)]!++;
      } else if (type === RecordType.BOOK_BATCH_END || type === RecordType.SNAPSHOT_END) {
        const offset = offsets[i]!;
        if (snapshots !== null) snapshots.markChanged(readInstrumentId(consumer, offset));
        const checksum = consumer.i32[(offset + (type === RecordType.BOOK_BATCH_END ? BOOK_BATCH_END_CHECKSUM_OFFSET : SNAPSHOT_END_CHECKSUM_OFFSET)) >> 2]!;
        if (checksum !== 0) {
          applyPart(consumer, from, i + 1, nowNs);
          from = i + 1;
          verifyChecksum(readInstrumentId(consumer, offset), checksum);
        }
      }
    }
    if (from === 0) engine.applyBatch(consumer, types, offsets, count, nowNs);
    else if (from < count) applyPart(consumer, from, count, nowNs);
    counters.records += count;
  }

  function applyPart(consumer: RingConsumer, from: number, to: number, nowNs: number): void {
    for (let i = from; i < to; i++) {
      partTypes[i - from] = types[i]!;
      partOffsets[i - from] = offsets[i]!;
    }
    engine.applyBatch(consumer, partTypes, partOffsets, to - from, nowNs);
  }

  function verifyChecksum(instrumentId: number, expected: number): void {
    counters.checksumsVerified++;
    checksumsVerifiedOf[instrumentId]!++;
    if (engine.okxChecksum(instrumentId) === expected) return;
    counters.checksumFailures++;
    checksumFailuresOf[instrumentId]!++;
    gateway?.onChecksumFailure(instrumentId);
    const venueActor = params.venueActorOf[instrumentId];
    context.logger.warn({ instrumentId, expected, computed: engine.okxChecksum(instrumentId) }, 'book checksum mismatch; asking the venue actor to resync this symbol');
    if (venueActor !== undefined) context.send(venueActor, { type: 'resync', instrumentId, reason: 'checksum' } satisfies VenueActorControl);
  }

  /** Venue receive → applied, per venue: one histogram writer per venue, indexed by instrument id for the recorder. */
  function bookApplyLatency(latencyParams: InstrumentLatencyParams): BatchEndLatencyRecorder {
    const histogramOf: (LatencyHistogram | null)[] = new Array<LatencyHistogram | null>(registry.size).fill(null);
    for (const link of latencyParams.bookApply) {
      const histogram = new LatencyHistogram(link.histogram);
      for (const id of params.instrumentIds) if (registry.requireByNumericId(id).venue === link.venue) histogramOf[id] = histogram;
    }
    return new BatchEndLatencyRecorder(histogramOf, context.clock.epochBaseHi, context.clock.epochBaseLo);
  }

  function bookCounters(): InstrumentActorCounters {
    const values = new Float64Array(COUNTER_FIELDS);
    const books = params.instrumentIds.map((id): InstrumentBookCounters => {
      const instrument = registry.requireByNumericId(id);
      engine.copyCounters(id, values);
      return {
        instrumentId: id,
        id: instrument.id,
        venue: instrument.venue,
        levelUpdates: values[COUNTER_LEVEL_UPDATES]!,
        absentDeletes: values[COUNTER_ABSENT_DELETES]!,
        truncatedLevels: values[COUNTER_TRUNCATED_LEVELS]!,
        batches: values[COUNTER_BATCHES]!,
        snapshots: values[COUNTER_SNAPSHOTS]!,
        gaps: gapsOf[id]!,
        checksumsVerified: checksumsVerifiedOf[id]!,
        checksumFailures: checksumFailuresOf[id]!,
      };
    });
    return { canonical: params.canonical, books, ...(gateway === null ? {} : { gateway: { ...gateway.stats } }) };
  }

  function report(): InstrumentActorReport {
    const prices = new Float64Array(10);
    const sizes = new Float64Array(10);
    const books = params.instrumentIds.map((id): InstrumentBookReport => {
      const instrument = registry.requireByNumericId(id);
      const side = (which: number): [string, string][] => {
        const count = engine.copyTop(id, which, 10, prices, sizes);
        const levels: [string, string][] = [];
        for (let i = 0; i < count; i++) levels.push([formatDecimal(prices[i]!, instrument.priceDecimals), formatDecimal(sizes[i]!, instrument.sizeDecimals)]);
        return levels;
      };
      return {
        instrumentId: id,
        id: instrument.id,
        native: instrument.native,
        kind: instrument.kind,
        state: engine.state(id),
        sequence: engine.lastSequence(id),
        checksumsVerified: checksumsVerifiedOf[id]!,
        checksumFailures: checksumFailuresOf[id]!,
        gaps: gapsOf[id]!,
        bids: side(BookSide.BID),
        asks: side(BookSide.ASK),
      };
    });
    return { canonical: params.canonical, engine: engine.kind, ...counters, bookSnapshots: snapshots?.written ?? 0, bookSnapshotDrops: snapshots?.dropped ?? 0, books, ...(gateway === null ? {} : { gateway: { ...gateway.stats } }) };
  }

  return {
    start() {},
    onRecord() {},
    readInputs() {
      let consumed = 0;
      for (let c = 0; c < consumers.length; c++) {
        const consumer = consumers[c]!;
        const count = consumer.gather(types, offsets, lengths, GATHER_BATCH);
        if (count === 0) continue;
        applyGathered(consumer, count, context.clock.now());
        // One clock read per gather, after the apply: each update's receive → applied time.
        if (latency !== null) latency.record(consumer, types, offsets, 0, count, context.clock.now());
        if (gateway !== null) gateway.forward(consumer, types, offsets, lengths, count);
        // A gather can end inside an update (the rest is still being read): that book is half-applied until the next one.
        const last = types[count - 1]!;
        partialOf[c] = last === RecordType.BOOK_LEVEL || last === RecordType.SNAPSHOT_BEGIN ? readInstrumentId(consumer, offsets[count - 1]!) : -1;
        consumer.release();
        consumed += count;
      }
      if (consumed > 0 && snapshots !== null) snapshots.writeDue(context.clock.now(), partialOf);
      if (gateway !== null) gateway.flush(partialOf);
      return consumed;
    },
    onControl(message, correlationId) {
      if (message === 'report') context.report(report(), correlationId);
      else if (message === 'counters') context.report(bookCounters(), correlationId);
    },
    stop() {},
  };
}

export { BookState };
