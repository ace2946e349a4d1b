// MarketRecord: every record type as one discriminated union, with checked encode/decode (cold path).
//
// The hot path uses the flyweight writers and readers of each *-record.ts file. This file is for
// tests, debugging, the recorder and replay tools: one object per record, bigint timestamps, and
// every field checked against its slot so a bad value fails loudly instead of being truncated.

import { ZVT_ERR_RECORD_FIELD, ZVT_ERR_RECORD_TYPE_UNKNOWN, ZvtError } from './errors.js';
import {
  BBO_PAYLOAD_BYTES,
  readBboAskPrice,
  readBboAskSize,
  readBboBidPrice,
  readBboBidSize,
  writeBbo,
} from './bbo-record.js';
import {
  BOOK_BATCH_END_PAYLOAD_BYTES,
  readBookBatchEndChecksum,
  readBookBatchEndPreviousSequence,
  readBookBatchEndSequence,
  readBookBatchEndUpdateCount,
  writeBookBatchEnd,
} from './book-batch-end-record.js';
import {
  BOOK_LEVEL_PAYLOAD_BYTES,
  readBookLevelPrice,
  readBookLevelPriceTextDecimals,
  readBookLevelSide,
  readBookLevelSize,
  readBookLevelSizeTextDecimals,
  writeBookLevel,
} from './book-level-record.js';
import {
  GAP_PAYLOAD_BYTES,
  readGapExpectedSequence,
  readGapReason,
  readGapReceivedSequence,
  writeGap,
} from './gap-record.js';
import {
  INSTRUMENT_STATUS_PAYLOAD_BYTES,
  readInstrumentStatus,
  writeInstrumentStatus,
} from './instrument-status-record.js';
import {
  createRecordStamps,
  readInstrumentId,
  readRecordFlags,
  readTsEventNsBig,
  readTsRecvNsBig,
  setRecordStampsBig,
} from './record-header.js';
import {
  isAggressorSide,
  isBookSide,
  isGapReason,
  isInstrumentStatus,
  RecordType,
  recordTypeName,
  SEQUENCE_NONE,
  type AggressorSide,
  type BookSide,
  type GapReason,
  type InstrumentStatus,
} from './record-types.js';
import type { RecordViews } from './record-views.js';
import { readSnapshotBeginSequence, SNAPSHOT_BEGIN_PAYLOAD_BYTES, writeSnapshotBegin } from './snapshot-begin-record.js';
import {
  readSnapshotEndChecksum,
  readSnapshotEndLevelCount,
  readSnapshotEndSequence,
  SNAPSHOT_END_PAYLOAD_BYTES,
  writeSnapshotEnd,
} from './snapshot-end-record.js';
import {
  readTradeAggressorSide,
  readTradeId,
  readTradePrice,
  readTradeSize,
  TRADE_ID_MAX_BYTES,
  TRADE_PAYLOAD_BYTES,
  writeTrade,
  writeTradeIdString,
} from './trade-record.js';

/** Fields of the common header, timestamps as bigint epoch nanoseconds. */
export interface RecordHeaderFields {
  instrumentId: number;
  flags: number;
  tsEventNs: bigint;
  tsRecvNs: bigint;
}

export interface BookLevelRecord extends RecordHeaderFields {
  type: typeof RecordType.BOOK_LEVEL;
  side: BookSide;
  price: number;
  size: number;
  priceTextDecimals: number;
  sizeTextDecimals: number;
}

export interface BookBatchEndRecord extends RecordHeaderFields {
  type: typeof RecordType.BOOK_BATCH_END;
  sequence: number;
  previousSequence: number;
  updateCount: number;
  checksum: number;
}

export interface SnapshotBeginRecord extends RecordHeaderFields {
  type: typeof RecordType.SNAPSHOT_BEGIN;
  sequence: number;
}

export interface SnapshotEndRecord extends RecordHeaderFields {
  type: typeof RecordType.SNAPSHOT_END;
  sequence: number;
  levelCount: number;
  checksum: number;
}

export interface TradeRecord extends RecordHeaderFields {
  type: typeof RecordType.TRADE;
  price: number;
  size: number;
  aggressorSide: AggressorSide;
  /** The venue's trade id, '' when it sent none. */
  tradeId: string;
}

