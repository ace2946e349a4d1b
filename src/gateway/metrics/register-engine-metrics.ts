// registerEngineMetrics: the one call that puts the engine's hot-path histograms and counters (and the feed's and FIX acceptor's, when given) on /metrics.
import type { InstrumentActorCounters } from '../../actors/instrument-actor.js';
import type { EngineLatencyHistograms } from '../../actors/engine-latency-histograms.js';
import type { FeedBridgeStats } from '../engine-feed/feed-bridge.js';
import type { FeedHubStats } from '../feed/feed-hub-stats.js';
import type { FixAcceptorStats } from '../fix/fix-acceptor.js';
import type { OrderAckLatency } from './order-ack-latency.js';
import { feedHubCounterSource, fixAcceptorCounterSource, venueStatsCounterSource, type VenueStatsLike } from './engine-counter-sources.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import { feedBridgeCounterSource, instrumentCounterSource } from './instrument-counter-sources.js';
import { ordersWsCounterSource, type OrdersWsStats } from '../orders-ws/orders-ws-stats.js';
import { engineLatencySource, orderAckLatencySource, WS_ORDER_ACK_LATENCY } from './latency-histogram-source.js';

/** What registerEngineMetrics reads: a MarketDataEngine, structurally. */
export interface MetricsEngine {
  readonly latencyHistograms: EngineLatencyHistograms;
  venueStats(): Promise<readonly VenueStatsLike[]>;
  instrumentCounters(): Promise<readonly InstrumentActorCounters[]>;
}

export interface EngineMetricsParts {
  readonly engine: MetricsEngine;
  /** The FeedHub behind /v1/feed. */
  readonly hub?: { stats(): FeedHubStats } | null | undefined;
  /** The FeedBridge between the engine and the hub. */
  readonly bridge?: { readonly stats: FeedBridgeStats } | null | undefined;
  /** The FIX acceptor, when it runs. */
  readonly fix?: { stats(): FixAcceptorStats; readonly orderAckLatency: OrderAckLatency } | null | undefined;
  /** The /v1/orders route, when it runs. */
  readonly orders?: { stats(): OrdersWsStats; readonly orderAckLatency: OrderAckLatency } | null | undefined;
}

/**
 * Registers, on `metrics`:
 * - zvt_book_apply_latency_seconds{venue}, zvt_feed_publish_latency_seconds{venue} (histograms);
 * - venue actor counters (frames, gaps, resyncs, reconnects, errors, updates, trades, drops);
 * - per-book counters (levels, batches, snapshots, gaps, checksums verified / failed) and gateway
 *   forwarding counters;
 * - with `hub`: feed connections, messages, bytes, conflations, slow-consumer drops;
 * - with `bridge`: feed bridge records, deltas, snapshots, trades;
 * - with `fix`: FIX acceptor counters and zvt_fix_order_ack_latency_seconds;
 * - with `orders`: /v1/orders counters and zvt_ws_order_ack_latency_seconds.
 * Every family is read once per scrape; nothing is added to the hot path. Call once per registry
 * (a family registered twice throws ZVT_ERR_GATEWAY_METRICS).
 */
export function registerEngineMetrics(metrics: GatewayMetrics, parts: EngineMetricsParts): void {
  metrics.addHistogramSource(engineLatencySource(parts.engine.latencyHistograms));
  metrics.addCounterSource(venueStatsCounterSource(parts.engine));
  metrics.addCounterSource(instrumentCounterSource(parts.engine));
  if (parts.hub !== undefined && parts.hub !== null) metrics.addCounterSource(feedHubCounterSource(parts.hub));
  if (parts.bridge !== undefined && parts.bridge !== null) metrics.addCounterSource(feedBridgeCounterSource(parts.bridge));
  if (parts.fix !== undefined && parts.fix !== null) {
    metrics.addCounterSource(fixAcceptorCounterSource(parts.fix));
    metrics.addHistogramSource(orderAckLatencySource(parts.fix.orderAckLatency));
  }
  if (parts.orders !== undefined && parts.orders !== null) {
    metrics.addCounterSource(ordersWsCounterSource(parts.orders));
    metrics.addHistogramSource(orderAckLatencySource(parts.orders.orderAckLatency, WS_ORDER_ACK_LATENCY));
  }
}
