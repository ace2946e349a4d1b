// Bybit rate-limit rules and costs: the IP rule on every request, per-UID per-endpoint rules for the signed ones, headers and refusals as Bybit sends them.
import { describe, expect, it } from 'vitest';
import { BYBIT_RATE_LIMIT_RULES, bybitCostOf, bybitRateLimitedResponse, bybitUsageHeaders, uidRuleOf } from '../../../../../src/sim/dialects/bybit/rate-limits.js';
import { createSimExchange } from '../../../../../src/sim/exchange/sim-exchange.js';
import type { SimHttpRequest } from '../../../../../src/sim/server/sim-dialect.js';

const exchange = createSimExchange({ venue: 'bybit', seed: 8 });
const account = exchange.accounts[0]!;
const NOW = 1_800_000_000_400;

function request(method: string, path: string, query = '', body = '', apiKey?: string): SimHttpRequest {
  return {
    method,
    path,
    rawQuery: query,
    query: new URLSearchParams(query),
    headers: apiKey === undefined ? {} : { 'x-bapi-api-key': apiKey },
    body,
    receivedMs: NOW,
    clientAddress: '10.0.0.7',
  };
}

describe('Bybit rate limits', () => {
  it('rules: 600 per 5 s per IP with a 10-minute ban, per-UID limits per second', () => {
    expect(BYBIT_RATE_LIMIT_RULES.ip).toEqual({ limit: 600, windowMs: 5000, banAfterRefusals: 0, banMs: 600_000 });
    expect(BYBIT_RATE_LIMIT_RULES['uid-order-linear']).toMatchObject({ limit: 10, windowMs: 1000, countRefused: false });
    expect(BYBIT_RATE_LIMIT_RULES['uid-order-spot']).toMatchObject({ limit: 20, windowMs: 1000 });
    expect(BYBIT_RATE_LIMIT_RULES['uid-order-query']).toMatchObject({ limit: 50 });
    expect(BYBIT_RATE_LIMIT_RULES['uid-asset']).toMatchObject({ limit: 5 });
  });

  it('public requests count only against the IP; signed ones also against their endpoint and category', () => {
    expect(bybitCostOf(request('GET', '/v5/market/orderbook', 'category=spot&symbol=BTCUSDT'), exchange)).toEqual({ charges: [{ rule: 'ip', bucket: 'ip:10.0.0.7', cost: 1 }] });
    const create = bybitCostOf(request('POST', '/v5/order/create', '', '{"category":"spot","symbol":"BTCUSDT"}', account.apiKey), exchange);
    expect(create.charges[1]).toEqual({ rule: 'uid-order-spot', bucket: `uid:${account.accountId}:/v5/order/create:spot`, cost: 1 });
    expect(uidRuleOf(request('POST', '/v5/order/cancel', '', '{"category": "linear"}'))).toBe('uid-order-linear');
    expect(uidRuleOf(request('GET', '/v5/execution/list', 'category=spot'))).toBe('uid-order-query');
    // An unknown key is charged to its IP only (authentication answers it).
    expect(bybitCostOf(request('GET', '/v5/order/realtime', 'category=spot', '', 'nobody'), exchange).charges).toHaveLength(1);
  });

  it('usage headers on signed answers: limit, remaining, and the reset time once exhausted', () => {
    const order = request('POST', '/v5/order/create', '', '{"category":"linear"}', account.apiKey);
    expect(bybitUsageHeaders(order, { rules: { ip: { used: 3, limit: 600, windowMs: 5000 }, 'uid-order-linear': { used: 4, limit: 10, windowMs: 1000 } } })).toEqual({
      'X-Bapi-Limit': '10',
      'X-Bapi-Limit-Status': '6',
      'X-Bapi-Limit-Reset-Timestamp': String(NOW),
    });
    expect(bybitUsageHeaders(order, { rules: { 'uid-order-linear': { used: 10, limit: 10, windowMs: 1000 } } })['X-Bapi-Limit-Reset-Timestamp']).toBe('1800000001000');
    expect(bybitUsageHeaders(request('GET', '/v5/market/time'), { rules: { ip: { used: 1, limit: 600, windowMs: 5000 } } })).toEqual({});
  });

  it('refusals: 10006 "Too many visits!" with HTTP 200 per UID, 403 "access too frequent" per IP', () => {
    const order = request('POST', '/v5/order/create', '', '{"category":"spot"}', account.apiKey);
    const uid = bybitRateLimitedResponse(order, { rule: 'uid-order-spot', retryAfterSeconds: 1, banned: false, usage: { rules: { 'uid-order-spot': { used: 20, limit: 20, windowMs: 1000 } } } });
    expect(uid.status).toBe(200);
    expect(uid.body).toEqual({ retCode: 10006, retMsg: 'Too many visits!', result: {}, retExtInfo: {}, time: NOW });
    expect(uid.headers).toMatchObject({ 'X-Bapi-Limit': '20', 'X-Bapi-Limit-Status': '0', 'X-Bapi-Limit-Reset-Timestamp': '1800000001000' });
    const ip = bybitRateLimitedResponse(order, { rule: 'ip', retryAfterSeconds: 600, banned: true, usage: { rules: {} } });
    expect(ip).toMatchObject({ status: 403, body: 'access too frequent' });
  });
});
