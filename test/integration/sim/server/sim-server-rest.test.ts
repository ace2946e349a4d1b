// SimServer REST path over real HTTP: the request as the dialect sees it, 413, usage headers, 429 + Retry-After, 418 bans, dialect exceptions as 500.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeHarnesses, startHarness } from './sim-server-harness.js';

afterEach(closeHarnesses);

/** A raw request, so repeated headers and the exact query text go out as written. */
function rawRequest(url: string, options: { method?: string; headers?: [string, string][]; body?: string }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    // Raw header arrays get nothing added: Host and the length are declared here.
    const headers = [['Host', target.host], ...(options.headers ?? []), ['Content-Length', String(Buffer.byteLength(options.body ?? ''))]].flat();
    const req = httpRequest({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: options.method ?? 'GET', headers });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('SimServer REST', () => {
  it('gives the dialect the raw query, lower-case headers (repeats joined), the body and the client address', async () => {
    const { server } = await startHarness();
    const before = Date.now();
    const response = await rawRequest(`${server.restUrl}/api/test/echo?b=2&a=1&s=%2B%20x&empty=`, {
      headers: [['X-Custom', 'one'], ['x-custom', 'two'], ['Content-Type', 'text/plain']],
      body: 'timestamp=1&signature=abc',
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    const echoed = JSON.parse(response.body) as { rawQuery: string; path: string; headers: Record<string, string>; body: string; clientAddress: string; receivedMs: number };
    expect(echoed.path).toBe('/api/test/echo');
    expect(echoed.rawQuery).toBe('b=2&a=1&s=%2B%20x&empty=');
    expect(echoed.headers['x-custom']).toBe('one, two');
    expect(echoed.headers['content-type']).toBe('text/plain');
    expect(echoed.body).toBe('timestamp=1&signature=abc');
    expect(echoed.clientAddress).toBe('127.0.0.1');
    expect(echoed.receivedMs).toBeGreaterThanOrEqual(before);
  });

  it('answers 413 to a body over 1 MiB and keeps serving', async () => {
    const { server } = await startHarness();
    const response = await fetch(`${server.restUrl}/api/test/echo`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'request body over 1048576 bytes' });
    expect((await fetch(`${server.restUrl}/api/test/ping`)).status).toBe(200);
    expect(server.stats().rest.oversized).toBe(1);
  });

  it('forgets a request whose client leaves before the body ends, and keeps serving', async () => {
    const { server } = await startHarness();
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST /api/test/order HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789');
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await fetch(`${server.restUrl}/api/test/ping`)).status).toBe(200);
    expect(server.stats()).toMatchObject({ requests: 2, responses: { '200': 1 }, dialectErrors: 0 });
  });

  it('adds the usage headers to every counted answer, none to unlimited ones', async () => {
    const { server } = await startHarness();
    const used: (string | null)[] = [];
    for (const path of ['/api/test/ping', '/api/test/ping', '/api/test/depth?symbol=BTCUSDT&limit=1000', '/api/test/echo', '/nowhere']) {
      const response = await fetch(`${server.restUrl}${path}`);
      used.push(response.headers.get('x-test-used-weight'));
    }
    expect(used).toEqual(['1', '2', '7', null, null]);
  });

  it('refuses with the dialect 429 and Retry-After to the window end, then bans with 418 for banMs', async () => {
    // A one-hour window: the Retry-After seconds are then far from any boundary the test could cross.
    const { server } = await startHarness({ dialect: { rateLimits: { WEIGHT: { limit: 3, windowMs: 3_600_000, banAfterRefusals: 1, banMs: 300_000 } } } });
    const answers: { status: number; retryAfter: string | null; used: string | null }[] = [];
    const windowEndMs = (Math.floor(Date.now() / 3_600_000) + 1) * 3_600_000;
    for (let index = 0; index < 6; index++) {
      const response = await fetch(`${server.restUrl}/api/test/ping`);
      answers.push({ status: response.status, retryAfter: response.headers.get('retry-after'), used: response.headers.get('x-test-used-weight') });
      if (response.status === 429) expect(await response.json()).toEqual({ code: -1003, msg: 'Too many requests (WEIGHT).' });
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429, 418, 418]);
    expect(answers.map((answer) => answer.used)).toEqual(['1', '2', '3', '4', '5', '6']);
    const retry429 = Number(answers[3]!.retryAfter);
    expect(Math.abs(retry429 - Math.ceil((windowEndMs - Date.now()) / 1000))).toBeLessThanOrEqual(1);
    expect(answers[4]!.retryAfter).toBe('300');
    expect(Number(answers[5]!.retryAfter)).toBeGreaterThanOrEqual(299);
    const stats = server.stats();
    expect(stats.rateLimits).toEqual({ refusals: 3, bans: 1, rules: { WEIGHT: { requests: 6, refusals: 3, bans: 1 }, ORDERS: { requests: 0, refusals: 0, bans: 0 } } });
    expect(stats.responses).toEqual({ '200': 3, '418': 2, '429': 1 });
  });

  it('counts orders per API key apart from the IP weight (countRefused false: refused orders do not use the window)', async () => {
    const { server } = await startHarness({ dialect: { rateLimits: { WEIGHT: { limit: 100 } } } });
    const statuses: number[] = [];
    for (const key of ['a', 'a', 'a', 'a', 'b']) {
      statuses.push((await fetch(`${server.restUrl}/api/test/order`, { method: 'POST', headers: { 'x-test-key': key }, body: '{}' })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 200]);
  });

  it('answers a dialect exception with 500 and a JSON body, logs it once and counts each', async () => {
    const { server, logged } = await startHarness();
    for (let index = 0; index < 2; index++) {
      const response = await fetch(`${server.restUrl}/api/test/throw`);
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toEqual({ error: 'internal simulator error' });
    }
    expect(server.stats().dialectErrors).toBe(2);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('dialect threw in handling GET /api/test/throw');
    expect(logged[0]).toContain('test dialect: route throws');
    expect((await fetch(`${server.restUrl}/api/test/ping`)).status).toBe(200);
  });

  it('listens on 127.0.0.1 by default', async () => {
    const { server } = await startHarness();
    expect(server.restUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.wsUrl).toBe(server.restUrl.replace('http:', 'ws:'));
  });
});
