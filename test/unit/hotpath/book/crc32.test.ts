// CRC-32 (IEEE, zlib's) of src/hotpath/crc32.ts against the check value and a bit-by-bit reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Update } from '../../../../src/hotpath/crc32.js';

/** The textbook bit-by-bit CRC-32: reflected polynomial 0xEDB88320, init and final xor 0xFFFFFFFF. */
function referenceCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (character) => character.charCodeAt(0));

describe('crc32', () => {
  it.each([
    ['123456789', 0xcbf43926],
    ['', 0],
    ['a', 0xe8b7be43],
    ['The quick brown fox jumps over the lazy dog', 0x414fa339],
  ])('CRC32(%j) = %i (published check values)', (text, expected) => {
    const bytes = ascii(text);
    expect(crc32(bytes, 0, bytes.length)).toBe(expected);
    expect(referenceCrc32(bytes)).toBe(expected);
  });

  it('equals the bit-by-bit reference on random byte ranges', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const start = bytes.length === 0 ? 0 : a % (bytes.length + 1);
        const end = start + (bytes.length === 0 ? 0 : b % (bytes.length - start + 1));
        expect(crc32(bytes, start, end)).toBe(referenceCrc32(bytes.subarray(start, end)));
      }),
    );
  });

  it('crc32Update continues a checksum over the next range, from either the signed or unsigned form', () => {
    const bytes = ascii('3366.1:7:3366.8:9:3366:6:3368:8');
    const whole = crc32(bytes, 0, bytes.length);
    const first = crc32(bytes, 0, 10);
    expect(crc32Update(first, bytes, 10, bytes.length)).toBe(whole);
    expect(crc32Update(first | 0, bytes, 10, bytes.length)).toBe(whole);
  });
});
