// Signed OKX REST against the simulator with a plain client: orders placed, filled, rested, canceled and queried, balances, fills, and OKX's own error codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../../src/sim/start-simulator.js';
import { okxRequest, type OkxCredentials } from './okx-client.js';

let simulator: RunningSimulator;
let rest: string;
let credentials: OkxCredentials;

beforeAll(async () => {
  simulator = await startSimulator({ venues: ['okx'], seed: 13 });
  const endpoints = simulator.endpoints.okx!;
  rest = endpoints.rest;
  credentials = { apiKey: endpoints.apiKey, secret: endpoints.secret, passphrase: endpoints.password! };
});

afterAll(async () => {
  await simulator.close();
});

async function bestPrices(instId: string): Promise<{ bid: number; ask: number }> {
  const answer = await okxRequest(rest, 'GET', `/api/v5/market/books?instId=${instId}&sz=1`);
  const book = answer.body.data[0] as { bids: string[][]; asks: string[][] };
  return { bid: Number(book.bids[0]![0]), ask: Number(book.asks[0]![0]) };
}

async function order(instId: string, ordId: string): Promise<Record<string, unknown>> {
  const answer = await okxRequest(rest, 'GET', `/api/v5/trade/order?instId=${instId}&ordId=${ordId}`, undefined, credentials);
  expect(answer.body.code).toBe('0');
  return answer.body.data[0]!;
}

function balanceOf(data: Record<string, unknown>[], ccy: string): Record<string, string> {
  const details = (data[0] as { details: Record<string, string>[] }).details;
  return details.find((detail) => detail.ccy === ccy)!;
}

