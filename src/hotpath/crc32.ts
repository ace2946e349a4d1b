// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320: zlib's crc32), table-driven slicing-by-8, over byte ranges.

/**
 * Eight 256-entry tables, built once at module load: table k (at k × 256) advances the CRC over a
 * byte followed by k zero bytes, so eight bytes fold in with eight independent lookups instead of a
 * chain of eight dependent ones (the byte-at-a-time loop is bound by load latency: ~2 ns/byte here).
 */
const TABLES: Int32Array = buildTables();

function buildTables(): Int32Array {
  const tables = new Int32Array(8 * 256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
    tables[byte] = crc;
  }
  for (let slice = 1; slice < 8; slice++) {
    for (let byte = 0; byte < 256; byte++) {
      const previous = tables[(slice - 1) * 256 + byte]!;
      tables[slice * 256 + byte] = (previous >>> 8) ^ tables[previous & 0xff]!;
    }
  }
  return tables;
}

/**
 * CRC-32 of `bytes[start, end)` as an unsigned 32-bit number (CRC32("123456789") = 0xCBF43926).
 * `| 0` of the result is the signed int32 form that OKX sends. Allocates nothing.
 */
export function crc32(bytes: Uint8Array, start: number, end: number): number {
  return crc32Update(0, bytes, start, end);
}

/**
 * Continues a CRC-32 over more bytes: `crc32Update(crc32(a), b)` equals the CRC of `a` then `b`.
 * `crc` is a previous result (signed or unsigned form); 0 starts a new checksum.
 */
export function crc32Update(crc: number, bytes: Uint8Array, start: number, end: number): number {
  const t = TABLES;
  let value = ~crc;
  let index = start;
  for (; index + 8 <= end; index += 8) {
    const low = value ^ (bytes[index]! | (bytes[index + 1]! << 8) | (bytes[index + 2]! << 16) | (bytes[index + 3]! << 24));
    const high = bytes[index + 4]! | (bytes[index + 5]! << 8) | (bytes[index + 6]! << 16) | (bytes[index + 7]! << 24);
    value =
      t[1792 + (low & 0xff)]! ^
      t[1536 + ((low >>> 8) & 0xff)]! ^
      t[1280 + ((low >>> 16) & 0xff)]! ^
      t[1024 + (low >>> 24)]! ^
      t[768 + (high & 0xff)]! ^
      t[512 + ((high >>> 8) & 0xff)]! ^
      t[256 + ((high >>> 16) & 0xff)]! ^
      t[high >>> 24]!;
  }
  for (; index < end; index++) value = (value >>> 8) ^ t[(value ^ bytes[index]!) & 0xff]!;
  return ~value >>> 0;
}
