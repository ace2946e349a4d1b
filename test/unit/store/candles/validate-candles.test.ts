// Unit tests of validateCandles: each rule with its code and message, order judged against accepted rows, scales, argument checks.
import { describe, expect, it } from 'vitest';
import { ZvtError } from '../../../../src/model/errors.js';
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
  ZVT_ERR_CANDLE_TIMEFRAME,
  ZVT_ERR_CANDLE_TIMESTAMP_INVALID,
  ZVT_ERR_CANDLE_TRADE_COUNT_INVALID,
  ZVT_ERR_CANDLE_VOLUME_NEGATIVE,
} from '../../../../src/store/candles/errors.js';
import {
  validateCandles,
  type CandleValidationOptions,
  type DecimalCandleRow,
} from '../../../../src/store/candles/validate-candles.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2024-02-29T00:00:00Z');
const OPTIONS: CandleValidationOptions = { timeframe: '1h', priceDecimals: 2, sizeDecimals: 8, instrument: 'binance:BTC-USDT' };

function row(hour: number, overrides: Partial<DecimalCandleRow> = {}): DecimalCandleRow {
  return { tsStartMs: T0 + hour * HOUR, open: '100.5', high: '101', low: '99.25', close: '100', volume: '12.5', ...overrides };
}

function codesOf(rows: readonly DecimalCandleRow[], options: CandleValidationOptions = OPTIONS): [number, string][] {
  return validateCandles(rows, options).errors.map((error) => [error.rowIndex, error.code]);
}

function expectCode(action: () => unknown, code: string): void {
  expect(action).toThrow(ZvtError);
  try {
    action();
  } catch (error) {
    expect((error as ZvtError).code).toBe(code);
  }
}

describe('validateCandles: valid input', () => {
  it('returns every row of a clean series, parsed to mantissas at the given scales', () => {
    const result = validateCandles([row(0, { tradeCount: 42 }), row(1), row(3, { tradeCount: '0' })], OPTIONS);
    expect(result.errors).toEqual([]);
    expect(result.valid).toEqual([
      { rowIndex: 0, tsStartMs: T0, tsEndMs: T0 + HOUR, open: 10_050, high: 10_100, low: 9_925, close: 10_000, volume: 1_250_000_000n, tradeCount: 42 },
      { rowIndex: 1, tsStartMs: T0 + HOUR, tsEndMs: T0 + 2 * HOUR, open: 10_050, high: 10_100, low: 9_925, close: 10_000, volume: 1_250_000_000n },
      { rowIndex: 2, tsStartMs: T0 + 3 * HOUR, tsEndMs: T0 + 4 * HOUR, open: 10_050, high: 10_100, low: 9_925, close: 10_000, volume: 1_250_000_000n, tradeCount: 0 },
    ]);
    expect('tradeCount' in result.valid[1]!).toBe(false);
  });

  it('accepts the edge cases of each rule: open or close on high or low, zero volume, flat candles, integer-text times', () => {
    const result = validateCandles(
      [
        row(0, { open: '99.25', close: '101' }),
        row(1, { open: '101', close: '99.25' }),
        row(2, { open: '5', high: '5', low: '5', close: '5', volume: '0' }),
        row(3, { tsStartMs: String(T0 + 3 * HOUR), volume: '0.00000001' }),
        row(4, { open: '1e2', volume: '123456789012345678901234567890' }), // exponent text, volume past 2^53
      ],
      OPTIONS,
    );
    expect(result.errors).toEqual([]);
    expect(result.valid.map((candle) => candle.tsStartMs)).toEqual([0, 1, 2, 3, 4].map((hour) => T0 + hour * HOUR));
    expect(result.valid[4]!.open).toBe(10_000);
    expect(result.valid[4]!.volume).toBe(123456789012345678901234567890n * 10n ** 8n);
  });

  it('accepts an empty series', () => {
    expect(validateCandles([], OPTIONS)).toEqual({ valid: [], errors: [] });
  });
});

