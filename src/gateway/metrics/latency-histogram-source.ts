// SharedHistogramSource adapters for the shared latency histograms: coarse `le` buckets in seconds, exact sums from the fine counts.
import type { EngineLatencyHistograms } from '../../actors/engine-latency-histograms.js';
import type { LatencySnapshot } from '../../hotpath/metrics/latency-snapshot.js';
import { latencyPrometheusBoundsNs } from '../../hotpath/metrics/latency-snapshot.js';
import type { SharedHistogramFamily, SharedHistogramSample, SharedHistogramSource } from './shared-counter-source.js';

/** One series of a latency family: its labels and a fresh snapshot. */
export interface LatencySeries {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly snapshot: LatencySnapshot;
}

/** A latency family before its buckets: the `_seconds` name, help and label names. */
export interface LatencyFamily {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
}

const BOUNDS_NS = latencyPrometheusBoundsNs();
const BOUNDS_SECONDS = BOUNDS_NS.map((bound) => bound / 1e9);

/**
 * Latency families as Prometheus histograms. The fine buckets (896, ≤ 1/32 wide) are summed into
 * 57 `le` bounds (two per octave, 256 ns .. 68.7 s), each an exact fine edge, so no value is
 * misplaced; sums are converted from ns. `read` returns current snapshots (LatencyHistogramReader).
 */
export function latencyHistogramSource(families: readonly LatencyFamily[], read: () => readonly LatencySeries[]): SharedHistogramSource {
  const histogramFamilies: SharedHistogramFamily[] = families.map((family) => ({ ...family, bucketBounds: BOUNDS_SECONDS }));
  return {
    families: histogramFamilies,
    read: (): SharedHistogramSample[] =>
      read().map((series) => ({ name: series.name, labels: series.labels, bucketCounts: series.snapshot.coarseCounts(BOUNDS_NS), sum: series.snapshot.sumNs / 1e9 })),
  };
}

export const BOOK_APPLY_LATENCY: LatencyFamily = {
  name: 'zvt_book_apply_latency_seconds',
  help: 'Venue receive (tsRecvNs) to the update applied to the instrument actor book, per venue update',
  labelNames: ['venue'],
};

export const FEED_PUBLISH_LATENCY: LatencyFamily = {
  name: 'zvt_feed_publish_latency_seconds',
  help: 'Venue receive (tsRecvNs) to the update handed to the feed hub (in the sockets send buffers), per published update',
  labelNames: ['venue'],
};

export const FIX_ORDER_ACK_LATENCY: LatencyFamily = {
  name: 'zvt_fix_order_ack_latency_seconds',
  help: 'FIX NewOrderSingle parsed to its first ExecutionReport written',
  labelNames: [],
};

export const WS_ORDER_ACK_LATENCY: LatencyFamily = {
  name: 'zvt_ws_order_ack_latency_seconds',
  help: '/v1/orders NewOrder decoded to its first ExecutionReport sent',
  labelNames: [],
};

/** Book-apply and feed-publish latency of a MarketDataEngine (engine.latencyHistograms), labelled by venue. */
export function engineLatencySource(latency: EngineLatencyHistograms): SharedHistogramSource {
  return latencyHistogramSource([BOOK_APPLY_LATENCY, FEED_PUBLISH_LATENCY], () => [
    ...[...latency.bookApplyByVenue()].map(([venue, snapshot]) => ({ name: BOOK_APPLY_LATENCY.name, labels: { venue }, snapshot })),
    ...[...latency.feedPublishByVenue()].map(([venue, snapshot]) => ({ name: FEED_PUBLISH_LATENCY.name, labels: { venue }, snapshot })),
  ]);
}

/** One unlabelled latency family from a main-thread OrderAckLatency (FIX; the WS order entry can pass its own family). */
export function orderAckLatencySource(ack: { snapshot(): LatencySnapshot }, family: LatencyFamily = FIX_ORDER_ACK_LATENCY): SharedHistogramSource {
  return latencyHistogramSource([family], () => [{ name: family.name, snapshot: ack.snapshot() }]);
}
