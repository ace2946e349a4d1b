// `zvt sim` as a real child process of the built CLI: endpoints file, a REST answer from a venue, clean stop on SIGINT with exit 0.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_DIALECT_FACTORIES } from '../../../src/sim/dialects.js';
import { SIM_VENUES, type SimVenue } from '../../../src/sim/market/sim-market-types.js';
import { ensureBuiltCli, runZvt, startZvt } from './built-cli.js';

let directory: string;

/** Each venue's public server-time endpoint (Binance, OKX, Bybit, Coinbase Advanced Trade). */
const SERVER_TIME_PATHS: Record<SimVenue, string> = {
  binance: '/api/v3/time',
  okx: '/api/v5/public/time',
  bybit: '/v5/market/time',
  coinbase: '/api/v3/brokerage/time',
};

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'zvt-sim-'));
  await ensureBuiltCli();
}, 180_000);

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

interface Endpoints {
  rest: string;
  ws: string;
  wsPrivate: string;
  apiKey: string;
  secret: string;
  password?: string;
}

describe('zvt sim', () => {
  it('serves every venue with a dialect, writes the endpoints JSON, answers REST, and exits 0 on SIGINT', async () => {
    const file = join(directory, 'endpoints.json');
    const zvt = startZvt(['sim', '--seed', '3', '--endpoints-json', file]);
    try {
      await zvt.waitForFile(file, 30_000);
      const endpoints = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Endpoints>;
      const served = SIM_VENUES.filter((venue) => SIM_DIALECT_FACTORIES[venue] !== undefined);
      expect(Object.keys(endpoints)).toEqual(served);
      // The lines are printed before the file is written, but reach this process through a pipe: wait for them.
      const printed = (): boolean => Object.values(endpoints).every((entry) => zvt.stdout().includes(entry.rest) && zvt.stdout().includes(entry.apiKey));
      for (const deadline = Date.now() + 10_000; !printed() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
      for (const [venue, entry] of Object.entries(endpoints)) {
        expect(Object.keys(entry)).toEqual(venue === 'okx' ? ['rest', 'ws', 'wsPrivate', 'apiKey', 'secret', 'password'] : ['rest', 'ws', 'wsPrivate', 'apiKey', 'secret']);
        expect(entry.rest).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(entry.ws).toBe(entry.rest.replace('http:', 'ws:'));
        expect(zvt.stdout()).toContain(entry.rest);
        expect(zvt.stdout()).toContain(entry.apiKey);
      }
      // Each venue's own server-time endpoint answers in its dialect.
      for (const venue of served) {
        const time = await fetch(`${endpoints[venue]!.rest}${SERVER_TIME_PATHS[venue]}`);
        expect(time.status).toBe(200);
        expect(await time.text()).toMatch(/\d{13}|\d{10}/);
      }
      const stats = await fetch(`${endpoints[served[0]!]!.rest}/__sim/stats`);
      expect(((await stats.json()) as { requests: number }).requests).toBe(2);
    } finally {
      zvt.process.kill('SIGINT');
    }
    expect(await zvt.exit).toBe(0);
    expect(zvt.stdout()).toContain('zvt sim: SIGINT, stopping');
    expect(zvt.stderr()).not.toMatch(/error/i);
  });

  it('refuses an unknown venue with exit 2', async () => {
    const result = await runZvt(['sim', '--venues', 'binance,kraken']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"kraken" is not a venue (venues: binance, okx, bybit, coinbase).');
  });

  it('refuses a bad seed with exit 2', async () => {
    const result = await runZvt(['sim', '--seed', '-1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('must be an integer in [0, 4294967295].');
  });
});
