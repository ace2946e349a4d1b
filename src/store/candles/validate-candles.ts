// validateCandles: checks a venue's decimal-text candles of one (venue, symbol, timeframe); returns valid rows and per-row errors.
//
// Input rows are what venue REST APIs send (Binance klines, OKX and Bybit candles, reached raw or
// through ccxt's implicit API methods): a start time in epoch ms and decimal TEXT for prices and
// volume. Text is parsed straight to integer mantissas with src/model's fixed-point parsers, never
// through a float, so ccxt's unified fetchOHLCV (numbers) is refused field by field: a float has
// already lost the venue's digits.
//
// Scale is per call: `priceDecimals` and `sizeDecimals` are the instrument's (InstrumentRegistry),
// the scales the engine stores and compares at. A row with a digit beyond them is reported
// (ZVT_ERR_CANDLE_DECIMAL), never rounded. Per-row scale inference would accept rows that cannot
// be stored next to the engine's own candles without rescaling.
//
// Rules, each with a stable code (errors.ts), every broken rule of a row reported: row is an object ·
//   decimal text at scale · integer timestamp in range · low ≤ high · low ≤ open ≤ high ·
//   low ≤ close ≤ high · volume ≥ 0 · trade count (when present) a non-negative integer ·
//   start on a bucket boundary · not a duplicate of an accepted row · after the last accepted row ·
//   (with `nowMs`) bucket ended by now.
// Order is judged against ACCEPTED rows only, so the valid output is always strictly increasing
// and a rejected row cannot make its successors look wrong. A row is valid when it breaks no rule;
// invalid rows are reported, not returned as data.

import { ZvtError } from '../../model/errors.js';
import { MAX_BIG_DECIMALS, MAX_DECIMALS, parseDecimal, parseDecimalBig } from '../../model/fixed-point.js';
import {
  ZVT_ERR_CANDLE_ARGUMENT,
  ZVT_ERR_CANDLE_CLOSE_OUT_OF_RANGE,
  ZVT_ERR_CANDLE_DECIMAL,
  ZVT_ERR_CANDLE_DUPLICATE,
  ZVT_ERR_CANDLE_INCOMPLETE,
  ZVT_ERR_CANDLE_LOW_ABOVE_HIGH,
  ZVT_ERR_CANDLE_MISALIGNED,
  ZVT_ERR_CANDLE_OPEN_OUT_OF_RANGE,
  ZVT_ERR_CANDLE_OUT_OF_ORDER,
  ZVT_ERR_CANDLE_ROW_INVALID,
  ZVT_ERR_CANDLE_TIMESTAMP_INVALID,
  ZVT_ERR_CANDLE_TRADE_COUNT_INVALID,
  ZVT_ERR_CANDLE_VOLUME_NEGATIVE,
} from './errors.js';
import {
  bucketStartMs,
  isBucketStartMs,
  MAX_EPOCH_MS,
  nextBucketStartMs,
  parseTimeframe,
} from '../../model/timeframe.js';

/** One candle as a venue returns it: start time in epoch ms, prices and volume as decimal text. */
export interface DecimalCandleRow {
  /** Bucket start, epoch ms: a number (Binance, ccxt) or integer text (OKX, Bybit). */
  readonly tsStartMs: number | string;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  /** Base-asset volume, at the instrument's size scale. */
  readonly volume: string;
  /** Number of trades, where the venue sends it (Binance); absent means "not sent", not zero. */
  readonly tradeCount?: number | string | undefined;
}

export interface CandleValidationOptions {
  /** The timeframe every row must belong to (one of TIMEFRAMES). */
  readonly timeframe: string;
  /** The instrument's price scale: open/high/low/close are parsed to mantissas at it. */
  readonly priceDecimals: number;
  /** The instrument's size scale: volume is parsed to a bigint mantissa at it. */
  readonly sizeDecimals: number;
  /** Names the series in messages, e.g. `binance:BTC-USDT` (the `<venue>:<canonical>` id). */
  readonly instrument?: string;
  /**
   * When given (epoch ms), a row whose bucket has not ended by then is ZVT_ERR_CANDLE_INCOMPLETE:
   * REST APIs return the still-forming candle last, and storing it would freeze a partial bar.
   */
  readonly nowMs?: number;
}

/** A row that passed every rule, parsed to fixed-point. */
export interface ValidCandleRow {
  /** Position of the row in the input. */
  readonly rowIndex: number;
  readonly tsStartMs: number;
  /** Exclusive end (next bucket start), epoch ms. */
  readonly tsEndMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: bigint;
  /** Present only when the row had one. */
  readonly tradeCount?: number;
}

/** One broken rule of one row. */
export interface CandleRowError {
  /** A ZVT_ERR_CANDLE_* code from errors.ts. */
  readonly code: string;
  readonly rowIndex: number;
  /** The row's start time as given (unparsed, so a broken one can be shown). */
  readonly tsStartMs: unknown;
  /** Names the series, the row (index and time) and the rule. */
  readonly message: string;
}

