// CandleAggregator: live OHLCV candles of many instruments and timeframes from a trade stream, closed on UTC boundaries.
//
// State is one Float64Array of fixed-stride slots, one slot per (instrument, timeframe):
//
//   slot = (instrumentId × timeframeCount + timeframeIndex) × SLOT_STRIDE
//   +-------------+-----------+------+------+-----+-------+-------------+------------+-------+
//   | bucketStart | bucketEnd | open | high | low | close | volumeHigh  | volumeLow  | trade |
//   | ms          | ms        |      |      |     |       | × 2^32      | < 2^32     | count |
//   +-------------+-----------+------+------+-----+-------+-------------+------------+-------+
//   | firstMs | firstNs | lastMs | lastNs |   time of the open trade and of the close trade,
//   +---------+---------+--------+--------+   as (epoch ms, ns within that ms)
//
// Per trade, the work is comparisons and stores into that array: no objects, no bigint, no
// closures. Only when a candle closes is a Candle object built for the callback (and its volume
// turned into a bigint). Volume is carried as two exact integers (high × 2^32 + low) because a
// sum of size mantissas can pass 2^53 within a month; a bigint accumulator would allocate per trade.
// Large numbers (epoch ms, mantissas) never cross a non-inlined call as arguments, since V8 boxes
// those into heap numbers: they travel in the `input` scratch array and in unboxed locals.
// onTradeRecord(views, offset) is therefore allocation-free end to end (0 scavenges over 20 M
// trades measured); onTrade(…numbers) is too inside, but its own call site may box its arguments.
//
// Time: every bucket boundary is a whole UTC minute, so bucketing and closing need only a trade's
// floor epoch millisecond (a safe integer). The nanoseconds within that millisecond only order
// trades for open and close. Callers pass a TRADE record (tsEventNs as two u32 words, split
// exactly into ms and ns-of-ms) or (tsEventMs, tsEventNsOfMs); the bigint `onTradeNs` /
// `advanceToNs` forms are for cold callers and tests.
//
// Rules (docs/candles.md):
//   - A candle closes when a trade of its instrument arrives in a later bucket, or when
//     advanceToMs(now) reaches its end (now ≥ end), so a quiet market still closes candles on time.
//     Each closed candle goes to `onCandle` exactly once; per (instrument, timeframe) in
//     strictly increasing tsStartMs.
//   - A bucket without trades produces no candle: no open/high/low/close is invented (no
//     "previous close" fill). Readers see the gap as a missing bucket.
//   - A trade is LATE, counted and dropped (from every timeframe), when its time is before the
//     start of the current bucket of any configured timeframe of its instrument, where "current"
//     is the bucket holding max(latest accepted trade time of the instrument, advanceToMs clock).
//     Accepting it would reopen a closed candle or create one behind an emitted one. Dropping it
//     from all timeframes keeps them consistent: each hour's volume is the sum of its minutes'.
//     A trade older than the newest one but inside the open buckets is NOT late: it joins them,
//     and open/close follow tsEventNs, not arrival order.
//   - advanceToMs takes venue time (the trades' tsEventNs clock). Passing our receive clock
//     minus an allowance for in-flight trades avoids dropping trades that are merely delayed.

import { ZvtError } from '../../model/errors.js';
import { readInstrumentId, tsEventNsIndex } from '../../model/record-header.js';
import type { RecordViews } from '../../model/record-views.js';
import { readTradePrice, readTradeSize } from '../../model/trade-record.js';
import type { Candle } from './candle.js';
import {
  ZVT_ERR_CANDLE_ARGUMENT,
  ZVT_ERR_CANDLE_INSTRUMENT_RANGE,
  ZVT_ERR_CANDLE_TIME_RANGE,
  ZVT_ERR_CANDLE_TRADE_INVALID,
} from './errors.js';
import {
  bucketStartMs,
  fixedBucketDurationMs,
  MAX_EPOCH_MS,
  nextBucketStartMs,
  parseTimeframe,
  TIMEFRAMES,
  type Timeframe,
} from '../../model/timeframe.js';

/** onTrade result: the trade is in every configured timeframe's open candle. */
export const TRADE_ACCEPTED = 0;
/** onTrade result: the trade is older than an open bucket; it was counted and dropped. */
export const TRADE_LATE = 1;

/** Largest instrument count: registry ids are small dense integers (same bound as the books). */
export const MAX_AGGREGATOR_INSTRUMENTS = 0x100_0000;

