// startSimulator: one server per venue on 127.0.0.1 with endpoints and demo credentials, running exchanges, ports from portBase, a clean close.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SIM_DIALECT_FACTORIES } from '../../../../src/sim/dialects.js';
import { SIM_VENUES, type SimVenue } from '../../../../src/sim/market/sim-market-types.js';
import { startSimulator, type RunningSimulator } from '../../../../src/sim/start-simulator.js';
import { SimTestDialect } from '../../../helpers/sim-test-dialect.js';
import { RecordingClient, waitFor } from './sim-server-harness.js';

// Venues whose dialect has not landed yet are served by the test dialect here, so every venue is exercised.
const STAND_INS = SIM_VENUES.filter((venue) => SIM_DIALECT_FACTORIES[venue] === undefined);
for (const venue of STAND_INS) SIM_DIALECT_FACTORIES[venue] = (exchange, options) => new SimTestDialect(exchange, options);

const PRIVATE_PATHS: Record<SimVenue, string> = { binance: '', okx: '/ws/v5/private', bybit: '/v5/private', coinbase: '' };

let running: RunningSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.map((simulator) => simulator.close()));
  running = [];
});

async function start(options: Parameters<typeof startSimulator>[0]): Promise<RunningSimulator> {
  const simulator = await startSimulator(options);
  running.push(simulator);
  return simulator;
}

/** Four consecutive ports nothing listens on right now (a base picked by the kernel, then checked). */
async function freePortBase(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const listening = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    if (listening > 65_000) continue;
    const free = await Promise.all([1, 2, 3].map((offset) => new Promise<boolean>((resolve) => {
      const probe = createServer().once('error', () => resolve(false)).listen(listening + offset, '127.0.0.1', () => probe.close(() => resolve(true)));
    })));
    if (free.every(Boolean)) return listening;
  }
  throw new Error('no four consecutive free ports');
}

describe('startSimulator', () => {
  it('serves every venue with a dialect on 127.0.0.1 with its endpoints and its demo account', async () => {
    const simulator = await start({ seed: 5 });
    expect(simulator.venues).toEqual(SIM_VENUES);
    for (const venue of simulator.venues) {
      const endpoints = simulator.endpoints[venue]!;
      const server = simulator.server(venue);
      const account = simulator.exchange(venue).accounts[0]!;
      expect(endpoints).toEqual({
        rest: server.restUrl,
        ws: server.wsUrl,
        wsPrivate: `${server.wsUrl}${server.dialect.privateWebSocketPath ?? PRIVATE_PATHS[venue]}`,
        apiKey: account.apiKey,
        secret: account.secret,
        ...(account.passphrase === null ? {} : { password: account.passphrase }),
      });
      expect(endpoints.rest).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // Every server answers the simulator's own endpoint whatever its dialect.
      const stats = await fetch(`${endpoints.rest}/__sim/stats`);
      expect(stats.status).toBe(200);
      expect(simulator.exchange(venue).venue).toBe(venue);
    }
    expect('password' in simulator.endpoints.okx!).toBe(true);
    expect('password' in simulator.endpoints.binance!).toBe(false);
  });

  it('runs the exchanges on their clock: book updates arrive without anyone stepping them', async () => {
    const simulator = await start({ venues: ['binance'], tickIntervalMs: 20 });
    const exchange = simulator.exchange('binance');
    const startMs = exchange.nowMs();
    await waitFor(() => exchange.nowMs() > startMs, 'the exchange clock to move');
  });

  it('puts venue N on portBase + N', async () => {
    const portBase = await freePortBase();
    const simulator = await start({ portBase });
    expect(SIM_VENUES.map((venue) => simulator.server(venue).port)).toEqual([portBase, portBase + 1, portBase + 2, portBase + 3]);
  });

  it('fails with the port in use and leaves nothing running', async () => {
    const first = await start({ venues: ['okx'] });
    const taken = first.server('okx').port;
    // binance would get taken - 1 and okx `taken`: okx cannot listen, binance (already started) is stopped again.
    await expect(startSimulator({ portBase: taken - 1, venues: ['binance', 'okx'] })).rejects.toMatchObject({ code: 'ZVT_ERR_SIM_SERVER' });
    const probe = await fetch(`http://127.0.0.1:${taken - 1}/__sim/stats`).then(() => 'answered', () => 'refused');
    expect(probe).toBe('refused');
  });

  it('gives each venue its faults and rate-limit overrides', async () => {
    const simulator = await start({ venues: ['binance', 'okx'], faults: { okx: { rest: { errors: [{ status: 502, rate: 1 }] } } } });
    expect(simulator.server('okx').faults.current).toEqual({ rest: { errors: [{ status: 502, rate: 1 }] } });
    expect(simulator.server('binance').faults.current).toEqual({});
  });

  it('closes sessions, servers and exchange clocks; close is idempotent', async () => {
    const simulator = await start({ venues: ['binance'] });
    const rest = simulator.endpoints.binance!.rest;
    const client = await RecordingClient.connect(`${simulator.endpoints.binance!.ws}${STAND_INS.includes('binance') ? '/ws' : '/ws/btcusdt@depth'}`);
    await Promise.all([simulator.close(), simulator.close()]);
    await waitFor(() => client.closed, 'the client to be closed');
    expect(client.closeCode).toBe(1001);
    expect(await fetch(`${rest}/__sim/stats`).then(() => 'answered', () => 'refused')).toBe('refused');
    const clock = simulator.exchange('binance').nowMs();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(simulator.exchange('binance').nowMs()).toBe(clock);
  });
});
