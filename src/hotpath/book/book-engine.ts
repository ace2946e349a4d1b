// The hot-path book contract that the TypeScript engine and its native C++ twin both implement.
import type { RecordViews } from '../../model/record-views.js';

/*
 * One BookEngine lives in each instrument actor and holds the L2 books of every venue instrument
 * routed to it, plus the consolidated (cross-venue) books built from them.
 *
 * Input is a gathered batch of ring records (RingConsumer.gather): `types[i]` and `offsets[i]`
 * (payload byte offset into `views`) for i < count. The engine applies SNAPSHOT_BEGIN,
 * BOOK_LEVEL, SNAPSHOT_END, BOOK_BATCH_END and GAP records whose instrument it holds, and skips
 * everything else (trades, BBO, status: the actor handles those). One call per batch, so the
 * native twin pays one N-API crossing (10–35 ns) per batch, not per update.
 *
 * Book semantics (the differential tests hold all implementations to exactly this):
 * - Prices and sizes are integer mantissas at the instrument's scale, held in doubles (exact).
 * - SNAPSHOT_BEGIN clears both sides and sets state SNAPSHOTTING. SNAPSHOT_END truncates to
 *   maxDepth, records the sequence and sets state SYNCED.
 * - BOOK_LEVEL sets (side, price) to size; size 0 deletes; deleting an absent level is a no-op
 *   (counted). The text decimals of price and size are stored with the level (OKX checksum).
 * - BOOK_BATCH_END ends one venue update: truncate each side to its best `maxDepth` levels,
 *   store the sequence, previous sequence and checksum of the batch, set lastUpdateNs. Truncation
 *   happens at batch ends only, never per level: a venue may insert the new 200th level before
 *   deleting a better one in the same message. A truncated level is forgotten: if the book later
 *   shrinks, it is NOT brought back with its old size (no stale resurrection); the venue resends it.
 * - GAP sets state RESYNCING. Levels stay (for display) but the book is not trusted: consolidated
 *   books exclude it until the next SNAPSHOT_END.
 * - Crossed (best bid > best ask) and locked (==) books are reported, not repaired.
 * - Queries read the state after the last applied record; callers query between batches only,
 *   so nothing downstream sees a half-applied update.
 *
 * Consolidated book semantics: a group (e.g. all venues' BTC-USDT) of member books sharing one
 * price scale. A member is excluded, and flagged in `excludedMask`, when its book is not SYNCED
 * or when it had no batch for longer than `staleAfterNs` (now − lastUpdateNs). Depth is the
 * union of the members' top levels with, per price, the total and each member's size. The fee-
 * adjusted view ranks prices by what a taker pays (asks × (1 + fee)) or receives (bids × (1 − fee)).
 *
 * Details the above leaves open, fixed here so every implementation agrees (added after the first
 * version; comments only, the API is unchanged):
 * - Records of instruments not added are skipped and not counted in applyBatch's return value.
 *   BOOK_LEVEL applies in every state (EMPTY, SNAPSHOTTING, SYNCED, RESYNCING); side 0 is bid, 1 ask.
 * - SNAPSHOT_BEGIN changes nothing but the levels and the state. SNAPSHOT_END, in any state, sets
 *   lastSequence and lastChecksum from its record and lastUpdateNs = nowNs (a snapshot counts as a
 *   batch for staleness). BOOK_BATCH_END never changes the state. GAP changes nothing but the state.
 *   lastUpdateNs is always applyBatch's `nowNs`, never a record timestamp. Before the first
 *   SNAPSHOT_END or BOOK_BATCH_END: lastSequence = SEQUENCE_NONE (-1), lastChecksum 0, lastUpdateNs 0.
 * - Counters only grow (a snapshot does not reset them): LEVEL_UPDATES +1 per BOOK_LEVEL applied
 *   (snapshot levels and absent deletes included); ABSENT_DELETES +1 per size-0 level at a price
 *   the side does not hold; TRUNCATED_LEVELS + the levels removed by truncation (BOOK_BATCH_END and
 *   SNAPSHOT_END); BATCHES +1 per BOOK_BATCH_END; SNAPSHOTS +1 per SNAPSHOT_END.
 * - crossState is NONE while either side is empty.
 * - copy* functions copy min(n, levels available, room in the out arrays) entries; n <= 0 (or NaN)
 *   copies nothing, a fractional n counts up (2.5 → 3). Room for copyConsolidatedTop is also
 *   floor(outMemberSizes.length / members).
 * - okxChecksum of a book with no levels is 0 (CRC32 of the empty text).
 * - excludedMask and the BBO member masks are unsigned 32-bit values (bit 31 reads as 2^31).
 * - consolidatedBbo: the best bid is the highest best bid among eligible members, its size the sum
 *   of the eligible members' sizes at exactly that price, its mask those members (asks alike,
 *   lowest). copyConsolidatedTop merges the distinct prices of all levels the eligible members
 *   hold, best first; each row of outMemberSizes is written in full (0 for members without that
 *   price, excluded members included).
 * - Fee-adjusted effective price, in doubles and in this order: asks `price * (1 + takerFeeBps /
 *   10000)`, bids `price * (1 - takerFeeBps / 10000)`. Entries rank best first (asks ascending,
 *   bids descending effective price), ties by member index, then by the member's own book order.
 *   addConsolidated requires -10000 < takerFeeBps < 10000 so both factors stay positive.
 * - Cold-path errors (ZvtError, src/hotpath/book/book-errors.ts): addBook with a duplicate id or
 *   bad options, addConsolidated with a duplicate group, an unknown member or bad options, and
 *   queries for an instrument or group that was never added.
 */

