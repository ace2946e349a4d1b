// Query, path and body field readers for REST handlers: each refusal is a RestError 400 ZVT_ERR_REST_REQUEST naming the field and what it must be.
import { MAX_EPOCH_MS } from '../../model/timeframe.js';
import { ZVT_ERR_REST_REQUEST } from '../errors.js';
import { RestError } from './rest-error.js';

export function badRequest(message: string, extra: Readonly<Record<string, unknown>> = {}): RestError {
  return new RestError(400, ZVT_ERR_REST_REQUEST, message, extra);
}

/** A required query parameter (non-empty). */
export function requiredQuery(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (value === null || value === '') throw badRequest(`Query parameter ${name} is required`);
  return value;
}

/** An optional integer query parameter in [min, max]; `fallback` when absent. */
export function integerQuery(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number;
export function integerQuery(query: URLSearchParams, name: string, fallback: null, min: number, max: number): number | null;
export function integerQuery(query: URLSearchParams, name: string, fallback: number | null, min: number, max: number): number | null {
  const text = query.get(name);
  if (text === null || text === '') return fallback;
  if (!/^-?\d{1,16}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw badRequest(`Query parameter ${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(text)})`);
  }
  return Number(text) + 0;
}

/** An optional epoch-ms query parameter. */
export function epochMsQuery(query: URLSearchParams, name: string): number | null {
  return integerQuery(query, name, null, -MAX_EPOCH_MS, MAX_EPOCH_MS);
}

/** The body as a JSON object, or 400. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The body must be a JSON object');
  return body as Record<string, unknown>;
}

export function stringField(object: Record<string, unknown>, name: string, required: true): string;
export function stringField(object: Record<string, unknown>, name: string, required: false): string | undefined;
export function stringField(object: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = object[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value === '') throw badRequest(`Body field ${name} must be a non-empty string`);
  return value;
}

export function enumField<T extends string>(object: Record<string, unknown>, name: string, allowed: readonly T[], fallback?: T): T {
  const value = object[name];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw badRequest(`Body field ${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value ?? null)})`);
  }
  return value as T;
}

export function booleanField(object: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const value = object[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw badRequest(`Body field ${name} must be true or false`);
  return value;
}
