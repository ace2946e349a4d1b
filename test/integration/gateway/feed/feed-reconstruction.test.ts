// Feed clients rebuild exactly the engine's books: every book of the real recordings replayed through FeedHub, uWS and `ws` clients, checked against the hub and the plain oracle.
import { afterEach, describe, expect, it } from 'vitest';
import { reconstructBooks } from '../../../helpers/plain-books.js';
import { FeedTestClient, replicaLevels } from './feed-test-client.js';
import { RecordedSource, startFeed, type RunningFeed } from './feed-harness.js';
import { mantissaLevels, recordedBookEvents } from './recorded-book-events.js';
import { BINANCE_RECORDING, BYBIT_RECORDING, COINBASE_RECORDING } from '../../../helpers/recordings.js';

const { events, instruments } = recordedBookEvents();
const oracle = new Map([...reconstructBooks(BINANCE_RECORDING), ...reconstructBooks(BYBIT_RECORDING), ...reconstructBooks(COINBASE_RECORDING)]);
const bookTopics = instruments.map((instrument) => `book.${instrument.instrument}`);

let feed: RunningFeed | undefined;
const clients: FeedTestClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  feed?.server.close();
  feed = undefined;
});

describe.each(['topics', 'direct'] as const)('feed reconstruction (%s fan-out)', (fanout) => {
  it(`rebuilds all ${instruments.length} recorded books from snapshot + ${events.length} deltas and snapshots, for early and late subscribers`, async () => {
    feed = await startFeed({}, fanout);
    const source = new RecordedSource(feed.hub, instruments);
    const early = await FeedTestClient.connect(feed.url);
    const partial = await FeedTestClient.connect(feed.url);
    const late = await FeedTestClient.connect(feed.url);
    clients.push(early, partial, late);
    early.subscribe(bookTopics, 1);
    partial.subscribe(bookTopics.filter((_, index) => index % 3 === 0), 2);
    await early.until(() => early.books.size === bookTopics.length && [...early.books.values()].every((book) => book.seq !== null), 20_000, 'first snapshots');

    // The late client subscribes halfway: its first message per topic is a snapshot of the book at that point.
    const half = Math.floor(events.length / 2);
    await source.applyAll(events.slice(0, half));
    late.subscribe(bookTopics, 3);
    await source.applyAll(events.slice(half));

    const hub = feed.hub;
    for (const client of [early, partial, late]) {
      await client.until(() => [...client.books].every(([topic, book]) => book.seq === BigInt(hub.topicSeq(topic)!)), 20_000, 'every book at the hub seq');
      for (const [topic, book] of client.books) {
        const instrument = instruments.find((candidate) => `book.${candidate.instrument}` === topic)!;
        const levels = replicaLevels(book);
        expect(levels, topic).toEqual(hub.bookLevels(instrument.instrument));
        // Independent oracle: the recording folded with plain Maps and decimal text.
        const plain = oracle.get(instrument.oracleKey)!;
        const sortLevels = (entries: [string, string][], descending: boolean): [number, number][] =>
          mantissaLevels(entries, instrument).sort(([left], [right]) => (descending ? right - left : left - right));
        expect(levels.bids, topic).toEqual(sortLevels([...plain.bids.entries()], true));
        expect(levels.asks, topic).toEqual(sortLevels([...plain.asks.entries()], false));
        expect(levels.bids.length + levels.asks.length, topic).toBeGreaterThan(10);
        expect(book.gaps, topic).toBe(0);
      }
    }
    expect(partial.books.size).toBe(Math.ceil(bookTopics.length / 3));
    expect(late.messages.filter((message) => message.type === 'snapshot' && message.reason === 'subscribe')).toHaveLength(bookTopics.length);
    // Every delta arrived once and in order, for the clients subscribed from the start.
    for (const [topic, seqs] of early.deltaSeqs) {
      for (let index = 1; index < seqs.length; index++) expect(seqs[index], topic).toBeGreaterThan(seqs[index - 1]!);
    }
    const stats = hub.stats();
    expect(stats).toMatchObject({ conflations: 0, slowConsumerDrops: 0, sendsRefused: 0, connections: 3 });
    expect(stats.messagesPublished).toBe(events.length);
  });
});
