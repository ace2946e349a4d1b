// Protocol pings from the simulator's WebSocket server as the venue sends them (Binance: a ping frame every 20 s).
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createBinanceDialect } from '../../../../src/sim/dialects/binance/create-binance-dialect.js';
import { createSimExchange } from '../../../../src/sim/exchange/sim-exchange.js';
import { SimServer } from '../../../../src/sim/server/sim-server.js';

const servers: SimServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function pingsWithin(server: SimServer, path: string, ms: number): Promise<{ pings: number; pongsAnswered: boolean }> {
  const socket = new WebSocket(`${server.wsUrl}${path}`);
  let pings = 0;
  socket.on('ping', () => pings++);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  await new Promise((resolve) => setTimeout(resolve, ms));
  const open = socket.readyState === WebSocket.OPEN;
  socket.close();
  return { pings, pongsAnswered: open };
}

describe('WebSocket pings', () => {
  it('Binance declares its 20 s ping; the server sends pings at the interval in force and the client stays connected', async () => {
    const dialect = createBinanceDialect(createSimExchange({ venue: 'binance', seed: 1 }));
    expect(dialect.webSocketPingIntervalMs).toBe(20_000);
    const server = await SimServer.start(dialect, { webSocketPingIntervalMs: 100, log: () => {} });
    servers.push(server);
    const { pings, pongsAnswered } = await pingsWithin(server, '/ws/btcusdt@trade', 550);
    expect(pings).toBeGreaterThanOrEqual(4);
    expect(pings).toBeLessThanOrEqual(6);
    expect(pongsAnswered).toBe(true);
  });

  it('sends none when the venue sends none (interval 0)', async () => {
    const server = await SimServer.start(createBinanceDialect(createSimExchange({ venue: 'binance', seed: 1 })), { webSocketPingIntervalMs: 0, log: () => {} });
    servers.push(server);
    expect((await pingsWithin(server, '/ws/btcusdt@trade', 300)).pings).toBe(0);
  });
});
