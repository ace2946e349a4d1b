// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320: zlib's crc32), table-driven, over byte ranges.

/** The 256-entry lookup table, built once at module load. */
const CRC32_TABLE: Int32Array = buildTable();

function buildTable(): Int32Array {
  const table = new Int32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
    table[byte] = crc;
  }
  return table;
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
  const table = CRC32_TABLE;
  let value = ~crc;
  for (let index = start; index < end; index++) {
    value = (value >>> 8) ^ table[(value ^ bytes[index]!) & 0xff]!;
  }
  return ~value >>> 0;
}
