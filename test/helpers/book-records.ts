// Book test records: venue-like events flattened to ring records, written with the model's writers through a real ring.
import { BBO_PAYLOAD_BYTES, writeBbo } from '../../src/model/bbo-record.js';
import { BOOK_BATCH_END_PAYLOAD_BYTES, writeBookBatchEnd } from '../../src/model/book-batch-end-record.js';
import { BOOK_LEVEL_PAYLOAD_BYTES, writeBookLevel } from '../../src/model/book-level-record.js';
import { GAP_PAYLOAD_BYTES, writeGap } from '../../src/model/gap-record.js';
import { INSTRUMENT_STATUS_PAYLOAD_BYTES, writeInstrumentStatus } from '../../src/model/instrument-status-record.js';
import { createRecordStamps, setRecordStampsBig } from '../../src/model/record-header.js';
import {
  AggressorSide,
  GapReason,
  InstrumentStatus,
  RecordFlag,
  RecordType,
  SEQUENCE_NONE,
  type BookSide,
} from '../../src/model/record-types.js';
import { SNAPSHOT_BEGIN_PAYLOAD_BYTES, writeSnapshotBegin } from '../../src/model/snapshot-begin-record.js';
import { SNAPSHOT_END_PAYLOAD_BYTES, writeSnapshotEnd } from '../../src/model/snapshot-end-record.js';
import { TRADE_PAYLOAD_BYTES, writeTrade } from '../../src/model/trade-record.js';
import { RingConsumer } from '../../src/hotpath/ring-consumer.js';
import { allocateRingBuffer } from '../../src/hotpath/ring-layout.js';
import { RingProducer } from '../../src/hotpath/ring-producer.js';

export interface LevelSpec {
  side: BookSide;
  /** Integer mantissa at the instrument's price scale. */
  price: number;
  /** Integer mantissa; 0 deletes. */
  size: number;
  priceTextDecimals: number;
  sizeTextDecimals: number;
}

/** One venue message (or a record the book engine must skip), before flattening to records. */
export type BookEvent =
  | { kind: 'snapshot'; instrumentId: number; sequence: number; checksum: number; levels: LevelSpec[] }
  | {
      kind: 'update';
      instrumentId: number;
      sequence: number;
      previousSequence: number;
      checksum: number;
      levels: LevelSpec[];
    }
  | { kind: 'gap'; instrumentId: number }
  | { kind: 'noise'; instrumentId: number; noise: 'trade' | 'bbo' | 'status' };

/** A ring record in plain fields; `write` puts it into the ring with the model's flyweight writer. */
export type FlatRecord =
  | ({ type: typeof RecordType.BOOK_LEVEL; instrumentId: number; snapshot: boolean } & LevelSpec)
  | { type: typeof RecordType.BOOK_BATCH_END; instrumentId: number; sequence: number; previousSequence: number; updateCount: number; checksum: number }
  | { type: typeof RecordType.SNAPSHOT_BEGIN; instrumentId: number; sequence: number }
  | { type: typeof RecordType.SNAPSHOT_END; instrumentId: number; sequence: number; levelCount: number; checksum: number }
  | { type: typeof RecordType.GAP; instrumentId: number }
  | { type: typeof RecordType.TRADE | typeof RecordType.BBO | typeof RecordType.INSTRUMENT_STATUS; instrumentId: number };

export function flattenEvent(event: BookEvent, out: FlatRecord[]): void {
  const instrumentId = event.instrumentId;
  switch (event.kind) {
    case 'snapshot':
      out.push({ type: RecordType.SNAPSHOT_BEGIN, instrumentId, sequence: event.sequence });
      for (const level of event.levels) out.push({ type: RecordType.BOOK_LEVEL, instrumentId, snapshot: true, ...level });
      out.push({ type: RecordType.SNAPSHOT_END, instrumentId, sequence: event.sequence, levelCount: event.levels.length, checksum: event.checksum });
      break;
    case 'update':
      for (const level of event.levels) out.push({ type: RecordType.BOOK_LEVEL, instrumentId, snapshot: false, ...level });
      out.push({
        type: RecordType.BOOK_BATCH_END,
        instrumentId,
        sequence: event.sequence,
        previousSequence: event.previousSequence,
        updateCount: event.levels.length,
        checksum: event.checksum,
      });
      break;
    case 'gap':
      out.push({ type: RecordType.GAP, instrumentId });
      break;
    case 'noise':
      out.push({
        type: event.noise === 'trade' ? RecordType.TRADE : event.noise === 'bbo' ? RecordType.BBO : RecordType.INSTRUMENT_STATUS,
        instrumentId,
      });
      break;
  }
}

