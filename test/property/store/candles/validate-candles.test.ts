// Property tests of validateCandles: it accepts every aggregator output, and refuses each kind of corruption with the right code on the right row.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal, formatDecimalBig } from '../../../../src/model/fixed-point.js';
import type { Candle } from '../../../../src/store/candles/candle.js';
import { CandleAggregator } from '../../../../src/store/candles/candle-aggregator.js';
import {
  ZVT_ERR_CANDLE_CLOSE_OUT_OF_RANGE,
  ZVT_ERR_CANDLE_DECIMAL,
  ZVT_ERR_CANDLE_DUPLICATE,
  ZVT_ERR_CANDLE_INCOMPLETE,
  ZVT_ERR_CANDLE_LOW_ABOVE_HIGH,
  ZVT_ERR_CANDLE_MISALIGNED,
  ZVT_ERR_CANDLE_OPEN_OUT_OF_RANGE,
  ZVT_ERR_CANDLE_OUT_OF_ORDER,
  ZVT_ERR_CANDLE_TIMESTAMP_INVALID,
  ZVT_ERR_CANDLE_TRADE_COUNT_INVALID,
  ZVT_ERR_CANDLE_VOLUME_NEGATIVE,
} from '../../../../src/store/candles/errors.js';
import { bucketStartMs, nextBucketStartMs, TIMEFRAMES, type Timeframe } from '../../../../src/model/timeframe.js';
import { validateCandles, type DecimalCandleRow } from '../../../../src/store/candles/validate-candles.js';
import { streamArbitrary } from './candle-reference.js';

const RUNS = { numRuns: 300 };

/** A candle as a venue would send it: decimal text at the instrument's scales. */
function toRow(candle: Candle, priceDecimals: number, sizeDecimals: number, countForm: 'number' | 'text' | 'absent'): DecimalCandleRow {
  const row: DecimalCandleRow = {
    tsStartMs: candle.tsStartMs,
    open: formatDecimal(candle.open, priceDecimals),
    high: formatDecimal(candle.high, priceDecimals),
    low: formatDecimal(candle.low, priceDecimals),
    close: formatDecimal(candle.close, priceDecimals),
    volume: formatDecimalBig(candle.volume, sizeDecimals),
  };
  if (countForm === 'absent') return row;
  return { ...row, tradeCount: countForm === 'number' ? candle.tradeCount : String(candle.tradeCount) };
}

describe('validateCandles accepts aggregator output (property)', () => {
  it('finds no error in any (instrument, timeframe) series the aggregator emits, and parses it back exactly', () => {
    fc.assert(
      fc.property(
        streamArbitrary(),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom('number' as const, 'text' as const, 'absent' as const),
        (stream, priceDecimals, sizeDecimals, countForm) => {
          const emitted: Candle[] = [];
          const aggregator = new CandleAggregator({
            timeframes: stream.timeframes,
            instrumentCount: stream.instrumentCount,
            onCandle: (candle) => emitted.push(candle),
          });
          let nowMs = Number.NEGATIVE_INFINITY;
          for (const event of stream.events) {
            if (event.kind === 'advance') {
              aggregator.advanceToMs(event.nowMs);
              nowMs = Math.max(nowMs, event.nowMs);
            } else {
              aggregator.onTrade(event.instrumentId, event.price, event.size, event.tsEventMs, event.tsEventNsOfMs);
              nowMs = Math.max(nowMs, event.tsEventMs);
            }
          }
          for (let instrumentId = 0; instrumentId < stream.instrumentCount; instrumentId++) {
            for (const timeframe of aggregator.timeframes) {
              const series = emitted.filter((candle) => candle.instrumentId === instrumentId && candle.timeframe === timeframe);
              const rows = series.map((candle) => toRow(candle, priceDecimals, sizeDecimals, countForm));
              // Every emitted candle had ended by the latest time the aggregator saw.
              const options = { timeframe, priceDecimals, sizeDecimals, ...(Number.isFinite(nowMs) ? { nowMs } : {}) };
              const result = validateCandles(rows, options);
              expect(result.errors).toEqual([]);
              expect(
                result.valid.map((row) => [row.tsStartMs, row.tsEndMs, row.open, row.high, row.low, row.close, row.volume, row.tradeCount]),
              ).toEqual(
                series.map((candle) => [
                  candle.tsStartMs,
                  candle.tsEndMs,
                  candle.open,
                  candle.high,
                  candle.low,
                  candle.close,
                  candle.volume,
                  countForm === 'absent' ? undefined : candle.tradeCount,
                ]),
              );
            }
          }
        },
      ),
      RUNS,
    );
  });
});

