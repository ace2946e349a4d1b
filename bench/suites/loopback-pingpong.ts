// The machine's own floor for an order-entry round trip: 1-byte TCP ping-pong on 127.0.0.1 with the client on a worker thread, as the FIX and /v1/orders benches run theirs.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { PingPongWorkerOptions } from './loopback-pingpong-worker.js';
import { percentile, runClientThread } from './order-entry-bench-venue.js';

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
    const sorted = await runClientThread(import.meta.url, './loopback-pingpong-worker', options);
    return { p50Us: percentile(sorted, 0.5), p99Us: percentile(sorted, 0.99) };
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
