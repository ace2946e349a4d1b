// The shared venue feed's connection lifecycle against a real WebSocket server: a silent connection
// is marked STALE and replaced, the replacement resubscribes and the book resyncs from a new snapshot.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { calibrateMonoClock, takeClockBase } from '../../../src/actors/clock-calibration.js';
import { bybitDialect } from '../../../src/actors/venues/bybit/dialect.js';
import { ReconnectBackoff } from '../../../src/actors/venues/common/reconnect-backoff.js';
import { RingRecordWriter } from '../../../src/actors/venues/common/ring-record-writer.js';
import { VenueFeed } from '../../../src/actors/venues/common/venue-feed.js';
import { RingConsumer } from '../../../src/hotpath/ring-consumer.js';
import { allocateRingBuffer } from '../../../src/hotpath/ring-layout.js';
import { RingProducer } from '../../../src/hotpath/ring-producer.js';
import { InstrumentRegistry } from '../../../src/model/instrument-registry.js';
import { decodeRecord, type MarketRecord } from '../../../src/model/market-record.js';
import { GapReason, InstrumentStatus, RecordType } from '../../../src/model/record-types.js';
import { loadRecording } from '../../../src/sim/recording/read-recording.js';
import { BYBIT_RECORDING } from '../../helpers/recordings.js';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

interface Harness {
  feed: VenueFeed;
  records: () => MarketRecord[];
  connections: () => number;
  subscriptions: string[];
}

/** A venue that sends one recorded Bybit snapshot per book subscription and then falls silent. */
async function startHarness(dialect: typeof bybitDialect, staleAfterMs: number): Promise<Harness> {
  const recording = await loadRecording(BYBIT_RECORDING);
  const instrumentsBody = recording.http.find((http) => http.url.includes('category=linear'))!;
  const definitions = bybitDialect.parseInstruments(new URL(instrumentsBody.url).pathname + new URL(instrumentsBody.url).search, instrumentsBody.data);
  const registry = new InstrumentRegistry(definitions.filter((definition) => definition.native === 'BTCUSDT'));
  const btc = registry.all()[0]!;
  const snapshotFrame = recording.connections[0]!.frames.find((frame) => frame.direction === 'recv' && frame.data.includes('"topic":"orderbook.200.BTCUSDT"') && frame.data.includes('"type":"snapshot"'))!.data;

  // A venue that sends one snapshot per subscription and then falls silent.
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const subscriptions: string[] = [];
  let connections = 0;
  server.on('connection', (socket) => {
    connections++;
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if (text.includes('"op":"ping"')) return;
      subscriptions.push(text);
      if (text.includes('orderbook.')) socket.send(snapshotFrame);
    });
  });
  cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));

  const ring = allocateRingBuffer(1 << 20);
  const consumer = new RingConsumer(ring);
  const producers = new Array<RingProducer | null>(registry.size).fill(null);
  producers[btc.numericId] = new RingProducer(ring);
  const writer = new RingRecordWriter(producers, calibrateMonoClock(takeClockBase()), 0);
  const feed = new VenueFeed({
    dialect,
    registry,
    instruments: [btc],
    restBaseUrl: 'http://127.0.0.1:9',
    wsBaseUrl: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    writer,
    logger: pino({ level: 'silent' }),
    parser: 'fast',
    staleAfterMs,
    reconnectInitialMs: 20,
    reconnectMaxMs: 100,
  });
  feed.start();
  cleanup.push(() => Promise.resolve(feed.stop()));
  const records: MarketRecord[] = [];
  return {
    feed,
    subscriptions,
    connections: () => connections,
    records: () => {
      consumer.read((type, offset) => records.push(decodeRecord(consumer, offset, type)));
      return records;
    },
  };
}

async function untilSnapshots(harness: Harness, count: number): Promise<MarketRecord[]> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && harness.records().filter((record) => record.type === RecordType.SNAPSHOT_END).length < count) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return harness.records();
}

describe('venue feed lifecycle', () => {
  it('marks a silent connection STALE, reconnects with a RECONNECT gap, resubscribes and resyncs from the new snapshot', async () => {
    const harness = await startHarness(bybitDialect, 300);
    const records = await untilSnapshots(harness, 2);
    const { feed, subscriptions } = harness;
    const connections = harness.connections();

    const sequence = records.filter((record) => record.type !== RecordType.BOOK_LEVEL).map((record) => record.type);
    // snapshot, then STALE, then a RECONNECT gap, then the new connection's snapshot.
    expect(sequence.slice(0, 6)).toEqual([RecordType.SNAPSHOT_BEGIN, RecordType.SNAPSHOT_END, RecordType.INSTRUMENT_STATUS, RecordType.GAP, RecordType.SNAPSHOT_BEGIN, RecordType.SNAPSHOT_END]);
    const status = records.find((record) => record.type === RecordType.INSTRUMENT_STATUS);
    const gap = records.find((record) => record.type === RecordType.GAP);
    expect(status?.type === RecordType.INSTRUMENT_STATUS && status.status).toBe(InstrumentStatus.STALE);
    expect(gap?.type === RecordType.GAP && gap.reason).toBe(GapReason.RECONNECT);
    expect(connections).toBeGreaterThanOrEqual(2);
    expect(feed.counters.staleTimeouts).toBeGreaterThanOrEqual(1);
    expect(feed.counters.reconnects).toBeGreaterThanOrEqual(1);
    // Each connection subscribed to the book again.
    expect(subscriptions.filter((text) => text.includes('orderbook.200.BTCUSDT')).length).toBeGreaterThanOrEqual(2);
    // The 200-level snapshot arrives whole both times.
    expect(records.filter((record) => record.type === RecordType.BOOK_LEVEL).length).toBe(2 * 400);
  });

  it('rotates a connection at its maximum lifetime: reconnects at once, resubscribes, resyncs (planned, not stale)', async () => {
    const harness = await startHarness({ ...bybitDialect, maxConnectionLifetimeMs: 400 }, 60_000);
    const records = await untilSnapshots(harness, 2);
    const types = records.filter((record) => record.type !== RecordType.BOOK_LEVEL).map((record) => record.type);
    expect(types.slice(0, 5)).toEqual([RecordType.SNAPSHOT_BEGIN, RecordType.SNAPSHOT_END, RecordType.GAP, RecordType.SNAPSHOT_BEGIN, RecordType.SNAPSHOT_END]);
    expect(harness.connections()).toBeGreaterThanOrEqual(2);
    expect(harness.feed.counters.staleTimeouts).toBe(0);
    expect(harness.feed.counters.reconnects).toBeGreaterThanOrEqual(1);
  });
});

describe('reconnect backoff', () => {
  it('draws full-jitter delays under an exponentially growing ceiling, capped, and starts over after reset', () => {
    const draws = [0.999, 0.999, 0.999, 0.999, 0.999, 0.999, 0.5, 0.999];
    const backoff = new ReconnectBackoff(100, 1000, () => draws.shift()!);
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([100, 200, 400, 799, 999, 999]);
    backoff.reset();
    expect(backoff.next()).toBe(50);
    expect(backoff.next()).toBe(200);
  });
});