export interface BboRecord extends RecordHeaderFields {
  type: typeof RecordType.BBO;
  bidPrice: number;
  bidSize: number;
  askPrice: number;
  askSize: number;
}

export interface GapRecord extends RecordHeaderFields {
  type: typeof RecordType.GAP;
  reason: GapReason;
  expectedSequence: number;
  receivedSequence: number;
}

export interface InstrumentStatusRecord extends RecordHeaderFields {
  type: typeof RecordType.INSTRUMENT_STATUS;
  status: InstrumentStatus;
}

export type MarketRecord =
  | BookLevelRecord
  | BookBatchEndRecord
  | SnapshotBeginRecord
  | SnapshotEndRecord
  | TradeRecord
  | BboRecord
  | GapRecord
  | InstrumentStatusRecord;

const PAYLOAD_BYTES: Readonly<Record<RecordType, number>> = Object.freeze({
  [RecordType.BOOK_LEVEL]: BOOK_LEVEL_PAYLOAD_BYTES,
  [RecordType.BOOK_BATCH_END]: BOOK_BATCH_END_PAYLOAD_BYTES,
  [RecordType.SNAPSHOT_BEGIN]: SNAPSHOT_BEGIN_PAYLOAD_BYTES,
  [RecordType.SNAPSHOT_END]: SNAPSHOT_END_PAYLOAD_BYTES,
  [RecordType.TRADE]: TRADE_PAYLOAD_BYTES,
  [RecordType.BBO]: BBO_PAYLOAD_BYTES,
  [RecordType.GAP]: GAP_PAYLOAD_BYTES,
  [RecordType.INSTRUMENT_STATUS]: INSTRUMENT_STATUS_PAYLOAD_BYTES,
});

/** Largest payload of any market record: what a ring must at least accept. */
export const MAX_MARKET_PAYLOAD_BYTES = Math.max(...Object.values(PAYLOAD_BYTES));

/** Payload bytes of a record type; ZVT_ERR_RECORD_TYPE_UNKNOWN for a code that is not a RecordType. */
export function payloadBytesOf(type: number): number {
  const bytes = (PAYLOAD_BYTES as Readonly<Record<number, number>>)[type];
  if (bytes === undefined) throwUnknownType(type);
  return bytes;
}

/** Stamps used by encodeRecord; module-level because encode is synchronous and single-threaded per isolate. */
const encodeStamps = createRecordStamps();

/**
 * Checks every field of `record` against its slot and writes the payload at `offset` (8-byte
 * aligned, inside the views). Returns the payload bytes written. Cold path.
 */
