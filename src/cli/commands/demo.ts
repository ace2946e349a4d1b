// `zvt demo`: the whole engine offline in one command: simulator (4 venues), market-data engine with recorder, gateway (feed, REST, dashboard, FIX) trading on the same simulated exchange.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { MarketDataEngine, type VenueEndpoint } from '../../actors/market-data-engine.js';
import type { Config } from '../../config/config-schema.js';
import { createLogger, type Logger } from '../../config/logger.js';
import { FeedBridge } from '../../gateway/engine-feed/feed-bridge.js';
import { FeedHub } from '../../gateway/feed/feed-hub.js';
import type { FixCredential } from '../../gateway/fix/fix-logon-signature.js';
import { registerDashboardRoutes } from '../../gateway/dashboard/dashboard-routes.js';
import { startLiveGateway, type LiveGateway } from '../../gateway/live/live-gateway.js';
import { createSimOrderEntryHandler } from '../../gateway/orders/sim-order-entry-handler.js';
import { simListings } from '../../sim/market/sim-catalog.js';
import { startSimulator } from '../../sim/start-simulator.js';
import { journalDirectoryOf } from '../../store/journal/journal-directory.js';
import type { CliCommand } from '../cli-command.js';
import { resolveCommandConfig } from '../resolve-command-config.js';

/** Canonicals per venue the demo subscribes (the first listings of each simulated venue). */
const DEMO_CANONICALS_PER_VENUE = 3;
/** The venue orders (REST, FIX, /v1/orders) go to: its simulated exchange is also one of the feed's sources. */
const DEMO_ORDER_VENUE = 'binance';
export const DEMO_FIX_SENDER_COMP_ID = 'DEMO';

interface DemoCommandOptions {
  seed: number;
  endpointsJson?: string;
  portBase: number;
}

/** What `--endpoints-json` holds (docs/demo.md). */
export interface GatewayEndpointsFile {
  http: string;
  feed: string;
  /** The /v1/orders WebSocket URL (binary order entry, docs/orders.md); `zvt start` serves it only with a live execution path. */
  orders: string;
  fix: { host: string; port: number; senderCompId: string; targetCompId: string } | null;
  apiKey: string | null;
  apiSecret: string | null;
}

export function parseInteger(min: number, max: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max) throw new InvalidArgumentError(`must be an integer in [${min}, ${max}].`);
    return number;
  };
}

/** Written whole under a temporary name and renamed: a reader waiting for the file never sees half of it. */
export function writeJsonAtomically(file: string, value: unknown): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, file);
}

export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The engine with its recorder into the configured store and the gateway rings, plus the bridge feeding a hub. */
export async function startEngineAndFeed(endpoints: readonly VenueEndpoint[], config: Config, logger: Logger, replay: boolean): Promise<{ engine: MarketDataEngine; hub: FeedHub; bridge: FeedBridge }> {
  const engine = await MarketDataEngine.start({
    endpoints,
    config,
    logger,
    replay,
    recorder: { store: config.store, journalDir: journalDirectoryOf(config.dataDir, config.store) },
    gateway: true,
  });
  const hub = new FeedHub();
  const bridge = new FeedBridge(engine, hub);
  bridge.start();
  return { engine, hub, bridge };
}

/** Where the gateway journals audit rows the store has not confirmed: beside the recorder's journal of the same store. */
export function auditJournalDirectoryOf(config: Config): string {
  return `${journalDirectoryOf(config.dataDir, config.store)}-audit`;
}

/** Shutdown order: gateway (FIX logouts, feed sockets, audit rows through the recorder), bridge, recorder flush, engine. */
export async function stopEngineAndGateway(gateway: LiveGateway | null, bridge: FeedBridge | null, engine: MarketDataEngine | null, write: (line: string) => void): Promise<void> {
  await gateway?.close();
  bridge?.stop();
  if (engine !== null) {
    const flushed = await engine.flushRecorder(30_000);
    if (flushed !== null) {
      const { records, writer } = flushed.stats;
      write(`recorder flushed into ${flushed.stats.store}: ${records.trades} trades, ${records.quotes} quotes, ${flushed.stats.candles.closed} closed candles; ${writer.writtenRows} rows confirmed${flushed.done ? '' : ' (NOT all confirmed in time: the rest is in the journal)'}\n`);
    }
    await engine.stop();
  }
}

