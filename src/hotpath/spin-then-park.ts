// Idle strategy for ring consumers: spin a configurable budget, then park on the doorbell.
import type { Doorbell } from './doorbell.js';

/**
 * Spinning keeps one-way latency near the cost of a cache-line transfer (~150 ns here) but burns
 * a core; parking frees the core but waking a parked thread costs tens of microseconds. The spin
 * budget is the knob between the two (DESIGN §4); `bench/suites/ring.ts` measures both ends.
 *
 * Usage in a consumer loop: after a poll that did work call `onWork()`; after an empty poll call
 * `idle(hasWork)`, where `hasWork` re-checks every input ring (create it once, not per call).
 */
export class SpinThenPark {
  /** Times the consumer went to sleep. */
  parks = 0;
  /** Parks that ended because a producer rang (not by timeout). */
  wakeups = 0;
  /** Parks that ended by timeout. */
  timeouts = 0;
  private spins = 0;

  constructor(
    private readonly doorbell: Doorbell,
    readonly spinIterations: number,
    readonly parkTimeoutMs: number,
  ) {}

  onWork(): void {
    this.spins = 0;
  }

  /** Spins or parks the thread; returns true when it parked (a good moment to yield). */
  idle(hasWork: () => boolean): boolean {
    if (this.spins < this.spinIterations) {
      this.spins++;
      return false;
    }
    const seq = this.doorbell.prepareToPark();
    if (hasWork()) {
      this.doorbell.cancelPark();
      this.spins = 0;
      return false;
    }
    this.parks++;
    if (this.doorbell.park(seq, this.parkTimeoutMs)) this.wakeups++;
    else this.timeouts++;
    this.spins = 0;
    return true;
  }

  /**
   * For threads whose event loop must keep running: spins like `idle`, but instead of blocking
   * returns a promise that settles when rung or timed out. Returns null when it did not park.
   */
  idleAsync(hasWork: () => boolean): Promise<void> | null {
    if (this.spins < this.spinIterations) {
      this.spins++;
      return null;
    }
    const seq = this.doorbell.prepareToPark();
    if (hasWork()) {
      this.doorbell.cancelPark();
      this.spins = 0;
      return null;
    }
    this.parks++;
    this.spins = 0;
    return this.doorbell.parkAsync(seq, this.parkTimeoutMs).then((woken) => {
      if (woken) this.wakeups++;
      else this.timeouts++;
    });
  }
}
