// Candle timeframes (1m … 1M) and their UTC bucket boundaries, in exact integer arithmetic.
//
// Every boundary of every timeframe is a whole minute of UTC, hence a whole millisecond. So the
// bucket of a nanosecond timestamp is decided by its floor millisecond alone, and epoch
// milliseconds are safe integers for any real date. That gives two forms:
//
//   - number functions on epoch MILLISECONDS (`bucketStartMs` …): no allocation, used by the live
//     aggregator, which reads the floor millisecond of a record's two-word tsEventNs exactly
//     (readEpochMs in src/model/timestamp.ts);
//   - bigint twins on epoch NANOSECONDS (`bucketStartNs` …) for cold callers that hold a bigint:
//     they take floor(ns / 1e6) and scale the millisecond answer back, which is exact because the
//     boundaries are whole milliseconds.
//
// Boundaries (all UTC; there is no daylight-saving time in UTC, so every day is 86 400 000 ms):
//   1m 5m 15m 30m 1h 4h 1d   multiples of the duration since 1970-01-01T00:00Z
//                            (4h buckets start at 00, 04, 08, 12, 16, 20 UTC)
//   1w                       ISO weeks: Monday 00:00Z to the next Monday (1970-01-05 was a Monday)
//   1M                       calendar months: the 1st 00:00Z to the next 1st (28 to 31 days,
//                            Gregorian leap years: 2000 and 2024 leap, 1900 and 2100 not)
//
// Inputs must be integers within ±8.64e15 ms (±100 000 000 days, the ECMAScript Date range, which
// holds the whole int64-nanosecond range 1677..2262); anything else throws ZVT_ERR_CANDLE_TIME_RANGE.
// No Date objects: months come from Howard Hinnant's days↔civil algorithms in integer arithmetic.

import { ZVT_ERR_CANDLE_TIME_RANGE, ZVT_ERR_CANDLE_TIMEFRAME, ZvtError } from './errors.js';

/** Every supported timeframe, shortest first (the spelling ccxt and most venues use). */
export const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w', '1M'] as const;

/** A candle timeframe. Case matters: `1m` is a minute, `1M` a month. */
export type Timeframe = (typeof TIMEFRAMES)[number];

/** Largest |epoch ms| the functions accept: the ECMAScript time range, ±100 000 000 days. */
export const MAX_EPOCH_MS = 8_640_000_000_000_000;

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const MS_PER_DAY = 24 * MS_PER_HOUR;
const MS_PER_WEEK = 7 * MS_PER_DAY;
const NS_PER_MS = 1_000_000n;
/** 1970-01-01 was a Thursday; ISO weeks are counted from the Monday after it, 1970-01-05. */
const WEEK_ORIGIN_MS = 4 * MS_PER_DAY;
/** Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar (Hinnant's shift). */
const DAYS_0000_03_01_TO_EPOCH = 719_468;
const DAYS_PER_ERA = 146_097;

/** Fixed bucket lengths; 1M is variable and handled apart. */
const FIXED_DURATION_MS: Readonly<Record<Exclude<Timeframe, '1M'>, number>> = {
  '1m': MS_PER_MINUTE,
  '5m': 5 * MS_PER_MINUTE,
  '15m': 15 * MS_PER_MINUTE,
  '30m': 30 * MS_PER_MINUTE,
  '1h': MS_PER_HOUR,
  '4h': 4 * MS_PER_HOUR,
  '1d': MS_PER_DAY,
  '1w': MS_PER_WEEK,
};

/** True when `value` is one of TIMEFRAMES, spelled exactly. */
export function isTimeframe(value: unknown): value is Timeframe {
  return typeof value === 'string' && (TIMEFRAMES as readonly string[]).includes(value);
}

/** Returns `text` as a Timeframe, or throws ZVT_ERR_CANDLE_TIMEFRAME naming the valid ones. */
export function parseTimeframe(text: string): Timeframe {
  if (isTimeframe(text)) return text;
  // A wrong-case minute/month is the likeliest mistake; say so rather than only listing.
  const hint = /^\d+[mM]$/.test(String(text)) ? ' (case matters: m is minutes, M is months)' : '';
  throw new ZvtError(
    ZVT_ERR_CANDLE_TIMEFRAME,
    `Timeframe ${JSON.stringify(text)} is not supported; valid timeframes are ${TIMEFRAMES.join(', ')}${hint}`,
    { timeframe: text, valid: [...TIMEFRAMES] },
  );
}

/**
 * Start (inclusive) of the UTC bucket holding `epochMs`, in epoch ms. Floors: a timestamp before
 * 1970 goes to the bucket that contains it, not towards zero. Allocates nothing.
 */
export function bucketStartMs(timeframe: Timeframe, epochMs: number): number {
  checkEpochMs(epochMs);
  if (timeframe === '1M') return monthStartMs(epochMs, 0);
  return floorToStep(epochMs, fixedDurationOf(timeframe), timeframe === '1w' ? WEEK_ORIGIN_MS : 0);
}

/** Start of the bucket after the one holding `epochMs` (= that bucket's exclusive end). */
export function nextBucketStartMs(timeframe: Timeframe, epochMs: number): number {
  checkEpochMs(epochMs);
  if (timeframe === '1M') return monthStartMs(epochMs, 1);
  const step = fixedDurationOf(timeframe);
  return floorToStep(epochMs, step, timeframe === '1w' ? WEEK_ORIGIN_MS : 0) + step;
}

