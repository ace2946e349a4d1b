// ResyncDeadlines: a snapshot wait times out at its deadline, backs off with jittered doubling pauses, is issued again, and reconnects after a few failed attempts.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RESYNC_DEADLINE_OPTIONS,
  RESYNC_CHECK_INTERVAL_MS,
  RESYNC_TIMEOUT_MS,
  ResyncDeadlines,
  ResyncStep,
  resolveResyncDeadlineOptions,
  resyncCheckIntervalMs,
} from '../../../../../src/actors/venues/common/resync-deadlines.js';
import { isZvtError } from '../../../../../src/model/errors.js';

const OPTIONS = resolveResyncDeadlineOptions({ timeoutMs: 1000, retryInitialMs: 100, retryMaxMs: 300, failuresBeforeReconnect: 3 });

/** A random source that replays `draws` (then repeats the last). */
function draws(...values: number[]): () => number {
  return () => (values.length > 1 ? values.shift()! : values[0]!);
}

describe('ResyncDeadlines', () => {
  it('a snapshot before the deadline completes the wait: nothing is ever due', () => {
    const deadlines = new ResyncDeadlines(4, OPTIONS);
    deadlines.begin(2, 0, true);
    expect(deadlines.isPending(2)).toBe(true);
    expect(deadlines.pendingCount).toBe(1);
    expect(deadlines.poll(2, 999)).toBe(ResyncStep.NONE);
    deadlines.complete(2);
    expect(deadlines.isPending(2)).toBe(false);
    expect(deadlines.pendingCount).toBe(0);
    expect(deadlines.poll(2, 10_000)).toBe(ResyncStep.NONE);
    // Completing twice (a later snapshot) changes nothing.
    deadlines.complete(2);
    expect(deadlines.pendingCount).toBe(0);
  });

  it('times out at the deadline, pauses with equal jitter doubling to the cap, re-issues with a new generation and deadline, reconnects on the third miss', () => {
    // Jitter draws: 0 → pause = ceiling / 2; 1 → pause = ceiling.
    const deadlines = new ResyncDeadlines(4, OPTIONS, draws(0, 1));
    const first = deadlines.begin(1, 0, true);
    expect(deadlines.isCurrent(1, first)).toBe(true);

    expect(deadlines.poll(1, 1000)).toBe(ResyncStep.TIMED_OUT);
    expect(deadlines.failuresOf(1)).toBe(1);
    expect(deadlines.isCurrent(1, first)).toBe(false);
    // First pause: ceiling 100, draw 0 → 50.
    expect(deadlines.dueInMs(1, 1000)).toBe(50);
    expect(deadlines.poll(1, 1049)).toBe(ResyncStep.NONE);
    expect(deadlines.poll(1, 1050)).toBe(ResyncStep.REISSUE);
    const second = deadlines.generationOf(1);
    expect(second).toBe(first + 1);
    expect(deadlines.isCurrent(1, second)).toBe(true);
    expect(deadlines.dueInMs(1, 1050)).toBe(1000);

    expect(deadlines.poll(1, 2050)).toBe(ResyncStep.TIMED_OUT);
    // Second pause: ceiling 200, draw 1 → 200.
    expect(deadlines.dueInMs(1, 2050)).toBe(200);
    expect(deadlines.poll(1, 2250)).toBe(ResyncStep.REISSUE);
    // Third miss: failuresBeforeReconnect reached.
    expect(deadlines.poll(1, 3250)).toBe(ResyncStep.RECONNECT);
    expect(deadlines.failuresOf(1)).toBe(3);
    expect(deadlines.isPending(1)).toBe(true);
    deadlines.clear();
    expect(deadlines.isPending(1)).toBe(false);
    expect(deadlines.pendingCount).toBe(0);
  });

  it('the pause doubles up to retryMaxMs', () => {
    const deadlines = new ResyncDeadlines(1, resolveResyncDeadlineOptions({ timeoutMs: 10, retryInitialMs: 100, retryMaxMs: 300, failuresBeforeReconnect: 100 }), () => 1);
    deadlines.begin(0, 0, true);
    const pauses: number[] = [];
    let now = 0;
    for (let attempt = 0; attempt < 5; attempt++) {
      now += 10;
      expect(deadlines.poll(0, now)).toBe(ResyncStep.TIMED_OUT);
      pauses.push(deadlines.dueInMs(0, now));
      now += pauses.at(-1)!;
      expect(deadlines.poll(0, now)).toBe(ResyncStep.REISSUE);
    }
    expect(pauses).toEqual([100, 200, 300, 300, 300]);
  });

  it('a REST error answered early backs off without counting as a timeout and never reconnects on its own', () => {
    const deadlines = new ResyncDeadlines(2, OPTIONS, () => 0);
    const generation = deadlines.begin(0, 0, true);
    for (let failure = 1; failure <= 5; failure++) {
      expect(deadlines.fail(0, failure * 10)).toBeGreaterThan(0);
      expect(deadlines.isCurrent(0, generation)).toBe(false);
      expect(deadlines.poll(0, failure * 10 + 1000)).toBe(ResyncStep.REISSUE);
    }
    expect(deadlines.failuresOf(0)).toBe(5);
    // A fail while backing off (an answer to an attempt that already timed out) is ignored.
    deadlines.fail(0, 6000);
    expect(deadlines.fail(0, 6001)).toBe(0);
    // The next missed deadline, after this many failures, reconnects.
    expect(deadlines.poll(0, 6000 + 1000 + 1000)).toBe(ResyncStep.REISSUE);
    expect(deadlines.poll(0, 20_000)).toBe(ResyncStep.RECONNECT);
  });

  it('begin again restarts the failure count; the first-snapshot wait is not a resync until begun as one', () => {
    const deadlines = new ResyncDeadlines(3, OPTIONS, () => 0);
    deadlines.begin(2, 0, false);
    expect(deadlines.isPending(2)).toBe(true);
    expect(deadlines.isResync(2)).toBe(false);
    expect(deadlines.poll(2, 1000)).toBe(ResyncStep.TIMED_OUT);
    deadlines.begin(2, 1001, true);
    expect(deadlines.isResync(2)).toBe(true);
    expect(deadlines.failuresOf(2)).toBe(0);
    expect(deadlines.pendingCount).toBe(1);
    expect(deadlines.isResync(1)).toBe(false);
  });

  it('options: defaults, validation messages with the field, check interval', () => {
    expect(resolveResyncDeadlineOptions()).toEqual(DEFAULT_RESYNC_DEADLINE_OPTIONS);
    expect(DEFAULT_RESYNC_DEADLINE_OPTIONS.timeoutMs).toBe(RESYNC_TIMEOUT_MS);
    expect(() => resolveResyncDeadlineOptions({ timeoutMs: 0 })).toThrow('resync.timeoutMs must be a positive integer, got 0');
    expect(() => resolveResyncDeadlineOptions({ retryInitialMs: 1.5 })).toThrow('resync.retryInitialMs must be a positive integer, got 1.5');
    expect(() => resolveResyncDeadlineOptions({ retryInitialMs: 500, retryMaxMs: 100 })).toThrow('resync.retryMaxMs (100) must be at least resync.retryInitialMs (500)');
    try {
      resolveResyncDeadlineOptions({ failuresBeforeReconnect: -1 });
      expect.unreachable();
    } catch (error) {
      expect(isZvtError(error, 'ZVT_ERR_VENUE_FEED_OPTIONS')).toBe(true);
    }
    expect(resyncCheckIntervalMs(RESYNC_TIMEOUT_MS)).toBe(RESYNC_CHECK_INTERVAL_MS);
    expect(resyncCheckIntervalMs(300)).toBe(30);
    expect(resyncCheckIntervalMs(20)).toBe(10);
  });
});
