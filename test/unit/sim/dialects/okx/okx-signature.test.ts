// OKX signing and authentication: HMAC-SHA256/base64 against RFC 4231, prehash strings, ccxt's own signatures accepted, each failure's OKX code.
import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { authenticateLogin } from '../../../../../src/sim/dialects/okx/auth/authenticate-login.js';
import { authenticateRest, parseOkxTimestamp } from '../../../../../src/sim/dialects/okx/auth/authenticate-rest.js';
import { okxLoginPrehash, okxRestPrehash, okxSign } from '../../../../../src/sim/dialects/okx/auth/okx-signature.js';
import type { SimAccountSpec } from '../../../../../src/sim/matching/matching-types.js';
import type { SimHttpRequest } from '../../../../../src/sim/server/sim-dialect.js';

const ACCOUNT: SimAccountSpec = {
  accountId: 'okx-demo',
  apiKey: '985d5b66-57ce-40fb-b714-afc0b9787083',
  secret: '4B0F7B3B5D2B4A4E9C8B1F2C3D4E5F60',
  passphrase: 'Sim-passphrase1',
  balances: {},
};
const lookup = (apiKey: string): SimAccountSpec | undefined => (apiKey === ACCOUNT.apiKey ? ACCOUNT : undefined);
const NOW = Date.parse('2026-05-04T10:20:30.456Z');

function request(method: string, path: string, rawQuery: string, body: string, headers: Record<string, string>): SimHttpRequest {
  return { method, path, rawQuery, query: new URLSearchParams(rawQuery), headers, body, receivedMs: NOW, clientAddress: '127.0.0.1' };
}

function signed(method: string, path: string, rawQuery: string, body: string, overrides: Partial<Record<string, string>> = {}, secret = ACCOUNT.secret): SimHttpRequest {
  const timestamp = overrides['ok-access-timestamp'] ?? new Date(NOW).toISOString();
  const headers: Record<string, string> = {
    'ok-access-key': ACCOUNT.apiKey,
    'ok-access-passphrase': ACCOUNT.passphrase!,
    'ok-access-timestamp': timestamp,
    'ok-access-sign': okxSign(secret, okxRestPrehash(timestamp, method, path, rawQuery, body)),
  };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (value === '') delete headers[name];
    else headers[name] = value;
  }
  return request(method, path, rawQuery, body, headers);
}

