// The Coinbase WebSocket as a plain client sees it: subscribe answers, errors, unsubscribe/resubscribe, heartbeats, and sequence_num across channels and faults.
import { afterEach, describe, expect, it } from 'vitest';
import { startCoinbaseSimulator, type CoinbaseSimulator } from './coinbase-engine-harness.js';
import { CoinbaseWsClient, type CoinbaseMessage } from './ws-client.js';

let simulator: CoinbaseSimulator | undefined;
let client: CoinbaseWsClient | undefined;

afterEach(async () => {
  client?.close();
  await simulator?.close();
  client = undefined;
  simulator = undefined;
});

const count = (messages: readonly CoinbaseMessage[], check: (message: CoinbaseMessage) => boolean): number => messages.filter(check).length;
const isSubscriptions = (message: CoinbaseMessage): boolean => message.channel === 'subscriptions';
const l2Of = (message: CoinbaseMessage, product: string): boolean => message.channel === 'l2_data' && message.events?.[0]?.product_id === product;

describe('Coinbase WebSocket protocol', () => {
  it('answers a level2 subscribe with each product snapshot, then the subscription list, then updates', async () => {
    simulator = await startCoinbaseSimulator();
    client = await CoinbaseWsClient.connect(simulator.server.wsUrl);
    client.send({ type: 'subscribe', product_ids: ['BTC-USD', 'ETH-USD'], channel: 'level2' });
    await client.waitUntil('updates of both products', (messages) => messages.filter((message) => message.events?.[0]?.type === 'update').length >= 4);
    const [first, second, third] = client.messages;
    expect(first).toMatchObject({ channel: 'l2_data', sequence_num: 0, events: [{ type: 'snapshot', product_id: 'BTC-USD' }] });
    expect(second).toMatchObject({ channel: 'l2_data', sequence_num: 1, events: [{ type: 'snapshot', product_id: 'ETH-USD' }] });
    expect(third).toEqual({ channel: 'subscriptions', timestamp: third!.timestamp, sequence_num: 2, events: [{ subscriptions: { level2: ['BTC-USD', 'ETH-USD'] } }] });
  });

  it('refuses an unknown product or channel with "failure to subscribe", without a sequence_num and without taking one', async () => {
    simulator = await startCoinbaseSimulator();
    client = await CoinbaseWsClient.connect(simulator.server.wsUrl);
    client.send({ type: 'subscribe', product_ids: ['DOGE-USD'], channel: 'level2' });
    client.send({ type: 'subscribe', product_ids: ['BTC-USD'], channel: 'level3' });
    client.send({ type: 'subscribe', product_ids: [], channel: 'ticker' });
    client.send({ type: 'subscribe', product_ids: ['BTC-USD'], channel: 'heartbeats' });
    await client.waitUntil('the heartbeats subscription', (messages) => messages.some(isSubscriptions));
    expect(client.messages.slice(0, 3)).toEqual([
      { type: 'error', message: 'failure to subscribe' },
      { type: 'error', message: 'failure to subscribe' },
      { type: 'error', message: 'failure to subscribe' },
    ]);
    expect(client.messages[3]).toMatchObject({ channel: 'subscriptions', sequence_num: 0, events: [{ subscriptions: { heartbeats: ['heartbeats'] } }] });
  });

  it('heartbeats once a second with a rising counter; sequence_num counts every message of the connection', async () => {
    simulator = await startCoinbaseSimulator();
    client = await CoinbaseWsClient.connect(simulator.server.wsUrl);
    client.send({ type: 'subscribe', product_ids: ['BTC-USD'], channel: 'heartbeats' });
    client.send({ type: 'subscribe', product_ids: ['BTC-USD', 'ETH-USD'], channel: 'market_trades' });
    client.send({ type: 'subscribe', product_ids: ['BTC-USD', 'ETH-USD'], channel: 'ticker' });
    await client.waitUntil('three heartbeats', (messages) => count(messages, (message) => message.channel === 'heartbeats') >= 3, 6000);
    const beats = client.messages.filter((message) => message.channel === 'heartbeats').map((message) => message.events![0]!.heartbeat_counter as number);
    for (let index = 1; index < beats.length; index++) expect(beats[index]).toBeGreaterThan(beats[index - 1]!);
    const sequences = client.messages.map((message) => message.sequence_num);
    expect(sequences).toEqual(sequences.map((_value, index) => index));
    expect(count(client.messages, (message) => message.channel === 'ticker')).toBeGreaterThan(2);
  });

  it('unsubscribe + subscribe of level2 (the adapter resync) gives a fresh snapshot and no update of that product in between', async () => {
    simulator = await startCoinbaseSimulator();
    client = await CoinbaseWsClient.connect(simulator.server.wsUrl);
    client.send({ type: 'subscribe', product_ids: ['BTC-USD', 'ETH-USD'], channel: 'level2' });
    await client.waitUntil('a few updates', (messages) => count(messages, (message) => message.events?.[0]?.type === 'update') >= 4);
    client.send({ type: 'unsubscribe', product_ids: ['BTC-USD'], channel: 'level2' });
    client.send({ type: 'subscribe', product_ids: ['BTC-USD'], channel: 'level2' });
    await client.waitUntil('the second BTC-USD snapshot', (messages) => count(messages, (message) => l2Of(message, 'BTC-USD') && message.events![0]!.type === 'snapshot') === 2);
    await client.waitUntil('the list after resubscribing', (messages) => count(messages, isSubscriptions) === 3);
    const subscriptions = client.messages.filter(isSubscriptions).map((message) => message.events![0]!.subscriptions);
    expect(subscriptions).toEqual([{ level2: ['BTC-USD', 'ETH-USD'] }, { level2: ['ETH-USD'] }, { level2: ['ETH-USD', 'BTC-USD'] }]);
    const afterUnsubscribe = client.messages.findIndex((message, index) => isSubscriptions(message) && index > 2);
    const resnapshot = client.messages.findIndex((message, index) => index > afterUnsubscribe && l2Of(message, 'BTC-USD'));
    expect(client.messages[resnapshot]!.events![0]!.type).toBe('snapshot');
  });

  it('a dropped level2 frame leaves a hole in sequence_num and nothing else', async () => {
    simulator = await startCoinbaseSimulator({ faults: { websocket: { drop: [{ key: 'ETH-USD', frames: [3] }] } } });
    client = await CoinbaseWsClient.connect(simulator.server.wsUrl);
    client.send({ type: 'subscribe', product_ids: ['ETH-USD'], channel: 'level2' });
    await client.waitUntil('ten messages', (messages) => messages.length >= 10);
    const sequences = client.messages.map((message) => message.sequence_num!);
    const holes = sequences.flatMap((sequence, index) => (index > 0 && sequence !== sequences[index - 1]! + 1 ? [[sequences[index - 1], sequence]] : []));
    expect(holes).toHaveLength(1);
    expect(holes[0]![1]! - holes[0]![0]!).toBe(2);
  });
});
