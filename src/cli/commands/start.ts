// `zvt start`: the engine against the real venues (production URLs or the configured ones), recording, with the binary feed, REST (keys from gateway.apiKeys) and the dashboard; order entry stays off until a live execution path exists.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { MarketDataEngine, VenueEndpoint } from '../../actors/market-data-engine.js';
import { BINANCE_URLS } from '../../actors/venues/binance/urls.js';
import { BYBIT_URLS } from '../../actors/venues/bybit/urls.js';
import { COINBASE_URLS } from '../../actors/venues/coinbase/urls.js';
import { OKX_URLS } from '../../actors/venues/okx/urls.js';
import { resolveApiKeySecrets } from '../../config/api-key-secrets.js';
import { createLogger } from '../../config/logger.js';
import type { FeedBridge } from '../../gateway/engine-feed/feed-bridge.js';
import { registerDashboardRoutes } from '../../gateway/dashboard/dashboard-routes.js';
import { startLiveGateway, type LiveGateway } from '../../gateway/live/live-gateway.js';
import { parseCanonicalSymbol } from '../../model/symbol.js';
import type { VenueId } from '../../model/venue.js';
import type { CliCommand } from '../cli-command.js';
import { resolveCommandConfig } from '../resolve-command-config.js';
import { auditJournalDirectoryOf, parseInteger, startEngineAndFeed, stopEngineAndGateway, untilSignal, writeJsonAtomically, type GatewayEndpointsFile } from './demo.js';

/** Production base URLs of the venues `zvt start` can connect to (a venue's config restUrl/wsUrl override them). */
const PRODUCTION_URLS: Partial<Record<VenueId, { rest: string; ws: string }>> = {
  binance: { rest: BINANCE_URLS.restBaseUrl, ws: BINANCE_URLS.webSocketBaseUrl },
  okx: { rest: OKX_URLS.restBaseUrl, ws: OKX_URLS.webSocketBaseUrl },
  bybit: { rest: BYBIT_URLS.restBaseUrl, ws: BYBIT_URLS.webSocketBaseUrl },
  coinbase: { rest: COINBASE_URLS.restBaseUrl, ws: COINBASE_URLS.webSocketBaseUrl },
};

const DEFAULT_INSTRUMENTS = 'binance:BTC-USDT,okx:BTC-USDT,bybit:BTC-USDT,coinbase:BTC-USD';

interface StartCommandOptions {
  instruments: Map<VenueId, string[]>;
  endpointsJson?: string;
  port: number;
}

function parseInstruments(value: string): Map<VenueId, string[]> {
  const byVenue = new Map<VenueId, string[]>();
  for (const item of value.split(',').map((entry) => entry.trim())) {
    const [venue, canonical] = item.split(':');
    if (venue === undefined || canonical === undefined || PRODUCTION_URLS[venue as VenueId] === undefined) throw new InvalidArgumentError(`"${item}" is not <venue>:<canonical> with venue one of ${Object.keys(PRODUCTION_URLS).join(', ')}.`);
    parseCanonicalSymbol(canonical);
    byVenue.set(venue as VenueId, [...(byVenue.get(venue as VenueId) ?? []), canonical]);
  }
  return byVenue;
}

export const startCommand: CliCommand = {
  name: 'start',
  requiresNativeUws: true,
  register(program: Command): Command {
    return program
      .command(this.name)
      .description('run the engine against the real venues (production URLs, or each configured venue\'s restUrl/wsUrl), recording into the configured store, with the binary feed, the REST API (API keys from gateway.apiKeys in the config) and the dashboard on 127.0.0.1, until SIGINT/SIGTERM. Order entry (FIX, REST orders) is disabled: no live execution path exists yet (use `zvt demo` to trade against the simulator)')
      .option('--instruments <list>', 'comma-separated <venue>:<canonical> to subscribe', parseInstruments, parseInstruments(DEFAULT_INSTRUMENTS))
      .option('--port <n>', 'gateway HTTP/feed port (default 0: a free port)', parseInteger(0, 65_535), 0)
      .option('--endpoints-json <file>', 'write {http, feed, orders, fix: null, apiKey: null, apiSecret: null} as JSON once running')
      .action(async (options: StartCommandOptions, command: Command) => {
        const config = resolveCommandConfig(command);
        // Before anything connects: a key whose secret variable is unset is a startup refusal.
        const apiKeys = resolveApiKeySecrets(config);
        const logger = createLogger(config, { component: 'start' });
        const write = (line: string): void => void process.stdout.write(line);
        const endpoints: VenueEndpoint[] = [];
        for (const [venue, canonicals] of options.instruments) {
          const configured = config.venues[venue];
          if (configured?.enabled === false) continue;
          const urls = PRODUCTION_URLS[venue]!;
          endpoints.push({ venue, restBaseUrl: configured?.restUrl ?? urls.rest, wsBaseUrl: configured?.wsUrl ?? urls.ws, canonicals });
        }
        const stopped = untilSignal();
        let engine: MarketDataEngine | null = null;
        let bridge: FeedBridge | null = null;
        let gateway: LiveGateway | null = null;
        try {
          const started = await startEngineAndFeed(endpoints, config, logger, false);
          engine = started.engine;
          bridge = started.bridge;
          gateway = await startLiveGateway({
            engine: started.engine,
            hub: started.hub,
            bridge: started.bridge,
            store: started.engine.storeClient()!,
            // No live execution path yet: REST order routes answer 503 ZVT_ERR_REST_ORDERS_UNAVAILABLE, FIX is off.
            orders: null,
            orderVenue: endpoints[0]?.venue ?? 'binance',
            auth: { keys: apiKeys },
            auditJournalDir: auditJournalDirectoryOf(config),
            port: options.port,
            fix: null,
            mountMore: (app) => void registerDashboardRoutes(app),
            logger,
          });
          const app = gateway.app;
          const file: GatewayEndpointsFile = { http: app.httpUrl, feed: app.feedUrl, orders: app.ordersUrl, fix: null, apiKey: null, apiSecret: null };
          write(`zvt start: ${endpoints.map((endpoint) => `${endpoint.venue} (${endpoint.canonicals.join(', ')})`).join('; ')}; recording into ${config.store}\n`);
          write(`  http   ${file.http}  (REST /v1/... with ${apiKeys.length} API key(s) from gateway.apiKeys, /healthz, /readyz, /metrics; dashboard ${file.http}/dashboard/)\n  feed   ${file.feed}\n  orders disabled: no live execution path yet (FIX is off, REST order routes answer 503; \`zvt demo\` trades against the simulator)\n`);
          if (options.endpointsJson !== undefined) writeJsonAtomically(options.endpointsJson, file);
          const signal = await stopped;
          write(`zvt start: ${signal}, stopping\n`);
        } finally {
          await stopEngineAndGateway(gateway, bridge, engine, write);
        }
      });
  },
};
