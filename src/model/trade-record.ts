// TRADE record: one trade (print) on a venue, with the venue's trade id as fixed-width ASCII.
//
//   0               24             32             40        41        42         48                     96
//   +---------------+--------------+--------------+---------+---------+----------+-------- ... --------+
//   | common header | price        | size         | aggres- | tradeId | zero pad | tradeId            |
//   | (24 bytes)    | f64 mantissa | f64 mantissa | sor u8  | len u8  | 6 bytes  | ASCII, 48 bytes,   |
//   |               |              |              |         |         |          | zero-filled        |
//   +---------------+--------------+--------------+---------+---------+----------+-------- ... --------+
//
// aggressor is an AggressorSide (UNKNOWN only where the venue does not say). The trade id is the
// venue's own id as text (Bybit sends 36-char UUIDs, Binance and Coinbase integers); 48 bytes
// leave room, and the length byte says how many are used.
//
// Write order: writeTrade (zeroes the id), then at most one trade id writer.

import { ZVT_ERR_TRADE_ID, ZvtError } from './errors.js';
import { writeCommonHeader, type RecordStamps } from './record-header.js';
import type { AggressorSide } from './record-types.js';
import type { RecordViews } from './record-views.js';

export const TRADE_PRICE_OFFSET = 24;
export const TRADE_SIZE_OFFSET = 32;
export const TRADE_AGGRESSOR_SIDE_OFFSET = 40;
export const TRADE_ID_LENGTH_OFFSET = 41;
export const TRADE_PADDING_OFFSET = 42;
export const TRADE_ID_OFFSET = 48;
/** Capacity of the trade id field in bytes. */
export const TRADE_ID_MAX_BYTES = 48;
export const TRADE_PAYLOAD_BYTES = 96;

const CHAR_ZERO = 48;

/**
 * Writes a TRADE payload at `offset` with an empty trade id (length 0, id bytes zeroed); follow
 * with writeTradeIdBytes / writeTradeIdNumber / writeTradeIdString if the venue sent an id.
 * Hot path: no allocation, no checks.
 */
export function writeTrade(
  views: RecordViews,
  offset: number,
  instrumentId: number,
  flags: number,
  stamps: RecordStamps,
  price: number,
  size: number,
  aggressorSide: AggressorSide,
): void {
  writeCommonHeader(views, offset, instrumentId, flags, stamps);
  const f64 = views.f64;
  const slot = offset >>> 3;
  f64[slot + (TRADE_PRICE_OFFSET >>> 3)] = price;
  f64[slot + (TRADE_SIZE_OFFSET >>> 3)] = size;
  const u8 = views.u8;
  u8[offset + TRADE_AGGRESSOR_SIDE_OFFSET] = aggressorSide;
  u8[offset + TRADE_ID_LENGTH_OFFSET] = 0;
  u8[offset + TRADE_PADDING_OFFSET] = 0;
  u8[offset + TRADE_PADDING_OFFSET + 1] = 0;
  views.u32[(offset + TRADE_PADDING_OFFSET + 2) >>> 2] = 0;
  // Six 8-byte stores zero the id field: cheaper than a byte loop, and deterministic bytes.
  const idSlot = slot + (TRADE_ID_OFFSET >>> 3);
  f64[idSlot] = 0;
  f64[idSlot + 1] = 0;
  f64[idSlot + 2] = 0;
  f64[idSlot + 3] = 0;
  f64[idSlot + 4] = 0;
  f64[idSlot + 5] = 0;
}

/**
 * Copies the trade id from ASCII bytes `[start, end)` (e.g. inside a WebSocket frame) into the
 * record. Hot path: no allocation. Throws ZVT_ERR_TRADE_ID if longer than TRADE_ID_MAX_BYTES.
 */
