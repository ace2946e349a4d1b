// Unit tests of CandleAggregator: exact OHLCV of a hand-made trade list, closing by trade and by advanceTo, late trades, gaps, volume past 2^53, TRADE records, argument checks.
import { describe, expect, it } from 'vitest';
import { ZvtError } from '../../../../src/model/errors.js';
import { setRecordStampsBig, createRecordStamps } from '../../../../src/model/record-header.js';
import { AggressorSide } from '../../../../src/model/record-types.js';
import { createRecordViews } from '../../../../src/model/record-views.js';
import { writeTrade } from '../../../../src/model/trade-record.js';
import type { Candle } from '../../../../src/store/candles/candle.js';
import {
  CandleAggregator,
  TRADE_ACCEPTED,
  TRADE_LATE,
} from '../../../../src/store/candles/candle-aggregator.js';
import {
  ZVT_ERR_CANDLE_ARGUMENT,
  ZVT_ERR_CANDLE_INSTRUMENT_RANGE,
  ZVT_ERR_CANDLE_TIME_RANGE,
  ZVT_ERR_CANDLE_TIMEFRAME,
  ZVT_ERR_CANDLE_TRADE_INVALID,
} from '../../../../src/store/candles/errors.js';
import { TIMEFRAMES, type Timeframe } from '../../../../src/model/timeframe.js';

const ms = (iso: string): number => Date.parse(iso);
const ns = (iso: string, extraNs = 0n): bigint => BigInt(Date.parse(iso)) * 1_000_000n + extraNs;

function setup(timeframes: readonly string[] = TIMEFRAMES, instrumentCount = 2): { aggregator: CandleAggregator; emitted: Candle[] } {
  const emitted: Candle[] = [];
  const aggregator = new CandleAggregator({ timeframes, instrumentCount, onCandle: (candle) => emitted.push(candle) });
  return { aggregator, emitted };
}

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

/** The OHLCV part of a candle, for compact expectations. */
function ohlcv(candle: Candle | undefined): [number, number, number, number, bigint, number] | undefined {
  return candle && [candle.open, candle.high, candle.low, candle.close, candle.volume, candle.tradeCount];
}

