// Unit tests of the market record layouts: offsets, sizes, exact bytes, trade ids, and checked encode/decode errors.
import { describe, expect, it } from 'vitest';
import {
  AggressorSide,
  BBO_ASK_PRICE_OFFSET,
  BBO_ASK_SIZE_OFFSET,
  BBO_BID_PRICE_OFFSET,
  BBO_BID_SIZE_OFFSET,
  BBO_PAYLOAD_BYTES,
  BOOK_BATCH_END_CHECKSUM_OFFSET,
  BOOK_BATCH_END_PAYLOAD_BYTES,
  BOOK_BATCH_END_PREVIOUS_SEQUENCE_OFFSET,
  BOOK_BATCH_END_SEQUENCE_OFFSET,
  BOOK_BATCH_END_UPDATE_COUNT_OFFSET,
  BOOK_LEVEL_PAYLOAD_BYTES,
  BOOK_LEVEL_PRICE_OFFSET,
  BOOK_LEVEL_PRICE_TEXT_DECIMALS_OFFSET,
  BOOK_LEVEL_SIDE_OFFSET,
  BOOK_LEVEL_SIZE_OFFSET,
  BOOK_LEVEL_SIZE_TEXT_DECIMALS_OFFSET,
  BookSide,
  COMMON_HEADER_BYTES,
  createRecordStamps,
  createRecordViews,
  decodeRecord,
  encodeRecord,
  epochNsDelta,
  FLAGS_OFFSET,
  GAP_EXPECTED_SEQUENCE_OFFSET,
  GAP_PAYLOAD_BYTES,
  GAP_REASON_OFFSET,
  GAP_RECEIVED_SEQUENCE_OFFSET,
  GapReason,
  INSTRUMENT_ID_OFFSET,
  INSTRUMENT_STATUS_PAYLOAD_BYTES,
  INSTRUMENT_STATUS_STATUS_OFFSET,
  InstrumentStatus,
  isRecordType,
  MAX_MARKET_PAYLOAD_BYTES,
  payloadBytesOf,
  readBookLevelPrice,
  readBookLevelPriceTextDecimals,
  readBookLevelSide,
  readBookLevelSize,
  readBookLevelSizeTextDecimals,
  readInstrumentId,
  readRecordFlags,
  readTradeId,
  readTradeIdLength,
  readTsEventNsBig,
  readTsRecvNsBig,
  RecordFlag,
  RecordType,
  recordTypeName,
  SEQUENCE_NONE,
  setRecordStampsBig,
  SNAPSHOT_BEGIN_PAYLOAD_BYTES,
  SNAPSHOT_BEGIN_SEQUENCE_OFFSET,
  SNAPSHOT_END_CHECKSUM_OFFSET,
  SNAPSHOT_END_LEVEL_COUNT_OFFSET,
  SNAPSHOT_END_PAYLOAD_BYTES,
  SNAPSHOT_END_SEQUENCE_OFFSET,
  STAMP_EVENT_INDEX,
  STAMP_RECV_INDEX,
  TRADE_AGGRESSOR_SIDE_OFFSET,
  TRADE_ID_LENGTH_OFFSET,
  TRADE_ID_MAX_BYTES,
  TRADE_ID_OFFSET,
  TRADE_PAYLOAD_BYTES,
  TRADE_PRICE_OFFSET,
  TRADE_SIZE_OFFSET,
  TS_EVENT_NS_OFFSET,
  TS_RECV_NS_OFFSET,
  tsEventNsIndex,
  tsRecvNsIndex,
  writeBookLevel,
  writeEpochNsMs,
  writeEpochNsOffset,
  writeTrade,
  writeTradeIdBytes,
  writeTradeIdNumber,
  writeTradeIdString,
  ZVT_ERR_RECORD_FIELD,
  ZVT_ERR_RECORD_TYPE_UNKNOWN,
  ZVT_ERR_TIMESTAMP_RANGE,
  ZVT_ERR_TRADE_ID,
  ZvtError,
  type MarketRecord,
} from '../../../src/model/index.js';

function caught(action: () => unknown): ZvtError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ZvtError);
    return error as ZvtError;
  }
  throw new Error('expected a ZvtError, nothing was thrown');
}