// Slot layout (see the diagram above).
export const SLOT_BUCKET_START_MS = 0;
export const SLOT_BUCKET_END_MS = 1;
export const SLOT_OPEN = 2;
export const SLOT_HIGH = 3;
export const SLOT_LOW = 4;
export const SLOT_CLOSE = 5;
export const SLOT_VOLUME_HIGH = 6;
export const SLOT_VOLUME_LOW = 7;
export const SLOT_TRADE_COUNT = 8;
export const SLOT_FIRST_MS = 9;
export const SLOT_FIRST_NS = 10;
export const SLOT_LAST_MS = 11;
export const SLOT_LAST_NS = 12;
export const SLOT_STRIDE = 13;

const TWO_POW_32 = 4_294_967_296;
const NS_PER_MS = 1_000_000;
/** 2^32 = 4294 × 1e6 + 967296: splits a two-word int64 into ms and ns-within-ms from safe integers. */
const TWO_POW_32_MS_PART = 4294;
const TWO_POW_32_MOD_MILLION = 967_296;
/** Slots of the scratch `input` array that carries a trade into applyTrade without boxing. */
const INPUT_PRICE = 0;
const INPUT_SIZE = 1;
const INPUT_MS = 2;
const INPUT_NS_OF_MS = 3;

export interface CandleAggregatorOptions {
  /** Timeframes to build (any of TIMEFRAMES, no repeats); held shortest first whatever the order given. */
  readonly timeframes: readonly string[];
  /** Instruments are the registry's dense numeric ids 0 .. instrumentCount - 1. */
  readonly instrumentCount: number;
  /**
   * Receives every closed candle, exactly once. Called synchronously from onTrade / advanceTo*;
   * it must not call back into the aggregator, and must not throw (a throw leaves the trade that
   * closed the candle applied to only some timeframes: treat it as a fault and rebuild).
   */
  readonly onCandle: (candle: Candle) => void;
}

export class CandleAggregator {
  /** The configured timeframes, shortest first; a slot's timeframe index points in here. */
  readonly timeframes: readonly Timeframe[];
  readonly instrumentCount: number;

  private readonly slots: Float64Array;
  /** Per instrument: max over timeframes of the current bucket start; trades before it are late. */
  private readonly lateBeforeMs: Float64Array;
  /** Per instrument: late trades dropped. */
  private readonly lateCounts: Float64Array;
  private readonly onCandle: (candle: Candle) => void;
  private readonly timeframeCount: number;
  /** Per timeframe index: fixed bucket length (0 for 1M) and the origin its buckets count from. */
  private readonly durationsMs: Float64Array;
  private readonly originsMs: Float64Array;
  /** The trade being applied: price, size, ms, ns of ms (see INPUT_*). */
  private readonly input = new Float64Array(4);
  /** The advanceTo clock, epoch ms (venue time); -Infinity until first advanced. */
  private clockMs = Number.NEGATIVE_INFINITY;
  /** max over timeframes of the bucket start holding clockMs: every instrument's trades before it are late. */
  private clockLateBeforeMs = Number.NEGATIVE_INFINITY;
  /** No open candle ends before this (a lower bound): lets advanceToMs skip the scan between boundaries. */
  private earliestEndMs = Number.POSITIVE_INFINITY;
  private accepted = 0;
  private late = 0;
  private emitted = 0;

