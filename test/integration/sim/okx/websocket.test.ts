// OKX v5 WebSockets of the simulator with a plain client: subscribe acks and errors, ping/pong, books chain and checksums, books5/bbo-tbt/trades/tickers, login and the orders/account channels.
import { crc32 } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../../src/sim/start-simulator.js';
import { loginArgument, okxRequest, RecordingSocket, type OkxCredentials } from './okx-client.js';

type Level = [string, string, string, string];
interface BooksData {
  asks: Level[];
  bids: Level[];
  ts: string;
  checksum: number;
  prevSeqId: number;
  seqId: number;
}

let simulator: RunningSimulator;
let credentials: OkxCredentials;
const sockets: RecordingSocket[] = [];

beforeAll(async () => {
  simulator = await startSimulator({ venues: ['okx'], seed: 17 });
  const endpoints = simulator.endpoints.okx!;
  credentials = { apiKey: endpoints.apiKey, secret: endpoints.secret, passphrase: endpoints.password! };
});

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});

afterAll(async () => {
  await simulator.close();
});

async function open(path: '/ws/v5/public' | '/ws/v5/private'): Promise<RecordingSocket> {
  const socket = await RecordingSocket.open(`${simulator.endpoints.okx!.ws}${path}`);
  sockets.push(socket);
  return socket;
}

/** The documented rule, computed here independently: best 25 a side, bid:ask alternately, price:size, signed CRC32. */
function checksumOf(bids: Map<string, string>, asks: Map<string, string>): number {
  const sorted = (side: Map<string, string>, descending: boolean): [string, string][] => [...side].sort((a, b) => (descending ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0])));
  const bidLevels = sorted(bids, true);
  const askLevels = sorted(asks, false);
  const parts: string[] = [];
  for (let row = 0; row < 25; row++) {
    if (bidLevels[row] !== undefined) parts.push(`${bidLevels[row]![0]}:${bidLevels[row]![1]}`);
    if (askLevels[row] !== undefined) parts.push(`${askLevels[row]![0]}:${askLevels[row]![1]}`);
  }
  return crc32(Buffer.from(parts.join(':'))) | 0;
}

const isEvent = (event: string) => (message: Record<string, unknown>) => message.event === event;
/** A push (not an event) of this channel. */
const isPush = (channel: string) => (message: Record<string, unknown>) => message.event === undefined && (message.arg as { channel?: string } | undefined)?.channel === channel;