interface Series {
  timeframe: Timeframe;
  priceDecimals: number;
  sizeDecimals: number;
  candles: Candle[];
}

/** A valid series generated directly: random gaps between aligned buckets, random valid OHLCV. */
const seriesArbitrary: fc.Arbitrary<Series> = fc
  .record({
    timeframe: fc.constantFrom(...TIMEFRAMES),
    startMs: fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }),
    priceDecimals: fc.integer({ min: 0, max: 10 }),
    sizeDecimals: fc.integer({ min: 0, max: 20 }),
    bars: fc.array(
      fc.record({
        gap: fc.integer({ min: 0, max: 3 }),
        low: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        range: fc.nat({ max: 1_000_000 }),
        openAt: fc.double({ min: 0, max: 1, noNaN: true }),
        closeAt: fc.double({ min: 0, max: 1, noNaN: true }),
        volume: fc.bigInt({ min: 0n, max: 2n ** 80n }),
        tradeCount: fc.nat({ max: 1_000_000 }),
      }),
      { minLength: 2, maxLength: 25 },
    ),
  })
  .map(({ timeframe, startMs, priceDecimals, sizeDecimals, bars }) => {
    let bucket = bucketStartMs(timeframe, startMs);
    const candles = bars.map((bar, index): Candle => {
      for (let skip = 0; skip < (index === 0 ? 0 : bar.gap + 1); skip++) bucket = nextBucketStartMs(timeframe, bucket);
      const high = bar.low + bar.range;
      return {
        instrumentId: 0,
        timeframe,
        tsStartMs: bucket,
        tsEndMs: nextBucketStartMs(timeframe, bucket),
        open: bar.low + Math.floor(bar.openAt * bar.range),
        high,
        low: bar.low,
        close: bar.low + Math.floor(bar.closeAt * bar.range),
        volume: bar.volume,
        tradeCount: bar.tradeCount,
      };
    });
    return { timeframe, priceDecimals, sizeDecimals, candles };
  });

const CORRUPTIONS = [
  'openAboveHigh',
  'openBelowLow',
  'closeAboveHigh',
  'closeBelowLow',
  'lowAboveHigh',
  'negativeVolume',
  'negativeTradeCount',
  'fractionalTradeCount',
  'misaligned',
  'fractionalTimestamp',
  'timestampText',
  'duplicate',
  'olderInserted',
  'swappedNeighbours',
  'priceBeyondScale',
  'volumeBeyondScale',
  'malformedPrice',
  'floatPrice',
  'incomplete',
] as const;
type Corruption = (typeof CORRUPTIONS)[number];

const EXPECTED_CODE: Record<Corruption, string> = {
  openAboveHigh: ZVT_ERR_CANDLE_OPEN_OUT_OF_RANGE,
  openBelowLow: ZVT_ERR_CANDLE_OPEN_OUT_OF_RANGE,
  closeAboveHigh: ZVT_ERR_CANDLE_CLOSE_OUT_OF_RANGE,
  closeBelowLow: ZVT_ERR_CANDLE_CLOSE_OUT_OF_RANGE,
  lowAboveHigh: ZVT_ERR_CANDLE_LOW_ABOVE_HIGH,
  negativeVolume: ZVT_ERR_CANDLE_VOLUME_NEGATIVE,
  negativeTradeCount: ZVT_ERR_CANDLE_TRADE_COUNT_INVALID,
  fractionalTradeCount: ZVT_ERR_CANDLE_TRADE_COUNT_INVALID,
  misaligned: ZVT_ERR_CANDLE_MISALIGNED,
  fractionalTimestamp: ZVT_ERR_CANDLE_TIMESTAMP_INVALID,
  timestampText: ZVT_ERR_CANDLE_TIMESTAMP_INVALID,
  duplicate: ZVT_ERR_CANDLE_DUPLICATE,
  olderInserted: ZVT_ERR_CANDLE_OUT_OF_ORDER,
  swappedNeighbours: ZVT_ERR_CANDLE_OUT_OF_ORDER,
  priceBeyondScale: ZVT_ERR_CANDLE_DECIMAL,
  volumeBeyondScale: ZVT_ERR_CANDLE_DECIMAL,
  malformedPrice: ZVT_ERR_CANDLE_DECIMAL,
  floatPrice: ZVT_ERR_CANDLE_DECIMAL,
  incomplete: ZVT_ERR_CANDLE_INCOMPLETE,
};