export interface CandleValidationResult {
  /** Valid rows in input order; their tsStartMs are strictly increasing. */
  readonly valid: ValidCandleRow[];
  /** Every broken rule, in row order; a row may have several. */
  readonly errors: CandleRowError[];
}

/**
 * Validates `rows` of one (venue, symbol, timeframe) series. Throws ZvtError only for bad
 * arguments (unknown timeframe ZVT_ERR_CANDLE_TIMEFRAME; bad scales, nowMs or rows
 * ZVT_ERR_CANDLE_ARGUMENT); bad rows are returned in `errors`, never thrown.
 */
export function validateCandles(
  rows: readonly DecimalCandleRow[],
  options: CandleValidationOptions,
): CandleValidationResult {
  const timeframe = parseTimeframe(options.timeframe);
  const { priceDecimals, sizeDecimals, nowMs } = options;
  if (!(Number.isInteger(priceDecimals) && priceDecimals >= 0 && priceDecimals <= MAX_DECIMALS)) {
    throwArgument(`priceDecimals must be an integer from 0 to ${MAX_DECIMALS} (got ${String(priceDecimals)})`, {
      priceDecimals,
    });
  }
  if (!(Number.isInteger(sizeDecimals) && sizeDecimals >= 0 && sizeDecimals <= MAX_BIG_DECIMALS)) {
    throwArgument(`sizeDecimals must be an integer from 0 to ${MAX_BIG_DECIMALS} (got ${String(sizeDecimals)})`, {
      sizeDecimals,
    });
  }
  if (nowMs !== undefined && !isEpochMs(nowMs)) {
    throwArgument(`nowMs must be an integer epoch ms within ±${MAX_EPOCH_MS} (got ${String(nowMs)})`, { nowMs });
  }
  const rowsValue: unknown = rows;
  if (!Array.isArray(rowsValue)) throwArgument('rows must be an array of candle rows', {});

  const series = `${options.instrument ?? 'candles'} ${timeframe}`;
  const valid: ValidCandleRow[] = [];
  const errors: CandleRowError[] = [];
  const acceptedStarts = new Set<number>();
  let lastAcceptedMs = Number.NEGATIVE_INFINITY;

  for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
    const row = rows[rowIndex]!;
    const errorCountBefore = errors.length;
    const rawStart: unknown = isObject(row) ? row.tsStartMs : undefined;
    const where = `Row ${rowIndex} (tsStartMs ${describeStart(rawStart)}) of ${series}`;
    const report = (code: string, rule: string): void => {
      errors.push({ code, rowIndex, tsStartMs: rawStart, message: `${where}: ${rule}` });
    };
    if (!isObject(row)) {
      report(ZVT_ERR_CANDLE_ROW_INVALID, `is ${describeValue(row)}, not a candle object`);
      continue;
    }

    const startMs = parseStartMs(rawStart);
    if (startMs === undefined) {
      report(ZVT_ERR_CANDLE_TIMESTAMP_INVALID, `tsStartMs must be an integer epoch ms within ±${MAX_EPOCH_MS} (integer text allowed)`);
    }
    const open = parsePrice(row.open, 'open', priceDecimals, report);
    const high = parsePrice(row.high, 'high', priceDecimals, report);
    const low = parsePrice(row.low, 'low', priceDecimals, report);
    const close = parsePrice(row.close, 'close', priceDecimals, report);
    const volume = parseVolume(row.volume, sizeDecimals, report);
    const tradeCount = parseTradeCount(row.tradeCount, report);

    if (low !== undefined && high !== undefined) {
      if (low > high) {
        // Open and close cannot then lie in [low, high]; one root cause, one error.
        report(ZVT_ERR_CANDLE_LOW_ABOVE_HIGH, `low ${row.low} is above high ${row.high} (rule: low ≤ high)`);
      } else {
        if (open !== undefined && (open < low || open > high)) {
          report(
            ZVT_ERR_CANDLE_OPEN_OUT_OF_RANGE,
            `open ${row.open} is ${open < low ? `below low ${row.low}` : `above high ${row.high}`} (rule: low ≤ open ≤ high)`,
          );
        }
        if (close !== undefined && (close < low || close > high)) {
          report(
            ZVT_ERR_CANDLE_CLOSE_OUT_OF_RANGE,
            `close ${row.close} is ${close < low ? `below low ${row.low}` : `above high ${row.high}`} (rule: low ≤ close ≤ high)`,
          );
        }
      }
    }
    if (volume !== undefined && volume < 0n) {
      report(ZVT_ERR_CANDLE_VOLUME_NEGATIVE, `volume ${row.volume} is negative (rule: volume ≥ 0)`);
    }

    let endMs = Number.NaN;
    if (startMs !== undefined) {
      endMs = nextBucketStartMs(timeframe, startMs);
      if (!isBucketStartMs(timeframe, startMs)) {
        report(
          ZVT_ERR_CANDLE_MISALIGNED,
          `tsStartMs is not a ${timeframe} boundary; its bucket starts at ${formatTime(bucketStartMs(timeframe, startMs))} (rule: aligned timestamps)`,
        );
      }
      if (nowMs !== undefined && endMs > nowMs) {
        report(
          ZVT_ERR_CANDLE_INCOMPLETE,
          `bucket ends at ${formatTime(endMs)}, after now ${formatTime(nowMs)} (rule: only closed candles)`,
        );
      }
      if (acceptedStarts.has(startMs)) {
        report(ZVT_ERR_CANDLE_DUPLICATE, 'repeats the timestamp of an accepted row (rule: no duplicates)');
      } else if (startMs < lastAcceptedMs) {
        report(
          ZVT_ERR_CANDLE_OUT_OF_ORDER,
          `is before the last accepted row, at ${formatTime(lastAcceptedMs)} (rule: strictly increasing timestamps)`,
        );
      }
    }

    if (errors.length !== errorCountBefore) continue;
    // Every parse above succeeded when no error was reported; the checks restate it for the types.
    if (
      startMs === undefined ||
      open === undefined ||
      high === undefined ||
      low === undefined ||
      close === undefined ||
      volume === undefined
    ) {
      continue;
    }
    acceptedStarts.add(startMs);
    lastAcceptedMs = startMs;
    const base = { rowIndex, tsStartMs: startMs, tsEndMs: endMs, open, high, low, close, volume };
    valid.push(tradeCount === undefined ? base : { ...base, tradeCount });
  }
  return { valid, errors };
}

