// A peer on the same data: ccxt.pro's own order books, fed by the replay server, against ours (docs/venues/peer-comparison.md).
import ccxt, { type Exchange } from 'ccxt';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runReplaySession, type ReplayStats } from '../../../src/cli/replay-session.js';
import { createLogger } from '../../../src/config/logger.js';
import { loadRecording } from '../../../src/sim/recording/read-recording.js';
import type { Recording } from '../../../src/sim/recording/recording-format.js';
import { ReplayServer } from '../../../src/sim/replay/replay-server.js';
import { BINANCE_RECORDING, BYBIT_RECORDING } from '../../helpers/recordings.js';
import { testConfig } from '../../helpers/test-config.js';

type Level = [string, string];
type Book = { bids: Level[]; asks: Level[] };

/** The recorded Binance spot instruments: ccxt symbol → our book key. */
const BINANCE_BOOKS: Record<string, string> = { 'NKN/USDT': 'binance:NKNUSDT', 'BLZ/ETH': 'binance:BLZETH', 'LRC/BTC': 'binance:LRCBTC', 'RUNE/EUR': 'binance:RUNEEUR' };
const BYBIT_LINEAR_BOOKS: Record<string, string> = {
  'BTC/USDT:USDT': 'bybit:linear:BTCUSDT',
  'ETH/USDT:USDT': 'bybit:linear:ETHUSDT',
  'SOL/USDT:USDT': 'bybit:linear:SOLUSDT',
  'DOGE/USDT:USDT': 'bybit:linear:DOGEUSDT',
};
const BYBIT_SPOT_BOOKS: Record<string, string> = { 'BTC/USDT': 'bybit:spot:BTCUSDT', 'ETH/USDT': 'bybit:spot:ETHUSDT' };

const ORIGIN = /^(https?|wss?):\/\/[^/]+/;

/**
 * Confines a ccxt exchange to the replay server: every URL under `urls.api` (REST and WebSocket,
 * `{hostname}` templates included) is moved to the server, path kept; and ccxt's two network choke
 * points, `fetch` (every REST call) and `client` (every WebSocket), throw before any socket is
 * opened for a URL elsewhere. Returns what ccxt asked for, and the parsed REST answers it got.
 */
function confineToReplay(exchange: Exchange, server: ReplayServer): { requests: string[]; responses: Map<string, unknown> } {
  const origin = `127.0.0.1:${server.port}`;
  const localise = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(ORIGIN, (_match, scheme: string) => (scheme.startsWith('ws') ? server.wsUrl : server.restUrl));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, localise(inner)]));
    return value;
  };
  exchange.urls.api = localise(exchange.urls.api) as typeof exchange.urls.api;
  const requests: string[] = [];
  const responses = new Map<string, unknown>();
  const guard = (url: unknown): string => {
    if (typeof url !== 'string' || new URL(url).host !== origin) throw new Error(`ccxt tried to reach ${String(url)}; only ${origin} is allowed`);
    return url;
  };
  const fetch = exchange.fetch.bind(exchange);
  exchange.fetch = async (url: unknown, method = 'GET', headers?: unknown, body?: unknown): Promise<unknown> => {
    const request = `${method} ${guard(url)}`;
    requests.push(request);
    const response = (await fetch(url, method, headers, body)) as unknown;
    responses.set(request, response);
    return response;
  };
  const client = exchange.client.bind(exchange);
  exchange.client = (url: unknown) => {
    const checked = guard(url);
    if (!requests.includes(`WS ${checked}`)) requests.push(`WS ${checked}`);
    return client(checked);
  };
  return { requests, responses };
}

/** Every URL string under a ccxt `urls` subtree. */
function allUrls(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(allUrls);
  return [];
}

/** A JS number as the shortest decimal text that reads back to it, without an exponent. */
function decimalText(value: number): string {
  const text = String(value);
  const match = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return text;
  const digits = match[1]! + (match[2] ?? '');
  const exponent = Number(match[3]);
  if (exponent < 0) return `0.${'0'.repeat(-exponent - 1)}${digits}`;
  return digits.padEnd(exponent + 1, '0');
}

/**
 * The top levels of a ccxt order book as canonical decimal strings. ccxt keeps prices and sizes as
 * doubles; every level in these recordings has at most 8 significant digits, so the shortest
 * decimal that reads back to the double is exactly the venue's decimal (trailing zeros trimmed).
 */
function ccxtTop(exchange: Exchange, symbol: string, depth = 10): Book {
  const book = exchange.orderbooks[symbol];
  if (book === undefined) throw new Error(`ccxt has no order book for ${symbol}`);
  const side = (levels: unknown): Level[] => {
    if (!Array.isArray(levels)) throw new Error(`ccxt book side of ${symbol} is not an array`);
    return levels.slice(0, depth).map((level: unknown): Level => {
      if (!Array.isArray(level) || typeof level[0] !== 'number' || typeof level[1] !== 'number') throw new Error(`unexpected ccxt level ${JSON.stringify(level)}`);
      return [decimalText(level[0]), decimalText(level[1])];
    });
  };
  return { bids: side(book.bids), asks: side(book.asks) };
}

