// Unit tests of candle timeframes: parsing, UTC bucket boundaries (month ends, leap days, ISO weeks across years), ns twins, range checks.
import { describe, expect, it } from 'vitest';
import { ZvtError } from '../../../src/model/errors.js';
import { ZVT_ERR_CANDLE_TIME_RANGE, ZVT_ERR_CANDLE_TIMEFRAME } from '../../../src/model/errors.js';
import {
  bucketStartMs,
  bucketStartNs,
  fixedBucketDurationMs,
  isBucketStartMs,
  isBucketStartNs,
  isTimeframe,
  MAX_EPOCH_MS,
  nextBucketStartMs,
  nextBucketStartNs,
  parseTimeframe,
  TIMEFRAMES,
  type Timeframe,
} from '../../../src/model/timeframe.js';

const ms = (iso: string): number => {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new Error(`bad test date ${iso}`);
  return value;
};
const iso = (epochMs: number): string => new Date(epochMs).toISOString();

function expectCode(action: () => unknown, code: string): ZvtError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ZvtError);
    expect((error as ZvtError).code).toBe(code);
    return error as ZvtError;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

/** [timeframe, any instant, expected bucket start, expected next bucket start]. */
type BoundaryCase = [Timeframe, string, string, string];

function checkBoundaries(cases: readonly BoundaryCase[]): void {
  for (const [timeframe, at, start, next] of cases) {
    expect(iso(bucketStartMs(timeframe, ms(at))), `${timeframe} start of ${at}`).toBe(start);
    expect(iso(nextBucketStartMs(timeframe, ms(at))), `${timeframe} next of ${at}`).toBe(next);
  }
}

describe('parseTimeframe', () => {
  it('accepts exactly the nine timeframes, shortest first', () => {
    expect(TIMEFRAMES).toEqual(['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w', '1M']);
    for (const timeframe of TIMEFRAMES) {
      expect(parseTimeframe(timeframe)).toBe(timeframe);
      expect(isTimeframe(timeframe)).toBe(true);
    }
  });

  it('refuses anything else with ZVT_ERR_CANDLE_TIMEFRAME and lists the valid ones', () => {
    for (const bad of ['', '1H', '2m', '1mo', '1 m', '60', '1D', 'm1', ' 1m', '1m ']) {
      const error = expectCode(() => parseTimeframe(bad), ZVT_ERR_CANDLE_TIMEFRAME);
      expect(error.message).toContain(JSON.stringify(bad));
      expect(error.message).toContain('1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 1M');
      expect(isTimeframe(bad)).toBe(false);
    }
    expect(isTimeframe(undefined)).toBe(false);
    expect(isTimeframe(1)).toBe(false);
  });

  it('hints that case matters when a minute/month count is misspelled', () => {
    expect(expectCode(() => parseTimeframe('3M'), ZVT_ERR_CANDLE_TIMEFRAME).message).toContain('case matters');
    expect(expectCode(() => parseTimeframe('1h30'), ZVT_ERR_CANDLE_TIMEFRAME).message).not.toContain('case matters');
  });
});