describe('OKX signature scheme', () => {
  it('is base64(HMAC-SHA256): RFC 4231 test case 2', () => {
    // Key "Jefe", data "what do ya want for nothing?" → 5bdcc146…64ec3843 (hex), here in base64.
    expect(okxSign('Jefe', 'what do ya want for nothing?')).toBe('W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=');
  });

  it('prehashes timestamp + METHOD + path?query + body, and the login string', () => {
    expect(okxRestPrehash('2020-12-08T09:08:57.715Z', 'get', '/api/v5/account/balance', 'ccy=BTC', '')).toBe('2020-12-08T09:08:57.715ZGET/api/v5/account/balance?ccy=BTC');
    expect(okxRestPrehash('2020-12-08T09:08:57.715Z', 'POST', '/api/v5/trade/order', '', '{"instId":"BTC-USDT"}')).toBe('2020-12-08T09:08:57.715ZPOST/api/v5/trade/order{"instId":"BTC-USDT"}');
    expect(okxLoginPrehash('1538054050')).toBe('1538054050GET/users/self/verify');
  });

  it("accepts what ccxt's okx.sign produces for a GET with a query and a POST with a body", () => {
    const client = new ccxt.okx({ apiKey: ACCOUNT.apiKey, secret: ACCOUNT.secret, password: ACCOUNT.passphrase! });
    client.nonce = () => NOW;
    for (const [method, path, params] of [
      ['GET', 'account/balance', { ccy: 'BTC,USDT' }],
      ['POST', 'trade/order', { instId: 'BTC-USDT', tdMode: 'cash', side: 'buy', ordType: 'limit', px: '65000.5', sz: '0.01', clOrdId: 'abc123' }],
    ] as const) {
      const built = client.sign(path, 'private', method, { ...params }) as { url: string; body?: string; headers: Record<string, string> };
      const url = new URL(built.url, 'http://127.0.0.1');
      const headers = Object.fromEntries(Object.entries(built.headers).map(([name, value]) => [name.toLowerCase(), value]));
      const result = authenticateRest(request(method, url.pathname, url.search.slice(1), built.body ?? '', headers), lookup, NOW);
      expect(result.ok, `${method} ${path}`).toBe(true);
    }
  });

  it('answers each failure with its OKX code, cheapest check first', () => {
    const codeOf = (req: SimHttpRequest): string => {
      const result = authenticateRest(req, lookup, NOW);
      return result.ok ? '0' : result.error.code;
    };
    expect(codeOf(signed('GET', '/api/v5/account/balance', '', ''))).toBe('0');
    expect(codeOf(signed('GET', '/api/v5/account/balance', '', '', { 'ok-access-key': '' }))).toBe('50103');
    expect(codeOf(signed('GET', '/api/v5/account/balance', '', '', { 'ok-access-passphrase': '' }))).toBe('50104');
    expect(codeOf(signed('GET', '/api/v5/account/balance', '', '', { 'ok-access-sign': '' }))).toBe('50106');
    expect(codeOf(signed('GET', '/api/v5/account/balance', '', '', { 'ok-access-timestamp': '' }))).toBe('50107');
    expect(codeOf(signed('GET', '/api/v5/account/balance', '', '', { 'ok-access-timestamp': '1620000000' }))).toBe('50112');
    expect(codeOf(signed('GET', '/api/v5/account/balance', '', '', { 'ok-access-timestamp': new Date(NOW - 31_000).toISOString() }))).toBe('50102');
    expect(codeOf(signed('GET', '/api/v5/account/balance', '', '', { 'ok-access-timestamp': new Date(NOW + 29_000).toISOString() }))).toBe('0');
    expect(codeOf(signed('GET', '/api/v5/account/balance', '', '', { 'ok-access-key': 'not-a-key' }))).toBe('50111');
    expect(codeOf(signed('GET', '/api/v5/account/balance', '', '', { 'ok-access-passphrase': 'wrong' }))).toBe('50105');
    expect(codeOf(signed('GET', '/api/v5/account/balance', '', '', {}, 'ANOTHERSECRET'))).toBe('50113');
    // The signature covers the query and the body exactly as sent.
    const good = signed('GET', '/api/v5/account/balance', 'ccy=BTC', '');
    expect(codeOf({ ...good, rawQuery: 'ccy=ETH' })).toBe('50113');
    const post = signed('POST', '/api/v5/trade/order', '', '{"instId":"BTC-USDT"}');
    expect(codeOf({ ...post, body: '{"instId": "BTC-USDT"}' })).toBe('50113');
  });

  it('reads only ISO 8601 UTC timestamps', () => {
    expect(parseOkxTimestamp('2020-12-08T09:08:57.715Z')).toBe(Date.UTC(2020, 11, 8, 9, 8, 57, 715));
    expect(parseOkxTimestamp('2020-12-08T09:08:57Z')).toBe(Date.UTC(2020, 11, 8, 9, 8, 57));
    expect(parseOkxTimestamp('2020-12-08 09:08:57.715')).toBeNull();
    expect(parseOkxTimestamp('1607418537715')).toBeNull();
  });

  it('authenticates a WebSocket login (epoch seconds) and names each failure with its 600xx code', () => {
    const seconds = String(NOW / 1000);
    const login = (overrides: Record<string, string> = {}, secret = ACCOUNT.secret): string => {
      const timestamp = overrides.timestamp ?? seconds;
      const argument = { apiKey: ACCOUNT.apiKey, passphrase: ACCOUNT.passphrase!, timestamp, sign: okxSign(secret, okxLoginPrehash(timestamp)), ...overrides };
      const result = authenticateLogin(argument, lookup, NOW);
      return result.ok ? '0' : result.error.code;
    };
    expect(login()).toBe('0');
    expect(login({ timestamp: String(Math.floor(NOW / 1000)) })).toBe('0');
    expect(login({ timestamp: 'yesterday' })).toBe('60004');
    expect(login({ timestamp: String(Math.floor(NOW / 1000) - 60) })).toBe('60006');
    expect(login({ apiKey: 'nobody' })).toBe('60005');
    expect(login({ passphrase: 'nope' })).toBe('60024');
    expect(login({}, 'ANOTHERSECRET')).toBe('60007');
    expect(authenticateLogin('not an object', lookup, NOW)).toMatchObject({ ok: false, error: { code: '60013' } });
  });
});
