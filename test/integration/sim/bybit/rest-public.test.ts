// Bybit public REST of the simulator: instruments paged by cursor, the depth snapshot on the WebSocket's u, klines of every interval, recent trades, tickers, server time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimListing } from '../../../../src/sim/exchange/sim-exchange-contract.js';
import { SIM_INSTRUMENTS, simListings } from '../../../../src/sim/market/sim-catalog.js';
import { startBybitSimulator, type BybitSimulator } from './bybit-engine-harness.js';
import { BybitSignedClient } from './bybit-signed-client.js';
import { BybitWsClient } from './bybit-ws-client.js';

/*
 * Three linear perpetuals (the catalog's BTCUSDT plus ETH and SOL perpetuals made from the spot
 * instruments) so instruments-info has pages to follow. The exchange clock stands still: the book
 * does not move between a WebSocket snapshot and a REST snapshot, so their u must agree.
 */

function perpetual(spotCanonical: string, native: string): SimListing {
  const spot = SIM_INSTRUMENTS[spotCanonical]!;
  return Object.freeze({ instrument: Object.freeze({ ...spot, canonical: `${spotCanonical}-PERP`, kind: 'perpetual' as const }), native, category: 'linear' });
}

let simulator: BybitSimulator;
let client: BybitSignedClient;

beforeAll(async () => {
  simulator = await startBybitSimulator({
    seed: 3,
    start: false,
    listings: [...simListings('bybit'), perpetual('ETH-USDT', 'ETHUSDT'), perpetual('SOL-USDT', 'SOLUSDT')],
  });
  client = new BybitSignedClient({ baseUrl: simulator.server.restUrl, apiKey: 'unused', secret: 'unused' });
});

afterAll(async () => {
  await simulator.close();
});

type Json = Record<string, unknown>;

async function result(path: string, params: Record<string, string>): Promise<Json> {
  const answer = await client.publicGet(path, params);
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ retCode: 0, retMsg: 'OK', retExtInfo: {} });
  return answer.body.result;
}