describe('validateCandles: price and volume rules', () => {
  it('reports each broken range rule with its own code, row index, time and rule in the message', () => {
    const result = validateCandles(
      [
        row(0, { open: '101.01' }),
        row(1, { open: '99.24' }),
        row(2, { close: '101.5' }),
        row(3, { close: '99' }),
        row(4, { volume: '-0.00000001' }),
        row(5, { low: '101.01' }),
        row(6, { tradeCount: -1 }),
      ],
      OPTIONS,
    );
    expect(result.errors.map((error) => [error.rowIndex, error.code])).toEqual([
      [0, ZVT_ERR_CANDLE_OPEN_OUT_OF_RANGE],
      [1, ZVT_ERR_CANDLE_OPEN_OUT_OF_RANGE],
      [2, ZVT_ERR_CANDLE_CLOSE_OUT_OF_RANGE],
      [3, ZVT_ERR_CANDLE_CLOSE_OUT_OF_RANGE],
      [4, ZVT_ERR_CANDLE_VOLUME_NEGATIVE],
      [5, ZVT_ERR_CANDLE_LOW_ABOVE_HIGH],
      [6, ZVT_ERR_CANDLE_TRADE_COUNT_INVALID],
    ]);
    expect(result.valid).toEqual([]);
    expect(result.errors[0]!.message).toBe(
      'Row 0 (tsStartMs 1709164800000 = 2024-02-29T00:00:00.000Z) of binance:BTC-USDT 1h: open 101.01 is above high 101 (rule: low ≤ open ≤ high)',
    );
    expect(result.errors[1]!.message).toContain('open 99.24 is below low 99.25 (rule: low ≤ open ≤ high)');
    expect(result.errors[3]!.message).toContain('close 99 is below low 99.25 (rule: low ≤ close ≤ high)');
    expect(result.errors[4]!.message).toContain('Row 4 (tsStartMs 1709179200000 = 2024-02-29T04:00:00.000Z)');
    expect(result.errors[4]!.message).toContain('(rule: volume ≥ 0)');
    expect(result.errors[5]!.message).toContain('low 101.01 is above high 101 (rule: low ≤ high)');
    expect(result.errors[0]!.tsStartMs).toBe(T0);
  });

  it('reports every broken rule of one row', () => {
    expect(codesOf([row(0, { open: '200', close: '1', volume: '-1', tsStartMs: T0 + 1 })])).toEqual([
      [0, ZVT_ERR_CANDLE_OPEN_OUT_OF_RANGE],
      [0, ZVT_ERR_CANDLE_CLOSE_OUT_OF_RANGE],
      [0, ZVT_ERR_CANDLE_VOLUME_NEGATIVE],
      [0, ZVT_ERR_CANDLE_MISALIGNED],
    ]);
    // One millisecond before the last accepted row: misaligned and out of order, both reported.
    expect(codesOf([row(0), row(1), row(0, { tsStartMs: T0 + HOUR - 1 })])).toEqual([
      [2, ZVT_ERR_CANDLE_MISALIGNED],
      [2, ZVT_ERR_CANDLE_OUT_OF_ORDER],
    ]);
  });

  it('refuses text that does not fit the scale, malformed text and floats, naming the field', () => {
    const result = validateCandles(
      [
        row(0, { open: '100.123' }), // a digit beyond 2 decimals
        row(1, { high: '1,000' }),
        row(2, { low: '' }),
        row(3, { close: 100 as unknown as string }), // ccxt's unified float
        row(4, { volume: '0.000000001' }), // beyond 8 decimals
        row(5, { high: '90071992547409.92' }), // mantissa past 2^53
        row(6, { tradeCount: '1.5' }),
        row(7, { tradeCount: 2 ** 53 }),
      ],
      OPTIONS,
    );
    expect(result.errors.map((error) => [error.rowIndex, error.code])).toEqual([
      [0, ZVT_ERR_CANDLE_DECIMAL],
      [1, ZVT_ERR_CANDLE_DECIMAL],
      [2, ZVT_ERR_CANDLE_DECIMAL],
      [3, ZVT_ERR_CANDLE_DECIMAL],
      [4, ZVT_ERR_CANDLE_DECIMAL],
      [5, ZVT_ERR_CANDLE_DECIMAL],
      [6, ZVT_ERR_CANDLE_TRADE_COUNT_INVALID],
      [7, ZVT_ERR_CANDLE_TRADE_COUNT_INVALID],
    ]);
    expect(result.errors[0]!.message).toContain('open "100.123" does not parse at 2 decimals: ZVT_ERR_DECIMAL_PRECISION');
    expect(result.errors[1]!.message).toContain('high "1,000" does not parse at 2 decimals: ZVT_ERR_DECIMAL_SYNTAX');
    expect(result.errors[3]!.message).toContain('close must be decimal text (got 100;');
    expect(result.errors[4]!.message).toContain('volume "0.000000001" does not parse at 8 decimals');
    expect(result.errors[5]!.message).toContain('ZVT_ERR_DECIMAL_OVERFLOW');
  });

  it('uses the scales given for the call: the same text fails at a coarser scale', () => {
    expect(codesOf([row(0)], { ...OPTIONS, priceDecimals: 1 })).toEqual([[0, ZVT_ERR_CANDLE_DECIMAL]]); // 99.25
    expect(codesOf([row(0)], { ...OPTIONS, sizeDecimals: 0 })).toEqual([[0, ZVT_ERR_CANDLE_DECIMAL]]); // 12.5
    expect(validateCandles([row(0)], { ...OPTIONS, priceDecimals: 8 }).valid[0]!.low).toBe(9_925_000_000);
  });
});

