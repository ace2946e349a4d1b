// FIX initiator of the `fix` bench on its own thread: logs on, then times NewOrderSingle → ExecutionReport (New) round trips over TCP, cancelling each order untimed.
import { connect } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { encodeFixMessage, FixBody } from '../../src/gateway/fix/fix-encoder.js';
import { FixFrameReader } from '../../src/gateway/fix/fix-frame-reader.js';
import { logonSignature } from '../../src/gateway/fix/fix-logon-signature.js';
import { parseFixMessage } from '../../src/gateway/fix/fix-parse.js';
import { formatUtcTimestamp } from '../../src/gateway/fix/fix-time.js';

export interface FixClientWorkerOptions {
  readonly port: number;
  readonly apiKey: string;
  readonly secret: string;
  readonly symbol: string;
  /** A resting limit price (below the market). */
  readonly price: string;
  readonly quantity: string;
  readonly warmup: number;
  readonly count: number;
}

export interface FixClientWorkerResult {
  /** Round-trip times of the timed orders, microseconds. */
  readonly samplesUs: number[];
}

const options = workerData as FixClientWorkerOptions;
const SENDER = 'BENCH1';
const socket = connect({ host: '127.0.0.1', port: options.port });
socket.setNoDelay(true);
const reader = new FixFrameReader(1 << 20);
let seq = 1;
let sent = 0;
let startNs = 0n;
const samplesUs: number[] = [];
let phase: 'logon' | 'order' | 'cancel' = 'logon';

function send(msgType: string, body: string): void {
  const sendingTime = formatUtcTimestamp(Date.now());
  socket.write(encodeFixMessage({ msgType, senderCompId: SENDER, targetCompId: 'ZVT', msgSeqNum: seq++, sendingTime }, body));
}

function sendOrder(): void {
  const body = new FixBody()
    .field(11, `o-${sent}`)
    .field(55, options.symbol)
    .field(54, '1')
    .field(60, formatUtcTimestamp(Date.now()))
    .field(38, options.quantity)
    .field(40, '2')
    .field(44, options.price)
    .field(59, '1');
  phase = 'order';
  startNs = process.hrtime.bigint();
  send('D', body.toString());
}

function sendCancel(): void {
  const body = new FixBody().field(41, `o-${sent}`).field(11, `c-${sent}`).field(55, options.symbol).field(54, '1').field(60, formatUtcTimestamp(Date.now()));
  phase = 'cancel';
  send('F', body.toString());
}

function onMessage(msgType: string, execType: string | undefined): void {
  if (phase === 'logon' && msgType === 'A') return sendOrder();
  if (phase === 'order' && msgType === '8' && execType === '0') {
    const elapsedUs = Number(process.hrtime.bigint() - startNs) / 1000;
    if (sent >= options.warmup) samplesUs.push(elapsedUs);
    return sendCancel();
  }
  if (phase === 'cancel' && msgType === '8' && execType === '4') {
    sent++;
    if (sent < options.warmup + options.count) return sendOrder();
    parentPort!.postMessage({ samplesUs } satisfies FixClientWorkerResult);
    socket.destroy();
    return;
  }
  if (msgType === '3' || msgType === '5' || msgType === '9' || (msgType === '8' && execType === '8')) {
    throw new Error(`FIX bench client: unexpected ${msgType} in phase ${phase}`);
  }
}

socket.on('data', (chunk: Buffer) => {
  reader.push(chunk);
  for (let event = reader.next(); event !== null; event = reader.next()) {
    if (event.kind !== 'frame') throw new Error(`FIX bench client: ${event.kind} from the acceptor`);
    const parsed = parseFixMessage(event.bytes);
    if (!parsed.ok) throw new Error(`FIX bench client: ${parsed.problem.text}`);
    onMessage(parsed.message.msgType, parsed.message.get(150));
  }
});

socket.on('connect', () => {
  const sendingTime = formatUtcTimestamp(Date.now());
  const signature = logonSignature(options.secret, { sendingTime, msgType: 'A', msgSeqNum: '1', senderCompId: SENDER, targetCompId: 'ZVT' });
  const body = new FixBody().field(98, 0).field(108, 30).data(95, 96, signature).field(141, 'Y').field(553, options.apiKey);
  socket.write(encodeFixMessage({ msgType: 'A', senderCompId: SENDER, targetCompId: 'ZVT', msgSeqNum: seq++, sendingTime }, body.toString()));
});
