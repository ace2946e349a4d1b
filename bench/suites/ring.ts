// `ring` suite: SPSC ring throughput and one-way latency, spinning vs parking consumer (DESIGN §4).
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../src/actors/module-worker.js';
import { takeClockBase } from '../../src/actors/clock-calibration.js';
import { Doorbell } from '../../src/hotpath/doorbell.js';
import { allocateRingBuffer } from '../../src/hotpath/ring-layout.js';
import { metric, type BenchSuite, type Metrics } from '../harness.js';
import type { RingWorkerOptions, RingWorkerResult } from './ring-worker.js';

const WORKER_URL = new URL('./ring-worker.js', import.meta.url);
const RECORD_PAYLOAD_BYTES = 56; // + 8-byte header = 64-byte records
const THROUGHPUT_RECORDS = 20_000_000;
const THROUGHPUT_RING_BYTES = 64 * 1024;
const LATENCY_RING_BYTES = 64 * 1024;
const SPIN_FOREVER = 2 ** 31 - 1;

type RunOptions = Pick<RingWorkerOptions, 'mode' | 'count' | 'batch' | 'ratePerSecond' | 'durationMs' | 'spinIterations'> & { ringBytes: number };

async function runPair(run: RunOptions): Promise<{ producer: RingWorkerResult; consumer: RingWorkerResult }> {
  const shared = {
    ...run,
    ringBuffer: allocateRingBuffer(run.ringBytes),
    doorbellBuffer: new Doorbell().buffer,
    clockBase: takeClockBase(),
    payloadBytes: RECORD_PAYLOAD_BYTES,
    parkTimeoutMs: 1000,
  };
  const start = async (role: RingWorkerOptions['role']): Promise<Worker> => {
    const worker = startModuleWorker(WORKER_URL, { workerData: { ...shared, role } });
    await once(worker, 'message');
    return worker;
  };
  const consumerWorker = await start('consumer');
  const producerWorker = await start('producer');
  const consumerResult = once(consumerWorker, 'message');
  const producerResult = once(producerWorker, 'message');
  consumerWorker.postMessage('go');
  producerWorker.postMessage('go');
  const [[producer], [consumer]] = (await Promise.all([producerResult, consumerResult])) as [[RingWorkerResult], [RingWorkerResult]];
  await Promise.all([consumerWorker.terminate(), producerWorker.terminate()]);
  return { producer, consumer };
}

async function throughput(spinIterations: number, batch: number): Promise<{ msgsPerSecond: number; parks: number }> {
  const { producer, consumer } = await runPair({ mode: 'throughput', count: THROUGHPUT_RECORDS, batch, ratePerSecond: 0, durationMs: 0, spinIterations, ringBytes: THROUGHPUT_RING_BYTES });
  const seconds = (consumer.endNs! - producer.startNs!) / 1e9;
  return { msgsPerSecond: Math.round(THROUGHPUT_RECORDS / seconds), parks: consumer.parks ?? 0 };
}

async function latency(spinIterations: number): Promise<RingWorkerResult> {
  const { consumer } = await runPair({ mode: 'latency', count: 0, batch: 1, ratePerSecond: 100_000, durationMs: 3000, spinIterations, ringBytes: LATENCY_RING_BYTES });
  return consumer;
}

export const ringSuite: BenchSuite = {
  name: 'ring',
  description: 'SPSC SharedArrayBuffer ring, 64-byte records, two threads; spinning vs parking consumer',
  async run(log): Promise<Metrics> {
    const spin = await throughput(SPIN_FOREVER, 256);
    log(`spin throughput (publish per 256): ${spin.msgsPerSecond.toLocaleString()} msgs/s`);
    const spinEach = await throughput(SPIN_FOREVER, 1);
    log(`spin throughput (publish per record): ${spinEach.msgsPerSecond.toLocaleString()} msgs/s`);
    const park = await throughput(0, 256);
    log(`park throughput: ${park.msgsPerSecond.toLocaleString()} msgs/s, ${park.parks} parks`);
    const spinLatency = await latency(SPIN_FOREVER);
    log(`spin latency @100k/s: p50 ${spinLatency.p50Ns} ns, p99 ${spinLatency.p99Ns} ns (clock uncertainty ±${Math.round(spinLatency.clockUncertaintyNs)} ns)`);
    const parkLatency = await latency(0);
    log(`park latency @100k/s: p50 ${parkLatency.p50Ns} ns, p99 ${parkLatency.p99Ns} ns, ${parkLatency.parks} parks`);
    return {
      spsc_spin_msgs_per_s: metric(spin.msgsPerSecond, 'msgs/s', 'higher'),
      spsc_spin_publish_each_msgs_per_s: metric(spinEach.msgsPerSecond, 'msgs/s', 'higher'),
      batched_publish_speedup: metric(Math.round((spin.msgsPerSecond / spinEach.msgsPerSecond) * 100) / 100, 'x', 'higher'),
      spsc_park_msgs_per_s: metric(park.msgsPerSecond, 'msgs/s', 'higher'),
      spin_latency_p50_ns: metric(spinLatency.p50Ns!, 'ns', 'lower'),
      spin_latency_p99_ns: metric(spinLatency.p99Ns!, 'ns', 'lower'),
      spin_latency_p999_ns: metric(spinLatency.p999Ns!, 'ns', 'lower'),
      park_latency_p50_ns: metric(parkLatency.p50Ns!, 'ns', 'lower'),
      park_latency_p99_ns: metric(parkLatency.p99Ns!, 'ns', 'lower'),
      park_latency_p999_ns: metric(parkLatency.p999Ns!, 'ns', 'lower'),
      park_vs_spin_latency_p50_ratio: metric(Math.round((parkLatency.p50Ns! / spinLatency.p50Ns!) * 10) / 10, 'x', 'lower'),
      clock_uncertainty_ns: metric(Math.round(Math.max(spinLatency.clockUncertaintyNs, parkLatency.clockUncertaintyNs)), 'ns', 'lower'),
    };
  },
};