/** True when `epochMs` is a bucket boundary of `timeframe`. */
export function isBucketStartMs(timeframe: Timeframe, epochMs: number): boolean {
  return bucketStartMs(timeframe, epochMs) === epochMs;
}

/** bucketStartMs for an epoch-ns bigint: the boundary as epoch ns. Cold path (bigint allocates). */
export function bucketStartNs(timeframe: Timeframe, epochNs: bigint): bigint {
  return BigInt(bucketStartMs(timeframe, floorMsOfNs(epochNs))) * NS_PER_MS;
}

/** nextBucketStartMs for an epoch-ns bigint, as epoch ns. Cold path. */
export function nextBucketStartNs(timeframe: Timeframe, epochNs: bigint): bigint {
  return BigInt(nextBucketStartMs(timeframe, floorMsOfNs(epochNs))) * NS_PER_MS;
}

/** True when the epoch-ns bigint is a bucket boundary (so in particular a whole millisecond). */
export function isBucketStartNs(timeframe: Timeframe, epochNs: bigint): boolean {
  const epochMs = floorMsOfNs(epochNs);
  return BigInt(epochMs) * NS_PER_MS === epochNs && isBucketStartMs(timeframe, epochMs);
}

/** The fixed length of a timeframe's buckets in ms, or undefined for 1M (28 to 31 days). */
export function fixedBucketDurationMs(timeframe: Timeframe): number | undefined {
  return timeframe === '1M' ? undefined : fixedDurationOf(timeframe);
}

// ---------------------------------------------------------------------------------------------

function fixedDurationOf(timeframe: Exclude<Timeframe, '1M'>): number {
  const step = FIXED_DURATION_MS[timeframe];
  // A string that is not a Timeframe can reach here from untyped JS; fail with the right code.
  if (step === undefined) parseTimeframe(timeframe);
  return step;
}

/** Largest `origin + k × step` ≤ value. Exact: every operand and result is a safe integer. */
function floorToStep(value: number, step: number, origin: number): number {
  const remainder = (value - origin) % step;
  // `%` truncates towards zero; a negative remainder means we must go one step further down.
  return remainder < 0 ? value - remainder - step : value - remainder;
}

/** floor(a / b) for integers, exact (Math.floor(a / b) can round up when a / b nears an integer). */
function floorDivide(a: number, b: number): number {
  const remainder = a % b;
  const floored = remainder < 0 ? remainder + b : remainder;
  return (a - floored) / b;
}

/** Epoch ms of the 1st 00:00Z of the month holding `epochMs`, moved by `monthsAhead` months. */
function monthStartMs(epochMs: number, monthsAhead: number): number {
  const days = floorDivide(epochMs, MS_PER_DAY);
  // civil_from_days (Hinnant): year and month of `days`, with years starting in March.
  const shifted = days + DAYS_0000_03_01_TO_EPOCH;
  const era = floorDivide(shifted, DAYS_PER_ERA);
  const dayOfEra = shifted - era * DAYS_PER_ERA; // [0, 146096]
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  ); // [0, 399]
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March … 11 = February
  const month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9; // 1..12
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  // Add the months on a zero-based month count, then back to a calendar (year, month).
  const monthCount = year * 12 + (month - 1) + monthsAhead;
  const targetYear = floorDivide(monthCount, 12);
  return daysFromCivil(targetYear, monthCount - targetYear * 12 + 1, 1) * MS_PER_DAY;
}

/** days_from_civil (Hinnant): days since 1970-01-01 of a proleptic Gregorian date, month 1..12. */
function daysFromCivil(year: number, month: number, day: number): number {
  const marchYear = month <= 2 ? year - 1 : year;
  const era = floorDivide(marchYear, 400);
  const yearOfEra = marchYear - era * 400; // [0, 399]
  const marchMonth = month > 2 ? month - 3 : month + 9; // 0 = March … 11 = February
  const dayOfYear = Math.floor((153 * marchMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_ERA + dayOfEra - DAYS_0000_03_01_TO_EPOCH;
}

function floorMsOfNs(epochNs: bigint): number {
  if (typeof epochNs !== 'bigint') throwTimeRange(epochNs, 'ns');
  // bigint division truncates towards zero; floor for timestamps before 1970.
  let epochMs = epochNs / NS_PER_MS;
  if (epochNs < 0n && epochMs * NS_PER_MS !== epochNs) epochMs -= 1n;
  if (epochMs > BigInt(MAX_EPOCH_MS) || epochMs < -BigInt(MAX_EPOCH_MS)) throwTimeRange(epochNs, 'ns');
  return Number(epochMs);
}

function checkEpochMs(epochMs: number): void {
  if (!(Number.isInteger(epochMs) && epochMs <= MAX_EPOCH_MS && epochMs >= -MAX_EPOCH_MS)) {
    throwTimeRange(epochMs, 'ms');
  }
}

function throwTimeRange(value: unknown, unit: 'ms' | 'ns'): never {
  const text = typeof value === 'bigint' ? value.toString() : String(value);
  throw new ZvtError(
    ZVT_ERR_CANDLE_TIME_RANGE,
    `Timestamp ${text} ${unit} must be an integer epoch ${unit} within ±${MAX_EPOCH_MS} ms (the ECMAScript time range)`,
    { value: text, unit },
  );
}
