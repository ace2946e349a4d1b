// The replay server answers a raw client's recovery as each venue would: fresh snapshots in the venue's format, REST depth of the current book, faults as configured.
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadRecording } from '../../../src/sim/recording/read-recording.js';
import type { Recording } from '../../../src/sim/recording/recording-format.js';
import type { ReplayFaults } from '../../../src/sim/replay/replay-faults.js';
import { ReplayServer } from '../../../src/sim/replay/replay-server.js';
import { OKX_SYNTHETIC_RECORDING } from '../../helpers/okx-synthetic-recording.js';
import { canonical, reconstructBooks, topLevels } from '../../helpers/plain-books.js';
import { BINANCE_RECORDING, BYBIT_RECORDING, COINBASE_RECORDING } from '../../helpers/recordings.js';

type Json = Record<string, unknown>;

let servers: ReplayServer[] = [];
let sockets: WebSocket[] = [];
afterEach(() => {
  for (const socket of sockets) socket.terminate();
  for (const server of servers) server.close();
  servers = [];
  sockets = [];
});

async function start(recording: Recording, speed: number | 'max' = 'max', faults: ReplayFaults = {}): Promise<ReplayServer> {
  const server = await ReplayServer.start(recording, { speed, faults });
  servers.push(server);
  return server;
}

interface Client {
  socket: WebSocket;
  received: string[];
  closed: Promise<number>;
}

async function connect(server: ReplayServer, path: string): Promise<Client> {
  const socket = new WebSocket(`${server.wsUrl}${path}`);
  sockets.push(socket);
  const received: string[] = [];
  socket.on('message', (data: Buffer) => received.push(data.toString('utf8')));
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return { socket, received, closed };
}

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function recordedSends(recording: Recording, conn: string): string[] {
  return recording.connections.find((connection) => connection.conn === conn)!.frames.filter((frame) => frame.direction === 'send').map((frame) => frame.data);
}

function recordedReceives(recording: Recording, conn: string): string[] {
  return recording.connections.find((connection) => connection.conn === conn)!.frames.filter((frame) => frame.direction === 'recv').map((frame) => frame.data);
}

/** [price, size] pairs as canonical text, for comparing a venue's level arrays with the plain oracle. */
function canonicalLevels(levels: readonly (readonly string[])[]): [string, string][] {
  return levels.map((level) => [canonical(level[0]!), canonical(level[1]!)]);
}

