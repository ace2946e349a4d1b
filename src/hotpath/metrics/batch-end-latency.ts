// Records venue-receive → now for every BOOK_BATCH_END of a gathered batch (one value per venue update), into the histogram of its instrument.
import { readInstrumentId, tsRecvNsIndex } from '../../model/record-header.js';
import { RecordType } from '../../model/record-types.js';
import type { RecordViews } from '../../model/record-views.js';
import type { LatencyHistogram } from './latency-histogram.js';

const TWO_POW_32 = 4_294_967_296;

/**
 * ns from the engine's clock base to the epoch timestamp at `words[index]` (lo, hi words as
 * timestamp.ts stores them). Every thread's MonoClock.now() counts from that same base, and
 * venue actors stamp tsRecvNs as base + now(), so `clock.now() − nsSinceEpochBase(tsRecvNs)` is
 * the time since receive on any thread, without bigint or Date.
 */
export function nsSinceEpochBase(words: Uint32Array, index: number, baseHi: number, baseLo: number): number {
  return ((words[index + 1]! | 0) - (baseHi | 0)) * TWO_POW_32 + (words[index]! - (baseLo >>> 0));
}

/**
 * One per instrument actor (or benchmark): after applyBatch of a gather, records nowNs − tsRecvNs
 * of each BOOK_BATCH_END into `histogramOf[instrumentId]` (skipped where null). nowNs is read once
 * per gather by the caller, after the apply: a value is that update's venue-receive → book-applied
 * time, ring queueing included, as DESIGN §9 asks.
 */
export class BatchEndLatencyRecorder {
  constructor(
    private readonly histogramOf: readonly (LatencyHistogram | null)[],
    private readonly epochBaseHi: number,
    private readonly epochBaseLo: number,
  ) {}

  /** Records one value per BOOK_BATCH_END among records [from, to); returns how many. */
  record(views: RecordViews, types: Int32Array, offsets: Int32Array, from: number, to: number, nowNs: number): number {
    const u32 = views.u32;
    const histogramOf = this.histogramOf;
    let recorded = 0;
    for (let i = from; i < to; i++) {
      if (types[i] !== RecordType.BOOK_BATCH_END) continue;
      const offset = offsets[i]!;
      const histogram = histogramOf[readInstrumentId(views, offset)];
      if (histogram === undefined || histogram === null) continue;
      histogram.record(nowNs - nsSinceEpochBase(u32, tsRecvNsIndex(offset), this.epochBaseHi, this.epochBaseLo));
      recorded++;
    }
    return recorded;
  }
}
