// The common header that starts every market record's payload, and the per-frame timestamp stamps.
//
// Offsets are bytes from the payload start (8-byte aligned; the ring's [length][type] frame
// header sits just before it):
//
//   0              4              8                              16                             24
//   +--------------+--------------+------------------------------+------------------------------+
//   | instrumentId | flags        | tsEventNs                    | tsRecvNs                     |
//   | u32          | u32          | i64 = lo u32, hi u32         | i64 = lo u32, hi u32         |
//   +--------------+--------------+------------------------------+------------------------------+
//
// instrumentId is the InstrumentRegistry's numeric id; flags are RecordFlag bits; tsEventNs is
// the venue's time and tsRecvNs ours, both epoch nanoseconds in the two-word form of timestamp.ts.

import { readEpochNsBig, writeEpochNsBig } from './timestamp.js';
import type { RecordViews } from './record-views.js';

export const INSTRUMENT_ID_OFFSET = 0;
export const FLAGS_OFFSET = 4;
export const TS_EVENT_NS_OFFSET = 8;
export const TS_RECV_NS_OFFSET = 16;
/** Bytes of the common header; record-specific fields start here. */
export const COMMON_HEADER_BYTES = 24;

/**
 * The two timestamps of a record as four u32 words laid out exactly like header bytes 8..24:
 * [tsEventNs lo, tsEventNs hi, tsRecvNs lo, tsRecvNs hi]. A producer keeps one (createRecordStamps),
 * fills it once per venue frame with the timestamp.ts helpers at STAMP_EVENT_INDEX and
 * STAMP_RECV_INDEX, and passes it to every writer for that frame: four word copies per record,
 * no bigint, no allocation.
 */
export type RecordStamps = Uint32Array;

export const STAMP_EVENT_INDEX = 0;
export const STAMP_RECV_INDEX = 2;
export const RECORD_STAMPS_WORDS = 4;

/** A zeroed stamps array. Cold path: one per producer, reused for every frame. */
export function createRecordStamps(): RecordStamps {
  return new Uint32Array(RECORD_STAMPS_WORDS);
}

/** Cold path: sets both stamps from bigints (tests, replay tools). */
export function setRecordStampsBig(stamps: RecordStamps, tsEventNs: bigint, tsRecvNs: bigint): void {
  writeEpochNsBig(stamps, STAMP_EVENT_INDEX, tsEventNs);
  writeEpochNsBig(stamps, STAMP_RECV_INDEX, tsRecvNs);
}

/** Writes the common header at payload `offset`. Every record writer starts with this. */
export function writeCommonHeader(
  views: RecordViews,
  offset: number,
  instrumentId: number,
  flags: number,
  stamps: RecordStamps,
): void {
  const u32 = views.u32;
  const word = offset >>> 2;
  u32[word] = instrumentId;
  u32[word + 1] = flags;
  u32[word + 2] = stamps[0]!;
  u32[word + 3] = stamps[1]!;
  u32[word + 4] = stamps[2]!;
  u32[word + 5] = stamps[3]!;
}

export function readInstrumentId(views: RecordViews, offset: number): number {
  return views.u32[(offset + INSTRUMENT_ID_OFFSET) >>> 2]!;
}

export function readRecordFlags(views: RecordViews, offset: number): number {
  return views.u32[(offset + FLAGS_OFFSET) >>> 2]!;
}

/** Index into `views.u32` of the record's tsEventNs, for the timestamp.ts helpers (epochNsDelta ...). */
export function tsEventNsIndex(offset: number): number {
  return (offset + TS_EVENT_NS_OFFSET) >>> 2;
}

/** Index into `views.u32` of the record's tsRecvNs, for the timestamp.ts helpers. */
export function tsRecvNsIndex(offset: number): number {
  return (offset + TS_RECV_NS_OFFSET) >>> 2;
}

/** Cold path: the record's tsEventNs as a bigint. */
export function readTsEventNsBig(views: RecordViews, offset: number): bigint {
  return readEpochNsBig(views.u32, tsEventNsIndex(offset));
}

/** Cold path: the record's tsRecvNs as a bigint. */
export function readTsRecvNsBig(views: RecordViews, offset: number): bigint {
  return readEpochNsBig(views.u32, tsRecvNsIndex(offset));
}
