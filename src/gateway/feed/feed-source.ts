// FeedSource: the calls an in-process market-data source (the engine's instrument actors, a test, a replay) makes into the binary feed.
import type { RecordStamps } from '../../model/record-header.js';
import type { AggressorSide, InstrumentStatus } from '../../model/record-types.js';
import type { FeedLevels } from './feed-levels.js';

/*
 * The feed does not read rings itself: whoever owns the books tells it what changed, one call per
 * venue update, on the gateway's thread. Every call is synchronous, allocation-free on the feed's
 * side for book, BBO and trade updates, and returns once the update is encoded (once) and handed to
 * every subscriber that keeps up (or skipped for those that do not: see docs/feed.md).
 *
 * `instrument` is the handle addInstrument returned. `stamps` is the model's RecordStamps
 * ([tsEventNs lo, hi, tsRecvNs lo, hi] as u32 words, record-header.ts), copied onto the wire as is.
 * Prices and sizes are mantissas at the decimals given to addInstrument, safe integers; a value that
 * is not one throws ZVT_ERR_GATEWAY_FEED_VALUE (a broken invariant upstream, not a data condition).
 *
 * What the source must guarantee for clients to rebuild its books exactly: onBookSnapshot with the
 * whole book first (and again whenever its book is rebuilt, e.g. after a venue resync), then every
 * change through onBookDelta, including levels it removes itself (truncation to a maximum depth is
 * a delta with size 0). The consolidated view `all:<canonical>` is an instrument like any other:
 * the source publishes its aggregated levels the same way.
 */
export interface FeedSource {
  /**
   * Cold path: declares an instrument (`<venue>:<canonical>` or `all:<canonical>`) with its price
   * and size decimals, creating its four topics (book, bbo, trades, status). Returns its handle.
   */
  addInstrument(instrument: string, scale: { priceDecimals: number; sizeDecimals: number }): number;
  /** The whole book (any order; size-0 levels ignored). Replaces the feed's copy; subscribers get a Snapshot (reason Source). */
  onBookSnapshot(instrument: number, levels: FeedLevels, stamps: RecordStamps): void;
  /** Levels changed by one update (size 0 deletes). Subscribers get one Delta with the next seq. */
  onBookDelta(instrument: number, levels: FeedLevels, stamps: RecordStamps): void;
  /** Best bid and offer; a size of 0 means that side has no quote. */
  onBbo(instrument: number, bidPrice: number, bidSize: number, askPrice: number, askSize: number, stamps: RecordStamps): void;
  /** One trade; `tradeId` as the venue writes it ('' when it sends none). */
  onTrade(instrument: number, price: number, size: number, aggressor: AggressorSide, tradeId: string, stamps: RecordStamps): void;
  /** The instrument's data state changed (synced, resyncing, stale, halted, closed). */
  onStatus(instrument: number, status: InstrumentStatus, stamps: RecordStamps): void;
}
