// RFC 3339 UTC timestamps (`2026-08-09T21:05:48.228568804Z`) to exact epoch seconds + nanoseconds, without Date.

/*
 * Coinbase stamps messages with nine fraction digits and trades with six; a double cannot hold
 * epoch nanoseconds, and Date keeps milliseconds only, so the fields are read digit by digit and
 * the date turned into days with integer arithmetic (Howard Hinnant's days_from_civil). Both the
 * JSON.parse path (strings) and the byte scanner (frame bytes) use the same code: a string is first
 * copied into a small scratch buffer, so the two paths cannot disagree.
 *
 * Accepted: `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z`, year >= 1970, a real calendar date, seconds 0..59.
 * Anything else (offsets other than Z, lowercase t/z, leap seconds, ten fraction digits) is
 * rejected: the caller treats the frame as not understood rather than guessing.
 */

const CHAR_ZERO = 0x30;
const CHAR_DASH = 0x2d;
const CHAR_COLON = 0x3a;
const CHAR_DOT = 0x2e;
const CHAR_T = 0x54;
const CHAR_Z = 0x5a;
/** `YYYY-MM-DDTHH:MM:SSZ`. */
const MIN_LENGTH = 20;
/** With nine fraction digits and the dot. */
const MAX_LENGTH = 30;
const SECONDS_PER_DAY = 86_400;
/** 10^(9 - digits) for 0..9 fraction digits read. */
const NANOS_SCALE = [1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

/** Reusable result holder: whole epoch seconds and nanoseconds within that second. */
export class ParsedTimestamp {
  seconds = 0;
  nanos = 0;
}

const scratch = new Uint8Array(MAX_LENGTH);

/** Parses `text` into `out`; false (out untouched or partly written) when it is not the accepted form. */
export function parseIsoTimestamp(text: string, out: ParsedTimestamp): boolean {
  const length = text.length;
  if (length < MIN_LENGTH || length > MAX_LENGTH) return false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    // Non-ASCII becomes 0, which no position accepts.
    scratch[i] = code < 0x80 ? code : 0;
  }
  return parseIsoTimestampBytes(scratch, 0, length, out);
}

/** Parses ASCII bytes [start, end) into `out`; reads nothing outside that range. */
export function parseIsoTimestampBytes(bytes: Uint8Array, start: number, end: number, out: ParsedTimestamp): boolean {
  const length = end - start;
  if (length < MIN_LENGTH || length > MAX_LENGTH || start < 0 || end > bytes.length) return false;
  if (
    bytes[start + 4] !== CHAR_DASH ||
    bytes[start + 7] !== CHAR_DASH ||
    bytes[start + 10] !== CHAR_T ||
    bytes[start + 13] !== CHAR_COLON ||
    bytes[start + 16] !== CHAR_COLON ||
    bytes[end - 1] !== CHAR_Z
  ) {
    return false;
  }
  const year = digits(bytes, start, 4);
  const month = digits(bytes, start + 5, 2);
  const day = digits(bytes, start + 8, 2);
  const hour = digits(bytes, start + 11, 2);
  const minute = digits(bytes, start + 14, 2);
  const second = digits(bytes, start + 17, 2);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  let nanos = 0;
  if (length > MIN_LENGTH) {
    // A fraction: '.' then 1..9 digits before the Z.
    if (bytes[start + 19] !== CHAR_DOT) return false;
    const fractionDigits = length - MIN_LENGTH - 1;
    if (fractionDigits < 1) return false;
    const fraction = digits(bytes, start + 20, fractionDigits);
    if (fraction < 0) return false;
    nanos = fraction * NANOS_SCALE[fractionDigits]!;
  }
  out.seconds = daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
  out.nanos = nanos;
  return true;
}

/** The decimal value of `count` digit bytes at `at`, or -1 if one is not a digit. */
function digits(bytes: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = bytes[i]! - CHAR_ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (years >= 1970 here, so no negative eras). */
function daysFromCivil(year: number, month: number, day: number): number {
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
