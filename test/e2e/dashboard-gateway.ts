// Test harness: the demo's engine in this process (simulator, engine, FeedBridge, GatewayApp) with the dashboard and a /metrics route mounted, for when the built `zvt demo` serves neither.
import type { TemplatedApp } from 'uWebSockets.js';
import { MarketDataEngine, type VenueEndpoint } from '../../src/actors/market-data-engine.js';
import { createLogger } from '../../src/config/logger.js';
import { registerDashboardRoutes } from '../../src/gateway/dashboard/dashboard-routes.js';
import { FeedBridge } from '../../src/gateway/engine-feed/feed-bridge.js';
import { FeedHub } from '../../src/gateway/feed/feed-hub.js';
import { GatewayApp } from '../../src/gateway/gateway-app.js';
import { feedHubCounterSource, venueStatsCounterSource } from '../../src/gateway/metrics/engine-counter-sources.js';
import { GatewayMetrics } from '../../src/gateway/metrics/gateway-metrics.js';
import { simListings } from '../../src/sim/market/sim-catalog.js';
import { startSimulator } from '../../src/sim/start-simulator.js';
import { testConfig } from '../helpers/test-config.js';

export interface DashboardGateway {
  readonly http: string;
  readonly feed: string;
  /** Every venue instrument the engine subscribes (`<venue>:<canonical>`). */
  readonly venueInstruments: readonly string[];
  close(): Promise<void>;
}

/** Same venues and listings as `zvt demo` (the first 3 listings of each simulated venue). */
export async function startDashboardGateway(seed: number): Promise<DashboardGateway> {
  const config = testConfig({ log: { level: 'error' } });
  const logger = createLogger(config, { component: 'dashboard-test' });
  const simulator = await startSimulator({ seed });
  let engine: MarketDataEngine | null = null;
  let bridge: FeedBridge | null = null;
  let gateway: GatewayApp | null = null;
  try {
    const endpoints: VenueEndpoint[] = simulator.venues.map((venue) => ({
      venue,
      restBaseUrl: simulator.endpoints[venue]!.rest,
      wsBaseUrl: simulator.endpoints[venue]!.ws,
      canonicals: simListings(venue).slice(0, 3).map((listing) => listing.instrument.canonical),
    }));
    engine = await MarketDataEngine.start({ endpoints, config, logger, replay: true, gateway: true });
    const hub = new FeedHub();
    bridge = new FeedBridge(engine, hub);
    bridge.start();
    const metrics = new GatewayMetrics();
    metrics.addCounterSource(feedHubCounterSource(hub));
    metrics.addCounterSource(venueStatsCounterSource(venueStatsOf(engine)));
    gateway = await GatewayApp.start({
      hub,
      mountRest: (app) => {
        registerDashboardRoutes(app);
        mountMetrics(app, metrics);
      },
      logger,
    });
    const running = { engine, bridge, gateway };
    return {
      http: gateway.httpUrl,
      feed: gateway.feedUrl,
      venueInstruments: endpoints.flatMap((endpoint) => endpoint.canonicals.map((canonical) => `${endpoint.venue}:${canonical}`)),
      async close() {
        await running.gateway.close();
        running.bridge.stop();
        await running.engine.stop();
        await simulator.close();
      },
    };
  } catch (error: unknown) {
    await gateway?.close();
    bridge?.stop();
    await engine?.stop();
    await simulator.close();
    throw error;
  }
}

/** MarketDataEngine.venueStats() as the metrics source wants it (its counters as plain number records). */
function venueStatsOf(engine: MarketDataEngine): { venueStats(): Promise<{ venue: string; feed: Record<string, number>; records: Record<string, number> }[]> } {
  const numbers = (value: object): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [key, field] of Object.entries(value) as [string, unknown][]) if (typeof field === 'number') out[key] = field;
    return out;
  };
  return { venueStats: async () => (await engine.venueStats()).map((stats) => ({ venue: stats.venue, feed: numbers(stats.feed), records: numbers(stats.records) })) };
}

/** GET /metrics as the REST API serves it (docs/rest.md), without the rest of REST. */
function mountMetrics(app: TemplatedApp, metrics: GatewayMetrics): void {
  app.get('/metrics', (response) => {
    let aborted = false;
    response.onAborted(() => (aborted = true));
    void metrics.render().then((text) => {
      if (!aborted) response.cork(() => response.writeHeader('content-type', metrics.contentType).end(text));
    });
  });
}
