// startLiveGateway in-process over a real engine recording the Binance simulator: REST books equal the simulator's, orders fill, reads and ingestion go through the recorder, /readyz and /metrics show the engine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarketDataEngine } from '../../../../src/actors/market-data-engine.js';
import { createLogger } from '../../../../src/config/logger.js';
import { FeedBridge } from '../../../../src/gateway/engine-feed/feed-bridge.js';
import { FeedHub } from '../../../../src/gateway/feed/feed-hub.js';
import { startLiveGateway, type LiveGateway } from '../../../../src/gateway/live/live-gateway.js';
import { createSimOrderEntryHandler, type SimOrderEntryHandler } from '../../../../src/gateway/orders/sim-order-entry-handler.js';
import { testConfig } from '../../../helpers/test-config.js';
import { FeedTestClient } from '../feed/feed-test-client.js';
import { simulatorTop, startBinanceSimulator, SYMBOLS, waitFor, type BinanceSimulator } from '../../sim/binance/binance-sim-harness.js';
import { errorCodeOf, metricValue, SignedRestClient } from './signed-rest-client.js';

const config = testConfig({ log: { level: 'error' } });
const logger = createLogger(config, { component: 'test' });

let directory: string;
let simulator: BinanceSimulator;
let engine: MarketDataEngine;
let bridge: FeedBridge;
let handler: SimOrderEntryHandler;
let gateway: LiveGateway;
/** A second gateway over the same engine without order execution (what `zvt start` runs today). */
let noOrders: LiveGateway;
let rest: SignedRestClient;
let restNoOrders: SignedRestClient;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'zvt-live-gateway-'));
  simulator = await startBinanceSimulator();
  engine = await MarketDataEngine.start({
    endpoints: [{ venue: 'binance', restBaseUrl: simulator.server.restUrl, wsBaseUrl: simulator.server.wsUrl, canonicals: Object.values(SYMBOLS) }],
    config,
    logger,
    replay: false,
    recorder: { store: `duckdb:${join(directory, 'live.duckdb')}`, journalDir: join(directory, 'journal'), flushIntervalMs: 50 },
    gateway: true,
  });
  const hub = new FeedHub();
  bridge = new FeedBridge(engine, hub);
  bridge.start();
  handler = createSimOrderEntryHandler({ exchange: simulator.exchange });
  const account = simulator.exchange.accounts[0]!;
  const key = { keyId: account.apiKey, secret: account.secret };
  gateway = await startLiveGateway({
    engine,
    hub,
    bridge,
    store: engine.storeClient()!,
    orders: handler,
    orderVenue: 'binance',
    balances: simulator.exchange,
    auth: { keys: [{ ...key, accountId: account.accountId, permissions: ['read', 'trade', 'ingest'] }] },
    auditJournalDir: join(directory, 'audit-journal'),
    logger,
  });
  noOrders = await startLiveGateway({
    engine,
    hub: new FeedHub(),
    bridge,
    store: engine.storeClient()!,
    orders: null,
    orderVenue: 'binance',
    auth: { keys: [{ ...key, accountId: account.accountId, permissions: ['read', 'trade'] }] },
    auditJournalDir: join(directory, 'audit-journal-2'),
    logger,
  });
  rest = new SignedRestClient(gateway.app.httpUrl, key);
  restNoOrders = new SignedRestClient(noOrders.app.httpUrl, key);
}, 60_000);

