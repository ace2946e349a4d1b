// The simulator's rate limiter: fixed epoch-aligned windows per (rule, bucket), cost units, refusal counts and bans.
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_SIM_CONFIG, ZVT_ERR_SIM_SERVER } from '../errors.js';
import type { SimRateLimitRefusal, SimRateLimitRule, SimRateLimitUsage, SimRequestCost } from './sim-dialect.js';

/*
 * Binance's model, which the other venues' documented limits fit as special cases:
 * - A window is fixed and aligned to the epoch (a request at 00:01:23.456 counts in the 00:01:00
 *   minute; the count is zero again at 00:02:00), per rule and per bucket (who: IP, API key, path).
 * - A request is refused when used + cost > limit in any of its charges.
 * - A refused request's cost still counts as used (rule.countRefused, default true): Binance keeps
 *   a client that ignores 429s refused until its window ends. A rule with countRefused false counts
 *   only what it admitted.
 * - Each refusal counts in the bucket's window; the refusal after the rule's banAfterRefusals-th in
 *   one window bans the bucket for banMs: every request charged to it is refused with banned = true
 *   (Binance 418), Retry-After = the ban's end. A ban outlives its window.
 */

/** Per-rule counters for /__sim/stats. */
export interface RateLimitRuleStats {
  /** Charges counted under the rule (one request may charge several rules). */
  requests: number;
  refusals: number;
  bans: number;
}

export type RateLimitDecision =
  | { readonly admitted: true; readonly usage: SimRateLimitUsage }
  | { readonly admitted: false; readonly refusal: SimRateLimitRefusal };

interface BucketState {
  windowStartMs: number;
  used: number;
  refusals: number;
  bannedUntilMs: number;
}

/** Buckets beyond this many trigger a sweep of the ones whose window and ban are over. */
const SWEEP_THRESHOLD = 10_000;

/**
 * The dialect's default rules with the operator's overrides merged field by field. An override
 * naming a rule the dialect does not have is an error (a typo would otherwise silently do nothing).
 */
export function mergeRateLimitRules(
  defaults: Readonly<Record<string, SimRateLimitRule>>,
  overrides: Readonly<Record<string, Partial<SimRateLimitRule>>> | undefined,
): Readonly<Record<string, SimRateLimitRule>> {
  const merged: Record<string, SimRateLimitRule> = { ...defaults };
  for (const [name, override] of Object.entries(overrides ?? {})) {
    const base = defaults[name];
    if (base === undefined) {
      throw new ZvtError(ZVT_ERR_SIM_CONFIG, `rateLimits.${name}: unknown rule (the dialect has ${Object.keys(defaults).join(', ') || 'none'})`);
    }
    const rule = { ...base, ...override };
    validateRule(name, rule);
    merged[name] = rule;
  }
  return merged;
}

function validateRule(name: string, rule: SimRateLimitRule): void {
  const fail = (message: string): never => {
    throw new ZvtError(ZVT_ERR_SIM_CONFIG, `rateLimits.${name}.${message}`);
  };
  if (!Number.isSafeInteger(rule.limit) || rule.limit < 0) fail(`limit must be a non-negative integer (got ${String(rule.limit)})`);
  if (!Number.isSafeInteger(rule.windowMs) || rule.windowMs <= 0) fail(`windowMs must be a positive integer (got ${String(rule.windowMs)})`);
  if (rule.banAfterRefusals !== null && (!Number.isSafeInteger(rule.banAfterRefusals) || rule.banAfterRefusals < 0)) {
    fail(`banAfterRefusals must be a non-negative integer or null (got ${String(rule.banAfterRefusals)})`);
  }
  if (!Number.isSafeInteger(rule.banMs) || rule.banMs < 0) fail(`banMs must be a non-negative integer (got ${String(rule.banMs)})`);
  if (rule.countRefused !== undefined && typeof rule.countRefused !== 'boolean') fail(`countRefused must be a boolean (got ${String(rule.countRefused)})`);
}

export class RateLimiter {
  private readonly buckets = new Map<string, BucketState>();
  private readonly ruleStats: Record<string, RateLimitRuleStats> = {};