describe('OKX public WebSocket', () => {
  it('answers ping with pong, malformed requests with 60012, unknown instruments and channels with 60018', async () => {
    const socket = await open('/ws/v5/public');
    socket.send('ping');
    socket.send('{not json');
    socket.send({ id: 'a1', op: 'subscribe', args: [{ channel: 'books', instId: 'DOGE-USDT' }] });
    socket.send({ op: 'subscribe', args: [{ channel: 'candle1m', instId: 'BTC-USDT' }] });
    socket.send({ op: 'subscribe', args: [{ channel: 'orders', instType: 'ANY' }] });
    socket.send({ op: 'fly', args: [] });
    await socket.waitFor('four errors', () => socket.messages().filter(isEvent('error')).length === 5);
    expect(socket.frames[0]).toBe('pong');
    const errors = socket.messages().filter(isEvent('error'));
    expect(errors[0]).toMatchObject({ code: '60012', msg: 'Invalid request: {not json' });
    expect(errors[1]).toMatchObject({
      id: 'a1',
      code: '60018',
      msg: "Wrong URL or channel:books,instId:DOGE-USDT doesn't exist. Please use the correct URL, channel and parameters referring to API document.",
    });
    expect(errors[2]).toMatchObject({ code: '60018' });
    expect(errors[3]).toMatchObject({ code: '60018' });
    expect(errors[4]).toMatchObject({ code: '60019', msg: 'Invalid op: fly' });
    expect(typeof errors[0]!.connId).toBe('string');
  });

  it('books: an ack, a snapshot (prevSeqId -1), then updates chained by prevSeqId, each checksum matching the book rebuilt from them', async () => {
    const socket = await open('/ws/v5/public');
    socket.send({ id: 'b1', op: 'subscribe', args: [{ channel: 'books', instId: 'BTC-USDT' }] });
    await socket.waitFor('12 books updates', () => socket.messages().filter((message) => message.action === 'update').length >= 12);
    const messages = socket.messages();
    expect(messages[0]).toEqual({ id: 'b1', event: 'subscribe', arg: { channel: 'books', instId: 'BTC-USDT' }, connId: messages[0]!.connId });
    const pushes = messages.slice(1).filter((message) => (message.arg as { channel: string }).channel === 'books');
    expect(pushes[0]!.action).toBe('snapshot');
    const bids = new Map<string, string>();
    const asks = new Map<string, string>();
    let lastSeqId = -1;
    for (const [index, push] of pushes.entries()) {
      const data = (push.data as BooksData[])[0]!;
      expect(Object.keys(data)).toEqual(['asks', 'bids', 'ts', 'checksum', 'prevSeqId', 'seqId']);
      if (index === 0) {
        expect(data.prevSeqId).toBe(-1);
        expect(data.bids.length).toBe(200);
        expect(data.asks.length).toBe(200);
      } else {
        expect(push.action).toBe('update');
        expect(data.prevSeqId).toBe(lastSeqId);
        expect(data.seqId).toBeGreaterThan(data.prevSeqId);
      }
      for (const [side, levels] of [
        [bids, data.bids],
        [asks, data.asks],
      ] as const) {
        for (const [price, size, deprecated, count] of levels) {
          expect(deprecated).toBe('0');
          if (size === '0') {
            expect(count).toBe('0');
            side.delete(price);
          } else side.set(price, size);
        }
      }
      expect(data.checksum, `push ${index}`).toBe(checksumOf(bids, asks));
      lastSeqId = data.seqId;
    }
    // A REST depth answer is the same book, level for level, once the clock stops.
    simulator.exchange('okx').stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const settled = socket.messages().filter((message) => message.action !== undefined);
    const rebuiltBids = new Map<string, string>();
    const rebuiltAsks = new Map<string, string>();
    for (const push of settled) {
      const data = (push.data as BooksData[])[0]!;
      for (const [side, levels] of [
        [rebuiltBids, data.bids],
        [rebuiltAsks, data.asks],
      ] as const) {
        for (const [price, size] of levels) {
          if (size === '0') side.delete(price);
          else side.set(price, size);
        }
      }
    }
    const depth = await okxRequest(simulator.endpoints.okx!.rest, 'GET', '/api/v5/market/books?instId=BTC-USDT&sz=400');
    const book = depth.body.data[0] as { bids: Level[]; asks: Level[] };
    expect(book.bids.map(([price, size]) => [price, size])).toEqual([...rebuiltBids].sort((a, b) => Number(b[0]) - Number(a[0])));
    expect(book.asks.map(([price, size]) => [price, size])).toEqual([...rebuiltAsks].sort((a, b) => Number(a[0]) - Number(b[0])));
    simulator.exchange('okx').start();
  });

  it('books5, bbo-tbt, trades and tickers push in their documented shapes; unsubscribe stops them', async () => {
    const socket = await open('/ws/v5/public');
    const args = ['books5', 'bbo-tbt', 'trades', 'tickers'].map((channel) => ({ channel, instId: 'ETH-USDT' }));
    socket.send({ op: 'subscribe', args });
    const pushOf = isPush;
    const books5 = await socket.waitFor('books5', pushOf('books5'));
    const books5Data = (books5.data as Record<string, unknown>[])[0]!;
    expect(Object.keys(books5Data)).toEqual(['asks', 'bids', 'instId', 'ts', 'seqId']);
    expect((books5Data.asks as Level[]).length).toBe(5);
    const bbo = (((await socket.waitFor('bbo-tbt', pushOf('bbo-tbt'))).data as Record<string, unknown>[])[0]!);
    expect(Object.keys(bbo)).toEqual(['asks', 'bids', 'ts', 'seqId']);
    expect(Number((bbo.bids as Level[])[0]![0])).toBeLessThan(Number((bbo.asks as Level[])[0]![0]));
    const trade = ((await socket.waitFor('trades', pushOf('trades'), 10_000)).data as Record<string, unknown>[])[0]!;
    expect(Object.keys(trade)).toEqual(['instId', 'tradeId', 'px', 'sz', 'side', 'ts', 'count', 'source', 'seqId']);
    expect(trade).toMatchObject({ instId: 'ETH-USDT', count: '1', source: '0' });
    const ticker = ((await socket.waitFor('tickers', pushOf('tickers'))).data as Record<string, unknown>[])[0]!;
    expect(ticker).toMatchObject({ instType: 'SPOT', instId: 'ETH-USDT' });
    expect(Number(ticker.high24h)).toBeGreaterThanOrEqual(Number(ticker.low24h));
    expect(Number(ticker.volCcy24h)).toBeGreaterThan(Number(ticker.vol24h));

    socket.send({ op: 'unsubscribe', args });
    await socket.waitFor('4 unsubscribe acks', () => socket.messages().filter(isEvent('unsubscribe')).length === 4);
    const count = socket.frames.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(socket.frames.length).toBe(count);
  });
});

