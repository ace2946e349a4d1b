// The zod schema of the whole engine configuration: one rule message per key, strict objects so typos fail.
import * as z from 'zod';
import { VENUE_IDS, type VenueId } from '../model/venue.js';
import type { DeepReadonly } from './deep-readonly.js';
import { venueTradingSchema } from './trading-schema.js';

/*
 * How to add a section: add its schema below and to `configSchema`, its defaults to CONFIG_DEFAULTS
 * (config-defaults.ts), any environment variable to ENVIRONMENT_BINDINGS (environment-bindings.ts),
 * any global flag to CONFIG_FLAG_BINDINGS (config-flags.ts), and a row to docs/configuration.md.
 *
 * Every leaf carries exactly one human rule ("must be ...") used for every way it can fail (wrong
 * type, out of range, bad format), fastify/piscina style; formatConfigIssues adds the path and the
 * offending value. Keep the rule text stable: tests and operators' runbooks quote it.
 */

/** pino levels plus 'silent', most to least severe. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Which hot-path implementation to run: the native N-API twin, the TypeScript one, or native when it loads. */
export const HOTPATH_MODES = ['auto', 'native', 'ts'] as const;
export type HotpathMode = (typeof HOTPATH_MODES)[number];

export const MAILBOX_CAPACITY_MIN_BYTES = 4096;
export const MAILBOX_CAPACITY_MAX_BYTES = 1_073_741_824;

/** The rule texts, exported so tests and docs quote the same strings the loader prints. */
export const CONFIG_RULES = {
  dataDir: 'must be a non-empty string',
  logLevel: `must be one of ${LOG_LEVELS.join(', ')}`,
  hotpath: `must be one of ${HOTPATH_MODES.join(', ')}`,
  store:
    'must be "duckdb:<path>" or "questdb:<client config string>" with protocol http, https, tcp or tcps ' +
    '(e.g. "questdb:http::addr=localhost:9000;")',
  capacityBytes: `must be a power of two between ${MAILBOX_CAPACITY_MIN_BYTES} and ${MAILBOX_CAPACITY_MAX_BYTES}`,
  nonNegativeInteger: 'must be an integer >= 0',
  positiveInteger: 'must be an integer >= 1',
  parkTimeoutMs: 'must be an integer between 1 and 60000',
  actorId: 'must be an actor id such as "recorder", "venue:binance" or "instrument:BTC-USDT"',
  workerName: 'must be a worker name: lowercase letters, digits and dashes, starting with a letter (e.g. "main-worker")',
  boolean: 'must be true or false',
  httpUrl: 'must be an http:// or https:// URL',
  wsUrl: 'must be a ws:// or wss:// URL',
  backoffMaxMs: 'must be >= runtime.supervisor.backoffInitialMs',
  apiKeyId: 'must be 1 to 64 characters of A-Z a-z 0-9 _ . -, unique among gateway.apiKeys',
  secretEnv: 'must be the name of an environment variable (letters, digits, _; not starting with a digit)',
  accountId: 'must be a non-empty string',
  permissions: 'must be a non-empty list of read, trade, ingest',
  requestsPerSecond: 'must be a number above 0 and at most 1000000',
  burst: 'must be an integer between 1 and 1000000',
} as const;

// Actor ids: a lowercase kind, optionally ':' and a qualifier that may hold a canonical symbol or venue id.
const ACTOR_ID_PATTERN = /^[a-z][a-z0-9-]*(?::[A-Za-z0-9][A-Za-z0-9._:-]*)?$/;
// Worker names become thread names and metric labels, so keep them boring.
const WORKER_NAME_PATTERN = /^[a-z][a-z0-9-]*$/;
const STORE_PATTERN = /^(?:duckdb:.+|questdb:(?:https?|tcps?)::.+)$/s;

// abort: a broken leaf must stop object-level cross-field checks, which would otherwise report a second
// problem about the same value (zod runs refinements and parent checks on failed refinements by default).
function integerField(rule: string, accepts: (value: number) => boolean): z.ZodType<number> {
  return z.number({ error: rule }).refine((value) => Number.isSafeInteger(value) && accepts(value), { error: rule, abort: true });
}

function urlField(rule: string, protocols: readonly string[]): z.ZodType<string> {
  return z.string({ error: rule }).refine(
    (value) => {
      // URL.canParse is Node ≥ 19.9; the protocol check rejects "binance.com" parsed as a scheme.
      if (!URL.canParse(value)) return false;
      return protocols.includes(new URL(value).protocol);
    },
    { error: rule, abort: true },
  );
}

const workerName = z.string({ error: CONFIG_RULES.workerName }).regex(WORKER_NAME_PATTERN, { error: CONFIG_RULES.workerName });

const logSchema = z.strictObject({
  level: z.enum(LOG_LEVELS, { error: CONFIG_RULES.logLevel }),
});

const mailboxSchema = z.strictObject({
  capacityBytes: integerField(
    CONFIG_RULES.capacityBytes,
    (value) =>
      value >= MAILBOX_CAPACITY_MIN_BYTES && value <= MAILBOX_CAPACITY_MAX_BYTES && (value & (value - 1)) === 0,
  ),
  /** Iterations a consumer busy-spins on an empty ring before it parks; parking costs tens of µs to wake. */
  spinIterations: integerField(CONFIG_RULES.nonNegativeInteger, (value) => value >= 0),
  /** Upper bound of one Atomics.wait; a safety net against lost wake-ups, and the shutdown latency of a parked actor. */
  parkTimeoutMs: integerField(CONFIG_RULES.parkTimeoutMs, (value) => value >= 1 && value <= 60_000),
});