type Report = (code: string, rule: string) => void;

function isObject(value: unknown): value is DecimalCandleRow {
  return typeof value === 'object' && value !== null;
}

function isEpochMs(value: number): boolean {
  return Number.isInteger(value) && value <= MAX_EPOCH_MS && value >= -MAX_EPOCH_MS;
}

/** Epoch ms from a number or integer text; undefined when it is neither or out of range. */
function parseStartMs(value: unknown): number | undefined {
  let epochMs: number;
  if (typeof value === 'number') {
    epochMs = value;
  } else if (typeof value === 'string' && /^-?\d{1,16}$/.test(value)) {
    // Digits only (no exponent, no fraction). Number() is exact below 2^53, and a 16-digit value
    // that rounds is beyond MAX_EPOCH_MS either way (rounding is monotone), so the check holds.
    epochMs = Number(value);
  } else {
    return undefined;
  }
  return isEpochMs(epochMs) ? epochMs + 0 : undefined; // + 0 turns -0 into 0
}

function parsePrice(value: unknown, field: string, decimals: number, report: Report): number | undefined {
  if (typeof value !== 'string') {
    report(ZVT_ERR_CANDLE_DECIMAL, `${field} must be decimal text (got ${describeValue(value)}; floats lose the venue's digits)`);
    return undefined;
  }
  try {
    return parseDecimal(value, decimals);
  } catch (error) {
    report(ZVT_ERR_CANDLE_DECIMAL, `${field} ${JSON.stringify(value)} does not parse at ${decimals} decimals: ${reason(error)}`);
    return undefined;
  }
}

function parseVolume(value: unknown, decimals: number, report: Report): bigint | undefined {
  if (typeof value !== 'string') {
    report(ZVT_ERR_CANDLE_DECIMAL, `volume must be decimal text (got ${describeValue(value)}; floats lose the venue's digits)`);
    return undefined;
  }
  try {
    return parseDecimalBig(value, decimals);
  } catch (error) {
    report(ZVT_ERR_CANDLE_DECIMAL, `volume ${JSON.stringify(value)} does not parse at ${decimals} decimals: ${reason(error)}`);
    return undefined;
  }
}

function parseTradeCount(value: unknown, report: Report): number | undefined {
  if (value === undefined) return undefined;
  let count: number | undefined;
  if (typeof value === 'number') {
    count = value;
  } else if (typeof value === 'string') {
    try {
      count = parseDecimal(value, 0);
    } catch {
      count = undefined;
    }
  }
  if (count === undefined || !(Number.isSafeInteger(count) && count >= 0)) {
    report(
      ZVT_ERR_CANDLE_TRADE_COUNT_INVALID,
      `tradeCount ${describeValue(value)} is not a non-negative integer (rule: trade count ≥ 0 when present)`,
    );
    return undefined;
  }
  return count + 0;
}

function reason(error: unknown): string {
  if (error instanceof ZvtError) return `${error.code}: ${error.message}`;
  return String(error);
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/** A row's start as given: formatTime when it is a valid time, else the raw value. */
function describeStart(value: unknown): string {
  const epochMs = parseStartMs(value);
  return epochMs === undefined ? describeValue(value) : formatTime(epochMs);
}

/** "1709164800000 = 2024-02-29T00:00:00.000Z" (the ISO form only inside the Date range). */
function formatTime(epochMs: number): string {
  return isEpochMs(epochMs) ? `${epochMs} = ${new Date(epochMs).toISOString()}` : String(epochMs);
}

function throwArgument(message: string, details: Record<string, unknown>): never {
  throw new ZvtError(ZVT_ERR_CANDLE_ARGUMENT, message, details);
}

