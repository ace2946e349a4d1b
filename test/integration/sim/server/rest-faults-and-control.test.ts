// REST faults (5xx by rate and path, timeouts, latency) with seeded outcomes, and the /__sim control endpoints: set, get, clear, stats, errors; never limited or faulted.
import { afterEach, describe, expect, it } from 'vitest';
import { faultStream } from '../../../../src/sim/faults/fault-random.js';
import { RecordingClient, closeHarnesses, startHarness } from './sim-server-harness.js';

afterEach(closeHarnesses);

async function statuses(url: string, count: number): Promise<number[]> {
  const result: number[] = [];
  for (let index = 0; index < count; index++) result.push((await fetch(url)).status);
  return result;
}

describe('REST faults', () => {
  it('answers the configured status for every request of the path prefix, others go through', async () => {
    const { server } = await startHarness({ faults: { rest: { errors: [{ status: 503, rate: 1, pathPrefix: '/api/test/ping' }] } } });
    const faulted = await fetch(`${server.restUrl}/api/test/ping`);
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get('content-type')).toBe('application/json');
    expect(await faulted.json()).toEqual({ error: 'simulated 503 fault' });
    expect((await fetch(`${server.restUrl}/api/test/echo`)).status).toBe(200);
    expect(server.stats().rest.faultErrors).toBe(1);
    // A faulted request never reached the limiter: no weight used.
    expect(server.stats().rateLimits.rules.WEIGHT!.requests).toBe(0);
  });

  it('fails a seeded fraction of requests: the same ones for the same seed, again after the same PUT', async () => {
    const faults = { seed: 3, rest: { errors: [{ status: 502, rate: 0.5 }] } } as const;
    const { server } = await startHarness({ faults, dialect: { rateLimits: { WEIGHT: { limit: 1000 } } } });
    // faultStream(3, 0): one draw per request (rest-faults.ts); a draw below the rate fails it.
    const draw = faultStream(3, 0);
    const expected = Array.from({ length: 12 }, () => (draw() < 0.5 ? 502 : 200));
    expect(expected).toContain(502);
    expect(expected).toContain(200);
    expect(await statuses(`${server.restUrl}/api/test/ping`, 12)).toEqual(expected);
    expect((await fetch(`${server.restUrl}/__sim/faults`, { method: 'PUT', body: JSON.stringify(faults) })).status).toBe(200);
    expect(await statuses(`${server.restUrl}/api/test/ping`, 12)).toEqual(expected);
  });

  it('holds a timed-out request and cuts the connection without answering', async () => {
    const { server } = await startHarness({ faults: { rest: { timeout: { rate: 1, holdMs: 150 } } } });
    const startedMs = Date.now();
    const outcome = await fetch(`${server.restUrl}/api/test/ping`).then(
      (response) => `answered ${response.status}`,
      (error: unknown) => `failed: ${String((error as { cause?: { code?: string } }).cause?.code)}`,
    );
    expect(outcome).toBe('failed: UND_ERR_SOCKET');
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(145);
    expect(server.stats().rest.timeouts).toBe(1);
  });

  it('handles a delayed request late: the dialect sees it arrive after the delay', async () => {
    const { server } = await startHarness({ faults: { rest: { latency: { fixedMs: 120 } } } });
    const sentMs = Date.now();
    const response = await fetch(`${server.restUrl}/api/test/echo`);
    const { receivedMs } = (await response.json()) as { receivedMs: number };
    expect(receivedMs - sentMs).toBeGreaterThanOrEqual(118);
    expect(server.stats().rest.delayed).toBe(1);
  });
});

describe('the /__sim control endpoints', () => {
  it('get, replace and clear the fault configuration', async () => {
    const initial = { websocket: { drop: [{ probability: 0.25 }] } };
    const { server } = await startHarness({ faults: initial });
    const url = `${server.restUrl}/__sim/faults`;
    expect(await (await fetch(url)).json()).toEqual(initial);
    const replacement = { seed: 9, rest: { errors: [{ status: 500, rate: 0.1 }], latency: { normalMs: { mean: 5, sd: 2 } } } };
    const put = await fetch(url, { method: 'PUT', body: JSON.stringify(replacement) });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual(replacement);
    expect(await (await fetch(url)).json()).toEqual(replacement);
    expect(server.faults.current).toEqual(replacement);
    const cleared = await fetch(url, { method: 'DELETE' });
    expect(await cleared.json()).toEqual({});
    expect(server.faults.current).toEqual({});
  });

  it('refuses a bad body with 400 and the message, keeping the configuration', async () => {
    const { server } = await startHarness({ faults: { rest: { timeout: { rate: 0, holdMs: 1 } } } });
    const url = `${server.restUrl}/__sim/faults`;
    const notJson = await fetch(url, { method: 'PUT', body: '{"websocket":' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toMatch(/^body is not JSON: /);
    const invalid = await fetch(url, { method: 'PUT', body: JSON.stringify({ websocket: { drop: [{ key: 'BTCUSDT' }] } }) });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ error: 'faults.websocket.drop[0] must have exactly one of probability and frames', code: 'ZVT_ERR_SIM_FAULTS' });
    expect(server.faults.current).toEqual({ rest: { timeout: { rate: 0, holdMs: 1 } } });
  });

  it('answers 405 for other methods and 404 for other /__sim paths', async () => {
    const { server } = await startHarness();
    const post = await fetch(`${server.restUrl}/__sim/faults`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, PUT, DELETE');
    const unknown = await fetch(`${server.restUrl}/__sim/nothing`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'no simulator endpoint /__sim/nothing (known: /__sim/faults, /__sim/stats)' });
  });

  it('is neither rate limited nor faulted', async () => {
    const { server } = await startHarness({
      faults: { rest: { errors: [{ status: 500, rate: 1 }], timeout: { rate: 0, holdMs: 10 } } },
      dialect: { rateLimits: { WEIGHT: { limit: 0 } } },
    });
    expect(await statuses(`${server.restUrl}/__sim/stats`, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(server.stats().rateLimits.rules.WEIGHT!.requests).toBe(0);
  });

  it('serves the counters as JSON', async () => {
    const { server, dialect } = await startHarness({ faults: { websocket: { drop: [{ frames: [1] }] } } });
    await fetch(`${server.restUrl}/api/test/ping`);
    await fetch(`${server.restUrl}/nowhere`);
    const client = await RecordingClient.connect(`${server.wsUrl}/ws`);
    await client.subscribe('BTCUSDT');
    dialect.pushBook('BTCUSDT');
    const stats = (await (await fetch(`${server.restUrl}/__sim/stats`)).json());
    client.close();
    expect(stats).toEqual({
      requests: 3,
      responses: { '200': 1, '404': 1 },
      dialectErrors: 0,
      rest: { faultErrors: 0, timeouts: 0, delayed: 0, oversized: 0 },
      rateLimits: { refusals: 0, bans: 0, rules: { WEIGHT: { requests: 1, refusals: 0, bans: 0 }, ORDERS: { requests: 0, refusals: 0, bans: 0 } } },
      frames: { sent: 1, dropped: 1, duplicated: 0, reordered: 0, corrupted: 0, corruptNotApplicable: 0, delayed: 0 },
      disconnects: 0,
      stalls: 0,
      sessions: { open: 1, total: 1, notFound: 0 },
      slowClientCloses: 0,
    });
  });
});
