// SharedCounterSource adapters for counters the instrument actors and the feed bridge already keep: per-book counters, checksum results, gateway forwarding, bridge records.
import type { InstrumentActorCounters, InstrumentBookCounters } from '../../actors/instrument-actor.js';
import type { FeedBridgeStats } from '../engine-feed/feed-bridge.js';
import type { GatewayForwarderStats } from '../../actors/gateway-forwarder.js';
import type { SharedCounterSample, SharedCounterSource, SharedMetricFamily } from './shared-counter-source.js';

const BOOK_FIELDS: readonly [keyof InstrumentBookCounters, SharedMetricFamily][] = [
  // Same names as bookEngineCounterSource (in-process engines): register one or the other.
  ['levelUpdates', counter('zvt_book_level_updates_total', 'Book level records applied', ['instrument'])],
  ['absentDeletes', counter('zvt_book_absent_deletes_total', 'Deletes of levels the book did not hold', ['instrument'])],
  ['truncatedLevels', counter('zvt_book_truncated_levels_total', 'Levels dropped by depth truncation', ['instrument'])],
  ['batches', counter('zvt_book_batches_total', 'Venue updates (batch ends) applied', ['instrument'])],
  ['snapshots', counter('zvt_book_snapshots_total', 'Book snapshots applied', ['instrument'])],
  ['gaps', counter('zvt_book_gaps_total', 'GAP records the book received (sequence gap, checksum resync, reconnect)', ['instrument'])],
  ['checksumsVerified', counter('zvt_book_checksums_verified_total', 'Venue book checksums verified (OKX)', ['instrument'])],
  ['checksumFailures', counter('zvt_book_checksum_failures_total', 'Venue book checksums that did not match (each starts a resync)', ['instrument'])],
];

const FORWARDER_FIELDS: readonly [keyof GatewayForwarderStats, SharedMetricFamily][] = [
  ['forwarded', counter('zvt_gateway_records_forwarded_total', 'Records an instrument actor forwarded to the gateway ring', ['canonical'])],
  ['dropped', counter('zvt_gateway_records_dropped_total', 'Records the full gateway ring had no room for (the book is re-sent whole)', ['canonical'])],
  ['snapshots', counter('zvt_gateway_snapshots_total', 'Whole-book snapshots an instrument actor wrote for the gateway', ['canonical'])],
];

/**
 * Per-book counters of a MarketDataEngine's instrument actors (engine.instrumentCounters(): one
 * `counters` request per actor per scrape; no per-message cost, the actors count anyway).
 */
export function instrumentCounterSource(engine: { instrumentCounters(): Promise<readonly InstrumentActorCounters[]> }): SharedCounterSource {
  return {
    families: [...BOOK_FIELDS, ...FORWARDER_FIELDS].map(([, family]) => family),
    read: async () => {
      const samples: SharedCounterSample[] = [];
      for (const actor of await engine.instrumentCounters()) {
        for (const book of actor.books) {
          const labels = { instrument: book.id };
          for (const [field, family] of BOOK_FIELDS) samples.push({ name: family.name, value: book[field] as number, labels });
        }
        if (actor.gateway !== undefined) {
          const labels = { canonical: actor.canonical };
          for (const [field, family] of FORWARDER_FIELDS) samples.push({ name: family.name, value: actor.gateway[field], labels });
        }
      }
      return samples;
    },
  };
}

const BRIDGE_FIELDS: readonly [keyof FeedBridgeStats, SharedMetricFamily][] = [
  ['records', counter('zvt_feed_bridge_records_total', 'Gateway ring records the feed bridge read')],
  ['snapshots', counter('zvt_feed_bridge_snapshots_total', 'Book snapshots the feed bridge published')],
  ['deltas', counter('zvt_feed_bridge_deltas_total', 'Book deltas the feed bridge published')],
  ['trades', counter('zvt_feed_bridge_trades_total', 'Trades the feed bridge published')],
  ['truncationSnapshots', counter('zvt_feed_bridge_truncation_snapshots_total', 'Deltas replaced by a snapshot because the replica truncated the book')],
];

/** The FeedBridge's counters (main thread, read directly). */
export function feedBridgeCounterSource(bridge: { readonly stats: FeedBridgeStats }): SharedCounterSource {
  return {
    families: BRIDGE_FIELDS.map(([, family]) => family),
    read: () => BRIDGE_FIELDS.map(([field, family]) => ({ name: family.name, value: bridge.stats[field] })),
  };
}

function counter(name: string, help: string, labelNames: readonly string[] = []): SharedMetricFamily {
  return { name, help, type: 'counter', labelNames };
}
