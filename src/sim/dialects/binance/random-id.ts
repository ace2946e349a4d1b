// Random identifiers in Binance's shapes: 22-character client order ids, 60-character listenKeys.
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` letters and digits. */
export function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let text = '';
  // 248 = 4 × 62: bytes at or above it would bias the draw, so they are replaced.
  for (let index = 0; index < length; index++) {
    let byte = bytes[index]!;
    while (byte >= 248) byte = randomBytes(1)[0]!;
    text += ALPHABET[byte % 62];
  }
  return text;
}
