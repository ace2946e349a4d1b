// Client of the loopback ping-pong baseline on its own thread: times 1-byte round trips over TCP on 127.0.0.1 (no protocol, no work on the server).
import { connect } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

export interface PingPongWorkerOptions {
  readonly port: number;
  readonly warmup: number;
  readonly count: number;
}

export interface PingPongWorkerResult {
  readonly samplesUs: number[];
}

const options = workerData as PingPongWorkerOptions;
const socket = connect({ host: '127.0.0.1', port: options.port });
socket.setNoDelay(true);
const samplesUs: number[] = [];
const ping = Buffer.from('x');
let rounds = 0;
let startNs = 0n;

function send(): void {
  startNs = process.hrtime.bigint();
  socket.write(ping);
}

socket.on('connect', send);
socket.on('data', () => {
  const elapsedUs = Number(process.hrtime.bigint() - startNs) / 1000;
  if (rounds++ >= options.warmup) samplesUs.push(elapsedUs);
  if (samplesUs.length === options.count) {
    socket.end();
    parentPort!.postMessage({ samplesUs } satisfies PingPongWorkerResult);
    return;
  }
  send();
});
