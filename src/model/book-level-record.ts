// BOOK_LEVEL record: one price level on one side changed; size 0 deletes the level.
//
//   0               24             32             40     41       42       43         48
//   +---------------+--------------+--------------+------+--------+--------+----------+
//   | common header | price        | size         | side | price  | size   | zero pad |
//   | (24 bytes)    | f64 mantissa | f64 mantissa | u8   | text   | text   | 5 bytes  |
//   |               |              |              |      | decim. | decim. |          |
//   +---------------+--------------+--------------+------+--------+--------+----------+
//
// price and size are integer mantissas at the instrument's priceDecimals / sizeDecimals, held in
// f64 slots (exact while safe integers). The two text-decimals bytes are the number of fraction
// digits of the price and size text exactly as the venue sent them ("0.10" → 2), so the OKX
// CRC32 checksum can rebuild that text later (formatDecimalFixed / writeDecimalFixedBytes).

import { writeCommonHeader, type RecordStamps } from './record-header.js';
import type { BookSide } from './record-types.js';
import type { RecordViews } from './record-views.js';

export const BOOK_LEVEL_PRICE_OFFSET = 24;
export const BOOK_LEVEL_SIZE_OFFSET = 32;
export const BOOK_LEVEL_SIDE_OFFSET = 40;
export const BOOK_LEVEL_PRICE_TEXT_DECIMALS_OFFSET = 41;
export const BOOK_LEVEL_SIZE_TEXT_DECIMALS_OFFSET = 42;
export const BOOK_LEVEL_PADDING_OFFSET = 43;
export const BOOK_LEVEL_PAYLOAD_BYTES = 48;

/** Writes a whole BOOK_LEVEL payload at `offset` (8-byte aligned). Hot path: no allocation, no checks. */
export function writeBookLevel(
  views: RecordViews,
  offset: number,
  instrumentId: number,
  flags: number,
  stamps: RecordStamps,
  side: BookSide,
  price: number,
  size: number,
  priceTextDecimals: number,
  sizeTextDecimals: number,
): void {
  writeCommonHeader(views, offset, instrumentId, flags, stamps);
  const f64 = views.f64;
  f64[(offset + BOOK_LEVEL_PRICE_OFFSET) >>> 3] = price;
  f64[(offset + BOOK_LEVEL_SIZE_OFFSET) >>> 3] = size;
  const u8 = views.u8;
  u8[offset + BOOK_LEVEL_SIDE_OFFSET] = side;
  u8[offset + BOOK_LEVEL_PRICE_TEXT_DECIMALS_OFFSET] = priceTextDecimals;
  u8[offset + BOOK_LEVEL_SIZE_TEXT_DECIMALS_OFFSET] = sizeTextDecimals;
  // Zeroed padding keeps records byte-for-byte deterministic (recordings, replay diffs).
  u8[offset + BOOK_LEVEL_PADDING_OFFSET] = 0;
  views.u32[(offset + BOOK_LEVEL_PADDING_OFFSET + 1) >>> 2] = 0;
}

export function readBookLevelSide(views: RecordViews, offset: number): BookSide {
  return views.u8[offset + BOOK_LEVEL_SIDE_OFFSET] as BookSide;
}

export function readBookLevelPrice(views: RecordViews, offset: number): number {
  return views.f64[(offset + BOOK_LEVEL_PRICE_OFFSET) >>> 3]!;
}

export function readBookLevelSize(views: RecordViews, offset: number): number {
  return views.f64[(offset + BOOK_LEVEL_SIZE_OFFSET) >>> 3]!;
}

export function readBookLevelPriceTextDecimals(views: RecordViews, offset: number): number {
  return views.u8[offset + BOOK_LEVEL_PRICE_TEXT_DECIMALS_OFFSET]!;
}

export function readBookLevelSizeTextDecimals(views: RecordViews, offset: number): number {
  return views.u8[offset + BOOK_LEVEL_SIZE_TEXT_DECIMALS_OFFSET]!;
}
