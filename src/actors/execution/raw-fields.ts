// Typed reads of fields in a venue's raw JSON (ccxt `info`), failing with a message that names the field and the venue.
import { ZvtError } from '../../model/errors.js';
import { canonicalDecimal, isDecimalText } from './decimal-text.js';
import { ZVT_ERR_EXECUTION_RESPONSE } from './errors.js';

export type RawObject = Readonly<Record<string, unknown>>;

export function rawObject(venue: string, what: string, value: unknown): RawObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ZvtError(ZVT_ERR_EXECUTION_RESPONSE, `${venue}: ${what} is not an object: ${JSON.stringify(value)?.slice(0, 200)}`);
  }
  return value as RawObject;
}

/** A string or integer field as text (order ids are numbers on Binance, strings on OKX). */
export function rawText(venue: string, object: RawObject, field: string): string {
  const value = object[field];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw new ZvtError(ZVT_ERR_EXECUTION_RESPONSE, `${venue}: field ${field} is missing or not text in ${JSON.stringify(object).slice(0, 300)}`);
}

/** A decimal field, exact, in canonical text (Binance's "0.02000000" → "0.02"). */
export function rawDecimal(venue: string, object: RawObject, field: string): string {
  const value = rawText(venue, object, field);
  if (!isDecimalText(value)) throw new ZvtError(ZVT_ERR_EXECUTION_RESPONSE, `${venue}: field ${field} is not decimal text: ${JSON.stringify(value)}`);
  return canonicalDecimal(value);
}
