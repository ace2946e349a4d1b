// Signed REST requests on a real server: bad signature, stale and future timestamps, replay, missing permission, over-limit (429 then success after Retry-After), missing headers, public per-address limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedRequestHeaders } from '../../../../src/gateway/auth/request-signature.js';
import { errorCode, INGESTER, LIMITED, READER, RestHarness, TRADER } from './rest-harness.js';

let harness: RestHarness;

beforeAll(async () => {
  harness = await RestHarness.start();
});

afterAll(async () => {
  await harness.close();
});

describe('REST authentication', () => {
  it('accepts a correctly signed request and reports the rate-limit headers', async () => {
    const response = await harness.signed(READER, 'GET', '/v1/positions');
    expect(response.status).toBe(200);
    expect(response.headers.get('zvt-ratelimit-limit')).toBe('20');
    expect(response.headers.get('zvt-ratelimit-remaining')).toBe('19');
    expect(await response.json()).toEqual({ accountId: 'binance-demo', positions: [] });
  });

  it('refuses a signature made with another secret: 401 ZVT_ERR_AUTH_SIGNATURE', async () => {
    const headers = signedRequestHeaders({ keyId: READER.keyId, secret: 'not-the-secret-0123456789' }, 'GET', '/v1/positions', '', Date.now());
    const response = await fetch(`${harness.url}/v1/positions`, { headers });
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('ZVT_ERR_AUTH_SIGNATURE');
  });

  it('refuses a signature over another path, query or body', async () => {
    const headers = signedRequestHeaders(READER, 'GET', '/v1/orders', '', Date.now());
    const otherQuery = await fetch(`${harness.url}/v1/orders?status=open`, { headers });
    expect(otherQuery.status).toBe(401);
    expect(await errorCode(otherQuery)).toBe('ZVT_ERR_AUTH_SIGNATURE');
    const body = JSON.stringify({ instrument: 'binance:BTC-USDT', rows: [] });
    const signedBody = signedRequestHeaders(INGESTER, 'POST', '/v1/trades', body, Date.now());
    const tampered = await fetch(`${harness.url}/v1/trades`, { method: 'POST', headers: signedBody, body: body.replace('BTC', 'ETH') });
    expect(tampered.status).toBe(401);
    expect(await errorCode(tampered)).toBe('ZVT_ERR_AUTH_SIGNATURE');
  });

  it('refuses stale and future timestamps outside the ±5 s window: 401 ZVT_ERR_AUTH_TIMESTAMP', async () => {
    const stale = await harness.signed(READER, 'GET', '/v1/positions', undefined, Date.now() - 6_000);
    expect(stale.status).toBe(401);
    const staleBody = (await stale.json()) as { error: { code: string; message: string } };
    expect(staleBody.error.code).toBe('ZVT_ERR_AUTH_TIMESTAMP');
    expect(staleBody.error.message).toMatch(/ is stale: server time is \d+, the window is ±5000 ms$/);
    const future = await harness.signed(READER, 'GET', '/v1/positions', undefined, Date.now() + 6_000);
    expect(future.status).toBe(401);
    expect(await errorCode(future)).toBe('ZVT_ERR_AUTH_TIMESTAMP');
    const headers = { ...signedRequestHeaders(READER, 'GET', '/v1/positions', '', Date.now()), 'ZVT-API-TIMESTAMP': '1.7e12' };
    const malformed = await fetch(`${harness.url}/v1/positions`, { headers });
    expect(malformed.status).toBe(401);
    expect(await errorCode(malformed)).toBe('ZVT_ERR_AUTH_TIMESTAMP');
  });

  it('refuses the same signed request sent twice: 401 ZVT_ERR_AUTH_REPLAY', async () => {
    const headers = signedRequestHeaders(READER, 'GET', '/v1/portfolio', '', Date.now());
    const first = await fetch(`${harness.url}/v1/portfolio`, { headers });
    expect(first.status).toBe(200);
    const again = await fetch(`${harness.url}/v1/portfolio`, { headers });
    expect(again.status).toBe(401);
    expect(await errorCode(again)).toBe('ZVT_ERR_AUTH_REPLAY');
  });

  it('refuses missing headers and unknown keys: 401', async () => {
    const unsigned = await harness.get('/v1/positions');
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({
      error: { code: 'ZVT_ERR_AUTH_MISSING', message: 'This endpoint needs a signed request; missing header ZVT-API-KEY, ZVT-API-TIMESTAMP, ZVT-API-SIGNATURE' },
    });
    const unknown = await harness.signed({ ...READER, keyId: 'nobody' }, 'GET', '/v1/positions');
    expect(unknown.status).toBe(401);
    expect(await errorCode(unknown)).toBe('ZVT_ERR_AUTH_UNKNOWN_KEY');
  });

  it('refuses a key without the permission: 403 ZVT_ERR_AUTH_FORBIDDEN', async () => {
    const order = { symbol: 'BTC-USDT', side: 'buy', type: 'limit', quantity: '0.001', price: '1000' };
    const response = await harness.signed(READER, 'POST', '/v1/orders', order);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: 'ZVT_ERR_AUTH_FORBIDDEN', message: 'API key reader-1 lacks the trade permission' } });
    const ingest = await harness.signed(TRADER, 'POST', '/v1/candles', { instrument: 'binance:BTC-USDT', timeframe: '1m', rows: [] });
    expect(ingest.status).toBe(403);
    const read = await harness.signed(INGESTER, 'GET', '/v1/orders');
    expect(read.status).toBe(403);
  });

  it('limits a key to its bucket: 429 with Retry-After and ZVT-RateLimit-*, then success after waiting', async () => {
    expect((await harness.signed(LIMITED, 'GET', '/v1/positions')).status).toBe(200);
    expect((await harness.signed(LIMITED, 'GET', '/v1/positions')).status).toBe(200);
    const refused = await harness.signed(LIMITED, 'GET', '/v1/positions');
    expect(refused.status).toBe(429);
    expect(await errorCode(refused)).toBe('ZVT_ERR_AUTH_RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBe(1);
    expect(refused.headers.get('zvt-ratelimit-limit')).toBe('2');
    expect(refused.headers.get('zvt-ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('zvt-ratelimit-reset'))).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    const later = await harness.signed(LIMITED, 'GET', '/v1/positions');
    expect(later.status).toBe(200);
  });

  it('counts refusals by reason in /metrics', async () => {
    const text = await (await harness.get('/metrics')).text();
    for (const reason of ['signature', 'timestamp', 'replay', 'missing', 'unknown_key', 'forbidden', 'rate_limited']) {
      expect(text).toMatch(new RegExp(`^zvt_auth_failures_total\\{reason="${reason}"\\} [1-9]\\d*$`, 'm'));
    }
    expect(text).toMatch(/^zvt_rate_limit_refusals_total\{scope="key"\} 1$/m);
  });
});

describe('public rate limit', () => {
  let limited: RestHarness;

  beforeAll(async () => {
    limited = await RestHarness.start({ auth: { publicRateLimit: { requestsPerSecond: 1, burst: 2 } } });
  });

  afterAll(async () => {
    await limited.close();
  });

  it('limits unsigned market-data requests per client address, not operational endpoints', async () => {
    expect((await limited.get('/v1/instruments')).status).toBe(200);
    expect((await limited.get('/v1/books/binance:BTC-USDT')).status).toBe(200);
    const refused = await limited.get('/v1/instruments');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await errorCode(refused)).toBe('ZVT_ERR_AUTH_RATE_LIMITED');
    expect((await limited.get('/healthz')).status).toBe(200);
    expect((await limited.get('/metrics')).status).toBe(200);
  });
});
