// Writes a venue frame's normalised records into the instrument actors' rings (the BookEmitter of the feed).
import type { MonoClock } from '../../../hotpath/mono-clock.js';
import type { RingProducer } from '../../../hotpath/ring-producer.js';
import { alignRecord, RECORD_HEADER_BYTES } from '../../../hotpath/ring-layout.js';
import { BBO_PAYLOAD_BYTES, writeBbo } from '../../../model/bbo-record.js';
import { BOOK_BATCH_END_PAYLOAD_BYTES, writeBookBatchEnd } from '../../../model/book-batch-end-record.js';
import { BOOK_LEVEL_PAYLOAD_BYTES, writeBookLevel } from '../../../model/book-level-record.js';
import { GAP_PAYLOAD_BYTES, writeGap } from '../../../model/gap-record.js';
import { INSTRUMENT_STATUS_PAYLOAD_BYTES, writeInstrumentStatus } from '../../../model/instrument-status-record.js';
import { createRecordStamps, STAMP_EVENT_INDEX, STAMP_RECV_INDEX, type RecordStamps } from '../../../model/record-header.js';
import { RecordFlag, RecordType, type BookSide, type GapReason, type InstrumentStatus } from '../../../model/record-types.js';
import { SNAPSHOT_BEGIN_PAYLOAD_BYTES, writeSnapshotBegin } from '../../../model/snapshot-begin-record.js';
import { SNAPSHOT_END_PAYLOAD_BYTES, writeSnapshotEnd } from '../../../model/snapshot-end-record.js';
import { writeEpochNsParts } from '../../../model/timestamp.js';
import { TRADE_PAYLOAD_BYTES, writeTrade, writeTradeIdBytes } from '../../../model/trade-record.js';
import { TRADE_ID_MAX_BYTES, type ParsedBbos, type ParsedBook, type ParsedTrades } from './parsed-frame.js';
import type { BookEmitter } from './venue-dialect.js';

const LEVEL_BYTES = alignRecord(RECORD_HEADER_BYTES + BOOK_LEVEL_PAYLOAD_BYTES);
/** A wrap can waste at most the space of one record (the padding before it): the largest we write. */
const WRAP_SLACK_BYTES = alignRecord(RECORD_HEADER_BYTES + TRADE_PAYLOAD_BYTES);
const FRAMING_BYTES = alignRecord(RECORD_HEADER_BYTES + SNAPSHOT_BEGIN_PAYLOAD_BYTES) + alignRecord(RECORD_HEADER_BYTES + SNAPSHOT_END_PAYLOAD_BYTES) + alignRecord(RECORD_HEADER_BYTES + BOOK_BATCH_END_PAYLOAD_BYTES);

/** Per-instrument record counts, for the replay statistics and /metrics. */
export interface WriterCounters {
  bookUpdates: number;
  snapshots: number;
  trades: number;
  bbos: number;
  gaps: number;
  /** Updates that did not fit the ring (the consumer fell behind): the instrument is resynced. */
  droppedUpdates: number;
  /** Trades and BBOs copied to the recorder's ring (recording on). */
  recorded: number;
  /** Trades and BBOs the recorder's ring had no room for: counted, never waited for, never a resync. */
  recorderDrops: number;
}

/**
 * One per venue connection's frame stream. Per frame: `beginFrame()` stamps our receive time once,
 * the sync calls emit*, and `endFrame()` publishes every ring it touched with one release store
 * each. A book update is written only if the whole update fits (one free-space check), so a ring
 * never holds half an update; one that does not fit is counted and its instrument is listed in
 * `overflowed` for the feed to resync (nothing silently lost).
 */
export class RingRecordWriter implements BookEmitter {
  readonly stamps: RecordStamps = createRecordStamps();
  readonly counters: WriterCounters = { bookUpdates: 0, snapshots: 0, trades: 0, bbos: 0, gaps: 0, droppedUpdates: 0, recorded: 0, recorderDrops: 0 };
  /** Instruments whose records were dropped since the feed last looked (cold path). */
  readonly overflowed = new Set<number>();
  private readonly touched: RingProducer[] = [];

