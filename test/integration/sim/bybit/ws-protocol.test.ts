// The Bybit simulator's WebSocket protocol: acks, pongs and errors in each category's shape, orderbook/trade/ticker/kline frames with the recorded field order, u continuity, and the private stream.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBybitSimulator, type BybitSimulator } from './bybit-engine-harness.js';
import { BybitSignedClient } from './bybit-signed-client.js';
import { BybitWsClient, type BybitFrame } from './bybit-ws-client.js';

let simulator: BybitSimulator;
const clients: BybitWsClient[] = [];

beforeAll(async () => {
  simulator = await startBybitSimulator({ seed: 31 });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await simulator.close();
});

async function connect(path: string): Promise<BybitWsClient> {
  const client = await BybitWsClient.connect(`${simulator.server.wsUrl}${path}`);
  clients.push(client);
  return client;
}

const keysOf = (frame: BybitFrame | undefined): string[] => Object.keys(frame ?? {});
const topicIs = (topic: string) => (frame: BybitFrame): boolean => frame.topic === topic;

describe('Bybit public WebSocket', () => {
  it('linear: ack with req_id "", orderbook snapshot then deltas with u + 1, trades and ticker deltas in the recorded field order', async () => {
    const client = await connect('/v5/public/linear');
    client.send({ op: 'subscribe', args: ['orderbook.200.BTCUSDT', 'publicTrade.BTCUSDT', 'tickers.BTCUSDT'] });
    const ack = await client.next('ack', (frame) => frame.op === 'subscribe');
    expect(client.texts[0]).toMatch(/^\{"success":true,"ret_msg":"","conn_id":"[0-9a-v]{20}-[0-9a-z]{5}","req_id":"","op":"subscribe"\}$/);
    expect(ack.success).toBe(true);
    const snapshot = await client.next('snapshot', topicIs('orderbook.200.BTCUSDT'));
    expect(keysOf(snapshot)).toEqual(['topic', 'type', 'ts', 'data', 'cts']);
    expect(snapshot.type).toBe('snapshot');
    const data = snapshot.data as { s: string; b: [string, string][]; a: [string, string][]; u: number; seq: number };
    expect(keysOf(data)).toEqual(['s', 'b', 'a', 'u', 'seq']);
    expect(data.s).toBe('BTCUSDT');
    expect(data.b.length).toBeGreaterThan(50);
    // Linear pads to the contract's decimals (tick 0.1, qty step 0.001).
    for (const [price, size] of [...data.b, ...data.a]) {
      expect(price).toMatch(/^[0-9]+\.[0-9]$/);
      expect(size).toMatch(/^[0-9]+\.[0-9]{3}$/);
    }
    const bids = data.b.map(([price]) => Number(price));
    expect(bids).toEqual([...bids].sort((left, right) => right - left));
    const start = client.frames.indexOf(snapshot);
    const deltas: BybitFrame[] = [];
    for (let count = 0; count < 4; count++) deltas.push(await client.next('delta', (frame) => frame.topic === 'orderbook.200.BTCUSDT' && !deltas.includes(frame) && frame.type === 'delta', start));
    expect(deltas.map((frame) => (frame.data as { u: number }).u)).toEqual([data.u + 1, data.u + 2, data.u + 3, data.u + 4]);
    const trade = await client.next('trade', topicIs('publicTrade.BTCUSDT'), 0, 20_000);
    expect(keysOf(trade)).toEqual(['topic', 'type', 'ts', 'data']);
    const print = (trade.data as BybitFrame[])[0];
    expect(keysOf(print)).toEqual(['T', 's', 'S', 'v', 'p', 'L', 'i', 'BT', 'RPI', 'seq']);
    expect(print!.i).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const tickerSnapshot = await client.next('ticker snapshot', (frame) => frame.topic === 'tickers.BTCUSDT' && frame.type === 'snapshot');
    expect(keysOf(tickerSnapshot)).toEqual(['topic', 'type', 'data', 'cs', 'ts']);
    expect(keysOf(tickerSnapshot.data as BybitFrame).slice(0, 4)).toEqual(['symbol', 'tickDirection', 'price24hPcnt', 'lastPrice']);
    const tickerDelta = await client.next('ticker delta', (frame) => frame.topic === 'tickers.BTCUSDT' && frame.type === 'delta');
    expect((tickerDelta.data as BybitFrame).symbol).toBe('BTCUSDT');
  });

  it('spot: ack "subscribe" without req_id, canonical numbers, spot trade field order, snapshot-only tickers without book fields', async () => {
    const client = await connect('/v5/public/spot');
    client.send({ op: 'subscribe', args: ['orderbook.50.ETHUSDT', 'tickers.ETHUSDT', 'publicTrade.ETHUSDT'] });
    await client.next('ack', (frame) => frame.op === 'subscribe');
    expect(client.texts[0]).toMatch(/^\{"success":true,"ret_msg":"subscribe","conn_id":"[0-9a-v]{20}-[0-9a-z]{5}","op":"subscribe"\}$/);
    const snapshot = await client.next('snapshot', topicIs('orderbook.50.ETHUSDT'));
    expect(keysOf(snapshot)).toEqual(['topic', 'ts', 'type', 'data', 'cts']);
    const data = snapshot.data as { b: [string, string][]; a: [string, string][] };
    expect(data.b).toHaveLength(50);
    expect(data.a).toHaveLength(50);
    for (const [price, size] of [...data.b, ...data.a]) {
      expect(price).not.toMatch(/\.[0-9]*0$/);
      expect(size).not.toMatch(/\.[0-9]*0$/);
    }
    const ticker = await client.next('ticker', topicIs('tickers.ETHUSDT'));
    expect(keysOf(ticker)).toEqual(['topic', 'ts', 'type', 'cs', 'data']);
    expect(keysOf(ticker.data as BybitFrame)).toEqual(['symbol', 'lastPrice', 'highPrice24h', 'lowPrice24h', 'prevPrice24h', 'volume24h', 'turnover24h', 'price24hPcnt', 'usdIndexPrice']);
    const trade = await client.next('trade', topicIs('publicTrade.ETHUSDT'), 0, 30_000);
    expect(keysOf(trade)).toEqual(['topic', 'ts', 'type', 'data']);
    const print = (trade.data as BybitFrame[])[0];
    expect(keysOf(print)).toEqual(['i', 'T', 'p', 'v', 'S', 'seq', 's', 'BT', 'RPI']);
    expect(print!.i).toMatch(/^[1-9][0-9]{18}$/);
  });

  it('orderbook.1 sends only snapshots, each with the next u', async () => {
    const client = await connect('/v5/public/spot');
    client.send({ op: 'subscribe', args: ['orderbook.1.BTCUSDT'] });
    const first = await client.next('level 1', topicIs('orderbook.1.BTCUSDT'));
    const second = await client.next('level 1 again', (frame) => frame.topic === 'orderbook.1.BTCUSDT' && frame !== first);
    expect([first.type, second.type]).toEqual(['snapshot', 'snapshot']);
    expect((second.data as { u: number }).u).toBe((first.data as { u: number }).u + 1);
    expect((first.data as { b: unknown[] }).b).toHaveLength(1);
  });

  it('kline: the forming bar as a snapshot', async () => {
    const client = await connect('/v5/public/linear');
    client.send({ op: 'subscribe', args: ['kline.1.BTCUSDT'], req_id: 'k1' });
    const bar = await client.next('kline', topicIs('kline.1.BTCUSDT'));
    expect(keysOf(bar)).toEqual(['topic', 'data', 'ts', 'type']);
    const [candle] = bar.data as BybitFrame[];
    expect(keysOf(candle)).toEqual(['start', 'end', 'interval', 'open', 'close', 'high', 'low', 'volume', 'turnover', 'confirm', 'timestamp']);
    expect(candle).toMatchObject({ interval: '1', confirm: false });
    expect((candle!.end as number) - (candle!.start as number)).toBe(59_999);
  });

  it('errors and control: unknown symbol, unknown channel, duplicate topic, unsubscribe, ping/pong, unknown op', async () => {
    const linear = await connect('/v5/public/linear');
    linear.send({ op: 'subscribe', args: ['orderbook.200.ETHUSDT'], req_id: 'a' });
    expect(await linear.next('refusal', (frame) => frame.req_id === 'a')).toMatchObject({ success: false, ret_msg: 'Invalid symbol :[orderbook.200.ETHUSDT]', op: 'subscribe' });
    linear.send({ op: 'subscribe', args: ['orderbook.25.BTCUSDT'], req_id: 'b' });
    expect(await linear.next('refusal', (frame) => frame.req_id === 'b')).toMatchObject({ success: false, ret_msg: 'error:handler not found,topic:orderbook.25.BTCUSDT' });
    linear.send({ op: 'subscribe', args: ['publicTrade.BTCUSDT'], req_id: 'c' });
    await linear.next('ack', (frame) => frame.req_id === 'c');
    linear.send({ op: 'subscribe', args: ['publicTrade.BTCUSDT'], req_id: 'd' });
    expect(await linear.next('refusal', (frame) => frame.req_id === 'd')).toMatchObject({ success: false, ret_msg: 'error:already subscribed,topic:publicTrade.BTCUSDT' });
    linear.send({ op: 'unsubscribe', args: ['publicTrade.BTCUSDT'], req_id: 'e' });
    expect(await linear.next('unsubscribed', (frame) => frame.req_id === 'e')).toMatchObject({ success: true, op: 'unsubscribe' });
    linear.send({ op: 'ping', req_id: '100001' });
    const pong = await linear.next('pong', (frame) => frame.op === 'ping');
    expect(keysOf(pong)).toEqual(['success', 'ret_msg', 'conn_id', 'req_id', 'op']);
    expect(pong).toMatchObject({ success: true, ret_msg: 'pong', req_id: '100001', op: 'ping' });
    linear.send({ op: 'dance' });
    expect(await linear.next('invalid op', (frame) => frame.ret_msg === 'error:invalid op')).toMatchObject({ success: false });
    const spot = await connect('/v5/public/spot');
    spot.send({ op: 'ping' });
    expect(keysOf(await spot.next('spot pong', (frame) => frame.op === 'ping'))).toEqual(['success', 'ret_msg', 'conn_id', 'op']);
  });

  it('a service restart sends every subscriber a u = 1 snapshot, then deltas continue from 2', async () => {
    const client = await connect('/v5/public/spot');
    client.send({ op: 'subscribe', args: ['orderbook.200.BTCUSDT'] });
    await client.next('snapshot', topicIs('orderbook.200.BTCUSDT'));
    simulator.dialect.restartBookStreams('spot', 'BTCUSDT');
    const restart = await client.next('u = 1', (frame) => frame.topic === 'orderbook.200.BTCUSDT' && (frame.data as { u: number }).u === 1);
    expect(restart.type).toBe('snapshot');
    const after = client.frames.indexOf(restart);
    const next = await client.next('u = 2', (frame) => frame.topic === 'orderbook.200.BTCUSDT' && frame.type === 'delta', after + 1);
    expect((next.data as { u: number }).u).toBe(2);
  });
});

