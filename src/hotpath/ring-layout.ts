// Memory layout of the single-producer single-consumer ring (DESIGN §4), as data with named offsets.
//
// One SharedArrayBuffer holds the record area followed by a trailer, the Agrona way, so that
// record offsets index the typed views directly (no base offset to add on the hot path):
//
//   0                                   capacity        +128            +256
//   +-------------------------------------+---------------+---------------+
//   |  records ...                        | tail position | head position |
//   +-------------------------------------+---------------+---------------+
//                                          (producer line)  (consumer line)
//
// Head and tail sit on separate 128-byte lines (two 64-byte cache lines, because adjacent-line
// prefetch makes 64 bytes share a fate) so producer and consumer never write the same line.
// Positions are byte counters that wrap modulo 2^32 (int32); capacity <= 2^30 keeps
// `(tail - head) | 0` exact.
//
// A record is framed as
//
//   0          4          8
//   +----------+----------+--------------------------- ... --+-- pad to 8 --+
//   | length   | type     | payload (length - 8 bytes)         |              |
//   +----------+----------+--------------------------- ... --+--------------+
//
// `length` counts header + payload (not the alignment pad); records start on 8-byte boundaries.
// A record that would cross the end of the area is preceded by a PADDING record that fills the
// area to its end, and is written at offset 0 instead.

/** Bytes of the length+type header in front of every record. */
export const RECORD_HEADER_BYTES = 8;
/** Records start on multiples of this. */
export const RECORD_ALIGNMENT = 8;
/** Type of the filler record written at wrap-around. Real record types are positive. */
export const PADDING_RECORD_TYPE = -1;

/** Bytes reserved per trailer line: two cache lines, against adjacent-line prefetch. */
export const TRAILER_LINE_BYTES = 128;
/** Byte offset of the tail (producer) position, relative to the end of the record area. */
export const TAIL_POSITION_OFFSET = 0;
/** Byte offset of the head (consumer) position, relative to the end of the record area. */
export const HEAD_POSITION_OFFSET = TRAILER_LINE_BYTES;
export const TRAILER_BYTES = 2 * TRAILER_LINE_BYTES;

export const MIN_RING_CAPACITY = 1024;
export const MAX_RING_CAPACITY = 2 ** 30;

export function isValidRingCapacity(capacityBytes: number): boolean {
  return (
    Number.isInteger(capacityBytes) &&
    capacityBytes >= MIN_RING_CAPACITY &&
    capacityBytes <= MAX_RING_CAPACITY &&
    (capacityBytes & (capacityBytes - 1)) === 0
  );
}

/** Largest payload one record may carry: an eighth of the ring, as in Agrona. */
export function maxPayloadBytes(capacityBytes: number): number {
  return capacityBytes / 8 - RECORD_HEADER_BYTES;
}

export function alignRecord(lengthBytes: number): number {
  return (lengthBytes + RECORD_ALIGNMENT - 1) & ~(RECORD_ALIGNMENT - 1);
}

/**
 * Allocates the shared memory of a ring. Cold path: called once per mailbox; the buffer is then
 * handed to the producing and the consuming thread (postMessage/workerData share it, not copy it).
 */
export function allocateRingBuffer(capacityBytes: number): SharedArrayBuffer {
  if (!isValidRingCapacity(capacityBytes)) {
    throw new RangeError(
      `ring capacity must be a power of two between ${MIN_RING_CAPACITY} and ${MAX_RING_CAPACITY} bytes (got ${capacityBytes})`,
    );
  }
  return new SharedArrayBuffer(capacityBytes + TRAILER_BYTES);
}

/** Capacity of the record area of a ring buffer made by `allocateRingBuffer`. */
export function ringCapacityOf(buffer: SharedArrayBuffer): number {
  const capacity = buffer.byteLength - TRAILER_BYTES;
  if (!isValidRingCapacity(capacity)) {
    throw new RangeError(`not a ring buffer: ${buffer.byteLength} bytes is not a power of two plus ${TRAILER_BYTES}`);
  }
  return capacity;
}