  constructor(
    /** Ring of the instrument actor holding each numeric instrument id (null: not routed). */
    private readonly producerOf: readonly (RingProducer | null)[],
    private readonly clock: MonoClock,
    /** RecordFlag bits added to every record (REPLAY for replayed sessions). */
    private readonly baseFlags: number,
    /**
     * The recorder actor's ring, when recording is on: every trade and BBO is also written there,
     * independently of the instrument rings. A full recorder ring drops the copy and counts it; it
     * never blocks the frame and never resyncs a book (the recorder is not on the book path).
     */
    private readonly recorder: RingProducer | null = null,
  ) {}

  beginFrame(): void {
    this.clock.writeEpochNow(this.stamps, STAMP_RECV_INDEX);
  }

  endFrame(): void {
    const touched = this.touched;
    for (let i = 0; i < touched.length; i++) touched[i]!.publish();
    touched.length = 0;
    // publish() is a no-op when nothing was claimed.
    if (this.recorder !== null) this.recorder.publish();
  }

  emitSnapshot(book: ParsedBook): void {
    const producer = this.reserve(book.instrumentId, FRAMING_BYTES + book.levelCount * LEVEL_BYTES);
    if (producer === null) return;
    const flags = this.eventFlags(book.hasEventTime, book.eventSeconds, book.eventNanos);
    const id = book.instrumentId;
    let offset = producer.tryClaim(RecordType.SNAPSHOT_BEGIN, SNAPSHOT_BEGIN_PAYLOAD_BYTES);
    writeSnapshotBegin(producer, offset, id, flags, this.stamps, book.sequence);
    this.writeLevels(producer, book, flags | RecordFlag.SNAPSHOT);
    offset = producer.tryClaim(RecordType.SNAPSHOT_END, SNAPSHOT_END_PAYLOAD_BYTES);
    writeSnapshotEnd(producer, offset, id, flags, this.stamps, book.sequence, book.levelCount, book.checksum);
    this.counters.snapshots++;
  }

  emitUpdate(book: ParsedBook): void {
    const producer = this.reserve(book.instrumentId, FRAMING_BYTES + book.levelCount * LEVEL_BYTES);
    if (producer === null) return;
    const flags = this.eventFlags(book.hasEventTime, book.eventSeconds, book.eventNanos);
    this.writeLevels(producer, book, flags);
    const offset = producer.tryClaim(RecordType.BOOK_BATCH_END, BOOK_BATCH_END_PAYLOAD_BYTES);
    writeBookBatchEnd(producer, offset, book.instrumentId, flags, this.stamps, book.sequence, book.previousSequence, book.levelCount, book.checksum);
    this.counters.bookUpdates++;
  }

  emitGap(instrumentId: number, reason: number, expectedSequence: number, receivedSequence: number): void {
    const producer = this.reserve(instrumentId, alignRecord(RECORD_HEADER_BYTES + GAP_PAYLOAD_BYTES));
    if (producer === null) return;
    const flags = this.eventFlags(false, 0, 0);
    const offset = producer.tryClaim(RecordType.GAP, GAP_PAYLOAD_BYTES);
    writeGap(producer, offset, instrumentId, flags, this.stamps, reason as GapReason, expectedSequence, receivedSequence);
    this.counters.gaps++;
  }

  emitStatus(instrumentId: number, status: InstrumentStatus): void {
    const producer = this.reserve(instrumentId, alignRecord(RECORD_HEADER_BYTES + INSTRUMENT_STATUS_PAYLOAD_BYTES));
    if (producer === null) return;
    const offset = producer.tryClaim(RecordType.INSTRUMENT_STATUS, INSTRUMENT_STATUS_PAYLOAD_BYTES);
    writeInstrumentStatus(producer, offset, instrumentId, this.eventFlags(false, 0, 0), this.stamps, status);
  }