const HEADER_FIELDS: [number, number][] = [
  [INSTRUMENT_ID_OFFSET, 4],
  [FLAGS_OFFSET, 4],
  [TS_EVENT_NS_OFFSET, 8],
  [TS_RECV_NS_OFFSET, 8],
];

/** Each layout as (offset, size) fields, written out from the documented diagrams. */
const LAYOUTS: Record<string, { type: number; bytes: number; fields: [number, number][] }> = {
  BOOK_LEVEL: {
    type: RecordType.BOOK_LEVEL,
    bytes: BOOK_LEVEL_PAYLOAD_BYTES,
    fields: [
      [BOOK_LEVEL_PRICE_OFFSET, 8],
      [BOOK_LEVEL_SIZE_OFFSET, 8],
      [BOOK_LEVEL_SIDE_OFFSET, 1],
      [BOOK_LEVEL_PRICE_TEXT_DECIMALS_OFFSET, 1],
      [BOOK_LEVEL_SIZE_TEXT_DECIMALS_OFFSET, 1],
    ],
  },
  BOOK_BATCH_END: {
    type: RecordType.BOOK_BATCH_END,
    bytes: BOOK_BATCH_END_PAYLOAD_BYTES,
    fields: [
      [BOOK_BATCH_END_SEQUENCE_OFFSET, 8],
      [BOOK_BATCH_END_PREVIOUS_SEQUENCE_OFFSET, 8],
      [BOOK_BATCH_END_UPDATE_COUNT_OFFSET, 4],
      [BOOK_BATCH_END_CHECKSUM_OFFSET, 4],
    ],
  },
  SNAPSHOT_BEGIN: {
    type: RecordType.SNAPSHOT_BEGIN,
    bytes: SNAPSHOT_BEGIN_PAYLOAD_BYTES,
    fields: [[SNAPSHOT_BEGIN_SEQUENCE_OFFSET, 8]],
  },
  SNAPSHOT_END: {
    type: RecordType.SNAPSHOT_END,
    bytes: SNAPSHOT_END_PAYLOAD_BYTES,
    fields: [
      [SNAPSHOT_END_SEQUENCE_OFFSET, 8],
      [SNAPSHOT_END_LEVEL_COUNT_OFFSET, 4],
      [SNAPSHOT_END_CHECKSUM_OFFSET, 4],
    ],
  },
  TRADE: {
    type: RecordType.TRADE,
    bytes: TRADE_PAYLOAD_BYTES,
    fields: [
      [TRADE_PRICE_OFFSET, 8],
      [TRADE_SIZE_OFFSET, 8],
      [TRADE_AGGRESSOR_SIDE_OFFSET, 1],
      [TRADE_ID_LENGTH_OFFSET, 1],
      [TRADE_ID_OFFSET, TRADE_ID_MAX_BYTES],
    ],
  },
  BBO: {
    type: RecordType.BBO,
    bytes: BBO_PAYLOAD_BYTES,
    fields: [
      [BBO_BID_PRICE_OFFSET, 8],
      [BBO_BID_SIZE_OFFSET, 8],
      [BBO_ASK_PRICE_OFFSET, 8],
      [BBO_ASK_SIZE_OFFSET, 8],
    ],
  },
  GAP: {
    type: RecordType.GAP,
    bytes: GAP_PAYLOAD_BYTES,
    fields: [
      [GAP_EXPECTED_SEQUENCE_OFFSET, 8],
      [GAP_RECEIVED_SEQUENCE_OFFSET, 8],
      [GAP_REASON_OFFSET, 4],
    ],
  },
  INSTRUMENT_STATUS: {
    type: RecordType.INSTRUMENT_STATUS,
    bytes: INSTRUMENT_STATUS_PAYLOAD_BYTES,
    fields: [[INSTRUMENT_STATUS_STATUS_OFFSET, 4]],
  },
};

