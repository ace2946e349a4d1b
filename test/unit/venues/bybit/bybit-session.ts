// The recorded Bybit session as the adapter sees it: registry from the recorded REST bodies, planned connections, parse contexts and frames.
import { BookSide, formatDecimalFixed } from '../../../../src/model/index.js';
import { InstrumentRegistry } from '../../../../src/model/instrument-registry.js';
import type { Instrument } from '../../../../src/model/instrument.js';
import type { ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import { NativeSymbolResolver } from '../../../../src/actors/venues/common/symbol-resolver.js';
import type { ConnectionPlan, ParseContext } from '../../../../src/actors/venues/common/venue-dialect.js';
import { bybitDialect } from '../../../../src/actors/venues/bybit/dialect.js';
import { loadRecording } from '../../../../src/sim/recording/read-recording.js';
import type { Recording } from '../../../../src/sim/recording/recording-format.js';
import { BYBIT_RECORDING } from '../../../helpers/recordings.js';

/** One recorded connection with the plan and context the adapter would give it. */
export interface SessionConnection {
  /** Recorder's connection name (BYBIT.ws.2 ...). */
  conn: string;
  plan: ConnectionPlan;
  context: ParseContext;
  /** Received text frames, in order. */
  frames: string[];
}

export interface BybitSession {
  recording: Recording;
  registry: InstrumentRegistry;
  /** The instruments the recorder subscribed to (their native symbols appear in its subscriptions). */
  recorded: Instrument[];
  connections: SessionConnection[];
}

/** A parse context over `instruments` (resolver) and the whole registry (scales). */
export function contextFor(registry: InstrumentRegistry, instruments: readonly Instrument[]): ParseContext {
  const all = registry.all();
  return {
    symbols: new NativeSymbolResolver(instruments.map((instrument) => [instrument.native, instrument.numericId] as const)),
    priceDecimals: Uint8Array.from(all, (instrument) => instrument.priceDecimals),
    sizeDecimals: Uint8Array.from(all, (instrument) => instrument.sizeDecimals),
  };
}

let cached: Promise<BybitSession> | undefined;

export function loadBybitSession(): Promise<BybitSession> {
  cached ??= build();
  return cached;
}

async function build(): Promise<BybitSession> {
  const recording = await loadRecording(BYBIT_RECORDING);
  const definitions = recording.http.flatMap((response) => bybitDialect.parseInstruments(new URL(response.url).pathname + new URL(response.url).search, response.data));
  const registry = new InstrumentRegistry(definitions);
  const recorded: Instrument[] = [];
  for (const connection of recording.connections) {
    const kind = connection.address.endsWith('/spot') ? 'spot' : 'perpetual';
    for (const frame of connection.frames) {
      if (frame.direction !== 'send') continue;
      const request = JSON.parse(frame.data) as { args: string[] };
      for (const topic of request.args) {
        if (!topic.startsWith('orderbook.')) continue;
        recorded.push(registry.requireByNative('bybit', topic.split('.')[2]!, kind));
      }
    }
  }
  const plans = bybitDialect.planConnections(recorded);
  const connections = recording.connections.map((connection) => {
    const plan = plans.find((candidate) => connection.address.endsWith(candidate.path));
    if (plan === undefined) throw new Error(`no planned connection for ${connection.address}`);
    const instruments = plan.instrumentIds.map((id) => registry.requireByNumericId(id));
    return {
      conn: connection.conn,
      plan,
      context: contextFor(registry, instruments),
      frames: connection.frames.filter((frame) => frame.direction === 'recv').map((frame) => frame.data),
    };
  });
  return { recording, registry, recorded, connections };
}

/** Plain, comparable contents of a ParsedFrame (only the used slots). */
export function frameContents(frame: ParsedFrame): unknown {
  const books = frame.books.slice(0, frame.bookCount).map((book) => ({
    instrumentId: book.instrumentId,
    isSnapshot: book.isSnapshot,
    sequence: book.sequence,
    firstSequence: book.firstSequence,
    previousSequence: book.previousSequence,
    checksum: book.checksum,
    hasEventTime: book.hasEventTime,
    eventSeconds: book.eventSeconds,
    eventNanos: book.eventNanos,
    levels: Array.from({ length: book.levelCount }, (_, index) => [
      book.sides[index],
      book.prices[index],
      book.sizes[index],
      book.priceTextDecimals[index],
      book.sizeTextDecimals[index],
    ]),
  }));
  const trades = frame.trades;
  const tradeList = Array.from({ length: trades.count }, (_, index) => ({
    instrumentId: trades.instrumentIds[index],
    price: trades.prices[index],
    size: trades.sizes[index],
    aggressorSide: trades.aggressorSides[index],
    hasEventTime: trades.hasEventTime[index],
    eventSeconds: trades.eventSeconds[index],
    eventNanos: trades.eventNanos[index],
    id: tradeIdOf(frame, index),
  }));
  const bbos = frame.bbos;
  const bboList = Array.from({ length: bbos.count }, (_, index) => ({
    instrumentId: bbos.instrumentIds[index],
    values: Array.from(bbos.values.subarray(index * 4, index * 4 + 4)),
    hasEventTime: bbos.hasEventTime[index],
    eventSeconds: bbos.eventSeconds[index],
    eventNanos: bbos.eventNanos[index],
  }));
  return { kind: frame.kind, connectionSequence: frame.connectionSequence, errorText: frame.errorText, books, trades: tradeList, bbos: bboList };
}

export function tradeIdOf(frame: ParsedFrame, index: number): string {
  const base = index * 48;
  return Buffer.from(frame.trades.tradeIds.subarray(base, base + frame.trades.tradeIdLengths[index]!)).toString('latin1');
}

/** A level of a parsed book as the decimal text it was sent as. */
export function levelText(frame: ParsedFrame, bookIndex: number, levelIndex: number, context: ParseContext): { side: 'b' | 'a'; price: string; size: string } {
  const book = frame.books[bookIndex]!;
  const priceDecimals = context.priceDecimals[book.instrumentId]!;
  const sizeDecimals = context.sizeDecimals[book.instrumentId]!;
  return {
    side: book.sides[levelIndex] === BookSide.BID ? 'b' : 'a',
    price: formatDecimalFixed(book.prices[levelIndex]!, priceDecimals, book.priceTextDecimals[levelIndex]!),
    size: formatDecimalFixed(book.sizes[levelIndex]!, sizeDecimals, book.sizeTextDecimals[levelIndex]!),
  };
}
