// A slow consumer (paused socket) is conflated, caught up with a snapshot when it drains, and dropped when it does not, while a fast client on the same topic gets every delta in order.
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedHubOptions } from '../../../../src/gateway/feed/feed-hub-options.js';
import { FeedTestClient, replicaLevels } from './feed-test-client.js';
import { RandomBookSource, eventually, startFeed, type RunningFeed } from './feed-harness.js';

const INSTRUMENT = 'binance:BTC-USDT';
const TOPIC = `book.${INSTRUMENT}`;
/** 20 levels a delta: 424 bytes, so the kernel buffers of the paused socket fill after a few thousand. */
const LEVELS_PER_DELTA = 20;
const LIMITS: FeedHubOptions = { softLimitBytes: 64 * 1024, resumeBelowBytes: 8 * 1024, hardLimitBytes: 256 * 1024 * 1024, sweepIntervalMs: 5 };

let feed: RunningFeed | undefined;
const clients: FeedTestClient[] = [];

afterEach(async () => {
  for (const client of clients) client.tcp.resume();
  await Promise.all(clients.splice(0).map((client) => client.close()));
  feed?.server.close();
  feed = undefined;
});

async function fastAndSlow(url: string): Promise<[FeedTestClient, FeedTestClient]> {
  // The fast client keeps no message list: tens of thousands of deltas, only seqs and the book matter.
  const fast = await FeedTestClient.connect(url, { keepMessages: false });
  const slow = await FeedTestClient.connect(url);
  clients.push(fast, slow);
  fast.subscribe([TOPIC]);
  slow.subscribe([TOPIC]);
  await fast.until(() => fast.books.get(TOPIC)?.seq === 1n, 20_000, 'fast snapshot');
  await slow.until(() => slow.books.get(TOPIC)?.seq === 1n, 20_000, 'slow snapshot');
  return [fast, slow];
}

/** Publishes until the hub has conflated someone (bounded: the test fails rather than loop forever). */
async function publishUntilConflated(source: RandomBookSource, feedNow: RunningFeed): Promise<void> {
  for (let turn = 0; turn < 2_000 && feedNow.hub.stats().conflations === 0; turn++) await source.deltasOverTurns(20, LEVELS_PER_DELTA);
  expect(feedNow.hub.stats().conflations).toBe(1);
}

/** The fast client saw every delta exactly once, in order, and holds the hub's book. */
async function expectFastClientComplete(fast: FeedTestClient, feedNow: RunningFeed, source: RandomBookSource): Promise<void> {
  await fast.until(() => fast.books.get(TOPIC)!.seq === BigInt(feedNow.hub.topicSeq(TOPIC)!), 30_000, 'fast client at the hub seq');
  const seqs = fast.deltaSeqs.get(TOPIC)!;
  expect(seqs.length).toBe(source.deltas);
  seqs.forEach((seq, index) => expect(seq).toBe(BigInt(index + 2)));
  expect(fast.books.get(TOPIC)!.gaps).toBe(0);
  expect(replicaLevels(fast.books.get(TOPIC)!)).toEqual(feedNow.hub.bookLevels(INSTRUMENT));
}

describe.each(['topics', 'direct'] as const)('slow consumers (%s fan-out)', (fanout) => {
  it('conflates a paused client, then catches it up with a Conflated snapshot once it reads again', async () => {
    feed = await startFeed({ ...LIMITS, maxSlowMs: 60_000 }, fanout);
    const source = new RandomBookSource(feed.hub, INSTRUMENT, 7);
    const [fast, slow] = await fastAndSlow(feed.url);

    slow.tcp.pause();
    await publishUntilConflated(source, feed);
    expect(feed.hub.stats().conflatedConnections).toBe(1);
    // Deltas the slow client will never see.
    await source.deltasOverTurns(500, LEVELS_PER_DELTA);
    expect(feed.hub.stats().messagesSkipped).toBeGreaterThanOrEqual(500);

    slow.tcp.resume();
    await eventually(() => feed!.hub.stats().resumes === 1, 30_000, 'resume');
    await source.deltasOverTurns(200, LEVELS_PER_DELTA);

    await expectFastClientComplete(fast, feed, source);
    const slowBook = slow.books.get(TOPIC)!;
    await slow.until(() => slowBook.seq === BigInt(feed!.hub.topicSeq(TOPIC)!), 30_000, 'slow client at the hub seq');
    expect(replicaLevels(slowBook)).toEqual(feed.hub.bookLevels(INSTRUMENT));
    expect(slow.messages.filter((message) => message.type === 'snapshot').map((message) => message.type === 'snapshot' && message.reason)).toEqual(['subscribe', 'conflated']);
    // Conflation is not a gap: deltas stop, a snapshot replaces what was missed, deltas resume after its seq.
    expect(slowBook.gaps).toBe(0);
    expect(slow.deltaSeqs.get(TOPIC)!.length).toBeLessThan(source.deltas);
    expect(feed.hub.stats()).toMatchObject({ conflations: 1, resumes: 1, slowConsumerDrops: 0, conflatedConnections: 0, connections: 2 });
  });

  it('drops a client that stays conflated longer than maxSlowMs (1008), and the fast client keeps full rate', async () => {
    feed = await startFeed({ ...LIMITS, maxSlowMs: 300 }, fanout);
    const source = new RandomBookSource(feed.hub, INSTRUMENT, 8);
    const [fast, slow] = await fastAndSlow(feed.url);

    slow.tcp.pause();
    await publishUntilConflated(source, feed);
    // Keep publishing at a pace the fast client follows until the sweep finds the slow one conflated for too long.
    const deadline = Date.now() + 30_000;
    while (feed.hub.stats().slowConsumerDrops === 0 && Date.now() < deadline) {
      await source.deltasOverTurns(20, LEVELS_PER_DELTA);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(feed.hub.stats()).toMatchObject({ slowConsumerDrops: 1, connections: 1, conflatedConnections: 0 });
    await source.deltasOverTurns(300, LEVELS_PER_DELTA);
    await expectFastClientComplete(fast, feed, source);

    // Reading again, the dropped client gets what was buffered, then the close.
    slow.tcp.resume();
    await slow.until(() => slow.closeCode !== null, 30_000, 'slow client closed');
    expect([1008, 1006]).toContain(slow.closeCode);
  });
});

describe('slow consumers past the hard limit (topics fan-out)', () => {
  it('drops a client whose buffered bytes pass hardLimitBytes between two sweeps, without waiting for maxSlowMs', async () => {
    // A slow sweep lets uWS buffer far past the soft limit; uWS itself stops at maxBackpressure = the hard limit.
    feed = await startFeed({ softLimitBytes: 64 * 1024, resumeBelowBytes: 8 * 1024, hardLimitBytes: 512 * 1024, sweepIntervalMs: 250, maxSlowMs: 600_000 }, 'topics');
    const source = new RandomBookSource(feed.hub, INSTRUMENT, 9);
    const [fast, slow] = await fastAndSlow(feed.url);
    slow.tcp.pause();
    const deadline = Date.now() + 30_000;
    while (feed.hub.stats().slowConsumerDrops === 0 && Date.now() < deadline) await source.deltasOverTurns(20, LEVELS_PER_DELTA);
    expect(feed.hub.stats()).toMatchObject({ slowConsumerDrops: 1, conflations: 0, connections: 1 });
    await source.deltasOverTurns(200, LEVELS_PER_DELTA);
    await expectFastClientComplete(fast, feed, source);
    slow.tcp.resume();
    await slow.until(() => slow.closeCode !== null, 30_000, 'slow client closed');
  });
});