describe('replay server recovery', () => {
  it('Bybit: unsubscribe + subscribe of a book → replies, then a snapshot of the current book in Bybit format (u, seq, member order, text as sent)', async () => {
    const recording = await loadRecording(BYBIT_RECORDING);
    const server = await start(recording);
    const client = await connect(server, '/v5/public/linear');
    for (const frame of recordedSends(recording, 'BYBIT.ws.2')) client.socket.send(frame);
    const recorded = recordedReceives(recording, 'BYBIT.ws.2');
    await until(() => client.received.length === recorded.length, 'the linear stream');
    expect(client.received).toEqual(recorded);

    client.socket.send('{"op":"unsubscribe","args":["orderbook.200.BTCUSDT"],"req_id":"r1"}');
    client.socket.send('{"op":"subscribe","args":["orderbook.200.BTCUSDT"],"req_id":"r2"}');
    await until(() => client.received.length === recorded.length + 3, 'replies and snapshot');
    const [unsubscribed, subscribed, snapshotText] = client.received.slice(recorded.length).map((text) => JSON.parse(text) as Json);
    expect(unsubscribed).toMatchObject({ success: true, op: 'unsubscribe', req_id: 'r1' });
    expect(subscribed).toMatchObject({ success: true, op: 'subscribe', req_id: 'r2' });
    const snapshot = snapshotText as { topic: string; type: string; data: { s: string; b: string[][]; a: string[][]; u: number; seq: number } };
    const lastRecorded = JSON.parse(recorded.filter((text) => text.includes('"orderbook.200.BTCUSDT"')).at(-1)!) as typeof snapshot;
    expect(Object.keys(snapshot)).toEqual(Object.keys(lastRecorded));
    expect(Object.keys(snapshot.data)).toEqual(Object.keys(lastRecorded.data));
    expect(snapshot).toMatchObject({ topic: 'orderbook.200.BTCUSDT', type: 'snapshot', data: { s: 'BTCUSDT', u: lastRecorded.data.u, seq: lastRecorded.data.seq } });
    // The whole 200-level book, not only its top: exactly the plain reconstruction of the recording.
    const plain = topLevels(reconstructBooks(BYBIT_RECORDING).get('bybit:linear:BTCUSDT')!, 200);
    expect(snapshot.data.b).toHaveLength(200);
    expect(canonicalLevels(snapshot.data.b)).toEqual(plain.bids);
    expect(canonicalLevels(snapshot.data.a)).toEqual(plain.asks);
    // Levels as the venue wrote them (linear prices keep two decimals: "65114.20").
    const sent = new Set(recorded.flatMap((text) => (text.includes('"orderbook.200.BTCUSDT"') ? [...(JSON.parse(text) as typeof snapshot).data.b, ...(JSON.parse(text) as typeof snapshot).data.a].map((level) => level.join('|')) : [])));
    for (const level of [...snapshot.data.b, ...snapshot.data.a]) expect(sent.has(level.join('|')), level.join('|')).toBe(true);
  });

  it('Bybit: a disconnect fault closes the session after N frames; a reconnecting client gets nothing before it subscribes, then a snapshot and the deltas that continue it', async () => {
    const recording = await loadRecording(BYBIT_RECORDING);
    const server = await start(recording, 'max', { disconnect: [{ conn: 'BYBIT.ws.3', afterFrames: 300 }] });
    const first = await connect(server, '/v5/public/spot');
    for (const frame of recordedSends(recording, 'BYBIT.ws.3')) first.socket.send(frame);
    expect(await first.closed).toBe(1001);
    const recorded = recordedReceives(recording, 'BYBIT.ws.3');
    expect(first.received).toEqual(recorded.slice(0, 300));

    const second = await connect(server, '/v5/public/spot');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(second.received).toEqual([]);
    second.socket.send('{"op":"subscribe","args":["orderbook.200.BTCUSDT","publicTrade.BTCUSDT"]}');
    await until(() => server.stats()[1]!.finished, 'the rest of the spot stream');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const messages = second.received.map((text) => JSON.parse(text) as Json);
    expect(messages[0]).toMatchObject({ success: true, op: 'subscribe' });
    const books = messages.filter((message) => typeof message.topic === 'string' && message.topic.startsWith('orderbook.'));
    // Only the subscribed book, starting with its snapshot; ETHUSDT's book frames are withheld.
    expect(books.every((message) => message.topic === 'orderbook.200.BTCUSDT')).toBe(true);
    expect(books[0]!.type).toBe('snapshot');
    const updateIds = books.map((message) => (message.data as { u: number }).u);
    for (let index = 1; index < updateIds.length; index++) expect(updateIds[index]).toBe(updateIds[index - 1]! + 1);
    expect(books.length).toBeGreaterThan(100);
    expect(server.stats()[1]).toMatchObject({ conn: 'BYBIT.ws.3', sessions: 2, finished: true, faults: { disconnects: 1 } });
  });

  it('Coinbase: a dropped frame leaves a hole in sequence_num; inserted replies and snapshots are numbered in line and the frames after them renumbered', async () => {
    const recording = await loadRecording(COINBASE_RECORDING);
    // About 2.5 s for the whole session, so the resubscription lands mid-stream.
    const server = await start(recording, 10, { drop: [{ symbol: 'BTC-USD', after: 100 }] });
    const client = await connect(server, '/');
    for (const frame of recordedSends(recording, 'COINBASE.ws.2')) client.socket.send(frame);
    await until(() => client.received.length >= 400, 'part of the stream');
    client.socket.send('{"type":"unsubscribe","product_ids":["BTC-USD"],"channel":"level2"}');
    client.socket.send('{"type":"subscribe","product_ids":["BTC-USD"],"channel":"level2"}');
    await until(() => server.finished, 'the whole stream');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const messages = client.received.map((text) => JSON.parse(text) as Json & { sequence_num: number });
    const holes = messages.flatMap((message, index) => (index > 0 && message.sequence_num !== messages[index - 1]!.sequence_num + 1 ? [[messages[index - 1]!.sequence_num, message.sequence_num]] : []));
    expect(holes).toHaveLength(1);
    expect(holes[0]![1]).toBe(holes[0]![0]! + 2);
    // The replies to the unsubscribe and the subscribe (other products' frames may come between), then the snapshot.
    const replies = messages.flatMap((message, index) => (message.channel === 'subscriptions' && message.sequence_num > 100 ? [index] : []));
    expect(replies).toHaveLength(2);
    expect(replies[0]).toBeGreaterThanOrEqual(400);
    const listed = (index: number): unknown => (messages[index]!.events as { subscriptions: Record<string, string[]> }[])[0]!.subscriptions;
    expect(listed(replies[0]!)).toEqual({ candles: ['BTC-USD', 'ETH-USD'], heartbeats: ['heartbeats'], level2: ['ETH-USD'], market_trades: ['BTC-USD', 'ETH-USD'], ticker: ['BTC-USD', 'ETH-USD'] });
    expect(listed(replies[1]!)).toMatchObject({ level2: ['ETH-USD', 'BTC-USD'] });
    const level2Of = (message: Json): string | undefined => (message.channel === 'l2_data' ? (message.events as { product_id: string }[])[0]!.product_id : undefined);
    expect(messages.slice(replies[0], replies[1]).some((message) => level2Of(message) === 'BTC-USD')).toBe(false);
    expect(messages[replies[1]! + 1]).toMatchObject({ channel: 'l2_data', events: [{ type: 'snapshot', product_id: 'BTC-USD' }] });
    // Recorded frames follow the inserted ones.
    expect(messages.length).toBeGreaterThan(replies[1]! + 100);
    // Withheld: the dropped frame, and any BTC-USD update due between the unsubscribe and the subscribe.
    expect(server.stats()[0]).toMatchObject({ framesInserted: 3, faults: { dropped: 1 } });
    expect(server.stats()[0]!.framesWithheld).toBeGreaterThanOrEqual(1);
  });

  it('Coinbase: the fresh snapshot is the whole current book (46 000 levels), in the recorded shape', async () => {
    const recording = await loadRecording(COINBASE_RECORDING);
    const server = await start(recording);
    const client = await connect(server, '/');
    for (const frame of recordedSends(recording, 'COINBASE.ws.2')) client.socket.send(frame);
    const recorded = recordedReceives(recording, 'COINBASE.ws.2');
    await until(() => client.received.length === recorded.length, 'the stream');
    client.socket.send('{"type":"unsubscribe","product_ids":["ETH-USD"],"channel":"level2"}');
    client.socket.send('{"type":"subscribe","product_ids":["ETH-USD"],"channel":"level2"}');
    await until(() => client.received.length === recorded.length + 3, 'replies and snapshot');
    const last = JSON.parse(recorded.at(-1)!) as { sequence_num: number };
    const snapshot = JSON.parse(client.received.at(-1)!) as { channel: string; sequence_num: number; events: { type: string; product_id: string; updates: { side: string; price_level: string; new_quantity: string }[] }[] };
    expect(snapshot.sequence_num).toBe(last.sequence_num + 3);
    expect(Object.keys(snapshot)).toEqual(['channel', 'timestamp', 'sequence_num', 'events']);
    expect(snapshot.events).toHaveLength(1);
    expect(snapshot.events[0]).toMatchObject({ type: 'snapshot', product_id: 'ETH-USD' });
    const plain = reconstructBooks(COINBASE_RECORDING).get('coinbase:ETH-USD')!;
    const updates = snapshot.events[0]!.updates;
    expect(updates.length).toBe(plain.bids.size + plain.asks.size);
    const top = topLevels(plain, Infinity);
    expect(updates.filter((level) => level.side === 'bid').map((level) => [canonical(level.price_level), canonical(level.new_quantity)])).toEqual(top.bids);
    expect(updates.filter((level) => level.side === 'offer').map((level) => [canonical(level.price_level), canonical(level.new_quantity)])).toEqual(top.asks);
  });

  it('OKX: a corrupted checksum reaches the client with its levels intact; the resubscription snapshot carries the right CRC32 and the current seqId', async () => {
    const recording = await loadRecording(OKX_SYNTHETIC_RECORDING);
    const server = await start(recording, 'max', { corruptChecksum: [{ symbol: 'BTC-USDT', after: 50 }] });
    const client = await connect(server, '/ws/v5/public');
    for (const frame of recordedSends(recording, 'OKX.ws.2')) client.socket.send(frame);
    const recorded = recordedReceives(recording, 'OKX.ws.2');
    await until(() => client.received.length === recorded.length, 'the stream');
    const differing = client.received.flatMap((text, index) => (text === recorded[index] ? [] : [index]));
    expect(differing).toHaveLength(1);
    const wrong = JSON.parse(client.received[differing[0]!]!) as { data: Json[] };
    const right = JSON.parse(recorded[differing[0]!]!) as { data: Json[] };
    expect(wrong.data[0]!.checksum).not.toBe(right.data[0]!.checksum);
    expect({ ...wrong.data[0], checksum: 0 }).toEqual({ ...right.data[0], checksum: 0 });

    client.socket.send('{"op":"unsubscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}');
    client.socket.send('{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"}]}');
    await until(() => client.received.length === recorded.length + 3, 'replies and snapshot');
    const [unsubscribed, subscribed, snapshotText] = client.received.slice(recorded.length).map((text) => JSON.parse(text) as Json);
    expect(unsubscribed).toMatchObject({ event: 'unsubscribe', arg: { channel: 'books', instId: 'BTC-USDT' } });
    expect(subscribed).toMatchObject({ event: 'subscribe', arg: { channel: 'books', instId: 'BTC-USDT' } });
    const snapshot = snapshotText as { action: string; data: { bids: string[][]; asks: string[][]; checksum: number; prevSeqId: number; seqId: number }[] };
    const lastRecorded = JSON.parse(recorded.filter((text) => text.includes('"books","instId":"BTC-USDT"')).at(-1)!) as typeof snapshot;
    expect(snapshot.action).toBe('snapshot');
    const data = snapshot.data[0]!;
    expect(data).toMatchObject({ prevSeqId: -1, seqId: lastRecorded.data[0]!.seqId });
    // OKX's rule, computed here with node:zlib: best 25 bids and asks alternately, price:size as sent.
    const parts: string[] = [];
    for (let row = 0; row < 25; row++) for (const side of [data.bids, data.asks]) if (side[row] !== undefined) parts.push(`${side[row]![0]}:${side[row]![1]}`);
    expect(data.checksum).toBe(crc32(parts.join(':')) | 0);
    // The checksum of the last recorded update describes the same book.
    expect(data.checksum).toBe(lastRecorded.data[0]!.checksum);
    const plain = topLevels(reconstructBooks(OKX_SYNTHETIC_RECORDING).get('okx:BTC-USDT')!, 400);
    expect(canonicalLevels(data.bids)).toEqual(plain.bids);
    expect(canonicalLevels(data.asks)).toEqual(plain.asks);
  });

  it('Binance: REST depth is served as recorded until the stream moves past the snapshot, then from the current book', async () => {
    const recording = await loadRecording(BINANCE_RECORDING);
    const server = await start(recording);
    const recordedBody = recording.http.find((http) => http.url.includes('symbol=NKNUSDT'))!.data;
    expect(await (await fetch(`${server.restUrl}/api/v3/depth?symbol=NKNUSDT&limit=1000`)).text()).toBe(recordedBody);
    const client = await connect(server, new URL(recording.connections[0]!.address).pathname + new URL(recording.connections[0]!.address).search);
    await until(() => server.finished, 'the stream');
    const body = await (await fetch(`${server.restUrl}/api/v3/depth?symbol=NKNUSDT&limit=1000`)).text();
    const depth = JSON.parse(body) as { lastUpdateId: number; bids: string[][]; asks: string[][] };
    expect(Object.keys(depth)).toEqual(['lastUpdateId', 'bids', 'asks']);
    const events = client.received.map((text) => (JSON.parse(text) as { data: { e?: string; s?: string; u: number } }).data).filter((event) => event.e === 'depthUpdate' && event.s === 'NKNUSDT');
    expect(depth.lastUpdateId).toBe(events.at(-1)!.u);
    const plain = topLevels(reconstructBooks(BINANCE_RECORDING).get('binance:NKNUSDT')!, 1000);
    expect(canonicalLevels(depth.bids)).toEqual(plain.bids);
    expect(canonicalLevels(depth.asks)).toEqual(plain.asks);
    // Text as Binance writes it ("0.35210000"), and the limit is honoured.
    expect(depth.bids[0]![0]).toMatch(/^\d+\.\d{8}$/);
    const five = JSON.parse(await (await fetch(`${server.restUrl}/api/v3/depth?symbol=NKNUSDT&limit=5`)).text()) as typeof depth;
    expect(five.bids).toEqual(depth.bids.slice(0, 5));
    expect(five.asks).toEqual(depth.asks.slice(0, 5));
  });
});
