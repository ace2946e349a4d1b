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

interface Bucket {
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
      bucket = { tokens: limit.burst, updatedMs: nowMs, limit };
      this.buckets.set(client, bucket);
    }
    refill(bucket, nowMs);
    const perMs = limit.requestsPerSecond / 1000;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    return {
      allowed,
      limit: limit.burst,
      remaining: Math.floor(bucket.tokens),
      resetMs: Math.ceil((limit.burst - bucket.tokens) / perMs),
      retryAfterMs: allowed ? 0 : Math.ceil((1 - bucket.tokens) / perMs),
    };
  }

  private makeRoom(nowMs: number): void {
    if (this.buckets.size < this.maxClients) return;
    for (const [client, bucket] of this.buckets) {
      refill(bucket, nowMs);
      if (bucket.tokens >= bucket.limit.burst) this.buckets.delete(client);
    }
    if (this.buckets.size < this.maxClients) return;
    const oldest = this.buckets.keys().next();
    if (oldest.done !== true) this.buckets.delete(oldest.value);
  }
}

function refill(bucket: Bucket, nowMs: number): void {
  const elapsed = nowMs - bucket.updatedMs;
  if (elapsed <= 0) return;
  bucket.tokens = Math.min(bucket.limit.burst, bucket.tokens + (elapsed * bucket.limit.requestsPerSecond) / 1000);
  bucket.updatedMs = nowMs;
}
