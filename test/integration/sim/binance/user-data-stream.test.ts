// The Binance user data stream on the simulator: listenKey REST, then executionReport / outboundAccountPosition for orders placed over signed REST.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SimAccountSpec } from '../../../../src/sim/matching/matching-types.js';
import { BinanceSignedClient } from './binance-signed-client.js';
import { sleep, startBinanceSimulator, waitFor, type BinanceSimulator } from './binance-sim-harness.js';

let simulator: BinanceSimulator;
let account: SimAccountSpec;
let client: BinanceSignedClient;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  simulator = await startBinanceSimulator({ seed: 33 });
  account = simulator.exchange.accounts[0]!;
  client = new BinanceSignedClient({ baseUrl: simulator.server.restUrl, apiKey: account.apiKey, secret: account.secret });
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await simulator.close();
});

type Json = Record<string, unknown>;

async function listen(path: string): Promise<Json[]> {
  const socket = new WebSocket(`${simulator.server.wsUrl}${path}`);
  sockets.push(socket);
  const received: Json[] = [];
  socket.on('message', (data: Buffer) => received.push(JSON.parse(data.toString('utf8')) as Json));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return received;
}

describe('Binance user data stream', () => {
  it('POST gives one live listenKey per account; PUT keeps it alive; unknown keys are -1125', async () => {
    const created = await client.plain('POST', '/api/v3/userDataStream', {}, true);
    expect(created.status).toBe(200);
    const listenKey = (created.body as { listenKey: string }).listenKey;
    expect(listenKey).toMatch(/^[A-Za-z0-9]{60}$/);
    expect((await client.plain('POST', '/api/v3/userDataStream', {}, true)).body).toEqual({ listenKey });
    expect((await client.plain('PUT', '/api/v3/userDataStream', { listenKey }, true)).body).toEqual({});
    expect((await client.plain('PUT', '/api/v3/userDataStream', { listenKey: 'x'.repeat(60) }, true)).body).toEqual({ code: -1125, msg: 'This listenKey does not exist.' });
    expect((await client.plain('POST', '/api/v3/userDataStream', {}, false)).body).toEqual({ code: -2014, msg: 'API-key format invalid.' });
  });

  it('a market buy: executionReport NEW, one TRADE per fill (the last FILLED), then outboundAccountPosition', async () => {
    const listenKey = ((await client.plain('POST', '/api/v3/userDataStream', {}, true)).body as { listenKey: string }).listenKey;
    const events = await listen(`/ws/${listenKey}`);
    const placed = (await client.signed('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quantity: '0.5', newClientOrderId: 'uds-market' })).body as Json & { fills: Json[] };
    expect(placed.status).toBe('FILLED');
    const expectedCount = 1 + placed.fills.length + 1;
    await waitFor('user events', () => events.length, (count) => count >= expectedCount);
    const reports = events.filter((event) => event.e === 'executionReport');
    expect(reports.map((report) => report.x)).toEqual(['NEW', ...placed.fills.map(() => 'TRADE')]);
    expect(reports[0]).toMatchObject({ s: 'ETHUSDT', c: 'uds-market', S: 'BUY', o: 'MARKET', f: 'GTC', X: 'NEW', i: placed.orderId, z: '0.00000000', l: '0.00000000', t: -1, N: null, w: false, V: 'NONE' });
    reports.slice(1).forEach((report, index) => {
      const fill = placed.fills[index]!;
      expect(report).toMatchObject({ x: 'TRADE', L: fill.price, l: fill.qty, n: fill.commission, N: 'USDT', t: fill.tradeId, m: false });
    });
    expect(reports.at(-1)).toMatchObject({ X: 'FILLED', z: '0.50000000', Z: placed.cummulativeQuoteQty });
    const position = events.at(-1)!;
    expect(position.e).toBe('outboundAccountPosition');
    const assets = (position.B as { a: string; f: string; l: string }[]).map((balance) => balance.a).sort();
    expect(assets).toEqual(['ETH', 'USDT']);
    const eth = (position.B as { a: string; f: string }[]).find((balance) => balance.a === 'ETH')!;
    expect(eth.f).toBe('20.50000000');
  });

  it('a resting limit order cancelled: NEW then CANCELED with the cancel id in c and the order id in C; combined stream wraps events', async () => {
    const listenKey = ((await client.plain('POST', '/api/v3/userDataStream', {}, true)).body as { listenKey: string }).listenKey;
    const events = await listen(`/stream?streams=${listenKey}`);
    const placed = (await client.signed('POST', '/api/v3/order', { symbol: 'SOLUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '1', price: '100000', newClientOrderId: 'uds-limit' })).body as Json;
    expect(placed.status).toBe('NEW');
    await client.signed('DELETE', '/api/v3/order', { symbol: 'SOLUSDT', orderId: placed.orderId as number, newClientOrderId: 'uds-cancel' });
    await waitFor('user events', () => events.filter((event) => (event.data as Json).e === 'executionReport').length, (count) => count >= 2);
    expect(events.every((event) => event.stream === listenKey)).toBe(true);
    const reports = events.map((event) => event.data as Json).filter((event) => event.e === 'executionReport');
    expect(reports[0]).toMatchObject({ x: 'NEW', X: 'NEW', c: 'uds-limit', C: '', w: true, W: placed.workingTime, p: '100000.00000000' });
    expect(reports[1]).toMatchObject({ x: 'CANCELED', X: 'CANCELED', c: 'uds-cancel', C: 'uds-limit', w: false });
  });

  it('after DELETE the key is gone: no more events, keepalive is -1125', async () => {
    const listenKey = ((await client.plain('POST', '/api/v3/userDataStream', {}, true)).body as { listenKey: string }).listenKey;
    const events = await listen(`/ws/${listenKey}`);
    expect((await client.plain('DELETE', '/api/v3/userDataStream', { listenKey }, true)).body).toEqual({});
    await client.signed('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'SELL', type: 'MARKET', quantity: '0.1' });
    await sleep(300);
    expect(events).toEqual([]);
    expect((await client.plain('PUT', '/api/v3/userDataStream', { listenKey }, true)).body).toEqual({ code: -1125, msg: 'This listenKey does not exist.' });
  });
});
