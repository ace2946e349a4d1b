// SimulatorOptions: what startSimulator and `zvt sim` accept, resolved from defaults and validated with exact messages.
import { isZvtError, ZvtError } from '../model/errors.js';
import { ZVT_ERR_SIM_CONFIG } from './errors.js';
import type { SimFaultConfig } from './faults/sim-fault-config.js';
import { validateSimFaultConfig } from './faults/validate-fault-config.js';
import { SIM_VENUES, type SimVenue } from './market/sim-market-types.js';
import type { SimAccountSpec, SimFeeSchedule } from './matching/matching-types.js';
import type { SimRateLimitRule } from './server/sim-dialect.js';

export interface SimulatorOptions {
  /** Seeds the markets, the demo accounts' credentials and the fault layer. Default 1. */
  seed?: number;
  /** Venues to serve. Default: every venue that has a dialect (others are skipped with a warning); naming one without a dialect is an error. */
  venues?: readonly SimVenue[];
  /** Default 127.0.0.1: the simulator is never reachable from elsewhere unless asked. */
  host?: string;
  /** 0 (default): each venue on a free port. N: binance N, okx N+1, bybit N+2, coinbase N+3. */
  portBase?: number;
  /** Simulation step of each exchange, ms (the exchange's default when absent). */
  tickIntervalMs?: number;
  /** Origin of the synthetic market histories, epoch ms (the market's default when absent). */
  originMs?: number;
  /** Fee schedule per venue (the exchange's default when absent). */
  fees?: Partial<Record<SimVenue, SimFeeSchedule>>;
  /** Accounts per venue instead of the one deterministic demo account. */
  accounts?: Partial<Record<SimVenue, readonly SimAccountSpec[]>>;
  /** Rate-limit rule overrides per venue, by the dialect's rule names (`{ binance: { REQUEST_WEIGHT: { limit: 1200 } } }`). */
  rateLimits?: Partial<Record<SimVenue, Readonly<Record<string, Partial<SimRateLimitRule>>>>>;
  /** Faults per venue from the start (SimFaultConfig); changeable at runtime on each server's /__sim/faults. */
  faults?: Partial<Record<SimVenue, SimFaultConfig>>;
}

export interface ResolvedSimulatorOptions {
  readonly seed: number;
  readonly venues: readonly SimVenue[];
  readonly host: string;
  readonly portBase: number;
  readonly tickIntervalMs: number | undefined;
  readonly originMs: number | undefined;
  readonly fees: Partial<Record<SimVenue, SimFeeSchedule>>;
  readonly accounts: Partial<Record<SimVenue, readonly SimAccountSpec[]>>;
  readonly rateLimits: Partial<Record<SimVenue, Readonly<Record<string, Partial<SimRateLimitRule>>>>>;
  readonly faults: Partial<Record<SimVenue, SimFaultConfig>>;
  /** Venues left out because they have no dialect yet (only when venues was not given). */
  readonly warnings: readonly string[];
}

const OPTION_NAMES = ['seed', 'venues', 'host', 'portBase', 'tickIntervalMs', 'originMs', 'fees', 'accounts', 'rateLimits', 'faults'];
const RULE_FIELDS = ['limit', 'windowMs', 'banAfterRefusals', 'banMs', 'countRefused'];
/** The highest port base that leaves room for the four venues' ports. */
const MAX_PORT_BASE = 65_535 - (SIM_VENUES.length - 1);

function fail(path: string, message: string): never {
  throw new ZvtError(ZVT_ERR_SIM_CONFIG, `${path} ${message}`);
}

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value) ?? typeof value;
}

function object(path: string, value: unknown, allowed?: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, `must be an object (got ${show(value)})`);
  const record = value as Record<string, unknown>;
  if (allowed !== undefined) {
    for (const key of Object.keys(record)) if (!allowed.includes(key)) fail(`${path}.${key}`, `is not a known option (allowed: ${allowed.join(', ')})`);
  }
  return record;
}

function integer(path: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) fail(path, `must be an integer in [${min}, ${max}] (got ${show(value)})`);
  return value;
}

function nonEmptyString(path: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') fail(path, `must be a non-empty string (got ${show(value)})`);
  return value;
}

/** A per-venue map: only venue names as keys. */
function perVenue<T>(path: string, value: unknown, each: (path: string, value: unknown) => T): Partial<Record<SimVenue, T>> {
  if (value === undefined) return {};
  const record = object(path, value, SIM_VENUES);
  const result: Partial<Record<SimVenue, T>> = {};
  for (const [venue, entry] of Object.entries(record)) result[venue as SimVenue] = each(`${path}.${venue}`, entry);
  return result;
}

function fees(path: string, value: unknown): SimFeeSchedule {
  const record = object(path, value, ['makerBps', 'takerBps']);
  const bps = (name: string): number => {
    const rate = record[name];
    // A maker rebate is a negative rate; beyond ±10 % is a unit mistake.
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < -1000 || rate > 1000) fail(`${path}.${name}`, `must be a number of basis points in [-1000, 1000] (got ${show(rate)})`);
    return rate;
  };
  return { makerBps: bps('makerBps'), takerBps: bps('takerBps') };
}