describe('CandleAggregator: a hand-made trade list', () => {
  // BTC-USDT at 2 price decimals and 3 size decimals, across the end of leap day 2024.
  const trades: [string, bigint, number, number][] = [
    ['2024-02-29T23:58:00.000Z', 100n, 6_511_430, 150], // open of 23:58 (after the ns offset: still first)
    ['2024-02-29T23:58:10.000Z', 0n, 6_512_000, 20], // high
    ['2024-02-29T23:58:20.000Z', 0n, 6_509_900, 5], // low
    ['2024-02-29T23:58:59.999Z', 999_999n, 6_510_100, 7], // close: the last nanosecond of the minute
    ['2024-02-29T23:59:00.000Z', 0n, 6_510_500, 1], // opens 23:59, closes 23:58
    ['2024-02-29T23:59:30.000Z', 0n, 6_508_000, 3],
    ['2024-03-01T00:00:01.000Z', 0n, 6_507_000, 2], // opens March: closes 23:59 … and the month
  ];

  it('emits exact OHLCV per timeframe, shortest first, when a trade crosses the boundaries', () => {
    const { aggregator, emitted } = setup();
    for (const [at, extra, price, size] of trades) expect(aggregator.onTradeNs(0, price, size, ns(at, extra))).toBe(TRADE_ACCEPTED);

    expect(emitted.map((candle) => `${candle.timeframe} ${new Date(candle.tsStartMs).toISOString()}`)).toEqual([
      '1m 2024-02-29T23:58:00.000Z',
      '1m 2024-02-29T23:59:00.000Z',
      '5m 2024-02-29T23:55:00.000Z',
      '15m 2024-02-29T23:45:00.000Z',
      '30m 2024-02-29T23:30:00.000Z',
      '1h 2024-02-29T23:00:00.000Z',
      '4h 2024-02-29T20:00:00.000Z',
      '1d 2024-02-29T00:00:00.000Z',
      '1M 2024-02-01T00:00:00.000Z',
    ]);
    expect(ohlcv(emitted[0])).toEqual([6_511_430, 6_512_000, 6_509_900, 6_510_100, 182n, 4]);
    expect(emitted[0]!.tsEndMs).toBe(ms('2024-02-29T23:59:00Z'));
    expect(ohlcv(emitted[1])).toEqual([6_510_500, 6_510_500, 6_508_000, 6_508_000, 4n, 2]);
    for (const candle of emitted.slice(2)) {
      expect(ohlcv(candle), candle.timeframe).toEqual([6_511_430, 6_512_000, 6_508_000, 6_508_000, 186n, 6]);
      expect(candle.instrumentId).toBe(0);
    }
    expect(emitted.at(-1)!.tsEndMs).toBe(ms('2024-03-01T00:00:00Z'));
    // The ISO week of Monday 2024-02-26 runs to Monday 2024-03-04: still open, holding all 7 trades.
    expect(ohlcv(aggregator.readOpenCandle(0, '1w'))).toEqual([6_511_430, 6_512_000, 6_507_000, 6_507_000, 188n, 7]);
    expect(aggregator.readOpenCandle(0, '1w')!.tsStartMs).toBe(ms('2024-02-26T00:00:00Z'));
    expect(ohlcv(aggregator.readOpenCandle(0, '1M'))).toEqual([6_507_000, 6_507_000, 6_507_000, 6_507_000, 2n, 1]);
    expect(aggregator.acceptedTradeCount).toBe(7);
    expect(aggregator.emittedCandleCount).toBe(9);
  });

  it('closes the rest with advanceTo, each exactly once, at the exact boundary', () => {
    const { aggregator, emitted } = setup();
    for (const [at, extra, price, size] of trades) aggregator.onTradeNs(0, price, size, ns(at, extra));
    emitted.length = 0;

    // One nanosecond before 00:01 nothing closes; at 00:01 the 00:00 minute does.
    expect(aggregator.advanceToNs(ns('2024-03-01T00:01:00Z') - 1n)).toBe(0);
    expect(emitted).toEqual([]);
    expect(aggregator.advanceToNs(ns('2024-03-01T00:01:00Z'))).toBe(1);
    expect(emitted.map((candle) => candle.timeframe)).toEqual(['1m']);
    expect(ohlcv(emitted[0])).toEqual([6_507_000, 6_507_000, 6_507_000, 6_507_000, 2n, 1]);
    // Again at the same or an earlier time: nothing more.
    expect(aggregator.advanceToMs(ms('2024-03-01T00:01:00Z'))).toBe(0);
    expect(aggregator.advanceToMs(ms('2024-03-01T00:00:30Z'))).toBe(0);
    expect(aggregator.clockEpochMs).toBe(ms('2024-03-01T00:01:00Z'));

    emitted.length = 0;
    expect(aggregator.advanceToMs(ms('2024-03-04T00:00:00Z'))).toBe(7);
    expect(emitted.map((candle) => candle.timeframe)).toEqual(['5m', '15m', '30m', '1h', '4h', '1d', '1w']);
    expect(ohlcv(emitted.at(-1))).toEqual([6_511_430, 6_512_000, 6_507_000, 6_507_000, 188n, 7]);

    emitted.length = 0;
    expect(aggregator.advanceToMs(ms('2024-03-31T23:59:59.999Z'))).toBe(0);
    expect(aggregator.advanceToMs(ms('2024-04-01T00:00:00Z'))).toBe(1);
    expect(emitted[0]!.timeframe).toBe('1M');
    expect(emitted[0]!.tsStartMs).toBe(ms('2024-03-01T00:00:00Z'));
    expect(emitted[0]!.tsEndMs).toBe(ms('2024-04-01T00:00:00Z'));
    expect(aggregator.advanceToMs(ms('2030-01-01T00:00:00Z'))).toBe(0);
    for (const timeframe of TIMEFRAMES) expect(aggregator.readOpenCandle(0, timeframe)).toBeUndefined();
  });
});

