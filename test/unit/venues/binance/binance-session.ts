// The recorded Binance spot session as the adapter sees it: registry, plan, parse context, frames and snapshots, plus record-collecting helpers.
import { createParseContext } from '../../../../src/actors/venues/common/parse-context.js';
import type { ParsedBook, ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import type { BookEmitter, ConnectionPlan, ParseContext } from '../../../../src/actors/venues/common/venue-dialect.js';
import { binanceDialect } from '../../../../src/actors/venues/binance/dialect.js';
import { InstrumentRegistry } from '../../../../src/model/instrument-registry.js';
import type { Instrument } from '../../../../src/model/instrument.js';
import { BookSide } from '../../../../src/model/record-types.js';
import { loadRecording } from '../../../../src/sim/recording/read-recording.js';
import type { Recording } from '../../../../src/sim/recording/recording-format.js';
import { BINANCE_RECORDING } from '../../../helpers/recordings.js';

/** A received frame or a REST depth snapshot, with the recorder's local time. */
export type SessionEvent = { type: 'frame'; ts: number; text: string } | { type: 'snapshot'; ts: number; instrumentId: number; body: string };

export interface BinanceSession {
  recording: Recording;
  registry: InstrumentRegistry;
  /** The instruments whose streams the recorder opened (from its connection URL). */
  recorded: Instrument[];
  plan: ConnectionPlan;
  context: ParseContext;
  /**
   * The same connection with each recorded instrument's scale widened to the precision Binance
   * publishes for its assets (exchangeInfo quoteAssetPrecision / baseAssetPrecision). The
   * recorded NKNUSDT REST snapshot holds resting orders off today's tick and lot grid
   * ("0.25511000", "11979.30000000" under tick 0.0001 and lot 1), which the registry's scale
   * rejects by design; replaying the whole session needs the wider scale.
   */
  wideContext: ParseContext;
  /** Every received frame, in order. */
  frames: string[];
  /** Recorded REST depth snapshot body per instrument. */
  snapshots: Map<number, string>;
  /** Frames and snapshots merged by local time: the order a live feed would have seen them. */
  timeline: SessionEvent[];
}

/** A parse context resolving `instruments`, with every registry instrument's scale. */
export function contextFor(registry: InstrumentRegistry, instruments: readonly Instrument[]): ParseContext {
  return createParseContext(registry, instruments);
}

let cached: Promise<BinanceSession> | undefined;

export function loadBinanceSession(): Promise<BinanceSession> {
  cached ??= build();
  return cached;
}

async function build(): Promise<BinanceSession> {
  const recording = await loadRecording(BINANCE_RECORDING);
  const exchangeInfo = recording.http.find((response) => response.url.includes('/exchangeInfo'))!;
  const url = new URL(exchangeInfo.url);
  const registry = new InstrumentRegistry(binanceDialect.parseInstruments(url.pathname + url.search, exchangeInfo.data));
  const connection = recording.connections[0]!;
  const streams = new URL(connection.address).searchParams.get('streams')!.split('/');
  const natives = [...new Set(streams.map((stream) => stream.split('@')[0]!.toUpperCase()))];
  const recorded = natives.map((native) => registry.requireByNative('binance', native, 'spot'));
  const plans = binanceDialect.planConnections(recorded);
  if (plans.length !== 1) throw new Error(`expected one planned connection, got ${plans.length}`);
  const plan = plans[0]!;
  const context = contextFor(registry, recorded);
  const published = new Map(
    (JSON.parse(exchangeInfo.data) as { symbols: { symbol: string; baseAssetPrecision: number; quoteAssetPrecision: number }[] }).symbols.map((symbol) => [symbol.symbol, symbol] as const),
  );
  const wideContext: ParseContext = { ...context, priceDecimals: context.priceDecimals.slice(), sizeDecimals: context.sizeDecimals.slice() };
  for (const instrument of recorded) {
    const precision = published.get(instrument.native)!;
    wideContext.priceDecimals[instrument.numericId] = Math.max(instrument.priceDecimals, precision.quoteAssetPrecision);
    wideContext.sizeDecimals[instrument.numericId] = Math.max(instrument.sizeDecimals, precision.baseAssetPrecision);
  }
  const frames: string[] = [];
  const timeline: SessionEvent[] = [];
  for (const frame of connection.frames) {
    if (frame.direction !== 'recv') continue;
    frames.push(frame.data);
    timeline.push({ type: 'frame', ts: frame.ts, text: frame.data });
  }
  const snapshots = new Map<number, string>();
  for (const response of recording.http) {
    const symbol = new URL(response.url).searchParams.get('symbol');
    if (!response.url.includes('/depth') || symbol === null) continue;
    const instrumentId = registry.requireByNative('binance', symbol, 'spot').numericId;
    snapshots.set(instrumentId, response.data);
    timeline.push({ type: 'snapshot', ts: response.ts, instrumentId, body: response.data });
  }
  // Stable sort: equal times keep file order.
  timeline.sort((left, right) => left.ts - right.ts);
  return { recording, registry, recorded, plan, context, wideContext, frames, snapshots, timeline };
}

/** Plain, comparable contents of the used slots of a ParsedFrame. */
export function frameContents(frame: ParsedFrame): unknown {
  const books = frame.books.slice(0, frame.bookCount).map(bookContents);
  const trades = [];
  for (let index = 0; index < frame.trades.count; index++) {
    const t = frame.trades;
    trades.push({
      instrumentId: t.instrumentIds[index],
      price: t.prices[index],
      size: t.sizes[index],
      aggressorSide: t.aggressorSides[index],
      hasEventTime: t.hasEventTime[index],
      eventSeconds: t.eventSeconds[index],
      eventNanos: t.eventNanos[index],
      tradeId: tradeIdOf(frame, index),
    });
  }
  const bbos = [];
  for (let index = 0; index < frame.bbos.count; index++) {
    const b = frame.bbos;
    bbos.push({
      instrumentId: b.instrumentIds[index],
      values: Array.from(b.values.subarray(index * 4, index * 4 + 4)),
      hasEventTime: b.hasEventTime[index],
      eventSeconds: b.eventSeconds[index],
      eventNanos: b.eventNanos[index],
    });
  }
  return { kind: frame.kind, connectionSequence: frame.connectionSequence, errorText: frame.errorText, books, trades, bbos };
}

export function bookContents(book: ParsedBook): unknown {
  const levels = [];
  for (let index = 0; index < book.levelCount; index++) {
    levels.push([book.sides[index], book.prices[index], book.sizes[index], book.priceTextDecimals[index], book.sizeTextDecimals[index]]);
  }
  return {
    instrumentId: book.instrumentId,
    isSnapshot: book.isSnapshot,
    sequence: book.sequence,
    firstSequence: book.firstSequence,
    previousSequence: book.previousSequence,
    checksum: book.checksum,
    hasEventTime: book.hasEventTime,
    eventSeconds: book.eventSeconds,
    eventNanos: book.eventNanos,
    levels,
  };
}

export function tradeIdOf(frame: ParsedFrame, index: number): string {
  const start = index * 48;
  return String.fromCharCode(...frame.trades.tradeIds.subarray(start, start + frame.trades.tradeIdLengths[index]!));
}

/** What a BookEmitter was asked to write, in order (books copied: the sync may reuse them). */
export type EmittedRecord =
  | { type: 'snapshot'; instrumentId: number; sequence: number; levels: [side: number, price: number, size: number][] }
  | { type: 'update'; instrumentId: number; sequence: number; firstSequence: number; previousSequence: number; levels: [side: number, price: number, size: number][] }
  | { type: 'gap'; instrumentId: number; reason: number; expectedSequence: number; receivedSequence: number };

export class CollectingEmitter implements BookEmitter {
  readonly records: EmittedRecord[] = [];

  emitSnapshot(book: ParsedBook): void {
    this.records.push({ type: 'snapshot', instrumentId: book.instrumentId, sequence: book.sequence, levels: levelsOf(book) });
  }

  emitUpdate(book: ParsedBook): void {
    this.records.push({
      type: 'update',
      instrumentId: book.instrumentId,
      sequence: book.sequence,
      firstSequence: book.firstSequence,
      previousSequence: book.previousSequence,
      levels: levelsOf(book),
    });
  }

  emitGap(instrumentId: number, reason: number, expectedSequence: number, receivedSequence: number): void {
    this.records.push({ type: 'gap', instrumentId, reason, expectedSequence, receivedSequence });
  }

  of(instrumentId: number): EmittedRecord[] {
    return this.records.filter((record) => record.instrumentId === instrumentId);
  }
}

function levelsOf(book: ParsedBook): [number, number, number][] {
  const levels: [number, number, number][] = [];
  for (let index = 0; index < book.levelCount; index++) levels.push([book.sides[index]!, book.prices[index]!, book.sizes[index]!]);
  return levels;
}

/** A plain two-sided book: price mantissa → size mantissa per side. */
export class MapBook {
  readonly bids = new Map<number, number>();
  readonly asks = new Map<number, number>();
  sequence = -1;

  apply(record: EmittedRecord): void {
    if (record.type === 'gap') return;
    if (record.type === 'snapshot') {
      this.bids.clear();
      this.asks.clear();
    }
    for (const [side, price, size] of record.levels) {
      const levels = side === BookSide.BID ? this.bids : this.asks;
      if (size === 0) levels.delete(price);
      else levels.set(price, size);
    }
    this.sequence = record.sequence;
  }

  bestBid(): number {
    return Math.max(...this.bids.keys());
  }

  bestAsk(): number {
    return Math.min(...this.asks.keys());
  }
}

/** Replays records into one book per instrument. */
export function booksFrom(records: readonly EmittedRecord[]): Map<number, MapBook> {
  const books = new Map<number, MapBook>();
  for (const record of records) {
    let book = books.get(record.instrumentId);
    if (book === undefined) books.set(record.instrumentId, (book = new MapBook()));
    book.apply(record);
  }
  return books;
}
