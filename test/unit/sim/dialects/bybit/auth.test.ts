// Bybit v5 authentication: the documented pre-sign recipe (fixed vectors from an independent HMAC), ccxt's own signing accepted, and every refusal.
import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { bybitHmacHex, bybitRealtimeOrigin, bybitRestOrigin, signatureMatches } from '../../../../../src/sim/dialects/bybit/auth/bybit-sign.js';
import { authenticateBybitRequest } from '../../../../../src/sim/dialects/bybit/auth/rest-auth.js';
import { authenticateBybitWebSocket } from '../../../../../src/sim/dialects/bybit/auth/ws-auth.js';
import { createSimExchange } from '../../../../../src/sim/exchange/sim-exchange.js';
import type { SimHttpRequest } from '../../../../../src/sim/server/sim-dialect.js';

/*
 * https://bybit-exchange.github.io/docs/v5/guide#create-a-request: "timestamp+api_key+recv_window
 * +queryString" (GET) or "+jsonBodyString" (POST), HMAC-SHA256 hex; the private stream signs
 * "GET/realtime" + expires. The vectors use the docs' placeholder credentials and request
 * examples; their signatures were computed with Python's hmac module (not this code).
 */

const KEY = 'XXXXXXXXXX';
const SECRET = 'XXXXXXXXXX';

describe('the documented signing recipe', () => {
  it('GET: timestamp + key + recvWindow + query string', () => {
    const origin = bybitRestOrigin('1658385579423', KEY, '5000', 'category=option&symbol=BTC-29JUL22-25000-C');
    expect(origin).toBe('1658385579423XXXXXXXXXX5000category=option&symbol=BTC-29JUL22-25000-C');
    expect(bybitHmacHex(SECRET, origin)).toBe('9b56a678163a8a8376d00cc2ea89288b1b879f19192a8fb835f9e39aeb101d3e');
  });

  it('POST: timestamp + key + recvWindow + the raw JSON body', () => {
    const body = '{"category":"option","symbol":"BTC-29JUL22-25000-C","orderType":"Limit","side":"Sell","qty":"1","price":"10","orderLinkId":"1658384314791"}';
    expect(bybitHmacHex(SECRET, bybitRestOrigin('1658384314791', KEY, '5000', body))).toBe('ea9d4b5c2b95cd7aec19aa049a258821d379a29cef6679caaa2a49c744be9eb2');
  });

  it('WebSocket auth: "GET/realtime" + expires', () => {
    expect(bybitHmacHex(SECRET, bybitRealtimeOrigin('1662350400000'))).toBe('3d6cbbfa4569aab894f661add824ff3f06090d0edba388f1e47dc15e6a7b5a8b');
  });

  it('compares case-insensitively, in constant time, and refuses anything not hex of the right length', () => {
    const hex = '9b56a678163a8a8376d00cc2ea89288b1b879f19192a8fb835f9e39aeb101d3e';
    expect(signatureMatches(hex, hex.toUpperCase())).toBe(true);
    expect(signatureMatches(hex, hex.slice(1))).toBe(false);
    expect(signatureMatches(hex, `${hex.slice(0, -1)}g`)).toBe(false);
  });
});

