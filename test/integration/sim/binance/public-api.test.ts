// Binance public REST and streams on the simulator with plain clients: exchangeInfo read by the engine's own parser, depth consistent with the diff stream, klines, trades, tickers, the stream control protocol, and rate-limit refusals.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseSpotInstruments } from '../../../../src/actors/venues/binance/instruments.js';
import { sleep, startBinanceSimulator, waitFor, type BinanceSimulator } from './binance-sim-harness.js';

let simulator: BinanceSimulator | undefined;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await simulator?.close();
  simulator = undefined;
});

type Json = Record<string, unknown>;

async function get(path: string): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${simulator!.server.restUrl}${path}`);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? '' : (JSON.parse(text) as unknown) };
}

async function connect(path: string): Promise<{ socket: WebSocket; messages: Json[] }> {
  const socket = new WebSocket(`${simulator!.server.wsUrl}${path}`);
  sockets.push(socket);
  const messages: Json[] = [];
  socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8')) as Json));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, messages };
}

describe('Binance public API on the simulator', () => {
  it("exchangeInfo: the engine's parser reads every symbol; filters, precisions, rate limits; symbol selection", async () => {
    simulator = await startBinanceSimulator({ running: false });
    const info = await get('/api/v3/exchangeInfo');
    expect(info.status).toBe(200);
    const body = info.body as Json & { symbols: Json[] };
    expect(body.timezone).toBe('UTC');
    expect(body.rateLimits).toEqual([
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
    ]);
    const definitions = parseSpotInstruments(JSON.stringify(body));
    expect(definitions.map((definition) => [definition.native, definition.tickSize, definition.lotSize])).toEqual([
      ['BTCUSDT', '0.01000000', '0.00001000'],
      ['ETHUSDT', '0.01000000', '0.00010000'],
      ['SOLUSDT', '0.01000000', '0.00100000'],
    ]);
    expect(body.symbols[0]).toMatchObject({
      symbol: 'BTCUSDT',
      status: 'TRADING',
      baseAsset: 'BTC',
      quoteAsset: 'USDT',
      baseAssetPrecision: 8,
      quoteAssetPrecision: 8,
      orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'],
      permissionSets: [['SPOT']],
      filters: [
        { filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '100000000.00000000', tickSize: '0.01000000' },
        { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '10000.00000000', stepSize: '0.00001000' },
        { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: '10000.00000000', stepSize: '0.00000000' },
        { filterType: 'NOTIONAL', minNotional: '5.00000000', applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
      ],
    });
    expect(((await get('/api/v3/exchangeInfo?symbol=ETHUSDT')).body as { symbols: Json[] }).symbols.map((symbol) => symbol.symbol)).toEqual(['ETHUSDT']);
    expect(((await get(`/api/v3/exchangeInfo?symbols=${encodeURIComponent('["SOLUSDT","BTCUSDT"]')}`)).body as { symbols: Json[] }).symbols.map((symbol) => symbol.symbol)).toEqual(['SOLUSDT', 'BTCUSDT']);
    expect((await get('/api/v3/exchangeInfo?symbol=DOGEUSDT')).body).toEqual({ code: -1121, msg: 'Invalid symbol.' });
    expect((await get('/api/v3/ping')).body).toEqual({});
    const time = (await get('/api/v3/time')).body as { serverTime: number };
    expect(Math.abs(time.serverTime - Date.now())).toBeLessThan(5000);
    expect((await get('/api/v3/nothing')).status).toBe(404);
  });

  it('depth: default 100 levels, limit honoured up to the book, lastUpdateId on the diff stream’s numbering; bookTicker and 24hr ticker', async () => {
    simulator = await startBinanceSimulator();
    const { messages } = await connect('/ws/btcusdt@depth@100ms');
    await waitFor('diffs', () => messages.length, (count) => count >= 3);
    const depth = (await get('/api/v3/depth?symbol=BTCUSDT')).body as { lastUpdateId: number; bids: [string, string][]; asks: [string, string][] };
    expect(depth.bids).toHaveLength(100);
    expect(depth.asks).toHaveLength(100);
    expect(Number(depth.bids[0]![0]) < Number(depth.asks[0]![0])).toBe(true);
    expect(((await get('/api/v3/depth?symbol=BTCUSDT&limit=5')).body as { bids: unknown[] }).bids).toHaveLength(5);
    // The documented procedure: some event after the snapshot covers lastUpdateId + 1.
    await waitFor('an event bridging the snapshot', () => messages, (seen) => seen.some((event) => (event.U as number) <= depth.lastUpdateId + 1 && (event.u as number) >= depth.lastUpdateId + 1));
    // Consecutive events are contiguous: U = previous u + 1.
    for (let index = 1; index < messages.length; index++) expect(messages[index]!.U).toBe((messages[index - 1]!.u as number) + 1);

    const ticker = (await get('/api/v3/ticker/bookTicker?symbol=BTCUSDT')).body as Json;
    expect(Object.keys(ticker)).toEqual(['symbol', 'bidPrice', 'bidQty', 'askPrice', 'askQty']);
    expect((await get('/api/v3/ticker/bookTicker')).body).toHaveLength(3);
    // The latest trade first, then the ticker: the live market may trade in between, and the ticker must cover at least that trade.
    const trades = (await get('/api/v3/trades?symbol=ETHUSDT&limit=1')).body as Json[];
    const day = (await get('/api/v3/ticker/24hr?symbol=ETHUSDT')).body as Json;
    expect(day.count as number).toBeGreaterThan(1000);
    expect(day.lastId).toBeGreaterThanOrEqual(trades[0]!.id as number);
    expect(Number(day.lowPrice) <= Number(day.weightedAvgPrice) && Number(day.weightedAvgPrice) <= Number(day.highPrice)).toBe(true);
  });

  it('klines: Binance rows, closeTime = next open − 1, most recent by default, startTime/endTime inclusive, folded 3m equal to 1m', async () => {
    simulator = await startBinanceSimulator({ running: false, startMs: Date.UTC(2024, 5, 1, 12, 30, 15) });
    const latest = (await get('/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=3')).body as unknown[][];
    expect(latest.map((row) => row[0])).toEqual([Date.UTC(2024, 5, 1, 10), Date.UTC(2024, 5, 1, 11), Date.UTC(2024, 5, 1, 12)]);
    for (const row of latest) {
      expect(row).toHaveLength(12);
      expect(row[6]).toBe((row[0] as number) + 3_600_000 - 1);
      expect(row.map((cell) => typeof cell)).toEqual(['number', 'string', 'string', 'string', 'string', 'string', 'number', 'string', 'number', 'string', 'string', 'string']);
      expect(row[11]).toBe('0');
      expect(Number(row[9]) <= Number(row[5])).toBe(true);
    }
    expect((await get('/api/v3/klines?symbol=BTCUSDT&interval=1m')).body).toHaveLength(500);
    const start = Date.UTC(2024, 5, 1, 9, 0);
    const minutes = (await get(`/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${start}&endTime=${start + 5 * 60_000}`)).body as unknown[][];
    expect(minutes.map((row) => row[0])).toEqual([0, 1, 2, 3, 4, 5].map((index) => start + index * 60_000));
    const threes = (await get(`/api/v3/klines?symbol=BTCUSDT&interval=3m&startTime=${start}&limit=2`)).body as unknown[][];
    expect(threes[0]![0]).toBe(start);
    expect(threes[0]![1]).toBe(minutes[0]![1]);
    expect(threes[0]![4]).toBe(minutes[2]![4]);
    expect(threes[0]![8]).toBe(minutes.slice(0, 3).reduce((sum, row) => sum + (row[8] as number), 0));
    expect((await get('/api/v3/klines?symbol=BTCUSDT&interval=1M')).body).toHaveLength(6);
    expect((await get('/api/v3/klines?symbol=BTCUSDT&interval=1m&timeZone=8')).body).toEqual({ code: -1130, msg: "Data sent for parameter 'timeZone' is not valid." });
  });

  it('trades and aggTrades: ids increasing, limits, fromId, time windows', async () => {
    simulator = await startBinanceSimulator({ running: false, startMs: Date.UTC(2024, 5, 1, 12, 30, 15) });
    const recent = (await get('/api/v3/trades?symbol=SOLUSDT&limit=50')).body as Json[];
    expect(recent).toHaveLength(50);
    expect(Object.keys(recent[0]!)).toEqual(['id', 'price', 'qty', 'quoteQty', 'time', 'isBuyerMaker', 'isBestMatch']);
    for (let index = 1; index < recent.length; index++) expect(recent[index]!.id as number).toBeGreaterThan(recent[index - 1]!.id as number);
    expect(recent.at(-1)!.time as number).toBeLessThan(Date.UTC(2024, 5, 1, 12, 30, 15));
    const from = recent[10]!.id as number;
    const aggregates = (await get(`/api/v3/aggTrades?symbol=SOLUSDT&fromId=${from}&limit=5`)).body as Json[];
    expect(aggregates.map((trade) => trade.a)).toEqual(recent.slice(10, 15).map((trade) => trade.id));
    expect(Object.keys(aggregates[0]!)).toEqual(['a', 'p', 'q', 'f', 'l', 'T', 'm', 'M']);
    const window = (await get(`/api/v3/aggTrades?symbol=SOLUSDT&startTime=${recent[0]!.time as number}&endTime=${recent[9]!.time as number}`)).body as Json[];
    expect(window.map((trade) => trade.a)).toEqual(recent.slice(0, 10).map((trade) => trade.id));
    expect((await get('/api/v3/aggTrades?symbol=SOLUSDT&startTime=0&endTime=3600000')).body).toEqual({ code: -1127, msg: 'More than 1 hours between startTime and endTime.' });
  });

  it('stream control: raw /ws with SUBSCRIBE, LIST_SUBSCRIPTIONS, SET_PROPERTY combined, UNSUBSCRIBE; invalid streams and requests; partial depth and trades', async () => {
    simulator = await startBinanceSimulator();
    const { socket, messages } = await connect('/ws');
    socket.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['ethusdt@depth5@100ms', 'ethusdt@trade'], id: 1 }));
    await waitFor('subscribe answer', () => messages, (seen) => seen.some((message) => message.id === 1));
    expect(messages.find((message) => message.id === 1)).toEqual({ result: null, id: 1 });
    socket.send(JSON.stringify({ method: 'LIST_SUBSCRIPTIONS', id: 2 }));
    await waitFor('list answer', () => messages, (seen) => seen.some((message) => message.id === 2));
    expect(messages.find((message) => message.id === 2)).toEqual({ result: ['ethusdt@depth5@100ms', 'ethusdt@trade'], id: 2 });
    await waitFor('partial books and trades', () => messages, (seen) => seen.some((message) => 'lastUpdateId' in message) && seen.some((message) => message.e === 'trade'));
    const partial = messages.find((message) => 'lastUpdateId' in message)!;
    expect((partial.bids as unknown[]).length).toBe(5);
    socket.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['ethusdt@depthx'], id: 3 }));
    await sleep(200);
    socket.send(JSON.stringify({ method: 'SET_PROPERTY', params: ['combined', true], id: 4 }));
    await waitFor('answers', () => messages, (seen) => seen.some((message) => message.id === 4));
    expect(messages.find((message) => message.id === 3)).toEqual({ error: { code: 2, msg: 'Invalid request: invalid stream' }, id: 3 });
    await waitFor('a combined event', () => messages, (seen) => seen.some((message) => message.stream === 'ethusdt@trade' || message.stream === 'ethusdt@depth5@100ms'));
    // Binance closes a connection past 5 incoming messages a second (tested below): let the second turn over.
    await sleep(1000);
    socket.send(JSON.stringify({ method: 'UNSUBSCRIBE', params: ['ethusdt@depth5@100ms', 'ethusdt@trade'], id: 5 }));
    await sleep(200);
    socket.send(JSON.stringify({ method: 'NOPE', id: 6 }));
    await waitFor('answers', () => messages, (seen) => seen.some((message) => message.id === 6));
    expect(messages.find((message) => message.id === 6)).toEqual({
      error: { code: 2, msg: 'Invalid request: unknown variant "NOPE", expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`' },
      id: 6,
    });
    const count = messages.length;
    await sleep(400);
    expect(messages.length).toBe(count);
  });

  it('more than 5 client messages in a second closes the connection (1008)', async () => {
    simulator = await startBinanceSimulator({ running: false });
    const { socket } = await connect('/ws');
    const closed = new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)));
    for (let id = 1; id <= 6; id++) socket.send(JSON.stringify({ method: 'LIST_SUBSCRIPTIONS', id }));
    expect(await closed).toBe(1008);
  });

  it('rate limits: a lower REQUEST_WEIGHT limit shows in exchangeInfo and headers, then 429 with Retry-After, then 418 for a client that keeps going', async () => {
    simulator = await startBinanceSimulator({ running: false, dialect: { rateLimits: { REQUEST_WEIGHT: { limit: 60, banAfterRefusals: 2 } } } });
    const info = await get('/api/v3/exchangeInfo');
    expect((info.body as { rateLimits: Json[] }).rateLimits[0]).toEqual({ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 60 });
    expect(info.headers.get('x-mbx-used-weight-1m')).toBe('20');
    expect(info.headers.get('x-mbx-used-weight')).toBe('20');
    const second = await get('/api/v3/depth?symbol=BTCUSDT&limit=1000');
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(second.body).toEqual({ code: -1003, msg: 'Too much request weight used; current limit is 60 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.' });
    expect((await get('/api/v3/ping')).status).toBe(429);
    const banned = await get('/api/v3/ping');
    expect(banned.status).toBe(418);
    expect((banned.body as { code: number; msg: string }).msg).toMatch(/^Way too much request weight used; IP banned until \d{13}\. Please use WebSocket Streams for live updates to avoid bans\.$/);
    expect(Number(banned.headers.get('retry-after'))).toBeGreaterThanOrEqual(100);
  });
});
