// The venue budget: waits for room under sliding and minute-aligned windows, trusts a higher usage report, honours pauses.
import { describe, expect, it } from 'vitest';
import { RequestBudget, type BudgetClock } from '../../../../src/store/backfill/request-budget.js';

/** A clock that only moves when the budget sleeps: waits are exact and the test runs instantly. */
function steppedClock(startMs: number): BudgetClock & { sleeps: number[] } {
  let now = startMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

describe('RequestBudget', () => {
  it('never lets a sliding window hold more than its limit', async () => {
    const clock = steppedClock(1_000_000);
    const budget = new RequestBudget([{ name: 'ip', limit: 16, windowMs: 2_000, aligned: false }], clock);
    const times: number[] = [];
    for (let request = 0; request < 100; request++) {
      await budget.acquire({ ip: 1 });
      times.push(clock.now());
    }
    for (let index = 16; index < times.length; index++) expect(times[index]! - times[index - 16]!).toBeGreaterThan(2_000);
    // 100 requests at 16 per 2 s take a little over 12 s, not much more.
    expect(times[99]! - times[0]!).toBeLessThan(13_000);
  });

  it('resets an aligned window on the minute, and counts weights', async () => {
    const clock = steppedClock(Date.UTC(2025, 0, 1, 0, 0, 50));
    const budget = new RequestBudget([{ name: 'REQUEST_WEIGHT', limit: 10, windowMs: 60_000, aligned: true }], clock);
    for (let request = 0; request < 5; request++) await budget.acquire({ REQUEST_WEIGHT: 2 });
    expect(clock.sleeps).toEqual([]);
    await budget.acquire({ REQUEST_WEIGHT: 2 });
    // Waited for the next minute (10 s away), not a full window.
    expect(clock.sleeps).toEqual([10_001]);
    expect(budget.used('REQUEST_WEIGHT')).toBe(2);
  });

  it('adopts the venue usage report when it is higher than its own count', async () => {
    const clock = steppedClock(Date.UTC(2025, 0, 1, 0, 0, 0));
    const budget = new RequestBudget([{ name: 'REQUEST_WEIGHT', limit: 100, windowMs: 60_000, aligned: true }], clock);
    await budget.acquire({ REQUEST_WEIGHT: 2 });
    budget.observeUsage('REQUEST_WEIGHT', 99);
    expect(budget.used('REQUEST_WEIGHT')).toBe(99);
    budget.observeUsage('REQUEST_WEIGHT', 50);
    expect(budget.used('REQUEST_WEIGHT')).toBe(99);
    await budget.acquire({ REQUEST_WEIGHT: 2 });
    expect(clock.sleeps).toEqual([60_001]);
  });

  it('waits out a pause (Retry-After) before any request', async () => {
    const clock = steppedClock(5_000);
    const budget = new RequestBudget([{ name: 'ip', limit: 100, windowMs: 1_000, aligned: false }], clock);
    budget.pauseUntil(8_000);
    await budget.acquire({ ip: 1 });
    expect(clock.now()).toBe(8_000);
    expect(budget.waitedMs).toBe(3_000);
  });
});
