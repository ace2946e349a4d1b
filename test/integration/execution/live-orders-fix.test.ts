// The venue-backed handler behind the FIX acceptor, unchanged: a jspurefix initiator trades on the simulated Binance through ccxt (fill, resting order canceled).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixAcceptor, type FixAcceptor } from '../../../src/gateway/fix/fix-acceptor.js';
import { startSimulator, type RunningSimulator } from '../../../src/sim/start-simulator.js';
import { JspurefixClient, writeTestDictionary } from '../gateway/fix/jspurefix-client.js';
import { startLiveHandler, type LiveHarness } from './live-handler-harness.js';

const FIX_KEY = { apiKey: 'fix-trader-key', secret: 'fix-trader-secret-0123456789', accountId: 'acct-fix' };

let simulator: RunningSimulator;
let live: LiveHarness;
let acceptor: FixAcceptor;
let client: JspurefixClient;
let directory: string;

beforeAll(async () => {
  simulator = await startSimulator({ venues: ['binance'], seed: 15 });
  live = await startLiveHandler(simulator, 'binance');
  directory = mkdtempSync(join(tmpdir(), 'zvt-live-fix-'));
  acceptor = await startFixAcceptor({
    handler: live.handler,
    credentials: (apiKey) => (apiKey === FIX_KEY.apiKey ? FIX_KEY : undefined),
    storeDirectory: join(directory, 'acceptor'),
  });
  client = JspurefixClient.start(
    { port: acceptor.port, senderCompId: 'TRADER1', apiKey: FIX_KEY.apiKey, secret: FIX_KEY.secret, resetSeqNum: true, storeDirectory: join(directory, 'client') },
    writeTestDictionary(directory),
  );
  await client.ready;
});

afterAll(async () => {
  await client.logout();
  await acceptor.close();
  await live.close();
  await simulator.close();
  rmSync(directory, { recursive: true, force: true });
});

function limitOrder(clientOrderId: string, quantity: string, price: string, timeInForce: '1' | '3'): Record<string, unknown> {
  return { ClOrdID: clientOrderId, Instrument: { Symbol: 'BTC-USDT' }, Side: '1', TransactTime: new Date(), OrderQtyData: { OrderQty: Number(quantity) }, OrdType: '2', Price: Number(price), TimeInForce: timeInForce };
}

describe('FIX acceptor over the live (ccxt) handler', () => {
  it('a marketable limit buy: ExecutionReports New then Trade(s) adding up to the order, fills at the venue’s prices', async () => {
    const price = live.price(Math.ceil(live.top().askTicks * 1.01));
    client.send('D', limitOrder('fix-take-1', '0.01', price, '3'));
    const last = await client.waitFor((message) => message.msgType === '8' && message.fields.get(11) === 'fix-take-1' && ['2', '4'].includes(message.fields.get(39) ?? ''));
    const reports = client.received.filter((message) => message.msgType === '8' && message.fields.get(11) === 'fix-take-1');
    expect(reports[0]!.fields.get(150)).toBe('0');
    expect(reports[0]!.fields.get(37)).toMatch(/^\d+$/);
    expect(last.fields.get(39)).toBe('2');
    expect(last.fields.get(14)).toBe('0.01');
    const trades = reports.filter((message) => message.fields.get(150) === 'F');
    const account = simulator.exchange('binance').accounts[0]!.accountId;
    const fills = simulator.exchange('binance').fills(account);
    expect(trades.map((message) => [message.fields.get(31), message.fields.get(32)])).toEqual(fills.map((fill) => [live.price(fill.priceTicks), live.size(fill.sizeLots)]));
  });

  it('a resting order is canceled by OrderCancelRequest', async () => {
    const price = live.price(Math.floor(live.top().bidTicks * 0.95));
    client.send('D', limitOrder('fix-rest-1', '0.01', price, '1'));
    await client.waitFor((message) => message.msgType === '8' && message.fields.get(11) === 'fix-rest-1' && message.fields.get(150) === '0');
    client.send('F', { OrigClOrdID: 'fix-rest-1', ClOrdID: 'fix-rest-1c', Instrument: { Symbol: 'BTC-USDT' }, Side: '1', TransactTime: new Date(), OrderQtyData: { OrderQty: 0.01 } });
    const canceled = await client.waitFor((message) => message.msgType === '8' && message.fields.get(11) === 'fix-rest-1c');
    expect([canceled.fields.get(150), canceled.fields.get(39), canceled.fields.get(41)]).toEqual(['4', '4', 'fix-rest-1']);
    expect(simulator.exchange('binance').openOrders(simulator.exchange('binance').accounts[0]!.accountId)).toEqual([]);
  });
});
