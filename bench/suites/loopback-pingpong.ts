// The machine's own floor for an order-entry round trip: 1-byte TCP ping-pong on 127.0.0.1 with the client on a worker thread, as the FIX and /v1/orders benches run theirs.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { siblingModuleUrl, startModuleWorker } from '../../src/actors/module-worker.js';
import type { PingPongWorkerOptions, PingPongWorkerResult } from './loopback-pingpong-worker.js';

/*
 * Loopback latency on a shared VM swings several-fold from one hour to the next (wake-ups of an
 * idle core are slow), so order → ack figures are only comparable as ratios to this floor measured
 * in the same run: what the protocol, the session and the handler add on top of two wake-ups.
 */
export async function measureLoopbackPingPong(warmup: number, count: number): Promise<{ p50Us: number; p99Us: number }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('data', (bytes) => socket.write(bytes));
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const options: PingPongWorkerOptions = { port: (server.address() as AddressInfo).port, warmup, count };
    const worker = startModuleWorker(siblingModuleUrl(import.meta.url, './loopback-pingpong-worker'), { workerData: options });
    const result = await new Promise<PingPongWorkerResult>((resolve, reject) => {
      worker.once('message', (message: PingPongWorkerResult) => resolve(message));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`ping-pong client exited with ${code}`)));
    });
    await worker.terminate();
    const sorted = [...result.samplesUs].sort((left, right) => left - right);
    const at = (fraction: number): number => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
    return { p50Us: at(0.5), p99Us: at(0.99) };
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