  constructor(options: CandleAggregatorOptions) {
    const { timeframes, instrumentCount, onCandle } = options;
    // Through an unknown copy: config from JSON may hold anything, and isArray would narrow to any[].
    const timeframesValue: unknown = timeframes;
    if (!Array.isArray(timeframesValue) || timeframes.length === 0) {
      throwArgument('CandleAggregator timeframes must be a non-empty array of timeframes', { timeframes });
    }
    const parsed = new Set<Timeframe>();
    for (const text of timeframes) {
      const timeframe = parseTimeframe(text);
      if (parsed.has(timeframe)) throwArgument(`CandleAggregator timeframes list ${timeframe} twice`, { timeframes });
      parsed.add(timeframe);
    }
    if (!(Number.isInteger(instrumentCount) && instrumentCount >= 1 && instrumentCount <= MAX_AGGREGATOR_INSTRUMENTS)) {
      throwArgument(
        `CandleAggregator instrumentCount must be an integer from 1 to ${MAX_AGGREGATOR_INSTRUMENTS} (got ${String(instrumentCount)})`,
        { instrumentCount },
      );
    }
    if (typeof onCandle !== 'function') throwArgument('CandleAggregator onCandle must be a function', {});
    this.timeframes = Object.freeze(TIMEFRAMES.filter((timeframe) => parsed.has(timeframe)));
    this.timeframeCount = this.timeframes.length;
    this.durationsMs = Float64Array.from(this.timeframes, (timeframe) => fixedBucketDurationMs(timeframe) ?? 0);
    // Fixed buckets start at origin + k × duration: the epoch, or for ISO weeks the first Monday.
    this.originsMs = Float64Array.from(this.timeframes, (timeframe) => bucketStartMs(timeframe, 0));
    this.instrumentCount = instrumentCount;
    this.onCandle = onCandle;
    this.slots = new Float64Array(instrumentCount * this.timeframeCount * SLOT_STRIDE);
    // -Infinity bucket bounds: the first trade of a slot is always "in a later bucket" and opens one.
    for (let slot = 0; slot < this.slots.length; slot += SLOT_STRIDE) {
      this.slots[slot + SLOT_BUCKET_START_MS] = Number.NEGATIVE_INFINITY;
      this.slots[slot + SLOT_BUCKET_END_MS] = Number.NEGATIVE_INFINITY;
    }
    this.lateBeforeMs = new Float64Array(instrumentCount).fill(Number.NEGATIVE_INFINITY);
    this.lateCounts = new Float64Array(instrumentCount);
  }

  /** Trades accepted so far (each counted once, whatever the number of timeframes). */
  get acceptedTradeCount(): number {
    return this.accepted;
  }

  /** Late trades dropped so far, all instruments. */
  get lateTradeCount(): number {
    return this.late;
  }

  /** Candles passed to onCandle so far. */
  get emittedCandleCount(): number {
    return this.emitted;
  }

  /** The advanceTo clock in epoch ms, or -Infinity before the first advance. */
  get clockEpochMs(): number {
    return this.clockMs;
  }

  /** Late trades dropped so far for one instrument. */
  lateTradeCountOf(instrumentId: number): number {
    this.checkInstrument(instrumentId);
    return this.lateCounts[instrumentId]!;
  }

  /**
   * Adds one trade: `price` and `size` are mantissas at the instrument's price and size decimals;
   * the trade time is `tsEventMs` (floor epoch ms) plus `tsEventNsOfMs` (0 .. 999 999 ns within it).
   * Closes (emits) the candles this trade's bucket moves past. Returns TRADE_ACCEPTED or
   * TRADE_LATE. Throws ZvtError on an unknown instrument, a price that is not a safe integer, a
   * size that is not a non-negative safe integer, or a time out of range: those are bugs upstream.
   *
   * The aggregator allocates nothing here unless a candle closes, but V8 boxes a number outside
   * ±2^30 (any epoch ms, large mantissas) into a heap number when it is passed to a call that is
   * not inlined; that happens at the caller. On the hot path use onTradeRecord, which takes only
   * small integers and reads the rest from the record.
   */
  onTrade(instrumentId: number, price: number, size: number, tsEventMs: number, tsEventNsOfMs: number): number {
    const input = this.input;
    input[INPUT_PRICE] = price;
    input[INPUT_SIZE] = size;
    input[INPUT_MS] = tsEventMs;
    input[INPUT_NS_OF_MS] = tsEventNsOfMs;
    return this.applyTrade(instrumentId);
  }

  /**
   * onTrade for a TRADE record at payload `offset` of `views` (src/model/trade-record.ts):
   * instrument id, price and size mantissas, and tsEventNs read from the record. Allocates nothing
   * unless a candle closes: every large number stays in typed arrays or unboxed locals.
   */
  onTradeRecord(views: RecordViews, offset: number): number {
    const words = views.u32;
    const index = tsEventNsIndex(offset);
    const hi = words[index + 1]! | 0;
    const lo = words[index]!;
    // ns = hi × 2^32 + lo = hi × 4294 × 1e6 + (hi × 967296 + lo), the bracket below 2^53: so the
    // floor ms and the ns within it come out exact without bigint (as readEpochMs does).
    const rest = hi * TWO_POW_32_MOD_MILLION + lo;
    let nsOfMs = rest % NS_PER_MS;
    if (nsOfMs < 0) nsOfMs += NS_PER_MS;
    const input = this.input;
    input[INPUT_PRICE] = readTradePrice(views, offset);
    input[INPUT_SIZE] = readTradeSize(views, offset);
    input[INPUT_MS] = hi * TWO_POW_32_MS_PART + (rest - nsOfMs) / NS_PER_MS;
    input[INPUT_NS_OF_MS] = nsOfMs;
    return this.applyTrade(readInstrumentId(views, offset));
  }

