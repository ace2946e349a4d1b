// zvt start's path: the handler built from a configured venue (trading credentials by environment variable, restUrl = the simulator), trading on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZVT_ERR_EXECUTION_OPTIONS } from '../../../src/actors/execution/errors.js';
import type { OrderEntryEvent } from '../../../src/gateway/orders/order-entry-handler.js';
import { createVenueOrderEntryHandlerFromConfig } from '../../../src/gateway/orders/venue-order-entry-from-config.js';
import { startSimulator, type RunningSimulator } from '../../../src/sim/start-simulator.js';

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ venues: ['okx', 'bybit', 'coinbase'], seed: 14 });
});

afterAll(async () => {
  await simulator.close();
});

describe('createVenueOrderEntryHandlerFromConfig', () => {
  it('OKX from venues.okx { restUrl, trading }: markets loaded from the simulator, an IOC order placed and expired there', async () => {
    const endpoints = simulator.endpoints.okx!;
    const env = { SIM_OKX_KEY: endpoints.apiKey, SIM_OKX_SECRET: endpoints.secret, SIM_OKX_PASS: endpoints.password! };
    const handler = await createVenueOrderEntryHandlerFromConfig(
      'okx',
      { enabled: true, restUrl: endpoints.rest, trading: { apiKeyEnv: 'SIM_OKX_KEY', secretEnv: 'SIM_OKX_SECRET', passwordEnv: 'SIM_OKX_PASS', symbols: ['BTC-USDT'], pollIntervalMs: 500 } },
      { env },
    );
    try {
      expect(handler.symbols).toEqual(['BTC-USDT']);
      const events: OrderEntryEvent[] = [];
      handler.subscribe((event) => events.push(event));
      handler.place({ owner: 'S1', accountId: 'a1', clientOrderId: 'cfg-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'IOC', postOnly: false, quantity: '0.01', price: '1000' });
      await handler.idle();
      expect(events.map((event) => event.kind)).toEqual(['accepted', 'expired']);
      const exchange = simulator.exchange('okx');
      expect(exchange.orderHistory(exchange.accounts[0]!.accountId)).toHaveLength(1);
    } finally {
      await handler.close();
    }
  });

  it('a symbol the venue does not list is a startup error naming it', async () => {
    const endpoints = simulator.endpoints.okx!;
    const env = { K: endpoints.apiKey, S: endpoints.secret, P: endpoints.password! };
    await expect(
      createVenueOrderEntryHandlerFromConfig('okx', { enabled: true, restUrl: endpoints.rest, trading: { apiKeyEnv: 'K', secretEnv: 'S', passwordEnv: 'P', symbols: ['DOGE-EUR'], pollIntervalMs: 1000 } }, { env }),
    ).rejects.toMatchObject({ code: ZVT_ERR_EXECUTION_OPTIONS, message: 'okx lists no spot market for DOGE-EUR' });
  });

  it.each([
    ['bybit', 'BTC-USDT'],
    ['coinbase', 'BTC-USD'],
  ] as const)('%s from venues.<venue> { restUrl, trading } (Coinbase: apiKey the key name, secret the PEM): an IOC order placed and expired there', async (venue, symbol) => {
    const endpoints = simulator.endpoints[venue]!;
    const env = { SIM_KEY: endpoints.apiKey, SIM_SECRET: endpoints.secret };
    const handler = await createVenueOrderEntryHandlerFromConfig(venue, { enabled: true, restUrl: endpoints.rest, trading: { apiKeyEnv: 'SIM_KEY', secretEnv: 'SIM_SECRET', symbols: [symbol], pollIntervalMs: 500 } }, { env });
    try {
      const events: OrderEntryEvent[] = [];
      handler.subscribe((event) => events.push(event));
      handler.place({ owner: 'S1', accountId: 'a1', clientOrderId: 'cfg-1', symbol, side: 'buy', type: 'limit', timeInForce: 'IOC', postOnly: false, quantity: '0.01', price: '1000' });
      await handler.idle();
      expect(events.map((event) => event.kind)).toEqual(['accepted', 'expired']);
      const exchange = simulator.exchange(venue);
      expect(exchange.orderHistory(exchange.accounts[0]!.accountId)).toHaveLength(1);
    } finally {
      await handler.close();
    }
  });
});
