// RateLimiter: epoch-aligned fixed windows per (rule, bucket), refused cost counted as Binance does, refusal counts, bans, Retry-After.
import { describe, expect, it } from 'vitest';
import { isZvtError } from '../../../../src/model/errors.js';
import { ZVT_ERR_SIM_CONFIG, ZVT_ERR_SIM_SERVER } from '../../../../src/sim/errors.js';
import { RateLimiter, mergeRateLimitRules } from '../../../../src/sim/server/rate-limiter.js';
import type { SimRateLimitRule } from '../../../../src/sim/server/sim-dialect.js';

const MINUTE = 60_000;
/** 2024-01-01T00:00:00Z: a minute boundary. */
const T0 = Date.UTC(2024, 0, 1);
const WEIGHT: SimRateLimitRule = { limit: 10, windowMs: MINUTE, banAfterRefusals: 2, banMs: 120_000 };

function weight(cost: number, bucket = 'ip:127.0.0.1') {
  return { charges: [{ rule: 'WEIGHT', bucket, cost }] };
}

describe('RateLimiter', () => {
  it('admits up to the limit within a window aligned to the epoch, and starts again at the next boundary', () => {
    const limiter = new RateLimiter({ WEIGHT });
    const used: number[] = [];
    for (let index = 0; index < 5; index++) {
      const decision = limiter.charge(weight(2), T0 + 59_000);
      expect(decision.admitted).toBe(true);
      if (decision.admitted) used.push(decision.usage.rules.WEIGHT!.used);
    }
    expect(used).toEqual([2, 4, 6, 8, 10]);
    const refused = limiter.charge(weight(1), T0 + 59_500);
    expect(refused).toEqual({
      admitted: false,
      // Retry-After: ceil(0.5 s to the minute's end); the refused cost counts (11), as Binance counts it.
      refusal: { rule: 'WEIGHT', retryAfterSeconds: 1, banned: false, usage: { rules: { WEIGHT: { used: 11, limit: 10, windowMs: MINUTE } } } },
    });
    // 00:01:00.000 is a new window: used starts from 0 even though the last request was 500 ms ago.
    const next = limiter.charge(weight(3), T0 + MINUTE);
    expect(next).toEqual({ admitted: true, usage: { rules: { WEIGHT: { used: 3, limit: 10, windowMs: MINUTE } } } });
  });

  it('refuses when used + cost > limit even if used < limit (a heavy request does not squeeze in)', () => {
    const limiter = new RateLimiter({ WEIGHT });
    expect(limiter.charge(weight(8), T0).admitted).toBe(true);
    const decision = limiter.charge(weight(5), T0 + 1_000);
    expect(decision.admitted).toBe(false);
    if (!decision.admitted) expect(decision.refusal.retryAfterSeconds).toBe(59);
    // Refused cost counted: 13 used, so even a cost-1 request is refused for the rest of the window.
    expect(limiter.charge(weight(1), T0 + 2_000).admitted).toBe(false);
  });

  it('with countRefused false only admitted cost counts', () => {
    const limiter = new RateLimiter({ WEIGHT: { ...WEIGHT, countRefused: false, banAfterRefusals: null } });
    expect(limiter.charge(weight(8), T0).admitted).toBe(true);
    expect(limiter.charge(weight(5), T0).admitted).toBe(false);
    const fits = limiter.charge(weight(2), T0);
    expect(fits.admitted && fits.usage.rules.WEIGHT!.used).toBe(10);
  });

  it('buckets count apart: one client at its limit does not refuse another', () => {
    const limiter = new RateLimiter({ WEIGHT });
    expect(limiter.charge(weight(10, 'ip:a'), T0).admitted).toBe(true);
    expect(limiter.charge(weight(1, 'ip:a'), T0).admitted).toBe(false);
    expect(limiter.charge(weight(10, 'ip:b'), T0).admitted).toBe(true);
  });

  it('bans a bucket after banAfterRefusals refusals in one window: 418 for banMs, Retry-After to the ban end, across windows', () => {
    const limiter = new RateLimiter({ WEIGHT });
    limiter.charge(weight(10), T0);
    const decisions = [1_000, 2_000, 3_000, 4_000].map((offset) => limiter.charge(weight(1), T0 + offset));
    const refusals = decisions.map((decision) => (decision.admitted ? null : { banned: decision.refusal.banned, retryAfter: decision.refusal.retryAfterSeconds }));
    expect(refusals).toEqual([
      { banned: false, retryAfter: 59 },
      { banned: false, retryAfter: 58 },
      // The third refusal (> 2 allowed) bans for 120 s from now.
      { banned: true, retryAfter: 120 },
      { banned: true, retryAfter: 119 },
    ]);
    // The next window does not lift the ban; its end does (T0 + 3 s + 120 s).
    const nextWindow = limiter.charge(weight(1), T0 + MINUTE + 1);
    expect(!nextWindow.admitted && nextWindow.refusal.banned).toBe(true);
    expect(limiter.charge(weight(1), T0 + 123_000).admitted).toBe(true);
    expect(limiter.stats()).toEqual({ WEIGHT: { requests: 7, refusals: 5, bans: 1 } });
  });

  it('a request charging several rules is refused by any of them; a ban wins over a plain refusal', () => {
    const ORDERS: SimRateLimitRule = { limit: 1, windowMs: 10_000, banAfterRefusals: null, banMs: 0 };
    const limiter = new RateLimiter({ WEIGHT, ORDERS });
    const order = { charges: [{ rule: 'WEIGHT', bucket: 'ip:x', cost: 1 }, { rule: 'ORDERS', bucket: 'key:k', cost: 1 }] };
    expect(limiter.charge(order, T0).admitted).toBe(true);
    const second = limiter.charge(order, T0 + 1);
    expect(second.admitted).toBe(false);
    if (!second.admitted) {
      expect(second.refusal.rule).toBe('ORDERS');
      expect(second.refusal.retryAfterSeconds).toBe(10);
      expect(second.refusal.usage.rules).toEqual({ WEIGHT: { used: 2, limit: 10, windowMs: MINUTE }, ORDERS: { used: 2, limit: 1, windowMs: 10_000 } });
    }
  });

  it('a charge naming a rule the dialect did not declare is a dialect bug', () => {
    const limiter = new RateLimiter({ WEIGHT });
    try {
      limiter.charge({ charges: [{ rule: 'NOPE', bucket: 'x', cost: 1 }] }, T0);
      expect.unreachable();
    } catch (error: unknown) {
      expect(isZvtError(error, ZVT_ERR_SIM_SERVER)).toBe(true);
      expect((error as Error).message).toBe('the dialect charged unknown rate-limit rule NOPE');
    }
  });

  it('forgets buckets whose window is over (memory stays bounded by current clients)', () => {
    const limiter = new RateLimiter({ WEIGHT });
    for (let index = 0; index <= 10_001; index++) limiter.charge(weight(1, `ip:${index}`), T0);
    // The sweep runs on the next charge past the threshold, in a later window: everything old goes.
    limiter.charge(weight(1, 'ip:late'), T0 + MINUTE);
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBe(1);
  });
});