  /** The trade in `input`, for `instrumentId`. Takes no number that V8 would box. */
  private applyTrade(instrumentId: number): number {
    this.checkInstrument(instrumentId);
    const input = this.input;
    const price = input[INPUT_PRICE]!;
    const size = input[INPUT_SIZE]!;
    const tsEventMs = input[INPUT_MS]!;
    const tsEventNsOfMs = input[INPUT_NS_OF_MS]!;
    if (!(Number.isSafeInteger(price) && Number.isSafeInteger(size) && size >= 0)) throwTrade(instrumentId, price, size);
    if (
      !(
        Number.isInteger(tsEventMs) &&
        tsEventMs <= MAX_EPOCH_MS &&
        tsEventMs >= -MAX_EPOCH_MS &&
        Number.isInteger(tsEventNsOfMs) &&
        tsEventNsOfMs >= 0 &&
        tsEventNsOfMs < NS_PER_MS
      )
    ) {
      throwTradeTime(instrumentId, tsEventMs, tsEventNsOfMs);
    }
    if (tsEventMs < this.lateBeforeMs[instrumentId]! || tsEventMs < this.clockLateBeforeMs) {
      this.lateCounts[instrumentId]!++;
      this.late++;
      return TRADE_LATE;
    }
    this.accepted++;
    const slots = this.slots;
    const timeframeCount = this.timeframeCount;
    // The size split once: low < 2^32 and high < 2^21 keep every volume addition exact.
    const sizeLow = size % TWO_POW_32;
    const sizeHigh = (size - sizeLow) / TWO_POW_32;
    for (let index = 0; index < timeframeCount; index++) {
      const slot = (instrumentId * timeframeCount + index) * SLOT_STRIDE;
      if (tsEventMs >= slots[slot + SLOT_BUCKET_END_MS]!) {
        // Not late, so not before the bucket start either: this trade opens a later bucket.
        if (slots[slot + SLOT_TRADE_COUNT]! > 0) this.emit(instrumentId, index, slot);
        this.openBucket(instrumentId, index, slot);
        continue;
      }
      if (price > slots[slot + SLOT_HIGH]!) slots[slot + SLOT_HIGH] = price;
      if (price < slots[slot + SLOT_LOW]!) slots[slot + SLOT_LOW] = price;
      let volumeLow = slots[slot + SLOT_VOLUME_LOW]! + sizeLow;
      let volumeHigh = slots[slot + SLOT_VOLUME_HIGH]! + sizeHigh;
      if (volumeLow >= TWO_POW_32) {
        volumeLow -= TWO_POW_32;
        volumeHigh += 1;
      }
      slots[slot + SLOT_VOLUME_LOW] = volumeLow;
      slots[slot + SLOT_VOLUME_HIGH] = volumeHigh;
      slots[slot + SLOT_TRADE_COUNT]!++;
      // Open is the earliest trade: replaced only by a strictly earlier one (ties keep arrival order).
      const firstMs = slots[slot + SLOT_FIRST_MS]!;
      if (tsEventMs < firstMs || (tsEventMs === firstMs && tsEventNsOfMs < slots[slot + SLOT_FIRST_NS]!)) {
        slots[slot + SLOT_OPEN] = price;
        slots[slot + SLOT_FIRST_MS] = tsEventMs;
        slots[slot + SLOT_FIRST_NS] = tsEventNsOfMs;
      }
      // Close is the latest trade: a tie goes to the later arrival.
      const lastMs = slots[slot + SLOT_LAST_MS]!;
      if (tsEventMs > lastMs || (tsEventMs === lastMs && tsEventNsOfMs >= slots[slot + SLOT_LAST_NS]!)) {
        slots[slot + SLOT_CLOSE] = price;
        slots[slot + SLOT_LAST_MS] = tsEventMs;
        slots[slot + SLOT_LAST_NS] = tsEventNsOfMs;
      }
    }
    return TRADE_ACCEPTED;
  }

  /** onTrade with a bigint epoch-ns time. Cold path (tests, backfill): bigint arithmetic allocates. */
  onTradeNs(instrumentId: number, price: number, size: number, tsEventNs: bigint): number {
    const [epochMs, nsOfMs] = splitEpochNs(tsEventNs);
    return this.onTrade(instrumentId, price, size, epochMs, nsOfMs);
  }

