// Coinbase order, fill and account ids: UUID text carrying the simulator's numeric ids, and back.

/*
 * Coinbase names orders, fills (entry_id) and accounts by UUID strings. The simulator numbers them;
 * the number is the UUID's last 12 hex digits under a fixed prefix per kind, so an id read back
 * from a client maps to the number without a table, and an id of another shape is simply unknown.
 * The version nibble is 4 and the variant 8, as in a random (v4) UUID.
 */

/** 48 bits: the last group holds 12 hex digits. */
const MAX_ID = 0xffff_ffff_ffff;

const PREFIXES = {
  order: '0a5e0000-0000-4000-8000-',
  fill: '0f110000-0000-4000-8000-',
  account: '0acc0000-0000-4000-8000-',
  portfolio: '0b0f0000-0000-4000-8000-',
  user: '05e70000-0000-4000-8000-',
  asset: '0a550000-0000-4000-8000-',
} as const;

export type CoinbaseIdKind = keyof typeof PREFIXES;

/** The UUID of a numeric id. */
export function coinbaseUuid(kind: CoinbaseIdKind, id: number): string {
  if (!Number.isSafeInteger(id) || id < 0 || id > MAX_ID) throw new RangeError(`id ${id} does not fit a Coinbase UUID`);
  return PREFIXES[kind] + id.toString(16).padStart(12, '0');
}

/** The numeric id in a UUID of this kind, or null for any other text. */
export function parseCoinbaseUuid(kind: CoinbaseIdKind, text: string): number | null {
  const prefix = PREFIXES[kind];
  if (text.length !== prefix.length + 12 || !text.startsWith(prefix)) return null;
  const digits = text.slice(prefix.length);
  if (!/^[0-9a-f]{12}$/.test(digits)) return null;
  return Number.parseInt(digits, 16);
}
