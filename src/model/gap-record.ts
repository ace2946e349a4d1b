// GAP record: from here on this instrument's book cannot be trusted; a resync follows.
//
//   0               24                 32                 40         44             48
//   +---------------+------------------+------------------+----------+--------------+
//   | common header | expectedSequence | receivedSequence | reason   | zero pad     |
//   | (24 bytes)    | f64 integer      | f64 integer      | u32      | 4 bytes      |
//   +---------------+------------------+------------------+----------+--------------+
//
// reason is a GapReason. The sequences are what the checker expected and what arrived, or
// SEQUENCE_NONE where they do not apply (reconnect, worker restart, stale feed ...).

import { writeCommonHeader, type RecordStamps } from './record-header.js';
import type { GapReason } from './record-types.js';
import type { RecordViews } from './record-views.js';

export const GAP_EXPECTED_SEQUENCE_OFFSET = 24;
export const GAP_RECEIVED_SEQUENCE_OFFSET = 32;
export const GAP_REASON_OFFSET = 40;
export const GAP_PADDING_OFFSET = 44;
export const GAP_PAYLOAD_BYTES = 48;

/** Writes a whole GAP payload at `offset`. Hot path. */
export function writeGap(
  views: RecordViews,
  offset: number,
  instrumentId: number,
  flags: number,
  stamps: RecordStamps,
  reason: GapReason,
  expectedSequence: number,
  receivedSequence: number,
): void {
  writeCommonHeader(views, offset, instrumentId, flags, stamps);
  views.f64[(offset + GAP_EXPECTED_SEQUENCE_OFFSET) >>> 3] = expectedSequence;
  views.f64[(offset + GAP_RECEIVED_SEQUENCE_OFFSET) >>> 3] = receivedSequence;
  views.u32[(offset + GAP_REASON_OFFSET) >>> 2] = reason;
  views.u32[(offset + GAP_PADDING_OFFSET) >>> 2] = 0;
}

export function readGapReason(views: RecordViews, offset: number): GapReason {
  return views.u32[(offset + GAP_REASON_OFFSET) >>> 2] as GapReason;
}

export function readGapExpectedSequence(views: RecordViews, offset: number): number {
  return views.f64[(offset + GAP_EXPECTED_SEQUENCE_OFFSET) >>> 3]!;
}

export function readGapReceivedSequence(views: RecordViews, offset: number): number {
  return views.f64[(offset + GAP_RECEIVED_SEQUENCE_OFFSET) >>> 3]!;
}
