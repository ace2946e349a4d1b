// ZvtError, the one error class of the engine, and the stable error codes of src/model.

/**
 * Every error the engine throws on purpose. `code` is stable (`ZVT_ERR_...`): operators, tests and
 * the supervisor match on it, never on the message text. Each module defines its own codes in its
 * own errors file and imports this class from here.
 */
export class ZvtError extends Error {
  readonly code: string;
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ZvtError';
    this.code = code;
    // Assigned only when given, so `'details' in error` means something (exactOptionalPropertyTypes).
    if (details !== undefined) this.details = details;
  }
}

/** True when `error` is a ZvtError, optionally with the given code. */
export function isZvtError(error: unknown, code?: string): error is ZvtError {
  return error instanceof ZvtError && (code === undefined || error.code === code);
}

/** A decimal text is not `[-]digits[.digits][(e|E)[+|-]digits]`. */
export const ZVT_ERR_DECIMAL_SYNTAX = 'ZVT_ERR_DECIMAL_SYNTAX';
/** A decimal has a nonzero digit beyond the scale it is parsed or rescaled to. */
export const ZVT_ERR_DECIMAL_PRECISION = 'ZVT_ERR_DECIMAL_PRECISION';
/** A mantissa does not fit a safe integer (|m| > Number.MAX_SAFE_INTEGER) or a bigint digit limit. */
export const ZVT_ERR_DECIMAL_OVERFLOW = 'ZVT_ERR_DECIMAL_OVERFLOW';
/** A scale (`decimals`) argument is not an integer in the supported range, or a mantissa is not a safe integer. */
export const ZVT_ERR_DECIMAL_ARGUMENT = 'ZVT_ERR_DECIMAL_ARGUMENT';
/** A byte range passed to a byte scanner lies outside its buffer. */
export const ZVT_ERR_BYTE_RANGE = 'ZVT_ERR_BYTE_RANGE';
/** A timestamp argument is not a non-negative integer, or the result does not fit an int64. */
export const ZVT_ERR_TIMESTAMP_RANGE = 'ZVT_ERR_TIMESTAMP_RANGE';
/** A venue id is not one of VENUE_IDS, or a venue code is unknown. */
export const ZVT_ERR_VENUE_UNKNOWN = 'ZVT_ERR_VENUE_UNKNOWN';
/** A canonical symbol (`BASE-QUOTE`, `BASE-QUOTE-PERP`, `BASE-QUOTE-YYYYMMDD`) is malformed. */
export const ZVT_ERR_SYMBOL_SYNTAX = 'ZVT_ERR_SYMBOL_SYNTAX';
/** A venue instrument id (`<venue>:<canonical>`) is malformed. */
export const ZVT_ERR_INSTRUMENT_ID_SYNTAX = 'ZVT_ERR_INSTRUMENT_ID_SYNTAX';
/** An instrument definition breaks a rule (bad asset code, non-positive tick, missing expiry ...). */
export const ZVT_ERR_INSTRUMENT_INVALID = 'ZVT_ERR_INSTRUMENT_INVALID';
/** Two instrument definitions share a venue instrument id or a (venue, native symbol, kind). */
export const ZVT_ERR_INSTRUMENT_DUPLICATE = 'ZVT_ERR_INSTRUMENT_DUPLICATE';
/** A lookup for an instrument that the registry does not hold. */
export const ZVT_ERR_INSTRUMENT_UNKNOWN = 'ZVT_ERR_INSTRUMENT_UNKNOWN';
/** Serialised registry data (e.g. from workerData) is not what InstrumentRegistry.toData produces. */
export const ZVT_ERR_REGISTRY_DATA = 'ZVT_ERR_REGISTRY_DATA';
/** A record type code is not one of RecordType. */
export const ZVT_ERR_RECORD_TYPE_UNKNOWN = 'ZVT_ERR_RECORD_TYPE_UNKNOWN';
/** A record field value does not fit its slot or enum (cold-path encode/decode checks). */
export const ZVT_ERR_RECORD_FIELD = 'ZVT_ERR_RECORD_FIELD';
/** A trade id is longer than TRADE_ID_MAX_BYTES or not printable ASCII. */
export const ZVT_ERR_TRADE_ID = 'ZVT_ERR_TRADE_ID';

/** A timeframe text is not one of TIMEFRAMES (`1m 5m 15m 30m 1h 4h 1d 1w 1M`; case matters: 1m ≠ 1M). */
export const ZVT_ERR_CANDLE_TIMEFRAME = 'ZVT_ERR_CANDLE_TIMEFRAME';
/** A timestamp argument is not an integer inside the supported range (±8.64e15 ms, the ECMAScript time range). */
export const ZVT_ERR_CANDLE_TIME_RANGE = 'ZVT_ERR_CANDLE_TIME_RANGE';
