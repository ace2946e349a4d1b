// Child process of the gateway suite's fan-out test: N `ws` feed clients that decode every message with the generated code and record tick → client latency.
import * as hdr from 'hdr-histogram-js';
import { ByteBuffer } from 'flatbuffers';
import WebSocket from 'ws';
import { Body, Delta, FeedMessage } from '../../schema/generated/feed_generated.js';

/*
 * argv: <url> <connections> <topic>. Each connection subscribes to <topic>; for every Delta the
 * latency is process.hrtime (CLOCK_MONOTONIC, one clock for every process on the machine) minus
 * the header's ts_recv_ns, which the bench's source stamps with the same clock at the tick.
 * Messages: parent → {type:'finish'}; child → {type:'ready'} once every connection holds its
 * snapshot, then {type:'result', histogram, deltas, gaps}.
 */

interface FinishMessage {
  type: 'finish';
}

const [url, connectionsText, topic] = process.argv.slice(2);
const connections = Number(connectionsText);
const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60e9, numberOfSignificantValueDigits: 3 });
let deltas = 0;
let gaps = 0;
let ready = 0;
const sockets: WebSocket[] = [];
const delta = new Delta();

for (let index = 0; index < connections; index++) {
  const socket = new WebSocket(url!, { perMessageDeflate: false });
  let lastSeq = -1n;
  socket.binaryType = 'nodebuffer';
  socket.on('open', () => socket.send(JSON.stringify({ op: 'subscribe', topics: [topic] })));
  socket.on('message', (data: Buffer) => {
    const message = FeedMessage.getRootAsFeedMessage(new ByteBuffer(data));
    const type = message.bodyType();
    if (type === Body.Snapshot) {
      if (lastSeq < 0n && ++ready === connections) process.send!({ type: 'ready' });
      lastSeq = 0n;
      return;
    }
    if (type !== Body.Delta) return;
    const header = (message.body(delta) as Delta).header()!;
    const now = process.hrtime.bigint();
    histogram.recordValue(Number(now - header.tsRecvNs()));
    const seq = header.seq();
    if (lastSeq > 0n && seq !== lastSeq + 1n) gaps++;
    lastSeq = seq;
    deltas++;
  });
  socket.on('error', (error) => {
    process.stderr.write(`feed client: ${error.message}\n`);
    process.exit(1);
  });
  sockets.push(socket);
}

process.on('message', (message: FinishMessage) => {
  if (message.type !== 'finish') return;
  for (const socket of sockets) socket.terminate();
  process.send!({ type: 'result', histogram: hdr.encodeIntoCompressedBase64(histogram), deltas, gaps }, () => process.exit(0));
});
