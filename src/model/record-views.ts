// RecordViews: the typed-array views over one ring buffer that every record codec reads and writes.

/**
 * Four views over the same ArrayBuffer or SharedArrayBuffer, created once by the buffer's owner
 * (never per record). Codecs take `(views, offset)` where `offset` is the byte offset of a
 * payload, a multiple of 8, so `offset >>> 2` and `offset >>> 3` index the word views directly.
 */
export interface RecordViews {
  u8: Uint8Array;
  i32: Int32Array;
  u32: Uint32Array;
  f64: Float64Array;
}

/** Creates the views of `buffer`. Cold path. A tail shorter than 8 bytes is left out of the word views. */
export function createRecordViews(buffer: ArrayBuffer | SharedArrayBuffer): RecordViews {
  return {
    u8: new Uint8Array(buffer),
    i32: new Int32Array(buffer, 0, Math.floor(buffer.byteLength / 4)),
    u32: new Uint32Array(buffer, 0, Math.floor(buffer.byteLength / 4)),
    f64: new Float64Array(buffer, 0, Math.floor(buffer.byteLength / 8)),
  };
}