export function encodeRecord(views: RecordViews, offset: number, record: MarketRecord): number {
  const bytes = payloadBytesOf(record.type);
  if (!(Number.isInteger(offset) && offset >= 0 && offset % 8 === 0 && offset + bytes <= views.u8.length)) {
    throwField('offset', offset, `an 8-byte aligned offset with ${bytes} bytes of room`);
  }
  checkUnsigned32('instrumentId', record.instrumentId);
  checkUnsigned32('flags', record.flags);
  setRecordStampsBigChecked(record.tsEventNs, record.tsRecvNs);
  const { instrumentId, flags } = record;
  switch (record.type) {
    case RecordType.BOOK_LEVEL:
      if (!isBookSide(record.side)) throwField('side', record.side, 'a BookSide');
      checkMantissa('price', record.price);
      checkMantissa('size', record.size);
      checkByte('priceTextDecimals', record.priceTextDecimals);
      checkByte('sizeTextDecimals', record.sizeTextDecimals);
      writeBookLevel(
        views,
        offset,
        instrumentId,
        flags,
        encodeStamps,
        record.side,
        record.price,
        record.size,
        record.priceTextDecimals,
        record.sizeTextDecimals,
      );
      break;
    case RecordType.BOOK_BATCH_END:
      checkSequence('sequence', record.sequence);
      checkSequence('previousSequence', record.previousSequence);
      checkUnsigned32('updateCount', record.updateCount);
      checkSigned32('checksum', record.checksum);
      writeBookBatchEnd(
        views,
        offset,
        instrumentId,
        flags,
        encodeStamps,
        record.sequence,
        record.previousSequence,
        record.updateCount,
        record.checksum,
      );
      break;
    case RecordType.SNAPSHOT_BEGIN:
      checkSequence('sequence', record.sequence);
      writeSnapshotBegin(views, offset, instrumentId, flags, encodeStamps, record.sequence);
      break;
    case RecordType.SNAPSHOT_END:
      checkSequence('sequence', record.sequence);
      checkUnsigned32('levelCount', record.levelCount);
      checkSigned32('checksum', record.checksum);
      writeSnapshotEnd(views, offset, instrumentId, flags, encodeStamps, record.sequence, record.levelCount, record.checksum);
      break;
    case RecordType.TRADE:
      checkMantissa('price', record.price);
      checkMantissa('size', record.size);
      if (!isAggressorSide(record.aggressorSide)) throwField('aggressorSide', record.aggressorSide, 'an AggressorSide');
      if (typeof record.tradeId !== 'string' || record.tradeId.length > TRADE_ID_MAX_BYTES) {
        throwField('tradeId', record.tradeId, `a string of at most ${TRADE_ID_MAX_BYTES} ASCII characters`);
      }
      writeTrade(views, offset, instrumentId, flags, encodeStamps, record.price, record.size, record.aggressorSide);
      writeTradeIdString(views, offset, record.tradeId);
      break;
    case RecordType.BBO:
      checkMantissa('bidPrice', record.bidPrice);
      checkMantissa('bidSize', record.bidSize);
      checkMantissa('askPrice', record.askPrice);
      checkMantissa('askSize', record.askSize);
      writeBbo(
        views,
        offset,
        instrumentId,
        flags,
        encodeStamps,
        record.bidPrice,
        record.bidSize,
        record.askPrice,
        record.askSize,
      );
      break;
    case RecordType.GAP:
      if (!isGapReason(record.reason)) throwField('reason', record.reason, 'a GapReason');
      checkSequence('expectedSequence', record.expectedSequence);
      checkSequence('receivedSequence', record.receivedSequence);
      writeGap(
        views,
        offset,
        instrumentId,
        flags,
        encodeStamps,
        record.reason,
        record.expectedSequence,
        record.receivedSequence,
      );
      break;
    case RecordType.INSTRUMENT_STATUS:
      if (!isInstrumentStatus(record.status)) throwField('status', record.status, 'an InstrumentStatus');
      writeInstrumentStatus(views, offset, instrumentId, flags, encodeStamps, record.status);
      break;
  }
  return bytes;
}

/**
 * Reads the payload of a record of `type` at `offset` into a MarketRecord. Enum fields are
 * checked (ZVT_ERR_RECORD_FIELD): a bad byte means a corrupt or misframed record. Cold path.
 */
