// SNAPSHOT_END record: the full book that SNAPSHOT_BEGIN announced is complete.
//
//   0               24                 32             36             40
//   +---------------+------------------+--------------+--------------+
//   | common header | sequence         | levelCount   | checksum     |
//   | (24 bytes)    | f64 integer      | u32          | i32          |
//   +---------------+------------------+--------------+--------------+
//
// sequence repeats SNAPSHOT_BEGIN's; levelCount is the number of BOOK_LEVEL records in the
// snapshot (a cheap completeness check); checksum is the venue's CRC32 of the snapshot as a
// signed int32 (OKX sends one with snapshots too), 0 when not sent.

import { writeCommonHeader, type RecordStamps } from './record-header.js';
import type { RecordViews } from './record-views.js';

export const SNAPSHOT_END_SEQUENCE_OFFSET = 24;
export const SNAPSHOT_END_LEVEL_COUNT_OFFSET = 32;
export const SNAPSHOT_END_CHECKSUM_OFFSET = 36;
export const SNAPSHOT_END_PAYLOAD_BYTES = 40;

/** Writes a whole SNAPSHOT_END payload at `offset`. Hot path. */
export function writeSnapshotEnd(
  views: RecordViews,
  offset: number,
  instrumentId: number,
  flags: number,
  stamps: RecordStamps,
  sequence: number,
  levelCount: number,
  checksum: number,
): void {
  writeCommonHeader(views, offset, instrumentId, flags, stamps);
  views.f64[(offset + SNAPSHOT_END_SEQUENCE_OFFSET) >>> 3] = sequence;
  views.u32[(offset + SNAPSHOT_END_LEVEL_COUNT_OFFSET) >>> 2] = levelCount;
  views.i32[(offset + SNAPSHOT_END_CHECKSUM_OFFSET) >>> 2] = checksum;
}

export function readSnapshotEndSequence(views: RecordViews, offset: number): number {
  return views.f64[(offset + SNAPSHOT_END_SEQUENCE_OFFSET) >>> 3]!;
}

export function readSnapshotEndLevelCount(views: RecordViews, offset: number): number {
  return views.u32[(offset + SNAPSHOT_END_LEVEL_COUNT_OFFSET) >>> 2]!;
}

export function readSnapshotEndChecksum(views: RecordViews, offset: number): number {
  return views.i32[(offset + SNAPSHOT_END_CHECKSUM_OFFSET) >>> 2]!;
}