describe('record layouts', () => {
  it('has the documented type codes and payload sizes', () => {
    expect(RecordType).toEqual({
      BOOK_LEVEL: 1,
      BOOK_BATCH_END: 2,
      SNAPSHOT_BEGIN: 3,
      SNAPSHOT_END: 4,
      TRADE: 5,
      BBO: 6,
      GAP: 7,
      INSTRUMENT_STATUS: 8,
    });
    expect(Object.fromEntries(Object.entries(LAYOUTS).map(([name, layout]) => [name, layout.bytes]))).toEqual({
      BOOK_LEVEL: 48,
      BOOK_BATCH_END: 48,
      SNAPSHOT_BEGIN: 32,
      SNAPSHOT_END: 40,
      TRADE: 96,
      BBO: 56,
      GAP: 48,
      INSTRUMENT_STATUS: 32,
    });
    expect(MAX_MARKET_PAYLOAD_BYTES).toBe(96);
    expect(COMMON_HEADER_BYTES).toBe(24);
  });

  it.each(Object.entries(LAYOUTS))('%s: fields are naturally aligned, disjoint, after the header, inside the payload', (_name, layout) => {
    expect(payloadBytesOf(layout.type)).toBe(layout.bytes);
    expect(layout.bytes % 8).toBe(0);
    const fields = [...HEADER_FIELDS, ...layout.fields].sort((left, right) => left[0] - right[0]);
    let end = 0;
    for (const [offset, size] of fields) {
      expect(offset).toBeGreaterThanOrEqual(end);
      expect(offset % Math.min(size, 8)).toBe(0);
      end = offset + size;
    }
    expect(end).toBeLessThanOrEqual(layout.bytes);
    for (const [offset] of layout.fields) expect(offset).toBeGreaterThanOrEqual(COMMON_HEADER_BYTES);
  });

  it('knows which codes are record types', () => {
    expect(isRecordType(1)).toBe(true);
    expect(isRecordType(8)).toBe(true);
    expect(isRecordType(0)).toBe(false);
    expect(isRecordType(-1)).toBe(false);
    expect(isRecordType(9)).toBe(false);
    expect(recordTypeName(5)).toBe('TRADE');
    expect(recordTypeName(99)).toBe('UNKNOWN(99)');
    expect(caught(() => payloadBytesOf(0)).code).toBe(ZVT_ERR_RECORD_TYPE_UNKNOWN);
    expect(caught(() => payloadBytesOf(-1)).code).toBe(ZVT_ERR_RECORD_TYPE_UNKNOWN);
  });
});

describe('BOOK_LEVEL bytes', () => {
  it('puts every field where the diagram says, little-endian', () => {
    const buffer = new SharedArrayBuffer(128);
    const views = createRecordViews(buffer);
    views.u8.fill(0xaa);
    const stamps = createRecordStamps();
    setRecordStampsBig(stamps, 0x0102_0304_0506_0708n, 0x1112_1314_1516_1718n);
    writeBookLevel(views, 16, 0x0a0b_0c0d, RecordFlag.SNAPSHOT, stamps, BookSide.ASK, 6_511_430, 5_954, 2, 3);
    const data = new DataView(buffer, 16);
    expect(data.getUint32(0, true)).toBe(0x0a0b_0c0d);
    expect(data.getUint32(4, true)).toBe(1);
    expect(data.getBigInt64(8, true)).toBe(0x0102_0304_0506_0708n);
    expect(data.getBigInt64(16, true)).toBe(0x1112_1314_1516_1718n);
    expect(data.getFloat64(24, true)).toBe(6_511_430);
    expect(data.getFloat64(32, true)).toBe(5_954);
    expect([data.getUint8(40), data.getUint8(41), data.getUint8(42)]).toEqual([1, 2, 3]);
    // Padding is zeroed, and nothing outside [16, 64) was touched.
    expect([...new Uint8Array(buffer, 16 + 43, 5)]).toEqual([0, 0, 0, 0, 0]);
    expect([...new Uint8Array(buffer, 0, 16)].every((byte) => byte === 0xaa)).toBe(true);
    expect([...new Uint8Array(buffer, 64)].every((byte) => byte === 0xaa)).toBe(true);

    expect(readInstrumentId(views, 16)).toBe(0x0a0b_0c0d);
    expect(readRecordFlags(views, 16)).toBe(RecordFlag.SNAPSHOT);
    expect(readBookLevelSide(views, 16)).toBe(BookSide.ASK);
    expect(readBookLevelPrice(views, 16)).toBe(6_511_430);
    expect(readBookLevelSize(views, 16)).toBe(5_954);
    expect(readBookLevelPriceTextDecimals(views, 16)).toBe(2);
    expect(readBookLevelSizeTextDecimals(views, 16)).toBe(3);
    expect(readTsEventNsBig(views, 16)).toBe(0x0102_0304_0506_0708n);
    expect(readTsRecvNsBig(views, 16)).toBe(0x1112_1314_1516_1718n);
  });

  it('takes stamps written once per frame by the hot timestamp helpers', () => {
    const views = createRecordViews(new ArrayBuffer(64));
    const stamps = createRecordStamps();
    writeEpochNsMs(stamps, STAMP_EVENT_INDEX, 1_633_998_512_068, 0);
    writeEpochNsOffset(stamps, STAMP_RECV_INDEX, 380_452_000, 123_456_789, 1_000_000_000_000);
    writeBookLevel(views, 0, 7, 0, stamps, BookSide.BID, 35_130_000, 619_500_000_000, 8, 8);
    expect(readTsEventNsBig(views, 0)).toBe(1_633_998_512_068_000_000n);
    expect(readTsRecvNsBig(views, 0)).toBe((380_452_000n << 32n) + 123_456_789n + 1_000_000_000_000n);
    expect(epochNsDelta(views.u32, tsRecvNsIndex(0), tsEventNsIndex(0))).toBe(
      Number((380_452_000n << 32n) + 123_456_789n + 1_000_000_000_000n - 1_633_998_512_068_000_000n),
    );
  });
});

