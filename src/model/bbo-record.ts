// BBO record: best bid and offer from a venue's top-of-book channel.
//
//   0               24             32             40             48             56
//   +---------------+--------------+--------------+--------------+--------------+
//   | common header | bidPrice     | bidSize      | askPrice     | askSize      |
//   | (24 bytes)    | f64 mantissa | f64 mantissa | f64 mantissa | f64 mantissa |
//   +---------------+--------------+--------------+--------------+--------------+
//
// Mantissas at the instrument's scales. A side the venue reports empty has size 0 (and price 0).

import { writeCommonHeader, type RecordStamps } from './record-header.js';
import type { RecordViews } from './record-views.js';

export const BBO_BID_PRICE_OFFSET = 24;
export const BBO_BID_SIZE_OFFSET = 32;
export const BBO_ASK_PRICE_OFFSET = 40;
export const BBO_ASK_SIZE_OFFSET = 48;
export const BBO_PAYLOAD_BYTES = 56;

/** Writes a whole BBO payload at `offset`. Hot path. */
export function writeBbo(
  views: RecordViews,
  offset: number,
  instrumentId: number,
  flags: number,
  stamps: RecordStamps,
  bidPrice: number,
  bidSize: number,
  askPrice: number,
  askSize: number,
): void {
  writeCommonHeader(views, offset, instrumentId, flags, stamps);
  const f64 = views.f64;
  const slot = offset >>> 3;
  f64[slot + (BBO_BID_PRICE_OFFSET >>> 3)] = bidPrice;
  f64[slot + (BBO_BID_SIZE_OFFSET >>> 3)] = bidSize;
  f64[slot + (BBO_ASK_PRICE_OFFSET >>> 3)] = askPrice;
  f64[slot + (BBO_ASK_SIZE_OFFSET >>> 3)] = askSize;
}

export function readBboBidPrice(views: RecordViews, offset: number): number {
  return views.f64[(offset + BBO_BID_PRICE_OFFSET) >>> 3]!;
}

export function readBboBidSize(views: RecordViews, offset: number): number {
  return views.f64[(offset + BBO_BID_SIZE_OFFSET) >>> 3]!;
}

export function readBboAskPrice(views: RecordViews, offset: number): number {
  return views.f64[(offset + BBO_ASK_PRICE_OFFSET) >>> 3]!;
}

export function readBboAskSize(views: RecordViews, offset: number): number {
  return views.f64[(offset + BBO_ASK_SIZE_OFFSET) >>> 3]!;
}
