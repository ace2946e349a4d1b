// Consolidated topics (`all:<canonical>`): a source publishing the cross-venue top 20 through FeedDepthDiffer; clients hold exactly that view and its BBO.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedDepthDiffer } from '../../../../src/gateway/feed/feed-depth-differ.js';
import type { FeedHub } from '../../../../src/gateway/feed/feed-hub.js';
import { FeedLevels } from '../../../../src/gateway/feed/feed-levels.js';
import { createRecordStamps } from '../../../../src/model/record-header.js';
import { FeedTestClient, replicaLevels } from './feed-test-client.js';
import { RandomBookSource, startFeed, type RunningFeed } from './feed-harness.js';

const DEPTH = 20;

let feed: RunningFeed | undefined;
const clients: FeedTestClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  feed?.server.close();
  feed = undefined;
});

/** The venues' books merged per price (sizes summed), best DEPTH levels a side: what the engine's consolidated book reports. */
function consolidatedTop(hub: FeedHub, venues: string[]): { bids: [number, number][]; asks: [number, number][] } {
  const merge = (side: 'bids' | 'asks'): [number, number][] => {
    const sizes = new Map<number, number>();
    for (const venue of venues) for (const [price, size] of hub.bookLevels(venue)[side]) sizes.set(price, (sizes.get(price) ?? 0) + size);
    return [...sizes.entries()].sort(([left], [right]) => (side === 'bids' ? right - left : left - right)).slice(0, DEPTH);
  };
  return { bids: merge('bids'), asks: merge('asks') };
}

describe('consolidated feed topics', () => {
  it('book.all and bbo.all follow the merged top 20 of two venue books through 1 500 venue deltas', async () => {
    feed = await startFeed();
    const hub = feed.hub;
    const venues = ['binance:BTC-USDT', 'okx:BTC-USDT'];
    const sources = venues.map((venue, index) => new RandomBookSource(hub, venue, 30 + index));
    const all = hub.addInstrument('all:BTC-USDT', { priceDecimals: 2, sizeDecimals: 8 });
    const differ = new FeedDepthDiffer(DEPTH);
    const levels = new FeedLevels();
    const stamps = createRecordStamps();
    const publishConsolidated = (first: boolean): void => {
      const top = consolidatedTop(hub, venues);
      const column = (rows: [number, number][], index: 0 | 1): Float64Array => Float64Array.from(rows.map((row) => row[index]));
      differ.update(column(top.bids, 0), column(top.bids, 1), top.bids.length, column(top.asks, 0), column(top.asks, 1), top.asks.length, levels);
      if (first) hub.onBookSnapshot(all, levels, stamps);
      else if (levels.bidCount + levels.askCount > 0) hub.onBookDelta(all, levels, stamps);
      hub.onBbo(all, top.bids[0]![0], top.bids[0]![1], top.asks[0]![0], top.asks[0]![1], stamps);
    };
    publishConsolidated(true);

    const client = await FeedTestClient.connect(feed.url);
    clients.push(client);
    client.subscribe(['book.all:BTC-USDT', 'bbo.all:BTC-USDT', 'book.okx:BTC-USDT']);
    for (let index = 0; index < 1_500; index++) {
      sources[index % 2]!.delta(3);
      publishConsolidated(false);
      if (index % 25 === 0) await yieldToEventLoop();
    }
    const topic = 'book.all:BTC-USDT';
    await client.until(() => client.books.get(topic)?.seq === BigInt(hub.topicSeq(topic)!), 20_000, 'consolidated book at the hub seq');
    await client.until(() => client.books.get('book.okx:BTC-USDT')?.seq === BigInt(hub.topicSeq('book.okx:BTC-USDT')!), 20_000, 'okx book');
    const expected = consolidatedTop(hub, venues);
    expect(replicaLevels(client.books.get(topic)!)).toEqual(expected);
    expect(replicaLevels(client.books.get('book.okx:BTC-USDT')!)).toEqual(hub.bookLevels('okx:BTC-USDT'));
    expect(client.books.get(topic)!.gaps).toBe(0);
    const lastBbo = client.messages.findLast((message) => message.type === 'bbo');
    expect(lastBbo).toMatchObject({
      seq: BigInt(hub.topicSeq('bbo.all:BTC-USDT')!),
      bid: { price: BigInt(expected.bids[0]![0]), size: BigInt(expected.bids[0]![1]) },
      ask: { price: BigInt(expected.asks[0]![0]), size: BigInt(expected.asks[0]![1]) },
    });
  });
});
