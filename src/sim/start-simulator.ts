// Starts the exchange simulator: per venue a SimExchange, its dialect and a SimServer on 127.0.0.1, with the endpoints a client needs.
import { ZvtError } from '../model/errors.js';
import { SIM_DIALECT_FACTORIES } from './dialects.js';
import { ZVT_ERR_SIM_CONFIG } from './errors.js';
import { createSimExchange } from './exchange/sim-exchange.js';
import type { SimExchange } from './exchange/sim-exchange-contract.js';
import { SIM_VENUES, type SimVenue } from './market/sim-market-types.js';
import { SimServer } from './server/sim-server.js';
import { resolveSimulatorOptions, simVenuePort, type ResolvedSimulatorOptions, type SimulatorOptions } from './sim-config.js';

/** Where a client reaches one simulated venue, and the demo account to trade with (ccxt's field names). */
export interface SimVenueEndpoints {
  /** REST base URL (`http://127.0.0.1:<port>`): replaces the venue's https base. */
  readonly rest: string;
  /** Public WebSocket base URL (`ws://127.0.0.1:<port>`): the venue's paths are appended as usual. */
  readonly ws: string;
  /** The private (account) WebSocket URL: Binance the base (listen-key streams), OKX /ws/v5/private, Bybit /v5/private, Coinbase the base. */
  readonly wsPrivate: string;
  readonly apiKey: string;
  readonly secret: string;
  /** OKX's passphrase (ccxt `password`); absent for venues without one. */
  readonly password?: string;
}

export interface RunningSimulator {
  /** The venues being served, in SIM_VENUES order. */
  readonly venues: readonly SimVenue[];
  readonly endpoints: Readonly<Partial<Record<SimVenue, SimVenueEndpoints>>>;
  /** Venues skipped because they have no dialect yet (only when venues was not given). */
  readonly warnings: readonly string[];
  readonly options: ResolvedSimulatorOptions;
  exchange(venue: SimVenue): SimExchange;
  server(venue: SimVenue): SimServer;
  /** Stops the exchanges' timers, the servers (sessions closed 1001) and the dialects. Idempotent. */
  close(): Promise<void>;
}

/** The venue's usual private WebSocket path when its dialect does not name one (SimDialect.privateWebSocketPath). */
const DEFAULT_PRIVATE_WS_PATHS: Readonly<Record<SimVenue, string>> = {
  binance: '',
  okx: '/ws/v5/private',
  bybit: '/v5/private',
  coinbase: '',
};

interface VenueRuntime {
  readonly exchange: SimExchange;
  readonly server: SimServer;
}

function availableVenues(): SimVenue[] {
  return SIM_VENUES.filter((venue) => SIM_DIALECT_FACTORIES[venue] !== undefined);
}

async function startVenue(venue: SimVenue, options: ResolvedSimulatorOptions): Promise<VenueRuntime> {
  const factory = SIM_DIALECT_FACTORIES[venue];
  if (factory === undefined) throw new ZvtError(ZVT_ERR_SIM_CONFIG, `simulator: ${venue} has no dialect`);
  const accounts = options.accounts[venue];
  const fees = options.fees[venue];
  const exchange = createSimExchange({
    venue,
    seed: options.seed,
    ...(accounts === undefined ? {} : { accounts }),
    ...(fees === undefined ? {} : { fees }),
    ...(options.tickIntervalMs === undefined ? {} : { tickIntervalMs: options.tickIntervalMs }),
    ...(options.originMs === undefined ? {} : { originMs: options.originMs }),
  });
  const rateLimits = options.rateLimits[venue];
  const dialect = factory(exchange, rateLimits === undefined ? {} : { rateLimits });
  let server: SimServer;
  try {
    server = await SimServer.start(dialect, { host: options.host, port: simVenuePort(options.portBase, venue), faults: options.faults[venue], seed: options.seed });
  } catch (error: unknown) {
    dialect.close();
    throw error;
  }
  exchange.start();
  return { exchange, server };
}

function endpointsOf(venue: SimVenue, runtime: VenueRuntime): SimVenueEndpoints {
  const account = runtime.exchange.accounts[0];
  if (account === undefined) throw new ZvtError(ZVT_ERR_SIM_CONFIG, `simulator: ${venue} has no account`);
  const privatePath = runtime.server.dialect.privateWebSocketPath ?? DEFAULT_PRIVATE_WS_PATHS[venue];
  return {
    rest: runtime.server.restUrl,
    ws: runtime.server.wsUrl,
    wsPrivate: `${runtime.server.wsUrl}${privatePath}`,
    apiKey: account.apiKey,
    secret: account.secret,
    ...(account.passphrase === null ? {} : { password: account.passphrase }),
  };
}

async function stopVenue(runtime: VenueRuntime): Promise<void> {
  runtime.exchange.stop();
  await runtime.server.close();
}

/**
 * Validates the options (ZVT_ERR_SIM_CONFIG), then starts each venue: exchange, dialect, server,
 * the exchange's clock. A venue that fails to start stops the ones already running and the error
 * is thrown (a port in use: ZVT_ERR_SIM_SERVER).
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const resolved = resolveSimulatorOptions(options, availableVenues());
  const runtimes = new Map<SimVenue, VenueRuntime>();
  try {
    for (const venue of resolved.venues) runtimes.set(venue, await startVenue(venue, resolved));
  } catch (error: unknown) {
    await Promise.all([...runtimes.values()].map(stopVenue));
    throw error;
  }
  const endpoints: Partial<Record<SimVenue, SimVenueEndpoints>> = {};
  for (const [venue, runtime] of runtimes) endpoints[venue] = endpointsOf(venue, runtime);
  const runtimeOf = (venue: SimVenue): VenueRuntime => {
    const runtime = runtimes.get(venue);
    if (runtime === undefined) throw new ZvtError(ZVT_ERR_SIM_CONFIG, `simulator: ${venue} is not running (running: ${resolved.venues.join(', ')})`);
    return runtime;
  };
  let closing: Promise<void> | null = null;
  return {
    venues: resolved.venues,
    endpoints,
    warnings: resolved.warnings,
    options: resolved,
    exchange: (venue) => runtimeOf(venue).exchange,
    server: (venue) => runtimeOf(venue).server,
    close: () => (closing ??= Promise.all([...runtimes.values()].map(stopVenue)).then(() => undefined)),
  };
}
