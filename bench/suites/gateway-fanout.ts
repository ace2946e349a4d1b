// Feed fan-out load test: one FeedHub + uWS server here, 100 `ws` clients in several child processes, tick → client latency over loopback.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as hdr from 'hdr-histogram-js';
import { FeedHub } from '../../src/gateway/feed/feed-hub.js';
import { FeedLevels } from '../../src/gateway/feed/feed-levels.js';
import { FeedServer } from '../../src/gateway/feed/feed-server.js';
import type { FeedFanoutMode } from '../../src/gateway/feed/feed-fanout.js';
import { createRecordStamps, STAMP_RECV_INDEX } from '../../src/model/record-header.js';

/*
 * DESIGN §10: one `ws` client process costs ~1 µs of CPU per delivery and becomes what is measured,
 * so the clients are spread over several processes. The source publishes `batch` one-level deltas
 * every intervalMs (setInterval), stamping ts_recv_ns with CLOCK_MONOTONIC (process.hrtime),
 * which every process on the machine shares; clients subtract it from their own hrtime on receipt,
 * after decoding with the generated code. Latency therefore covers hub apply + encode + the fan-out
 * loop position + loopback + the client's event loop and decode.
 */

export interface FanoutOptions {
  clients: number;
  processes: number;
  deltas: number;
  /** Milliseconds between ticks (setInterval). */
  intervalMs: number;
  /** Deltas published per tick, back to back (as a ring batch drained at once would be). */
  batch: number;
  fanout: FeedFanoutMode;
}

export interface FanoutFigures {
  p50Us: number;
  p99Us: number;
  p999Us: number;
  /** Mean wall time of one onBookDelta with every client subscribed (apply, encode once, publish or all sends). */
  publishUsPerDelta: number;
  /** Server process CPU (user + system) per delta over the publishing period: includes uWS's writes, which 'topics' mode does after the call. */
  serverCpuUsPerDelta: number;
  deliveries: number;
  expectedDeliveries: number;
  gaps: number;
  conflations: number;
  drops: number;
}

interface ClientResult {
  type: 'result';
  histogram: string;
  deltas: number;
  gaps: number;
}

const TOPIC = 'book.binance:BTC-USDT';

function waitFor<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }): void => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`feed client process exited with ${String(code)} before "${type}"`)));
  });
}

export async function measureFanout(options: FanoutOptions): Promise<FanoutFigures> {
  const hub = new FeedHub({ hardLimitBytes: 64 * 1024 * 1024, softLimitBytes: 8 * 1024 * 1024, resumeBelowBytes: 1024 * 1024 });
  const instrument = hub.addInstrument('binance:BTC-USDT', { priceDecimals: 2, sizeDecimals: 8 });
  const stamps = createRecordStamps();
  const levels = new FeedLevels();
  for (let index = 1; index <= 200; index++) {
    levels.addBid(6_500_000 - index, 100_000 * index);
    levels.addAsk(6_500_000 + index, 100_000 * index);
  }
  hub.onBookSnapshot(instrument, levels, stamps);
  const server = await FeedServer.start(hub, { fanout: options.fanout });
  const script = fileURLToPath(new URL('./gateway-feed-client.js', import.meta.url));
  const perProcess = Math.ceil(options.clients / options.processes);
  const children: ChildProcess[] = [];
  try {
    for (let index = 0; index < options.processes; index++) {
      const count = Math.min(perProcess, options.clients - index * perProcess);
      children.push(fork(script, [server.url, String(count), TOPIC], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    }
    await Promise.all(children.map((child) => waitFor(child, 'ready')));
    let published = 0;
    let publishNs = 0n;
    const cpuBefore = process.cpuUsage();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        for (let index = 0; index < options.batch && published < options.deltas; index++) {
          levels.clear();
          const price = 6_500_000 + (published % 7) - 3;
          if (published % 2 === 0) levels.addBid(price - 4, published % 5 === 0 ? 0 : 1_000 + published);
          else levels.addAsk(price + 4, published % 5 === 0 ? 0 : 1_000 + published);
          const start = process.hrtime.bigint();
          writeMonotonicNs(stamps, start);
          hub.onBookDelta(instrument, levels, stamps);
          publishNs += process.hrtime.bigint() - start;
          published++;
        }
        if (published === options.deltas) {
          clearInterval(timer);
          resolve();
        }
      }, options.intervalMs);
    });
    const cpu = process.cpuUsage(cpuBefore);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const results = await Promise.all(
      children.map((child) => {
        const result = waitFor<ClientResult>(child, 'result');
        child.send({ type: 'finish' });
        return result;
      }),
    );
    const merged = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60e9, numberOfSignificantValueDigits: 3 });
    for (const result of results) merged.add(hdr.decodeFromCompressedBase64(result.histogram));
    const stats = hub.stats();
    return {
      p50Us: merged.getValueAtPercentile(50) / 1000,
      p99Us: merged.getValueAtPercentile(99) / 1000,
      p999Us: merged.getValueAtPercentile(99.9) / 1000,
      publishUsPerDelta: Number(publishNs) / options.deltas / 1000,
      serverCpuUsPerDelta: (cpu.user + cpu.system) / options.deltas,
      deliveries: results.reduce((sum, result) => sum + result.deltas, 0),
      expectedDeliveries: options.deltas * options.clients,
      gaps: results.reduce((sum, result) => sum + result.gaps, 0),
      conflations: stats.conflations,
      drops: stats.slowConsumerDrops,
    };
  } finally {
    for (const child of children) child.kill();
    server.close();
  }
}

/** The monotonic clock in the tsRecvNs slot of the stamps (lo, hi words), as the clients read it back. */
function writeMonotonicNs(stamps: Uint32Array, ns: bigint): void {
  stamps[STAMP_RECV_INDEX] = Number(ns & 0xffff_ffffn);
  stamps[STAMP_RECV_INDEX + 1] = Number(ns >> 32n);
}
