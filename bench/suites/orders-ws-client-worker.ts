// /v1/orders client of the `orders-ws` bench on its own thread: logs on, then times NewOrder → ExecutionReport (New) round trips over WebSocket, cancelling each order untimed.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import { logonSignature } from '../../src/gateway/fix/fix-logon-signature.js';
import { formatUtcTimestamp } from '../../src/gateway/fix/fix-time.js';
import { decodeOrdersFrame } from '../../src/gateway/orders-ws/orders-ws-decoder.js';
import { OrdersWsEncoder } from '../../src/gateway/orders-ws/orders-ws-encoder.js';
import type { WsBody } from '../../src/gateway/orders-ws/orders-ws-frames.js';
import { wsLogonSignedFields } from '../../src/gateway/orders-ws/orders-ws-logon.js';

export interface OrdersWsClientWorkerOptions {
  readonly url: string;
  readonly apiKey: string;
  readonly secret: string;
  readonly symbol: string;
  /** A resting limit price (below the market). */
  readonly price: string;
  readonly quantity: string;
  readonly warmup: number;
  readonly count: number;
}

export interface OrdersWsClientWorkerResult {
  /** Round-trip times of the timed orders, microseconds. */
  readonly samplesUs: number[];
}

const options = workerData as OrdersWsClientWorkerOptions;
const encoder = new OrdersWsEncoder();
const socket = new WebSocket(options.url, { perMessageDeflate: false });
socket.binaryType = 'nodebuffer';
let requestId = 0n;
let sent = 0;
let startNs = 0n;
const samplesUs: number[] = [];
let phase: 'logon' | 'order' | 'cancel' = 'logon';

function send(body: WsBody): void {
  // The encoder's view is reused; ws may write it later: copy.
  socket.send(encoder.encode({ seq: 0n, requestId: ++requestId, body }).slice(), { binary: true });
}

function sendOrder(): void {
  phase = 'order';
  startNs = process.hrtime.bigint();
  send({
    kind: 'newOrder',
    order: { clientOrderId: `o-${sent}`, symbol: options.symbol, side: 'buy', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity: options.quantity, price: options.price },
  });
}

function sendCancel(): void {
  phase = 'cancel';
  send({ kind: 'cancel', clientOrderId: `c-${sent}`, origClientOrderId: `o-${sent}`, orderId: null, symbol: options.symbol, side: 'buy' });
}

socket.on('message', (data: Buffer) => {
  const body = decodeOrdersFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)).body;
  if (phase === 'logon' && body.kind === 'logonAck') return sendOrder();
  if (phase === 'order' && body.kind === 'executionReport' && body.execType === 'new') {
    const elapsedUs = Number(process.hrtime.bigint() - startNs) / 1000;
    if (sent >= options.warmup) samplesUs.push(elapsedUs);
    return sendCancel();
  }
  if (phase === 'cancel' && body.kind === 'executionReport' && body.execType === 'canceled') {
    sent++;
    if (sent < options.warmup + options.count) return sendOrder();
    parentPort!.postMessage({ samplesUs } satisfies OrdersWsClientWorkerResult);
    socket.close();
    return;
  }
  throw new Error(`orders-ws bench client: unexpected ${body.kind} in phase ${phase}: ${JSON.stringify(body)}`);
});

socket.on('open', () => {
  requestId++;
  const sendingTime = formatUtcTimestamp(Date.now());
  const signature = logonSignature(options.secret, wsLogonSignedFields(options.apiKey, sendingTime, requestId, 'ZVT'));
  socket.send(encoder.encode({ seq: 0n, requestId, body: { kind: 'logon', apiKey: options.apiKey, sendingTime, signature } }).slice(), { binary: true });
});
