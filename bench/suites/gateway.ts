// `gateway` suite: binary feed encode cost per delta (hand-packed vs generated builder), tick → client latency with 100 feed clients over loopback, and FIX order → ack.
import { metric, type BenchSuite, type Metrics } from '../harness.js';
import { fixSuite } from './fix.js';
import { measureLoopbackPingPong } from './loopback-pingpong.js';
import { ordersWsSuite } from './orders-ws.js';
import { measureEncode } from './gateway-encode.js';
import { measureFanout } from './gateway-fanout.js';

const ENCODE_ITERATIONS = 2_000_000;
/** Round trips of the loopback floor (as many as the order-entry benches time). */
const PINGPONG = { warmup: 2_000, count: 20_000 };
/**
 * 100 clients in 4 processes, 500 one-level deltas a second (50 000 deliveries a second), 3000 deltas:
 * one delta per tick every 2 ms, then the same rate as bursts of 10 every 20 ms (a ring batch).
 */
const FANOUT = { clients: 100, processes: 4, deltas: 3_000 };
const SCENARIOS = [
  { batch: 1, intervalMs: 2, suffix: '' },
  { batch: 10, intervalMs: 20, suffix: '_batch10' },
] as const;

export const gatewaySuite: BenchSuite = {
  name: 'gateway',
  description:
    'feed: ns per one-level delta encode (hand-packed, generated builder reused, builder per message); tick → client µs with 100 clients in 4 processes, uWS-topic vs direct fan-out; FIX NewOrderSingle → ExecutionReport µs and /v1/orders NewOrder → ExecutionReport µs (the `fix` and `orders-ws` suites, run here too so one run reports every gateway figure)',
  async run(log: (line: string) => void): Promise<Metrics> {
    const metrics: Metrics = {};
    const encode = measureEncode(ENCODE_ITERATIONS);
    metrics.feed_encode_ns_per_delta = metric(round(encode.packedNs), 'ns/op', 'lower');
    metrics.feed_encode_builder_ns_per_delta = metric(round(encode.builderNs), 'ns/op', 'lower');
    metrics.feed_encode_naive_ns_per_delta = metric(round(encode.naiveNs), 'ns/op', 'lower');
    metrics.feed_encode_builder_over_packed = metric(round(encode.builderNs / encode.packedNs), 'ratio', 'higher');
    log(`encode: hand-packed ${encode.packedNs.toFixed(1)} ns, builder reused ${encode.builderNs.toFixed(1)} ns, builder per message ${encode.naiveNs.toFixed(1)} ns`);

    for (const scenario of SCENARIOS) {
      for (const mode of ['topics', 'direct'] as const) {
        const fanout = await measureFanout({ ...FANOUT, batch: scenario.batch, intervalMs: scenario.intervalMs, fanout: mode });
        // The production path ('topics') has the plain names; the direct-send peer is suffixed.
        const suffix = `${scenario.suffix}${mode === 'topics' ? '' : '_direct'}`;
        metrics[`tick_to_client_p50_us${suffix}`] = metric(round(fanout.p50Us), 'µs', 'lower');
        metrics[`tick_to_client_p99_us${suffix}`] = metric(round(fanout.p99Us), 'µs', 'lower');
        metrics[`feed_server_cpu_us_per_delta_100_clients${suffix}`] = metric(round(fanout.serverCpuUsPerDelta), 'µs', 'lower');
        metrics[`feed_fanout_delivered_ratio${suffix}`] = metric(round(fanout.deliveries / fanout.expectedDeliveries), 'ratio', 'higher');
        log(
          `fan-out (${mode}) ${FANOUT.clients} clients / ${FANOUT.processes} processes, ${FANOUT.deltas} deltas, ${scenario.batch} every ${scenario.intervalMs} ms: ` +
            `p50 ${fanout.p50Us.toFixed(1)} µs, p99 ${fanout.p99Us.toFixed(1)} µs, p99.9 ${fanout.p999Us.toFixed(1)} µs; ` +
            `server CPU ${fanout.serverCpuUsPerDelta.toFixed(1)} µs/delta, publish call ${fanout.publishUsPerDelta.toFixed(1)} µs; ` +
            `delivered ${fanout.deliveries}/${fanout.expectedDeliveries}, gaps ${fanout.gaps}, conflations ${fanout.conflations}, drops ${fanout.drops}`,
        );
      }
    }
    // Both order-entry protocols and the machine's loopback floor in the same run, so their figures compare as ratios.
    const floor = await measureLoopbackPingPong(PINGPONG.warmup, PINGPONG.count);
    metrics.loopback_pingpong_p50_us = metric(round(floor.p50Us), 'µs', 'lower');
    metrics.loopback_pingpong_p99_us = metric(round(floor.p99Us), 'µs', 'lower');
    log(`loopback TCP ping-pong (client on a worker thread): p50 ${floor.p50Us.toFixed(1)} µs, p99 ${floor.p99Us.toFixed(1)} µs`);
    Object.assign(metrics, await fixSuite.run(log));
    Object.assign(metrics, await ordersWsSuite.run(log));
    const fixP50 = metrics.fix_order_to_ack_p50_us?.value;
    const wsP50 = metrics.order_ws_to_ack_p50_us?.value;
    if (fixP50 !== undefined) metrics.fix_ack_over_loopback_p50 = metric(round(fixP50 / floor.p50Us), 'ratio', 'lower');
    if (wsP50 !== undefined) metrics.order_ws_ack_over_loopback_p50 = metric(round(wsP50 / floor.p50Us), 'ratio', 'lower');
    if (fixP50 !== undefined && wsP50 !== undefined) metrics.order_ws_over_fix_ack_p50 = metric(round(wsP50 / fixP50), 'ratio', 'lower');
    return metrics;
  },
};

function round(value: number): number {
  return Number(value.toFixed(3));
}