/** Decimal text with one nonzero digit past `decimals` (e.g. "12.5" at 2 → "12.501"). */
function beyondScale(text: string, decimals: number): string {
  const dot = text.indexOf('.');
  const fractionDigits = dot < 0 ? 0 : text.length - dot - 1;
  return `${text}${dot < 0 ? '.' : ''}${'0'.repeat(decimals - fractionDigits)}1`;
}

describe('validateCandles refuses corruption (property)', () => {
  it('flags exactly the corrupted row with the code of the rule it breaks, and keeps every other row', () => {
    fc.assert(
      fc.property(
        seriesArbitrary,
        fc.constantFrom(...CORRUPTIONS),
        fc.nat(),
        fc.integer({ min: 1, max: 1_000 }),
        (series, corruption, position, amount) => {
          const { timeframe, priceDecimals, sizeDecimals, candles } = series;
          const rows = candles.map((candle) => toRow(candle, priceDecimals, sizeDecimals, 'number'));
          const target = position % rows.length;
          const candle = candles[target]!;
          const price = (mantissa: number): string => formatDecimal(mantissa, priceDecimals);
          const replace = (fields: Partial<Record<keyof DecimalCandleRow, unknown>>): void => {
            rows[target] = { ...rows[target]!, ...fields } as DecimalCandleRow;
          };
          // The row expected to be refused, and any row the corruption legitimately drops besides.
          let badIndex = target;
          let nowMs: number | undefined;
          switch (corruption) {
            case 'openAboveHigh':
              replace({ open: price(candle.high + amount) });
              break;
            case 'openBelowLow':
              replace({ open: price(candle.low - amount) });
              break;
            case 'closeAboveHigh':
              replace({ close: price(candle.high + amount) });
              break;
            case 'closeBelowLow':
              replace({ close: price(candle.low - amount) });
              break;
            case 'lowAboveHigh':
              replace({ low: price(candle.high + amount) });
              break;
            case 'negativeVolume':
              replace({ volume: formatDecimalBig(-BigInt(amount), sizeDecimals) });
              break;
            case 'negativeTradeCount':
              replace({ tradeCount: -amount });
              break;
            case 'fractionalTradeCount':
              replace({ tradeCount: `${amount}.5` });
              break;
            case 'misaligned':
              // Every boundary is a whole minute, so less than a minute past one is never aligned,
              // and it stays between its neighbours (buckets are at least a minute apart).
              replace({ tsStartMs: candle.tsStartMs + (amount % 59_999) + 1 });
              break;
            case 'fractionalTimestamp':
              replace({ tsStartMs: candle.tsStartMs + 0.5 });
              break;
            case 'timestampText':
              replace({ tsStartMs: `${candle.tsStartMs}.0` });
              break;
            case 'duplicate':
              rows.splice(target + 1, 0, { ...rows[target]! });
              badIndex = target + 1;
              break;
            case 'olderInserted': {
              // An aligned bucket before the first row: older than all, equal to none.
              const older = bucketStartMs(timeframe, candles[0]!.tsStartMs - 1 - amount * 60_000);
              rows.splice(target + 1, 0, { ...rows[target]!, tsStartMs: older });
              badIndex = target + 1;
              break;
            }
            case 'swappedNeighbours': {
              const first = Math.min(target, rows.length - 2);
              [rows[first], rows[first + 1]] = [rows[first + 1]!, rows[first]!];
              badIndex = first + 1;
              break;
            }
            case 'priceBeyondScale':
              replace({ high: beyondScale(rows[target]!.high, priceDecimals) });
              break;
            case 'volumeBeyondScale':
              replace({ volume: beyondScale(rows[target]!.volume, sizeDecimals) });
              break;
            case 'malformedPrice':
              replace({ close: [`${rows[target]!.close}x`, '', ` ${rows[target]!.close}`, '1,5', '.5', 'NaN'][amount % 6] });
              break;
            case 'floatPrice':
              replace({ low: candle.low });
              break;
            case 'incomplete':
              // "Now" falls inside the last bucket: the last row is the forming candle.
              badIndex = rows.length - 1;
              nowMs = candles.at(-1)!.tsEndMs - 1 - (amount % 60_000);
              break;
          }
          const options = { timeframe, priceDecimals, sizeDecimals, ...(nowMs === undefined ? {} : { nowMs }) };
          const result = validateCandles(rows, options);
          expect(result.errors.map((error) => [error.rowIndex, error.code])).toEqual([[badIndex, EXPECTED_CODE[corruption]]]);
          expect(result.errors[0]!.message).toContain(`Row ${badIndex} (tsStartMs `);
          expect(result.valid.map((row) => row.rowIndex)).toEqual(rows.map((_row, index) => index).filter((index) => index !== badIndex));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