  /**
   * Moves the clock to `nowMs` (epoch ms, venue time) and closes every open candle whose bucket
   * ended at or before it, in instrument order, shortest timeframe first. Trades older than the
   * clock's current buckets become late. A clock that goes backwards is ignored. Returns the
   * number of candles closed. Between bucket boundaries it does not scan the instruments: it
   * tracks the earliest end of any open candle.
   */
  advanceToMs(nowMs: number): number {
    if (!(Number.isInteger(nowMs) && nowMs <= MAX_EPOCH_MS && nowMs >= -MAX_EPOCH_MS)) {
      throw new ZvtError(
        ZVT_ERR_CANDLE_TIME_RANGE,
        `advanceToMs needs an integer epoch ms within ±${MAX_EPOCH_MS} (got ${String(nowMs)})`,
        { nowMs },
      );
    }
    if (nowMs <= this.clockMs) return 0;
    this.clockMs = nowMs;
    let lateBefore = this.clockLateBeforeMs;
    for (const timeframe of this.timeframes) {
      const start = bucketStartMs(timeframe, nowMs);
      if (start > lateBefore) lateBefore = start;
    }
    this.clockLateBeforeMs = lateBefore;
    if (nowMs < this.earliestEndMs) return 0;
    const slots = this.slots;
    const timeframeCount = this.timeframeCount;
    let closed = 0;
    let earliestEnd = Number.POSITIVE_INFINITY;
    for (let instrumentId = 0; instrumentId < this.instrumentCount; instrumentId++) {
      for (let index = 0; index < timeframeCount; index++) {
        const slot = (instrumentId * timeframeCount + index) * SLOT_STRIDE;
        if (slots[slot + SLOT_TRADE_COUNT] === 0) continue;
        const end = slots[slot + SLOT_BUCKET_END_MS]!;
        if (end <= nowMs) {
          this.emit(instrumentId, index, slot);
          closed++;
        } else if (end < earliestEnd) {
          earliestEnd = end;
        }
      }
    }
    this.earliestEndMs = earliestEnd;
    return closed;
  }

  /** advanceToMs with a bigint epoch-ns clock (floored to the ms: boundaries are whole ms). Cold path. */
  advanceToNs(nowNs: bigint): number {
    return this.advanceToMs(splitEpochNs(nowNs)[0]);
  }

  /**
   * The still-open candle of (instrument, timeframe) as it stands, or undefined when its current
   * bucket has no trade. For live displays; it is not emitted and may still change. Cold path.
   */
  readOpenCandle(instrumentId: number, timeframe: Timeframe): Candle | undefined {
    this.checkInstrument(instrumentId);
    const index = this.timeframes.indexOf(timeframe);
    if (index < 0) {
      throwArgument(`Timeframe ${String(timeframe)} is not configured (configured: ${this.timeframes.join(', ')})`, {
        timeframe,
      });
    }
    const slot = (instrumentId * this.timeframeCount + index) * SLOT_STRIDE;
    if (this.slots[slot + SLOT_TRADE_COUNT] === 0) return undefined;
    return this.candleAt(instrumentId, index, slot);
  }

  /** Starts a new bucket in `slot` with the trade in `input` as its first. */
  private openBucket(instrumentId: number, index: number, slot: number): void {
    const slots = this.slots;
    const input = this.input;
    const price = input[INPUT_PRICE]!;
    const size = input[INPUT_SIZE]!;
    const tsEventMs = input[INPUT_MS]!;
    const duration = this.durationsMs[index]!;
    let start: number;
    let end: number;
    if (duration > 0) {
      // timeframe.ts's floorToStep, inlined: a call would box the epoch ms (see onTrade).
      const origin = this.originsMs[index]!;
      const remainder = (tsEventMs - origin) % duration;
      start = remainder < 0 ? tsEventMs - remainder - duration : tsEventMs - remainder;
      end = start + duration;
    } else {
      // Calendar months: once per instrument per month, the boxing does not matter.
      const timeframe = this.timeframes[index]!;
      start = bucketStartMs(timeframe, tsEventMs);
      end = nextBucketStartMs(timeframe, tsEventMs);
    }
    const sizeLow = size % TWO_POW_32;
    slots[slot + SLOT_BUCKET_START_MS] = start;
    slots[slot + SLOT_BUCKET_END_MS] = end;
    slots[slot + SLOT_OPEN] = price;
    slots[slot + SLOT_HIGH] = price;
    slots[slot + SLOT_LOW] = price;
    slots[slot + SLOT_CLOSE] = price;
    slots[slot + SLOT_VOLUME_HIGH] = (size - sizeLow) / TWO_POW_32;
    slots[slot + SLOT_VOLUME_LOW] = sizeLow;
    slots[slot + SLOT_TRADE_COUNT] = 1;
    slots[slot + SLOT_FIRST_MS] = tsEventMs;
    slots[slot + SLOT_FIRST_NS] = input[INPUT_NS_OF_MS]!;
    slots[slot + SLOT_LAST_MS] = tsEventMs;
    slots[slot + SLOT_LAST_NS] = input[INPUT_NS_OF_MS]!;
    if (start > this.lateBeforeMs[instrumentId]!) this.lateBeforeMs[instrumentId] = start;
    if (end < this.earliestEndMs) this.earliestEndMs = end;
  }

