// Reads OKX REST parameters (query string or JSON body fields) into values or the OKX parameter errors.
import { parameterEmpty, parameterError, type OkxErrorSpec } from '../errors.js';

export type Param<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: OkxErrorSpec };

const DIGITS = /^\d{1,16}$/;

/** A required non-empty parameter (50014 when missing). */
export function requiredParam(query: URLSearchParams, name: string): Param<string> {
  const value = query.get(name);
  if (value === null || value === '') return { ok: false, error: parameterEmpty(name) };
  return { ok: true, value };
}

/** An optional epoch-ms / id parameter: digits only (51000 otherwise), null when absent or empty. */
export function optionalInteger(query: URLSearchParams, name: string): Param<number | null> {
  const value = query.get(name);
  if (value === null || value === '') return { ok: true, value: null };
  if (!DIGITS.test(value)) return { ok: false, error: parameterError(name) };
  return { ok: true, value: Number(value) };
}

/** `limit`: a positive integer (51000 otherwise), the default when absent, clamped to max as OKX does. */
export function limitParam(query: URLSearchParams, defaultLimit: number, maxLimit: number): Param<number> {
  const value = query.get('limit');
  if (value === null || value === '') return { ok: true, value: defaultLimit };
  if (!DIGITS.test(value) || Number(value) === 0) return { ok: false, error: parameterError('limit') };
  return { ok: true, value: Math.min(Number(value), maxLimit) };
}
