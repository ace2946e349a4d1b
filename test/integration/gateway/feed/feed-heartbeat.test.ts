// Heartbeats: every connection gets one per heartbeatIntervalMs with the server's epoch time, subscribed or not; the default period is one second.
import { afterEach, describe, expect, it } from 'vitest';
import { FEED_HUB_DEFAULTS } from '../../../../src/gateway/feed/feed-hub-options.js';
import { FeedTestClient } from './feed-test-client.js';
import { startFeed, type RunningFeed } from './feed-harness.js';

let feed: RunningFeed | undefined;
const clients: FeedTestClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  feed?.server.close();
  feed = undefined;
});

describe('feed heartbeats', () => {
  it('sends each connection a heartbeat per period, with increasing server time spaced by at least the period', async () => {
    expect(FEED_HUB_DEFAULTS.heartbeatIntervalMs).toBe(1_000);
    feed = await startFeed({ heartbeatIntervalMs: 50 });
    const quiet = await FeedTestClient.connect(feed.url);
    const other = await FeedTestClient.connect(feed.url);
    clients.push(quiet, other);
    const heartbeats = (client: FeedTestClient): bigint[] => client.messages.flatMap((message) => (message.type === 'heartbeat' ? [message.serverTimeNs] : []));
    const before = BigInt(Date.now()) * 1_000_000n;
    await quiet.until(() => heartbeats(quiet).length >= 6, 20_000, 'six heartbeats');
    await other.until(() => heartbeats(other).length >= 6, 20_000, 'six heartbeats');
    const times = heartbeats(quiet);
    // Epoch nanoseconds of this machine (the same clock, to the millisecond).
    expect(times[0]!).toBeGreaterThan(before - 10_000_000n);
    expect(times[0]!).toBeLessThan(BigInt(Date.now()) * 1_000_000n + 10_000_000n);
    for (let index = 1; index < times.length; index++) expect(times[index]! - times[index - 1]!).toBeGreaterThanOrEqual(45_000_000n);
    expect(feed.hub.stats().heartbeatsSent).toBeGreaterThanOrEqual(12);
  });
});
