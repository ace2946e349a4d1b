// Property tests of the record codecs: every type round-trips encode → decode at any aligned offset, touching only its payload.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AggressorSide,
  BookSide,
  createRecordViews,
  decodeRecord,
  encodeRecord,
  GapReason,
  InstrumentStatus,
  MAX_MARKET_PAYLOAD_BYTES,
  payloadBytesOf,
  readBboAskPrice,
  readBboAskSize,
  readBboBidPrice,
  readBboBidSize,
  readBookBatchEndChecksum,
  readBookBatchEndPreviousSequence,
  readBookBatchEndSequence,
  readBookBatchEndUpdateCount,
  readBookLevelPrice,
  readBookLevelSize,
  readGapExpectedSequence,
  readGapReason,
  readGapReceivedSequence,
  readInstrumentId,
  readInstrumentStatus,
  readRecordFlags,
  readSnapshotBeginSequence,
  readSnapshotEndChecksum,
  readSnapshotEndLevelCount,
  readSnapshotEndSequence,
  readTradeAggressorSide,
  readTradeId,
  readTradePrice,
  readTradeSize,
  RecordType,
  SEQUENCE_NONE,
  TRADE_ID_MAX_BYTES,
  type MarketRecord,
  type RecordViews,
} from '../../../src/model/index.js';

const mantissa = fc.oneof(
  fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: 0, max: 10_000_000 }),
);
const sequence = fc.oneof(fc.integer({ min: SEQUENCE_NONE, max: Number.MAX_SAFE_INTEGER }), fc.constant(SEQUENCE_NONE));
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const i32 = fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff });
const u8 = fc.integer({ min: 0, max: 255 });
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const header = fc.record({ instrumentId: u32, flags: u32, tsEventNs: int64, tsRecvNs: int64 });
const printableAscii = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: TRADE_ID_MAX_BYTES,
});

const marketRecord: fc.Arbitrary<MarketRecord> = fc.oneof(
  fc
    .tuple(header, fc.constantFrom(BookSide.BID, BookSide.ASK), mantissa, mantissa, u8, u8)
    .map(([fields, side, price, size, priceTextDecimals, sizeTextDecimals]) => ({
      type: RecordType.BOOK_LEVEL,
      ...fields,
      side,
      price,
      size,
      priceTextDecimals,
      sizeTextDecimals,
    })),
  fc.tuple(header, sequence, sequence, u32, i32).map(([fields, seq, previousSequence, updateCount, checksum]) => ({
    type: RecordType.BOOK_BATCH_END,
    ...fields,
    sequence: seq,
    previousSequence,
    updateCount,
    checksum,
  })),
  fc.tuple(header, sequence).map(([fields, seq]) => ({ type: RecordType.SNAPSHOT_BEGIN, ...fields, sequence: seq })),
  fc.tuple(header, sequence, u32, i32).map(([fields, seq, levelCount, checksum]) => ({
    type: RecordType.SNAPSHOT_END,
    ...fields,
    sequence: seq,
    levelCount,
    checksum,
  })),
  fc
    .tuple(header, mantissa, mantissa, fc.constantFrom(...Object.values(AggressorSide)), printableAscii)
    .map(([fields, price, size, aggressorSide, tradeId]) => ({
      type: RecordType.TRADE,
      ...fields,
      price,
      size,
      aggressorSide,
      tradeId,
    })),
  fc.tuple(header, mantissa, mantissa, mantissa, mantissa).map(([fields, bidPrice, bidSize, askPrice, askSize]) => ({
    type: RecordType.BBO,
    ...fields,
    bidPrice,
    bidSize,
    askPrice,
    askSize,
  })),
  fc
    .tuple(header, fc.constantFrom(...Object.values(GapReason)), sequence, sequence)
    .map(([fields, reason, expectedSequence, receivedSequence]) => ({
      type: RecordType.GAP,
      ...fields,
      reason,
      expectedSequence,
      receivedSequence,
    })),
  fc.tuple(header, fc.constantFrom(...Object.values(InstrumentStatus))).map(([fields, status]) => ({
    type: RecordType.INSTRUMENT_STATUS,
    ...fields,
    status,
  })),
);

