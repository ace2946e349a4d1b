// Test references for candles: bucket bounds through Date's UTC fields, a trade-stream generator, and a naive candle builder.
import fc from 'fast-check';
import type { Candle } from '../../../../src/store/candles/candle.js';
import { TIMEFRAMES, type Timeframe } from '../../../../src/model/timeframe.js';

/**
 * Bucket start computed from calendar fields (getUTCMonth, getUTCDay …), deliberately unlike the
 * integer arithmetic under test. Valid where Date can represent the answer.
 */
export function referenceBucketStart(timeframe: Timeframe, epochMs: number): number {
  const date = new Date(epochMs);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  const hours = date.getUTCHours();
  const minutes = date.getUTCMinutes();
  const result = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0..99 to 1900..1999.
  switch (timeframe) {
    case '1M':
      result.setUTCFullYear(year, month, 1);
      break;
    case '1w':
      // getUTCDay: Sunday 0 … Saturday 6; days since Monday = (day + 6) % 7.
      result.setUTCFullYear(year, month, day - ((date.getUTCDay() + 6) % 7));
      break;
    case '1d':
      result.setUTCFullYear(year, month, day);
      break;
    default: {
      result.setUTCFullYear(year, month, day);
      const [hourStep, minuteStep] = ({ '4h': [4, 60], '1h': [1, 60], '30m': [1, 30], '15m': [1, 15], '5m': [1, 5], '1m': [1, 1] } as const)[timeframe];
      result.setUTCHours(hours - (hours % hourStep), minuteStep === 60 ? 0 : minutes - (minutes % minuteStep), 0, 0);
    }
  }
  return result.getTime();
}

/** Start of the next bucket, by calendar fields as well. */
export function referenceNextBucketStart(timeframe: Timeframe, epochMs: number): number {
  const start = new Date(referenceBucketStart(timeframe, epochMs));
  switch (timeframe) {
    case '1M':
      start.setUTCMonth(start.getUTCMonth() + 1);
      break;
    case '1w':
      start.setUTCDate(start.getUTCDate() + 7);
      break;
    case '1d':
      start.setUTCDate(start.getUTCDate() + 1);
      break;
    case '4h':
      start.setUTCHours(start.getUTCHours() + 4);
      break;
    case '1h':
      start.setUTCHours(start.getUTCHours() + 1);
      break;
    default:
      start.setUTCMinutes(start.getUTCMinutes() + Number(timeframe.slice(0, -1)));
  }
  return start.getTime();
}

export interface TradeEvent {
  readonly kind: 'trade';
  readonly instrumentId: number;
  readonly price: number;
  readonly size: number;
  readonly tsEventMs: number;
  readonly tsEventNsOfMs: number;
}
export interface AdvanceEvent {
  readonly kind: 'advance';
  readonly nowMs: number;
}
export type StreamEvent = TradeEvent | AdvanceEvent;

export interface Stream {
  readonly timeframes: readonly Timeframe[];
  readonly instrumentCount: number;
  readonly events: readonly StreamEvent[];
}

const DAY_MS = 86_400_000;
/** Starts next to calendar edges: a year end, a leap day, a Sunday night, a 30-day month end, the epoch. */
const ORIGINS_MS = ['2024-12-31T23:58:00Z', '2024-02-28T23:59:00Z', '2025-03-02T23:59:30Z', '2025-04-30T22:00:00Z', '1970-01-01T00:00:00Z'].map(
  (iso) => Date.parse(iso),
);

/** How far the stream's cursor moves per event: mostly small, sometimes across days or months. */
const jumpMs = fc.oneof(
  { arbitrary: fc.constant(0), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 999 }), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 60_000 }), weight: 4 },
  { arbitrary: fc.integer({ min: 0, max: 3_600_000 }), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 3 * DAY_MS }), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 40 * DAY_MS }), weight: 1 },
);
/** How far behind the cursor a trade is stamped: on time, slightly out of order, or late. */
const lagMs = fc.oneof(
  { arbitrary: fc.constant(0), weight: 6 },
  { arbitrary: fc.integer({ min: 0, max: 1_000 }), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 600_000 }), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 10 * DAY_MS }), weight: 1 },
);
const price = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 20 }), weight: 3 }, // few distinct values: ties for high/low
  { arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }), weight: 2 },
  { arbitrary: fc.maxSafeInteger(), weight: 1 },
);
const size = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 1_000 }), weight: 4 },
  { arbitrary: fc.integer({ min: 2 ** 52, max: Number.MAX_SAFE_INTEGER }), weight: 1 }, // volume passes 2^53
);
const nsOfMs = fc.oneof(fc.constant(0), fc.constant(999_999), fc.integer({ min: 0, max: 999_999 }));

const rawEvent = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('trade' as const), instrument: fc.nat(), price, size, jump: jumpMs, lag: lagMs, nsOfMs }),
    weight: 6,
  },
  { arbitrary: fc.record({ kind: fc.constant('advance' as const), jump: jumpMs, lag: lagMs }), weight: 1 },
);