describe('OKX signed REST', () => {
  it('refuses unsigned and wrongly signed requests with 401 and OKX codes', async () => {
    const unsigned = await okxRequest(rest, 'GET', '/api/v5/account/balance');
    expect(unsigned).toEqual({ status: 401, body: { code: '50103', msg: 'Request header "OK-ACCESS-KEY" cannot be empty.', data: [] } });
    const wrong = await okxRequest(rest, 'GET', '/api/v5/account/balance', undefined, { ...credentials, secret: 'WRONGSECRETWRONGSECRETWRONGSECRE' });
    expect(wrong).toEqual({ status: 401, body: { code: '50113', msg: 'Invalid signature.', data: [] } });
    const passphrase = await okxRequest(rest, 'GET', '/api/v5/account/balance', undefined, { ...credentials, passphrase: 'nope' });
    expect(passphrase.body.code).toBe('50105');
  });

  it('a post_only buy below the book rests (live), is listed pending, canceled by the user (cancelSource 1)', async () => {
    const { bid } = await bestPrices('BTC-USDT');
    const px = (Math.floor(bid * 0.95 * 100) / 100).toFixed(2);
    const placed = await okxRequest(rest, 'POST', '/api/v5/trade/order', { instId: 'BTC-USDT', tdMode: 'cash', side: 'buy', ordType: 'post_only', px, sz: '0.01', clOrdId: 'rest1', tag: 'tests' }, credentials);
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({ code: '0', msg: '', data: [{ clOrdId: 'rest1', tag: 'tests', sCode: '0', sMsg: 'Order placed' }] });
    expect(placed.body.inTime).toMatch(/^\d{16}$/);
    const ordId = placed.body.data[0]!.ordId as string;
    expect(ordId).toMatch(/^\d{15,}$/);
    expect(await order('BTC-USDT', ordId)).toMatchObject({
      instType: 'SPOT',
      instId: 'BTC-USDT',
      ordId,
      clOrdId: 'rest1',
      tag: 'tests',
      ordType: 'post_only',
      side: 'buy',
      px: String(Number(px)),
      sz: '0.01',
      state: 'live',
      accFillSz: '0',
      avgPx: '',
      tdMode: 'cash',
      cancelSource: '',
    });
    const pending = await okxRequest(rest, 'GET', '/api/v5/trade/orders-pending?instId=BTC-USDT', undefined, credentials);
    expect(pending.body.data.map((entry) => entry.ordId)).toContain(ordId);
    const balance = await okxRequest(rest, 'GET', '/api/v5/account/balance?ccy=USDT', undefined, credentials);
    expect(Number(balanceOf(balance.body.data, 'USDT').frozenBal)).toBeGreaterThan(0);

    const canceled = await okxRequest(rest, 'POST', '/api/v5/trade/cancel-order', { instId: 'BTC-USDT', ordId }, credentials);
    expect(canceled.body).toMatchObject({ code: '0', data: [{ ordId, clOrdId: 'rest1', sCode: '0', sMsg: '' }] });
    expect(await order('BTC-USDT', ordId)).toMatchObject({ state: 'canceled', cancelSource: '1' });
    const again = await okxRequest(rest, 'POST', '/api/v5/trade/cancel-order', { instId: 'BTC-USDT', ordId }, credentials);
    expect(again.body).toMatchObject({ code: '1', msg: 'Operation failed.', data: [{ ordId, sCode: '51400' }] });
  });

  it('a post_only order that would take is accepted and canceled at once with cancelSource 31, as OKX does', async () => {
    const { ask } = await bestPrices('BTC-USDT');
    const placed = await okxRequest(rest, 'POST', '/api/v5/trade/order', { instId: 'BTC-USDT', tdMode: 'cash', side: 'buy', ordType: 'post_only', px: (ask * 1.01).toFixed(2), sz: '0.001', clOrdId: 'po31' }, credentials);
    expect(placed.body).toMatchObject({ code: '0', data: [{ clOrdId: 'po31', sCode: '0' }] });
    const ordId = placed.body.data[0]!.ordId as string;
    expect(await order('BTC-USDT', ordId)).toMatchObject({ state: 'canceled', cancelSource: '31', ordType: 'post_only', accFillSz: '0' });
    const byClient = await okxRequest(rest, 'GET', '/api/v5/trade/order?instId=BTC-USDT&clOrdId=po31', undefined, credentials);
    expect(byClient.body.data[0]).toMatchObject({ ordId, cancelSource: '31' });
    const history = await okxRequest(rest, 'GET', '/api/v5/trade/orders-history?instType=SPOT', undefined, credentials);
    expect(history.body.data.map((entry) => entry.ordId)).toContain(ordId);
  });

  it('a market buy of 100 USDT (tgtCcy quote_ccy, the default for buys) fills: order, fills and balances agree', async () => {
    const before = await okxRequest(rest, 'GET', '/api/v5/account/balance', undefined, credentials);
    const usdtBefore = Number(balanceOf(before.body.data, 'USDT').cashBal);
    const btcBefore = Number(balanceOf(before.body.data, 'BTC').cashBal);
    const placed = await okxRequest(rest, 'POST', '/api/v5/trade/order', { instId: 'BTC-USDT', tdMode: 'cash', side: 'buy', ordType: 'market', sz: '100' }, credentials);
    expect(placed.body).toMatchObject({ code: '0', data: [{ clOrdId: '', sCode: '0' }] });
    const ordId = placed.body.data[0]!.ordId as string;
    const filled = await order('BTC-USDT', ordId);
    expect(filled).toMatchObject({ state: 'filled', ordType: 'market', sz: '100', tgtCcy: 'quote_ccy', px: '', feeCcy: 'USDT' });
    expect(Number(filled.accFillSz)).toBeGreaterThan(0);
    expect(Number(filled.fee)).toBeLessThan(0);
    const fills = await okxRequest(rest, 'GET', `/api/v5/trade/fills?instId=BTC-USDT&ordId=${ordId}`, undefined, credentials);
    expect(fills.body.data.length).toBeGreaterThan(0);
    expect(fills.body.data.every((fill) => fill.execType === 'T' && fill.side === 'buy' && fill.ordId === ordId && String(fill.fee).startsWith('-'))).toBe(true);
    const spent = fills.body.data.reduce((sum, fill) => sum + Number(fill.fillPx) * Number(fill.fillSz), 0);
    expect(spent).toBeLessThanOrEqual(100.000001);
    expect(spent).toBeGreaterThan(99);
    const after = await okxRequest(rest, 'GET', '/api/v5/account/balance', undefined, credentials);
    expect(Number(balanceOf(after.body.data, 'BTC').cashBal) - btcBefore).toBeCloseTo(Number(filled.accFillSz), 8);
    expect(usdtBefore - Number(balanceOf(after.body.data, 'USDT').cashBal)).toBeCloseTo(spent - Number(filled.fee), 6);
    const history = await okxRequest(rest, 'GET', '/api/v5/trade/fills-history?instType=SPOT&limit=1', undefined, credentials);
    expect(history.body.data).toHaveLength(1);
  });

  it('a SWAP market order in cross mode fills (contracts of one BTC each); tdMode cash is a parameter error there', async () => {
    const placed = await okxRequest(rest, 'POST', '/api/v5/trade/order', { instId: 'BTC-USDT-SWAP', tdMode: 'cross', side: 'buy', ordType: 'market', sz: '0.01' }, credentials);
    expect(placed.body).toMatchObject({ code: '0', data: [{ sCode: '0' }] });
    expect(await order('BTC-USDT-SWAP', placed.body.data[0]!.ordId as string)).toMatchObject({ instType: 'SWAP', state: 'filled', accFillSz: '0.01', tdMode: 'cross', posSide: 'net' });
    const cash = await okxRequest(rest, 'POST', '/api/v5/trade/order', { instId: 'BTC-USDT-SWAP', tdMode: 'cash', side: 'buy', ordType: 'market', sz: '0.01' }, credentials);
    expect(cash).toEqual({ status: 400, body: { code: '51000', msg: 'Parameter tdMode error', data: [] } });
  });

  it("answers order failures with OKX's sCodes", async () => {
    const place = (body: Record<string, string>) => okxRequest(rest, 'POST', '/api/v5/trade/order', { instId: 'BTC-USDT', tdMode: 'cash', side: 'buy', ordType: 'limit', px: '1000', sz: '0.01', ...body }, credentials);
    expect((await place({ px: '90000', sz: '100' })).body).toMatchObject({ code: '1', msg: 'Operation failed.', data: [{ sCode: '51008', sMsg: 'Order failed. Insufficient USDT balance in account' }] });
    expect((await place({ side: 'sell', px: '90000', sz: '100' })).body).toMatchObject({ code: '1', data: [{ sCode: '51008', sMsg: 'Order failed. Insufficient BTC balance in account' }] });
    expect((await place({ sz: '0.000001' })).body).toMatchObject({ code: '1', data: [{ sCode: '51121' }] });
    expect((await place({ px: '1000.001' })).body).toMatchObject({ code: '1', data: [{ sCode: '51000', sMsg: 'Parameter px error' }] });
    expect((await place({ sz: '0.00001', px: '1' })).body).toMatchObject({ code: '1', data: [{ sCode: '51020' }] });
    expect((await place({ instId: 'DOGE-USDT' })).body).toMatchObject({ code: '1', data: [{ sCode: '51001' }] });
    expect(await place({ sz: '' })).toEqual({ status: 400, body: { code: '50014', msg: 'Parameter sz can not be empty.', data: [] } });
    expect((await place({ side: 'up' })).body).toMatchObject({ code: '51000', msg: 'Parameter side error' });
    const duplicate = await place({ clOrdId: 'dup1' });
    expect(duplicate.body.code).toBe('0');
    expect((await place({ clOrdId: 'dup1' })).body).toMatchObject({ code: '1', data: [{ sCode: '51016', clOrdId: 'dup1' }] });
    const unknown = await okxRequest(rest, 'GET', '/api/v5/trade/order?instId=BTC-USDT&ordId=600000000999999', undefined, credentials);
    expect(unknown).toEqual({ status: 200, body: { code: '51603', msg: 'Order does not exist.', data: [] } });
  });

  it('batch-orders answers each order in turn: code 2 when some failed', async () => {
    const batch = await okxRequest(
      rest,
      'POST',
      '/api/v5/trade/batch-orders',
      [
        { instId: 'ETH-USDT', tdMode: 'cash', side: 'buy', ordType: 'limit', px: '100', sz: '0.1', clOrdId: 'b1' },
        { instId: 'ETH-USDT', tdMode: 'cash', side: 'buy', ordType: 'limit', px: '100', sz: '0.00001', clOrdId: 'b2' },
      ],
      credentials,
    );
    expect(batch.body).toMatchObject({ code: '2', msg: 'Bulk operation partially succeeded.', data: [{ clOrdId: 'b1', sCode: '0' }, { clOrdId: 'b2', sCode: '51121' }] });
  });
});

describe('OKX rate limits', () => {
  it('a request over the endpoint limit gets HTTP 429 {"msg":"Too Many Requests","code":"50011"}', async () => {
    const limited = await startSimulator({ venues: ['okx'], seed: 13, rateLimits: { okx: { 'market-books': { limit: 2, windowMs: 60_000 } } } });
    try {
      const url = `${limited.endpoints.okx!.rest}/api/v5/market/books?instId=BTC-USDT`;
      const statuses: number[] = [];
      let refusal: unknown;
      for (let index = 0; index < 3; index++) {
        const response = await fetch(url);
        statuses.push(response.status);
        if (response.status === 429) refusal = await response.json();
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(refusal).toEqual({ msg: 'Too Many Requests', code: '50011' });
      // Another endpoint has its own limit.
      expect((await fetch(`${limited.endpoints.okx!.rest}/api/v5/market/trades?instId=BTC-USDT`)).status).toBe(200);
      expect(limited.server('okx').stats().rateLimits.rules['market-books']).toMatchObject({ refusals: 1 });
    } finally {
      await limited.close();
    }
  });
});