describe('Bybit public REST', () => {
  it('instruments-info pages linear symbols by cursor; spot answers every pair without paging', async () => {
    const symbols: string[] = [];
    const cursors: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await result('/v5/market/instruments-info', { category: 'linear', limit: '1', ...(cursor === undefined ? {} : { cursor }) });
      expect(page.category).toBe('linear');
      symbols.push(...(page.list as Json[]).map((item) => item.symbol as string));
      cursor = page.nextPageCursor === '' ? undefined : (page.nextPageCursor as string);
      cursors.push(page.nextPageCursor as string);
    } while (cursor !== undefined);
    expect(symbols).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    expect(cursors).toEqual(['first%3DBTCUSDT%26last%3DBTCUSDT', 'first%3DETHUSDT%26last%3DETHUSDT', '']);
    // A cursor passed percent-encoded once more continues the same way.
    const again = await result('/v5/market/instruments-info', { category: 'linear', limit: '2', cursor: encodeURIComponent(cursors[0]!) });
    expect((again.list as Json[]).map((item) => item.symbol)).toEqual(['ETHUSDT', 'SOLUSDT']);
    expect(again.nextPageCursor).toBe('');
    const all = await result('/v5/market/instruments-info', { category: 'linear' });
    const btc = (all.list as Json[])[0]!;
    expect(Object.keys(btc).slice(0, 10)).toEqual(['symbol', 'contractType', 'status', 'baseCoin', 'quoteCoin', 'launchTime', 'deliveryTime', 'deliveryFeeRate', 'priceScale', 'leverageFilter']);
    expect(btc).toMatchObject({ contractType: 'LinearPerpetual', priceScale: '1', priceFilter: { tickSize: '0.1' }, lotSizeFilter: { qtyStep: '0.001', minOrderQty: '0.001', minNotionalValue: '5' } });
    const spot = await result('/v5/market/instruments-info', { category: 'spot', limit: '1' });
    expect((spot.list as Json[]).map((item) => item.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect('nextPageCursor' in spot).toBe(false);
    expect((spot.list as Json[])[0]).toMatchObject({ lotSizeFilter: { basePrecision: '0.00001', quotePrecision: '0.0000001', minOrderAmt: '5' }, priceFilter: { tickSize: '0.01' } });
    expect(await result('/v5/market/instruments-info', { category: 'option' })).toEqual({ category: 'option', list: [], nextPageCursor: '' });
    expect((await client.publicGet('/v5/market/instruments-info', { category: 'futures' })).body).toMatchObject({ retCode: 10001, retMsg: 'Illegal category' });
  });

  it('orderbook answers the book of the 500-level (linear) and 200-level (spot) streams with their u', async () => {
    const linear = await result('/v5/market/orderbook', { category: 'linear', symbol: 'BTCUSDT' });
    expect(Object.keys(linear)).toEqual(['s', 'a', 'b', 'ts', 'u', 'seq', 'cts']);
    expect((linear.b as unknown[]).length).toBe(25);
    const spot = await result('/v5/market/orderbook', { category: 'spot', symbol: 'ETHUSDT' });
    expect((spot.b as unknown[]).length).toBe(1);
    const deep = await result('/v5/market/orderbook', { category: 'spot', symbol: 'ETHUSDT', limit: '200' });
    expect((deep.a as unknown[]).length).toBe(200);

    const ws = await BybitWsClient.connect(`${simulator.server.wsUrl}/v5/public/linear`);
    try {
      ws.send({ op: 'subscribe', args: ['orderbook.500.BTCUSDT'] });
      const snapshot = await ws.next('snapshot', (frame) => frame.topic === 'orderbook.500.BTCUSDT');
      const data = snapshot.data as { u: number; b: [string, string][] };
      expect(data.u).toBe(linear.u);
      expect(data.b.slice(0, 25)).toEqual(linear.b);
    } finally {
      ws.close();
    }
    expect((await client.publicGet('/v5/market/orderbook', { category: 'linear', symbol: 'DOGEUSDT' })).body).toMatchObject({ retCode: 10001, retMsg: 'Not supported symbols' });
  });

  it('kline: newest first as strings; 3-minute bars fold three 1-minute bars; start pages forward', async () => {
    const minutes = await result('/v5/market/kline', { category: 'spot', symbol: 'BTCUSDT', interval: '1', limit: '30' });
    const list = minutes.list as string[][];
    expect(minutes).toMatchObject({ symbol: 'BTCUSDT', category: 'spot' });
    expect(list).toHaveLength(30);
    for (const bar of list) expect(bar).toHaveLength(7);
    const starts = list.map((bar) => Number(bar[0]));
    expect(starts).toEqual([...starts].sort((left, right) => right - left));
    const threes = (await result('/v5/market/kline', { category: 'spot', symbol: 'BTCUSDT', interval: '3', limit: '5' })).list as string[][];
    for (const bar of threes.slice(1)) {
      const start = Number(bar[0]);
      expect(start % 180_000).toBe(0);
      const parts = list.filter((minute) => Number(minute[0]) >= start && Number(minute[0]) < start + 180_000);
      if (parts.length === 0) continue;
      const ordered = [...parts].reverse();
      expect(bar[1]).toBe(ordered[0]![1]);
      expect(bar[4]).toBe(ordered[ordered.length - 1]![4]);
      expect(Number(bar[2])).toBe(Math.max(...parts.map((part) => Number(part[2]))));
    }
    const from = starts[starts.length - 1]! + 30_000;
    const forward = (await result('/v5/market/kline', { category: 'spot', symbol: 'BTCUSDT', interval: '1', start: String(from), limit: '3' })).list as string[][];
    // The bar containing `start` and the next two that exist, newest first.
    const expectedStarts = [...starts].sort((left, right) => left - right).slice(0, 3).reverse();
    expect(forward.map((bar) => Number(bar[0]))).toEqual(expectedStarts);
    // Linear defaults: category linear, limit 200.
    expect(((await result('/v5/market/kline', { symbol: 'BTCUSDT', interval: '60' })).list as unknown[]).length).toBe(200);
    expect((await client.publicGet('/v5/market/kline', { category: 'spot', symbol: 'BTCUSDT', interval: '2' })).body).toMatchObject({ retCode: 10001, retMsg: 'Invalid period!' });
  });

  it('recent-trade: newest first, spot at most 60, trade ids as the streams write them', async () => {
    const spot = (await result('/v5/market/recent-trade', { category: 'spot', symbol: 'BTCUSDT', limit: '100' })).list as Json[];
    expect(spot).toHaveLength(60);
    expect(Object.keys(spot[0]!)).toEqual(['execId', 'symbol', 'price', 'size', 'side', 'time', 'isBlockTrade', 'isRPITrade']);
    const times = spot.map((trade) => Number(trade.time));
    expect(times).toEqual([...times].sort((left, right) => right - left));
    expect(spot[0]!.execId).toMatch(/^[1-9][0-9]{18}$/);
    const linear = (await result('/v5/market/recent-trade', { category: 'linear', symbol: 'BTCUSDT' })).list as Json[];
    expect(linear).toHaveLength(500);
    expect(linear[0]!.execId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('tickers: the documented field order per category, the book top from the current book', async () => {
    const linear = ((await result('/v5/market/tickers', { category: 'linear', symbol: 'BTCUSDT' })).list as Json[])[0]!;
    expect(Object.keys(linear).slice(0, 5)).toEqual(['symbol', 'lastPrice', 'indexPrice', 'markPrice', 'prevPrice24h']);
    const book = await result('/v5/market/orderbook', { category: 'linear', symbol: 'BTCUSDT' });
    expect([linear.bid1Price, linear.bid1Size]).toEqual((book.b as string[][])[0]);
    expect([linear.ask1Price, linear.ask1Size]).toEqual((book.a as string[][])[0]);
    const spot = (await result('/v5/market/tickers', { category: 'spot' })).list as Json[];
    expect(spot.map((ticker) => ticker.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(Object.keys(spot[0]!)).toEqual(['symbol', 'bid1Price', 'bid1Size', 'ask1Price', 'ask1Size', 'lastPrice', 'prevPrice24h', 'price24hPcnt', 'highPrice24h', 'lowPrice24h', 'turnover24h', 'volume24h', 'usdIndexPrice']);
  });

  it('time: seconds and nanoseconds of the server clock', async () => {
    const before = Date.now();
    const time = await result('/v5/market/time', {});
    expect(Number(time.timeSecond)).toBeGreaterThanOrEqual(Math.floor(before / 1000));
    expect((time.timeNano as string).startsWith(String(time.timeSecond))).toBe(true);
    expect(time.timeNano).toMatch(/^[0-9]{19}$/);
  });
});