export const BookState = { EMPTY: 0, SNAPSHOTTING: 1, SYNCED: 2, RESYNCING: 3 } as const;
export type BookState = (typeof BookState)[keyof typeof BookState];

export const CrossState = { NONE: 0, LOCKED: 1, CROSSED: 2 } as const;
export type CrossState = (typeof CrossState)[keyof typeof CrossState];

export interface BookOptions {
  /** Registry id of the venue instrument (the records' instrumentId). */
  instrumentId: number;
  /** Levels kept per side after each batch end. 1..10000. */
  maxDepth: number;
  /** Tick size as a mantissa at the instrument's price scale (> 0); an indexing hint, not a filter. */
  tickSize: number;
  priceDecimals: number;
  sizeDecimals: number;
}

export interface ConsolidatedMember {
  instrumentId: number;
  /** Taker fee in basis points, for the fee-adjusted view (may be negative for rebates). */
  takerFeeBps: number;
}

export interface ConsolidatedOptions {
  groupId: number;
  /** Up to 32 members (one bit each in venue masks), all at the same price and size scale. */
  members: readonly ConsolidatedMember[];
  staleAfterNs: number;
}

/** Indices into the `out` array of `consolidatedBbo`. */
export const BBO_BID_PRICE = 0;
export const BBO_BID_SIZE = 1;
export const BBO_ASK_PRICE = 2;
export const BBO_ASK_SIZE = 3;
/** Bit i set: member i quotes the best bid (resp. ask). */
export const BBO_BID_MEMBERS = 4;
export const BBO_ASK_MEMBERS = 5;
export const BBO_FIELDS = 6;

/** Indices into the `out` array of `copyCounters`. */
export const COUNTER_LEVEL_UPDATES = 0;
export const COUNTER_ABSENT_DELETES = 1;
export const COUNTER_TRUNCATED_LEVELS = 2;
export const COUNTER_BATCHES = 3;
export const COUNTER_SNAPSHOTS = 4;
export const COUNTER_FIELDS = 5;

export interface BookEngine {
  readonly kind: 'ts' | 'native';

  /** Cold path: registers a venue book. */
  addBook(options: BookOptions): void;
  /** Cold path: registers a consolidated group over books already added. */
  addConsolidated(options: ConsolidatedOptions): void;

  /** Applies a gathered batch (see above). Returns how many records it applied. */
  applyBatch(views: RecordViews, types: Int32Array, offsets: Int32Array, count: number, nowNs: number): number;

  state(instrumentId: number): BookState;
  /** NaN when that side is empty. */
  bestPrice(instrumentId: number, side: number): number;
  /** 0 when that side is empty. */
  bestSize(instrumentId: number, side: number): number;
  /** Levels currently held on a side. */
  depth(instrumentId: number, side: number): number;
  /** Copies up to `n` best levels of a side (best first) into caller-owned arrays; returns the count. */
  copyTop(instrumentId: number, side: number, n: number, outPrices: Float64Array, outSizes: Float64Array): number;
  crossState(instrumentId: number): CrossState;
  /** Sequence, previous sequence and checksum of the last BOOK_BATCH_END or SNAPSHOT_END. */
  lastSequence(instrumentId: number): number;
  lastChecksum(instrumentId: number): number;
  lastUpdateNs(instrumentId: number): number;
  /**
   * OKX CRC32 (signed int32) of `bidPx:bidSz:askPx:askSz:...` over the best 25 levels per side,
   * interleaved, a missing side's levels skipped, each number written with exactly the fraction
   * digits the venue sent (the stored text decimals).
   */
  okxChecksum(instrumentId: number): number;
  copyCounters(instrumentId: number, out: Float64Array): void;

  /** Fills `out[0..BBO_FIELDS)`; prices NaN and sizes 0 where no eligible member quotes. */
  consolidatedBbo(groupId: number, nowNs: number, out: Float64Array): void;
  /**
   * Copies up to `n` aggregated levels (best first): price, total size, and each member's size
   * in `outMemberSizes[level * members + member]`. Returns the level count.
   */
  copyConsolidatedTop(groupId: number, side: number, n: number, nowNs: number, outPrices: Float64Array, outSizes: Float64Array, outMemberSizes: Float64Array): number;
  /** Bit i set: member i is excluded (not SYNCED, or stale at `nowNs`). */
  excludedMask(groupId: number, nowNs: number): number;
  /**
   * Like copyConsolidatedTop, but ranked and priced by taker cost: `outEffectivePrices` gets
   * price × (1 ± fee) as a double, `outMembers` the member index of each entry (one entry per
   * member level, not aggregated).
   */
  copyFeeAdjustedTop(groupId: number, side: number, n: number, nowNs: number, outEffectivePrices: Float64Array, outSizes: Float64Array, outMembers: Int32Array): number;
}
