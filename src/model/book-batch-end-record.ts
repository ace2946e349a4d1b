// BOOK_BATCH_END record: closes one venue book update; carries its sequence numbers and checksum.
//
//   0               24                 32                 40             44             48
//   +---------------+------------------+------------------+--------------+--------------+
//   | common header | sequence         | previousSequence | updateCount  | checksum     |
//   | (24 bytes)    | f64 integer      | f64 integer      | u32          | i32          |
//   +---------------+------------------+------------------+--------------+--------------+
//
// sequence is the venue's sequence of this update (Binance `u`, OKX `seqId`, Bybit `u`,
// Coinbase `sequence_num`); previousSequence the one the venue says came before (Binance futures
// `pu`, OKX `prevSeqId`, Binance spot `U - 1`), or SEQUENCE_NONE. updateCount is the number of
// BOOK_LEVEL records of this update. checksum is the venue's CRC32 as a signed int32 (OKX), 0
// when the venue sent none (OKX itself uses 0 for "not sent").

import { writeCommonHeader, type RecordStamps } from './record-header.js';
import type { RecordViews } from './record-views.js';

export const BOOK_BATCH_END_SEQUENCE_OFFSET = 24;
export const BOOK_BATCH_END_PREVIOUS_SEQUENCE_OFFSET = 32;
export const BOOK_BATCH_END_UPDATE_COUNT_OFFSET = 40;
export const BOOK_BATCH_END_CHECKSUM_OFFSET = 44;
export const BOOK_BATCH_END_PAYLOAD_BYTES = 48;

/** Writes a whole BOOK_BATCH_END payload at `offset`. Hot path. */
export function writeBookBatchEnd(
  views: RecordViews,
  offset: number,
  instrumentId: number,
  flags: number,
  stamps: RecordStamps,
  sequence: number,
  previousSequence: number,
  updateCount: number,
  checksum: number,
): void {
  writeCommonHeader(views, offset, instrumentId, flags, stamps);
  const f64 = views.f64;
  f64[(offset + BOOK_BATCH_END_SEQUENCE_OFFSET) >>> 3] = sequence;
  f64[(offset + BOOK_BATCH_END_PREVIOUS_SEQUENCE_OFFSET) >>> 3] = previousSequence;
  views.u32[(offset + BOOK_BATCH_END_UPDATE_COUNT_OFFSET) >>> 2] = updateCount;
  views.i32[(offset + BOOK_BATCH_END_CHECKSUM_OFFSET) >>> 2] = checksum;
}

export function readBookBatchEndSequence(views: RecordViews, offset: number): number {
  return views.f64[(offset + BOOK_BATCH_END_SEQUENCE_OFFSET) >>> 3]!;
}

export function readBookBatchEndPreviousSequence(views: RecordViews, offset: number): number {
  return views.f64[(offset + BOOK_BATCH_END_PREVIOUS_SEQUENCE_OFFSET) >>> 3]!;
}

export function readBookBatchEndUpdateCount(views: RecordViews, offset: number): number {
  return views.u32[(offset + BOOK_BATCH_END_UPDATE_COUNT_OFFSET) >>> 2]!;
}

export function readBookBatchEndChecksum(views: RecordViews, offset: number): number {
  return views.i32[(offset + BOOK_BATCH_END_CHECKSUM_OFFSET) >>> 2]!;
}
