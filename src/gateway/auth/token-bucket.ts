// Token buckets per client (API key or address): `burst` requests at once, refilled continuously at `requestsPerSecond`; the decision carries the ZVT-RateLimit-* numbers.
import type { RateLimitOptions } from './auth-options.js';

export interface RateDecision {
  readonly allowed: boolean;
  /** The bucket size (ZVT-RateLimit-Limit). */
  readonly limit: number;
  /** Whole requests left now (ZVT-RateLimit-Remaining). */
  readonly remaining: number;
  /** Ms until the bucket is full again (ZVT-RateLimit-Reset, rounded up to seconds). */
  readonly resetMs: number;
  /** Ms until one request is allowed; 0 when allowed (Retry-After, rounded up to seconds). */
  readonly retryAfterMs: number;
}

/**
 * Tokens are counted in millionths, so that with whole requests per second the refill per ms
 * (requestsPerSecond × 1000 units) and every wait are exact integers: floats would make a 499 ms
 * wait at 2 requests/s come out as 1.0000000000000009 ms and round up to 2.
 */
const UNIT = 1_000_000;

interface Bucket {
  /** Millionths of a token. */
  tokens: number;
  updatedMs: number;
  readonly limit: RateLimitOptions;
}

/**
 * Buckets keyed by client. At most `maxClients` are kept: a full bucket is the same as a new one,
 * so full buckets are forgotten first; when none is full, the oldest-created is (a client can
 * then get a fresh burst: documented in docs/rest.md).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly maxClients: number = Number.MAX_SAFE_INTEGER) {}

  get size(): number {
    return this.buckets.size;
  }

  /** Takes one token from `client`'s bucket when it has one. */
  take(client: string, limit: RateLimitOptions, nowMs: number): RateDecision {
    let bucket = this.buckets.get(client);
    if (bucket === undefined) {
      this.makeRoom(nowMs);
      bucket = { tokens: limit.burst * UNIT, updatedMs: nowMs, limit };
      this.buckets.set(client, bucket);
    }
    refill(bucket, nowMs);
    const perMs = unitsPerMs(limit);
    const allowed = bucket.tokens >= UNIT;
    if (allowed) bucket.tokens -= UNIT;
    return {
      allowed,
      limit: limit.burst,
      remaining: Math.floor(bucket.tokens / UNIT),
      resetMs: Math.ceil((limit.burst * UNIT - bucket.tokens) / perMs),
      retryAfterMs: allowed ? 0 : Math.ceil((UNIT - bucket.tokens) / perMs),
    };
  }

  private makeRoom(nowMs: number): void {
    if (this.buckets.size < this.maxClients) return;
    for (const [client, bucket] of this.buckets) {
      refill(bucket, nowMs);
      if (bucket.tokens >= bucket.limit.burst * UNIT) this.buckets.delete(client);
    }
    if (this.buckets.size < this.maxClients) return;
    const oldest = this.buckets.keys().next();
    if (oldest.done !== true) this.buckets.delete(oldest.value);
  }
}

function refill(bucket: Bucket, nowMs: number): void {
  const elapsed = nowMs - bucket.updatedMs;
  if (elapsed <= 0) return;
  bucket.tokens = Math.min(bucket.limit.burst * UNIT, bucket.tokens + elapsed * unitsPerMs(bucket.limit));
  bucket.updatedMs = nowMs;
}

function unitsPerMs(limit: RateLimitOptions): number {
  return (limit.requestsPerSecond * UNIT) / 1000;
}
