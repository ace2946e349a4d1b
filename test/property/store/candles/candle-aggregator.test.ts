// Property test of CandleAggregator against a naive reference: any trade stream, any timeframes, same candles at the same moments.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../src/store/candles/candle.js';
import { CandleAggregator, TRADE_ACCEPTED, TRADE_LATE } from '../../../../src/store/candles/candle-aggregator.js';
import { referenceCandles, streamArbitrary, type Stream } from './candle-reference.js';

const RUNS = { numRuns: 400 };

interface Run {
  emitted: { eventIndex: number; candle: Candle }[];
  statuses: number[];
  aggregator: CandleAggregator;
}

function runAggregator(stream: Stream): Run {
  const emitted: { eventIndex: number; candle: Candle }[] = [];
  let eventIndex = 0;
  const aggregator = new CandleAggregator({
    timeframes: stream.timeframes,
    instrumentCount: stream.instrumentCount,
    onCandle: (candle) => emitted.push({ eventIndex, candle }),
  });
  const statuses: number[] = [];
  for (; eventIndex < stream.events.length; eventIndex++) {
    const event = stream.events[eventIndex]!;
    if (event.kind === 'advance') {
      aggregator.advanceToMs(event.nowMs);
    } else {
      statuses.push(aggregator.onTrade(event.instrumentId, event.price, event.size, event.tsEventMs, event.tsEventNsOfMs));
    }
  }
  return { emitted, statuses, aggregator };
}

describe('CandleAggregator (property)', () => {
  it('emits exactly the reference candles, at the same events, in the same order', () => {
    fc.assert(
      fc.property(streamArbitrary(), (stream) => {
        const { emitted, statuses, aggregator } = runAggregator(stream);
        const reference = referenceCandles(stream);
        expect(emitted).toEqual(reference.closed);
        expect(aggregator.lateTradeCount).toBe(reference.late);
        expect(aggregator.acceptedTradeCount).toBe(reference.accepted);
        expect(statuses.filter((status) => status === TRADE_LATE).length).toBe(reference.late);
        expect(statuses.filter((status) => status === TRADE_ACCEPTED).length).toBe(reference.accepted);
        expect(aggregator.emittedCandleCount).toBe(reference.closed.length);
        for (let instrumentId = 0; instrumentId < stream.instrumentCount; instrumentId++) {
          for (const timeframe of aggregator.timeframes) {
            expect(aggregator.readOpenCandle(instrumentId, timeframe)).toEqual(reference.open.get(`${instrumentId} ${timeframe}`));
          }
        }
      }),
      RUNS,
    );
  });

  it('emits each (instrument, timeframe) series strictly increasing, and every accepted trade once per timeframe', () => {
    fc.assert(
      fc.property(streamArbitrary(), (stream) => {
        const { emitted, aggregator } = runAggregator(stream);
        aggregator.advanceToMs(8_000_000_000_000_000); // closes everything still open
        const lastStart = new Map<string, number>();
        const tradesPerTimeframe = new Map<string, number>();
        for (const { candle } of emitted) {
          const key = `${candle.instrumentId} ${candle.timeframe}`;
          expect(candle.tsStartMs).toBeGreaterThan(lastStart.get(key) ?? Number.NEGATIVE_INFINITY);
          lastStart.set(key, candle.tsStartMs);
          expect(candle.tradeCount).toBeGreaterThan(0);
          expect(candle.low).toBeLessThanOrEqual(Math.min(candle.open, candle.close));
          expect(candle.high).toBeGreaterThanOrEqual(Math.max(candle.open, candle.close));
          tradesPerTimeframe.set(candle.timeframe, (tradesPerTimeframe.get(candle.timeframe) ?? 0) + candle.tradeCount);
        }
        for (const timeframe of aggregator.timeframes) {
          expect(tradesPerTimeframe.get(timeframe) ?? 0).toBe(aggregator.acceptedTradeCount);
        }
      }),
      RUNS,
    );
  });
});