const supervisorSchema = z
  .strictObject({
    maxRestarts: integerField(CONFIG_RULES.nonNegativeInteger, (value) => value >= 0),
    windowMs: integerField(CONFIG_RULES.positiveInteger, (value) => value >= 1),
    backoffInitialMs: integerField(CONFIG_RULES.nonNegativeInteger, (value) => value >= 0),
    backoffMaxMs: integerField(CONFIG_RULES.nonNegativeInteger, (value) => value >= 0),
  })
  .superRefine((supervisor, context) => {
    if (supervisor.backoffMaxMs < supervisor.backoffInitialMs) {
      context.addIssue({
        code: 'custom',
        path: ['backoffMaxMs'],
        message: `${CONFIG_RULES.backoffMaxMs} (${supervisor.backoffInitialMs})`,
        input: supervisor.backoffMaxMs,
      });
    }
  });

const runtimeSchema = z.strictObject({
  mailbox: mailboxSchema,
  /** Actor id → worker name; actors not listed run on `defaultWorker`. */
  placement: z.record(z.string().regex(ACTOR_ID_PATTERN, { error: CONFIG_RULES.actorId }), workerName),
  defaultWorker: workerName,
  supervisor: supervisorSchema,
});

const venueSchema = z.strictObject({
  // Listing a venue means "connect to it" unless it says otherwise.
  enabled: z.boolean({ error: CONFIG_RULES.boolean }).default(true),
  restUrl: z.exactOptional(urlField(CONFIG_RULES.httpUrl, ['http:', 'https:'])),
  wsUrl: z.exactOptional(urlField(CONFIG_RULES.wsUrl, ['ws:', 'wss:'])),
  // Live trading through the venue's REST API (`zvt start`); absent: market data only.
  trading: z.exactOptional(venueTradingSchema),
});

/** API key permissions (src/gateway/auth/auth-options.ts ApiPermission). */
export const API_KEY_PERMISSIONS = ['read', 'trade', 'ingest'] as const;

/** One REST API key; its secret is never in the configuration, only the name of the environment variable holding it. */
const apiKeySchema = z.strictObject({
  keyId: z.string({ error: CONFIG_RULES.apiKeyId }).regex(/^[A-Za-z0-9_.-]{1,64}$/, { error: CONFIG_RULES.apiKeyId }),
  secretEnv: z.string({ error: CONFIG_RULES.secretEnv }).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: CONFIG_RULES.secretEnv }),
  accountId: z.string({ error: CONFIG_RULES.accountId }).min(1, { error: CONFIG_RULES.accountId }),
  permissions: z.array(z.enum(API_KEY_PERMISSIONS, { error: CONFIG_RULES.permissions }), { error: CONFIG_RULES.permissions }).min(1, { error: CONFIG_RULES.permissions }),
  rateLimit: z.exactOptional(
    z.strictObject({
      requestsPerSecond: z.number({ error: CONFIG_RULES.requestsPerSecond }).refine((value) => Number.isFinite(value) && value > 0 && value <= 1_000_000, { error: CONFIG_RULES.requestsPerSecond, abort: true }),
      burst: integerField(CONFIG_RULES.burst, (value) => value >= 1 && value <= 1_000_000),
    }),
  ),
});

const gatewaySchema = z.strictObject({
  apiKeys: z.array(apiKeySchema).superRefine((keys, context) => {
    keys.forEach((key, index) => {
      if (keys.findIndex((other) => other.keyId === key.keyId) !== index) {
        context.addIssue({ code: 'custom', path: [index, 'keyId'], message: CONFIG_RULES.apiKeyId, input: key.keyId });
      }
    });
  }),
});

/** The whole engine configuration, as resolved after merging every layer. */
export const configSchema = z.strictObject({
  dataDir: z.string({ error: CONFIG_RULES.dataDir }).min(1, { error: CONFIG_RULES.dataDir }),
  log: logSchema,
  hotpath: z.enum(HOTPATH_MODES, { error: CONFIG_RULES.hotpath }),
  store: z.string({ error: CONFIG_RULES.store }).regex(STORE_PATTERN, { error: CONFIG_RULES.store }),
  runtime: runtimeSchema,
  // partialRecord: only the venues listed are configured; an unknown venue id is an unknown key.
  venues: z.partialRecord(z.enum(VENUE_IDS), venueSchema),
  // Absent: no API keys (signed REST routes refuse every request). Optional so configurations without it stay as they were.
  gateway: z.exactOptional(gatewaySchema),
});

/** Mutable plain-data form of the configuration (what the schema outputs, before freezing). */
export type ConfigData = z.output<typeof configSchema>;

/** The resolved configuration every component receives: plain data, deep-frozen, structured-clone safe. */
export type Config = DeepReadonly<ConfigData>;

/** One venue's section of the configuration. */
export type VenueConfig = NonNullable<Config['venues'][VenueId]>;

/** One configured REST API key (secret by environment variable name). */
export type ApiKeyConfig = NonNullable<Config['gateway']>['apiKeys'][number];
