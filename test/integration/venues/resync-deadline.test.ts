// Regression (lost resync snapshot): a resync whose snapshot never comes is issued again after its deadline, and after a few misses the connection is reconnected; against a real WebSocket server that answers book subscriptions as scripted.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { calibrateMonoClock, takeClockBase } from '../../../src/actors/clock-calibration.js';
import { bybitDialect } from '../../../src/actors/venues/bybit/dialect.js';
import { RingRecordWriter } from '../../../src/actors/venues/common/ring-record-writer.js';
import { VenueFeed } from '../../../src/actors/venues/common/venue-feed.js';
import { RingConsumer } from '../../../src/hotpath/ring-consumer.js';
import { allocateRingBuffer } from '../../../src/hotpath/ring-layout.js';
import { RingProducer } from '../../../src/hotpath/ring-producer.js';
import { InstrumentRegistry } from '../../../src/model/instrument-registry.js';
import { decodeRecord, type MarketRecord } from '../../../src/model/market-record.js';
import { GapReason, RecordType } from '../../../src/model/record-types.js';
import { loadRecording } from '../../../src/sim/recording/read-recording.js';
import { BYBIT_RECORDING } from '../../helpers/recordings.js';

/*
 * The bug: VenueFeed.resync returned early while a resync of the symbol was under way, and only a
 * snapshot ended that state. A lost snapshot frame (or a refused resubscription) left the book
 * RESYNCING for the connection's life. The server here answers the Nth `subscribe` of the book
 * topic with a recorded Bybit snapshot only when the script says so; unsubscribes get nothing.
 */

const TIMEOUT_MS = 300;

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

interface Harness {
  feed: VenueFeed;
  btcId: number;
  records: () => MarketRecord[];
  connections: () => number;
  /** Book subscribe requests received, over all connections. */
  bookSubscribes: () => number;
}

/** `answer(n, connection)`: whether the nth book subscribe (1-based, all connections) gets a snapshot. */
async function startHarness(answer: (subscribe: number, connection: number) => boolean): Promise<Harness> {
  const recording = await loadRecording(BYBIT_RECORDING);
  const instrumentsBody = recording.http.find((http) => http.url.includes('category=linear'))!;
  const url = new URL(instrumentsBody.url);
  const definitions = bybitDialect.parseInstruments(url.pathname + url.search, instrumentsBody.data);
  const registry = new InstrumentRegistry(definitions.filter((definition) => definition.native === 'BTCUSDT'));
  const btc = registry.all()[0]!;
  const snapshotFrame = recording.connections[0]!.frames.find((frame) => frame.direction === 'recv' && frame.data.includes('"topic":"orderbook.200.BTCUSDT"') && frame.data.includes('"type":"snapshot"'))!.data;

  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  let connections = 0;
  let bookSubscribes = 0;
  server.on('connection', (socket) => {
    const connection = ++connections;
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if (!text.includes('"op":"subscribe"') || !text.includes('orderbook.')) return;
      bookSubscribes++;
      if (answer(bookSubscribes, connection)) socket.send(snapshotFrame);
    });
  });
  cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));

  const ring = allocateRingBuffer(1 << 20);
  const consumer = new RingConsumer(ring);
  const producers = new Array<RingProducer | null>(registry.size).fill(null);
  producers[btc.numericId] = new RingProducer(ring);
  const writer = new RingRecordWriter(producers, calibrateMonoClock(takeClockBase()), 0);
  const feed = new VenueFeed({
    dialect: bybitDialect,
    registry,
    instruments: [btc],
    restBaseUrl: 'http://127.0.0.1:9',
    wsBaseUrl: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    writer,
    logger: pino({ level: 'silent' }),
    parser: 'fast',
    staleAfterMs: 60_000,
    reconnectInitialMs: 20,
    reconnectMaxMs: 100,
    resync: { timeoutMs: TIMEOUT_MS, retryInitialMs: 50, retryMaxMs: 200, failuresBeforeReconnect: 3 },
  });
  feed.start();
  cleanup.push(() => Promise.resolve(feed.stop()));
  const records: MarketRecord[] = [];
  return {
    feed,
    btcId: btc.numericId,
    connections: () => connections,
    bookSubscribes: () => bookSubscribes,
    records: () => {
      consumer.read((type, offset) => records.push(decodeRecord(consumer, offset, type)));
      return records;
    },
  };
}

