// Checked access to row fields by column spec: every backend and the journal read rows through these.
//
// Rows come from the engine but also back from the journal on disk, so nothing about their shape
// is taken on trust: a value that does not fit its column throws ZVT_ERR_STORE_VALUE, which marks
// the batch as unwritable (the writer sets it aside instead of retrying it forever).

import { formatDecimalBig } from '../model/fixed-point.js';
import { storeError, ZVT_ERR_STORE_VALUE } from './errors.js';
import type { BookLevel } from './store-rows.js';
import { DECIMAL_SCALE, type ColumnSpec, type TableName } from './store-tables.js';

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;
const INTEGER_DIGITS = 38 - DECIMAL_SCALE;
const SCALE_ZEROS = '0'.repeat(DECIMAL_SCALE);
const MAX_TIMESTAMP_NS = 2n ** 63n - 1n;
const MIN_INT32 = -(2 ** 31);
const MAX_INT32 = 2 ** 31 - 1;

/** The raw value of a row's field (undefined when absent). */
export function fieldValue(row: object, spec: ColumnSpec): unknown {
  return (row as Readonly<Record<string, unknown>>)[spec.field];
}

/** True when the field is null or absent and the column allows it. */
export function isNullField(table: TableName, row: object, spec: ColumnSpec): boolean {
  const value = fieldValue(row, spec);
  if (value !== null && value !== undefined) return false;
  if (!spec.nullable) throwValue(table, spec, value, 'a value (the column is NOT NULL)');
  return true;
}

export function textField(table: TableName, row: object, spec: ColumnSpec): string {
  const value = fieldValue(row, spec);
  if (typeof value !== 'string') throwValue(table, spec, value, 'a string');
  return value;
}

export function timestampField(table: TableName, row: object, spec: ColumnSpec): bigint {
  const value = fieldValue(row, spec);
  if (typeof value !== 'bigint' || value < 0n || value > MAX_TIMESTAMP_NS) throwValue(table, spec, value, 'epoch nanoseconds as a non-negative int64 bigint');
  return value;
}

export function integerField(table: TableName, row: object, spec: ColumnSpec): number {
  const value = fieldValue(row, spec);
  if (typeof value !== 'number' || !(spec.type === 'int' ? Number.isInteger(value) && value >= MIN_INT32 && value <= MAX_INT32 : Number.isSafeInteger(value))) {
    throwValue(table, spec, value, spec.type === 'int' ? 'a 32-bit integer' : 'a safe integer');
  }
  return value;
}

/** A decimal field as canonical text (checked to fit DECIMAL(38,18)). */
export function decimalTextField(table: TableName, row: object, spec: ColumnSpec): string {
  const value = fieldValue(row, spec);
  if (typeof value !== 'string') throwValue(table, spec, value, 'decimal text');
  return canonicalDecimal(value, () => throwValue(table, spec, value, 'decimal text that fits DECIMAL(38,18)'));
}

/** A decimal field as the scaled integer of DECIMAL(38,18) (value × 10^18). */
export function decimalScaledField(table: TableName, row: object, spec: ColumnSpec): bigint {
  const value = fieldValue(row, spec);
  if (typeof value !== 'string') throwValue(table, spec, value, 'decimal text');
  return decimalToScaled(value, () => throwValue(table, spec, value, 'decimal text that fits DECIMAL(38,18)'));
}

export function levelsField(table: TableName, row: object, spec: ColumnSpec): readonly BookLevel[] {
  const value = fieldValue(row, spec);
  const ok = Array.isArray(value) && value.every((level: unknown) => Array.isArray(level) && level.length === 2 && typeof level[0] === 'string' && typeof level[1] === 'string');
  if (!ok) throwValue(table, spec, value, 'a list of [price, size] decimal text pairs');
  return value as readonly BookLevel[];
}

/**
 * Canonical form of decimal text: no leading zeros, no trailing fraction zeros, no '-0'. Calls
 * `fail` for text that is not `[-]digits[.digits]` or does not fit DECIMAL(38,18) exactly.
 */
export function canonicalDecimal(text: string, fail: () => never): string {
  const match = DECIMAL_TEXT.exec(text);
  if (match === null) fail();
  const negative = match[1] === '-';
  let integer = match[2]!;
  let fraction = match[3] ?? '';
  let start = 0;
  while (start < integer.length - 1 && integer.charCodeAt(start) === 48) start++;
  if (start > 0) integer = integer.slice(start);
  let end = fraction.length;
  while (end > 0 && fraction.charCodeAt(end - 1) === 48) end--;
  if (end < fraction.length) fraction = fraction.slice(0, end);
  if (integer.length > INTEGER_DIGITS || fraction.length > DECIMAL_SCALE) fail();
  const magnitude = fraction.length === 0 ? integer : `${integer}.${fraction}`;
  return negative && magnitude !== '0' ? `-${magnitude}` : magnitude;
}

/** Decimal text → value × 10^18 as bigint, exactly; `fail` if it does not fit DECIMAL(38,18). */
export function decimalToScaled(text: string, fail: () => never): bigint {
  const match = DECIMAL_TEXT.exec(text);
  if (match === null) fail();
  const integer = match[2]!;
  let fraction = match[3] ?? '';
  if (fraction.length > DECIMAL_SCALE) {
    // Digits beyond the scale are allowed only if they are zeros: nothing is ever rounded.
    for (let index = DECIMAL_SCALE; index < fraction.length; index++) if (fraction.charCodeAt(index) !== 48) fail();
    fraction = fraction.slice(0, DECIMAL_SCALE);
  }
  let start = 0;
  while (start < integer.length - 1 && integer.charCodeAt(start) === 48) start++;
  if (integer.length - start > INTEGER_DIGITS) fail();
  const scaled = BigInt(integer + fraction + SCALE_ZEROS.slice(fraction.length));
  return match[1] === '-' ? -scaled : scaled;
}

/** DECIMAL(38,18) scaled integer → canonical decimal text. */
export function scaledToDecimal(scaled: bigint): string {
  return formatDecimalBig(scaled, DECIMAL_SCALE);
}

function throwValue(table: TableName, spec: ColumnSpec, value: unknown, expected: string): never {
  const shown = typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? String(value));
  throw storeError(ZVT_ERR_STORE_VALUE, `${table}.${spec.column} must be ${expected} (got ${shown.length > 80 ? `${shown.slice(0, 80)}...` : shown})`, { table, column: spec.column });
}
