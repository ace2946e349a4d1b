// Counters one venue feed keeps (cold reads for stats and /metrics; increments on the frame path).

export interface FeedCounters {
  frames: number;
  unknownFrames: number;
  venueErrors: number;
  /** Continuity breaks detected by the venue's sync rules (per symbol or per connection). */
  gaps: number;
  /** Per-symbol resynchronisations started (gap, checksum failure, overflow, reconnect). */
  resyncs: number;
  reconnects: number;
  restSnapshots: number;
  staleTimeouts: number;
  /** Resyncs whose snapshot did not come within the deadline (lost frame, refused subscription, failed or hung REST request) and were issued again. */
  resyncTimeouts: number;
}

export function createFeedCounters(): FeedCounters {
  return { frames: 0, unknownFrames: 0, venueErrors: 0, gaps: 0, resyncs: 0, reconnects: 0, restSnapshots: 0, staleTimeouts: 0, resyncTimeouts: 0 };
}