function snapshotsIn(records: MarketRecord[]): number {
  return records.filter((record) => record.type === RecordType.SNAPSHOT_END).length;
}

async function untilSnapshots(harness: Harness, count: number, timeoutMs = 10_000): Promise<MarketRecord[]> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && snapshotsIn(harness.records()) < count) await new Promise((resolve) => setTimeout(resolve, 10));
  return harness.records();
}

/** The records other than book levels, as [type, gap reason or status]. */
function outline(records: MarketRecord[]): [number, number?][] {
  return records.filter((record) => record.type !== RecordType.BOOK_LEVEL).map((record) => (record.type === RecordType.GAP ? [record.type, record.reason] : [record.type]));
}

describe('lost resync snapshot (shared venue feed)', () => {
  it('the resubscription answer is lost: after the deadline the resync is issued again and the book recovers (one GAP, one timeout)', async () => {
    // 1: the connection's subscription (answered); 2: the resync (lost); 3: the re-issue (answered).
    const harness = await startHarness((subscribe) => subscribe !== 2);
    await untilSnapshots(harness, 1);
    const requestedAt = Date.now();
    harness.feed.resync(harness.btcId, GapReason.SNAPSHOT_REQUESTED);
    const records = await untilSnapshots(harness, 2);
    const recoveredMs = Date.now() - requestedAt;

    expect(outline(records)).toEqual([[RecordType.SNAPSHOT_BEGIN], [RecordType.SNAPSHOT_END], [RecordType.GAP, GapReason.SNAPSHOT_REQUESTED], [RecordType.SNAPSHOT_BEGIN], [RecordType.SNAPSHOT_END]]);
    expect(harness.bookSubscribes()).toBe(3);
    expect(harness.feed.counters.resyncs).toBe(1);
    expect(harness.feed.counters.resyncTimeouts).toBe(1);
    expect(harness.feed.counters.reconnects).toBe(0);
    // Not before the deadline; the bound is loose (deadline + longest first pause + check ticks + a busy machine).
    expect(recoveredMs).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(recoveredMs).toBeLessThan(5000);
    // Healed: nothing more is due, no further request goes out.
    await new Promise((resolve) => setTimeout(resolve, 2 * TIMEOUT_MS));
    expect(harness.bookSubscribes()).toBe(3);
    expect(harness.feed.counters.resyncTimeouts).toBe(1);
  });

  it('the resubscription is never answered: three missed deadlines, then the connection is reconnected and its new subscription syncs the book', async () => {
    // Only the first connection's subscription and the second connection's are answered.
    const harness = await startHarness((subscribe, connection) => subscribe === 1 || connection === 2);
    await untilSnapshots(harness, 1);
    harness.feed.resync(harness.btcId, GapReason.SNAPSHOT_REQUESTED);
    const records = await untilSnapshots(harness, 2);

    expect(outline(records)).toEqual([
      [RecordType.SNAPSHOT_BEGIN],
      [RecordType.SNAPSHOT_END],
      [RecordType.GAP, GapReason.SNAPSHOT_REQUESTED],
      [RecordType.GAP, GapReason.RECONNECT],
      [RecordType.SNAPSHOT_BEGIN],
      [RecordType.SNAPSHOT_END],
    ]);
    expect(harness.connections()).toBe(2);
    expect(harness.feed.counters.resyncTimeouts).toBe(3);
    expect(harness.feed.counters.reconnects).toBe(1);
    // Subscription, resync, two re-issues; then the new connection's subscription.
    expect(harness.bookSubscribes()).toBe(5);
  });

  it("a subscription's first snapshot is lost: it has a deadline too, and the re-issued subscription syncs the book", async () => {
    const harness = await startHarness((subscribe) => subscribe !== 1);
    const records = await untilSnapshots(harness, 1);
    expect(outline(records)).toEqual([[RecordType.SNAPSHOT_BEGIN], [RecordType.SNAPSHOT_END]]);
    expect(harness.feed.counters.resyncTimeouts).toBe(1);
    // Not a resync of a synced book: the first snapshot's wait.
    expect(harness.feed.counters.resyncs).toBe(0);
    expect(harness.bookSubscribes()).toBe(2);
  });
});