export function decodeRecord(views: RecordViews, offset: number, type: number): MarketRecord {
  const bytes = payloadBytesOf(type);
  if (!(Number.isInteger(offset) && offset >= 0 && offset % 8 === 0 && offset + bytes <= views.u8.length)) {
    throwField('offset', offset, `an 8-byte aligned offset with ${bytes} bytes of room`);
  }
  const header: RecordHeaderFields = {
    instrumentId: readInstrumentId(views, offset),
    flags: readRecordFlags(views, offset),
    tsEventNs: readTsEventNsBig(views, offset),
    tsRecvNs: readTsRecvNsBig(views, offset),
  };
  switch (type as RecordType) {
    case RecordType.BOOK_LEVEL: {
      const side = readBookLevelSide(views, offset);
      if (!isBookSide(side)) throwField('side', side, 'a BookSide');
      return {
        type: RecordType.BOOK_LEVEL,
        ...header,
        side,
        price: readBookLevelPrice(views, offset),
        size: readBookLevelSize(views, offset),
        priceTextDecimals: readBookLevelPriceTextDecimals(views, offset),
        sizeTextDecimals: readBookLevelSizeTextDecimals(views, offset),
      };
    }
    case RecordType.BOOK_BATCH_END:
      return {
        type: RecordType.BOOK_BATCH_END,
        ...header,
        sequence: readBookBatchEndSequence(views, offset),
        previousSequence: readBookBatchEndPreviousSequence(views, offset),
        updateCount: readBookBatchEndUpdateCount(views, offset),
        checksum: readBookBatchEndChecksum(views, offset),
      };
    case RecordType.SNAPSHOT_BEGIN:
      return { type: RecordType.SNAPSHOT_BEGIN, ...header, sequence: readSnapshotBeginSequence(views, offset) };
    case RecordType.SNAPSHOT_END:
      return {
        type: RecordType.SNAPSHOT_END,
        ...header,
        sequence: readSnapshotEndSequence(views, offset),
        levelCount: readSnapshotEndLevelCount(views, offset),
        checksum: readSnapshotEndChecksum(views, offset),
      };
    case RecordType.TRADE: {
      const aggressorSide = readTradeAggressorSide(views, offset);
      if (!isAggressorSide(aggressorSide)) throwField('aggressorSide', aggressorSide, 'an AggressorSide');
      return {
        type: RecordType.TRADE,
        ...header,
        price: readTradePrice(views, offset),
        size: readTradeSize(views, offset),
        aggressorSide,
        tradeId: readTradeId(views, offset),
      };
    }
    case RecordType.BBO:
      return {
        type: RecordType.BBO,
        ...header,
        bidPrice: readBboBidPrice(views, offset),
        bidSize: readBboBidSize(views, offset),
        askPrice: readBboAskPrice(views, offset),
        askSize: readBboAskSize(views, offset),
      };
    case RecordType.GAP: {
      const reason = readGapReason(views, offset);
      if (!isGapReason(reason)) throwField('reason', reason, 'a GapReason');
      return {
        type: RecordType.GAP,
        ...header,
        reason,
        expectedSequence: readGapExpectedSequence(views, offset),
        receivedSequence: readGapReceivedSequence(views, offset),
      };
    }
    case RecordType.INSTRUMENT_STATUS: {
      const status = readInstrumentStatus(views, offset);
      if (!isInstrumentStatus(status)) throwField('status', status, 'an InstrumentStatus');
      return { type: RecordType.INSTRUMENT_STATUS, ...header, status };
    }
  }
}

function setRecordStampsBigChecked(tsEventNs: bigint, tsRecvNs: bigint): void {
  if (typeof tsEventNs !== 'bigint') throwField('tsEventNs', tsEventNs, 'a bigint');
  if (typeof tsRecvNs !== 'bigint') throwField('tsRecvNs', tsRecvNs, 'a bigint');
  // splitEpochNs (inside) throws ZVT_ERR_TIMESTAMP_RANGE for values outside int64.
  setRecordStampsBig(encodeStamps, tsEventNs, tsRecvNs);
}

function checkMantissa(field: string, value: number): void {
  if (!Number.isSafeInteger(value)) throwField(field, value, 'a safe integer mantissa');
}

function checkSequence(field: string, value: number): void {
  if (!(Number.isSafeInteger(value) && value >= SEQUENCE_NONE)) {
    throwField(field, value, `a non-negative safe integer or SEQUENCE_NONE (${SEQUENCE_NONE})`);
  }
}

function checkUnsigned32(field: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff)) throwField(field, value, 'a u32');
}

function checkSigned32(field: string, value: number): void {
  if (!(Number.isInteger(value) && value >= -0x8000_0000 && value <= 0x7fff_ffff)) throwField(field, value, 'an i32');
}

function checkByte(field: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 0 && value <= 0xff)) throwField(field, value, 'a u8');
}

function throwField(field: string, value: unknown, expected: string): never {
  throw new ZvtError(
    ZVT_ERR_RECORD_FIELD,
    `Record field ${field} must be ${expected} (got ${typeof value === 'bigint' ? `${value}n` : JSON.stringify(value) ?? String(value)})`,
    { field },
  );
}

function throwUnknownType(type: number): never {
  throw new ZvtError(ZVT_ERR_RECORD_TYPE_UNKNOWN, `Unknown record type ${recordTypeName(type)}`, { type });
}
