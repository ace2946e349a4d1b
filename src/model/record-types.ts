// Record type codes and the enums and flags carried inside normalised market records.

/**
 * Type codes of the records that cross the rings (the `type` word of each ring frame). Stable:
 * they are written into recordings. Positive only; 0 and negatives belong to the ring (padding).
 * 1..63 are market data; other ranges will be assigned here as other record families appear.
 */
export const RecordType = {
  /** One price level changed (size 0 deletes it). */
  BOOK_LEVEL: 1,
  /** The levels since the previous batch end form one venue update: apply them together. */
  BOOK_BATCH_END: 2,
  /** A full book follows; the receiver clears its book for this instrument first. */
  SNAPSHOT_BEGIN: 3,
  /** The full book is complete. */
  SNAPSHOT_END: 4,
  TRADE: 5,
  /** Best bid and offer from a venue's top-of-book channel. */
  BBO: 6,
  /** The book can no longer be trusted from here on; a resync follows. */
  GAP: 7,
  INSTRUMENT_STATUS: 8,
} as const;

export type RecordType = (typeof RecordType)[keyof typeof RecordType];

const RECORD_TYPE_NAMES: Readonly<Record<number, string>> = Object.freeze(
  Object.fromEntries(Object.entries(RecordType).map(([name, code]) => [code, name])),
);

export function isRecordType(value: number): value is RecordType {
  return RECORD_TYPE_NAMES[value] !== undefined;
}

/** `BOOK_LEVEL`, `TRADE` ... for logs and debugging; `UNKNOWN(<code>)` otherwise. */
export function recordTypeName(type: number): string {
  return RECORD_TYPE_NAMES[type] ?? `UNKNOWN(${type})`;
}

/** Side of a book level. 0/1 so books can index their two sides directly. */
export const BookSide = { BID: 0, ASK: 1 } as const;
export type BookSide = (typeof BookSide)[keyof typeof BookSide];

/**
 * Side of the taker in a trade. UNKNOWN only where the venue does not say (no invented
 * defaults); 0 so that a zeroed slot reads as "not known" rather than as a side.
 */
export const AggressorSide = { UNKNOWN: 0, BUY: 1, SELL: 2 } as const;
export type AggressorSide = (typeof AggressorSide)[keyof typeof AggressorSide];

/** Why a GAP record was written. 0 is not a reason, so a zeroed slot is detectably wrong. */
export const GapReason = {
  SEQUENCE_GAP: 1,
  CHECKSUM_MISMATCH: 2,
  RECONNECT: 3,
  WORKER_RESTART: 4,
  STALE_FEED: 5,
  SNAPSHOT_REQUESTED: 6,
} as const;
export type GapReason = (typeof GapReason)[keyof typeof GapReason];

/** State of one instrument's data as an INSTRUMENT_STATUS record reports it. 0 is not a status. */
export const InstrumentStatus = {
  /** The book is verified and current. */
  SYNCED: 1,
  /** A gap was seen; a fresh snapshot is on its way. Do not trade on this book. */
  RESYNCING: 2,
  /** No data for longer than the staleness limit. */
  STALE: 3,
  /** The venue halted trading. */
  HALTED: 4,
  /** The venue closed the instrument (delisted, expired). */
  CLOSED: 5,
} as const;
export type InstrumentStatus = (typeof InstrumentStatus)[keyof typeof InstrumentStatus];

/** Bits of the header's `flags` word. Unassigned bits are zero. */
export const RecordFlag = {
  /** The record belongs to a snapshot (between SNAPSHOT_BEGIN and SNAPSHOT_END). */
  SNAPSHOT: 1 << 0,
  /** The record comes from a replayed recording or the simulator, not a live venue. */
  REPLAY: 1 << 1,
  /** The venue sent no event time; tsEventNs is 0, not a guess. */
  NO_EVENT_TIME: 1 << 2,
} as const;

/** A sequence slot's value when the venue sends none (also what OKX sends as prevSeqId of a snapshot). */
export const SEQUENCE_NONE = -1;

export function isBookSide(value: number): value is BookSide {
  return value === BookSide.BID || value === BookSide.ASK;
}

export function isAggressorSide(value: number): value is AggressorSide {
  return value === AggressorSide.UNKNOWN || value === AggressorSide.BUY || value === AggressorSide.SELL;
}

export function isGapReason(value: number): value is GapReason {
  return Number.isInteger(value) && value >= GapReason.SEQUENCE_GAP && value <= GapReason.SNAPSHOT_REQUESTED;
}

export function isInstrumentStatus(value: number): value is InstrumentStatus {
  return Number.isInteger(value) && value >= InstrumentStatus.SYNCED && value <= InstrumentStatus.CLOSED;
}
