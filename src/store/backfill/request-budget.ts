// Paces one venue's requests under its published limits, corrected by what the venue reports it counted.
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * At most `limit` cost units per window. `aligned` windows restart on multiples of windowMs since
 * the epoch (Binance's "per minute" weight resets on the minute); the others slide (OKX's "20
 * requests per 2 seconds" counts the last 2 s).
 */
export interface BudgetRule {
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
  readonly aligned: boolean;
}

interface Spend {
  readonly atMs: number;
  readonly cost: number;
}

export interface BudgetClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: BudgetClock = { now: () => Date.now(), sleep: (ms) => sleep(ms) };

/**
 * A venue's request budget. Every request acquires its cost under every rule first, waiting for
 * room; the venue's own usage report (Binance X-MBX-USED-WEIGHT-1M) raises the local count when it
 * is higher (another process on the same IP spends the same budget); a refusal's Retry-After
 * pauses every request until it has passed. Budgets are set below the venue's limits (see
 * venue-candle-api files), so a well-behaved run never sees a refusal.
 */
export class RequestBudget {
  private readonly spends = new Map<string, Spend[]>();
  private pausedUntilMs = 0;
  /** Milliseconds spent waiting for room or for a Retry-After. */
  waitedMs = 0;

  constructor(
    readonly rules: readonly BudgetRule[],
    private readonly clock: BudgetClock = REAL_CLOCK,
  ) {
    for (const rule of rules) this.spends.set(rule.name, []);
  }

  /** Waits until every rule named in `costs` has room for its cost, then spends it. */
  async acquire(costs: Readonly<Record<string, number>>): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      let waitMs = Math.max(0, this.pausedUntilMs - now);
      for (const rule of this.rules) {
        const cost = costs[rule.name];
        if (cost === undefined || cost <= 0) continue;
        waitMs = Math.max(waitMs, this.waitForRoom(rule, cost, now));
      }
      if (waitMs === 0) break;
      this.waitedMs += waitMs;
      await this.clock.sleep(waitMs);
    }
    const now = this.clock.now();
    for (const rule of this.rules) {
      const cost = costs[rule.name];
      if (cost !== undefined && cost > 0) this.spends.get(rule.name)!.push({ atMs: now, cost });
    }
  }

  /** The venue says `used` units of `ruleName` are spent in the current window: trust the higher count. */
  observeUsage(ruleName: string, used: number): void {
    const rule = this.rules.find((candidate) => candidate.name === ruleName);
    if (rule === undefined || !Number.isFinite(used)) return;
    const now = this.clock.now();
    const local = this.usedInWindow(rule, now);
    if (used > local) this.spends.get(rule.name)!.push({ atMs: now, cost: used - local });
  }

  /** No request before `untilMs` (a 429/418 Retry-After, or a 5xx backoff shared by the venue). */
  pauseUntil(untilMs: number): void {
    this.pausedUntilMs = Math.max(this.pausedUntilMs, untilMs);
  }

  /** Cost units spent under a rule in its current window. */
  used(ruleName: string): number {
    const rule = this.rules.find((candidate) => candidate.name === ruleName);
    return rule === undefined ? 0 : this.usedInWindow(rule, this.clock.now());
  }

  private windowStart(rule: BudgetRule, now: number): number {
    return rule.aligned ? now - (now % rule.windowMs) : now - rule.windowMs;
  }

  private usedInWindow(rule: BudgetRule, now: number): number {
    const spends = this.spends.get(rule.name)!;
    const start = this.windowStart(rule, now);
    // Drop what fell out of every window that can still be asked about.
    let expired = 0;
    while (expired < spends.length && spends[expired]!.atMs < start && spends[expired]!.atMs <= now - rule.windowMs) expired++;
    if (expired > 0) spends.splice(0, expired);
    let used = 0;
    for (const spend of spends) if (spend.atMs >= start) used += spend.cost;
    return used;
  }

  /** 0 when `cost` fits now; else how long until it does. */
  private waitForRoom(rule: BudgetRule, cost: number, now: number): number {
    if (cost > rule.limit) throw new RangeError(`a request costing ${cost} can never fit ${rule.name} (limit ${rule.limit})`);
    const used = this.usedInWindow(rule, now);
    if (used + cost <= rule.limit) return 0;
    if (rule.aligned) return rule.windowMs - (now % rule.windowMs) + 1;
    // Sliding: wait until enough of the oldest spends leave the window.
    const spends = this.spends.get(rule.name)!;
    let freed = 0;
    for (const spend of spends) {
      freed += spend.cost;
      if (used - freed + cost <= rule.limit) return Math.max(1, spend.atMs + rule.windowMs - now + 1);
    }
    return rule.windowMs;
  }
}
