// Allocation-free monotonic nanosecond clock shared by all threads of the engine.
import { writeEpochNsOffset } from '../model/timestamp.js';

/**
 * `process.hrtime.bigint()` is exact but allocates a bigint per call; `performance.now()` is a
 * plain double with sub-nanosecond resolution at process-lifetime magnitudes, but each worker
 * thread counts from its own origin. A MonoClock adds a per-thread offset, measured once at thread
 * start against one hrtime base shared by the whole engine (see actors/clock-calibration.ts), so
 * `now()` values from different threads are directly comparable. Values are nanoseconds since
 * that base and stay exact integers-in-doubles for ~104 days (2^53 ns).
 */
export class MonoClock {
  constructor(
    /** Nanoseconds to add to `performance.now() * 1e6` to land on the shared base. */
    readonly offsetNs: number,
    /** Half the width of the best calibration bracket: the bound on cross-thread skew. */
    readonly uncertaintyNs: number,
    /** Epoch nanoseconds of the shared base, as the two int64 words records store. */
    readonly epochBaseHi = 0,
    readonly epochBaseLo = 0,
  ) {}

  now(): number {
    return performance.now() * 1e6 + this.offsetNs;
  }

  /** Writes the current epoch time (ns) into a record timestamp slot (`words[index]`, lo then hi). */
  writeEpochNow(words: Uint32Array, index: number): void {
    writeEpochNsOffset(words, index, this.epochBaseHi, this.epochBaseLo, Math.round(this.now()));
  }
}
