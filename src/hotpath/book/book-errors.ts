// Stable error codes of the book engines (src/hotpath/book). Cold path only: the hot path returns values.
import { ZvtError } from '../../model/errors.js';

/** addBook / addConsolidated options break a rule (maxDepth range, tick size, fee, member count ...). */
export const ZVT_ERR_BOOK_INVALID = 'ZVT_ERR_BOOK_INVALID';
/** addBook with an instrument id, or addConsolidated with a group id, that is already registered. */
export const ZVT_ERR_BOOK_DUPLICATE = 'ZVT_ERR_BOOK_DUPLICATE';
/** A query or a consolidated member names an instrument or group that was never added. */
export const ZVT_ERR_BOOK_UNKNOWN = 'ZVT_ERR_BOOK_UNKNOWN';

export function throwBookInvalid(message: string, details: Record<string, unknown>): never {
  throw new ZvtError(ZVT_ERR_BOOK_INVALID, message, details);
}

export function throwBookDuplicate(message: string, details: Record<string, unknown>): never {
  throw new ZvtError(ZVT_ERR_BOOK_DUPLICATE, message, details);
}

export function throwBookUnknown(message: string, details: Record<string, unknown>): never {
  throw new ZvtError(ZVT_ERR_BOOK_UNKNOWN, message, details);
}