function payloadBytes(type: number): number {
  switch (type) {
    case RecordType.BOOK_LEVEL:
      return BOOK_LEVEL_PAYLOAD_BYTES;
    case RecordType.BOOK_BATCH_END:
      return BOOK_BATCH_END_PAYLOAD_BYTES;
    case RecordType.SNAPSHOT_BEGIN:
      return SNAPSHOT_BEGIN_PAYLOAD_BYTES;
    case RecordType.SNAPSHOT_END:
      return SNAPSHOT_END_PAYLOAD_BYTES;
    case RecordType.GAP:
      return GAP_PAYLOAD_BYTES;
    case RecordType.TRADE:
      return TRADE_PAYLOAD_BYTES;
    case RecordType.BBO:
      return BBO_PAYLOAD_BYTES;
    default:
      return INSTRUMENT_STATUS_PAYLOAD_BYTES;
  }
}

/**
 * A producer and a consumer over one SharedArrayBuffer ring, in one thread: records go in through
 * RingProducer.tryClaim + the model writers + publish, and come out through RingConsumer.gather
 * into reusable gather arrays, exactly as an instrument actor receives them.
 */
export class BookRing {
  readonly producer: RingProducer;
  readonly consumer: RingConsumer;
  readonly types: Int32Array;
  readonly offsets: Int32Array;
  readonly lengths: Int32Array;
  private readonly stamps = createRecordStamps();

  constructor(capacityBytes = 16 * 1024, maxGather = 256) {
    const buffer = allocateRingBuffer(capacityBytes);
    this.producer = new RingProducer(buffer);
    this.consumer = new RingConsumer(buffer);
    this.types = new Int32Array(maxGather);
    this.offsets = new Int32Array(maxGather);
    this.lengths = new Int32Array(maxGather);
    setRecordStampsBig(this.stamps, 1_700_000_000_000_000_000n, 1_700_000_000_000_000_500n);
  }

  /** Claims and writes one record; false when the ring is full (nothing written). */
  tryWrite(record: FlatRecord): boolean {
    const offset = this.producer.tryClaim(record.type, payloadBytes(record.type));
    if (offset < 0) return false;
    const views = this.producer;
    const stamps = this.stamps;
    switch (record.type) {
      case RecordType.BOOK_LEVEL:
        writeBookLevel(
          views,
          offset,
          record.instrumentId,
          record.snapshot ? RecordFlag.SNAPSHOT : 0,
          stamps,
          record.side,
          record.price,
          record.size,
          record.priceTextDecimals,
          record.sizeTextDecimals,
        );
        break;
      case RecordType.BOOK_BATCH_END:
        writeBookBatchEnd(views, offset, record.instrumentId, 0, stamps, record.sequence, record.previousSequence, record.updateCount, record.checksum);
        break;
      case RecordType.SNAPSHOT_BEGIN:
        writeSnapshotBegin(views, offset, record.instrumentId, RecordFlag.SNAPSHOT, stamps, record.sequence);
        break;
      case RecordType.SNAPSHOT_END:
        writeSnapshotEnd(views, offset, record.instrumentId, RecordFlag.SNAPSHOT, stamps, record.sequence, record.levelCount, record.checksum);
        break;
      case RecordType.GAP:
        writeGap(views, offset, record.instrumentId, 0, stamps, GapReason.SEQUENCE_GAP, SEQUENCE_NONE, SEQUENCE_NONE);
        break;
      case RecordType.TRADE:
        writeTrade(views, offset, record.instrumentId, 0, stamps, 100, 1, AggressorSide.BUY);
        break;
      case RecordType.BBO:
        writeBbo(views, offset, record.instrumentId, 0, stamps, 99, 1, 101, 1);
        break;
      case RecordType.INSTRUMENT_STATUS:
        writeInstrumentStatus(views, offset, record.instrumentId, 0, stamps, InstrumentStatus.SYNCED);
        break;
    }
    return true;
  }

  publish(): void {
    this.producer.publish();
  }

  /** Gathers up to `max` published records into `types` / `offsets`; release() frees them. */
  gather(max: number): number {
    return this.consumer.gather(this.types, this.offsets, this.lengths, Math.min(max, this.types.length));
  }

  release(): void {
    this.consumer.release();
  }
}