describe('trade ids', () => {
  const views = createRecordViews(new ArrayBuffer(256));
  const stamps = createRecordStamps();
  const uuid = 'c6d5c3b8-6b0b-5d8c-9f0e-2f2b8a6a1c3d';

  it('copies a Bybit UUID from frame bytes without building a string', () => {
    const frame = new TextEncoder().encode(`{"i":"${uuid}","p":"65114.30"}`);
    writeTrade(views, 8, 1, 0, stamps, 6_511_430, 1, AggressorSide.BUY);
    writeTradeIdBytes(views, 8, frame, 6, 6 + uuid.length);
    expect(readTradeIdLength(views, 8)).toBe(36);
    expect(readTradeId(views, 8)).toBe(uuid);
  });

  it('writes numeric ids as decimal text', () => {
    for (const id of [0, 7, 10, 1_068_572_090, Number.MAX_SAFE_INTEGER]) {
      writeTrade(views, 8, 1, 0, stamps, 1, 1, AggressorSide.SELL);
      writeTradeIdNumber(views, 8, id);
      expect(readTradeId(views, 8)).toBe(String(id));
    }
    expect(caught(() => writeTradeIdNumber(views, 8, -1)).code).toBe(ZVT_ERR_TRADE_ID);
    expect(caught(() => writeTradeIdNumber(views, 8, 1.5)).code).toBe(ZVT_ERR_TRADE_ID);
  });

  it('writeTrade clears the id a previous record left at the same offset', () => {
    writeTrade(views, 8, 1, 0, stamps, 1, 1, AggressorSide.BUY);
    writeTradeIdString(views, 8, 'x'.repeat(TRADE_ID_MAX_BYTES));
    writeTrade(views, 8, 1, 0, stamps, 1, 1, AggressorSide.BUY);
    expect(readTradeId(views, 8)).toBe('');
    expect([...views.u8.subarray(8 + TRADE_ID_OFFSET, 8 + TRADE_PAYLOAD_BYTES)].every((byte) => byte === 0)).toBe(true);
  });

  it('refuses ids that do not fit or are not printable ASCII', () => {
    const long = new Uint8Array(TRADE_ID_MAX_BYTES + 1);
    expect(caught(() => writeTradeIdBytes(views, 8, long, 0, long.length)).code).toBe(ZVT_ERR_TRADE_ID);
    expect(caught(() => writeTradeIdString(views, 8, 'x'.repeat(TRADE_ID_MAX_BYTES + 1))).code).toBe(ZVT_ERR_TRADE_ID);
    expect(caught(() => writeTradeIdString(views, 8, 'é')).code).toBe(ZVT_ERR_TRADE_ID);
    expect(caught(() => writeTradeIdString(views, 8, 'a\nb')).code).toBe(ZVT_ERR_TRADE_ID);
  });
});

