// A book written as records: SNAPSHOT_BEGIN, its top levels (bids then asks, best first), SNAPSHOT_END — for the recorder and the gateway rings.
import type { BookEngine } from '../hotpath/book/book-engine.js';
import type { RingProducer } from '../hotpath/ring-producer.js';
import { alignRecord, RECORD_HEADER_BYTES } from '../hotpath/ring-layout.js';
import { BOOK_LEVEL_PAYLOAD_BYTES, writeBookLevel } from '../model/book-level-record.js';
import type { RecordStamps } from '../model/record-header.js';
import { BookSide, RecordType } from '../model/record-types.js';
import { SNAPSHOT_BEGIN_PAYLOAD_BYTES, writeSnapshotBegin } from '../model/snapshot-begin-record.js';
import { SNAPSHOT_END_PAYLOAD_BYTES, writeSnapshotEnd } from '../model/snapshot-end-record.js';

/** Ring space a snapshot of `depth` levels a side can need, with one wrap's padding before its largest record. */
export function bookSnapshotBytes(depth: number): number {
  return (
    alignRecord(RECORD_HEADER_BYTES + SNAPSHOT_BEGIN_PAYLOAD_BYTES) +
    2 * depth * alignRecord(RECORD_HEADER_BYTES + BOOK_LEVEL_PAYLOAD_BYTES) +
    2 * alignRecord(RECORD_HEADER_BYTES + SNAPSHOT_END_PAYLOAD_BYTES)
  );
}

/**
 * Writes book `id`'s top `depth` levels a side (caller checked bookSnapshotBytes(depth) is free;
 * `prices`/`sizes` are scratch of at least `depth`); SNAPSHOT_END's levelCount counts both sides.
 * Does not publish. Returns the levels written.
 */
export function writeBookSnapshotRecords(
  producer: RingProducer,
  engine: BookEngine,
  id: number,
  flags: number,
  stamps: RecordStamps,
  depth: number,
  prices: Float64Array,
  sizes: Float64Array,
): number {
  const sequence = engine.lastSequence(id);
  writeSnapshotBegin(producer, producer.tryClaim(RecordType.SNAPSHOT_BEGIN, SNAPSHOT_BEGIN_PAYLOAD_BYTES), id, flags, stamps, sequence);
  const bids = writeSide(producer, engine, id, BookSide.BID, flags, stamps, depth, prices, sizes);
  const asks = writeSide(producer, engine, id, BookSide.ASK, flags, stamps, depth, prices, sizes);
  writeSnapshotEnd(producer, producer.tryClaim(RecordType.SNAPSHOT_END, SNAPSHOT_END_PAYLOAD_BYTES), id, flags, stamps, sequence, bids + asks, 0);
  return bids + asks;
}

function writeSide(producer: RingProducer, engine: BookEngine, id: number, side: BookSide, flags: number, stamps: RecordStamps, depth: number, prices: Float64Array, sizes: Float64Array): number {
  const count = engine.copyTop(id, side, depth, prices, sizes);
  for (let level = 0; level < count; level++) {
    writeBookLevel(producer, producer.tryClaim(RecordType.BOOK_LEVEL, BOOK_LEVEL_PAYLOAD_BYTES), id, flags, stamps, side, prices[level]!, sizes[level]!, 0, 0);
  }
  return count;
}
