// One side (producer or consumer) of a ring benchmark, run on its own worker thread.
import * as hdr from 'hdr-histogram-js';
import { parentPort, workerData } from 'node:worker_threads';
import { calibrateMonoClock, type ClockBase } from '../../src/actors/clock-calibration.js';
import { Doorbell } from '../../src/hotpath/doorbell.js';
import { RingConsumer } from '../../src/hotpath/ring-consumer.js';
import { RingProducer } from '../../src/hotpath/ring-producer.js';
import { SpinThenPark } from '../../src/hotpath/spin-then-park.js';

export interface RingWorkerOptions {
  role: 'producer' | 'consumer';
  mode: 'throughput' | 'latency';
  ringBuffer: SharedArrayBuffer;
  doorbellBuffer: SharedArrayBuffer;
  clockBase: ClockBase;
  /** Payload bytes; 56 + the 8-byte header makes the 64-byte records the suite reports on. */
  payloadBytes: number;
  /** Throughput mode: records to send, and records per publish. */
  count: number;
  batch: number;
  /** Latency mode: paced send rate and how long to send. */
  ratePerSecond: number;
  durationMs: number;
  spinIterations: number;
  parkTimeoutMs: number;
}

export interface RingWorkerResult {
  startNs?: number;
  endNs?: number;
  received?: number;
  p50Ns?: number;
  p99Ns?: number;
  p999Ns?: number;
  maxNs?: number;
  samples?: number;
  parks?: number;
  clockUncertaintyNs: number;
}

const options = workerData as RingWorkerOptions;
const clock = calibrateMonoClock(options.clockBase);
const port = parentPort!;

function runProducer(): RingWorkerResult {
  const producer = new RingProducer(options.ringBuffer, new Doorbell(options.doorbellBuffer));
  const f64 = producer.f64;
  const size = options.payloadBytes;
  if (options.mode === 'throughput') {
    const mask = options.batch - 1;
    const startNs = clock.now();
    for (let i = 0; i < options.count; i++) {
      let offset = producer.tryClaim(1, size);
      while (offset < 0) {
        producer.publish();
        offset = producer.tryClaim(1, size);
      }
      f64[offset >> 3] = i;
      if ((i & mask) === mask) producer.publish();
    }
    producer.publish();
    return { startNs, clockUncertaintyNs: clock.uncertaintyNs };
  }
  // Latency: one record per publish at a fixed pace, stamped with its INTENDED send time so a
  // stalled producer or consumer shows up as latency instead of hiding (coordinated omission).
  const intervalNs = 1e9 / options.ratePerSecond;
  const total = Math.floor((options.durationMs / 1000) * options.ratePerSecond);
  let next = clock.now() + intervalNs;
  for (let i = 0; i < total; i++) {
    while (clock.now() < next) {
      // busy-wait to the next send slot
    }
    let offset = producer.tryClaim(1, size);
    while (offset < 0) offset = producer.tryClaim(1, size);
    f64[offset >> 3] = next;
    f64[(offset >> 3) + 1] = i === total - 1 ? 1 : 0;
    producer.publish();
    next += intervalNs;
  }
  return { clockUncertaintyNs: clock.uncertaintyNs };
}

function runConsumer(): RingWorkerResult {
  const consumer = new RingConsumer(options.ringBuffer);
  const idler = new SpinThenPark(new Doorbell(options.doorbellBuffer), options.spinIterations, options.parkTimeoutMs);
  const f64 = consumer.f64;
  const hasWork = (): boolean => !consumer.isEmpty();
  let received = 0;
  let checksum = 0;
  if (options.mode === 'throughput') {
    const onRecord = (_type: number, offset: number): void => {
      checksum += f64[offset >> 3]!;
      received++;
    };
    while (received < options.count) {
      if (consumer.read(onRecord) > 0) idler.onWork();
      else idler.idle(hasWork);
    }
    const endNs = clock.now();
    if (checksum !== (options.count * (options.count - 1)) / 2) throw new Error('ring benchmark lost or damaged records');
    return { endNs, received, parks: idler.parks, clockUncertaintyNs: clock.uncertaintyNs };
  }
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60e9, numberOfSignificantValueDigits: 3 });
  const total = Math.floor((options.durationMs / 1000) * options.ratePerSecond);
  const warmup = Math.floor(total / 10);
  let done = false;
  const onRecord = (_type: number, offset: number): void => {
    const latency = clock.now() - f64[offset >> 3]!;
    if (received >= warmup) histogram.recordValue(latency > 1 ? Math.round(latency) : 1);
    if (f64[(offset >> 3) + 1] === 1) done = true;
    received++;
  };
  while (!done) {
    if (consumer.read(onRecord) > 0) idler.onWork();
    else idler.idle(hasWork);
  }
  return {
    received,
    samples: histogram.totalCount,
    p50Ns: histogram.getValueAtPercentile(50),
    p99Ns: histogram.getValueAtPercentile(99),
    p999Ns: histogram.getValueAtPercentile(99.9),
    maxNs: histogram.maxValue,
    parks: idler.parks,
    clockUncertaintyNs: clock.uncertaintyNs,
  };
}

port.postMessage({ ready: true });
port.once('message', () => {
  port.postMessage(options.role === 'producer' ? runProducer() : runConsumer());
});