describe('validateCandles: timestamp rules', () => {
  it('refuses rows not on a boundary of the timeframe', () => {
    const result = validateCandles([row(0, { tsStartMs: T0 + 60_000 })], OPTIONS);
    expect(result.errors.map((error) => error.code)).toEqual([ZVT_ERR_CANDLE_MISALIGNED]);
    expect(result.errors[0]!.message).toContain('tsStartMs is not a 1h boundary; its bucket starts at 1709164800000 = 2024-02-29T00:00:00.000Z');
    // 2024-02-26 is a Monday, 2024-02-29 a Thursday; 2024-03-01 is a month start.
    const weekly = { ...OPTIONS, timeframe: '1w' };
    expect(codesOf([row(0, { tsStartMs: Date.parse('2024-02-26T00:00:00Z') }), row(0, { tsStartMs: Date.parse('2024-03-07T00:00:00Z') })], weekly)).toEqual([
      [1, ZVT_ERR_CANDLE_MISALIGNED],
    ]);
    const monthly = { ...OPTIONS, timeframe: '1M' };
    expect(codesOf([row(0, { tsStartMs: Date.parse('2024-02-01T00:00:00Z') }), row(0, { tsStartMs: Date.parse('2024-02-29T00:00:00Z') }), row(0, { tsStartMs: Date.parse('2024-03-01T00:00:00Z') })], monthly)).toEqual([
      [1, ZVT_ERR_CANDLE_MISALIGNED],
    ]);
  });

  it('refuses duplicates and rows going back, judged against accepted rows only', () => {
    const result = validateCandles([row(0), row(2), row(2), row(1), row(0), row(3)], OPTIONS);
    expect(result.errors.map((error) => [error.rowIndex, error.code])).toEqual([
      [2, ZVT_ERR_CANDLE_DUPLICATE],
      [3, ZVT_ERR_CANDLE_OUT_OF_ORDER],
      [4, ZVT_ERR_CANDLE_DUPLICATE],
    ]);
    expect(result.valid.map((candle) => candle.rowIndex)).toEqual([0, 1, 5]);
    expect(result.errors[1]!.message).toContain('is before the last accepted row, at 1709172000000 = 2024-02-29T02:00:00.000Z (rule: strictly increasing timestamps)');
    expect(result.errors[0]!.message).toContain('(rule: no duplicates)');
  });

  it('lets a corrected row follow a rejected one at the same time', () => {
    const result = validateCandles([row(0, { open: '500' }), row(0), row(1)], OPTIONS);
    expect(result.errors.map((error) => [error.rowIndex, error.code])).toEqual([[0, ZVT_ERR_CANDLE_OPEN_OUT_OF_RANGE]]);
    expect(result.valid.map((candle) => candle.rowIndex)).toEqual([1, 2]);
  });

  it('does not let one far-future row hide behind later ones: later rows are out of order', () => {
    // Order is judged against accepted rows: the output stays strictly increasing, whichever row was wrong.
    expect(codesOf([row(0), row(100), row(1)])).toEqual([[2, ZVT_ERR_CANDLE_OUT_OF_ORDER]]);
  });

  it('refuses timestamps that are not integer epoch ms', () => {
    const bad: unknown[] = [T0 + 0.5, Number.NaN, '1709164800000.0', '1.7e12', '', 'abc', 9e15, undefined, null, 1709164800000n];
    const result = validateCandles(
      bad.map((tsStartMs) => ({ ...row(0), tsStartMs }) as DecimalCandleRow),
      OPTIONS,
    );
    expect(result.errors.map((error) => error.code)).toEqual(bad.map(() => ZVT_ERR_CANDLE_TIMESTAMP_INVALID));
    expect(result.errors[0]!.message).toContain(`Row 0 (tsStartMs ${T0 + 0.5}) of binance:BTC-USDT 1h: tsStartMs must be an integer epoch ms`);
    expect(result.errors[2]!.tsStartMs).toBe('1709164800000.0');
    expect(result.valid).toEqual([]);
  });

  it('with nowMs, refuses the still-forming candle that REST returns last', () => {
    const nowMs = T0 + 2 * HOUR + 5_000;
    const result = validateCandles([row(0), row(1), row(2)], { ...OPTIONS, nowMs });
    expect(result.errors.map((error) => [error.rowIndex, error.code])).toEqual([[2, ZVT_ERR_CANDLE_INCOMPLETE]]);
    expect(result.errors[0]!.message).toContain('bucket ends at 1709175600000 = 2024-02-29T03:00:00.000Z, after now');
    // A bucket that ends exactly now is complete.
    expect(codesOf([row(1)], { ...OPTIONS, nowMs: T0 + 2 * HOUR })).toEqual([]);
  });

  it('names the series generically without an instrument label', () => {
    const { instrument: _unused, ...withoutLabel } = OPTIONS;
    expect(validateCandles([row(0, { open: '1' })], withoutLabel).errors[0]!.message).toContain(') of candles 1h: open 1 is below low');
  });
});

