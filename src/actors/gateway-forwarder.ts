// Copies what an instrument actor applied (verified books, trades, status) into its gateway ring for the main thread's feed bridge.
import { BookState, type BookEngine } from '../hotpath/book/book-engine.js';
import type { MonoClock } from '../hotpath/mono-clock.js';
import { Doorbell } from '../hotpath/doorbell.js';
import type { RingConsumer } from '../hotpath/ring-consumer.js';
import { RingProducer } from '../hotpath/ring-producer.js';
import { allocateRingBuffer } from '../hotpath/ring-layout.js';
import { GAP_PAYLOAD_BYTES, writeGap } from '../model/gap-record.js';
import { createRecordStamps, readInstrumentId, STAMP_RECV_INDEX } from '../model/record-header.js';
import { GapReason, RecordFlag, RecordType } from '../model/record-types.js';
import { bookSnapshotBytes, writeBookSnapshotRecords } from './book-snapshot-records.js';

/** The shared memory of one instrument actor → gateway link (allocated once by MarketDataEngine; survives restarts). */
export interface GatewayLink {
  ring: SharedArrayBuffer;
  /** The gateway (main thread) parks on this doorbell; every gateway ring shares it. */
  doorbell: SharedArrayBuffer;
}

export interface GatewayForwarderStats {
  forwarded: number;
  /** Records the full gateway ring had no room for (the books never wait for the gateway). */
  dropped: number;
  /** Whole-book snapshots written from the actor's own verified book. */
  snapshots: number;
}

/** Per book: nothing owed / owes a snapshot as soon as the book is synced / waits for the venue's next snapshot first (checksum failure). */
const OWES_NOTHING = 0;
const OWES_SNAPSHOT = 1;
const AWAITS_VENUE_SNAPSHOT = 2;

/*
 * The gateway sees each book as: SNAPSHOT_BEGIN … SNAPSHOT_END written HERE from the actor's own
 * engine (the whole book, at most maxDepth levels per side, after every applied record so far and
 * after checksum verification), then every BOOK_LEVEL … BOOK_BATCH_END the actor applied, copied
 * verbatim. The venue's own snapshot records are never copied: they are replaced by the engine's
 * snapshot (truncated the same way, and after the same updates).
 *
 * A book owes the gateway a snapshot (its book records are skipped until the snapshot is written)
 * at start, after a GAP, after a checksum failure (then only once the venue's fresh snapshot has
 * been applied) and when the gateway ring was full: a full ring never stalls the actor, the record
 * is dropped and counted and the book is re-sent whole once the ring has room again, the book is
 * synced and no update of it is half-gathered. Trades, BBOs and status records are copied as they
 * come (a dropped trade is lost to the feed, counted; the recorder has its own ring).
 */
export class GatewayForwarder {
  readonly stats: GatewayForwarderStats = { forwarded: 0, dropped: 0, snapshots: 0 };
  private readonly producer: RingProducer;
  private readonly owes: Uint8Array;
  private owing = 0;
  private readonly prices: Float64Array;
  private readonly sizes: Float64Array;
  private readonly stamps = createRecordStamps();
  private readonly snapshotBytes: number;

  constructor(
    link: GatewayLink,
    private readonly engine: BookEngine,
    private readonly clock: MonoClock,
    private readonly instrumentIds: readonly number[],
    instrumentCount: number,
    private readonly maxDepth: number,
    private readonly baseFlags: number,
    restarted: boolean,
  ) {
    this.producer = new RingProducer(link.ring, new Doorbell(link.doorbell));
    this.owes = new Uint8Array(instrumentCount);
    this.prices = new Float64Array(maxDepth);
    this.sizes = new Float64Array(maxDepth);
    this.snapshotBytes = bookSnapshotBytes(maxDepth);
    for (const id of instrumentIds) {
      this.owes[id] = OWES_SNAPSHOT;
      // A restarted actor lost its books: the gateway's copies are not current until the fresh snapshot.
      if (restarted) this.writeGap(id, GapReason.WORKER_RESTART);
    }
    this.owing = instrumentIds.length;
    this.producer.publish();
  }

  /** The book failed its venue checksum: mark it resyncing downstream and wait for the venue's fresh snapshot. */
  onChecksumFailure(instrumentId: number): void {
    if (this.owes[instrumentId] === OWES_NOTHING) this.owing++;
    this.owes[instrumentId] = AWAITS_VENUE_SNAPSHOT;
    this.writeGap(instrumentId, GapReason.CHECKSUM_MISMATCH);
  }