describe('CandleAggregator: ordering inside a bucket', () => {
  it('takes open and close by tsEventNs, not by arrival', () => {
    const { aggregator, emitted } = setup(['1m'], 1);
    aggregator.onTradeNs(0, 200, 1, ns('2024-01-01T00:00:30Z'));
    aggregator.onTradeNs(0, 100, 1, ns('2024-01-01T00:00:10Z')); // earlier: the open
    aggregator.onTradeNs(0, 300, 1, ns('2024-01-01T00:00:50Z')); // latest: the close
    aggregator.onTradeNs(0, 250, 1, ns('2024-01-01T00:00:40Z')); // in between: neither
    aggregator.advanceToMs(ms('2024-01-01T00:01:00Z'));
    expect(ohlcv(emitted[0])).toEqual([100, 300, 100, 300, 4n, 4]);
    expect(aggregator.lateTradeCount).toBe(0);
  });

  it('breaks timestamp ties by arrival: the first is the open, the last the close', () => {
    const { aggregator, emitted } = setup(['1m'], 1);
    const at = ns('2024-01-01T00:00:30Z', 123n);
    aggregator.onTradeNs(0, 101, 1, at);
    aggregator.onTradeNs(0, 103, 1, at);
    aggregator.onTradeNs(0, 102, 1, at);
    aggregator.advanceToMs(ms('2024-01-01T00:01:00Z'));
    expect(ohlcv(emitted[0])).toEqual([101, 103, 101, 102, 3n, 3]);
  });

  it('orders by the nanoseconds within a millisecond', () => {
    const { aggregator, emitted } = setup(['1m'], 1);
    aggregator.onTradeNs(0, 2, 1, ns('2024-01-01T00:00:30.500Z', 2n));
    aggregator.onTradeNs(0, 1, 1, ns('2024-01-01T00:00:30.500Z', 1n));
    aggregator.onTradeNs(0, 3, 1, ns('2024-01-01T00:00:30.500Z', 3n));
    aggregator.advanceToMs(ms('2024-01-01T00:01:00Z'));
    expect(ohlcv(emitted[0])).toEqual([1, 3, 1, 3, 3n, 3]);
  });
});

describe('CandleAggregator: gaps and instruments', () => {
  it('invents no candle for a bucket without trades', () => {
    const { aggregator, emitted } = setup(['1m', '5m'], 1);
    aggregator.onTradeNs(0, 10, 1, ns('2024-01-01T00:00:05Z'));
    aggregator.onTradeNs(0, 20, 1, ns('2024-01-01T00:03:05Z'));
    aggregator.advanceToMs(ms('2024-01-01T00:10:00Z'));
    expect(emitted.map((candle) => `${candle.timeframe} ${new Date(candle.tsStartMs).toISOString().slice(11, 16)}`)).toEqual([
      '1m 00:00',
      '1m 00:03',
      '5m 00:00',
    ]);
    expect(ohlcv(emitted[2])).toEqual([10, 20, 10, 20, 2n, 2]);
  });

  it('keeps instruments apart: a trade closes only its own instrument’s candles', () => {
    const { aggregator, emitted } = setup(['1m'], 3);
    aggregator.onTradeNs(0, 10, 1, ns('2024-01-01T00:00:05Z'));
    aggregator.onTradeNs(2, 30, 3, ns('2024-01-01T00:00:06Z'));
    aggregator.onTradeNs(2, 31, 3, ns('2024-01-01T00:01:06Z')); // closes instrument 2's 00:00 only
    expect(emitted.map((candle) => candle.instrumentId)).toEqual([2]);
    expect(ohlcv(emitted[0])).toEqual([30, 30, 30, 30, 3n, 1]);
    // A trade of instrument 0 in 00:00 is still on time: instrument 2's progress is not its clock.
    expect(aggregator.onTradeNs(0, 11, 1, ns('2024-01-01T00:00:50Z'))).toBe(TRADE_ACCEPTED);
    aggregator.advanceToMs(ms('2024-01-01T00:02:00Z'));
    expect(emitted.map((candle) => `${candle.instrumentId} ${candle.tsStartMs}`)).toEqual([
      `2 ${ms('2024-01-01T00:00:00Z')}`,
      `0 ${ms('2024-01-01T00:00:00Z')}`,
      `2 ${ms('2024-01-01T00:01:00Z')}`,
    ]);
    expect(ohlcv(emitted[1])).toEqual([10, 11, 10, 11, 2n, 2]);
    expect(aggregator.readOpenCandle(1, '1m')).toBeUndefined();
  });

  it('holds its timeframes shortest first whatever order they were given in', () => {
    const { aggregator } = setup(['1M', '1m', '1h'], 1);
    expect(aggregator.timeframes).toEqual(['1m', '1h', '1M']);
  });
});

