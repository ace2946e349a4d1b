// BatchEndLatencyRecorder and nsSinceEpochBase: one value per BOOK_BATCH_END of a real ring gather, into its instrument's histogram, against bigint arithmetic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateRingBuffer } from '../../../../src/hotpath/ring-layout.js';
import { RingConsumer } from '../../../../src/hotpath/ring-consumer.js';
import { RingProducer } from '../../../../src/hotpath/ring-producer.js';
import { BatchEndLatencyRecorder, nsSinceEpochBase } from '../../../../src/hotpath/metrics/batch-end-latency.js';
import { latencyBucketIndex } from '../../../../src/hotpath/metrics/latency-buckets.js';
import { LatencyHistogram, LatencyHistogramReader } from '../../../../src/hotpath/metrics/latency-histogram.js';
import { BOOK_BATCH_END_PAYLOAD_BYTES, writeBookBatchEnd } from '../../../../src/model/book-batch-end-record.js';
import { BOOK_LEVEL_PAYLOAD_BYTES, writeBookLevel } from '../../../../src/model/book-level-record.js';
import { createRecordStamps, setRecordStampsBig } from '../../../../src/model/record-header.js';
import { BookSide, RecordType } from '../../../../src/model/record-types.js';
import { splitEpochNs, writeEpochNsBig } from '../../../../src/model/timestamp.js';

const BASE = 1_763_700_000_123_456_789n;

describe('nsSinceEpochBase', () => {
  it('equals the bigint difference for any timestamp within 2^53 ns of the base', () => {
    const base = splitEpochNs(BASE);
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 52n), max: 2n ** 52n }), (delta) => {
        const words = new Uint32Array(2);
        writeEpochNsBig(words, 0, BASE + delta);
        expect(nsSinceEpochBase(words, 0, base.hi, base.lo)).toBe(Number(delta));
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('BatchEndLatencyRecorder', () => {
  it('records now − tsRecvNs once per BOOK_BATCH_END, into the histogram of its instrument, skipping instruments without one', () => {
    const buffer = allocateRingBuffer(1 << 16);
    const producer = new RingProducer(buffer);
    const stamps = createRecordStamps();
    // Received 5 µs, 40 µs and 2 ms before "now" (base + 10 ms), on instruments 1, 2 and 3 (3 has no histogram).
    const nowNs = 10_000_000;
    const updates: [number, number][] = [
      [1, 5_000],
      [2, 40_000],
      [3, 2_000_000],
      [1, 2_000_000],
    ];
    for (const [instrumentId, ageNs] of updates) {
      setRecordStampsBig(stamps, 0n, BASE + BigInt(nowNs - ageNs));
      const level = producer.tryClaim(RecordType.BOOK_LEVEL, BOOK_LEVEL_PAYLOAD_BYTES);
      writeBookLevel(producer, level, instrumentId, 0, stamps, BookSide.BID, 100, 1, 0, 0);
      const end = producer.tryClaim(RecordType.BOOK_BATCH_END, BOOK_BATCH_END_PAYLOAD_BYTES);
      writeBookBatchEnd(producer, end, instrumentId, 0, stamps, 1, 0, 1, 0);
    }
    producer.publish();
    const consumer = new RingConsumer(buffer);
    const types = new Int32Array(64);
    const offsets = new Int32Array(64);
    const count = consumer.gather(types, offsets, new Int32Array(64), 64);
    expect(count).toBe(8);

    const first = new LatencyHistogram();
    const second = new LatencyHistogram();
    const base = splitEpochNs(BASE);
    const recorder = new BatchEndLatencyRecorder([null, first, second], base.hi, base.lo);
    expect(recorder.record(consumer, types, offsets, 0, count, nowNs)).toBe(3);

    const one = new LatencyHistogramReader(first.buffer).snapshot();
    const two = new LatencyHistogramReader(second.buffer).snapshot();
    expect(one.count).toBe(2);
    expect(one.sumNs).toBe(2_005_000);
    expect(one.counts[latencyBucketIndex(5_000)]).toBe(1);
    expect(one.counts[latencyBucketIndex(2_000_000)]).toBe(1);
    expect(two.count).toBe(1);
    expect(two.sumNs).toBe(40_000);
  });
});