function receivedJson(recording: Recording): unknown[] {
  return recording.connections.flatMap((connection) => connection.frames.filter((frame) => frame.direction === 'recv').map((frame) => JSON.parse(frame.data) as unknown));
}

/** Binance: final update id `u` of the last recorded depth diff per native symbol, where a synced book ends. */
function lastBinanceUpdateIds(recording: Recording): Map<string, number> {
  const last = new Map<string, number>();
  for (const message of receivedJson(recording)) {
    const event = (message as { data?: { e?: unknown; s?: unknown; u?: unknown } }).data;
    if (event?.e === 'depthUpdate' && typeof event.s === 'string' && typeof event.u === 'number') last.set(event.s, event.u);
  }
  return last;
}

/** Bybit: `ts` of the last recorded orderbook message per topic (`orderbook.200.BTCUSDT`), per connection path. */
function lastBybitBookTimestamps(recording: Recording): Map<string, number> {
  const last = new Map<string, number>();
  for (const connection of recording.connections) {
    const path = new URL(connection.address).pathname;
    for (const frame of connection.frames) {
      if (frame.direction !== 'recv') continue;
      const message = JSON.parse(frame.data) as { topic?: unknown; ts?: unknown };
      if (typeof message.topic === 'string' && message.topic.startsWith('orderbook.') && typeof message.ts === 'number') last.set(`${path} ${message.topic}`, message.ts);
    }
  }
  return last;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
}

let cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function startServer(recording: Recording, speed: number | 'max'): Promise<ReplayServer> {
  const server = await ReplayServer.start(recording, { speed });
  cleanups.push(() => server.close());
  return server;
}

/** Our engine on the same recording, through the same replay server code: `zvt replay --stats-json` books. */
async function ourBooks(path: string, speed: number | 'max'): Promise<ReplayStats['books']> {
  const config = testConfig();
  const [stats] = await runReplaySession([path], speed, config, createLogger(config));
  expect(stats!.integrity.gaps).toBe(0);
  return stats!.books;
}

describe('ccxt.pro as a peer on the recorded Binance spot session', () => {
  let recording: Recording;
  beforeAll(async () => {
    recording = await loadRecording(BINANCE_RECORDING);
  });

  it('cannot reach anything but the replay server', async () => {
    const server = await startServer(recording, 'max');
    const exchange = new ccxt.pro.binance({ options: { fetchMarkets: { types: ['spot'] } } });
    cleanups.push(() => exchange.close());
    confineToReplay(exchange, server);
    for (const url of allUrls(exchange.urls.api)) expect(url.startsWith(server.restUrl) || url.startsWith(server.wsUrl), url).toBe(true);
    // A URL that escaped the override (here: the sandbox's) is refused before any request is made.
    await expect(exchange.fetch('https://testnet.binance.vision/api/v3/exchangeInfo')).rejects.toThrow('ccxt tried to reach https://testnet.binance.vision/');
    expect(() => exchange.client('wss://stream.binance.com:9443/ws/0')).toThrow('ccxt tried to reach wss://stream.binance.com');
  });

  /*
   * Which snapshot a client gets depends on when it asks. The replay server answers a depth request
   * with the recorded snapshot until the stream has moved past it, and afterwards with its current
   * book, as Binance would (books/binance-book-tracker.ts). At `max` the whole stream is played
   * before any client's depth request is read, so both ccxt and our engine would start from the
   * server's final book and apply nothing: a comparison of the server with itself. At 2x the first
   * event that moves a book past its recorded snapshot (NKNUSDT's second diff) comes 1.4 s into the
   * recording, 0.7 s after connecting. ccxt, with its rate limiter off, requests all four
   * snapshots within milliseconds of the SUBSCRIBE reply, so it starts from the recorded snapshots
   * (asserted below) and applies every later recorded diff with its own code. Our engine runs at
   * the same speed at the same time, against its own server: the comparison proper.
   */
  it('ends with the same top 10 levels as our engine on every symbol, ccxt starting from the recorded snapshots', async () => {
    const speed = 2;
    const server = await startServer(recording, speed);
    const exchange = new ccxt.pro.binance({ enableRateLimit: false, options: { fetchMarkets: { types: ['spot'] } } });
    cleanups.push(() => exchange.close());
    const { requests, responses } = confineToReplay(exchange, server);
    // ccxt insists on a plain node:http agent for non-TLS ws:// URLs (an agent, not a proxy: none is configured).
    await exchange.loadHttpProxyAgent();

    const oursRun = ourBooks(BINANCE_RECORDING, speed);
    const symbols = Object.keys(BINANCE_BOOKS);
    await exchange.watchOrderBookForSymbols(symbols);
    const lastUpdateIds = lastBinanceUpdateIds(recording);
    const synced = (): boolean => symbols.every((symbol) => exchange.orderbooks[symbol]?.nonce === lastUpdateIds.get(BINANCE_BOOKS[symbol]!.slice('binance:'.length)));
    expect(await until(() => server.finished && synced(), 30_000)).toBe(true);
    const ours = await oursRun;

    // What ccxt asked for: spot markets, one raw-endpoint socket, one 1000-level snapshot per symbol; all served.
    expect([...requests].sort()).toEqual([
      `GET ${server.restUrl}/api/v3/depth?symbol=BLZETH&limit=1000`,
      `GET ${server.restUrl}/api/v3/depth?symbol=LRCBTC&limit=1000`,
      `GET ${server.restUrl}/api/v3/depth?symbol=NKNUSDT&limit=1000`,
      `GET ${server.restUrl}/api/v3/depth?symbol=RUNEEUR&limit=1000`,
      `GET ${server.restUrl}/api/v3/exchangeInfo`,
      `WS ${server.wsUrl}/ws/0`,
    ]);
    expect(server.stats()).toMatchObject([{ path: '/stream', sessions: 1, framesDelivered: 265, framesTotal: 265, finished: true }]);
    for (const symbol of symbols) {
      const native = BINANCE_BOOKS[symbol]!.slice('binance:'.length);
      const answer = responses.get(`GET ${server.restUrl}/api/v3/depth?symbol=${native}&limit=1000`) as { lastUpdateId?: unknown };
      const recorded = recording.http.find((http) => http.url.includes(`symbol=${native}&`))!;
      expect(answer.lastUpdateId, `${symbol}: ccxt started from the recorded snapshot`).toBe((JSON.parse(recorded.data) as { lastUpdateId: number }).lastUpdateId);
    }

    for (const [symbol, key] of Object.entries(BINANCE_BOOKS)) {
      const peer = ccxtTop(exchange, symbol);
      expect(peer.bids, symbol).toHaveLength(10);
      expect(peer.asks, symbol).toHaveLength(10);
      expect(peer, symbol).toEqual(ours[key]);
    }
  });
});

