// Consumer half of the SPSC ring: batch reads with one head advance per batch.
import { alignRecord, HEAD_POSITION_OFFSET, PADDING_RECORD_TYPE, RECORD_HEADER_BYTES, ringCapacityOf, TAIL_POSITION_OFFSET } from './ring-layout.js';

/**
 * Called once per record. The payload lives in the ring and is only valid inside this callback:
 * copy what you keep, because the producer reuses the space as soon as the batch is released.
 */
export type RecordHandler = (type: number, payloadOffset: number, payloadLength: number) => void;

/** Reads the records one producer publishes, in order, each exactly once. */
export class RingConsumer {
  readonly capacity: number;
  /** Views over the whole buffer; payload offsets passed to handlers index them directly. */
  readonly u8: Uint8Array;
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly f64: Float64Array;

  private readonly mask: number;
  private readonly tailIndex: number;
  private readonly headIndex: number;
  private head: number;
  /** Position after the last record handed out by `gather`, released by `release()`. */
  private gathered: number;

  constructor(buffer: SharedArrayBuffer) {
    this.capacity = ringCapacityOf(buffer);
    this.mask = this.capacity - 1;
    this.u8 = new Uint8Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.u32 = new Uint32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.tailIndex = (this.capacity + TAIL_POSITION_OFFSET) >> 2;
    this.headIndex = (this.capacity + HEAD_POSITION_OFFSET) >> 2;
    this.head = Atomics.load(this.i32, this.headIndex);
    this.gathered = this.head;
  }

  /**
   * Hands up to `maxRecords` published records to `handler`, then releases their space with a
   * single head store. Returns how many records were handled (padding is not counted).
   */
  read(handler: RecordHandler, maxRecords: number = 0x7fffffff): number {
    const tail = Atomics.load(this.i32, this.tailIndex);
    let position = this.head;
    if (position === tail) return 0;
    const i32 = this.i32;
    const mask = this.mask;
    let count = 0;
    while (position !== tail && count < maxRecords) {
      const index = position & mask;
      const length = i32[index >> 2]!;
      const type = i32[(index >> 2) + 1]!;
      if (type === PADDING_RECORD_TYPE) {
        position = (position + length) | 0;
        continue;
      }
      handler(type, index + RECORD_HEADER_BYTES, length - RECORD_HEADER_BYTES);
      position = (position + alignRecord(length)) | 0;
      count++;
    }
    this.head = position;
    this.gathered = position;
    Atomics.store(i32, this.headIndex, position);
    return count;
  }

  /**
   * Batch read for processing outside JavaScript (the native hot path): fills `types`,
   * `offsets` and `lengths` with up to `max` published records, WITHOUT releasing them, so
   * their payloads stay intact until `release()`. One native call can then process the batch.
   * Calling `gather` again before `release` continues after the records already gathered.
   */
  gather(types: Int32Array, offsets: Int32Array, lengths: Int32Array, max: number): number {
    const tail = Atomics.load(this.i32, this.tailIndex);
    const i32 = this.i32;
    const mask = this.mask;
    const limit = Math.min(max, types.length, offsets.length, lengths.length);
    let position = this.gathered;
    let count = 0;
    while (position !== tail && count < limit) {
      const index = position & mask;
      const length = i32[index >> 2]!;
      const type = i32[(index >> 2) + 1]!;
      if (type === PADDING_RECORD_TYPE) {
        position = (position + length) | 0;
        continue;
      }
      types[count] = type;
      offsets[count] = index + RECORD_HEADER_BYTES;
      lengths[count] = length - RECORD_HEADER_BYTES;
      position = (position + alignRecord(length)) | 0;
      count++;
    }
    this.gathered = position;
    return count;
  }

  /** Releases everything gathered so far to the producer, with one head store. */
  release(): void {
    if (this.gathered === this.head) return;
    this.head = this.gathered;
    Atomics.store(this.i32, this.headIndex, this.gathered);
  }

  /** True when nothing is published beyond what was read. */
  isEmpty(): boolean {
    return Atomics.load(this.i32, this.tailIndex) === this.head;
  }

  /** Published bytes not yet read (includes framing and padding). */
  availableBytes(): number {
    return (Atomics.load(this.i32, this.tailIndex) - this.head) | 0;
  }
}