  constructor(private readonly rules: Readonly<Record<string, SimRateLimitRule>>) {
    for (const name of Object.keys(rules)) this.ruleStats[name] = { requests: 0, refusals: 0, bans: 0 };
  }

  /** Counts the request's charges at nowMs and decides; a charge naming an unknown rule is a dialect bug (throws). */
  charge(cost: SimRequestCost, nowMs: number): RateLimitDecision {
    if (this.buckets.size > SWEEP_THRESHOLD) this.sweep(nowMs);
    const states = cost.charges.map((charge) => {
      const rule = this.rules[charge.rule];
      if (rule === undefined) throw new ZvtError(ZVT_ERR_SIM_SERVER, `the dialect charged unknown rate-limit rule ${charge.rule}`);
      return { charge, rule, state: this.bucket(charge.rule, charge.bucket, rule, nowMs) };
    });

    // A ban refuses first (418 beats 429); then the first charge over its limit.
    let refusedIndex = states.findIndex((entry) => entry.state.bannedUntilMs > nowMs);
    const banned = refusedIndex >= 0;
    if (!banned) refusedIndex = states.findIndex((entry) => entry.state.used + entry.charge.cost > entry.rule.limit);

    for (const entry of states) {
      this.ruleStats[entry.charge.rule]!.requests++;
      if (refusedIndex < 0 || entry.rule.countRefused !== false) entry.state.used += entry.charge.cost;
    }
    const usage: SimRateLimitUsage = {
      rules: Object.fromEntries(states.map((entry) => [entry.charge.rule, { used: entry.state.used, limit: entry.rule.limit, windowMs: entry.rule.windowMs }])),
    };
    if (refusedIndex < 0) return { admitted: true, usage };

    const refused = states[refusedIndex]!;
    const stats = this.ruleStats[refused.charge.rule]!;
    stats.refusals++;
    let untilMs: number;
    let isBan = banned;
    if (banned) {
      untilMs = refused.state.bannedUntilMs;
    } else {
      refused.state.refusals++;
      untilMs = refused.state.windowStartMs + refused.rule.windowMs;
      const threshold = refused.rule.banAfterRefusals;
      if (threshold !== null && refused.state.refusals > threshold && refused.rule.banMs > 0) {
        refused.state.bannedUntilMs = nowMs + refused.rule.banMs;
        untilMs = refused.state.bannedUntilMs;
        isBan = true;
        stats.bans++;
      }
    }
    return {
      admitted: false,
      refusal: { rule: refused.charge.rule, retryAfterSeconds: Math.max(1, Math.ceil((untilMs - nowMs) / 1000)), banned: isBan, usage },
    };
  }

  stats(): Record<string, RateLimitRuleStats> {
    return Object.fromEntries(Object.entries(this.ruleStats).map(([name, stats]) => [name, { ...stats }]));
  }

  private bucket(ruleName: string, bucketName: string, rule: SimRateLimitRule, nowMs: number): BucketState {
    const windowStartMs = nowMs - (((nowMs % rule.windowMs) + rule.windowMs) % rule.windowMs);
    const key = `${ruleName}\u0000${bucketName}`;
    let state = this.buckets.get(key);
    if (state === undefined) {
      state = { windowStartMs, used: 0, refusals: 0, bannedUntilMs: 0 };
      this.buckets.set(key, state);
    } else if (state.windowStartMs !== windowStartMs) {
      state.windowStartMs = windowStartMs;
      state.used = 0;
      state.refusals = 0;
    }
    return state;
  }

  /** Forgets buckets whose window and ban are over: memory stays bounded by the clients of the current windows. */
  private sweep(nowMs: number): void {
    for (const [key, state] of this.buckets) {
      const ruleName = key.slice(0, key.indexOf('\u0000'));
      const windowMs = this.rules[ruleName]?.windowMs ?? 0;
      if (state.windowStartMs + windowMs <= nowMs && state.bannedUntilMs <= nowMs) this.buckets.delete(key);
    }
  }
}
