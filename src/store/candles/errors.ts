// Stable error codes of src/store/candles (timeframes, live aggregator, validator); thrown as ZvtError from src/model.

// Thrown (broken invariants or bad arguments from the caller).

// Timeframe codes live with the timeframes in src/model (the simulator needs them too).
export { ZVT_ERR_CANDLE_TIME_RANGE, ZVT_ERR_CANDLE_TIMEFRAME } from '../../model/errors.js';
/** An aggregator or validator option is invalid (empty or repeated timeframes, bad scale, bad instrument count ...). */
export const ZVT_ERR_CANDLE_ARGUMENT = 'ZVT_ERR_CANDLE_ARGUMENT';
/** A trade's instrument id is outside the aggregator's 0 .. instrumentCount - 1. */
export const ZVT_ERR_CANDLE_INSTRUMENT_RANGE = 'ZVT_ERR_CANDLE_INSTRUMENT_RANGE';
/** A trade given to the aggregator has a price that is not a safe integer, or a size that is not a non-negative one. */
export const ZVT_ERR_CANDLE_TRADE_INVALID = 'ZVT_ERR_CANDLE_TRADE_INVALID';

// Reported per row by validateCandles (values, never thrown).

/** A row is not an object (untyped input from JSON). */
export const ZVT_ERR_CANDLE_ROW_INVALID = 'ZVT_ERR_CANDLE_ROW_INVALID';
/** A price or volume is not decimal text, or does not parse at the requested scale (syntax, precision or overflow). */
export const ZVT_ERR_CANDLE_DECIMAL = 'ZVT_ERR_CANDLE_DECIMAL';
/** A row's start timestamp is not an integer number of epoch milliseconds inside the supported range. */
export const ZVT_ERR_CANDLE_TIMESTAMP_INVALID = 'ZVT_ERR_CANDLE_TIMESTAMP_INVALID';
/** low > high. */
export const ZVT_ERR_CANDLE_LOW_ABOVE_HIGH = 'ZVT_ERR_CANDLE_LOW_ABOVE_HIGH';
/** open outside [low, high] (reported only when low ≤ high). */
export const ZVT_ERR_CANDLE_OPEN_OUT_OF_RANGE = 'ZVT_ERR_CANDLE_OPEN_OUT_OF_RANGE';
/** close outside [low, high] (reported only when low ≤ high). */
export const ZVT_ERR_CANDLE_CLOSE_OUT_OF_RANGE = 'ZVT_ERR_CANDLE_CLOSE_OUT_OF_RANGE';
/** volume < 0. */
export const ZVT_ERR_CANDLE_VOLUME_NEGATIVE = 'ZVT_ERR_CANDLE_VOLUME_NEGATIVE';
/** A trade count is present but is not a non-negative integer. */
export const ZVT_ERR_CANDLE_TRADE_COUNT_INVALID = 'ZVT_ERR_CANDLE_TRADE_COUNT_INVALID';
/** A row's start timestamp is not a bucket boundary of the timeframe. */
export const ZVT_ERR_CANDLE_MISALIGNED = 'ZVT_ERR_CANDLE_MISALIGNED';
/** A row's start timestamp equals that of a row already accepted. */
export const ZVT_ERR_CANDLE_DUPLICATE = 'ZVT_ERR_CANDLE_DUPLICATE';
/** A row's start timestamp is below that of the last accepted row (and equals none). */
export const ZVT_ERR_CANDLE_OUT_OF_ORDER = 'ZVT_ERR_CANDLE_OUT_OF_ORDER';
/** A row's bucket has not ended at the validator's `nowMs`: the venue's still-forming candle. */
export const ZVT_ERR_CANDLE_INCOMPLETE = 'ZVT_ERR_CANDLE_INCOMPLETE';
