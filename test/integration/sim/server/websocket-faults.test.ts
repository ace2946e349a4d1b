// WebSocket faults over real sockets with exact, seeded outcomes: drop, duplicate, reorder, corrupt checksum, disconnect, stall, latency, runtime changes.
import { faultStream } from '../../../../src/sim/faults/fault-random.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimFaultConfig } from '../../../../src/sim/faults/sim-fault-config.js';
import { RecordingClient, closeHarnesses, sleep, startHarness, waitFor, type Harness } from './sim-server-harness.js';

afterEach(closeHarnesses);

const ONE_TO = (count: number): number[] => Array.from({ length: count }, (_, index) => index + 1);

/** A harness and one client subscribed to `keys`. */
async function connected(faults: SimFaultConfig, keys: string[] = ['BTCUSDT'], options: { checksums?: boolean } = {}): Promise<Harness & { client: RecordingClient }> {
  const harness = await startHarness({ faults, dialect: options });
  const client = await RecordingClient.connect(`${harness.server.wsUrl}/ws`);
  for (const key of keys) await client.subscribe(key);
  return { ...harness, client };
}

/** Pushes `count` book frames of `key` and waits until `expected` book frames of it arrived, then a little more to see nothing else comes. */
async function pushAndCollect(harness: Harness & { client: RecordingClient }, key: string, count: number, expected: number): Promise<number[]> {
  for (let index = 0; index < count; index++) harness.dialect.pushBook(key);
  await waitFor(() => harness.client.bookSeqs(key).length >= expected, `${expected} ${key} frames`);
  await sleep(30);
  return harness.client.bookSeqs(key);
}