  /** Copies the gathered records (already applied and verified) that the gateway should see. */
  forward(consumer: RingConsumer, types: Int32Array, offsets: Int32Array, lengths: Int32Array, count: number): void {
    const producer = this.producer;
    const owes = this.owes;
    for (let i = 0; i < count; i++) {
      const type = types[i]!;
      const offset = offsets[i]!;
      const id = readInstrumentId(consumer, offset);
      const book = type === RecordType.BOOK_LEVEL || type === RecordType.BOOK_BATCH_END || type === RecordType.SNAPSHOT_BEGIN || type === RecordType.SNAPSHOT_END;
      if (book) {
        if (type === RecordType.SNAPSHOT_END && owes[id] === AWAITS_VENUE_SNAPSHOT) owes[id] = OWES_SNAPSHOT;
        else if (type === RecordType.SNAPSHOT_BEGIN && owes[id] === OWES_NOTHING) this.owe(id);
        if (owes[id] !== OWES_NOTHING) continue;
      } else if (type === RecordType.GAP && owes[id] === OWES_NOTHING) this.owe(id);
      const length = lengths[i]!;
      const target = producer.tryClaim(type, length);
      if (target < 0) {
        this.stats.dropped++;
        if (book) this.owe(id);
        continue;
      }
      copyPayload(consumer, offset, producer, target, length);
      this.stats.forwarded++;
    }
  }

  /**
   * After a round of gathers: writes the snapshots owed by books that are synced and not in the
   * middle of an update (`partial`, as the instrument actor tracks it), then publishes everything.
   */
  flush(partial: Int32Array): void {
    if (this.owing > 0) {
      for (let i = 0; i < this.instrumentIds.length; i++) {
        const id = this.instrumentIds[i]!;
        if (this.owes[id] !== OWES_SNAPSHOT || this.engine.state(id) !== BookState.SYNCED || partial.includes(id)) continue;
        if (this.producer.freeBytes() < this.snapshotBytes) break;
        this.writeSnapshot(id);
        this.owes[id] = OWES_NOTHING;
        this.owing--;
      }
    }
    this.producer.publish();
  }

  private owe(id: number): void {
    if (this.owes[id] !== OWES_NOTHING) return;
    this.owes[id] = OWES_SNAPSHOT;
    this.owing++;
  }

  private stampNow(): void {
    this.stamps[0] = 0;
    this.stamps[1] = 0;
    this.clock.writeEpochNow(this.stamps, STAMP_RECV_INDEX);
  }

  private writeGap(id: number, reason: GapReason): void {
    const target = this.producer.tryClaim(RecordType.GAP, GAP_PAYLOAD_BYTES);
    if (target < 0) {
      this.stats.dropped++;
      return;
    }
    this.stampNow();
    writeGap(this.producer, target, id, this.baseFlags | RecordFlag.NO_EVENT_TIME, this.stamps, reason, -1, -1);
  }

  private writeSnapshot(id: number): void {
    this.stampNow();
    writeBookSnapshotRecords(this.producer, this.engine, id, this.baseFlags | RecordFlag.SNAPSHOT | RecordFlag.NO_EVENT_TIME, this.stamps, this.maxDepth, this.prices, this.sizes);
    this.stats.snapshots++;
  }
}

/**
 * Payloads are 8-byte aligned: copy them as int32 words (no view allocated per record). Not as
 * float64: a NaN-shaped bit pattern (trade id bytes) could be canonicalised on the way.
 */
function copyPayload(source: RingConsumer, from: number, target: RingProducer, to: number, length: number): void {
  const words = length >> 2;
  const sourceWords = source.i32;
  const targetWords = target.i32;
  const fromWord = from >> 2;
  const toWord = to >> 2;
  for (let k = 0; k < words; k++) targetWords[toWord + k] = sourceWords[fromWord + k]!;
  for (let k = words << 2; k < length; k++) target.u8[to + k] = source.u8[from + k]!;
}

/** All instrument actors' gateway links of one engine: one ring per canonical instrument, one doorbell. */
export interface EngineGatewayLinks {
  doorbell: SharedArrayBuffer;
  rings: { canonical: string; ring: SharedArrayBuffer }[];
}

/** Gateway ring per instrument actor: room for a few 1000-level snapshots plus bursts while the main thread is busy. */
export const GATEWAY_RING_BYTES = 8 * 1024 * 1024;

/** Allocates the gateway links of these canonical instruments (cold path, once per engine). */
export function allocateGatewayLinks(canonicals: readonly string[], ringBytes = GATEWAY_RING_BYTES): EngineGatewayLinks {
  return { doorbell: new Doorbell().buffer, rings: canonicals.map((canonical) => ({ canonical, ring: allocateRingBuffer(ringBytes) })) };
}
