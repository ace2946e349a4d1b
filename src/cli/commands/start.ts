// `zvt start`: the engine against the real venues (production URLs or the configured ones), recording, with the binary feed, REST (keys from gateway.apiKeys) and the dashboard; order entry (REST, FIX, /v1/orders) when one venue has a trading section.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { ZVT_ERR_EXECUTION_OPTIONS } from '../../actors/execution/errors.js';
import type { MarketDataEngine, VenueEndpoint } from '../../actors/market-data-engine.js';
import { BINANCE_URLS } from '../../actors/venues/binance/urls.js';
import { BYBIT_URLS } from '../../actors/venues/bybit/urls.js';
import { COINBASE_URLS } from '../../actors/venues/coinbase/urls.js';
import { OKX_URLS } from '../../actors/venues/okx/urls.js';
import { resolveApiKeySecrets, type ResolvedApiKeyConfig } from '../../config/api-key-secrets.js';
import type { Config } from '../../config/config-schema.js';
import { createLogger } from '../../config/logger.js';
import type { FeedBridge } from '../../gateway/engine-feed/feed-bridge.js';
import { registerDashboardRoutes } from '../../gateway/dashboard/dashboard-routes.js';
import type { FixCredential } from '../../gateway/fix/fix-logon-signature.js';
import { startLiveGateway, type LiveGateway } from '../../gateway/live/live-gateway.js';
import { createVenueOrderEntryHandlerFromConfig } from '../../gateway/orders/venue-order-entry-from-config.js';
import type { VenueOrderEntryHandler } from '../../gateway/orders/venue-order-entry-handler.js';
import { ZvtError } from '../../model/errors.js';
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
  fixPort: number;
}

/** SenderCompID written to the endpoints file: a suggestion, the API key decides who logs on. */
const START_FIX_SENDER_COMP_ID = 'CLIENT';

/** The one enabled venue with a `trading` section (orders go there), or null; two are refused: one handler serves REST, FIX and /v1/orders. */
function tradingVenueOf(config: Config): VenueId | null {
  const venues = (Object.keys(config.venues) as VenueId[]).filter((venue) => config.venues[venue]?.trading !== undefined && config.venues[venue]?.enabled !== false);
  if (venues.length > 1) throw new ZvtError(ZVT_ERR_EXECUTION_OPTIONS, `venues ${venues.join(' and ')} both have a trading section; zvt start trades on one venue`);
  return venues[0] ?? null;
}

/** Keys allowed to trade sign FIX and /v1/orders Logons too, for their account. */
function tradingCredentials(keys: readonly ResolvedApiKeyConfig[]): (apiKey: string) => FixCredential | undefined {
  const byKey = new Map(keys.filter((key) => key.permissions.includes('trade')).map((key) => [key.keyId, { apiKey: key.keyId, secret: key.secret, accountId: key.accountId }]));
  return (apiKey) => byKey.get(apiKey);
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
      .description('run the engine against the real venues (production URLs, or each configured venue\'s restUrl/wsUrl), recording into the configured store, with the binary feed, the REST API (API keys from gateway.apiKeys in the config) and the dashboard on 127.0.0.1, until SIGINT/SIGTERM. Order entry (REST orders, FIX, /v1/orders) runs when one venue has a trading section (docs/execution.md); otherwise it is off')
      .option('--instruments <list>', 'comma-separated <venue>:<canonical> to subscribe', parseInstruments, parseInstruments(DEFAULT_INSTRUMENTS))
      .option('--port <n>', 'gateway HTTP/feed port (default 0: a free port)', parseInteger(0, 65_535), 0)
      .option('--fix-port <n>', 'FIX acceptor port when a venue trades (default 0: a free port)', parseInteger(0, 65_535), 0)
      .option('--endpoints-json <file>', 'write {http, feed, orders, fix, apiKey: null, apiSecret: null} as JSON once running (fix null without a trading venue)')
      .action(async (options: StartCommandOptions, command: Command) => {
        const config = resolveCommandConfig(command);
        // Before anything connects: a key whose secret variable is unset is a startup refusal.
        const apiKeys = resolveApiKeySecrets(config);
        const tradingVenue = tradingVenueOf(config);
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
        let handler: VenueOrderEntryHandler | null = null;
        try {
          if (tradingVenue !== null) handler = await createVenueOrderEntryHandlerFromConfig(tradingVenue, config.venues[tradingVenue]!, { logger: logger.child({ component: 'execution' }) });
          const credentials = tradingCredentials(apiKeys);
          const fixDirectory = join(config.dataDir, 'fix', 'start');
          if (handler !== null) mkdirSync(fixDirectory, { recursive: true });
          const started = await startEngineAndFeed(endpoints, config, logger, false);
          engine = started.engine;
          bridge = started.bridge;
          gateway = await startLiveGateway({
            engine: started.engine,
            hub: started.hub,
            bridge: started.bridge,
            store: started.engine.storeClient()!,
            // Without a trading venue REST order routes answer 503 ZVT_ERR_REST_ORDERS_UNAVAILABLE and FIX and /v1/orders are off.
            orders: handler,
            orderVenue: tradingVenue ?? endpoints[0]?.venue ?? 'binance',
            auth: { keys: apiKeys },
            auditJournalDir: auditJournalDirectoryOf(config),
            port: options.port,
            fix: handler === null ? null : { handler, credentials, storeDirectory: fixDirectory, port: options.fixPort, logger: logger.child({ component: 'fix' }) },
            mountMore: (app) => void registerDashboardRoutes(app),
            app: { orders: handler === null ? null : { handler, credentials, logger: logger.child({ component: 'orders-ws' }) } },
            logger,
          });
          const app = gateway.app;
          const fix = app.fix === null ? null : { host: app.fix.host, port: app.fix.port, senderCompId: START_FIX_SENDER_COMP_ID, targetCompId: app.fix.compId };
          const file: GatewayEndpointsFile = { http: app.httpUrl, feed: app.feedUrl, orders: app.ordersUrl, fix, apiKey: null, apiSecret: null };
          write(`zvt start: ${endpoints.map((endpoint) => `${endpoint.venue} (${endpoint.canonicals.join(', ')})`).join('; ')}; recording into ${config.store}\n`);
          write(`  http   ${file.http}  (REST /v1/... with ${apiKeys.length} API key(s) from gateway.apiKeys, /healthz, /readyz, /metrics; dashboard ${file.http}/dashboard/)\n  feed   ${file.feed}\n`);
          if (fix === null) write(`  orders disabled: no venue has a trading section (REST order routes answer 503, FIX and /v1/orders are off; \`zvt demo\` trades against the simulator)\n`);
          else write(`  orders ${file.orders}  (binary order entry)\n  fix    ${fix.host}:${fix.port}  TargetCompID ${fix.targetCompId}; Logon signed with an API key that has the trade permission\n  orders from REST, FIX and /v1/orders trade on ${tradingVenue!} (live account: real money)\n`);
          if (options.endpointsJson !== undefined) writeJsonAtomically(options.endpointsJson, file);
          const signal = await stopped;
          write(`zvt start: ${signal}, stopping\n`);
        } finally {
          await stopEngineAndGateway(gateway, bridge, engine, write);
          // Stops polling; orders stay on the venue as they are.
          await handler?.close();
        }
      });
  },
};
