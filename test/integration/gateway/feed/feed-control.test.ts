// The control protocol against a real server: acks, every refusal with its code and request id, unsubscribe, instruments, and the connection surviving bad requests.
import { afterEach, describe, expect, it } from 'vitest';
import { FeedLevels } from '../../../../src/gateway/feed/feed-levels.js';
import { createRecordStamps } from '../../../../src/model/record-header.js';
import { AggressorSide, InstrumentStatus } from '../../../../src/model/record-types.js';
import type { DecodedFeedMessage } from '../../../../src/gateway/feed/feed-decoder.js';
import { FeedTestClient } from './feed-test-client.js';
import { startFeed, type RunningFeed } from './feed-harness.js';

let feed: RunningFeed | undefined;
const clients: FeedTestClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  feed?.server.close();
  feed = undefined;
});

async function connect(url: string): Promise<FeedTestClient> {
  const client = await FeedTestClient.connect(url);
  clients.push(client);
  return client;
}

function errorFor(client: FeedTestClient, requestId: number): Promise<DecodedFeedMessage> {
  return client.next((message) => message.type === 'error' && message.requestId === requestId);
}

describe('feed control protocol', () => {
  it('answers every bad request with a FeedError (code, request id, topic) and keeps the connection usable', async () => {
    feed = await startFeed({ maxTopicsPerConnection: 2 });
    feed.hub.addInstrument('binance:BTC-USDT', { priceDecimals: 2, sizeDecimals: 8 });
    feed.hub.addInstrument('all:BTC-USDT', { priceDecimals: 2, sizeDecimals: 8 });
    const client = await connect(feed.url);

    client.send('subscribe please');
    expect(await client.next((message) => message.type === 'error')).toMatchObject({ code: 'ZVT_ERR_GATEWAY_FEED_REQUEST', message: 'control frame is not JSON', requestId: 0, topic: null });
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    await client.until(() => client.messages.filter((message) => message.type === 'error').length === 2);
    expect(client.messages.at(-1)).toMatchObject({ code: 'ZVT_ERR_GATEWAY_FEED_REQUEST', message: 'control frames are JSON text frames, not binary' });
    client.send({ op: 'subscribe', topics: ['book.binance:BTC-USDT'], id: 3, depth: 5 });
    expect(await errorFor(client, 3)).toMatchObject({ code: 'ZVT_ERR_GATEWAY_FEED_REQUEST', message: 'unknown field "depth" for op "subscribe"' });

    client.subscribe(['depth.binance:BTC-USDT'], 4);
    expect(await errorFor(client, 4)).toMatchObject({ code: 'ZVT_ERR_GATEWAY_FEED_TOPIC_INVALID', topic: 'depth.binance:BTC-USDT' });
    client.subscribe(['book.okx:BTC-USDT'], 5);
    expect(await errorFor(client, 5)).toMatchObject({ code: 'ZVT_ERR_GATEWAY_FEED_TOPIC_UNKNOWN', message: 'the feed serves no instrument "okx:BTC-USDT"', topic: 'book.okx:BTC-USDT' });
    client.send({ op: 'snapshot', topics: ['book.binance:BTC-USDT'], id: 6 });
    expect(await errorFor(client, 6)).toMatchObject({ code: 'ZVT_ERR_GATEWAY_FEED_NOT_SUBSCRIBED' });
    client.send({ op: 'unsubscribe', topics: ['bbo.all:BTC-USDT'], id: 7 });
    expect(await errorFor(client, 7)).toMatchObject({ code: 'ZVT_ERR_GATEWAY_FEED_NOT_SUBSCRIBED', topic: 'bbo.all:BTC-USDT' });

    // One request, three topics: two fit the limit of 2, the third is refused; a valid one after errors still works.
    client.subscribe(['book.binance:BTC-USDT', 'trades.binance:BTC-USDT', 'bbo.all:BTC-USDT'], 8);
    expect(await errorFor(client, 8)).toMatchObject({ code: 'ZVT_ERR_GATEWAY_FEED_TOPIC_LIMIT', topic: 'bbo.all:BTC-USDT' });
    const acks = client.messages.filter((message) => message.type === 'subscribeAck' && message.requestId === 8);
    expect(acks.map((ack) => ack.type === 'subscribeAck' && [ack.topic, ack.topicId, ack.subscribed, ack.seq, ack.priceDecimals, ack.sizeDecimals])).toEqual([
      ['book.binance:BTC-USDT', 0, true, 0n, 2, 8],
      ['trades.binance:BTC-USDT', 2, true, 0n, 2, 8],
    ]);
    client.send({ op: 'snapshot', topics: ['trades.binance:BTC-USDT'], id: 9 });
    expect(await errorFor(client, 9)).toMatchObject({ code: 'ZVT_ERR_GATEWAY_FEED_NO_SNAPSHOT' });

    client.send({ op: 'unsubscribe', topics: ['trades.binance:BTC-USDT'], id: 10 });
    expect(await client.next((message) => message.type === 'subscribeAck' && message.requestId === 10)).toMatchObject({ subscribed: false, topic: 'trades.binance:BTC-USDT' });
    client.send({ op: 'instruments', id: 11 });
    expect(await client.next((message) => message.type === 'instruments')).toEqual({
      type: 'instruments',
      requestId: 11,
      instruments: [
        { instrument: 'binance:BTC-USDT', priceDecimals: 2, sizeDecimals: 8 },
        { instrument: 'all:BTC-USDT', priceDecimals: 2, sizeDecimals: 8 },
      ],
    });
    expect(feed.hub.stats().controlErrors).toBe(9);
    expect(client.closeCode).toBeNull();
  });

  it('serves bbo, trades and status topics with their own seqs; bbo and status give their last value on subscribe; unsubscribed topics stop', async () => {
    feed = await startFeed();
    const hub = feed.hub;
    const handle = hub.addInstrument('bybit:BTC-USDT-PERP', { priceDecimals: 1, sizeDecimals: 3 });
    const stamps = createRecordStamps();
    hub.onStatus(handle, InstrumentStatus.SYNCED, stamps);
    hub.onBbo(handle, 650_001, 1_500, 650_002, 0, stamps);
    const client = await connect(feed.url);
    client.subscribe(['bbo.bybit:BTC-USDT-PERP', 'trades.bybit:BTC-USDT-PERP', 'status.bybit:BTC-USDT-PERP', 'book.bybit:BTC-USDT-PERP'], 1);
    await client.next((message) => message.type === 'snapshot');
    expect(client.messages.map((message) => message.type)).toEqual(['subscribeAck', 'bbo', 'subscribeAck', 'subscribeAck', 'status', 'subscribeAck', 'snapshot']);
    expect(client.messages[1]).toMatchObject({ type: 'bbo', topicId: 1, seq: 1n, bid: { price: 650_001n, size: 1_500n }, ask: { price: 650_002n, size: 0n } });
    expect(client.messages[4]).toMatchObject({ type: 'status', topicId: 3, seq: 1n, status: 'synced' });
    expect(client.messages[6]).toMatchObject({ type: 'snapshot', topicId: 0, seq: 0n, bids: [], asks: [], reason: 'subscribe', priceDecimals: 1, sizeDecimals: 3 });

    hub.onTrade(handle, 650_002, 25, AggressorSide.BUY, '1f0e3c4a-0000-4000-8000-000000000001', stamps);
    hub.onTrade(handle, 650_001, 7, AggressorSide.SELL, '1f0e3c4a-0000-4000-8000-000000000002', stamps);
    hub.onStatus(handle, InstrumentStatus.RESYNCING, stamps);
    const levels = new FeedLevels();
    levels.addBid(650_000, 3);
    hub.onBookDelta(handle, levels, stamps);
    hub.onBbo(handle, 650_001, 1_400, 650_003, 900, stamps);
    await client.next((message) => message.type === 'bbo' && message.seq === 2n);
    expect(client.messages.slice(7)).toMatchObject([
      { type: 'trade', topicId: 2, seq: 1n, price: 650_002n, size: 25n, aggressor: 'buy', tradeId: '1f0e3c4a-0000-4000-8000-000000000001' },
      { type: 'trade', topicId: 2, seq: 2n, aggressor: 'sell' },
      { type: 'status', seq: 2n, status: 'resyncing' },
      { type: 'delta', topicId: 0, seq: 1n, bids: [{ price: 650_000n, size: 3n }], asks: [] },
      { type: 'bbo', seq: 2n, bid: { size: 1_400n }, ask: { price: 650_003n, size: 900n } },
    ]);

    client.send({ op: 'unsubscribe', topics: ['trades.bybit:BTC-USDT-PERP'], id: 2 });
    await client.next((message) => message.type === 'subscribeAck' && !message.subscribed);
    const before = client.messages.length;
    hub.onTrade(handle, 650_002, 1, AggressorSide.BUY, 'x', stamps);
    hub.onStatus(handle, InstrumentStatus.SYNCED, stamps);
    await client.next((message) => message.type === 'status' && message.seq === 3n);
    expect(client.messages.slice(before).map((message) => message.type)).toEqual(['status']);
    // Encoded only when someone listens: the status and BBO before the subscription and the trade after it were not.
    expect(hub.stats().messagesPublished).toBe(6);
  });
});