describe('encodeRecord / decodeRecord checks', () => {
  const views = createRecordViews(new ArrayBuffer(256));
  const header = { instrumentId: 3, flags: 0, tsEventNs: 1n, tsRecvNs: 2n };
  const level: MarketRecord = {
    type: RecordType.BOOK_LEVEL,
    ...header,
    side: BookSide.BID,
    price: 1,
    size: 0,
    priceTextDecimals: 0,
    sizeTextDecimals: 0,
  };

  it('returns the payload bytes it wrote', () => {
    expect(encodeRecord(views, 0, level)).toBe(BOOK_LEVEL_PAYLOAD_BYTES);
    expect(decodeRecord(views, 0, RecordType.BOOK_LEVEL)).toEqual(level);
  });

  it.each([
    ['a misaligned offset', 4, level],
    ['an offset with no room', 216, level],
    ['a fractional price', 0, { ...level, price: 1.5 }],
    ['an unsafe size', 0, { ...level, size: 2 ** 53 }],
    ['a side of 2', 0, { ...level, side: 2 }],
    ['a negative instrument id', 0, { ...level, instrumentId: -1 }],
    ['flags past u32', 0, { ...level, flags: 2 ** 32 }],
    ['text decimals past u8', 0, { ...level, priceTextDecimals: 256 }],
    ['a sequence below SEQUENCE_NONE', 0, { type: RecordType.SNAPSHOT_BEGIN, ...header, sequence: -2 }],
    ['a checksum past i32', 0, { type: RecordType.BOOK_BATCH_END, ...header, sequence: 1, previousSequence: SEQUENCE_NONE, updateCount: 0, checksum: 2 ** 31 }],
    ['a gap reason of 0', 0, { type: RecordType.GAP, ...header, reason: 0, expectedSequence: 1, receivedSequence: 3 }],
    ['a status of 6', 0, { type: RecordType.INSTRUMENT_STATUS, ...header, status: 6 }],
    ['a trade id of 49 characters', 0, { type: RecordType.TRADE, ...header, price: 1, size: 1, aggressorSide: AggressorSide.UNKNOWN, tradeId: 'x'.repeat(49) }],
    ['a numeric timestamp', 0, { ...level, tsEventNs: 1 }],
  ])('encodeRecord rejects %s', (_name, offset, record) => {
    const error = caught(() => encodeRecord(views, offset, record as MarketRecord));
    expect([ZVT_ERR_RECORD_FIELD, ZVT_ERR_TRADE_ID]).toContain(error.code);
  });

  it('rejects a timestamp outside int64 with the timestamp code', () => {
    expect(caught(() => encodeRecord(views, 0, { ...level, tsRecvNs: 2n ** 63n })).code).toBe(ZVT_ERR_TIMESTAMP_RANGE);
  });

  it('rejects an unknown type on decode, and corrupt enum bytes', () => {
    expect(caught(() => decodeRecord(views, 0, 42)).code).toBe(ZVT_ERR_RECORD_TYPE_UNKNOWN);
    encodeRecord(views, 0, level);
    views.u8[BOOK_LEVEL_SIDE_OFFSET] = 9;
    expect(caught(() => decodeRecord(views, 0, RecordType.BOOK_LEVEL)).code).toBe(ZVT_ERR_RECORD_FIELD);
    encodeRecord(views, 0, { type: RecordType.GAP, ...header, reason: GapReason.RECONNECT, expectedSequence: -1, receivedSequence: -1 });
    views.u32[GAP_REASON_OFFSET >>> 2] = 0;
    expect(caught(() => decodeRecord(views, 0, RecordType.GAP)).code).toBe(ZVT_ERR_RECORD_FIELD);
    encodeRecord(views, 0, { type: RecordType.INSTRUMENT_STATUS, ...header, status: InstrumentStatus.HALTED });
    expect(decodeRecord(views, 0, RecordType.INSTRUMENT_STATUS)).toMatchObject({ status: InstrumentStatus.HALTED });
  });
});
