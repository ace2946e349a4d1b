// loadVenueInstruments follows Bybit's paged instruments-info (nextPageCursor → cursor=) to the last page: the recorded linear list served in three pages over real HTTP gives the same definitions as the one-page answer.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVenueInstruments } from '../../../src/actors/market-data-engine.js';
import { bybitDialect } from '../../../src/actors/venues/bybit/dialect.js';
import { bybitNextInstrumentRequest } from '../../../src/actors/venues/bybit/instruments.js';
import { loadRecording } from '../../../src/sim/recording/read-recording.js';
import { BYBIT_RECORDING } from '../../helpers/recordings.js';

interface InstrumentsBody {
  retCode: number;
  retMsg: string;
  result: { category: string; list: { symbol: string }[]; nextPageCursor?: string };
  time: number;
}

let server: Server;
let baseUrl: string;
let linearPath: string;
let linearBody: string;
let spotBody: string;
const asked: string[] = [];
const PAGE = 300;

beforeAll(async () => {
  const recording = await loadRecording(BYBIT_RECORDING);
  for (const response of recording.http) {
    const url = new URL(response.url);
    if (url.searchParams.get('category') === 'linear') {
      linearPath = url.pathname + url.search;
      linearBody = response.data;
    } else spotBody = response.data;
  }
  const linear = JSON.parse(linearBody) as InstrumentsBody;
  expect(linear.result.list.length).toBeGreaterThan(2 * PAGE);
  // Bybit's cursor is opaque and arrives percent-encoded ("first%3D…%26last%3D…"); pages here are keyed by their first index.
  server = createServer((request, response) => {
    const url = new URL(request.url!, 'http://127.0.0.1');
    asked.push(url.pathname + url.search);
    if (url.searchParams.get('category') === 'spot') {
      response.end(spotBody);
      return;
    }
    // The token comes back as sent: percent-encoded once more as a query value (as ccxt and pybit send it).
    const cursor = url.searchParams.get('cursor');
    const match = cursor === null ? null : /^first=(\d+)$/.exec(decodeURIComponent(cursor));
    if (cursor !== null && match === null) {
      response.end(JSON.stringify({ retCode: 10001, retMsg: 'params error: cursor invalid', result: {}, time: 0 }));
      return;
    }
    const start = match === null ? 0 : Number(match[1]);
    const list = linear.result.list.slice(start, start + PAGE);
    const next = start + PAGE < linear.result.list.length ? encodeURIComponent(`first=${start + PAGE}`) : '';
    response.end(JSON.stringify({ ...linear, result: { ...linear.result, list, nextPageCursor: next } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('paged instrument lists', () => {
  it('follows nextPageCursor to the last page and returns what the unpaged answer lists', async () => {
    asked.length = 0;
    const definitions = await loadVenueInstruments({ venue: 'bybit', restBaseUrl: baseUrl, wsBaseUrl: '', canonicals: ['BTC-USDT-PERP'] });
    const expected = bybitDialect.parseInstruments(linearPath, linearBody);
    expect(definitions).toEqual(expected);
    const pages = Math.ceil((JSON.parse(linearBody) as InstrumentsBody).result.list.length / PAGE);
    expect(asked).toHaveLength(pages);
    expect(asked[1]).toMatch(/[?&]cursor=first%253D300$/);
    expect(asked.every((path) => path.includes('category=linear') && path.includes('limit=1000'))).toBe(true);
  });

  it('the next request keeps the query, replaces an earlier cursor, and ends on an empty or absent cursor', () => {
    const page = (cursor: string | undefined): string => JSON.stringify({ retCode: 0, retMsg: 'OK', result: { category: 'linear', list: [], ...(cursor === undefined ? {} : { nextPageCursor: cursor }) } });
    const path = '/v5/market/instruments-info?category=linear&status=Trading&limit=1000';
    const second = bybitNextInstrumentRequest(path, page('first%3DBTCUSDT%26last%3DETHUSDT'));
    expect(second).toBe(`${path}&cursor=first%253DBTCUSDT%2526last%253DETHUSDT`);
    expect(bybitNextInstrumentRequest(second!, page('x'))).toBe(`${path}&cursor=x`);
    expect(bybitNextInstrumentRequest(path, page(''))).toBeNull();
    expect(bybitNextInstrumentRequest(path, page(undefined))).toBeNull();
    expect(bybitNextInstrumentRequest(path, 'not json')).toBeNull();
  });
});