describe('validateCandles: arguments', () => {
  it('throws for bad options, never for bad rows', () => {
    expectCode(() => validateCandles([], { ...OPTIONS, timeframe: '1H' }), ZVT_ERR_CANDLE_TIMEFRAME);
    expectCode(() => validateCandles([], { ...OPTIONS, priceDecimals: -1 }), ZVT_ERR_CANDLE_ARGUMENT);
    expectCode(() => validateCandles([], { ...OPTIONS, priceDecimals: 37 }), ZVT_ERR_CANDLE_ARGUMENT);
    expectCode(() => validateCandles([], { ...OPTIONS, sizeDecimals: 1.5 }), ZVT_ERR_CANDLE_ARGUMENT);
    expectCode(() => validateCandles([], { ...OPTIONS, nowMs: Number.NaN }), ZVT_ERR_CANDLE_ARGUMENT);
    expectCode(() => validateCandles({} as unknown as DecimalCandleRow[], OPTIONS), ZVT_ERR_CANDLE_ARGUMENT);
    const junk = [null, 5, 'row', { tsStartMs: T0 }] as unknown as DecimalCandleRow[];
    const result = validateCandles(junk, OPTIONS);
    expect(result.valid).toEqual([]);
    expect(result.errors.filter((error) => error.rowIndex < 3).map((error) => error.code)).toEqual([
      ZVT_ERR_CANDLE_ROW_INVALID,
      ZVT_ERR_CANDLE_ROW_INVALID,
      ZVT_ERR_CANDLE_ROW_INVALID,
    ]);
    expect(result.errors[1]!.message).toBe('Row 1 (tsStartMs undefined) of binance:BTC-USDT 1h: is 5, not a candle object');
    expect(result.errors.filter((error) => error.rowIndex === 3).map((error) => error.code)).toEqual([
      ZVT_ERR_CANDLE_DECIMAL,
      ZVT_ERR_CANDLE_DECIMAL,
      ZVT_ERR_CANDLE_DECIMAL,
      ZVT_ERR_CANDLE_DECIMAL,
      ZVT_ERR_CANDLE_DECIMAL,
    ]);
  });
});