/** A random configuration and event stream (times derived from a moving cursor). */
export function streamArbitrary(maxEvents = 120): fc.Arbitrary<Stream> {
  return fc
    .record({
      timeframes: fc.oneof(fc.constant([...TIMEFRAMES]), fc.subarray([...TIMEFRAMES], { minLength: 1 })),
      instrumentCount: fc.integer({ min: 1, max: 3 }),
      origin: fc.constantFrom(...ORIGINS_MS),
      offset: fc.integer({ min: -DAY_MS, max: DAY_MS }),
      raw: fc.array(rawEvent, { maxLength: maxEvents, size: 'max' }),
    })
    .map(({ timeframes, instrumentCount, origin, offset, raw }) => {
      let cursor = origin + offset;
      const events: StreamEvent[] = raw.map((event) => {
        cursor += event.jump;
        if (event.kind === 'advance') return { kind: 'advance', nowMs: cursor - (event.lag > 5_000 ? event.lag : 0) };
        return {
          kind: 'trade',
          instrumentId: event.instrument % instrumentCount,
          price: event.price,
          size: event.size,
          tsEventMs: cursor - event.lag,
          tsEventNsOfMs: event.nsOfMs,
        };
      });
      return { timeframes, instrumentCount, events };
    });
}

interface ReferenceTrade {
  price: number;
  size: number;
  tsEventMs: number;
  tsEventNsOfMs: number;
}
interface ReferenceGroup {
  instrumentId: number;
  timeframeIndex: number;
  timeframe: Timeframe;
  start: number;
  trades: ReferenceTrade[];
}

export interface ReferenceResult {
  /** Closed candles with the index of the event that closed them, in emission order. */
  readonly closed: { eventIndex: number; candle: Candle }[];
  /** Candles still open at the end, by `${instrumentId} ${timeframe}`. */
  readonly open: Map<string, Candle>;
  readonly late: number;
  readonly accepted: number;
}

/**
 * The specification in plain code: a trade is late when it is older than the current bucket (the
 * one holding max(clock, newest accepted trade)) of any configured timeframe of its instrument;
 * accepted trades are grouped per (instrument, timeframe, bucket); a group closes once that same
 * watermark reaches its end; a group's OHLCV comes from its trades sorted stably by time.
 */
export function referenceCandles(stream: Stream): ReferenceResult {
  // Sorted the way the aggregator holds them, so emission order can be compared exactly.
  const timeframes = TIMEFRAMES.filter((timeframe) => stream.timeframes.includes(timeframe));
  let clockMs = Number.NEGATIVE_INFINITY;
  const newestMs = new Array<number>(stream.instrumentCount).fill(Number.NEGATIVE_INFINITY);
  const groups: ReferenceGroup[] = [];
  const closed: { eventIndex: number; candle: Candle }[] = [];
  let late = 0;
  let accepted = 0;
  const watermark = (instrumentId: number): number => Math.max(clockMs, newestMs[instrumentId]!);

  stream.events.forEach((event, eventIndex) => {
    if (event.kind === 'advance') {
      clockMs = Math.max(clockMs, event.nowMs);
    } else {
      const mark = watermark(event.instrumentId);
      const lateBefore = Number.isFinite(mark) ? Math.max(...timeframes.map((timeframe) => referenceBucketStart(timeframe, mark))) : mark;
      if (event.tsEventMs < lateBefore) {
        late++;
      } else {
        accepted++;
        newestMs[event.instrumentId] = Math.max(newestMs[event.instrumentId]!, event.tsEventMs);
        timeframes.forEach((timeframe, timeframeIndex) => {
          const start = referenceBucketStart(timeframe, event.tsEventMs);
          let group = groups.find((entry) => entry.instrumentId === event.instrumentId && entry.timeframeIndex === timeframeIndex && entry.start === start);
          if (group === undefined) {
            group = { instrumentId: event.instrumentId, timeframeIndex, timeframe, start, trades: [] };
            groups.push(group);
          }
          group.trades.push({ price: event.price, size: event.size, tsEventMs: event.tsEventMs, tsEventNsOfMs: event.tsEventNsOfMs });
        });
      }
    }
    const closing = groups
      .filter((group) => referenceNextBucketStart(group.timeframe, group.start) <= watermark(group.instrumentId))
      .sort((a, b) => a.instrumentId - b.instrumentId || a.timeframeIndex - b.timeframeIndex);
    for (const group of closing) {
      groups.splice(groups.indexOf(group), 1);
      closed.push({ eventIndex, candle: candleOf(group) });
    }
  });
  const open = new Map<string, Candle>();
  for (const group of groups) open.set(`${group.instrumentId} ${group.timeframe}`, candleOf(group));
  return { closed, open, late, accepted };
}

function candleOf(group: ReferenceGroup): Candle {
  // Array.prototype.sort is stable: equal times keep arrival order.
  const byTime = [...group.trades].sort((a, b) => a.tsEventMs - b.tsEventMs || a.tsEventNsOfMs - b.tsEventNsOfMs);
  const prices = group.trades.map((trade) => trade.price);
  return {
    instrumentId: group.instrumentId,
    timeframe: group.timeframe,
    tsStartMs: group.start,
    tsEndMs: referenceNextBucketStart(group.timeframe, group.start),
    open: byTime[0]!.price,
    high: Math.max(...prices),
    low: Math.min(...prices),
    close: byTime.at(-1)!.price,
    volume: group.trades.reduce((sum, trade) => sum + BigInt(trade.size), 0n),
    tradeCount: group.trades.length,
  };
}
