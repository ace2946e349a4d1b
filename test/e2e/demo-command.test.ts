// `zvt demo` end to end as a child process of the built CLI: feed books consistent with deltas, a FIX order and a /v1/orders order filled on the simulator, signed REST (books equal to the feed's, an order, candles the recorder stored, /readyz, /metrics), clean SIGINT with trades and candles in the DuckDB file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { ensureBuiltCli, startZvt } from '../integration/cli/built-cli.js';
import { FeedTestClient } from '../integration/gateway/feed/feed-test-client.js';
import { JspurefixClient, writeTestDictionary } from '../integration/gateway/fix/jspurefix-client.js';
import { OrdersWsClient } from '../../src/gateway/orders-ws/orders-ws-client.js';
import { errorCodeOf, metricValue, SignedRestClient } from '../integration/gateway/live/signed-rest-client.js';

interface DemoEndpoints {
  http: string;
  feed: string;
  orders: string;
  fix: { host: string; port: number; senderCompId: string; targetCompId: string };
  apiKey: string;
  apiSecret: string;
}

let directory: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'zvt-demo-'));
  await ensureBuiltCli();
}, 180_000);

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** Decimal text → integer mantissa at `decimals` (the feed's scale), by string manipulation only. */
function mantissa(text: string, decimals: number): bigint {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(`${whole}${fraction.padEnd(decimals, '0')}`);
}

/** The 1m BTC-USDT candles in the file, read through the store (canonical decimal text, as REST answers). */
async function readCandles(file: string): Promise<{ tsOpenNs: string; close: string; volume: string }[]> {
  const store = await openStore(`duckdb:${file}`);
  try {
    const rows = await store.read('candles', { venue: 'binance', symbol: 'BTC-USDT' });
    return rows.filter((row) => row.timeframe === '1m').map((row) => ({ tsOpenNs: String(row.tsOpenNs), close: row.close, volume: row.volume }));
  } finally {
    await store.close();
  }
}

async function countRows(file: string, table: string): Promise<number> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`SELECT count(*) AS n FROM ${table}`);
    return Number(reader.getRows()[0]![0]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('zvt demo', () => {
  it('serves the feed and FIX against the simulator and exits 0 on SIGINT with the store flushed', async () => {
    const file = join(directory, 'endpoints.json');
    const store = join(directory, 'demo.duckdb');
    const zvt = startZvt(['--store', `duckdb:${store}`, 'demo', '--seed', '7', '--endpoints-json', file], { env: { ZVT_DATA_DIR: join(directory, 'data'), ZVT_LOG_LEVEL: 'warn' } });
    let feed: FeedTestClient | undefined;
    let fix: JspurefixClient | undefined;
    const restCandles: { tsOpenNs: string; close: string; volume: string }[] = [];
    try {
      await zvt.waitForFile(file);
      const endpoints = JSON.parse(readFileSync(file, 'utf8')) as DemoEndpoints;
      expect(Object.keys(endpoints)).toEqual(['http', 'feed', 'orders', 'fix', 'apiKey', 'apiSecret']);
      expect(endpoints.orders).toBe(endpoints.feed.replace('/v1/feed', '/v1/orders'));
      expect(zvt.stdout()).toContain(endpoints.apiKey);
      expect((await fetch(`${endpoints.http}/healthz`)).status).toBe(200);

      // Feed: a venue book and the consolidated book, snapshot then gap-free deltas.
      feed = await FeedTestClient.connect(endpoints.feed);
      const topics = ['book.binance:BTC-USDT', 'book.all:BTC-USDT'];
      feed.subscribe(topics);
      const client = feed;
      await client.until(() => topics.every((topic) => (client.deltaSeqs.get(topic)?.length ?? 0) >= 20), 60_000, 'snapshots and 20 deltas per topic');
      for (const topic of topics) {
        const replica = client.books.get(topic)!;
        expect(replica.gaps, topic).toBe(0);
        const seqs = client.deltaSeqs.get(topic)!;
        for (let index = 1; index < seqs.length; index++) expect(seqs[index], topic).toBe(seqs[index - 1]! + 1n);
        const top = replica.top(10);
        expect(top.bids.length, topic).toBe(10);
        // One venue's book is never crossed; the consolidated one may be (independent venues' prices cross: an arbitrage, not an error).
        if (!topic.includes('all:')) expect(top.bids[0]![0] < top.asks[0]![0], `${topic} is not crossed`).toBe(true);
      }

      // FIX: logon with the demo key, a marketable buy on the simulated binance fills.
      const dictionary = writeTestDictionary(directory);
      fix = JspurefixClient.start(
        { port: endpoints.fix.port, senderCompId: endpoints.fix.senderCompId, targetCompId: endpoints.fix.targetCompId, apiKey: endpoints.apiKey, secret: endpoints.apiSecret, resetSeqNum: true, storeDirectory: join(directory, 'fix-client') },
        dictionary,
      );
      await fix.ready;
      // A market buy: it fills against the simulated binance book the feed shows.
      fix.send('D', { ClOrdID: 'demo-1', Instrument: { Symbol: 'BTC-USDT' }, Side: '1', TransactTime: new Date(), OrderQtyData: { OrderQty: 0.001 }, OrdType: '1', TimeInForce: '3' });
      const filled = await fix.waitFor((message) => message.msgType === '8' && message.fields.get(11) === 'demo-1' && message.fields.get(39) === '2');
      expect(filled.fields.get(14)).toBe('0.001');

      // REST with the demo key: ready once synced, the book equals the feed client's, an order fills, the list shows FIX's too.
      const rest = new SignedRestClient(endpoints.http, { keyId: endpoints.apiKey, secret: endpoints.apiSecret });
      let readyz = await rest.plain('GET', '/readyz');
      for (let attempt = 0; readyz.status !== 200 && attempt < 100; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        readyz = await rest.plain('GET', '/readyz');
      }
      expect(readyz.status, readyz.text).toBe(200);
      const instrument = (await rest.plain('GET', '/v1/instruments/binance:BTC-USDT')).body as { priceDecimals: number; sizeDecimals: number };
      const restTop = async (): Promise<string> => {
        const book = (await rest.plain('GET', '/v1/books/binance:BTC-USDT?depth=10')).body as { state: string; bids: [string, string][]; asks: [string, string][] };
        expect(book.state).toBe('synced');
        const levels = (side: [string, string][]): string[] => side.map(([price, size]) => `${mantissa(price, instrument.priceDecimals)}@${mantissa(size, instrument.sizeDecimals)}`);
        return JSON.stringify({ bids: levels(book.bids), asks: levels(book.asks) });
      };
      const feedTop = (): string => {
        const top = client.books.get('book.binance:BTC-USDT')!.top(10);
        const levels = (side: [bigint, bigint][]): string[] => side.map(([price, size]) => `${price}@${size}`);
        return JSON.stringify({ bids: levels(top.bids), asks: levels(top.asks) });
      };
      // Both are the same bridge's replica seen a moment apart: equal as soon as no update lands in between.
      let sameBook = false;
      for (let attempt = 0; !sameBook && attempt < 200; attempt++) {
        const fromRest = await restTop();
        sameBook = fromRest === feedTop();
        if (!sameBook) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(sameBook, 'GET /v1/books equals the feed client\'s book').toBe(true);

      const unsigned = await rest.plain('POST', '/v1/orders', { symbol: 'BTC-USDT', side: 'buy', type: 'market', quantity: '0.001' });
      expect(unsigned.status).toBe(401);
      expect(errorCodeOf(unsigned)).toBe('ZVT_ERR_AUTH_MISSING');
      const placed = await rest.signed('POST', '/v1/orders', { symbol: 'BTC-USDT', side: 'buy', type: 'market', quantity: '0.002', clientOrderId: 'rest-1' });
      expect(placed.status, placed.text).toBe(201);
      expect(placed.body.order).toMatchObject({ clientOrderId: 'rest-1', status: 'filled', cumulativeQuantity: '0.002' });

      // Binary order entry with the same key: a market buy fills on the same simulated binance.
      const orders = await OrdersWsClient.connect(endpoints.orders, { apiKey: endpoints.apiKey, secret: endpoints.apiSecret });
      orders.placeOrder({ clientOrderId: 'ws-1', symbol: 'BTC-USDT', side: 'buy', type: 'market', timeInForce: 'IOC', postOnly: false, quantity: '0.001', price: null });
      const wsFilled = await orders.waitFor((frame) => frame.body.kind === 'executionReport' && frame.body.order.clientOrderId === 'ws-1' && frame.body.order.status === 'filled');
      expect(wsFilled.body).toMatchObject({ order: { cumulativeQuantity: '0.001' } });
      await orders.logout();

      const listed = (await rest.signed('GET', '/v1/orders')).body.orders as { clientOrderId: string; status: string }[];
      expect(listed.map((order) => [order.clientOrderId, order.status])).toEqual([['demo-1', 'filled'], ['rest-1', 'filled'], ['ws-1', 'filled']]);

      // A closed 1m candle needs a minute boundary (plus the 2 s late allowance) behind us.
      const msToBoundary = 60_000 - (Date.now() % 60_000);
      await new Promise((resolve) => setTimeout(resolve, msToBoundary + 4_000));
      await fix.logout();
      let candles: { tsOpenNs: string; close: string; volume: string }[] = [];
      for (let attempt = 0; candles.length === 0 && attempt < 50; attempt++) {
        const answer = await rest.plain('GET', '/v1/candles?instrument=binance:BTC-USDT&timeframe=1m');
        expect(answer.status, answer.text).toBe(200);
        candles = (answer.body.candles as typeof candles).map(({ tsOpenNs, close, volume }) => ({ tsOpenNs, close, volume }));
        if (candles.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      restCandles.push(...candles);
      expect(restCandles.length).toBeGreaterThan(0);

      const metrics = (await rest.plain('GET', '/metrics')).text;
      expect(metricValue(metrics, 'zvt_feed_connections')).toBe(1);
      expect(metricValue(metrics, 'zvt_feed_messages_published_total')).toBeGreaterThan(0);
      expect(metricValue(metrics, 'zvt_venue_frames_total', 'venue="okx"')).toBeGreaterThan(0);
      expect(metricValue(metrics, 'zvt_recorder_rows_written_total')).toBeGreaterThan(0);
      expect(metricValue(metrics, 'zvt_fix_logons_accepted_total')).toBe(1);
      expect(metricValue(metrics, 'zvt_http_requests_total', 'route="/v1/orders",method="POST",status="201"')).toBe(1);
      // The latency histograms of the live engine: one ack per order per protocol, book and feed stages counted.
      expect(metricValue(metrics, 'zvt_fix_order_ack_latency_seconds_count')).toBe(1);
      expect(metricValue(metrics, 'zvt_ws_order_ack_latency_seconds_count')).toBe(1);
      expect(metricValue(metrics, 'zvt_orders_ws_logons_accepted_total')).toBe(1);
      expect(metricValue(metrics, 'zvt_book_apply_latency_seconds_count', 'venue="binance"')).toBeGreaterThan(0);
      expect(metricValue(metrics, 'zvt_feed_publish_latency_seconds_count', 'venue="binance"')).toBeGreaterThan(0);
    } finally {
      await feed?.close();
      zvt.process.kill('SIGINT');
    }
    expect(await zvt.exit, zvt.stderr()).toBe(0);
    expect(zvt.stdout()).toContain('zvt demo: SIGINT, stopping');
    expect(zvt.stdout()).toMatch(/recorder flushed into duckdb:.*rows confirmed\n/);
    expect(await countRows(store, 'trades')).toBeGreaterThan(0);
    expect(await countRows(store, 'candles')).toBeGreaterThan(0);
    // What GET /v1/candles answered is what the recorder stored (later bars may have closed since).
    expect((await readCandles(store)).slice(0, restCandles.length)).toEqual(restCandles);
    expect(await countRows(store, 'audit')).toBeGreaterThan(0);
  }, 240_000);
});
