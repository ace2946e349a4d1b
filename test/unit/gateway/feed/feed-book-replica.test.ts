// The client-side sequence rule: snapshot resets, seq + 1 applies, a jump is a gap (until the next snapshot), old seqs are ignored.
import { describe, expect, it } from 'vitest';
import { FeedBookReplica } from '../../../../src/gateway/feed/feed-book-replica.js';
import type { DecodedFeedMessage, FeedLevel } from '../../../../src/gateway/feed/feed-decoder.js';

const header = { topicId: 0, tsEventNs: 0n, tsRecvNs: 0n };
const level = (price: number, size: number): FeedLevel => ({ price: BigInt(price), size: BigInt(size) });
const snapshot = (seq: number, bids: FeedLevel[], asks: FeedLevel[]): DecodedFeedMessage => ({ type: 'snapshot', ...header, seq: BigInt(seq), reason: 'subscribe', priceDecimals: 2, sizeDecimals: 0, bids, asks });
const delta = (seq: number, bids: FeedLevel[], asks: FeedLevel[] = []): DecodedFeedMessage => ({ type: 'delta', ...header, seq: BigInt(seq), bids, asks });

describe('FeedBookReplica', () => {
  it('applies snapshot then consecutive deltas, detects a gap, ignores deltas until the next snapshot', () => {
    const replica = new FeedBookReplica();
    expect(replica.apply(delta(1, [level(100, 1)]))).toBe('ignored');
    expect(replica.apply(snapshot(5, [level(100, 1), level(99, 2)], [level(101, 3)]))).toBe('applied');
    expect(replica.apply(delta(5, [level(98, 1)]))).toBe('ignored');
    expect(replica.apply(delta(6, [level(100, 0), level(97, 4)], [level(101, 5)]))).toBe('applied');
    expect(replica.top()).toEqual({ bids: [[99n, 2n], [97n, 4n]], asks: [[101n, 5n]] });
    expect(replica.apply(delta(8, [level(96, 1)]))).toBe('gap');
    expect([replica.seq, replica.gaps]).toEqual([null, 1]);
    expect(replica.apply(delta(9, [level(95, 1)]))).toBe('ignored');
    expect(replica.apply(snapshot(9, [level(90, 1)], []))).toBe('applied');
    expect(replica.apply(delta(10, [level(91, 1)]))).toBe('applied');
    expect(replica.top(1)).toEqual({ bids: [[91n, 1n]], asks: [] });
  });
});
