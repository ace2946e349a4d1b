// Every message the Coinbase dialect writes has the shape of the live venue's: keys in the recorded order, the same JSON types, the same time and number formats.
import { beforeAll, describe, expect, it } from 'vitest';
import { createCoinbaseDialect } from '../../../../../src/sim/dialects/coinbase/create-coinbase-dialect.js';
import { createSimExchange } from '../../../../../src/sim/exchange/sim-exchange.js';
import { loadRecording } from '../../../../../src/sim/recording/read-recording.js';
import type { SimSocketSink } from '../../../../../src/sim/server/sim-dialect.js';
import { COINBASE_RECORDING } from '../../../../helpers/recordings.js';

/*
 * The recorded session (../shared/data/recordings/COINBASE.jsonl.gz, the live venue on 2026-08-09)
 * is the reference: for each message kind its first recorded instance is compared with the
 * dialect's by structure (shape(): key order and value types, arrays by their first element).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function shape(value: Json): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0]!)];
  if (value !== null && typeof value === 'object') return Object.entries(value).map(([key, inner]) => [key, shape(inner)]);
  return value === null ? 'null' : typeof value;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const GO_TIME_STRING = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,9})? \+0000 UTC m=\+\d+\.\d{9}$/;
const DECIMAL = /^(0|[1-9]\d*)(\.\d*[1-9])?$/;

/** First recorded message per kind: `channel` or `channel:eventType`. */
const recorded = new Map<string, Json>();
let recordedProduct: Json;
/** First message per kind written by the dialect. */
const ours = new Map<string, Json>();
const sent: string[] = [];

function kindOf(message: { [key: string]: Json }): string {
  const events = message.events as { type?: Json }[] | undefined;
  const type = events?.[0]?.type;
  const channel = typeof message.channel === 'string' ? message.channel : `type:${JSON.stringify(message.type)}`;
  return typeof type === 'string' ? `${channel}:${type}` : channel;
}

beforeAll(async () => {
  const recording = await loadRecording(COINBASE_RECORDING);
  for (const connection of recording.connections) {
    for (const frame of connection.frames) {
      if (frame.direction !== 'recv') continue;
      const message = JSON.parse(frame.data) as { [key: string]: Json };
      const kind = kindOf(message);
      if (!recorded.has(kind)) recorded.set(kind, message);
    }
  }
  // A product under its own name with no alias pointing at it, as every simulated product is.
  const products = (JSON.parse(recording.http[0]!.data) as { products: { alias: string; alias_to: string[]; product_type: string }[] }).products;
  recordedProduct = products.find((product) => product.alias === '' && product.alias_to.length === 0 && product.product_type === 'SPOT') as unknown as Json;

  const exchange = createSimExchange({ venue: 'coinbase', seed: 21, startMs: Date.UTC(2025, 5, 2, 12) });
  const dialect = createCoinbaseDialect(exchange, {});
  const sink: SimSocketSink = { send: (text) => sent.push(text), close: () => {}, bufferedAmount: 0 };
  const session = dialect.openSession('/', new URLSearchParams(), sink)!;
  for (const channel of ['market_trades', 'ticker', 'level2', 'heartbeats']) session.onMessage(JSON.stringify({ type: 'subscribe', product_ids: ['BTC-USD', 'ETH-USD'], channel }));
  for (let step = 1; step <= 50; step++) exchange.stepTo(Date.UTC(2025, 5, 2, 12) + step * 100);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  dialect.close();
  for (const text of sent) {
    const message = JSON.parse(text) as { [key: string]: Json };
    const kind = kindOf(message);
    if (!ours.has(kind)) ours.set(kind, message);
  }
});

