// Deterministic identifiers and secrets from a seed: SHA-256 of a labelled seed, rendered in the alphabets venues use.
import { createHash } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * `length` bytes derived from (seed, label): SHA-256 in counter mode. Not a secret generator: the
 * simulator's demo credentials are meant to be reproducible from the seed.
 */
export function seededBytes(seed: number, label: string, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * 32 < length; counter++) {
    blocks.push(createHash('sha256').update(`zvt-sim:${seed}:${label}:${counter}`).digest());
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** Letters and digits. The 62-symbol alphabet's bias from `byte % 62` does not matter for ids. */
export function seededAlphanumeric(seed: number, label: string, length: number): string {
  const bytes = seededBytes(seed, label, length);
  let text = '';
  for (const byte of bytes) text += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return text;
}

export function seededHex(seed: number, label: string, length: number): string {
  return seededBytes(seed, label, Math.ceil(length / 2)).toString('hex').slice(0, length);
}

/** An RFC 4122 version-4-shaped UUID (lower-case hex). */
export function seededUuid(seed: number, label: string): string {
  const bytes = Buffer.from(seededBytes(seed, label, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A non-negative integer below `bound` (≤ 2^48) from (seed, label). */
export function seededInteger(seed: number, label: string, bound: number): number {
  return seededBytes(seed, label, 6).readUIntBE(0, 6) % bound;
}
