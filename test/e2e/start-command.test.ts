// `zvt start --config` end to end as a child process of the built CLI, pointed at the exchange simulator through restUrl/wsUrl: the live engine, REST with a configured key, orders from REST, FIX and /v1/orders traded through the live (ccxt) execution path, clean SIGINT.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrdersWsClient } from '../../src/gateway/orders-ws/orders-ws-client.js';
import { startSimulator, type RunningSimulator } from '../../src/sim/start-simulator.js';
import { ensureBuiltCli, startZvt } from '../integration/cli/built-cli.js';
import { JspurefixClient, writeTestDictionary } from '../integration/gateway/fix/jspurefix-client.js';
import { metricValue, SignedRestClient } from '../integration/gateway/live/signed-rest-client.js';

interface StartEndpoints {
  http: string;
  feed: string;
  orders: string;
  fix: { host: string; port: number; senderCompId: string; targetCompId: string } | null;
}

const DESK_KEY = { keyId: 'desk-1', secret: 'desk-one-secret-0123456789' };

let directory: string;
let simulator: RunningSimulator;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'zvt-start-'));
  await ensureBuiltCli();
  simulator = await startSimulator({ seed: 11, venues: ['binance'] });
}, 180_000);

afterAll(async () => {
  await simulator?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('zvt start', () => {
  it('runs the live gateway against configured venue URLs: REST, FIX and /v1/orders orders fill through the live execution path; exits 0 on SIGINT', async () => {
    const venue = simulator.endpoints.binance!;
    const config = {
      venues: {
        binance: {
          restUrl: venue.rest,
          wsUrl: venue.ws,
          trading: { apiKeyEnv: 'SIM_BINANCE_KEY', secretEnv: 'SIM_BINANCE_SECRET', symbols: ['BTC-USDT'], pollIntervalMs: 200 },
        },
      },
      gateway: { apiKeys: [{ keyId: DESK_KEY.keyId, secretEnv: 'DESK1_API_SECRET', accountId: 'sim-binance', permissions: ['read', 'trade'] }] },
    };
    const configFile = join(directory, 'zvt.json');
    writeFileSync(configFile, JSON.stringify(config));
    const file = join(directory, 'endpoints.json');
    const zvt = startZvt(['--config', configFile, '--store', `duckdb:${join(directory, 'start.duckdb')}`, 'start', '--instruments', 'binance:BTC-USDT,binance:ETH-USDT', '--endpoints-json', file], {
      env: {
        ZVT_DATA_DIR: join(directory, 'data'),
        ZVT_LOG_LEVEL: 'warn',
        SIM_BINANCE_KEY: venue.apiKey,
        SIM_BINANCE_SECRET: venue.secret,
        DESK1_API_SECRET: DESK_KEY.secret,
      },
    });
    let fix: JspurefixClient | undefined;
    try {
      await zvt.waitForFile(file);
      const endpoints = JSON.parse(readFileSync(file, 'utf8')) as StartEndpoints;
      expect(endpoints.fix).not.toBeNull();
      expect(zvt.stdout()).toContain('orders from REST, FIX and /v1/orders trade on binance');

      const rest = new SignedRestClient(endpoints.http, { keyId: DESK_KEY.keyId, secret: DESK_KEY.secret });
      let readyz = await rest.plain('GET', '/readyz');
      for (let attempt = 0; readyz.status !== 200 && attempt < 150; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        readyz = await rest.plain('GET', '/readyz');
      }
      expect(readyz.status, readyz.text).toBe(200);
      const book = (await rest.plain('GET', '/v1/books/binance:BTC-USDT?depth=5')).body as { state: string; bids: unknown[]; asks: unknown[] };
      expect(book).toMatchObject({ state: 'synced' });
      expect(book.bids).toHaveLength(5);

      // REST: a market buy goes to the simulated venue through ccxt; the fill arrives from the venue's answer.
      const placed = await rest.signed('POST', '/v1/orders', { symbol: 'BTC-USDT', side: 'buy', type: 'market', quantity: '0.002', clientOrderId: 'rest-1' });
      expect([201, 202], placed.text).toContain(placed.status);
      let listed: { clientOrderId: string; status: string; cumulativeQuantity: string }[] = [];
      for (let attempt = 0; attempt < 100 && !listed.some((order) => order.clientOrderId === 'rest-1' && order.status === 'filled'); attempt++) {
        listed = (await rest.signed('GET', '/v1/orders')).body.orders as typeof listed;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(listed.find((order) => order.clientOrderId === 'rest-1')).toMatchObject({ status: 'filled', cumulativeQuantity: '0.002' });

      // FIX with the configured key: a market buy fills.
      fix = JspurefixClient.start(
        { port: endpoints.fix!.port, senderCompId: 'DESK', targetCompId: endpoints.fix!.targetCompId, apiKey: DESK_KEY.keyId, secret: DESK_KEY.secret, resetSeqNum: true, storeDirectory: join(directory, 'fix-client') },
        writeTestDictionary(directory),
      );
      await fix.ready;
      fix.send('D', { ClOrdID: 'fix-1', Instrument: { Symbol: 'BTC-USDT' }, Side: '1', TransactTime: new Date(), OrderQtyData: { OrderQty: 0.001 }, OrdType: '1', TimeInForce: '3' });
      const fixFilled = await fix.waitFor((message) => message.msgType === '8' && message.fields.get(11) === 'fix-1' && message.fields.get(39) === '2');
      expect(fixFilled.fields.get(14)).toBe('0.001');
      await fix.logout();
      fix = undefined;

      // /v1/orders with the same key: a resting limit far below the market, then its cancel.
      const orders = await OrdersWsClient.connect(endpoints.orders, { apiKey: DESK_KEY.keyId, secret: DESK_KEY.secret });
      orders.placeOrder({ clientOrderId: 'ws-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity: '0.01', price: '1000' });
      const accepted = await orders.waitFor((frame) => frame.body.kind === 'executionReport' && frame.body.order.clientOrderId === 'ws-1', 15_000);
      expect(accepted.body, JSON.stringify(accepted.body, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value))).toMatchObject({ order: { status: 'new' } });
      expect(accepted.body).toMatchObject({ order: { price: '1000', leavesQuantity: '0.01' } });
      expect(simulator.exchange('binance').openOrders(simulator.exchange('binance').accounts[0]!.accountId).map((order) => order.priceTicks)).toHaveLength(1);
      orders.cancel({ clientOrderId: 'ws-1-cancel', origClientOrderId: 'ws-1', symbol: 'BTC-USDT', side: 'buy' });
      await orders.waitFor((frame) => frame.body.kind === 'executionReport' && frame.body.order.status === 'canceled', 15_000);
      expect(simulator.exchange('binance').openOrders(simulator.exchange('binance').accounts[0]!.accountId)).toEqual([]);
      await orders.logout();

      const metrics = (await rest.plain('GET', '/metrics')).text;
      expect(metricValue(metrics, 'zvt_fix_order_ack_latency_seconds_count')).toBe(1);
      expect(metricValue(metrics, 'zvt_ws_order_ack_latency_seconds_count')).toBe(1);
      expect(metricValue(metrics, 'zvt_book_apply_latency_seconds_count', 'venue="binance"')).toBeGreaterThan(0);
    } finally {
      await fix?.logout();
      zvt.process.kill('SIGINT');
    }
    expect(await zvt.exit, zvt.stderr()).toBe(0);
    expect(zvt.stdout()).toContain('zvt start: SIGINT, stopping');
  }, 240_000);
});
