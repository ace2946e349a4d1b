// RequestAuthenticator: decides a signed request (headers, timestamp window, HMAC, replay, rate limit, permission) and a public one (per-address limit); shared by REST and binary order entry.
//
// Order of checks, each failure a status and a stable code:
//   headers present (401 MISSING) → known key (401 UNKNOWN_KEY) → timestamp integer and within
//   ± replayWindowMs (401 TIMESTAMP) → signature (401 SIGNATURE) → not seen before (401 REPLAY;
//   503 REPLAY_CAPACITY when the cache is full) → the key's token bucket (429 RATE_LIMITED) →
//   permission (403 FORBIDDEN).
// The bucket is charged only for correctly signed requests, so nobody can drain another key's
// budget without its secret; a replay is refused before it costs the owner a token. A signature
// is remembered once it passed the rate limit, so a 403 or a handled request cannot be replayed.
import {
  ZVT_ERR_AUTH_FORBIDDEN,
  ZVT_ERR_AUTH_MISSING,
  ZVT_ERR_AUTH_RATE_LIMITED,
  ZVT_ERR_AUTH_REPLAY,
  ZVT_ERR_AUTH_REPLAY_CAPACITY,
  ZVT_ERR_AUTH_SIGNATURE,
  ZVT_ERR_AUTH_TIMESTAMP,
  ZVT_ERR_AUTH_UNKNOWN_KEY,
} from '../errors.js';
import { resolveAuthOptions, type ApiPermission, type AuthOptions, type ResolvedApiKey, type ResolvedAuthOptions } from './auth-options.js';
import { ReplayGuard } from './replay-guard.js';
import { verifyRequestSignature } from './request-signature.js';
import { TokenBuckets, type RateDecision } from './token-bucket.js';

/** Why a request was refused; a metric label (zvt_auth_failures_total{reason}). */
export type AuthFailureReason =
  | 'missing'
  | 'unknown_key'
  | 'timestamp'
  | 'signature'
  | 'replay'
  | 'replay_capacity'
  | 'rate_limited'
  | 'forbidden';

export interface SignedRequest {
  readonly method: string;
  readonly pathWithQuery: string;
  readonly apiKey: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly body: Uint8Array;
}

export type AuthOutcome =
  | { readonly ok: true; readonly key: ResolvedApiKey; readonly rate: RateDecision }
  | {
      readonly ok: false;
      readonly status: 401 | 403 | 429 | 503;
      readonly code: string;
      readonly reason: AuthFailureReason;
      readonly message: string;
      /** The key when the signature was verified (so the refusal is an authenticated action), else null. */
      readonly key: ResolvedApiKey | null;
      /** Present once the key's bucket was consulted (429 and 403). */
      readonly rate: RateDecision | null;
    };

const TIMESTAMP_PATTERN = /^\d{1,16}$/;

export class RequestAuthenticator {
  readonly options: ResolvedAuthOptions;
  private readonly replay: ReplayGuard;
  private readonly keyBuckets = new TokenBuckets();
  private readonly publicBuckets: TokenBuckets;

  constructor(options: AuthOptions) {
    this.options = resolveAuthOptions(options);
    this.replay = new ReplayGuard(this.options.replayWindowMs, this.options.maxReplayEntries);
    this.publicBuckets = new TokenBuckets(this.options.maxPublicClients);
  }

  /** Signatures remembered now (for /metrics). */
  get replayEntries(): number {
    return this.replay.size;
  }

  /** Decides a signed request that needs `permission`. Header values are '' when absent. */
  authenticate(request: SignedRequest, permission: ApiPermission): AuthOutcome {
    const nowMs = this.options.nowMs();
    if (request.apiKey === '' || request.timestamp === '' || request.signature === '') {
      const missing = [
        request.apiKey === '' ? 'ZVT-API-KEY' : null,
        request.timestamp === '' ? 'ZVT-API-TIMESTAMP' : null,
        request.signature === '' ? 'ZVT-API-SIGNATURE' : null,
      ].filter((name) => name !== null);
      return refuse(401, ZVT_ERR_AUTH_MISSING, 'missing', `This endpoint needs a signed request; missing header ${missing.join(', ')}`);
    }
    const key = this.options.keys.get(request.apiKey);
    if (key === undefined) return refuse(401, ZVT_ERR_AUTH_UNKNOWN_KEY, 'unknown_key', 'Unknown API key');
    const window = this.options.replayWindowMs;
    const timestampMs = TIMESTAMP_PATTERN.test(request.timestamp) ? Number(request.timestamp) : Number.NaN;
    if (Number.isNaN(timestampMs)) {
      return refuse(401, ZVT_ERR_AUTH_TIMESTAMP, 'timestamp', 'ZVT-API-TIMESTAMP must be integer epoch milliseconds');
    }
    if (Math.abs(nowMs - timestampMs) > window) {
      const direction = timestampMs < nowMs ? 'stale' : 'in the future';
      return refuse(
        401,
        ZVT_ERR_AUTH_TIMESTAMP,
        'timestamp',
        `ZVT-API-TIMESTAMP ${request.timestamp} is ${direction}: server time is ${nowMs}, the window is ±${window} ms`,
      );
    }
    const parts = { timestamp: request.timestamp, method: request.method, pathWithQuery: request.pathWithQuery, body: request.body };
    if (!verifyRequestSignature(key.secret, parts, request.signature)) {
      return refuse(401, ZVT_ERR_AUTH_SIGNATURE, 'signature', 'ZVT-API-SIGNATURE does not match: hex HMAC-SHA256(secret, timestamp + METHOD + path?query + body)');
    }
    const replay = this.replay.check(key.keyId, request.signature, nowMs);
    if (replay === 'replay') return refuse(401, ZVT_ERR_AUTH_REPLAY, 'replay', 'This signed request was already received; sign each request anew', key);
    if (replay === 'full') {
      return refuse(503, ZVT_ERR_AUTH_REPLAY_CAPACITY, 'replay_capacity', 'Too many signed requests inside the replay window; retry shortly', key);
    }
    const rate = this.keyBuckets.take(key.keyId, key.rateLimit, nowMs);
    if (!rate.allowed) {
      return refuse(429, ZVT_ERR_AUTH_RATE_LIMITED, 'rate_limited', `Rate limit of key ${key.keyId} exceeded; retry after ${Math.ceil(rate.retryAfterMs / 1000)} s`, key, rate);
    }
    this.replay.remember(key.keyId, request.signature, timestampMs);
    if (!key.permissions.has(permission)) {
      return refuse(403, ZVT_ERR_AUTH_FORBIDDEN, 'forbidden', `API key ${key.keyId} lacks the ${permission} permission`, key, rate);
    }
    return { ok: true, key, rate };
  }

  /** Rate limit of an unsigned request from `clientAddress`; null when public endpoints are unlimited. */
  admitPublic(clientAddress: string): RateDecision | null {
    const limit = this.options.publicRateLimit;
    return limit === null ? null : this.publicBuckets.take(clientAddress, limit, this.options.nowMs());
  }
}

function refuse(
  status: 401 | 403 | 429 | 503,
  code: string,
  reason: AuthFailureReason,
  message: string,
  key: ResolvedApiKey | null = null,
  rate: RateDecision | null = null,
): AuthOutcome {
  return { ok: false, status, code, reason, message, key, rate };
}
