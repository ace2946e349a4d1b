// Error codes of src/store: the Store backends, the store spec, the recorder journal.
import { ZvtError } from '../model/errors.js';

/** The `store` setting is not `duckdb:<path>` or `questdb:<http(s) client config>` the store can use. */
export const ZVT_ERR_STORE_SPEC = 'ZVT_ERR_STORE_SPEC';
/** The database could not be opened or its tables created (file locked, server unreachable, DDL refused). */
export const ZVT_ERR_STORE_OPEN = 'ZVT_ERR_STORE_OPEN';
/** A batch was not written (nothing of it is confirmed); the caller still holds its rows and may retry. */
export const ZVT_ERR_STORE_WRITE = 'ZVT_ERR_STORE_WRITE';
/** A row value does not fit its column (a decimal beyond DECIMAL(38,18), a malformed decimal text, a bad timestamp). */
export const ZVT_ERR_STORE_VALUE = 'ZVT_ERR_STORE_VALUE';
/** A read query failed. */
export const ZVT_ERR_STORE_QUERY = 'ZVT_ERR_STORE_QUERY';
/** The store was used after close(). */
export const ZVT_ERR_STORE_CLOSED = 'ZVT_ERR_STORE_CLOSED';
/** The server lacks something the store needs (QuestDB before 9.2: no DECIMAL, no ILP protocol v3). */
export const ZVT_ERR_STORE_UNSUPPORTED = 'ZVT_ERR_STORE_UNSUPPORTED';
/** A read option the table cannot take (timeframe outside candles, venue/symbol on a table without them), or a bad limit or time bound. */
export const ZVT_ERR_STORE_READ_OPTION = 'ZVT_ERR_STORE_READ_OPTION';
/** The recorder's on-disk journal could not be written or read, or holds a corrupt batch. */
export const ZVT_ERR_STORE_JOURNAL = 'ZVT_ERR_STORE_JOURNAL';

export function storeError(code: string, message: string, details?: Record<string, unknown>): ZvtError {
  return new ZvtError(code, message, details);
}

/** Text of any thrown value, for error messages that wrap a driver's error. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Backfill and gap repair (src/store/backfill).

/** A backfill or gaps argument is invalid (unknown venue or symbol, bad dates, from ≥ to, timeframe a venue cannot serve). */
export const ZVT_ERR_BACKFILL_ARGUMENT = 'ZVT_ERR_BACKFILL_ARGUMENT';
/** A venue request failed for good: a non-retryable answer, or retries exhausted. */
export const ZVT_ERR_BACKFILL_FETCH = 'ZVT_ERR_BACKFILL_FETCH';
/** A venue answered with a body that does not have the documented shape. */
export const ZVT_ERR_BACKFILL_RESPONSE = 'ZVT_ERR_BACKFILL_RESPONSE';
