// The Bybit dialect's frames and REST answers have exactly the structure of the recorded Bybit session: same keys in the same order, same JSON types, per category.
import { beforeAll, describe, expect, it } from 'vitest';
import { createBybitDialect } from '../../../../../src/sim/dialects/bybit/create-bybit-dialect.js';
import { klineBar } from '../../../../../src/sim/dialects/bybit/public-ws/kline-bar.js';
import { klineFrame, operationFrame, orderbookFrame, publicTradeFrame, tickerFrame } from '../../../../../src/sim/dialects/bybit/public-ws/public-frames.js';
import { MarketStats } from '../../../../../src/sim/dialects/bybit/market-stats.js';
import type { SimExchange, SimListing } from '../../../../../src/sim/exchange/sim-exchange-contract.js';
import { createSimExchange } from '../../../../../src/sim/exchange/sim-exchange.js';
import { loadRecording } from '../../../../../src/sim/recording/read-recording.js';
import type { Recording } from '../../../../../src/sim/recording/recording-format.js';
import type { SimHttpRequest } from '../../../../../src/sim/server/sim-dialect.js';
import { BYBIT_RECORDING } from '../../../../helpers/recordings.js';

/*
 * shape(): objects become their [key, shape] pairs in order, arrays the shape of their first
 * element, anything else its JSON type. Two frames with equal shapes have the same fields in the
 * same order with the same types, whatever the values.
 */

type Shape = string | Shape[] | [string, Shape][];

function shape(value: unknown): Shape {
  if (Array.isArray(value)) return value.length === 0 ? 'empty-array' : ['array', shape(value[0])];
  if (value === null) return 'null';
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([key, inner]): [string, Shape] => [key, shape(inner)]);
  return typeof value;
}

let recording: Recording;
let exchange: SimExchange;
let spot: SimListing;
let linear: SimListing;

/** The first recorded frame of a connection category that `match` accepts, parsed. */
function recorded(category: 'linear' | 'spot', match: (frame: Record<string, unknown>) => boolean): Record<string, unknown> {
  for (const connection of recording.connections) {
    if (!connection.address.endsWith(`/${category}`)) continue;
    for (const frame of connection.frames) {
      if (frame.direction !== 'recv') continue;
      const parsed = JSON.parse(frame.data) as Record<string, unknown>;
      if (match(parsed)) return parsed;
    }
  }
  throw new Error(`no recorded ${category} frame matches`);
}

const topicStarts = (prefix: string, type?: string) => (frame: Record<string, unknown>): boolean =>
  typeof frame.topic === 'string' && frame.topic.startsWith(prefix) && (type === undefined || frame.type === type);

beforeAll(async () => {
  recording = await loadRecording(BYBIT_RECORDING);
  exchange = createSimExchange({ venue: 'bybit', seed: 9, startMs: Date.UTC(2026, 7, 9, 12) });
  exchange.stepTo(exchange.nowMs() + 5000);
  spot = exchange.listings.find((listing) => listing.category === 'spot')!;
  linear = exchange.listings.find((listing) => listing.category === 'linear')!;
});

function message(listing: SimListing, type: 'snapshot' | 'delta') {
  const snapshot = exchange.snapshot(listing.native, 3);
  return { type, bids: snapshot.bids, asks: snapshot.asks, u: 1234, seq: 98765, tsMs: 1_700_000_000_000 };
}

const TRADE = { tradeId: 28_333_333_000_001, tsMs: 1_700_000_000_000, priceTicks: 6_500_000, sizeLots: 12, takerSide: 'buy' as const };

