// The engine's hot-path latency histograms: shared memory allocated once per engine, handed to the writing actors, read (and widened) on the main thread.
import { LatencyHistogram, LatencyHistogramReader, allocateLatencyHistogram } from '../hotpath/metrics/latency-histogram.js';
import type { LatencySnapshot } from '../hotpath/metrics/latency-snapshot.js';
import type { MonoClock } from '../hotpath/mono-clock.js';
import { calibrateMonoClock, type ClockBase } from './clock-calibration.js';

/** One instrument actor's book-apply histogram for one venue (the actor is its only writer). */
export interface BookApplyLatencyLink {
  venue: string;
  histogram: SharedArrayBuffer;
}

/** What an instrument actor gets in its params to record book-apply latency. */
export interface InstrumentLatencyParams {
  bookApply: BookApplyLatencyLink[];
}

/** The widened counts must be folded before any u32 bucket can wrap twice: every 10 s is ample (latency-histogram.ts). */
const FOLD_INTERVAL_MS = 10_000;

/*
 * Stages (DESIGN §9) and where they are recorded:
 * - book apply: venue receive (tsRecvNs) → the update applied to the instrument actor's book.
 *   Written by each instrument actor, one histogram per (actor, venue), because a histogram has
 *   exactly one writer; read here and summed per venue.
 * - feed publish: venue receive → the update's delta handed to the feed hub (FeedBridge, main
 *   thread); one histogram per venue, written on the main thread.
 * Both measure against tsRecvNs, stamped by the venue actor as base + its MonoClock; `clock` is the
 * main thread's MonoClock calibrated against the same base, so main-thread differences are
 * comparable with the workers' (skew bounded by the calibration uncertainty: tens of ns).
 */
export class EngineLatencyHistograms {
  private mainClock: MonoClock | null = null;
  private readonly bookApply: { canonical: string; venue: string; reader: LatencyHistogramReader }[] = [];
  private readonly feedPublishWriters = new Map<string, LatencyHistogram>();
  private readonly feedPublishReaders = new Map<string, LatencyHistogramReader>();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.poll(), FOLD_INTERVAL_MS).unref();
  }

  /** Calibrates the main thread's clock against the supervisor's time base (once, when the supervisor exists). */
  calibrate(clockBase: ClockBase): void {
    this.mainClock = calibrateMonoClock(clockBase);
  }

  /** The main thread's clock on the engine's time base. */
  get clock(): MonoClock {
    if (this.mainClock === null) throw new Error('EngineLatencyHistograms: calibrate() was not called');
    return this.mainClock;
  }

  /** Allocates the book-apply histograms of one instrument actor (cold path, before the actors start): its params. */
  allocateInstrument(canonical: string, venues: readonly string[]): InstrumentLatencyParams {
    const bookApply = venues.map((venue) => {
      const histogram = allocateLatencyHistogram();
      this.bookApply.push({ canonical, venue, reader: new LatencyHistogramReader(histogram) });
      return { venue, histogram };
    });
    return { bookApply };
  }

  /** The main-thread writer of a venue's feed-publish histogram (one per venue; the FeedBridge records into it). */
  feedPublish(venue: string): LatencyHistogram {
    let writer = this.feedPublishWriters.get(venue);
    if (writer === undefined) {
      writer = new LatencyHistogram();
      this.feedPublishWriters.set(venue, writer);
      this.feedPublishReaders.set(venue, new LatencyHistogramReader(writer.buffer));
    }
    return writer;
  }

  /** Book-apply latency per venue, summed over the instrument actors. */
  bookApplyByVenue(): Map<string, LatencySnapshot> {
    const byVenue = new Map<string, LatencySnapshot>();
    for (const entry of this.bookApply) {
      const snapshot = entry.reader.snapshot();
      const total = byVenue.get(entry.venue);
      if (total === undefined) byVenue.set(entry.venue, snapshot);
      else total.add(snapshot);
    }
    return byVenue;
  }

  /** Feed-publish latency per venue (venues whose bridge recorded anything, or asked for a writer). */
  feedPublishByVenue(): Map<string, LatencySnapshot> {
    return new Map([...this.feedPublishReaders].map(([venue, reader]) => [venue, reader.snapshot()]));
  }

  /** Folds every histogram's u32 counts into the widened ones (the timer does this; snapshots do too). */
  poll(): void {
    for (const entry of this.bookApply) entry.reader.poll();
    for (const reader of this.feedPublishReaders.values()) reader.poll();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
