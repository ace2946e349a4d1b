// A client that loses a delta sees the seq jump, asks for a snapshot, and is consistent again; other clients are not disturbed.
import { afterEach, describe, expect, it } from 'vitest';
import { FeedTestClient, replicaLevels } from './feed-test-client.js';
import { RecordedSource, startFeed, type RunningFeed } from './feed-harness.js';
import { recordedBookEvents } from './recorded-book-events.js';

const { events, instruments } = recordedBookEvents();
const bybit = instruments.filter((instrument) => instrument.instrument.startsWith('bybit:'));
const bybitEvents = events.filter((event) => event.instrument.startsWith('bybit:'));
const TOPIC = 'book.bybit:BTC-USDT-PERP';

let feed: RunningFeed | undefined;
const clients: FeedTestClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  feed?.server.close();
  feed = undefined;
});

describe('feed gap recovery', () => {
  it('a skipped seq leads to a snapshot request, a Requested snapshot, and the same book as the hub', async () => {
    feed = await startFeed();
    const source = new RecordedSource(feed.hub, bybit);
    const lossy = await FeedTestClient.connect(feed.url);
    const steady = await FeedTestClient.connect(feed.url);
    clients.push(lossy, steady);
    for (const client of [lossy, steady]) client.subscribe(bybit.map((instrument) => `book.${instrument.instrument}`));
    await lossy.until(() => lossy.books.get(TOPIC)?.seq !== null && lossy.books.size === bybit.length, 20_000, 'snapshots');
    // Lose two deltas of one topic, far apart: each is one gap and one snapshot request.
    lossy.dropSeqs.set(TOPIC, new Set([40n, 200n]));

    await source.applyAll(bybitEvents);
    const hub = feed.hub;
    for (const client of [lossy, steady]) {
      await client.until(() => [...client.books].every(([topic, book]) => book.seq === BigInt(hub.topicSeq(topic)!)), 20_000, 'hub seq');
      for (const [topic, book] of client.books) expect(replicaLevels(book), topic).toEqual(hub.bookLevels(topic.slice('book.'.length)));
    }
    const lossyBook = lossy.books.get(TOPIC)!;
    expect(lossyBook.gaps).toBe(2);
    expect(lossy.snapshotRequests).toBe(2);
    expect(lossy.messages.filter((message) => message.type === 'snapshot' && message.reason === 'requested')).toHaveLength(2);
    expect([...steady.books.values()].every((book) => book.gaps === 0)).toBe(true);
    expect(steady.messages.some((message) => message.type === 'snapshot' && message.reason === 'requested')).toBe(false);
    expect(hub.stats().snapshotRequests).toBe(2);
  });
});
