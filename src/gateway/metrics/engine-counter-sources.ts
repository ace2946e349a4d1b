// SharedCounterSource adapters for counters the engine already keeps: shared typed-array slots, the feed hub, the FIX acceptor, book engines, venue actors.
import { COUNTER_ABSENT_DELETES, COUNTER_BATCHES, COUNTER_FIELDS, COUNTER_LEVEL_UPDATES, COUNTER_SNAPSHOTS, COUNTER_TRUNCATED_LEVELS, type BookEngine } from '../../hotpath/book/book-engine.js';
import type { FeedHubStats } from '../feed/feed-hub-stats.js';
import type { FixAcceptorStats } from '../fix/fix-acceptor.js';
import type { SharedCounterSample, SharedCounterSource, SharedMetricFamily } from './shared-counter-source.js';

/** One slot of a shared counter array: the family it feeds and its labels. */
export interface CounterSlot {
  readonly index: number;
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>> | undefined;
}

/**
 * Counters in a typed array over a SharedArrayBuffer, written by another thread. Integer arrays are
 * read with Atomics.load (no torn reads); a Float64Array is read plainly (aligned 8-byte loads).
 */
export function typedArrayCounterSource(
  families: readonly SharedMetricFamily[],
  slots: readonly CounterSlot[],
  array: Int32Array | BigInt64Array | Float64Array,
): SharedCounterSource {
  return {
    families,
    read: () =>
      slots.map((slot) => {
        const value =
          array instanceof Float64Array ? array[slot.index]! : array instanceof BigInt64Array ? Number(Atomics.load(array, slot.index)) : Atomics.load(array, slot.index);
        return { name: slot.name, value, labels: slot.labels };
      }),
  };
}

const FEED_FAMILIES: readonly [keyof FeedHubStats, SharedMetricFamily][] = [
  ['connections', gauge('zvt_feed_connections', 'Open /v1/feed connections')],
  ['conflatedConnections', gauge('zvt_feed_conflated_connections', 'Feed connections conflated now (slow consumers)')],
  ['connectionsOpened', counter('zvt_feed_connections_opened_total', 'Feed connections opened')],
  ['connectionsClosed', counter('zvt_feed_connections_closed_total', 'Feed connections closed')],
  ['messagesPublished', counter('zvt_feed_messages_published_total', 'Feed topic messages encoded')],
  ['messagesSent', counter('zvt_feed_messages_sent_total', 'Feed messages handed to sockets')],
  ['bytesSent', counter('zvt_feed_bytes_sent_total', 'Feed bytes handed to sockets')],
  ['messagesSkipped', counter('zvt_feed_messages_skipped_total', 'Feed messages not sent to conflated connections')],
  ['conflations', counter('zvt_feed_conflations_total', 'Feed connections that passed the soft limit and were conflated')],
  ['slowConsumerDrops', counter('zvt_feed_slow_consumer_drops_total', 'Feed connections closed for being too slow')],
  ['sendsRefused', counter('zvt_feed_sends_refused_total', 'Feed sends uWS refused (past maxBackpressure)')],
  ['controlErrors', counter('zvt_feed_control_errors_total', 'FeedError messages sent')],
];

/** The feed hub's counters and gauges (FeedHub.stats()). */
export function feedHubCounterSource(hub: { stats(): FeedHubStats }): SharedCounterSource {
  return {
    families: FEED_FAMILIES.map(([, family]) => family),
    read: () => {
      const stats = hub.stats();
      return FEED_FAMILIES.map(([field, family]) => ({ name: family.name, value: stats[field] }));
    },
  };
}

const FIX_FAMILIES: readonly [keyof FixAcceptorStats, SharedMetricFamily][] = [
  ['openConnections', gauge('zvt_fix_open_connections', 'Open FIX connections')],
  ['connectionsAccepted', counter('zvt_fix_connections_accepted_total', 'FIX TCP connections accepted')],
  ['logonsAccepted', counter('zvt_fix_logons_accepted_total', 'FIX Logons accepted')],
  ['logonsRefused', counter('zvt_fix_logons_refused_total', 'FIX Logons refused')],
  ['garbledFrames', counter('zvt_fix_garbled_frames_total', 'FIX frames dropped as garbled')],
  ['rejectsSent', counter('zvt_fix_rejects_sent_total', 'FIX session Rejects sent')],
  ['slowConsumers', counter('zvt_fix_slow_consumers_total', 'FIX connections closed as slow consumers')],
  ['internalErrors', counter('zvt_fix_internal_errors_total', 'FIX acceptor internal errors')],
];

/** The FIX acceptor's counters (FixAcceptor.stats()). */
export function fixAcceptorCounterSource(acceptor: { stats(): FixAcceptorStats }): SharedCounterSource {
  return {
    families: FIX_FAMILIES.map(([, family]) => family),
    read: () => {
      const stats = acceptor.stats();
      return FIX_FAMILIES.map(([field, family]) => ({ name: family.name, value: stats[field] }));
    },
  };
}

