// What each venue folder provides to the shared feed: endpoints, subscriptions, parsers, sync rules.
import type { Instrument, InstrumentDefinition } from '../../../model/instrument.js';
import type { InstrumentKind } from '../../../model/instrument-kind.js';
import type { VenueId } from '../../../model/venue.js';
import type { ParsedBook, ParsedFrame } from './parsed-frame.js';

/*
 * A venue folder (src/actors/venues/<venue>/) has urls.ts, messages.ts (typed wire shapes),
 * parse.ts (JSON.parse reference parser, starting with the venue doc link), scan.ts (byte scanner
 * producing exactly the same ParsedFrame), sync.ts (that venue's book integrity rules), feed.ts
 * (its VenueDialect, assembled from the rest) — DESIGN §5. The shared feed (venue-feed.ts) owns
 * sockets, timers, reconnects and rings; the dialect is pure and testable against recorded frames.
 */

/** Native symbol → registry numeric id, for the instruments one connection serves. */
export interface SymbolResolver {
  /** -1 when the symbol is not one of ours (the frame is then ignored, not guessed at). */
  byString(native: string): number;
  /** Same, from frame bytes [start, end) without allocating. */
  byBytes(bytes: Uint8Array, start: number, end: number): number;
}

/** Per-connection parsing context. */
export interface ParseContext {
  symbols: SymbolResolver;
  /** Fixed-point scale per numeric instrument id (registry order). */
  priceDecimals: Uint8Array;
  sizeDecimals: Uint8Array;
}

/** One WebSocket connection the feed should open. */
export interface ConnectionPlan {
  /** Stable name for logs and metrics, e.g. `bybit:linear:0`. */
  name: string;
  /** Path and query appended to the venue's WebSocket base URL. */
  path: string;
  /** Instruments this connection carries; the resolver of its ParseContext covers exactly these. */
  instrumentIds: readonly number[];
  /** Frames to send after open, already batched within the venue's limits (may be empty: Binance puts streams in the URL). */
  subscribeFrames: readonly string[];
}

/**
 * How to heartbeat a connection: protocol-level ping frames (Binance), a text frame (OKX "ping",
 * Bybit {"op":"ping"}), or nothing when the venue pushes heartbeats itself (Coinbase channel).
 */
export type HeartbeatPlan = { kind: 'ws-ping'; intervalMs: number } | { kind: 'text'; intervalMs: number; frame: string } | { kind: 'none' };

/** What to do to resynchronise one instrument after a gap or checksum failure. */
export type ResyncPlan =
  | { kind: 'rest-snapshot'; path: string }
  | { kind: 'resubscribe'; frames: readonly string[] };

export const SyncOutcome = {
  /** Written to the sink. */
  APPLIED: 0,
  /** Held back until a snapshot arrives (Binance spot/futures procedure). */
  BUFFERED: 1,
  /** Older than or equal to what the book has: dropped, harmless (e.g. Binance events before the snapshot). */
  STALE: 2,
  /** Continuity broken: a GAP was emitted, the instrument must resync (see resyncPlan). */
  GAP: 3,
} as const;
export type SyncOutcome = (typeof SyncOutcome)[keyof typeof SyncOutcome];

/** Writes normalised records for one instrument; implemented over rings by the feed, over arrays in tests. */
export interface BookEmitter {
  /** SNAPSHOT_BEGIN, every level (flag SNAPSHOT), SNAPSHOT_END with the book's sequence. */
  emitSnapshot(book: ParsedBook): void;
  /** Every level, then BOOK_BATCH_END with sequence, previous sequence, level count and checksum. */
  emitUpdate(book: ParsedBook): void;
  /** A GAP record (GapReason) with what was expected and what came. */
  emitGap(instrumentId: number, reason: number, expectedSequence: number, receivedSequence: number): void;
}

/**
 * Per-connection book integrity state (DESIGN §5). Each venue implements its documented rules:
 * Binance U/u with the REST snapshot procedure (futures: pu), OKX seqId/prevSeqId (checksums are
 * verified against the book by the instrument actor), Bybit snapshot resets (u = 1 after a
 * service restart) and u continuity, Coinbase sequence_num per connection.
 */
export interface BookSync {
  /** An update or snapshot parsed from the stream. */
  onBook(book: ParsedBook, emitter: BookEmitter): SyncOutcome;
  /** A REST snapshot arrived (venues with rest-snapshot resync); returns APPLIED when the book is now synced. */
  onRestSnapshot(book: ParsedBook, emitter: BookEmitter): SyncOutcome;
  /** Venues that number every message on a connection (Coinbase): false means a gap on the whole connection. */
  onConnectionSequence(sequence: number): boolean;
  /** True while the instrument waits for a REST snapshot the feed has not requested yet. */
  wantsRestSnapshot(instrumentId: number): boolean;
  /** Forget everything about an instrument (before a resync) or about all of them (reconnect). */
  reset(instrumentId?: number): void;
}

export interface VenueDialect {
  readonly venue: VenueId;
  /** REST requests (path + query) whose responses list the venue's instruments. */
  instrumentRequests(kinds: readonly InstrumentKind[]): readonly string[];
  /** Instrument definitions from one of those responses (only instruments currently trading). */
  parseInstruments(path: string, body: string): InstrumentDefinition[];
  /** Venues that page their instrument list (Bybit linear): the request for the page after this response, or null after the last. */
  nextInstrumentRequest?(path: string, body: string): string | null;
  /** Which connections to open, with their subscriptions, for these instruments. */
  planConnections(instruments: readonly Instrument[]): ConnectionPlan[];
  heartbeat: HeartbeatPlan;
  /** Planned reconnect before the venue's forced disconnect (Binance: 24 h), or null. */
  maxConnectionLifetimeMs: number | null;
  /** JSON.parse reference parser: the definition of what a frame means. */
  parseReference(text: string, context: ParseContext, out: ParsedFrame): void;
  /** Byte scanner for the high-rate channels; must produce exactly what parseReference produces. */
  parseFast(bytes: Uint8Array, length: number, context: ParseContext, out: ParsedFrame): void;
  /** Parses a REST depth snapshot (venues with rest-snapshot resync). */
  parseRestSnapshot?(body: string, instrumentId: number, context: ParseContext, out: ParsedBook): void;
  createSync(): BookSync;
  resyncPlan(instrument: Instrument): ResyncPlan;
}
