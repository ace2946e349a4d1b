// The replay server answers a client of Binance's raw `/ws` endpoint from the recorded combined stream:
// subscription reply first, then exactly the subscribed streams' payloads, unwrapped, in recorded order.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadRecording } from '../../../src/sim/recording/read-recording.js';
import { ReplayServer } from '../../../src/sim/replay/replay-server.js';
import { BINANCE_RECORDING } from '../../helpers/recordings.js';

let servers: ReplayServer[] = [];
let sockets: WebSocket[] = [];
afterEach(() => {
  for (const socket of sockets) socket.close();
  for (const server of servers) server.close();
  servers = [];
  sockets = [];
});

async function connect(url: string): Promise<{ socket: WebSocket; received: string[] }> {
  const socket = new WebSocket(url);
  sockets.push(socket);
  const received: string[] = [];
  socket.on('message', (data: Buffer) => received.push(data.toString('utf8')));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return { socket, received };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('replay server, Binance raw /ws endpoint', () => {
  it('waits for SUBSCRIBE, replies, then sends only the subscribed payloads, unwrapped and in order', async () => {
    const recording = await loadRecording(BINANCE_RECORDING);
    const server = await ReplayServer.start(recording, { speed: 'max' });
    servers.push(server);
    const streams = ['lrcbtc@depth@100ms', 'runeeur@depth@100ms'];
    const expected = recording.connections[0]!.frames
      .filter((frame) => frame.direction === 'recv')
      .map((frame) => JSON.parse(frame.data) as { stream: string; data: unknown })
      .filter((envelope) => streams.includes(envelope.stream))
      .map((envelope) => envelope.data);
    expect(expected.length).toBeGreaterThan(10);

    const { socket, received } = await connect(`${server.wsUrl}/ws/0`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Nothing is subscribed yet, so nothing of the recording is for this client, and the replay waits.
    expect(received).toEqual([]);
    expect(server.stats()[0]!.framesDelivered).toBe(0);

    socket.send(JSON.stringify({ method: 'SUBSCRIBE', params: streams, id: 1 }));
    await until(() => server.finished && received.length >= expected.length + 1);
    expect(received[0]).toBe('{"result":null,"id":1}');
    expect(received.slice(1).map((frame) => JSON.parse(frame) as unknown)).toEqual(expected);
    // Every recorded frame was played (most to nobody), so the replay is finished.
    expect(server.stats()[0]).toMatchObject({ sessions: 1, framesDelivered: 265, framesTotal: 265, finished: true });
  });

  it('plays events at their recorded pace to a raw client, and lists its subscriptions', async () => {
    const recording = await loadRecording(BINANCE_RECORDING);
    const speed = 20;
    const server = await ReplayServer.start(recording, { speed });
    servers.push(server);
    const { socket, received } = await connect(`${server.wsUrl}/ws/nknusdt@depth@100ms`);
    const arrivalsMs: number[] = [];
    socket.on('message', (data: Buffer) => {
      if (!data.toString('utf8').startsWith('{"result"')) arrivalsMs.push(performance.now());
    });
    socket.send('{"method":"LIST_SUBSCRIPTIONS","id":3}');
    await until(() => server.finished, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received.filter((frame) => frame.startsWith('{"result"'))).toEqual(['{"result":["nknusdt@depth@100ms"],"id":3}']);
    const recorded = recording.connections[0]!.frames.filter((frame) => frame.data.startsWith('{"stream":"nknusdt@depth@100ms"'));
    const events = received.filter((frame) => !frame.startsWith('{"result"'));
    expect(events).toHaveLength(recorded.length);
    for (const frame of events) expect(frame).toMatch(/^\{"e":"depthUpdate","E":\d+,"s":"NKNUSDT",/);
    // Paced, not dumped: the events spread over (at least most of) their recorded span divided by the speed.
    const recordedSpanMs = ((recorded.at(-1)!.ts - recorded[0]!.ts) * 1000) / speed;
    expect(arrivalsMs.at(-1)! - arrivalsMs[0]!).toBeGreaterThan(recordedSpanMs * 0.8);
  });

  it('still refuses a path that is neither a recorded connection nor the raw endpoint', async () => {
    const recording = await loadRecording(BINANCE_RECORDING);
    const server = await ReplayServer.start(recording, { speed: 'max' });
    servers.push(server);
    await expect(connect(`${server.wsUrl}/wsapi/v3`)).rejects.toThrow(/404/);
  });
});