const BOOK_COUNTERS: readonly [number, SharedMetricFamily][] = [
  [COUNTER_LEVEL_UPDATES, counter('zvt_book_level_updates_total', 'Book level records applied', ['instrument'])],
  [COUNTER_ABSENT_DELETES, counter('zvt_book_absent_deletes_total', 'Deletes of levels the book did not hold', ['instrument'])],
  [COUNTER_TRUNCATED_LEVELS, counter('zvt_book_truncated_levels_total', 'Levels dropped by depth truncation', ['instrument'])],
  [COUNTER_BATCHES, counter('zvt_book_batches_total', 'Venue updates (batch ends) applied', ['instrument'])],
  [COUNTER_SNAPSHOTS, counter('zvt_book_snapshots_total', 'Book snapshots applied', ['instrument'])],
];

/** Per-book counters of an in-process BookEngine (copyCounters), labelled with the instrument id. */
export function bookEngineCounterSource(engine: BookEngine, instruments: readonly { readonly id: string; readonly numericId: number }[]): SharedCounterSource {
  const scratch = new Float64Array(COUNTER_FIELDS);
  return {
    families: BOOK_COUNTERS.map(([, family]) => family),
    read: () => {
      const samples: SharedCounterSample[] = [];
      for (const instrument of instruments) {
        engine.copyCounters(instrument.numericId, scratch);
        for (const [index, family] of BOOK_COUNTERS) samples.push({ name: family.name, value: scratch[index]!, labels: { instrument: instrument.id } });
      }
      return samples;
    },
  };
}

/**
 * What a venue actor reports (MarketDataEngine.venueStats()), structurally: its feed counters and
 * record counts, read by field name (a field that is missing or not a number reads as 0). `object`
 * so that the engine's own interfaces (FeedCounters ...) fit without an adapter.
 */
export interface VenueStatsLike {
  readonly venue: string;
  readonly feed: object;
  readonly records: object;
}

const VENUE_FEED_FIELDS: readonly [string, SharedMetricFamily][] = [
  ['frames', counter('zvt_venue_frames_total', 'Frames received from the venue', ['venue'])],
  ['gaps', counter('zvt_venue_gaps_total', 'Sequence gaps detected', ['venue'])],
  ['resyncs', counter('zvt_venue_resyncs_total', 'Per-symbol resynchronisations started', ['venue'])],
  ['reconnects', counter('zvt_venue_reconnects_total', 'Venue connection reconnects', ['venue'])],
  ['venueErrors', counter('zvt_venue_errors_total', 'Error messages from the venue', ['venue'])],
  ['resyncTimeouts', counter('zvt_venue_resync_timeouts_total', 'Resyncs whose snapshot did not come in time', ['venue'])],
];
const VENUE_RECORD_FIELDS: readonly [string, SharedMetricFamily][] = [
  ['bookUpdates', counter('zvt_venue_book_updates_total', 'Book updates normalised', ['venue'])],
  ['trades', counter('zvt_venue_trades_total', 'Trades normalised', ['venue'])],
  ['droppedUpdates', counter('zvt_venue_dropped_updates_total', 'Updates dropped (ring full)', ['venue'])],
  ['recorderDrops', counter('zvt_venue_recorder_drops_total', 'Records the recorder ring could not take', ['venue'])],
];

/** Venue actors' counters through the supervisor (one stats request per actor per scrape). */
export function venueStatsCounterSource(engine: { venueStats(): Promise<readonly VenueStatsLike[]> }): SharedCounterSource {
  return {
    families: [...VENUE_FEED_FIELDS, ...VENUE_RECORD_FIELDS].map(([, family]) => family),
    read: async () => {
      const samples: SharedCounterSample[] = [];
      for (const stats of await engine.venueStats()) {
        const labels = { venue: stats.venue };
        for (const [field, family] of VENUE_FEED_FIELDS) samples.push({ name: family.name, value: numberField(stats.feed, field), labels });
        for (const [field, family] of VENUE_RECORD_FIELDS) samples.push({ name: family.name, value: numberField(stats.records, field), labels });
      }
      return samples;
    },
  };
}

function numberField(values: object, field: string): number {
  const value = (values as Readonly<Record<string, unknown>>)[field];
  return typeof value === 'number' ? value : 0;
}

function counter(name: string, help: string, labelNames: readonly string[] = []): SharedMetricFamily {
  return { name, help, type: 'counter', labelNames };
}

function gauge(name: string, help: string, labelNames: readonly string[] = []): SharedMetricFamily {
  return { name, help, type: 'gauge', labelNames };
}