  emitTrades(trades: ParsedTrades): void {
    for (let i = 0; i < trades.count; i++) {
      const id = trades.instrumentIds[i]!;
      const idStart = i * TRADE_ID_MAX_BYTES;
      if (this.recorder !== null) {
        const flags = this.eventFlags(trades.hasEventTime[i] === 1, trades.eventSeconds[i]!, trades.eventNanos[i]!);
        const offset = this.recorder.tryClaim(RecordType.TRADE, TRADE_PAYLOAD_BYTES);
        if (offset < 0) this.counters.recorderDrops++;
        else {
          writeTrade(this.recorder, offset, id, flags, this.stamps, trades.prices[i]!, trades.sizes[i]!, trades.aggressorSides[i] as 0 | 1 | 2);
          writeTradeIdBytes(this.recorder, offset, trades.tradeIds, idStart, idStart + trades.tradeIdLengths[i]!);
          this.counters.recorded++;
        }
      }
      const producer = this.reserve(id, alignRecord(RECORD_HEADER_BYTES + TRADE_PAYLOAD_BYTES));
      if (producer === null) continue;
      const flags = this.eventFlags(trades.hasEventTime[i] === 1, trades.eventSeconds[i]!, trades.eventNanos[i]!);
      const offset = producer.tryClaim(RecordType.TRADE, TRADE_PAYLOAD_BYTES);
      writeTrade(producer, offset, id, flags, this.stamps, trades.prices[i]!, trades.sizes[i]!, trades.aggressorSides[i] as 0 | 1 | 2);
      writeTradeIdBytes(producer, offset, trades.tradeIds, idStart, idStart + trades.tradeIdLengths[i]!);
      this.counters.trades++;
    }
  }

  emitBbos(bbos: ParsedBbos): void {
    const values = bbos.values;
    for (let i = 0; i < bbos.count; i++) {
      const id = bbos.instrumentIds[i]!;
      if (this.recorder !== null) {
        const flags = this.eventFlags(bbos.hasEventTime[i] === 1, bbos.eventSeconds[i]!, bbos.eventNanos[i]!);
        const offset = this.recorder.tryClaim(RecordType.BBO, BBO_PAYLOAD_BYTES);
        if (offset < 0) this.counters.recorderDrops++;
        else {
          writeBbo(this.recorder, offset, id, flags, this.stamps, values[i * 4]!, values[i * 4 + 1]!, values[i * 4 + 2]!, values[i * 4 + 3]!);
          this.counters.recorded++;
        }
      }
      const producer = this.reserve(id, alignRecord(RECORD_HEADER_BYTES + BBO_PAYLOAD_BYTES));
      if (producer === null) continue;
      const flags = this.eventFlags(bbos.hasEventTime[i] === 1, bbos.eventSeconds[i]!, bbos.eventNanos[i]!);
      const offset = producer.tryClaim(RecordType.BBO, BBO_PAYLOAD_BYTES);
      writeBbo(producer, offset, id, flags, this.stamps, values[i * 4]!, values[i * 4 + 1]!, values[i * 4 + 2]!, values[i * 4 + 3]!);
      this.counters.bbos++;
    }
  }

  /** The ring for an instrument if `bytes` fit in it now (worst case including wrap padding), else null. */
  private reserve(instrumentId: number, bytes: number): RingProducer | null {
    const producer = this.producerOf[instrumentId] ?? null;
    if (producer === null) return null;
    if (producer.freeBytes() < bytes + WRAP_SLACK_BYTES) {
      this.counters.droppedUpdates++;
      this.overflowed.add(instrumentId);
      return null;
    }
    const touched = this.touched;
    let known = false;
    for (let i = 0; i < touched.length; i++) if (touched[i] === producer) known = true;
    if (!known) touched.push(producer);
    return producer;
  }

  private eventFlags(hasEventTime: boolean, seconds: number, nanos: number): number {
    if (hasEventTime) {
      writeEpochNsParts(this.stamps, STAMP_EVENT_INDEX, seconds, nanos);
      return this.baseFlags;
    }
    this.stamps[STAMP_EVENT_INDEX] = 0;
    this.stamps[STAMP_EVENT_INDEX + 1] = 0;
    return this.baseFlags | RecordFlag.NO_EVENT_TIME;
  }

  private writeLevels(producer: RingProducer, book: ParsedBook, flags: number): void {
    const id = book.instrumentId;
    for (let i = 0; i < book.levelCount; i++) {
      const offset = producer.tryClaim(RecordType.BOOK_LEVEL, BOOK_LEVEL_PAYLOAD_BYTES);
      writeBookLevel(producer, offset, id, flags, this.stamps, book.sides[i] as BookSide, book.prices[i]!, book.sizes[i]!, book.priceTextDecimals[i]!, book.sizeTextDecimals[i]!);
    }
  }
}
