// The replay server speaks each recorded venue's protocol: a real WebSocket client receives every
// recorded frame, verbatim and in order, only after subscribing; REST answers as recorded.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadRecording } from '../../../src/sim/recording/read-recording.js';
import type { Recording } from '../../../src/sim/recording/recording-format.js';
import { ReplayServer } from '../../../src/sim/replay/replay-server.js';
import { BINANCE_RECORDING, BYBIT_RECORDING, COINBASE_RECORDING } from '../../helpers/recordings.js';

let servers: ReplayServer[] = [];
afterEach(() => {
  for (const server of servers) server.close();
  servers = [];
});

async function start(recording: Recording, speed: number | 'max' = 'max'): Promise<ReplayServer> {
  const server = await ReplayServer.start(recording, { speed });
  servers.push(server);
  return server;
}

/** Connects like the recorder did: same path and query, then the same client frames. */
async function replayConnection(server: ReplayServer, connectionIndex: number): Promise<{ received: string[]; beforeSubscribe: number }> {
  const connection = server.recording.connections[connectionIndex]!;
  const address = new URL(connection.address);
  const socket = new WebSocket(`${server.wsUrl}${address.pathname}${address.search}`);
  const received: string[] = [];
  socket.on('message', (data: Buffer) => received.push(data.toString('utf8')));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  // Whatever arrives before the first subscription must be only what the recorder got before it.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const beforeSubscribe = received.length;
  for (const frame of connection.frames) if (frame.direction === 'send') socket.send(frame.data);
  const expected = connection.frames.filter((frame) => frame.direction === 'recv').length;
  const deadline = Date.now() + 10_000;
  while (received.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  socket.close();
  return { received, beforeSubscribe };
}

describe('replay server', () => {
  it('serves every recorded frame of each Bybit connection verbatim, in order, gated by subscriptions', async () => {
    const recording = await loadRecording(BYBIT_RECORDING);
    const server = await start(recording);
    for (const index of [0, 1]) {
      const connection = recording.connections[index]!;
      const { received, beforeSubscribe } = await replayConnection(server, index);
      expect(received).toEqual(connection.frames.filter((frame) => frame.direction === 'recv').map((frame) => frame.data));
      const firstSend = connection.frames.findIndex((frame) => frame.direction === 'send');
      expect(beforeSubscribe).toBe(connection.frames.slice(0, firstSend).filter((frame) => frame.direction === 'recv').length);
    }
    expect(server.finished).toBe(true);
  });

  it('serves the Binance combined stream to a client that lists the streams in another order', async () => {
    const recording = await loadRecording(BINANCE_RECORDING);
    const server = await start(recording);
    const address = new URL(recording.connections[0]!.address);
    const streams = address.searchParams.get('streams')!.split('/').reverse().join('/');
    const socket = new WebSocket(`${server.wsUrl}/stream?streams=${streams}`);
    const received: string[] = [];
    socket.on('message', (data: Buffer) => received.push(data.toString('utf8')));
    const finished = new Promise<void>((resolve) => server.once('finished', () => resolve()));
    await finished;
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.close();
    expect(received).toEqual(recording.connections[0]!.frames.map((frame) => frame.data));
  });

  it('answers REST as recorded, matched by path and query in any order, and 404s the rest', async () => {
    const recording = await loadRecording(BINANCE_RECORDING);
    const server = await start(recording);
    const depth = await fetch(`${server.restUrl}/api/v3/depth?limit=1000&symbol=LRCBTC`);
    expect(depth.status).toBe(200);
    expect(await depth.text()).toBe(recording.http.find((http) => http.url.includes('symbol=LRCBTC'))!.data);
    // A request that leaves out a parameter still gets the recorded body; one that contradicts a parameter does not.
    const partial = await fetch(`${server.restUrl}/api/v3/depth?symbol=LRCBTC`);
    expect(await partial.text()).toBe(recording.http.find((http) => http.url.includes('symbol=LRCBTC'))!.data);
    const otherLimit = await fetch(`${server.restUrl}/api/v3/depth?symbol=LRCBTC&limit=5000`);
    expect(otherLimit.status).toBe(404);
    const missing = await fetch(`${server.restUrl}/api/v3/depth?symbol=BTCUSDT&limit=1000`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toBe('no recorded response for GET /api/v3/depth?symbol=BTCUSDT&limit=1000');
    // /ws/<anything> is Binance's raw endpoint (served from the combined stream); its WebSocket API was never recorded.
    const unknownSocket = new WebSocket(`${server.wsUrl}/ws-api/v3`);
    const status = await new Promise<number>((resolve) => unknownSocket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)));
    expect(status).toBe(404);
  });

  it('answers venue heartbeats itself (Bybit ping) without counting them as subscriptions', async () => {
    const recording = await loadRecording(BYBIT_RECORDING);
    const server = await start(recording);
    const socket = new WebSocket(`${server.wsUrl}/v5/public/spot`);
    const received: string[] = [];
    socket.on('message', (data: Buffer) => received.push(data.toString('utf8')));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send('{"op":"ping","req_id":"42"}');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received.map((frame) => JSON.parse(frame) as Record<string, unknown>)).toEqual([{ success: true, ret_msg: 'pong', conn_id: expect.any(String) as string, req_id: '42', op: 'ping' }]);
    socket.close();
  });

  it('regression: a client that stops reading still gets every multi-MB frame (uWS dropped sends, then stalled with frames buffered)', async () => {
    const recording = await loadRecording(COINBASE_RECORDING);
    const server = await start(recording);
    const connection = recording.connections[0]!;
    const socket = new WebSocket(`${server.wsUrl}/`);
    const received: string[] = [];
    socket.on('message', (data: Buffer) => received.push(data.toString('utf8')));
    await new Promise((resolve) => socket.once('open', resolve));
    for (const frame of connection.frames) if (frame.direction === 'send') socket.send(frame.data);
    // Stop reading while the server pumps 5 MB snapshots at max speed, then catch up.
    socket.pause();
    await new Promise((resolve) => setTimeout(resolve, 500));
    socket.resume();
    const expected = connection.frames.filter((frame) => frame.direction === 'recv').map((frame) => frame.data);
    const deadline = Date.now() + 20_000;
    while (received.length < expected.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    socket.close();
    expect(received.length).toBe(expected.length);
    expect(received).toEqual(expected);
  });

  it('paces frames by their recorded times at a chosen speed', async () => {
    const recording = await loadRecording(COINBASE_RECORDING);
    const connection = recording.connections[0]!;
    const frames = connection.frames;
    const span = frames[frames.length - 1]!.ts - connection.connectTs;
    const speed = span / 1.5; // the whole 25 s session in about 1.5 s
    const server = await start(recording, speed);
    const startedAt = Date.now();
    const { received } = await replayConnection(server, 0);
    const elapsedSeconds = (Date.now() - startedAt) / 1000;
    expect(received).toHaveLength(frames.filter((frame) => frame.direction === 'recv').length);
    expect(elapsedSeconds).toBeGreaterThan(1.2);
    expect(elapsedSeconds).toBeLessThan(6);
  });
});