describe('intraday and daily boundaries', () => {
  it('floors to multiples of the duration since the epoch', () => {
    checkBoundaries([
      ['1m', '2024-05-17T13:47:59.999Z', '2024-05-17T13:47:00.000Z', '2024-05-17T13:48:00.000Z'],
      ['1m', '2024-05-17T13:48:00.000Z', '2024-05-17T13:48:00.000Z', '2024-05-17T13:49:00.000Z'],
      ['5m', '2024-05-17T13:47:12.000Z', '2024-05-17T13:45:00.000Z', '2024-05-17T13:50:00.000Z'],
      ['15m', '2024-05-17T13:47:12.000Z', '2024-05-17T13:45:00.000Z', '2024-05-17T14:00:00.000Z'],
      ['30m', '2024-05-17T13:29:59.999Z', '2024-05-17T13:00:00.000Z', '2024-05-17T13:30:00.000Z'],
      ['1h', '2024-05-17T13:47:12.000Z', '2024-05-17T13:00:00.000Z', '2024-05-17T14:00:00.000Z'],
      ['1d', '2024-05-17T23:59:59.999Z', '2024-05-17T00:00:00.000Z', '2024-05-18T00:00:00.000Z'],
    ]);
  });

  it('starts 4h buckets at 00, 04, 08, 12, 16 and 20 UTC', () => {
    const starts: string[] = [];
    for (let hour = 0; hour < 24; hour++) {
      starts.push(iso(bucketStartMs('4h', ms(`2024-05-17T${String(hour).padStart(2, '0')}:30:00Z`))).slice(11, 13));
    }
    expect(starts).toEqual(['00', '00', '00', '00', '04', '04', '04', '04', '08', '08', '08', '08', '12', '12', '12', '12', '16', '16', '16', '16', '20', '20', '20', '20']);
  });

  it('rolls over the day, month and year at midnight UTC', () => {
    checkBoundaries([
      ['1m', '2023-12-31T23:59:30.000Z', '2023-12-31T23:59:00.000Z', '2024-01-01T00:00:00.000Z'],
      ['4h', '2023-12-31T23:00:00.000Z', '2023-12-31T20:00:00.000Z', '2024-01-01T00:00:00.000Z'],
      ['1d', '2023-12-31T12:00:00.000Z', '2023-12-31T00:00:00.000Z', '2024-01-01T00:00:00.000Z'],
      ['1d', '2024-02-29T12:00:00.000Z', '2024-02-29T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
    ]);
  });

  it('ignores daylight-saving time: every UTC day is 24 h, every hour 60 min, on DST change dates too', () => {
    // EU 2024-03-31 and 2024-10-27, US 2024-03-10 and 2024-11-03: local clocks jump, UTC does not.
    for (const day of ['2024-03-31', '2024-10-27', '2024-03-10', '2024-11-03']) {
      const start = ms(`${day}T00:00:00Z`);
      expect(bucketStartMs('1d', start + 3 * 3_600_000)).toBe(start);
      expect(nextBucketStartMs('1d', start) - start).toBe(86_400_000);
      for (let hour = 0; hour < 24; hour++) {
        const hourStart = start + hour * 3_600_000;
        expect(nextBucketStartMs('1h', hourStart + 1_800_000) - bucketStartMs('1h', hourStart + 1_800_000)).toBe(3_600_000);
        expect(bucketStartMs('1h', hourStart + 1_800_000)).toBe(hourStart);
      }
    }
  });

  it('floors (not truncates) before 1970', () => {
    checkBoundaries([
      ['1m', '1969-12-31T23:59:59.999Z', '1969-12-31T23:59:00.000Z', '1970-01-01T00:00:00.000Z'],
      ['4h', '1969-12-31T21:00:00.000Z', '1969-12-31T20:00:00.000Z', '1970-01-01T00:00:00.000Z'],
      ['1d', '1969-07-20T20:17:40.000Z', '1969-07-20T00:00:00.000Z', '1969-07-21T00:00:00.000Z'],
      ['1M', '1969-12-31T23:59:59.999Z', '1969-12-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z'],
    ]);
    expect(bucketStartMs('1m', -1)).toBe(-60_000);
    expect(bucketStartMs('1m', -60_000)).toBe(-60_000);
    expect(bucketStartMs('1m', -60_001)).toBe(-120_000);
  });
});

describe('ISO weeks (Monday 00:00 UTC)', () => {
  it('starts every week on a Monday and lasts 7 days', () => {
    for (let day = 0; day < 800; day++) {
      const at = ms('2023-06-01T07:00:00Z') + day * 86_400_000;
      const start = bucketStartMs('1w', at);
      expect(new Date(start).getUTCDay()).toBe(1);
      expect(start % 86_400_000).toBe(0);
      expect(nextBucketStartMs('1w', at) - start).toBe(7 * 86_400_000);
      expect(at - start).toBeLessThan(7 * 86_400_000);
      expect(at).toBeGreaterThanOrEqual(start);
    }
  });

  it('crosses year ends the ISO way', () => {
    checkBoundaries([
      // 2020-12-31 is a Thursday: its week began Monday 2020-12-28 and holds 2021-01-01..03.
      ['1w', '2020-12-31T12:00:00.000Z', '2020-12-28T00:00:00.000Z', '2021-01-04T00:00:00.000Z'],
      ['1w', '2021-01-03T23:59:59.999Z', '2020-12-28T00:00:00.000Z', '2021-01-04T00:00:00.000Z'],
      ['1w', '2021-01-04T00:00:00.000Z', '2021-01-04T00:00:00.000Z', '2021-01-11T00:00:00.000Z'],
      // Monday 2024-12-30 starts ISO week 1 of 2025.
      ['1w', '2024-12-29T23:59:59.999Z', '2024-12-23T00:00:00.000Z', '2024-12-30T00:00:00.000Z'],
      ['1w', '2025-01-01T00:00:00.000Z', '2024-12-30T00:00:00.000Z', '2025-01-06T00:00:00.000Z'],
      // 2026-01-01 is a Thursday.
      ['1w', '2026-01-01T00:00:00.000Z', '2025-12-29T00:00:00.000Z', '2026-01-05T00:00:00.000Z'],
      // A leap day inside a week.
      ['1w', '2024-02-29T00:00:00.000Z', '2024-02-26T00:00:00.000Z', '2024-03-04T00:00:00.000Z'],
      // The epoch was a Thursday: its week began Monday 1969-12-29.
      ['1w', '1970-01-01T00:00:00.000Z', '1969-12-29T00:00:00.000Z', '1970-01-05T00:00:00.000Z'],
      ['1w', '1970-01-05T00:00:00.000Z', '1970-01-05T00:00:00.000Z', '1970-01-12T00:00:00.000Z'],
    ]);
  });
});

describe('calendar months', () => {
  it('runs from the 1st 00:00 UTC to the next 1st, over month ends', () => {
    checkBoundaries([
      ['1M', '2023-01-31T23:59:59.999Z', '2023-01-01T00:00:00.000Z', '2023-02-01T00:00:00.000Z'],
      ['1M', '2023-02-01T00:00:00.000Z', '2023-02-01T00:00:00.000Z', '2023-03-01T00:00:00.000Z'],
      ['1M', '2023-04-30T23:59:59.999Z', '2023-04-01T00:00:00.000Z', '2023-05-01T00:00:00.000Z'],
      ['1M', '2023-12-31T23:59:59.999Z', '2023-12-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z'],
      ['1M', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z'],
    ]);
  });

  it('has 29 days in leap Februaries (2024, 2000) and 28 otherwise (2023, 1900, 2100)', () => {
    const februaryDays = (year: number): number => {
      const at = ms(`${year}-02-15T00:00:00Z`);
      return (nextBucketStartMs('1M', at) - bucketStartMs('1M', at)) / 86_400_000;
    };
    expect(februaryDays(2024)).toBe(29);
    expect(februaryDays(2000)).toBe(29);
    expect(februaryDays(2023)).toBe(28);
    expect(februaryDays(1900)).toBe(28);
    expect(februaryDays(2100)).toBe(28);
    checkBoundaries([
      ['1M', '2024-02-29T23:59:59.999Z', '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
      ['1M', '2024-03-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z', '2024-04-01T00:00:00.000Z'],
      ['1M', '2000-02-29T12:00:00.000Z', '2000-02-01T00:00:00.000Z', '2000-03-01T00:00:00.000Z'],
      ['1M', '2100-02-28T23:59:59.999Z', '2100-02-01T00:00:00.000Z', '2100-03-01T00:00:00.000Z'],
      ['1M', '2100-03-01T00:00:00.000Z', '2100-03-01T00:00:00.000Z', '2100-04-01T00:00:00.000Z'],
    ]);
  });

  it('has the right length for every month of a year', () => {
    const lengths = Array.from({ length: 12 }, (_, month) => {
      const at = ms(`2025-${String(month + 1).padStart(2, '0')}-10T00:00:00Z`);
      return (nextBucketStartMs('1M', at) - bucketStartMs('1M', at)) / 86_400_000;
    });
    expect(lengths).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  });

  it('has no fixed duration, the others do', () => {
    expect(fixedBucketDurationMs('1M')).toBeUndefined();
    expect(fixedBucketDurationMs('1w')).toBe(604_800_000);
    expect(fixedBucketDurationMs('4h')).toBe(14_400_000);
    expect(fixedBucketDurationMs('1m')).toBe(60_000);
  });
});

describe('alignment', () => {
  it('is true exactly at boundaries', () => {
    expect(isBucketStartMs('1m', ms('2024-02-29T13:47:00Z'))).toBe(true);
    expect(isBucketStartMs('1m', ms('2024-02-29T13:47:00.001Z'))).toBe(false);
    expect(isBucketStartMs('5m', ms('2024-02-29T13:47:00Z'))).toBe(false);
    expect(isBucketStartMs('4h', ms('2024-02-29T04:00:00Z'))).toBe(true);
    expect(isBucketStartMs('4h', ms('2024-02-29T02:00:00Z'))).toBe(false);
    expect(isBucketStartMs('1d', ms('2024-02-29T00:00:00Z'))).toBe(true);
    expect(isBucketStartMs('1w', ms('2024-02-26T00:00:00Z'))).toBe(true);
    expect(isBucketStartMs('1w', ms('2024-02-25T00:00:00Z'))).toBe(false); // a Sunday
    expect(isBucketStartMs('1M', ms('2024-02-29T00:00:00Z'))).toBe(false);
    expect(isBucketStartMs('1M', ms('2024-03-01T00:00:00Z'))).toBe(true);
    expect(isBucketStartMs('1M', 0)).toBe(true);
  });
});

describe('nanosecond twins', () => {
  // Monday 2021-03-01 00:00 UTC starts a bucket of every timeframe (month and ISO week included).
  const boundaryNs = BigInt(ms('2021-03-01T00:00:00Z')) * 1_000_000n;

  it('puts the last nanosecond before a boundary in the previous bucket', () => {
    for (const timeframe of TIMEFRAMES) {
      expect(bucketStartNs(timeframe, boundaryNs)).toBe(boundaryNs);
      expect(bucketStartNs(timeframe, boundaryNs - 1n)).toBeLessThan(boundaryNs);
      expect(nextBucketStartNs(timeframe, boundaryNs - 1n)).toBe(boundaryNs);
      expect(isBucketStartNs(timeframe, boundaryNs)).toBe(true);
      expect(isBucketStartNs(timeframe, boundaryNs + 1n)).toBe(false);
      expect(isBucketStartNs(timeframe, boundaryNs - 1n)).toBe(false);
    }
    expect(bucketStartNs('1M', boundaryNs - 1n)).toBe(BigInt(ms('2021-02-01T00:00:00Z')) * 1_000_000n);
    expect(bucketStartNs('1w', boundaryNs - 1n)).toBe(BigInt(ms('2021-02-22T00:00:00Z')) * 1_000_000n);
    expect(bucketStartNs('1m', boundaryNs + 59_999_999_999n)).toBe(boundaryNs);
    expect(bucketStartNs('1m', boundaryNs + 60_000_000_000n)).toBe(boundaryNs + 60_000_000_000n);
  });

  it('floors nanoseconds before 1970', () => {
    expect(bucketStartNs('1m', -1n)).toBe(-60_000_000_000n);
    expect(nextBucketStartNs('1m', -1n)).toBe(0n);
    expect(bucketStartNs('1d', -86_400_000_000_000n)).toBe(-86_400_000_000_000n);
    expect(bucketStartNs('1d', -86_400_000_000_001n)).toBe(-172_800_000_000_000n);
  });

  it('covers the whole int64 nanosecond range', () => {
    const maxInt64 = 2n ** 63n - 1n; // 2262-04-11T23:47:16.854775807Z
    expect(bucketStartNs('1M', maxInt64)).toBe(BigInt(ms('2262-04-01T00:00:00Z')) * 1_000_000n);
    expect(bucketStartNs('1M', -(2n ** 63n))).toBe(BigInt(ms('1677-09-01T00:00:00Z')) * 1_000_000n);
  });
});

describe('range checks', () => {
  it('refuses non-integers and timestamps beyond ±8.64e15 ms with ZVT_ERR_CANDLE_TIME_RANGE', () => {
    for (const bad of [Number.NaN, 1.5, Number.POSITIVE_INFINITY, MAX_EPOCH_MS + 1, -MAX_EPOCH_MS - 1]) {
      expectCode(() => bucketStartMs('1m', bad), ZVT_ERR_CANDLE_TIME_RANGE);
      expectCode(() => nextBucketStartMs('1M', bad), ZVT_ERR_CANDLE_TIME_RANGE);
      expectCode(() => isBucketStartMs('1w', bad), ZVT_ERR_CANDLE_TIME_RANGE);
    }
    expectCode(() => bucketStartNs('1m', BigInt(MAX_EPOCH_MS + 1) * 1_000_000n), ZVT_ERR_CANDLE_TIME_RANGE);
    expectCode(() => bucketStartNs('1m', 5 as unknown as bigint), ZVT_ERR_CANDLE_TIME_RANGE);
  });

  it('works at the edges of the range', () => {
    // +275760-09-13T00:00:00Z and -271821-04-20T00:00:00Z, the Date range limits.
    expect(bucketStartMs('1d', MAX_EPOCH_MS)).toBe(MAX_EPOCH_MS);
    expect(iso(bucketStartMs('1M', MAX_EPOCH_MS))).toBe('+275760-09-01T00:00:00.000Z');
    expect(nextBucketStartMs('1M', MAX_EPOCH_MS)).toBe(MAX_EPOCH_MS + 18 * 86_400_000);
    // -MAX_EPOCH_MS is Tuesday -271821-04-20; both answers lie just outside what Date can show.
    expect(bucketStartMs('1M', -MAX_EPOCH_MS)).toBe(-MAX_EPOCH_MS - 19 * 86_400_000);
    expect(bucketStartMs('1w', -MAX_EPOCH_MS)).toBe(-MAX_EPOCH_MS - 86_400_000);
  });

  it('refuses a timeframe that is not one, even from untyped code', () => {
    expectCode(() => bucketStartMs('2h' as Timeframe, 0), ZVT_ERR_CANDLE_TIMEFRAME);
  });
});
