// FeedBookReplica: a client's copy of one book topic, rebuilt from Snapshot + Delta messages, with the sequence (gap) rule of docs/feed.md.
import type { DecodedFeedMessage, FeedLevel } from './feed-decoder.js';

/** What apply() did with a message. */
export type ReplicaOutcome =
  /** A snapshot replaced the book, or a delta with seq = previous + 1 was applied. */
  | 'applied'
  /** A delta's seq skipped ahead: the book is no longer trusted; ask for a snapshot ({"op":"snapshot"}). */
  | 'gap'
  /** Nothing to do: a delta while waiting for a snapshot, an old seq, or another message type. */
  | 'ignored';

/*
 * The rule a client implements (any language): keep `seq` of the last applied message; a Snapshot
 * replaces the book and sets seq; a Delta with seq = seq + 1 is applied; a Delta with a larger seq
 * means messages were lost: drop the book's trust, request a snapshot and ignore deltas until it
 * arrives; a Delta with seq ≤ seq is old and ignored. Size 0 deletes a level.
 */
export class FeedBookReplica {
  readonly bids = new Map<bigint, bigint>();
  readonly asks = new Map<bigint, bigint>();
  /** Seq of the last applied message; null before the first snapshot and after a gap. */
  seq: bigint | null = null;
  gaps = 0;

  apply(message: DecodedFeedMessage): ReplicaOutcome {
    if (message.type === 'snapshot') {
      this.bids.clear();
      this.asks.clear();
      for (const level of message.bids) this.bids.set(level.price, level.size);
      for (const level of message.asks) this.asks.set(level.price, level.size);
      this.seq = message.seq;
      return 'applied';
    }
    if (message.type !== 'delta' || this.seq === null || message.seq <= this.seq) return 'ignored';
    if (message.seq !== this.seq + 1n) {
      this.seq = null;
      this.gaps++;
      return 'gap';
    }
    applyLevels(this.bids, message.bids);
    applyLevels(this.asks, message.asks);
    this.seq = message.seq;
    return 'applied';
  }

  /** The best `count` levels a side (all by default), best first, as [price, size] pairs. */
  top(count = Number.POSITIVE_INFINITY): { bids: [bigint, bigint][]; asks: [bigint, bigint][] } {
    const sorted = (levels: Map<bigint, bigint>, descending: boolean): [bigint, bigint][] =>
      [...levels.entries()].sort(([left], [right]) => (left === right ? 0 : (left < right) !== descending ? -1 : 1)).slice(0, count);
    return { bids: sorted(this.bids, true), asks: sorted(this.asks, false) };
  }
}

function applyLevels(levels: Map<bigint, bigint>, changes: readonly FeedLevel[]): void {
  for (const { price, size } of changes) {
    if (size === 0n) levels.delete(price);
    else levels.set(price, size);
  }
}