describe('public frames against the recorded session', () => {
  it('orderbook snapshot and delta, linear and spot', () => {
    for (const [category, listing] of [['linear', () => linear], ['spot', () => spot]] as const) {
      for (const type of ['snapshot', 'delta'] as const) {
        const ours = JSON.parse(orderbookFrame(listing(), `orderbook.200.BTCUSDT`, message(listing(), type))) as unknown;
        expect(shape(ours), `${category} ${type}`).toEqual(shape(recorded(category, topicStarts('orderbook.', type))));
      }
    }
  });

  it('publicTrade, linear and spot', () => {
    for (const [category, listing] of [['linear', () => linear], ['spot', () => spot]] as const) {
      const ours = JSON.parse(publicTradeFrame(listing(), 'publicTrade.BTCUSDT', [{ trade: TRADE, tickDirection: 'PlusTick', seq: 5 }])) as unknown;
      expect(shape(ours), category).toEqual(shape(recorded(category, topicStarts('publicTrade.'))));
    }
  });

  it('tickers: the linear snapshot with every recorded field, the spot snapshot without book fields', () => {
    const stats = new MarketStats(linear, exchange.history(linear.native));
    const top = exchange.snapshot(linear.native, 1);
    const linearFields = stats.tickerFields(exchange.nowMs(), top.bids[0], top.asks[0]);
    const ours = JSON.parse(tickerFrame(linear, 'tickers.BTCUSDT', 'snapshot', linearFields, 7, 1)) as unknown;
    expect(shape(ours)).toEqual(shape(recorded('linear', topicStarts('tickers.', 'snapshot'))));
    const spotFields = new MarketStats(spot, exchange.history(spot.native)).tickerFields(exchange.nowMs(), undefined, undefined);
    for (const field of ['bid1Price', 'bid1Size', 'ask1Price', 'ask1Size']) delete spotFields[field];
    const spotFrame = JSON.parse(tickerFrame(spot, 'tickers.BTCUSDT', 'snapshot', spotFields, 7, 1)) as unknown;
    expect(shape(spotFrame)).toEqual(shape(recorded('spot', topicStarts('tickers.', 'snapshot'))));
  });

  it('kline frames, linear and spot', () => {
    const candle = exchange.history(spot.native).candles('1m', exchange.nowMs() - 120_000, exchange.nowMs(), 1, exchange.nowMs())[0]!;
    for (const [category, listing] of [['linear', () => linear], ['spot', () => spot]] as const) {
      const ours = JSON.parse(klineFrame(listing(), 'kline.1.BTCUSDT', klineBar(listing(), '1', candle, 5), 5)) as unknown;
      expect(shape(ours), category).toEqual(shape(recorded(category, topicStarts('kline.'))));
    }
  });

  it('subscribe acks, linear and spot, text for text but the connection id', () => {
    const linearAck = recorded('linear', (frame) => frame.op === 'subscribe');
    expect(JSON.parse(operationFrame('linear', 'subscribe', true, '', linearAck.conn_id as string, undefined))).toEqual(linearAck);
    const spotAck = recorded('spot', (frame) => frame.op === 'subscribe');
    expect(JSON.parse(operationFrame('spot', 'subscribe', true, '', spotAck.conn_id as string, undefined))).toEqual(spotAck);
  });

  it('number text: linear pads to the tick and qty step, spot is canonical, as recorded', () => {
    const linearBook = JSON.parse(orderbookFrame(linear, 'orderbook.200.BTCUSDT', message(linear, 'snapshot'))) as { data: { b: [string, string][] } };
    for (const [price, size] of linearBook.data.b) {
      expect(price).toMatch(/\.[0-9]$/);
      expect(size).toMatch(/\.[0-9]{3}$/);
    }
    const recordedSpot = recorded('spot', topicStarts('orderbook.', 'snapshot')) as { data: { b: [string, string][] } };
    expect(recordedSpot.data.b.some(([price]) => !price.includes('.'))).toBe(true);
    const trade = JSON.parse(publicTradeFrame(spot, 'publicTrade.BTCUSDT', [{ trade: { ...TRADE, priceTicks: 6_500_000, sizeLots: 100 }, tickDirection: 'PlusTick', seq: 1 }])) as { data: { p: string; v: string }[] };
    expect(trade.data[0]).toMatchObject({ p: '65000', v: '0.001' });
  });
});

describe('instruments-info against the recorded answers', () => {
  function request(query: string): SimHttpRequest {
    return { method: 'GET', path: '/v5/market/instruments-info', rawQuery: query, query: new URLSearchParams(query), headers: {}, body: '', receivedMs: 1_700_000_000_000, clientAddress: '127.0.0.1' };
  }

  it('linear and spot: envelope, result and item shapes equal the recorded ones', () => {
    const dialect = createBybitDialect(exchange, {});
    try {
      for (const http of recording.http) {
        const category = new URL(http.url).searchParams.get('category')!;
        const ours = dialect.handleHttp(request(`category=${category}&status=Trading&limit=1000`));
        expect(ours.status).toBe(200);
        const real = JSON.parse(http.data) as { result: { list: unknown[] } };
        const mine = ours.body as { result: { list: unknown[] } };
        expect(shape({ ...mine, result: { ...mine.result, list: [] } }), category).toEqual(shape({ ...real, result: { ...real.result, list: [] } }));
        const realBtc = real.result.list.find((item) => (item as { symbol: string }).symbol === 'BTCUSDT');
        expect(shape(mine.result.list[0]), category).toEqual(shape(realBtc));
      }
    } finally {
      dialect.close();
    }
  });
});