/** The record's own fields as the hot-path readers see them (no bigint, no decodeRecord). */
function hotFields(views: RecordViews, offset: number, type: number): unknown[] {
  const common = [readInstrumentId(views, offset), readRecordFlags(views, offset)];
  switch (type) {
    case RecordType.BOOK_LEVEL:
      return [...common, readBookLevelPrice(views, offset), readBookLevelSize(views, offset)];
    case RecordType.BOOK_BATCH_END:
      return [
        ...common,
        readBookBatchEndSequence(views, offset),
        readBookBatchEndPreviousSequence(views, offset),
        readBookBatchEndUpdateCount(views, offset),
        readBookBatchEndChecksum(views, offset),
      ];
    case RecordType.SNAPSHOT_BEGIN:
      return [...common, readSnapshotBeginSequence(views, offset)];
    case RecordType.SNAPSHOT_END:
      return [
        ...common,
        readSnapshotEndSequence(views, offset),
        readSnapshotEndLevelCount(views, offset),
        readSnapshotEndChecksum(views, offset),
      ];
    case RecordType.TRADE:
      return [
        ...common,
        readTradePrice(views, offset),
        readTradeSize(views, offset),
        readTradeAggressorSide(views, offset),
        readTradeId(views, offset),
      ];
    case RecordType.BBO:
      return [
        ...common,
        readBboBidPrice(views, offset),
        readBboBidSize(views, offset),
        readBboAskPrice(views, offset),
        readBboAskSize(views, offset),
      ];
    case RecordType.GAP:
      return [
        ...common,
        readGapReason(views, offset),
        readGapExpectedSequence(views, offset),
        readGapReceivedSequence(views, offset),
      ];
    default:
      return [...common, readInstrumentStatus(views, offset)];
  }
}

function expectedHotFields(record: MarketRecord): unknown[] {
  const common = [record.instrumentId, record.flags];
  switch (record.type) {
    case RecordType.BOOK_LEVEL:
      return [...common, record.price, record.size];
    case RecordType.BOOK_BATCH_END:
      return [...common, record.sequence, record.previousSequence, record.updateCount, record.checksum];
    case RecordType.SNAPSHOT_BEGIN:
      return [...common, record.sequence];
    case RecordType.SNAPSHOT_END:
      return [...common, record.sequence, record.levelCount, record.checksum];
    case RecordType.TRADE:
      return [...common, record.price, record.size, record.aggressorSide, record.tradeId];
    case RecordType.BBO:
      return [...common, record.bidPrice, record.bidSize, record.askPrice, record.askSize];
    case RecordType.GAP:
      return [...common, record.reason, record.expectedSequence, record.receivedSequence];
    case RecordType.INSTRUMENT_STATUS:
      return [...common, record.status];
  }
}

describe('record codecs', () => {
  const SLOTS = 8;
  const buffer = new SharedArrayBuffer(MAX_MARKET_PAYLOAD_BYTES * (SLOTS + 1));
  const views = createRecordViews(buffer);

  it('encode → decode returns the same record, hot readers agree, and only the payload bytes change', () => {
    fc.assert(
      fc.property(marketRecord, fc.integer({ min: 0, max: (MAX_MARKET_PAYLOAD_BYTES * SLOTS) / 8 }), fc.integer({ min: 0, max: 255 }), (record, slot, fill) => {
        const offset = slot * 8;
        views.u8.fill(fill);
        const bytes = encodeRecord(views, offset, record);
        expect(bytes).toBe(payloadBytesOf(record.type));
        expect(decodeRecord(views, offset, record.type)).toEqual(record);
        expect(hotFields(views, offset, record.type)).toEqual(expectedHotFields(record));
        for (let index = 0; index < views.u8.length; index++) {
          if (index < offset || index >= offset + bytes) {
            if (views.u8[index] !== fill) expect.fail(`byte ${index} outside [${offset}, ${offset + bytes}) changed`);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('payload bytes do not depend on what the buffer held before (padding is written)', () => {
    fc.assert(
      fc.property(marketRecord, (record) => {
        const first = createRecordViews(new ArrayBuffer(MAX_MARKET_PAYLOAD_BYTES));
        const second = createRecordViews(new ArrayBuffer(MAX_MARKET_PAYLOAD_BYTES));
        second.u8.fill(0xff);
        const bytes = encodeRecord(first, 0, record);
        encodeRecord(second, 0, record);
        expect([...second.u8.subarray(0, bytes)]).toEqual([...first.u8.subarray(0, bytes)]);
      }),
      { numRuns: 1000 },
    );
  });
});
