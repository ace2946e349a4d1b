// `gateway` suite: binary feed encode cost per delta (hand-packed vs generated builder) and tick → client latency with 100 feed clients over loopback.
import { metric, type BenchSuite, type Metrics } from '../harness.js';
import { measureEncode } from './gateway-encode.js';
import { measureFanout } from './gateway-fanout.js';

const ENCODE_ITERATIONS = 2_000_000;
const FANOUT = { clients: 100, processes: 4, deltas: 5_000 };

export const gatewaySuite: BenchSuite = {
  name: 'gateway',
  description: 'feed: ns per one-level delta encode (hand-packed, generated builder reused, builder per message); tick → client µs with 100 clients in 4 processes',
  async run(log: (line: string) => void): Promise<Metrics> {
    const metrics: Metrics = {};
    const encode = measureEncode(ENCODE_ITERATIONS);
    metrics.feed_encode_ns_per_delta = metric(round(encode.packedNs), 'ns/op', 'lower');
    metrics.feed_encode_builder_ns_per_delta = metric(round(encode.builderNs), 'ns/op', 'lower');
    metrics.feed_encode_naive_ns_per_delta = metric(round(encode.naiveNs), 'ns/op', 'lower');
    metrics.feed_encode_builder_over_packed = metric(round(encode.builderNs / encode.packedNs), 'ratio', 'higher');
    log(`encode: hand-packed ${encode.packedNs.toFixed(1)} ns, builder reused ${encode.builderNs.toFixed(1)} ns, builder per message ${encode.naiveNs.toFixed(1)} ns`);

    const fanout = await measureFanout(FANOUT);
    metrics.tick_to_client_p50_us = metric(round(fanout.p50Us), 'µs', 'lower');
    metrics.tick_to_client_p99_us = metric(round(fanout.p99Us), 'µs', 'lower');
    metrics.tick_to_client_p999_us = metric(round(fanout.p999Us), 'µs', 'lower');
    metrics.feed_publish_us_per_delta_100_clients = metric(round(fanout.publishUsPerDelta), 'µs', 'lower');
    metrics.feed_fanout_delivered_ratio = metric(round(fanout.deliveries / fanout.expectedDeliveries), 'ratio', 'higher');
    metrics.feed_fanout_conflations = metric(fanout.conflations, 'count', 'lower');
    log(
      `fan-out ${FANOUT.clients} clients / ${FANOUT.processes} processes, ${FANOUT.deltas} deltas: p50 ${fanout.p50Us.toFixed(1)} µs, p99 ${fanout.p99Us.toFixed(1)} µs, ` +
        `p99.9 ${fanout.p999Us.toFixed(1)} µs; publish ${fanout.publishUsPerDelta.toFixed(1)} µs/delta; delivered ${fanout.deliveries}/${fanout.expectedDeliveries}, ` +
        `gaps ${fanout.gaps}, conflations ${fanout.conflations}, drops ${fanout.drops}`,
    );
    return metrics;
  },
};

function round(value: number): number {
  return Number(value.toFixed(3));
}