export const demoCommand: CliCommand = {
  name: 'demo',
  requiresNativeUws: true,
  register(program: Command): Command {
    return program
      .command(this.name)
      .description('run everything offline: the exchange simulator (binance, okx, bybit, coinbase), the market-data engine recording into the configured store (or --store), the binary feed, the REST API (/v1/..., /readyz, /metrics), the dashboard, binary order entry (/v1/orders) and a FIX 4.4 acceptor; orders from REST, FIX and /v1/orders trade on the simulated binance, until SIGINT/SIGTERM')
      .option('--seed <n>', 'seed of the simulated markets and of the demo API key/secret', parseInteger(0, 0xffff_ffff), 1)
      .option('--endpoints-json <file>', 'write {http, feed, orders, fix, apiKey, apiSecret} as JSON to this file once everything runs')
      .option('--port-base <n>', 'simulator venues on n..n+3, gateway HTTP/feed on n+4, FIX on n+5 (default 0: free ports)', parseInteger(0, 65_530), 0)
      .action(async (options: DemoCommandOptions, command: Command) => {
        const config = resolveCommandConfig(command);
        const logger = createLogger(config, { component: 'demo' });
        const write = (line: string): void => void process.stdout.write(line);
        const stopped = untilSignal();
        const simulator = await startSimulator({ seed: options.seed, portBase: options.portBase });
        let engine: MarketDataEngine | null = null;
        let bridge: FeedBridge | null = null;
        let gateway: LiveGateway | null = null;
        const exchange = simulator.exchange(DEMO_ORDER_VENUE);
        const handler = createSimOrderEntryHandler({ exchange });
        try {
          const endpoints: VenueEndpoint[] = simulator.venues.map((venue) => ({
            venue,
            restBaseUrl: simulator.endpoints[venue]!.rest,
            wsBaseUrl: simulator.endpoints[venue]!.ws,
            canonicals: simListings(venue).slice(0, DEMO_CANONICALS_PER_VENUE).map((listing) => listing.instrument.canonical),
          }));
          const started = await startEngineAndFeed(endpoints, config, logger, true);
          engine = started.engine;
          bridge = started.bridge;
          const hub = started.hub;
          // The demo key is the simulated binance demo account's (deterministic from --seed, simDemoAccounts).
          const demo = simulator.endpoints[DEMO_ORDER_VENUE]!;
          const account = exchange.accounts.find((candidate) => candidate.apiKey === demo.apiKey)!;
          const credential: FixCredential = { apiKey: demo.apiKey, secret: demo.secret, accountId: account.accountId };
          const fixDirectory = join(config.dataDir, 'fix', 'demo');
          mkdirSync(fixDirectory, { recursive: true });
          gateway = await startLiveGateway({
            engine,
            hub,
            bridge,
            // REST reads and ingests through the recorder: the DuckDB file has one writer.
            store: engine.storeClient()!,
            orders: handler,
            orderVenue: DEMO_ORDER_VENUE,
            balances: exchange,
            // The demo key may do everything REST offers: read, trade, ingest.
            auth: { keys: [{ keyId: credential.apiKey, secret: credential.secret, accountId: credential.accountId, permissions: ['read', 'trade', 'ingest'] }] },
            auditJournalDir: auditJournalDirectoryOf(config),
            port: options.portBase === 0 ? 0 : options.portBase + 4,
            fix: { handler, credentials: (apiKey) => (apiKey === credential.apiKey ? credential : undefined), storeDirectory: fixDirectory, port: options.portBase === 0 ? 0 : options.portBase + 5, logger: logger.child({ component: 'fix' }) },
            mountMore: (app) => void registerDashboardRoutes(app),
            // Binary order entry: the same handler and the same credential (its Logon is signed like FIX's).
            app: { orders: { handler, credentials: (apiKey) => (apiKey === credential.apiKey ? credential : undefined), logger: logger.child({ component: 'orders-ws' }) } },
            logger,
          });
          const app = gateway.app;
          const fix = app.fix!;
          const file: GatewayEndpointsFile = {
            http: app.httpUrl,
            feed: app.feedUrl,
            orders: app.ordersUrl,
            fix: { host: fix.host, port: fix.port, senderCompId: DEMO_FIX_SENDER_COMP_ID, targetCompId: fix.compId },
            apiKey: demo.apiKey,
            apiSecret: demo.secret,
          };
          write(`zvt demo: seed ${options.seed}; venues ${simulator.venues.join(', ')}; recording into ${config.store}\n`);
          for (const endpoint of endpoints) write(`  ${endpoint.venue.padEnd(9)} ${endpoint.canonicals.join(', ')}  (simulator ${endpoint.restBaseUrl})\n`);
          write(`  http       ${file.http}  (REST /v1/..., /healthz, /readyz, /metrics; dashboard ${file.http}/dashboard/)\n`);
          write(`  feed       ${file.feed}  (topics book|bbo|trades|status.<venue>:<canonical> and .all:<canonical>)\n`);
          write(`  orders     ${file.orders}  (binary order entry, docs/orders.md; orders fill on the simulated ${DEMO_ORDER_VENUE})\n`);
          write(`  fix        ${fix.host}:${fix.port}  SenderCompID ${DEMO_FIX_SENDER_COMP_ID} (any), TargetCompID ${fix.compId}; orders fill on the simulated ${DEMO_ORDER_VENUE}\n`);
          write(`  apiKey     ${demo.apiKey}\n  apiSecret  ${demo.secret}  (FIX Logon, and REST signing: permissions read, trade, ingest)\n`);
          if (options.endpointsJson !== undefined) writeJsonAtomically(options.endpointsJson, file);
          const signal = await stopped;
          write(`zvt demo: ${signal}, stopping\n`);
        } finally {
          await stopEngineAndGateway(gateway, bridge, engine, write);
          handler.close();
          await simulator.close();
        }
      });
  },
};
