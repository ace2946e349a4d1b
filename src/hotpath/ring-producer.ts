// Producer half of the SPSC ring: claim a record, fill its payload in place, publish a batch.
import type { Doorbell } from './doorbell.js';
import {
  alignRecord,
  HEAD_POSITION_OFFSET,
  maxPayloadBytes,
  PADDING_RECORD_TYPE,
  RECORD_HEADER_BYTES,
  ringCapacityOf,
  TAIL_POSITION_OFFSET,
} from './ring-layout.js';
import { RING_FULL, RING_INVALID_TYPE, RING_RECORD_TOO_LARGE } from './ring-status.js';

/**
 * Writes records into a ring that exactly one thread reads.
 *
 * Usage per record: `offset = tryClaim(type, bytes)`; if `offset >= 0`, write the payload at
 * `offset` through `views`; after a batch of claims call `publish()` once. Nothing is visible
 * to the consumer before `publish()`: one release store per batch instead of one per record is
 * what gives the ring its throughput (DESIGN §4). A negative return is a status code from
 * ring-status.ts; nothing was claimed.
 */
export class RingProducer {
  readonly capacity: number;
  readonly maxPayloadBytes: number;
  /** Views over the whole buffer; payload offsets from `tryClaim` index them directly. */
  readonly u8: Uint8Array;
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly f64: Float64Array;

  private readonly mask: number;
  private readonly tailIndex: number;
  private readonly headIndex: number;
  private readonly doorbell: Doorbell | null;
  /** Position after the last claimed record (int32, wraps). */
  private claimedTail: number;
  /** Position last made visible to the consumer. */
  private publishedTail: number;
  /** Last head read from shared memory; refreshed only when the cached value says "full". */
  private headCache: number;

  constructor(buffer: SharedArrayBuffer, doorbell: Doorbell | null = null) {
    this.capacity = ringCapacityOf(buffer);
    this.maxPayloadBytes = maxPayloadBytes(this.capacity);
    this.mask = this.capacity - 1;
    this.u8 = new Uint8Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.u32 = new Uint32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.tailIndex = (this.capacity + TAIL_POSITION_OFFSET) >> 2;
    this.headIndex = (this.capacity + HEAD_POSITION_OFFSET) >> 2;
    this.doorbell = doorbell;
    // A producer re-attached after a crash continues from what was published.
    this.claimedTail = Atomics.load(this.i32, this.tailIndex);
    this.publishedTail = this.claimedTail;
    this.headCache = Atomics.load(this.i32, this.headIndex);
  }

  /** Reserves a record of `payloadBytes`; returns the payload's byte offset or a status code. */
  tryClaim(type: number, payloadBytes: number): number {
    if (type <= 0 || (type | 0) !== type) return RING_INVALID_TYPE;
    if (payloadBytes < 0 || payloadBytes > this.maxPayloadBytes) return RING_RECORD_TOO_LARGE;
    const length = RECORD_HEADER_BYTES + payloadBytes;
    const required = alignRecord(length);
    const capacity = this.capacity;
    const tail = this.claimedTail;
    const index = tail & this.mask;
    const toEnd = capacity - index;
    const total = required > toEnd ? toEnd + required : required;

    if (((tail - this.headCache) | 0) + total > capacity) {
      this.headCache = Atomics.load(this.i32, this.headIndex);
      if (((tail - this.headCache) | 0) + total > capacity) return RING_FULL;
    }

    let recordIndex = index;
    if (required > toEnd) {
      const i = index >> 2;
      this.i32[i] = toEnd;
      this.i32[i + 1] = PADDING_RECORD_TYPE;
      recordIndex = 0;
    }
    const i = recordIndex >> 2;
    this.i32[i] = length;
    this.i32[i + 1] = type;
    this.claimedTail = (tail + total) | 0;
    return recordIndex + RECORD_HEADER_BYTES;
  }

  /** Makes every claimed record visible and wakes the consumer if it is parked. */
  publish(): void {
    if (this.claimedTail === this.publishedTail) return;
    this.publishedTail = this.claimedTail;
    Atomics.store(this.i32, this.tailIndex, this.claimedTail);
    if (this.doorbell !== null) this.doorbell.ring();
  }

  /** Bytes claimed but not yet published. */
  unpublishedBytes(): number {
    return (this.claimedTail - this.publishedTail) | 0;
  }

  /** Bytes free right now (reads the consumer's head). */
  freeBytes(): number {
    this.headCache = Atomics.load(this.i32, this.headIndex);
    return this.capacity - ((this.claimedTail - this.headCache) | 0);
  }
}
