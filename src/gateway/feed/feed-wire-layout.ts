// Byte layout of the hand-packed FeedMessage buffers (Snapshot, Delta, Bbo, Trade): valid FlatBuffers of schema/feed.fbs, written front to back.
import { Body } from '../../../schema/generated/feed_generated.js';

/*
 * FlatBuffers fixes what a buffer means, not where each object sits, so instead of building back to
 * front through the generated builder (~400 ns for a one-level delta) the encoder writes one fixed
 * layout per message kind into a reused buffer whose constant bytes were written once. Everything
 * up to byte 80 is the same for the four kinds except the body vtable and the header values:
 *
 *   0    u32  root uoffset = 16 ──────────────┐
 *   4    "ZVTF" file identifier               │
 *   8    FeedMessage vtable: u16 8 (vtable bytes), 12 (table bytes), 8 (body_type at +8), 4 (body at +4)
 *   16   FeedMessage table ◄──────────────────┘  i32 soffset = 8 (vtable at 16 − 8)
 *   20     u32 body uoffset = 24 (→ 44)
 *   24     u8 body_type (Body union code), 3 bytes padding
 *   28   body vtable (u16 entries below), zero padding up to 44
 *   44   body table: i32 soffset = 16 (vtable at 44 − 16 = 28)
 *   48     UpdateHeader struct (8-aligned): u64 seq | i64 ts_event_ns | i64 ts_recv_ns | u32 topic_id | 4 pad
 *   80     kind-specific fields:
 *
 *   Delta     80 u32 bids uoffset (→ 92)  84 u32 asks uoffset (→ 100 + 16·nb)              table 44 bytes
 *   Snapshot  same, then 88 u8 price_decimals  89 u8 size_decimals  90 u8 reason  91 pad   table 48 bytes
 *             vectors: 92 u32 nb, 96 nb × Level{i64 price, i64 size}, 4 pad, u32 na, na × Level
 *   Bbo       80 Level bid (16)  96 Level ask (16)                                         table 68 bytes
 *   Trade     80 TradeFill{i64 price, i64 size, u8 aggressor, 7 pad}  104 u32 trade_id uoffset (→ 108)
 *             108 u32 length, the id's bytes, a NUL                                         table 64 bytes
 *
 * uoffsets point forward (target = field position + value), vtables sit before their tables
 * (soffset = table − vtable), vectors of 8-aligned structs start 8-aligned with their u32 length
 * just before: all as the FlatBuffers binary format and verifier require. The unit tests decode
 * every kind with the generated code and compare with buffers built by the generated builder.
 */

export const ROOT_UOFFSET = 0;
export const FILE_IDENTIFIER_OFFSET = 4;
export const FILE_IDENTIFIER = 'ZVTF';
export const MESSAGE_VTABLE = 8;
export const MESSAGE_TABLE = 16;
export const BODY_UOFFSET = 20;
export const BODY_TYPE = 24;
export const BODY_VTABLE = 28;
export const BODY_TABLE = 44;

export const HEADER = 48;
export const HEADER_SEQ = 48;
export const HEADER_TS_EVENT_NS = 56;
export const HEADER_TS_RECV_NS = 64;
export const HEADER_TOPIC_ID = 72;

export const BIDS_UOFFSET = 80;
export const ASKS_UOFFSET = 84;
export const SNAPSHOT_PRICE_DECIMALS = 88;
export const SNAPSHOT_SIZE_DECIMALS = 89;
export const SNAPSHOT_REASON = 90;
export const BIDS_LENGTH = 92;
export const BIDS_BODY = 96;
/** Bytes of a Delta or Snapshot with no levels; each level adds LEVEL_BYTES. */
export const BOOK_MESSAGE_BASE_BYTES = 104;
export const LEVEL_BYTES = 16;

export const BBO_BID = 80;
export const BBO_ASK = 96;
export const BBO_BYTES = 112;

export const TRADE_PRICE = 80;
export const TRADE_SIZE = 88;
export const TRADE_AGGRESSOR = 96;
export const TRADE_ID_UOFFSET = 104;
export const TRADE_ID_LENGTH = 108;
export const TRADE_ID_BYTES = 112;

/** u16 entries of each body vtable: [vtable bytes, table bytes, field offsets from the table start ...]. */
const DELTA_VTABLE = [10, 44, 4, 36, 40];
const SNAPSHOT_VTABLE = [16, 48, 4, 36, 40, 44, 45, 46];
const BBO_VTABLE = [10, 68, 4, 36, 52];
const TRADE_VTABLE = [10, 64, 4, 36, 60];

export type PackedKind = 'delta' | 'snapshot' | 'bbo' | 'trade';

const BODY_TYPES: Record<PackedKind, number> = { delta: Body.Delta, snapshot: Body.Snapshot, bbo: Body.Bbo, trade: Body.Trade };
const VTABLES: Record<PackedKind, number[]> = { delta: DELTA_VTABLE, snapshot: SNAPSHOT_VTABLE, bbo: BBO_VTABLE, trade: TRADE_VTABLE };

/** Cold path: writes the bytes that never change for `kind` (everything but header values and kind-specific fields). */
export function writeTemplate(bytes: Uint8Array, kind: PackedKind): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  bytes.fill(0, 0, BIDS_LENGTH);
  view.setUint32(ROOT_UOFFSET, MESSAGE_TABLE, true);
  for (let index = 0; index < FILE_IDENTIFIER.length; index++) bytes[FILE_IDENTIFIER_OFFSET + index] = FILE_IDENTIFIER.charCodeAt(index);
  [8, 12, BODY_TYPE - MESSAGE_TABLE, BODY_UOFFSET - MESSAGE_TABLE].forEach((entry, index) => view.setUint16(MESSAGE_VTABLE + 2 * index, entry, true));
  view.setInt32(MESSAGE_TABLE, MESSAGE_TABLE - MESSAGE_VTABLE, true);
  view.setUint32(BODY_UOFFSET, BODY_TABLE - BODY_UOFFSET, true);
  bytes[BODY_TYPE] = BODY_TYPES[kind];
  VTABLES[kind].forEach((entry, index) => view.setUint16(BODY_VTABLE + 2 * index, entry, true));
  view.setInt32(BODY_TABLE, BODY_TABLE - BODY_VTABLE, true);
  if (kind === 'delta' || kind === 'snapshot') view.setUint32(BIDS_UOFFSET, BIDS_LENGTH - BIDS_UOFFSET, true);
  if (kind === 'trade') view.setUint32(TRADE_ID_UOFFSET, TRADE_ID_LENGTH - TRADE_ID_UOFFSET, true);
}
