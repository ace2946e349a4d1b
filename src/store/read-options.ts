// Store.read's options checked once for both backends: what each table can take, and the one shape the SQL builders read.
import { isTimeframe, TIMEFRAMES } from '../model/timeframe.js';
import { storeError, ZVT_ERR_STORE_READ_OPTION } from './errors.js';
import type { ReadOptions } from './store.js';
import { TABLES, type TableName, type TableSpec } from './store-tables.js';

/** ReadOptions after checking; `undefined` = not filtered on. */
export interface ResolvedReadOptions {
  readonly spec: TableSpec;
  readonly venue: string | undefined;
  readonly symbol: string | undefined;
  readonly fromNs: bigint | undefined;
  readonly toNs: bigint | undefined;
  readonly timeframe: string | undefined;
  readonly limit: number | undefined;
  readonly newest: boolean;
}

/**
 * Throws ZVT_ERR_STORE_READ_OPTION for an option the table cannot take or a malformed value, so
 * a caller's mistake is an error that names it rather than an empty answer or a SQL error. Values
 * are checked at run time too: options may arrive from another thread (RecorderStoreClient).
 */
export function resolveReadOptions(table: TableName, options: ReadOptions = {}): ResolvedReadOptions {
  const spec = TABLES[table];
  const has = (column: string): boolean => spec.columns.some((candidate) => candidate.column === column);
  const refuse = (message: string, option: string): never => {
    throw storeError(ZVT_ERR_STORE_READ_OPTION, `read ${table}: ${message}`, { table, option });
  };
  const text = (name: 'venue' | 'symbol' | 'timeframe'): string | undefined => {
    const value: unknown = options[name];
    if (value === undefined) return undefined;
    if (!has(name)) refuse(`${table} has no ${name} column`, name);
    if (typeof value !== 'string') refuse(`${name} must be a string (got ${typeof value})`, name);
    return value as string;
  };
  const bound = (name: 'fromNs' | 'toNs'): bigint | undefined => {
    const value: unknown = options[name];
    if (value !== undefined && typeof value !== 'bigint') refuse(`${name} must be a bigint of epoch ns (got ${typeof value})`, name);
    return value as bigint | undefined;
  };
  const venue = text('venue');
  const symbol = text('symbol');
  const timeframe = text('timeframe');
  if (timeframe !== undefined && !isTimeframe(timeframe)) refuse(`timeframe must be one of ${TIMEFRAMES.join(', ')} (got ${JSON.stringify(timeframe)})`, 'timeframe');
  const fromNs = bound('fromNs');
  const toNs = bound('toNs');
  if (fromNs !== undefined && toNs !== undefined && toNs < fromNs) refuse(`toNs (${toNs}) is before fromNs (${fromNs})`, 'toNs');
  const limit: unknown = options.limit;
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 0)) refuse(`limit must be a non-negative integer (got ${typeof limit === 'number' ? String(limit) : typeof limit})`, 'limit');
  const newest: unknown = options.newest;
  if (newest !== undefined && typeof newest !== 'boolean') refuse(`newest must be a boolean (got ${typeof newest})`, 'newest');
  return { spec, venue, symbol, fromNs, toNs, timeframe, limit: limit as number | undefined, newest: newest === true };
}