describe('ccxt.pro as a peer on the recorded Bybit session (linear and spot)', () => {
  let recording: Recording;
  let ours: ReplayStats['books'];
  beforeAll(async () => {
    recording = await loadRecording(BYBIT_RECORDING);
    ours = await ourBooks(BYBIT_RECORDING, 'max');
  });

  it('ends with the same top 10 levels as our engine on every book', async () => {
    const server = await startServer(recording, 'max');
    /*
     * ccxt loads linear markets with two requests, `status=Trading` and `status=PreLaunch`; the recorder
     * asked only the first, so the second has no recorded answer (the server says 404, and ccxt's
     * loadMarkets fails). ccxt's `usePrivateInstrumentsInfo` asks the same endpoint once, without
     * the pre-launch query, signed: placeholder keys make it sign (the replay server ignores the
     * signature), and with keys ccxt would also fetch currencies from a private endpoint the
     * recording does not hold, so that is switched off. Every answer ccxt gets is a recorded one.
     */
    const exchange = new ccxt.pro.bybit({ apiKey: 'replay', secret: 'replay', options: { fetchMarkets: { types: ['spot', 'linear'], usePrivateInstrumentsInfo: true } } });
    exchange.has['fetchCurrencies'] = false;
    cleanups.push(() => exchange.close());
    const { requests } = confineToReplay(exchange, server);
    await exchange.loadHttpProxyAgent();
    const linear = Object.keys(BYBIT_LINEAR_BOOKS);
    const spot = Object.keys(BYBIT_SPOT_BOOKS);
    // The recorder subscribed orderbook.200 on both connections; ccxt's default would be 50, another stream.
    await Promise.all([exchange.watchOrderBookForSymbols(linear, 200), exchange.watchOrderBookForSymbols(spot, 200)]);
    const lastTimestamps = lastBybitBookTimestamps(recording);
    const expectedTimestamp = (symbol: string): number | undefined => {
      const [, category, native] = (BYBIT_LINEAR_BOOKS[symbol] ?? BYBIT_SPOT_BOOKS[symbol])!.split(':');
      return lastTimestamps.get(`/v5/public/${category} orderbook.200.${native}`);
    };
    const synced = (): boolean => [...linear, ...spot].every((symbol) => exchange.orderbooks[symbol]?.timestamp === expectedTimestamp(symbol));
    expect(await until(() => server.finished && synced(), 20_000)).toBe(true);

    // Markets through the instruments-info answers the recorder got (see the options above), one socket per category.
    expect([...requests].sort()).toEqual([
      `GET ${server.restUrl}/v5/market/instruments-info?category=linear&limit=1000`,
      `GET ${server.restUrl}/v5/market/instruments-info?category=spot`,
      `WS ${server.wsUrl}/v5/public/linear`,
      `WS ${server.wsUrl}/v5/public/spot`,
    ]);
    expect(server.stats()).toMatchObject([
      { path: '/v5/public/linear', sessions: 1, finished: true },
      { path: '/v5/public/spot', sessions: 1, finished: true },
    ]);

    for (const [symbol, key] of Object.entries({ ...BYBIT_LINEAR_BOOKS, ...BYBIT_SPOT_BOOKS })) {
      const peer = ccxtTop(exchange, symbol);
      expect(peer.bids, symbol).toHaveLength(10);
      expect(peer.asks, symbol).toHaveLength(10);
      expect(peer, symbol).toEqual(ours[key]);
    }
  });
});
