// SNAPSHOT_BEGIN record: a full book for this instrument follows; clear the book first.
//
//   0               24                 32
//   +---------------+------------------+
//   | common header | sequence         |
//   | (24 bytes)    | f64 integer      |
//   +---------------+------------------+
//
// sequence is the snapshot's venue sequence (Binance REST `lastUpdateId`, OKX `seqId`, Bybit
// `u`), or SEQUENCE_NONE. The BOOK_LEVEL records up to SNAPSHOT_END carry RecordFlag.SNAPSHOT.

import { writeCommonHeader, type RecordStamps } from './record-header.js';
import type { RecordViews } from './record-views.js';

export const SNAPSHOT_BEGIN_SEQUENCE_OFFSET = 24;
export const SNAPSHOT_BEGIN_PAYLOAD_BYTES = 32;

/** Writes a whole SNAPSHOT_BEGIN payload at `offset`. Hot path. */
export function writeSnapshotBegin(
  views: RecordViews,
  offset: number,
  instrumentId: number,
  flags: number,
  stamps: RecordStamps,
  sequence: number,
): void {
  writeCommonHeader(views, offset, instrumentId, flags, stamps);
  views.f64[(offset + SNAPSHOT_BEGIN_SEQUENCE_OFFSET) >>> 3] = sequence;
}

export function readSnapshotBeginSequence(views: RecordViews, offset: number): number {
  return views.f64[(offset + SNAPSHOT_BEGIN_SEQUENCE_OFFSET) >>> 3]!;
}