describe('CandleAggregator: late trades', () => {
  it('drops (and counts) a trade for a bucket that advanceTo closed; the closed candle is not reopened', () => {
    const { aggregator, emitted } = setup(['1m', '1h'], 2);
    aggregator.onTradeNs(0, 100, 5, ns('2024-01-01T10:00:10Z'));
    aggregator.advanceToMs(ms('2024-01-01T10:01:00Z'));
    expect(emitted).toHaveLength(1);
    expect(aggregator.onTradeNs(0, 999, 7, ns('2024-01-01T10:00:59.999Z'))).toBe(TRADE_LATE);
    // Instrument 1 never traded: the clock makes its old trades late too.
    expect(aggregator.onTradeNs(1, 999, 7, ns('2024-01-01T10:00:30Z'))).toBe(TRADE_LATE);
    expect(aggregator.lateTradeCount).toBe(2);
    expect(aggregator.lateTradeCountOf(0)).toBe(1);
    expect(aggregator.lateTradeCountOf(1)).toBe(1);
    // Dropped from every timeframe, the 1h one too, although its bucket is still open.
    expect(ohlcv(aggregator.readOpenCandle(0, '1h'))).toEqual([100, 100, 100, 100, 5n, 1]);
    expect(aggregator.readOpenCandle(0, '1m')).toBeUndefined();
    aggregator.advanceToMs(ms('2024-01-01T12:00:00Z'));
    expect(emitted.map((candle) => candle.timeframe)).toEqual(['1m', '1h']);
    expect(ohlcv(emitted[1])).toEqual([100, 100, 100, 100, 5n, 1]);
    expect(aggregator.acceptedTradeCount).toBe(1);
  });

  it('drops a trade older than the bucket a later trade of the same instrument opened', () => {
    const { aggregator, emitted } = setup(['1m', '1h'], 1);
    aggregator.onTradeNs(0, 100, 1, ns('2024-01-01T10:00:10Z'));
    aggregator.onTradeNs(0, 101, 1, ns('2024-01-01T10:01:10Z'));
    expect(aggregator.onTradeNs(0, 50, 1, ns('2024-01-01T10:00:50Z'))).toBe(TRADE_LATE);
    // A trade older than the newest one but inside its minute is on time.
    expect(aggregator.onTradeNs(0, 102, 1, ns('2024-01-01T10:01:00Z'))).toBe(TRADE_ACCEPTED);
    aggregator.advanceToMs(ms('2024-01-01T11:00:00Z'));
    expect(emitted.map((candle) => [candle.timeframe, ...ohlcv(candle)!])).toEqual([
      ['1m', 100, 100, 100, 100, 1n, 1],
      ['1m', 102, 102, 101, 101, 2n, 2],
      ['1h', 100, 102, 100, 101, 3n, 3],
    ]);
  });

  it('judges lateness by every configured timeframe when they do not nest (1w and 1M)', () => {
    const { aggregator, emitted } = setup(['1w', '1M'], 1);
    // Thursday 2024-01-31 and Friday 2024-02-02 share an ISO week but not a month.
    aggregator.onTradeNs(0, 100, 1, ns('2024-01-31T12:00:00Z'));
    aggregator.onTradeNs(0, 101, 1, ns('2024-02-02T12:00:00Z'));
    expect(emitted.map((candle) => candle.timeframe)).toEqual(['1M']);
    // Back in January: still the open week, but January's candle is emitted, so the trade is late.
    expect(aggregator.onTradeNs(0, 99, 1, ns('2024-01-31T13:00:00Z'))).toBe(TRADE_LATE);
    expect(ohlcv(aggregator.readOpenCandle(0, '1w'))).toEqual([100, 101, 100, 101, 2n, 2]);
  });
});