describe('mergeRateLimitRules', () => {
  it('merges overrides field by field over the defaults', () => {
    expect(mergeRateLimitRules({ WEIGHT }, { WEIGHT: { limit: 3 } })).toEqual({ WEIGHT: { ...WEIGHT, limit: 3 } });
    expect(mergeRateLimitRules({ WEIGHT }, undefined)).toEqual({ WEIGHT });
  });

  it.each([
    [{ NOPE: { limit: 1 } }, 'rateLimits.NOPE: unknown rule (the dialect has WEIGHT)'],
    [{ WEIGHT: { limit: -1 } }, 'rateLimits.WEIGHT.limit must be a non-negative integer (got -1)'],
    [{ WEIGHT: { windowMs: 0 } }, 'rateLimits.WEIGHT.windowMs must be a positive integer (got 0)'],
    [{ WEIGHT: { banAfterRefusals: 1.5 } }, 'rateLimits.WEIGHT.banAfterRefusals must be a non-negative integer or null (got 1.5)'],
    [{ WEIGHT: { banMs: Number.NaN } }, 'rateLimits.WEIGHT.banMs must be a non-negative integer (got NaN)'],
  ])('rejects %j with an exact message', (overrides, message) => {
    try {
      mergeRateLimitRules({ WEIGHT }, overrides);
      expect.unreachable();
    } catch (error: unknown) {
      expect(isZvtError(error, ZVT_ERR_SIM_CONFIG)).toBe(true);
      expect((error as Error).message).toBe(message);
    }
  });
});
