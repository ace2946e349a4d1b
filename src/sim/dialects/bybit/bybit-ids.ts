// Bybit-shaped identifiers for the simulator's numeric ids: UUIDs on linear, long decimal strings on spot, connection ids.

/*
 * Real shapes (recorded session and the v5 docs): linear order ids and trade ids are UUIDs
 * ("06086022-7d56-4d96-953a-355530f5e009", trade "a9188a0a-82bc-50de-be60-03eedbe3cdd7"); spot
 * order ids, trade ids and execution ids are 19-digit decimal strings ("1321003749386327552",
 * "2290000001189048101", "2100000000007764263"). The simulator's ids are small integers, so each
 * text carries the integer exactly (the last UUID group, or an offset from a fixed base) and the
 * rest is a deterministic scramble: the same id always renders the same text and parses back.
 * An execution's id is the public trade id of the print it made, as on Bybit spot.
 */

export type BybitCategory = 'spot' | 'linear';

const SPOT_ORDER_BASE = 2_000_000_000_000_000_000n;
const SPOT_TRADE_BASE = 2_290_000_000_000_000_000n;
/** Largest id a UUID's last group (12 hex digits) or a spot offset carries. */
const MAX_ID = 2 ** 48 - 1;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-([0-9a-f]{12})$/;
const DECIMAL_PATTERN = /^[1-9][0-9]{0,19}$/;

/** murmur3's 32-bit finaliser: a cheap, well-mixed hash of an integer and a salt. */
function mix32(value: number, salt: number): number {
  let hash = (Math.imul(value | 0, 0x9e3779b1) ^ Math.floor(value / 2 ** 32) ^ salt) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35) >>> 0;
  return (hash ^ (hash >>> 16)) >>> 0;
}

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, '0').slice(-digits);
}

/** UUID text whose last group is `id` and whose other groups are a scramble of it (version nibble as given). */
function uuidOf(id: number, salt: number, version: number): string {
  const a = mix32(id, salt);
  const b = mix32(id, salt ^ 0x5bd1e995);
  const c = mix32(id, salt ^ 0x27d4eb2f);
  return `${hex(a, 8)}-${hex(b >>> 16, 4)}-${version}${hex(b & 0xfff, 3)}-${hex(8 + (c & 0x3), 1)}${hex(c >>> 20, 3)}-${hex(id, 12)}`;
}

function parseUuid(text: string, salt: number, version: number): number | null {
  const match = UUID_PATTERN.exec(text);
  if (match === null) return null;
  const id = Number.parseInt(match[1]!, 16);
  return id > 0 && uuidOf(id, salt, version) === text ? id : null;
}

function decimalOf(id: number, base: bigint): string {
  return (base + BigInt(id)).toString();
}

function parseDecimal(text: string, base: bigint): number | null {
  if (!DECIMAL_PATTERN.test(text)) return null;
  const offset = BigInt(text) - base;
  return offset > 0n && offset <= BigInt(MAX_ID) ? Number(offset) : null;
}

const ORDER_SALT = 0x0b7b17;
const TRADE_SALT = 0x7ade5;

/** The venue order id text of an exchange order id. */
export function bybitOrderId(category: BybitCategory, orderId: number): string {
  return category === 'spot' ? decimalOf(orderId, SPOT_ORDER_BASE) : uuidOf(orderId, ORDER_SALT, 4);
}

/** An order id text back to the exchange's id; null when it is not one this simulator issued. */
export function parseBybitOrderId(category: BybitCategory, text: string): number | null {
  return category === 'spot' ? parseDecimal(text, SPOT_ORDER_BASE) : parseUuid(text, ORDER_SALT, 4);
}

/** The public trade id (`i`, `execId`) text of a trade id; also the execution id of the fills that printed it. */
export function bybitTradeId(category: BybitCategory, tradeId: number): string {
  return category === 'spot' ? decimalOf(tradeId, SPOT_TRADE_BASE) : uuidOf(tradeId, TRADE_SALT, 5);
}

const BASE32_HEX = '0123456789abcdefghijklmnopqrstuv';
const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

function charsOf(seed: number, count: number, alphabet: string, salt: number): string {
  let text = '';
  for (let index = 0; index < count; index++) text += alphabet[mix32(seed * 64 + index, salt) % alphabet.length];
  return text;
}

/** A connection id in Bybit's shape ("d8bu1olkndm7crnfs1e0-j6akw"), distinct per sequence number. */
export function bybitConnectionId(sequence: number, salt: number): string {
  return `${charsOf(sequence, 20, BASE32_HEX, salt)}-${charsOf(sequence, 5, BASE36, salt ^ 0x3c6ef372)}`;
}

/** A private message id in Bybit's shape (hex + '-' + a UUID-like tail), distinct per sequence number. */
export function bybitMessageId(sequence: number, salt: number): string {
  return `${hex(mix32(sequence, salt), 8)}${hex(mix32(sequence, salt ^ 1) >>> 8, 6)}-${uuidOf(sequence + 1, salt ^ 2, 4).slice(9)}`;
}
