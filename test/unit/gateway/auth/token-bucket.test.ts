// TokenBuckets: burst then steady refill, the ZVT-RateLimit numbers, and bounded memory (full buckets forgotten first).
import { describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../../../src/gateway/auth/token-bucket.js';

const LIMIT = { requestsPerSecond: 4, burst: 3 };

describe('TokenBuckets', () => {
  it('allows the burst, then one request per 1/rate seconds, with exact reset and retry times', () => {
    const buckets = new TokenBuckets();
    expect(buckets.take('a', LIMIT, 0)).toEqual({ allowed: true, limit: 3, remaining: 2, resetMs: 250, retryAfterMs: 0 });
    buckets.take('a', LIMIT, 0);
    expect(buckets.take('a', LIMIT, 0)).toEqual({ allowed: true, limit: 3, remaining: 0, resetMs: 750, retryAfterMs: 0 });
    expect(buckets.take('a', LIMIT, 100)).toEqual({ allowed: false, limit: 3, remaining: 0, resetMs: 650, retryAfterMs: 150 });
    expect(buckets.take('a', LIMIT, 250).allowed).toBe(true);
    expect(buckets.take('a', LIMIT, 10_000)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('keeps at most maxClients buckets, forgetting full ones first, then the oldest', () => {
    const buckets = new TokenBuckets(2);
    buckets.take('a', LIMIT, 0);
    buckets.take('b', LIMIT, 0);
    // At 1 000 ms both are full again: adding c forgets both, so memory stays bounded.
    buckets.take('c', LIMIT, 1_000);
    expect(buckets.size).toBe(1);
    buckets.take('d', LIMIT, 1_000);
    buckets.take('e', LIMIT, 1_000);
    expect(buckets.size).toBe(2);
    // c was the oldest non-full bucket: it starts over with a full burst.
    expect(buckets.take('c', LIMIT, 1_000)).toMatchObject({ allowed: true, remaining: 2 });
  });
});