describe('Bybit private WebSocket', () => {
  it('auth, subscribe, and order/execution/wallet pushes for a filled market order', async () => {
    const account = simulator.exchange.accounts[0]!;
    const client = await connect('/v5/private');
    client.send({ op: 'subscribe', args: ['order'], req_id: 'early' });
    expect(await client.next('not authorized', (frame) => frame.req_id === 'early')).toMatchObject({ success: false, ret_msg: 'Request not authorized', op: 'subscribe' });
    const expires = Date.now() + 10_000;
    client.send({ op: 'auth', args: [account.apiKey, expires, 'f'.repeat(64)], req_id: 'bad' });
    expect(await client.next('auth refused', (frame) => frame.req_id === 'bad')).toMatchObject({ success: false, ret_msg: 'Params Error', op: 'auth' });
    const signature = createHmac('sha256', account.secret).update(`GET/realtime${expires}`).digest('hex');
    client.send({ req_id: 'auth', op: 'auth', args: [account.apiKey, expires, signature] });
    const authed = await client.next('auth', (frame) => frame.req_id === 'auth');
    expect(keysOf(authed)).toEqual(['req_id', 'success', 'ret_msg', 'op', 'conn_id']);
    expect(authed).toMatchObject({ success: true, ret_msg: '', op: 'auth' });
    client.send({ op: 'subscribe', args: ['order', 'execution.spot', 'wallet'], req_id: 'sub' });
    expect(await client.next('subscribed', (frame) => frame.req_id === 'sub')).toMatchObject({ success: true, op: 'subscribe' });
    client.send({ op: 'ping', req_id: 'p' });
    const pong = await client.next('pong', (frame) => frame.op === 'pong');
    expect(keysOf(pong)).toEqual(['req_id', 'op', 'args', 'conn_id']);

    const rest = new BybitSignedClient({ baseUrl: simulator.server.restUrl, apiKey: account.apiKey, secret: account.secret });
    const created = await rest.post('/v5/order/create', { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty: '0.002', marketUnit: 'baseCoin', orderLinkId: 'ws-1' });
    expect(created.body.retCode).toBe(0);
    const orderId = created.body.result.orderId;
    const orderPush = await client.next('order', (frame) => frame.topic === 'order' && (frame.data as BybitFrame[]).some((order) => order.orderId === orderId && order.orderStatus === 'Filled'));
    expect(keysOf(orderPush)).toEqual(['id', 'topic', 'creationTime', 'data']);
    const filled = (orderPush.data as BybitFrame[]).find((order) => order.orderId === orderId)!;
    expect(filled).toMatchObject({ category: 'spot', symbol: 'BTCUSDT', orderLinkId: 'ws-1', cumExecQty: '0.002', marketUnit: 'baseCoin' });
    const execution = await client.next('execution', (frame) => frame.topic === 'execution.spot');
    expect((execution.data as BybitFrame[])[0]).toMatchObject({ category: 'spot', orderId, execType: 'Trade', isMaker: false });
    const wallet = await client.next('wallet', topicIs('wallet'));
    const [unified] = wallet.data as { accountType: string; coin: { coin: string }[] }[];
    expect(unified!.accountType).toBe('UNIFIED');
    expect(unified!.coin.map((coin) => coin.coin).sort()).toEqual(['BTC', 'USDT']);
  });
});