describe('CandleAggregator: fixed-point volume', () => {
  it('sums size mantissas exactly past 2^53', () => {
    const { aggregator, emitted } = setup(['1m'], 1);
    const big = Number.MAX_SAFE_INTEGER;
    for (let index = 0; index < 1000; index++) aggregator.onTradeNs(0, 1, big, ns('2024-01-01T00:00:00Z', BigInt(index)));
    aggregator.onTradeNs(0, 1, 4_294_967_295, ns('2024-01-01T00:00:01Z'));
    aggregator.onTradeNs(0, 1, 1, ns('2024-01-01T00:00:02Z'));
    aggregator.advanceToMs(ms('2024-01-01T00:01:00Z'));
    expect(emitted[0]!.volume).toBe(1000n * BigInt(big) + 4_294_967_296n);
    expect(emitted[0]!.tradeCount).toBe(1002);
  });

  it('accepts zero-size trades and negative prices as given (no invented filter)', () => {
    const { aggregator, emitted } = setup(['1m'], 1);
    aggregator.onTradeNs(0, -5, 0, ns('2024-01-01T00:00:00Z'));
    aggregator.onTradeNs(0, 7, 3, ns('2024-01-01T00:00:01Z'));
    aggregator.advanceToMs(ms('2024-01-01T00:01:00Z'));
    expect(ohlcv(emitted[0])).toEqual([-5, 7, -5, 7, 3n, 2]);
  });
});

describe('CandleAggregator: TRADE records', () => {
  it('reads instrument, price, size and tsEventNs from a record, sub-millisecond and pre-1970 included', () => {
    const views = createRecordViews(new ArrayBuffer(256));
    const stamps = createRecordStamps();
    const fromRecords = setup(['1m'], 2);
    const fromNs = setup(['1m'], 2);
    const times = [ns('2024-01-01T00:00:00Z', 999_999n), ns('2024-01-01T00:00:00Z', 1n), -1n, -60_000_000_000n, ns('2024-01-01T00:00:00Z', 500_000n)];
    let price = 1000;
    for (const tsEventNs of times) {
      price += 7;
      setRecordStampsBig(stamps, tsEventNs, tsEventNs);
      writeTrade(views, 64, 1, 0, stamps, price, 3, AggressorSide.BUY);
      fromRecords.aggregator.onTradeRecord(views, 64);
      fromNs.aggregator.onTradeNs(1, price, 3, tsEventNs);
    }
    expect(fromRecords.aggregator.lateTradeCount).toBe(2); // the two 1969 trades come after 2024 ones
    expect(ohlcv(fromRecords.aggregator.readOpenCandle(1, '1m'))).toEqual([1014, 1035, 1007, 1007, 9n, 3]);
    expect(fromRecords.aggregator.readOpenCandle(1, '1m')).toEqual(fromNs.aggregator.readOpenCandle(1, '1m'));
  });

  it('places a pre-1970 record in its floor millisecond', () => {
    const views = createRecordViews(new ArrayBuffer(256));
    const stamps = createRecordStamps();
    const { aggregator } = setup(['1m'], 1);
    setRecordStampsBig(stamps, -1n, 0n);
    writeTrade(views, 0, 0, 0, stamps, 5, 1, AggressorSide.SELL);
    aggregator.onTradeRecord(views, 0);
    setRecordStampsBig(stamps, -2n, 0n);
    writeTrade(views, 0, 0, 0, stamps, 4, 1, AggressorSide.SELL);
    aggregator.onTradeRecord(views, 0);
    const candle = aggregator.readOpenCandle(0, '1m')!;
    expect(candle.tsStartMs).toBe(-60_000);
    expect(candle.tsEndMs).toBe(0);
    expect([candle.open, candle.close]).toEqual([4, 5]); // -2 ns is before -1 ns
  });
});