afterAll(async () => {
  await noOrders?.close();
  await gateway?.close();
  bridge?.stop();
  await engine?.stop();
  handler?.close();
  await simulator?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('startLiveGateway', () => {
  it('/readyz turns 200 once the store answers through the recorder, every book synced once and every worker runs', async () => {
    const ready = await waitFor('/readyz 200', () => rest.plain('GET', '/readyz'), (answer) => answer.status === 200);
    expect(ready.body).toMatchObject({ ready: true, checks: { store: true, books: true, workers: true } });
  });

  it('a signed market order fills on the simulator and is listed; an unsigned one is 401', async () => {
    const placed = await rest.signed('POST', '/v1/orders', { symbol: 'BTC-USDT', side: 'buy', type: 'market', quantity: '0.001', clientOrderId: 'live-1' });
    expect(placed.status, placed.text).toBe(201);
    expect(placed.body.order).toMatchObject({ clientOrderId: 'live-1', status: 'filled', cumulativeQuantity: '0.001' });
    expect((placed.body.fills as unknown[]).length).toBeGreaterThan(0);
    const listed = await rest.signed('GET', '/v1/orders');
    expect(listed.body.orders).toEqual([expect.objectContaining({ clientOrderId: 'live-1', status: 'filled' })]);
    const positions = await rest.signed('GET', '/v1/positions');
    expect(positions.body.positions).toEqual([expect.objectContaining({ symbol: 'BTC-USDT', quantity: '0.001' })]);

    const unsigned = await rest.plain('POST', '/v1/orders', { symbol: 'BTC-USDT', side: 'buy', type: 'market', quantity: '0.001' });
    expect(unsigned.status).toBe(401);
    expect(errorCodeOf(unsigned)).toBe('ZVT_ERR_AUTH_MISSING');
  });

  it('without an order handler, create is 503 ZVT_ERR_REST_ORDERS_UNAVAILABLE and the lists are empty', async () => {
    const placed = await restNoOrders.signed('POST', '/v1/orders', { symbol: 'BTC-USDT', side: 'buy', type: 'market', quantity: '0.001' });
    expect(placed.status).toBe(503);
    expect(errorCodeOf(placed)).toBe('ZVT_ERR_REST_ORDERS_UNAVAILABLE');
    const canceled = await restNoOrders.signed('DELETE', '/v1/orders/live-1');
    expect(errorCodeOf(canceled)).toBe('ZVT_ERR_REST_ORDERS_UNAVAILABLE');
    expect((await restNoOrders.signed('GET', '/v1/orders')).body).toEqual({ orders: [] });
  });

  it('GET /v1/trades reads what the recorder stored; ingested trades and candles land in the same store and read back', async () => {
    const recorded = await waitFor('recorded trades over REST', () => rest.plain('GET', '/v1/trades?instrument=binance:BTC-USDT&limit=5'), (answer) => (answer.body.trades as unknown[] | undefined)?.length === 5);
    expect(recorded.body.instrument).toBe('binance:BTC-USDT');

    const ingested = await rest.signed('POST', '/v1/trades', { instrument: 'binance:BTC-USDT', rows: [{ tradeId: 'ext-1', price: '65000.1', size: '0.25', side: 'sell', tsMs: 1_600_000_000_000 }] });
    expect(ingested.status, ingested.text).toBe(200);
    expect(ingested.body).toMatchObject({ received: 1, stored: 1, changed: 1, rejected: 0 });
    const trades = await rest.plain('GET', '/v1/trades?instrument=binance:BTC-USDT&from=1599999999000&to=1600000001000');
    const [trade, ...others] = trades.body.trades as Record<string, string>[];
    expect(others).toEqual([]);
    expect(trade).toMatchObject({ tradeId: 'ext-1', price: '65000.1', size: '0.25', side: 'sell', tsEventNs: '1600000000000000000' });
    expect(trade!.tsRecvNs).toMatch(/^\d+$/);

    const candle = { tsStartMs: 1_600_000_020_000, open: '65000.1', high: '65010', low: '64990', close: '65005', volume: '1.5', tradeCount: 3 };
    const candles = await rest.signed('POST', '/v1/candles', { instrument: 'binance:ETH-USDT', timeframe: '1m', rows: [candle] });
    expect(candles.status, candles.text).toBe(200);
    const read = await rest.plain('GET', '/v1/candles?instrument=binance:ETH-USDT&timeframe=1m&from=1600000000000&to=1600000100000');
    expect(read.body.candles).toEqual([{ tsOpenNs: '1600000020000000000', open: '65000.1', high: '65010', low: '64990', close: '65005', volume: '1.5', tradeCount: 3 }]);
  });

  it('/metrics shows the feed, the bridge, the venue actors, the books, the latency histograms, the recorder, the workers and the requests', async () => {
    const feed = await FeedTestClient.connect(gateway.app.feedUrl);
    try {
      feed.subscribe(['book.binance:BTC-USDT']);
      await feed.until(() => (feed.deltaSeqs.get('book.binance:BTC-USDT')?.length ?? 0) >= 2, 20_000, 'feed deltas');
    } finally {
      await feed.close();
    }
    const metrics = await waitFor('recorder rows in /metrics', () => rest.plain('GET', '/metrics'), (answer) => (metricValue(answer.text, 'zvt_recorder_rows_written_total') ?? 0) > 0);
    const text = metrics.text;
    expect(metricValue(text, 'zvt_feed_messages_published_total')).toBeGreaterThan(0);
    expect(metricValue(text, 'zvt_feed_bridge_records_total')).toBeGreaterThan(0);
    expect(metricValue(text, 'zvt_venue_frames_total', 'venue="binance"')).toBeGreaterThan(0);
    expect(metricValue(text, 'zvt_recorder_trades_total')).toBeGreaterThan(0);
    expect(metricValue(text, 'zvt_book_apply_latency_seconds_count', 'venue="binance"')).toBeGreaterThan(0);
    expect(metricValue(text, 'zvt_feed_publish_latency_seconds_count', 'venue="binance"')).toBeGreaterThan(0);
    expect(metricValue(text, 'zvt_engine_worker_up', 'worker="recorder"')).toBe(1);
    expect(metricValue(text, 'zvt_http_requests_total', 'route="/v1/orders",method="POST",status="201"')).toBe(1);
  });

  it('GET /v1/books equals the simulator’s book once the market stops, for the venue and the consolidated book', async () => {
    simulator.exchange.stop();
    const expected = simulatorTop(simulator.exchange, 'BTCUSDT');
    expect(expected.bids.length).toBe(10);
    const book = await waitFor(
      'the REST book to equal the simulator',
      () => rest.plain('GET', '/v1/books/binance:BTC-USDT?depth=10'),
      (answer) => JSON.stringify({ bids: answer.body.bids, asks: answer.body.asks }) === JSON.stringify(expected),
    );
    expect(book.body).toMatchObject({ instrument: 'binance:BTC-USDT', state: 'synced', cross: 'none' });
    // One venue in the group: the consolidated levels are that venue's.
    const all = await rest.plain('GET', '/v1/books/all:BTC-USDT?depth=10');
    expect((all.body.bids as { price: string; size: string }[]).map((level) => [level.price, level.size])).toEqual(expected.bids);
  });

  it('audit rows of signed requests reach the store through the recorder when the gateway closes', async () => {
    await gateway.close();
    const rows = await engine.storeClient()!.read('audit');
    const events = rows.filter((row) => row.source === 'gateway:rest').map((row) => row.event);
    expect(events).toEqual(expect.arrayContaining(['rest.createOrder', 'rest.listOrders', 'rest.ingestTrades', 'rest.ingestCandles']));
  });
});