function accounts(path: string, value: unknown): readonly SimAccountSpec[] {
  if (!Array.isArray(value) || value.length === 0) fail(path, `must be a non-empty array of accounts (got ${show(value)})`);
  const seen = new Set<string>();
  return (value as unknown[]).map((entry, index) => {
    const where = `${path}[${index}]`;
    const record = object(where, entry, ['accountId', 'apiKey', 'secret', 'passphrase', 'balances']);
    const accountId = nonEmptyString(`${where}.accountId`, record.accountId);
    const apiKey = nonEmptyString(`${where}.apiKey`, record.apiKey);
    if (seen.has(apiKey)) fail(`${where}.apiKey`, `is used by an earlier account (got ${show(apiKey)})`);
    seen.add(apiKey);
    const secret = nonEmptyString(`${where}.secret`, record.secret);
    const passphrase = record.passphrase === null || record.passphrase === undefined ? null : nonEmptyString(`${where}.passphrase`, record.passphrase);
    const balances: Record<string, string> = {};
    for (const [asset, amount] of Object.entries(object(`${where}.balances`, record.balances))) {
      if (typeof amount !== 'string' || !/^\d+(\.\d+)?$/.test(amount)) fail(`${where}.balances.${asset}`, `must be a non-negative decimal string (got ${show(amount)})`);
      balances[asset] = amount;
    }
    return { accountId, apiKey, secret, passphrase, balances };
  });
}

function rateLimits(path: string, value: unknown): Readonly<Record<string, Partial<SimRateLimitRule>>> {
  // Rule names are the dialect's; the dialect factory checks them (mergeRateLimitRules) and the values.
  const rules = object(path, value);
  for (const [name, rule] of Object.entries(rules)) object(`${path}.${name}`, rule, RULE_FIELDS);
  return rules as Readonly<Record<string, Partial<SimRateLimitRule>>>;
}

function faults(path: string, value: unknown): SimFaultConfig {
  try {
    return validateSimFaultConfig(value, path);
  } catch (error: unknown) {
    // One code for everything wrong with the options: the message still names the fault field.
    if (isZvtError(error)) throw new ZvtError(ZVT_ERR_SIM_CONFIG, error.message);
    throw error;
  }
}

/**
 * Options → resolved options, or ZVT_ERR_SIM_CONFIG with a message naming the option
 * (`simulator.portBase must be 0 or an integer in [1024, 65532] (got 80)`). `available` = the
 * venues that have a dialect.
 */
export function resolveSimulatorOptions(options: unknown, available: readonly SimVenue[]): ResolvedSimulatorOptions {
  const root = 'simulator';
  const record = object(root, options ?? {}, OPTION_NAMES);
  const warnings: string[] = [];
  let venues: SimVenue[];
  if (record.venues === undefined) {
    venues = SIM_VENUES.filter((venue) => available.includes(venue));
    for (const venue of SIM_VENUES) if (!available.includes(venue)) warnings.push(`${venue}: no dialect yet, not simulated`);
  } else {
    if (!Array.isArray(record.venues) || record.venues.length === 0) fail(`${root}.venues`, `must be a non-empty array of venues (got ${show(record.venues)})`);
    venues = [];
    (record.venues as unknown[]).forEach((venue, index) => {
      if (typeof venue !== 'string' || !(SIM_VENUES as readonly string[]).includes(venue)) fail(`${root}.venues[${index}]`, `must be one of ${SIM_VENUES.join(', ')} (got ${show(venue)})`);
      const simVenue = venue as SimVenue;
      if (venues.includes(simVenue)) fail(`${root}.venues[${index}]`, `repeats ${simVenue}`);
      if (!available.includes(simVenue)) fail(`${root}.venues[${index}]`, `${simVenue} has no dialect yet (available: ${available.join(', ') || 'none'})`);
      venues.push(simVenue);
    });
  }
  if (venues.length === 0) fail(`${root}.venues`, 'is empty: no venue has a dialect yet');
  const portBase = record.portBase ?? 0;
  if (portBase !== 0 && (typeof portBase !== 'number' || !Number.isSafeInteger(portBase) || portBase < 1024 || portBase > MAX_PORT_BASE)) {
    fail(`${root}.portBase`, `must be 0 or an integer in [1024, ${MAX_PORT_BASE}] (got ${show(portBase)})`);
  }
  return {
    seed: record.seed === undefined ? 1 : integer(`${root}.seed`, record.seed, 0, 0xffff_ffff),
    venues: SIM_VENUES.filter((venue) => venues.includes(venue)),
    host: record.host === undefined ? '127.0.0.1' : nonEmptyString(`${root}.host`, record.host),
    portBase: portBase,
    tickIntervalMs: record.tickIntervalMs === undefined ? undefined : integer(`${root}.tickIntervalMs`, record.tickIntervalMs, 1, 60_000),
    originMs: record.originMs === undefined ? undefined : integer(`${root}.originMs`, record.originMs, 0, Number.MAX_SAFE_INTEGER),
    fees: perVenue(`${root}.fees`, record.fees, fees),
    accounts: perVenue(`${root}.accounts`, record.accounts, accounts),
    rateLimits: perVenue(`${root}.rateLimits`, record.rateLimits, rateLimits),
    faults: perVenue(`${root}.faults`, record.faults, faults),
    warnings,
  };
}

/** The port of `venue` under portBase (0 stays 0: a free port). */
export function simVenuePort(portBase: number, venue: SimVenue): number {
  return portBase === 0 ? 0 : portBase + SIM_VENUES.indexOf(venue);
}