describe('CandleAggregator: argument checks', () => {
  it('refuses bad options', () => {
    const onCandle = (): void => {};
    expectCode(() => new CandleAggregator({ timeframes: [], instrumentCount: 1, onCandle }), ZVT_ERR_CANDLE_ARGUMENT);
    expectCode(() => new CandleAggregator({ timeframes: ['1m', '1m'], instrumentCount: 1, onCandle }), ZVT_ERR_CANDLE_ARGUMENT);
    expectCode(() => new CandleAggregator({ timeframes: ['2m'], instrumentCount: 1, onCandle }), ZVT_ERR_CANDLE_TIMEFRAME);
    expectCode(() => new CandleAggregator({ timeframes: ['1m'], instrumentCount: 0, onCandle }), ZVT_ERR_CANDLE_ARGUMENT);
    expectCode(() => new CandleAggregator({ timeframes: ['1m'], instrumentCount: 1.5, onCandle }), ZVT_ERR_CANDLE_ARGUMENT);
    expectCode(
      () => new CandleAggregator({ timeframes: '1m' as unknown as string[], instrumentCount: 1, onCandle }),
      ZVT_ERR_CANDLE_ARGUMENT,
    );
    expectCode(
      () => new CandleAggregator({ timeframes: ['1m'], instrumentCount: 1, onCandle: undefined as unknown as () => void }),
      ZVT_ERR_CANDLE_ARGUMENT,
    );
  });

  it('refuses unknown instruments, non-integer prices, negative sizes and bad times', () => {
    const { aggregator } = setup(['1m'], 2);
    const at = ms('2024-01-01T00:00:00Z');
    for (const instrumentId of [-1, 2, 0.5, Number.NaN]) {
      expectCode(() => aggregator.onTrade(instrumentId, 1, 1, at, 0), ZVT_ERR_CANDLE_INSTRUMENT_RANGE);
    }
    expectCode(() => aggregator.lateTradeCountOf(2), ZVT_ERR_CANDLE_INSTRUMENT_RANGE);
    for (const [price, size] of [[1.5, 1], [Number.NaN, 1], [2 ** 53, 1], [1, -1], [1, 0.5], [1, Number.POSITIVE_INFINITY]] as const) {
      expectCode(() => aggregator.onTrade(0, price, size, at, 0), ZVT_ERR_CANDLE_TRADE_INVALID);
    }
    for (const [epochMs, nsOfMs] of [[Number.NaN, 0], [at + 0.5, 0], [at, -1], [at, 1_000_000], [at, 0.5], [9e15, 0]] as const) {
      expectCode(() => aggregator.onTrade(0, 1, 1, epochMs, nsOfMs), ZVT_ERR_CANDLE_TIME_RANGE);
    }
    expectCode(() => aggregator.advanceToMs(Number.NaN), ZVT_ERR_CANDLE_TIME_RANGE);
    expectCode(() => aggregator.advanceToMs(at + 0.25), ZVT_ERR_CANDLE_TIME_RANGE);
    expectCode(() => aggregator.onTradeNs(0, 1, 1, 5 as unknown as bigint), ZVT_ERR_CANDLE_TIME_RANGE);
    expectCode(() => aggregator.onTradeNs(0, 1, 1, 10n ** 30n), ZVT_ERR_CANDLE_TIME_RANGE);
    expectCode(() => aggregator.readOpenCandle(0, '1h'), ZVT_ERR_CANDLE_ARGUMENT);
    // Nothing was applied by the refused calls.
    expect(aggregator.acceptedTradeCount).toBe(0);
    expect(aggregator.readOpenCandle(0, '1m')).toBeUndefined();
  });

  it('emits a candle only once even when the callback throws', () => {
    let calls = 0;
    const aggregator = new CandleAggregator({
      timeframes: ['1m'] satisfies Timeframe[],
      instrumentCount: 1,
      onCandle: () => {
        calls++;
        throw new Error('consumer failed');
      },
    });
    aggregator.onTradeNs(0, 1, 1, ns('2024-01-01T00:00:00Z'));
    expect(() => aggregator.advanceToMs(ms('2024-01-01T00:01:00Z'))).toThrow('consumer failed');
    expect(aggregator.advanceToMs(ms('2024-01-01T00:02:00Z'))).toBe(0);
    expect(calls).toBe(1);
  });
});