describe('WebSocket faults', () => {
  it('drops the Nth book frames of the selected listing only', async () => {
    const harness = await connected({ websocket: { drop: [{ key: 'BTCUSDT', frames: [2, 5] }] } }, ['BTCUSDT', 'ETHUSDT']);
    for (let index = 0; index < 6; index++) {
      harness.dialect.pushBook('BTCUSDT');
      harness.dialect.pushBook('ETHUSDT');
    }
    await waitFor(() => harness.client.bookSeqs('ETHUSDT').length === 6, 'ETH frames');
    await sleep(30);
    expect(harness.client.bookSeqs('BTCUSDT')).toEqual([1, 3, 4, 6]);
    expect(harness.client.bookSeqs('ETHUSDT')).toEqual(ONE_TO(6));
    expect(harness.server.stats().frames).toMatchObject({ dropped: 2, sent: 2 + 4 + 6 });
  });

  it('drops by probability with the seed: the same frames every run, other frames under another seed', async () => {
    const dropped = async (seed: number): Promise<number[]> => {
      const harness = await connected({ seed, websocket: { drop: [{ probability: 0.3 }] } });
      for (let index = 0; index < 20; index++) harness.dialect.pushBook('BTCUSDT');
      await sleep(50);
      await waitFor(() => harness.server.stats().frames.sent + harness.server.stats().frames.dropped === 21, 'all 20 decided');
      await sleep(30);
      const kept = harness.client.bookSeqs('BTCUSDT');
      return ONE_TO(20).filter((seq) => !kept.includes(seq));
    };
    // faultStream(seed, session 1): one draw per BTCUSDT book frame (session-faults.ts); below 0.3 drops it.
    const expectedDrops = (seed: number): number[] => {
      const draw = faultStream(seed, 1);
      return ONE_TO(20).filter(() => draw() < 0.3);
    };
    expect(expectedDrops(7)).not.toEqual(expectedDrops(8));
    expect(await dropped(7)).toEqual(expectedDrops(7));
    expect(await dropped(7)).toEqual(expectedDrops(7));
    expect(await dropped(8)).toEqual(expectedDrops(8));
  });

  it('duplicates a frame: sent twice in a row', async () => {
    const harness = await connected({ websocket: { duplicate: [{ frames: [3] }] } });
    expect(await pushAndCollect(harness, 'BTCUSDT', 5, 6)).toEqual([1, 2, 3, 3, 4, 5]);
    expect(harness.server.stats().frames.duplicated).toBe(1);
  });

  it('reorders: the held frame goes out right after the next book frame of the connection, whatever its listing', async () => {
    const harness = await connected({ websocket: { reorder: [{ key: 'BTCUSDT', frames: [2, 3] }] } }, ['BTCUSDT', 'ETHUSDT']);
    const { dialect, client } = harness;
    dialect.pushBook('BTCUSDT'); // B1
    dialect.pushBook('BTCUSDT'); // B2 held
    dialect.pushOther('trade', { id: 1 }); // not a book frame: does not release B2
    dialect.pushBook('ETHUSDT'); // E1, then B2
    dialect.pushBook('BTCUSDT'); // B3 held (nothing held any more)
    dialect.pushBook('BTCUSDT'); // B4, then B3
    await waitFor(() => client.books().length === 5, 'five book frames');
    const order = client.frames.map((text) => JSON.parse(text) as { type?: string; key?: string; seq?: number }).filter((frame) => frame.type !== undefined).map((frame) => (frame.type === 'book' ? `${frame.key![0]}${frame.seq}` : frame.type));
    expect(order).toEqual(['B1', 'trade', 'E1', 'B2', 'B4', 'B3']);
    expect(harness.server.stats().frames.reordered).toBe(2);
  });

  it('corrupts the checksum of the chosen frame through the dialect; a frame without one is counted not applicable and sent as is', async () => {
    const withChecksums = await connected({ websocket: { corruptChecksum: [{ frames: [2] }] } }, ['BTCUSDT'], { checksums: true });
    await pushAndCollect(withChecksums, 'BTCUSDT', 3, 3);
    expect(withChecksums.client.books().map((frame) => frame.checksum)).toEqual([7, 15, 21]);
    expect(withChecksums.server.stats().frames).toMatchObject({ corrupted: 1, corruptNotApplicable: 0 });

    const without = await connected({ websocket: { corruptChecksum: [{ frames: [2] }] } });
    expect(await pushAndCollect(without, 'BTCUSDT', 3, 3)).toEqual([1, 2, 3]);
    expect(without.server.stats().frames).toMatchObject({ corrupted: 0, corruptNotApplicable: 1 });
  });

  it('disconnects abruptly after N frames, once: the next session is left alone', async () => {
    // Frame 1 is the subscription reply; frames 2-4 the first three books.
    const harness = await connected({ websocket: { disconnect: [{ afterFrames: 4 }] } });
    for (let index = 0; index < 6; index++) harness.dialect.pushBook('BTCUSDT');
    await waitFor(() => harness.client.closed, 'the disconnect');
    expect(harness.client.closeCode).toBe(1006);
    expect(harness.client.bookSeqs()).toEqual([1, 2, 3]);
    const again = await RecordingClient.connect(`${harness.server.wsUrl}/ws`);
    await again.subscribe('BTCUSDT');
    for (let index = 0; index < 6; index++) harness.dialect.pushBook('BTCUSDT');
    await waitFor(() => again.bookSeqs().length === 6, 'six frames on the second session');
    expect(again.closed).toBe(false);
    expect(harness.server.stats().disconnects).toBe(1);
  });

  it('disconnects every session after T ms with the given close code when `every` is set', async () => {
    const harness = await startHarness({ faults: { websocket: { disconnect: [{ afterMs: 80, every: true, code: 4001 }] } } });
    const startedMs = Date.now();
    const clients = await Promise.all([RecordingClient.connect(`${harness.server.wsUrl}/ws`), RecordingClient.connect(`${harness.server.wsUrl}/ws`)]);
    await waitFor(() => clients.every((client) => client.closed), 'both disconnected');
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(80);
    expect(clients.map((client) => [client.closeCode, client.closeReason])).toEqual([
      [4001, 'simulated disconnect'],
      [4001, 'simulated disconnect'],
    ]);
    expect(harness.server.stats().disconnects).toBe(2);
  });

  it('stalls a session for T ms, queueing, then delivers everything in order', async () => {
    const harness = await connected({ websocket: { stall: [{ afterFrames: 3, durationMs: 150 }] } });
    const { dialect, client } = harness;
    for (let index = 0; index < 5; index++) dialect.pushBook('BTCUSDT');
    const stalledAtMs = Date.now();
    // Frames 1 (reply), 2 and 3 (books 1, 2) went before the stall; books 3-5 wait.
    await waitFor(() => client.bookSeqs().length === 2, 'two books');
    await sleep(60);
    expect(client.bookSeqs()).toEqual([1, 2]);
    await waitFor(() => client.bookSeqs().length === 5, 'the rest after the stall');
    expect(client.bookSeqs()).toEqual([1, 2, 3, 4, 5]);
    expect(client.arrivalsMs.at(-1)! - stalledAtMs).toBeGreaterThanOrEqual(145);
    expect(harness.server.stats().stalls).toBe(1);
  });

  it('stalls until a disconnect when no duration is given', async () => {
    const harness = await connected({ websocket: { stall: [{ afterFrames: 1 }], disconnect: [{ afterMs: 120 }] } });
    for (let index = 0; index < 3; index++) harness.dialect.pushBook('BTCUSDT');
    await waitFor(() => harness.client.closed, 'the disconnect');
    expect(harness.client.bookSeqs()).toEqual([]);
    expect(harness.server.stats()).toMatchObject({ stalls: 1, disconnects: 1 });
  });

  it('delays every frame by the sampled latency and keeps their order', async () => {
    const harness = await connected({ websocket: { latency: { uniformMs: [20, 80] } } });
    const { dialect, client } = harness;
    const pushedMs: number[] = [];
    for (let index = 0; index < 10; index++) {
      pushedMs.push(Date.now());
      dialect.pushBook('BTCUSDT');
      dialect.pushOther('trade', { id: index });
      await sleep(3);
    }
    await waitFor(() => client.frames.length === 21, 'ten books and ten trades');
    expect(client.bookSeqs()).toEqual(ONE_TO(10));
    const bookArrivals = client.frames.map((text, index) => ({ text, at: client.arrivalsMs[index]! })).filter((frame) => frame.text.includes('"book"'));
    bookArrivals.forEach((frame, index) => expect(frame.at - pushedMs[index]!).toBeGreaterThanOrEqual(19));
    const trades = client.frames.filter((text) => text.includes('"trade"')).map((text) => (JSON.parse(text) as { id: number }).id);
    expect(trades).toEqual(ONE_TO(10).map((n) => n - 1));
    expect(harness.server.stats().frames.delayed).toBe(21); // the subscription reply too
  });

  it('applies a configuration PUT at runtime to open sessions, counting frames from then on', async () => {
    const harness = await connected({});
    expect(await pushAndCollect(harness, 'BTCUSDT', 3, 3)).toEqual([1, 2, 3]);
    const put = await fetch(`${harness.server.restUrl}/__sim/faults`, { method: 'PUT', body: JSON.stringify({ websocket: { drop: [{ frames: [1] }] } }) });
    expect(put.status).toBe(200);
    // Frame 1 under the new configuration is book 4.
    expect(await pushAndCollect(harness, 'BTCUSDT', 3, 5)).toEqual([1, 2, 3, 5, 6]);
    await fetch(`${harness.server.restUrl}/__sim/faults`, { method: 'DELETE' });
    expect(await pushAndCollect(harness, 'BTCUSDT', 1, 6)).toEqual([1, 2, 3, 5, 6, 7]);
  });

  it('closes a stalled client with 1008 when its queue passes the limit instead of growing', async () => {
    const harness = await startHarness({ faults: { websocket: { stall: [{ afterFrames: 2 }] } }, server: { maxBufferedBytes: 64 * 1024 } });
    const client = await RecordingClient.connect(`${harness.server.wsUrl}/ws`);
    await client.subscribe('BTCUSDT');
    const padding = 'y'.repeat(4096);
    for (let index = 0; index < 40; index++) harness.dialect.pushBook('BTCUSDT', { padding });
    await waitFor(() => client.closed, 'the 1008 close');
    expect(client.closeCode).toBe(1008);
    expect(harness.server.stats().slowClientCloses).toBe(1);
  });
});
