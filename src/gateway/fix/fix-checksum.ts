// FIX CheckSum (10): the sum of every byte before "10=", modulo 256, written as three digits.

/** Sum of bytes[start..end) modulo 256. */
export function fixChecksum(bytes: Uint8Array, start: number, end: number): number {
  let sum = 0;
  for (let index = start; index < end; index++) sum += bytes[index]!;
  return sum & 0xff;
}

/** The three-digit text of a checksum ("007"). */
export function checksumText(checksum: number): string {
  return checksum < 10 ? `00${checksum}` : checksum < 100 ? `0${checksum}` : `${checksum}`;
}