describe('OKX private WebSocket', () => {
  it('refuses private channels before login, logs in, and pushes orders and account changes', async () => {
    const socket = await open('/ws/v5/private');
    socket.send({ op: 'subscribe', args: [{ channel: 'orders', instType: 'ANY' }] });
    await socket.waitFor('please log in', (message) => message.code === '60011');
    socket.send({ op: 'login', args: [{ ...loginArgument(credentials), sign: 'bad' }] });
    await socket.waitFor('invalid sign', (message) => message.code === '60007');
    socket.send({ op: 'login', args: [loginArgument(credentials)] });
    expect(await socket.waitFor('login', isEvent('login'))).toMatchObject({ event: 'login', code: '0', msg: '' });
    socket.send({ op: 'subscribe', args: [{ channel: 'orders', instType: 'SPOT' }, { channel: 'account', ccy: 'USDT' }] });
    await socket.waitFor('two acks', () => socket.messages().filter(isEvent('subscribe')).length === 2);
    const initial = await socket.waitFor('account snapshot', isPush('account'));
    expect((initial.data as { details: { ccy: string }[] }[])[0]!.details.map((detail) => detail.ccy)).toEqual(['USDT']);

    const rest = simulator.endpoints.okx!.rest;
    const placed = await okxRequest(rest, 'POST', '/api/v5/trade/order', { instId: 'BTC-USDT', tdMode: 'cash', side: 'sell', ordType: 'market', sz: '0.002', clOrdId: 'ws1' }, credentials);
    const ordId = placed.body.data[0]!.ordId as string;
    const orderPushes = (): Record<string, unknown>[] =>
      socket
        .messages()
        .filter(isPush('orders'))
        .map((message) => (message.data as Record<string, unknown>[])[0]!);
    await socket.waitFor('filled push', () => orderPushes().some((order) => order.ordId === ordId && order.state === 'filled'));
    const pushes = orderPushes().filter((order) => order.ordId === ordId);
    expect(pushes[0]).toMatchObject({ ordId, clOrdId: 'ws1', state: 'live', instType: 'SPOT', side: 'sell', ordType: 'market', tgtCcy: 'base_ccy' });
    const fillPushes = pushes.filter((order) => order.fillSz !== '0');
    expect(fillPushes.length).toBeGreaterThan(0);
    expect(fillPushes.every((order) => order.execType === 'T' && String(order.fillFee).startsWith('-') && order.tradeId !== '')).toBe(true);
    expect(fillPushes.reduce((sum, order) => sum + Number(order.fillSz), 0)).toBeCloseTo(0.002, 10);
    const orderMessage = socket.messages().find(isPush('orders'))!;
    expect(orderMessage.arg).toMatchObject({ channel: 'orders', instType: 'SPOT' });
    expect((orderMessage.arg as { uid: string }).uid).toMatch(/^\d+$/);
    // The sale credited USDT: the account channel pushed the new balance.
    await socket.waitFor('account change', () => socket.messages().filter(isPush('account')).length >= 2);
  });
});
