// Calibrates a thread's MonoClock against the engine-wide hrtime base (cold path, once per thread).
import { MonoClock } from '../hotpath/mono-clock.js';

/** Engine-wide time base, taken once on the main thread and handed to every worker. */
export interface ClockBase {
  hrtimeNs: bigint;
  /** Epoch nanoseconds at the moment of `hrtimeNs` (microsecond-accurate: the wall clock's resolution). */
  epochNs: bigint;
}

export function takeClockBase(): ClockBase {
  const hrtimeNs = process.hrtime.bigint();
  const epochNs = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n;
  return { hrtimeNs, epochNs };
}

/**
 * Brackets `performance.now()` between two hrtime reads many times and keeps the tightest
 * bracket; its midpoint gives the offset, its half-width the uncertainty (tens of ns here).
 */
export function calibrateMonoClock(base: ClockBase, samples = 200): MonoClock {
  let bestWidth = Number.POSITIVE_INFINITY;
  let bestOffset = 0;
  for (let i = 0; i < samples; i++) {
    const before = process.hrtime.bigint();
    const perfNs = performance.now() * 1e6;
    const after = process.hrtime.bigint();
    const width = Number(after - before);
    if (width < bestWidth) {
      bestWidth = width;
      const midpoint = Number(before - base.hrtimeNs) + width / 2;
      bestOffset = midpoint - perfNs;
    }
  }
  return new MonoClock(bestOffset, bestWidth / 2, Number(base.epochNs >> 32n) | 0, Number(base.epochNs & 0xffffffffn));
}