  /** Hands the candle in `slot` to onCandle and marks the slot empty (its bucket bounds stay). */
  private emit(instrumentId: number, index: number, slot: number): void {
    const candle = this.candleAt(instrumentId, index, slot);
    // Emptied before the callback runs, so the candle can never be emitted twice.
    this.slots[slot + SLOT_TRADE_COUNT] = 0;
    this.emitted++;
    this.onCandle(candle);
  }

  private candleAt(instrumentId: number, index: number, slot: number): Candle {
    const slots = this.slots;
    return {
      instrumentId,
      timeframe: this.timeframes[index]!,
      tsStartMs: slots[slot + SLOT_BUCKET_START_MS]!,
      tsEndMs: slots[slot + SLOT_BUCKET_END_MS]!,
      open: slots[slot + SLOT_OPEN]!,
      high: slots[slot + SLOT_HIGH]!,
      low: slots[slot + SLOT_LOW]!,
      close: slots[slot + SLOT_CLOSE]!,
      volume: BigInt(slots[slot + SLOT_VOLUME_HIGH]!) * BigInt(TWO_POW_32) + BigInt(slots[slot + SLOT_VOLUME_LOW]!),
      tradeCount: slots[slot + SLOT_TRADE_COUNT]!,
    };
  }

  private checkInstrument(instrumentId: number): void {
    if (!(Number.isInteger(instrumentId) && instrumentId >= 0 && instrumentId < this.instrumentCount)) {
      throw new ZvtError(
        ZVT_ERR_CANDLE_INSTRUMENT_RANGE,
        `Instrument id ${String(instrumentId)} is outside the aggregator's 0 .. ${this.instrumentCount - 1}`,
        { instrumentId, instrumentCount: this.instrumentCount },
      );
    }
  }
}

/** (floor epoch ms, ns within that ms) of an epoch-ns bigint. */
function splitEpochNs(epochNs: bigint): [number, number] {
  if (typeof epochNs !== 'bigint') {
    throw new ZvtError(ZVT_ERR_CANDLE_TIME_RANGE, `Epoch ns must be a bigint (got ${String(epochNs)})`, {});
  }
  const million = BigInt(NS_PER_MS);
  let remainder = epochNs % million;
  if (remainder < 0n) remainder += million;
  const epochMs = (epochNs - remainder) / million;
  // Out-of-range values are rejected by the number paths; clamp so Number() cannot mislead them.
  const limit = BigInt(MAX_EPOCH_MS) + 1n;
  const clamped = epochMs > limit ? limit : epochMs < -limit ? -limit : epochMs;
  return [Number(clamped), Number(remainder)];
}

function throwArgument(message: string, details: Record<string, unknown>): never {
  throw new ZvtError(ZVT_ERR_CANDLE_ARGUMENT, message, details);
}

function throwTrade(instrumentId: number, price: number, size: number): never {
  throw new ZvtError(
    ZVT_ERR_CANDLE_TRADE_INVALID,
    `Trade of instrument ${instrumentId} needs a safe-integer price mantissa and a non-negative safe-integer size mantissa (got price ${String(price)}, size ${String(size)})`,
    { instrumentId, price, size },
  );
}

function throwTradeTime(instrumentId: number, tsEventMs: number, tsEventNsOfMs: number): never {
  throw new ZvtError(
    ZVT_ERR_CANDLE_TIME_RANGE,
    `Trade of instrument ${instrumentId} needs an integer tsEventMs within ±${MAX_EPOCH_MS} and tsEventNsOfMs from 0 to 999999 (got ${String(tsEventMs)}, ${String(tsEventNsOfMs)})`,
    { instrumentId, tsEventMs, tsEventNsOfMs },
  );
}
