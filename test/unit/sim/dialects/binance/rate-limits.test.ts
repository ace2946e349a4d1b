// Binance rate limits: the documented rules and endpoint weights, the usage headers, and the 429 / 418 / order-limit answers.
import { describe, expect, it } from 'vitest';
import {
  BINANCE_RATE_LIMIT_RULES,
  binanceCostOf,
  binanceRateLimitedResponse,
  binanceRateLimitsInfo,
  binanceRequestWeight,
  binanceUsageHeaders,
} from '../../../../../src/sim/dialects/binance/rate-limits.js';
import { binanceRequest } from './binance-request.js';

const weight = (method: string, path: string, body?: string): number | null => binanceRequestWeight(binanceRequest(method, path, body === undefined ? {} : { body }));

describe('Binance rate limits', () => {
  it('exchangeInfo lists the rules as Binance does', () => {
    expect(binanceRateLimitsInfo(BINANCE_RATE_LIMIT_RULES)).toEqual([
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
    ]);
    expect(binanceRateLimitsInfo({ ...BINANCE_RATE_LIMIT_RULES, REQUEST_WEIGHT: { ...BINANCE_RATE_LIMIT_RULES.REQUEST_WEIGHT!, limit: 100 } })[0]!.limit).toBe(100);
  });

  it('weighs requests by the endpoint pages: depth by limit, tickers and open orders by symbol', () => {
    expect(weight('GET', '/api/v3/depth?symbol=BTCUSDT')).toBe(5);
    expect(weight('GET', '/api/v3/depth?symbol=BTCUSDT&limit=100')).toBe(5);
    expect(weight('GET', '/api/v3/depth?symbol=BTCUSDT&limit=500')).toBe(25);
    expect(weight('GET', '/api/v3/depth?symbol=BTCUSDT&limit=1000')).toBe(50);
    expect(weight('GET', '/api/v3/depth?symbol=BTCUSDT&limit=5000')).toBe(250);
    expect(weight('GET', '/api/v3/klines?symbol=BTCUSDT&interval=1m')).toBe(2);
    expect(weight('GET', '/api/v3/exchangeInfo')).toBe(20);
    expect(weight('GET', '/api/v3/trades?symbol=BTCUSDT')).toBe(25);
    expect(weight('GET', '/api/v3/aggTrades?symbol=BTCUSDT')).toBe(2);
    expect(weight('GET', '/api/v3/ticker/24hr?symbol=BTCUSDT')).toBe(2);
    expect(weight('GET', '/api/v3/ticker/bookTicker')).toBe(4);
    expect(weight('GET', '/api/v3/openOrders?symbol=BTCUSDT')).toBe(6);
    expect(weight('GET', '/api/v3/openOrders')).toBe(80);
    expect(weight('GET', '/api/v3/account')).toBe(20);
    expect(weight('GET', '/api/v3/myTrades?symbol=BTCUSDT&orderId=3')).toBe(5);
    expect(weight('POST', '/api/v3/order', 'symbol=BTCUSDT')).toBe(1);
    expect(weight('POST', '/api/v3/order/test', 'computeCommissionRates=true')).toBe(20);
    expect(weight('GET', '/api/v3/nothing')).toBeNull();
  });

  it('charges the IP for weight and raw requests, and the API key for orders placed', () => {
    const order = binanceCostOf(binanceRequest('POST', '/api/v3/order', { headers: { 'x-mbx-apikey': 'KEY' }, clientAddress: '10.0.0.1' }));
    expect(order).toEqual({
      charges: [
        { rule: 'REQUEST_WEIGHT', bucket: 'ip:10.0.0.1', cost: 1 },
        { rule: 'RAW_REQUESTS', bucket: 'ip:10.0.0.1', cost: 1 },
        { rule: 'ORDERS_10S', bucket: 'apiKey:KEY', cost: 1 },
        { rule: 'ORDERS_1D', bucket: 'apiKey:KEY', cost: 1 },
      ],
    });
    expect(binanceCostOf(binanceRequest('GET', '/api/v3/depth?symbol=X&limit=1000'))!.charges[0]).toEqual({ rule: 'REQUEST_WEIGHT', bucket: 'ip:127.0.0.1', cost: 50 });
    expect(binanceCostOf(binanceRequest('GET', '/nope'))).toBeNull();
  });

  it('reports usage in X-MBX-USED-WEIGHT-1M (and X-MBX-USED-WEIGHT) and X-MBX-ORDER-COUNT-10S/1D', () => {
    const headers = binanceUsageHeaders({
      rules: {
        REQUEST_WEIGHT: { used: 57, limit: 6000, windowMs: 60_000 },
        RAW_REQUESTS: { used: 9, limit: 61_000, windowMs: 300_000 },
        ORDERS_10S: { used: 3, limit: 100, windowMs: 10_000 },
        ORDERS_1D: { used: 30, limit: 200_000, windowMs: 86_400_000 },
      },
    });
    expect(headers).toEqual({ 'X-MBX-USED-WEIGHT-1M': '57', 'X-MBX-USED-WEIGHT': '57', 'X-MBX-ORDER-COUNT-10S': '3', 'X-MBX-ORDER-COUNT-1D': '30' });
  });

  it('answers 429 -1003 with Retry-After, 418 once banned, and -1015 without Retry-After for orders', () => {
    const usage = { rules: { REQUEST_WEIGHT: { used: 6010, limit: 6000, windowMs: 60_000 }, ORDERS_10S: { used: 101, limit: 100, windowMs: 10_000 } } };
    const request = binanceRequest('GET', '/api/v3/depth', { receivedMs: 1_700_000_000_000 });
    expect(binanceRateLimitedResponse(request, { rule: 'REQUEST_WEIGHT', retryAfterSeconds: 17, banned: false, usage })).toEqual({
      status: 429,
      headers: { 'Retry-After': '17' },
      body: { code: -1003, msg: 'Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.' },
    });
    expect(binanceRateLimitedResponse(request, { rule: 'REQUEST_WEIGHT', retryAfterSeconds: 120, banned: true, usage })).toEqual({
      status: 418,
      headers: { 'Retry-After': '120' },
      body: { code: -1003, msg: 'Way too much request weight used; IP banned until 1700000120000. Please use WebSocket Streams for live updates to avoid bans.' },
    });
    expect(binanceRateLimitedResponse(request, { rule: 'ORDERS_10S', retryAfterSeconds: 4, banned: false, usage })).toEqual({
      status: 429,
      body: { code: -1015, msg: 'Too many new orders; current limit is 100 orders per 10 SECOND.' },
    });
  });
});
