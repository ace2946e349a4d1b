// AuthOptions → ResolvedAuthOptions: API keys (id, secret, account, permissions, rate limit), the replay window and public limits, validated once with exact messages.
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_AUTH_OPTIONS } from '../errors.js';

/** What a key may do: read account data (orders, positions), trade (create and cancel orders), ingest candles and trades. */
export type ApiPermission = 'read' | 'trade' | 'ingest';
export const API_PERMISSIONS: readonly ApiPermission[] = ['read', 'trade', 'ingest'];

/** A token bucket: `burst` requests at once, refilled at `requestsPerSecond`. */
export interface RateLimitOptions {
  readonly requestsPerSecond: number;
  readonly burst: number;
}

export interface ApiKeyOptions {
  /** Public id sent in ZVT-API-KEY: 1 to 64 characters of A–Z a–z 0–9 _ . - */
  readonly keyId: string;
  /** HMAC secret, at least 16 characters; never logged, never sent. */
  readonly secret: string;
  /** The trading account its orders go to (OrderRequester.accountId). */
  readonly accountId: string;
  readonly permissions: readonly ApiPermission[];
  /** This key's limit; default AuthOptions.defaultRateLimit. */
  readonly rateLimit?: RateLimitOptions | undefined;
}

export interface AuthOptions {
  readonly keys: readonly ApiKeyOptions[];
  /** A signed request's timestamp must be within ± this of our clock (ms). Default 5 000. */
  readonly replayWindowMs?: number | undefined;
  /** Limit of keys that do not set their own. Default 10 requests/s, burst 20. */
  readonly defaultRateLimit?: RateLimitOptions | undefined;
  /** Limit per client address on public (unsigned) endpoints; null: none. Default 20 requests/s, burst 40. */
  readonly publicRateLimit?: RateLimitOptions | null | undefined;
  /** Signatures remembered at most (replay protection); past it signed requests get 503 until entries expire. Default 100 000. */
  readonly maxReplayEntries?: number | undefined;
  /** Client addresses whose public buckets are kept at most (full buckets are forgotten first). Default 10 000. */
  readonly maxPublicClients?: number | undefined;
  /** Wall clock in epoch ms; tests may pin it. Default Date.now. */
  readonly nowMs?: (() => number) | undefined;
}

export interface ResolvedApiKey {
  readonly keyId: string;
  readonly secret: string;
  readonly accountId: string;
  readonly permissions: ReadonlySet<ApiPermission>;
  readonly rateLimit: RateLimitOptions;
}

export interface ResolvedAuthOptions {
  readonly keys: ReadonlyMap<string, ResolvedApiKey>;
  readonly replayWindowMs: number;
  readonly publicRateLimit: RateLimitOptions | null;
  readonly maxReplayEntries: number;
  readonly maxPublicClients: number;
  readonly nowMs: () => number;
}

export const AUTH_DEFAULTS = Object.freeze({
  replayWindowMs: 5_000,
  defaultRateLimit: Object.freeze({ requestsPerSecond: 10, burst: 20 }),
  publicRateLimit: Object.freeze({ requestsPerSecond: 20, burst: 40 }),
  maxReplayEntries: 100_000,
  maxPublicClients: 10_000,
});

const KEY_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
const MIN_SECRET_LENGTH = 16;

/** Validates and freezes auth options; throws ZvtError ZVT_ERR_AUTH_OPTIONS naming the field. */
export function resolveAuthOptions(options: AuthOptions): ResolvedAuthOptions {
  const keyList: readonly ApiKeyOptions[] = options.keys;
  if (!isList(keyList)) fail('auth.keys must be an array of API keys');
  const defaultRateLimit = rateLimitOf(options.defaultRateLimit ?? AUTH_DEFAULTS.defaultRateLimit, 'auth.defaultRateLimit');
  const keys = new Map<string, ResolvedApiKey>();
  keyList.forEach((key, index) => {
    const where = `auth.keys[${index}]`;
    if (typeof key.keyId !== 'string' || !KEY_ID_PATTERN.test(key.keyId)) {
      fail(`${where}.keyId must be 1 to 64 characters of A-Z a-z 0-9 _ . - (got ${JSON.stringify(key.keyId)})`);
    }
    if (keys.has(key.keyId)) fail(`${where}.keyId ${JSON.stringify(key.keyId)} is configured twice`);
    if (typeof key.secret !== 'string' || key.secret.length < MIN_SECRET_LENGTH) {
      fail(`${where}.secret must be a string of at least ${MIN_SECRET_LENGTH} characters`);
    }
    if (typeof key.accountId !== 'string' || key.accountId.length === 0) fail(`${where}.accountId must be a non-empty string`);
    const permissions: readonly ApiPermission[] = key.permissions;
    if (!isList(permissions) || permissions.length === 0) {
      fail(`${where}.permissions must be a non-empty list of ${API_PERMISSIONS.join(', ')}`);
    }
    for (const permission of permissions) {
      if (!API_PERMISSIONS.includes(permission)) {
        fail(`${where}.permissions has ${JSON.stringify(permission)}; allowed: ${API_PERMISSIONS.join(', ')}`);
      }
    }
    keys.set(
      key.keyId,
      Object.freeze({
        keyId: key.keyId,
        secret: key.secret,
        accountId: key.accountId,
        permissions: new Set(permissions),
        rateLimit: key.rateLimit === undefined ? defaultRateLimit : rateLimitOf(key.rateLimit, `${where}.rateLimit`),
      }),
    );
  });
  const publicRateLimit =
    options.publicRateLimit === null ? null : rateLimitOf(options.publicRateLimit ?? AUTH_DEFAULTS.publicRateLimit, 'auth.publicRateLimit');
  return Object.freeze({
    keys,
    replayWindowMs: integerIn(options.replayWindowMs ?? AUTH_DEFAULTS.replayWindowMs, 'auth.replayWindowMs', 100, 300_000),
    publicRateLimit,
    maxReplayEntries: integerIn(options.maxReplayEntries ?? AUTH_DEFAULTS.maxReplayEntries, 'auth.maxReplayEntries', 1, 100_000_000),
    maxPublicClients: integerIn(options.maxPublicClients ?? AUTH_DEFAULTS.maxPublicClients, 'auth.maxPublicClients', 1, 10_000_000),
    nowMs: options.nowMs ?? Date.now,
  });
}

function rateLimitOf(limit: RateLimitOptions, where: string): RateLimitOptions {
  const requestsPerSecond = limit.requestsPerSecond;
  if (typeof requestsPerSecond !== 'number' || !Number.isFinite(requestsPerSecond) || requestsPerSecond <= 0 || requestsPerSecond > 1_000_000) {
    fail(`${where}.requestsPerSecond must be a number above 0 and at most 1000000 (got ${String(requestsPerSecond)})`);
  }
  return Object.freeze({ requestsPerSecond, burst: integerIn(limit.burst, `${where}.burst`, 1, 1_000_000) });
}

function integerIn(value: number, where: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) fail(`${where} must be an integer from ${min} to ${max} (got ${String(value)})`);
  return value;
}

/** Array.isArray without its narrowing (it turns a readonly array into any[]); options may come from untyped JSON. */
function isList(value: unknown): boolean {
  return Array.isArray(value);
}

function fail(message: string): never {
  throw new ZvtError(ZVT_ERR_AUTH_OPTIONS, message);
}
