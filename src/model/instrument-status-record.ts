// INSTRUMENT_STATUS record: the state of one instrument's data changed (synced, resyncing, stale ...).
//
//   0               24         28             32
//   +---------------+----------+--------------+
//   | common header | status   | zero pad     |
//   | (24 bytes)    | u32      | 4 bytes      |
//   +---------------+----------+--------------+
//
// status is an InstrumentStatus.

import { writeCommonHeader, type RecordStamps } from './record-header.js';
import type { InstrumentStatus } from './record-types.js';
import type { RecordViews } from './record-views.js';

export const INSTRUMENT_STATUS_STATUS_OFFSET = 24;
export const INSTRUMENT_STATUS_PADDING_OFFSET = 28;
export const INSTRUMENT_STATUS_PAYLOAD_BYTES = 32;

/** Writes a whole INSTRUMENT_STATUS payload at `offset`. Hot path. */
export function writeInstrumentStatus(
  views: RecordViews,
  offset: number,
  instrumentId: number,
  flags: number,
  stamps: RecordStamps,
  status: InstrumentStatus,
): void {
  writeCommonHeader(views, offset, instrumentId, flags, stamps);
  views.u32[(offset + INSTRUMENT_STATUS_STATUS_OFFSET) >>> 2] = status;
  views.u32[(offset + INSTRUMENT_STATUS_PADDING_OFFSET) >>> 2] = 0;
}

export function readInstrumentStatus(views: RecordViews, offset: number): InstrumentStatus {
  return views.u32[(offset + INSTRUMENT_STATUS_STATUS_OFFSET) >>> 2] as InstrumentStatus;
}
