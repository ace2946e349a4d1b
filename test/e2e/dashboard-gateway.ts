// Test harness: the demo's engine in this process (simulator, engine recording into DuckDB, FeedBridge, startLiveGateway with REST, the dashboard and orders on the simulated binance), for when the built `zvt demo` cannot run.
import { join } from 'node:path';
import { MarketDataEngine, type VenueEndpoint } from '../../src/actors/market-data-engine.js';
import { createLogger } from '../../src/config/logger.js';
import { registerDashboardRoutes } from '../../src/gateway/dashboard/dashboard-routes.js';
import { FeedBridge } from '../../src/gateway/engine-feed/feed-bridge.js';
import { FeedHub } from '../../src/gateway/feed/feed-hub.js';
import { startLiveGateway, type LiveGateway } from '../../src/gateway/live/live-gateway.js';
import { createSimOrderEntryHandler, type SimOrderEntryHandler } from '../../src/gateway/orders/sim-order-entry-handler.js';
import { simListings } from '../../src/sim/market/sim-catalog.js';
import { startSimulator } from '../../src/sim/start-simulator.js';
import { testConfig } from '../helpers/test-config.js';

/** As in `zvt demo`: orders from REST trade on the simulated binance with its demo account's key. */
const ORDER_VENUE = 'binance';

export interface DashboardGateway {
  readonly http: string;
  readonly feed: string;
  /** Every venue instrument the engine subscribes (`<venue>:<canonical>`). */
  readonly venueInstruments: readonly string[];
  /** The REST key with read and trade permission (the simulated binance demo account's, as `zvt demo` prints). */
  readonly apiKey: string;
  readonly apiSecret: string;
  close(): Promise<void>;
}

/** Same venues and listings as `zvt demo` (the first 3 listings of each simulated venue); files under `directory`. */
export async function startDashboardGateway(seed: number, directory: string): Promise<DashboardGateway> {
  const config = testConfig({ log: { level: 'error' } });
  const logger = createLogger(config, { component: 'dashboard-test' });
  const simulator = await startSimulator({ seed });
  const exchange = simulator.exchange(ORDER_VENUE);
  const handler: SimOrderEntryHandler = createSimOrderEntryHandler({ exchange });
  let engine: MarketDataEngine | null = null;
  let bridge: FeedBridge | null = null;
  let gateway: LiveGateway | null = null;
  try {
    const endpoints: VenueEndpoint[] = simulator.venues.map((venue) => ({
      venue,
      restBaseUrl: simulator.endpoints[venue]!.rest,
      wsBaseUrl: simulator.endpoints[venue]!.ws,
      canonicals: simListings(venue).slice(0, 3).map((listing) => listing.instrument.canonical),
    }));
    engine = await MarketDataEngine.start({
      endpoints,
      config,
      logger,
      replay: true,
      recorder: { store: `duckdb:${join(directory, 'in-process.duckdb')}`, journalDir: join(directory, 'journal') },
      gateway: true,
    });
    const hub = new FeedHub();
    bridge = new FeedBridge(engine, hub);
    bridge.start();
    const demo = simulator.endpoints[ORDER_VENUE]!;
    const account = exchange.accounts.find((candidate) => candidate.apiKey === demo.apiKey)!;
    gateway = await startLiveGateway({
      engine,
      hub,
      bridge,
      store: engine.storeClient()!,
      orders: handler,
      orderVenue: ORDER_VENUE,
      balances: exchange,
      auth: { keys: [{ keyId: demo.apiKey, secret: demo.secret, accountId: account.accountId, permissions: ['read', 'trade'] }] },
      auditJournalDir: join(directory, 'audit-journal'),
      mountMore: (app) => void registerDashboardRoutes(app),
      logger,
    });
    const running = { engine, bridge, gateway };
    return {
      http: gateway.app.httpUrl,
      feed: gateway.app.feedUrl,
      venueInstruments: endpoints.flatMap((endpoint) => endpoint.canonicals.map((canonical) => `${endpoint.venue}:${canonical}`)),
      apiKey: demo.apiKey,
      apiSecret: demo.secret,
      async close() {
        await running.gateway.close();
        running.bridge.stop();
        await running.engine.flushRecorder(30_000);
        await running.engine.stop();
        handler.close();
        await simulator.close();
      },
    };
  } catch (error: unknown) {
    await gateway?.close();
    bridge?.stop();
    await engine?.stop();
    handler.close();
    await simulator.close();
    throw error;
  }
}