describe('REST authentication', () => {
  const exchange = createSimExchange({ venue: 'bybit', seed: 4 });
  const account = exchange.accounts[0]!;
  const nowMs = 1_800_000_000_000;

  function request(method: 'GET' | 'POST', payload: string, headers: Record<string, string>): SimHttpRequest {
    return {
      method,
      path: method === 'GET' ? '/v5/order/realtime' : '/v5/order/create',
      rawQuery: method === 'GET' ? payload : '',
      query: new URLSearchParams(method === 'GET' ? payload : ''),
      headers,
      body: method === 'POST' ? payload : '',
      receivedMs: nowMs,
      clientAddress: '127.0.0.1',
    };
  }

  function signed(method: 'GET' | 'POST', payload: string, timestampMs: number, recvWindow: string | undefined, secret = account.secret): SimHttpRequest {
    const timestamp = String(timestampMs);
    const sign = bybitHmacHex(secret, bybitRestOrigin(timestamp, account.apiKey, recvWindow ?? '', payload));
    return request(method, payload, {
      'x-bapi-api-key': account.apiKey,
      'x-bapi-timestamp': timestamp,
      'x-bapi-sign': sign,
      ...(recvWindow === undefined ? {} : { 'x-bapi-recv-window': recvWindow }),
    });
  }

  it('accepts a signed GET and POST, with or without the recv window header', () => {
    expect(authenticateBybitRequest(signed('GET', 'category=spot&symbol=BTCUSDT', nowMs - 100, '5000'), exchange)).toEqual({ ok: true, account });
    expect(authenticateBybitRequest(signed('POST', '{"category":"spot"}', nowMs, '10000'), exchange).ok).toBe(true);
    expect(authenticateBybitRequest(signed('GET', 'category=spot', nowMs - 4000, undefined), exchange).ok).toBe(true);
  });

  it('the window: server_time - recv_window <= timestamp < server_time + 1000', () => {
    expect(authenticateBybitRequest(signed('GET', 'a=1', nowMs - 5000, '5000'), exchange).ok).toBe(true);
    const late = authenticateBybitRequest(signed('GET', 'a=1', nowMs - 5001, '5000'), exchange);
    expect(late).toEqual({
      ok: false,
      error: {
        retCode: 10002,
        retMsg: `invalid request, please check your server timestamp or recv_window param. req_timestamp[${nowMs - 5001}],server_timestamp[${nowMs}],recv_window[5000]`,
      },
    });
    expect(authenticateBybitRequest(signed('GET', 'a=1', nowMs + 999, '5000'), exchange).ok).toBe(true);
    expect(authenticateBybitRequest(signed('GET', 'a=1', nowMs + 1000, '5000'), exchange)).toMatchObject({ ok: false, error: { retCode: 10002 } });
  });

  it('an unknown key is 10003, a wrong signature 10004 with the pre-sign text', () => {
    const unknown = { ...signed('GET', 'a=1', nowMs, '5000') };
    expect(authenticateBybitRequest({ ...unknown, headers: { ...unknown.headers, 'x-bapi-api-key': 'nobody' } }, exchange)).toEqual({ ok: false, error: { retCode: 10003, retMsg: 'API key is invalid.' } });
    expect(authenticateBybitRequest(signed('GET', 'a=1', nowMs, '5000', 'wrong'), exchange)).toEqual({
      ok: false,
      error: { retCode: 10004, retMsg: `error sign! origin_string[${nowMs}${account.apiKey}5000a=1]` },
    });
  });

  it("accepts ccxt's own signed requests", () => {
    const client = new ccxt.bybit({ apiKey: account.apiKey, secret: account.secret });
    client.nonce = () => nowMs;
    for (const [method, path, params] of [
      ['GET', 'v5/order/realtime', { category: 'spot', symbol: 'BTCUSDT', orderId: '2000000001000000000' }],
      ['POST', 'v5/order/create', { category: 'linear', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.01', price: '60000' }],
    ] as const) {
      const built = client.sign(path, 'private', method, { ...params }) as { url: string; body?: string; headers: Record<string, string> };
      const url = new URL(built.url);
      const headers = Object.fromEntries(Object.entries(built.headers).map(([name, value]) => [name.toLowerCase(), value]));
      const incoming = request(method, method === 'GET' ? url.search.slice(1) : built.body!, headers);
      expect(authenticateBybitRequest(incoming, exchange), `${method} ${path}`).toEqual({ ok: true, account });
    }
  });
});

describe('WebSocket authentication', () => {
  const exchange = createSimExchange({ venue: 'bybit', seed: 4 });
  const account = exchange.accounts[0]!;
  const nowMs = 1_800_000_000_000;
  const sign = (expires: number | string): string => bybitHmacHex(account.secret, bybitRealtimeOrigin(String(expires)));

  it('accepts expires as a number or text', () => {
    expect(authenticateBybitWebSocket([account.apiKey, nowMs + 1000, sign(nowMs + 1000)], exchange, nowMs)).toEqual({ ok: true, account });
    expect(authenticateBybitWebSocket([account.apiKey, String(nowMs + 1000), sign(nowMs + 1000)], exchange, nowMs).ok).toBe(true);
  });

  it('refuses an expired request, an unknown key, a wrong signature and malformed args with "Params Error"', () => {
    const refused = { ok: false, message: 'Params Error' };
    expect(authenticateBybitWebSocket([account.apiKey, nowMs, sign(nowMs)], exchange, nowMs)).toEqual(refused);
    expect(authenticateBybitWebSocket(['someone', nowMs + 1000, sign(nowMs + 1000)], exchange, nowMs)).toEqual(refused);
    expect(authenticateBybitWebSocket([account.apiKey, nowMs + 1000, sign(nowMs + 2000)], exchange, nowMs)).toEqual(refused);
    expect(authenticateBybitWebSocket([account.apiKey, nowMs + 1000], exchange, nowMs)).toEqual(refused);
  });
});