describe('Coinbase WebSocket messages against the recorded session', () => {
  for (const kind of ['l2_data:snapshot', 'l2_data:update', 'market_trades:snapshot', 'market_trades:update', 'ticker:snapshot', 'ticker:update', 'heartbeats', 'subscriptions']) {
    it(`${kind} has the recorded structure`, () => {
      expect(recorded.has(kind), kind).toBe(true);
      expect(ours.has(kind), kind).toBe(true);
      expect(shape(ours.get(kind)!)).toEqual(shape(recorded.get(kind)!));
    });
  }

  it('numbers every message of the connection from 0 without a hole, across channels', () => {
    const sequences = sent.map((text) => (JSON.parse(text) as { sequence_num: number }).sequence_num);
    expect(sequences).toEqual(sequences.map((_value, index) => index));
  });

  it('writes times as RFC 3339 UTC, heartbeat clocks as Go time.String(), numbers as shortest decimals', () => {
    for (const text of sent) {
      const message = JSON.parse(text) as { timestamp: string; channel: string; events: { [key: string]: Json }[] };
      expect(message.timestamp).toMatch(RFC3339);
      if (message.channel === 'l2_data') {
        for (const level of message.events[0]!.updates as { event_time: string; price_level: string; new_quantity: string }[]) {
          expect(level.event_time).toMatch(RFC3339);
          expect(level.price_level).toMatch(DECIMAL);
          expect(level.new_quantity).toMatch(DECIMAL);
        }
      }
      if (message.channel === 'market_trades') {
        for (const trade of message.events[0]!.trades as { time: string; price: string; size: string; side: string; trade_id: string }[]) {
          expect(trade.time).toMatch(RFC3339);
          expect(trade.price).toMatch(DECIMAL);
          expect(trade.size).toMatch(DECIMAL);
          expect(['BUY', 'SELL']).toContain(trade.side);
          expect(trade.trade_id).toMatch(/^\d+$/);
        }
      }
      if (message.channel === 'heartbeats') expect(message.events[0]!.current_time).toMatch(GO_TIME_STRING);
    }
  });

  it('a level2 snapshot lists bids best first, then offers best first', () => {
    const snapshot = ours.get('l2_data:snapshot') as { events: { updates: { side: string; price_level: string }[] }[] };
    const updates = snapshot.events[0]!.updates;
    const bids = updates.filter((level) => level.side === 'bid').map((level) => level.price_level);
    const offers = updates.filter((level) => level.side === 'offer').map((level) => level.price_level);
    expect(updates.map((level) => level.side)).toEqual([...bids.map(() => 'bid'), ...offers.map(() => 'offer')]);
    const scaled = (text: string): bigint => {
      const [whole, fraction = ''] = text.split('.');
      return BigInt(whole! + fraction.padEnd(8, '0'));
    };
    expect(bids.length).toBeGreaterThan(10);
    expect(offers.length).toBeGreaterThan(10);
    for (let index = 1; index < bids.length; index++) expect(scaled(bids[index]!) < scaled(bids[index - 1]!)).toBe(true);
    for (let index = 1; index < offers.length; index++) expect(scaled(offers[index]!) > scaled(offers[index - 1]!)).toBe(true);
    expect(scaled(bids[0]!) < scaled(offers[0]!)).toBe(true);
  });

  it('market_trades lists trades newest first', () => {
    const snapshot = ours.get('market_trades:snapshot') as { events: { trades: { trade_id: string }[] }[] };
    const ids = snapshot.events[0]!.trades.map((trade) => BigInt(trade.trade_id));
    expect(ids.length).toBe(100);
    for (let index = 1; index < ids.length; index++) expect(ids[index]! < ids[index - 1]!).toBe(true);
  });
});

describe('Coinbase REST products against the recorded answer', () => {
  it('a product has every recorded field, in order, with the recorded types', async () => {
    const exchange = createSimExchange({ venue: 'coinbase', seed: 21, startMs: Date.UTC(2025, 5, 2, 12) });
    const dialect = createCoinbaseDialect(exchange, {});
    const response = dialect.handleHttp({
      method: 'GET',
      path: '/api/v3/brokerage/market/products',
      rawQuery: '',
      query: new URLSearchParams(),
      headers: {},
      body: '',
      receivedMs: Date.now(),
      clientAddress: '127.0.0.1',
    });
    dialect.close();
    const body = response.body as { products: Json[]; num_products: Json; pagination: Json };
    expect(response.status).toBe(200);
    expect(shape(body.products[0]!)).toEqual(shape(recordedProduct));
    expect(typeof body.num_products).toBe('number');
    await Promise.resolve();
  });
});
