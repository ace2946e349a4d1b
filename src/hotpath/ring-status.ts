// Status codes returned by ring operations instead of exceptions (Agrona style): callers act on them.

/** The ring has no room for the record now; the consumer has not caught up. Retry or shed load. */
export const RING_FULL = -2;
/** The record can never fit: its payload exceeds the ring's maximum record size. */
export const RING_RECORD_TOO_LARGE = -3;
/** The record type is not a positive integer (0 and negatives are reserved for framing). */
export const RING_INVALID_TYPE = -4;

export function ringStatusName(status: number): string {
  switch (status) {
    case RING_FULL:
      return 'RING_FULL';
    case RING_RECORD_TOO_LARGE:
      return 'RING_RECORD_TOO_LARGE';
    case RING_INVALID_TYPE:
      return 'RING_INVALID_TYPE';
    default:
      return status >= 0 ? 'OK' : `UNKNOWN(${status})`;
  }
}
