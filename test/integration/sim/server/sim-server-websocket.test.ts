// SimServer WebSocket path: the dialect's sessions over real sockets, 404 for unknown paths, closes both ways, dialect exceptions, slow clients closed with 1008.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RecordingClient, closeHarnesses, startHarness, waitFor } from './sim-server-harness.js';

afterEach(closeHarnesses);

describe('SimServer WebSocket', () => {
  it('answers an upgrade to a path the dialect does not serve with 404', async () => {
    const { server } = await startHarness();
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${server.wsUrl}/nowhere?x=1`);
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => reject(new Error('opened')));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(404);
    expect(server.stats().sessions).toEqual({ open: 0, total: 0, notFound: 1 });
  });

  it('delivers what the dialect sends, frames it sent while opening first, and tells the dialect when the client leaves', async () => {
    const { server, dialect } = await startHarness();
    const client = await RecordingClient.connect(`${server.wsUrl}/ws?hello=1`);
    await client.subscribe('BTCUSDT');
    for (let index = 0; index < 3; index++) dialect.pushBook('BTCUSDT');
    dialect.pushOther('trade', { id: 1 });
    await waitFor(() => client.frames.length === 6, 'six frames');
    expect(client.frames[0]).toBe('{"event":"hello"}');
    expect(client.bookSeqs()).toEqual([1, 2, 3]);
    expect(server.stats().sessions).toEqual({ open: 1, total: 1, notFound: 0 });
    const [session] = dialect.sessions;
    expect([...session!.query]).toEqual([['hello', '1']]);
    client.close();
    await waitFor(() => session!.closed, 'the session to hear the close');
    expect(server.stats().sessions.open).toBe(0);
    expect(server.stats().frames.sent).toBe(6);
  });

  it("closes with the dialect's code after the frames it sent before", async () => {
    const { server, dialect } = await startHarness({ faults: { websocket: { latency: { fixedMs: 30 } } } });
    const client = await RecordingClient.connect(`${server.wsUrl}/ws`);
    await client.subscribe('BTCUSDT');
    dialect.pushBook('BTCUSDT');
    client.socket.send(JSON.stringify({ op: 'close' }));
    await waitFor(() => client.closed, 'close');
    expect(client.closeCode).toBe(4000);
    expect(client.closeReason).toBe('asked');
    expect(client.bookSeqs()).toEqual([1]);
  });

  it('closes a session whose dialect throws on a client frame with 1011, counts it, keeps serving others', async () => {
    const { server } = await startHarness();
    const client = await RecordingClient.connect(`${server.wsUrl}/ws`);
    client.socket.send(JSON.stringify({ op: 'throw' }));
    await waitFor(() => client.closed, 'close');
    expect(client.closeCode).toBe(1011);
    expect(server.stats().dialectErrors).toBe(1);
    const other = await RecordingClient.connect(`${server.wsUrl}/ws`);
    await other.subscribe('ETHUSDT');
    other.close();
  });

  it('closes a client that does not read with 1008 once its buffered bytes pass the limit, and never holds more', async () => {
    const { server, dialect } = await startHarness({ server: { maxBufferedBytes: 256 * 1024 } });
    const client = await RecordingClient.connect(`${server.wsUrl}/ws`);
    await client.subscribe('BTCUSDT');
    // The client stops reading: its socket pauses, the kernel buffers fill, then ws's queue grows.
    (client.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const padding = 'x'.repeat(16 * 1024);
    const [session] = dialect.sessions;
    let pushes = 0;
    while (!session!.closed && pushes < 10_000) {
      dialect.pushBook('BTCUSDT', { padding });
      pushes++;
      expect(session!.sink.bufferedAmount).toBeLessThanOrEqual(256 * 1024 + 32 * 1024);
      if (pushes % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
      if (server.stats().slowClientCloses === 1) break;
    }
    expect(server.stats().slowClientCloses).toBe(1);
    (client.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await waitFor(() => client.closed, 'the client to see the close', 10_000);
    expect([1008, 1006]).toContain(client.closeCode);
    expect(server.stats().sessions.open).toBe(0);
  });
});