export function writeTradeIdBytes(
  views: RecordViews,
  offset: number,
  bytes: Uint8Array,
  start: number,
  end: number,
): void {
  const length = end - start;
  if (!(length >= 0 && length <= TRADE_ID_MAX_BYTES)) throwTradeIdLength(length);
  const u8 = views.u8;
  const target = offset + TRADE_ID_OFFSET;
  for (let index = 0; index < length; index++) u8[target + index] = bytes[start + index]!;
  u8[offset + TRADE_ID_LENGTH_OFFSET] = length;
}

/** Writes a non-negative integer trade id as decimal ASCII (simulator, integer-id venues). Hot path. */
export function writeTradeIdNumber(views: RecordViews, offset: number, tradeId: number): void {
  if (!(Number.isSafeInteger(tradeId) && tradeId >= 0)) {
    throw new ZvtError(ZVT_ERR_TRADE_ID, `Numeric trade id must be a non-negative safe integer (got ${tradeId})`, {
      tradeId,
    });
  }
  let length = 1;
  // Digit count by comparison: no Math.log10 rounding surprises near powers of ten.
  for (let bound = 10; length < 16 && tradeId >= bound; bound *= 10) length++;
  const u8 = views.u8;
  const target = offset + TRADE_ID_OFFSET;
  let rest = tradeId;
  for (let index = length - 1; index >= 0; index--) {
    const digit = rest % 10;
    u8[target + index] = CHAR_ZERO + digit;
    rest = (rest - digit) / 10;
  }
  u8[offset + TRADE_ID_LENGTH_OFFSET] = length;
}

/** Cold path: writes a trade id string; printable ASCII only, at most TRADE_ID_MAX_BYTES. */
export function writeTradeIdString(views: RecordViews, offset: number, tradeId: string): void {
  if (tradeId.length > TRADE_ID_MAX_BYTES) throwTradeIdLength(tradeId.length);
  const u8 = views.u8;
  const target = offset + TRADE_ID_OFFSET;
  for (let index = 0; index < tradeId.length; index++) {
    const code = tradeId.charCodeAt(index);
    if (code < 0x20 || code > 0x7e) {
      throw new ZvtError(ZVT_ERR_TRADE_ID, `Trade id ${JSON.stringify(tradeId)} is not printable ASCII`, {
        tradeId,
      });
    }
    u8[target + index] = code;
  }
  // Clear what a longer id written earlier at this offset may have left.
  for (let index = tradeId.length; index < TRADE_ID_MAX_BYTES; index++) u8[target + index] = 0;
  u8[offset + TRADE_ID_LENGTH_OFFSET] = tradeId.length;
}

export function readTradePrice(views: RecordViews, offset: number): number {
  return views.f64[(offset + TRADE_PRICE_OFFSET) >>> 3]!;
}

export function readTradeSize(views: RecordViews, offset: number): number {
  return views.f64[(offset + TRADE_SIZE_OFFSET) >>> 3]!;
}

export function readTradeAggressorSide(views: RecordViews, offset: number): AggressorSide {
  return views.u8[offset + TRADE_AGGRESSOR_SIDE_OFFSET] as AggressorSide;
}

/** Bytes used by the trade id; the id itself starts at `offset + TRADE_ID_OFFSET` in `views.u8`. */
export function readTradeIdLength(views: RecordViews, offset: number): number {
  return views.u8[offset + TRADE_ID_LENGTH_OFFSET]!;
}

/** Cold path: the trade id as a string ('' when the venue sent none). */
export function readTradeId(views: RecordViews, offset: number): string {
  const length = Math.min(readTradeIdLength(views, offset), TRADE_ID_MAX_BYTES);
  const start = offset + TRADE_ID_OFFSET;
  let text = '';
  for (let index = 0; index < length; index++) text += String.fromCharCode(views.u8[start + index]!);
  return text;
}

function throwTradeIdLength(length: number): never {
  throw new ZvtError(
    ZVT_ERR_TRADE_ID,
    `Trade id of ${length} bytes does not fit the ${TRADE_ID_MAX_BYTES}-byte field`,
    { length, maxBytes: TRADE_ID_MAX_BYTES },
  );
}

