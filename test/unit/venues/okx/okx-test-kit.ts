// Shared pieces of the OKX adapter tests: documented fixtures, parse contexts, ParsedFrame contents, a recording emitter.
import { readFileSync } from 'node:fs';
import { NativeSymbolResolver } from '../../../../src/actors/venues/common/symbol-resolver.js';
import { ParsedFrame, type ParsedBook } from '../../../../src/actors/venues/common/parsed-frame.js';
import type { BookEmitter, ParseContext } from '../../../../src/actors/venues/common/venue-dialect.js';

const FIXTURES = new URL('../../../fixtures/venues/okx/', import.meta.url);

/** A fixture file's parsed JSON (the files carry their documentation source). */
export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
}

export interface FramesFixture {
  source: string;
  frames: Record<string, unknown>;
}

/** Every documented WebSocket frame of the fixtures, as `{ name, text }`, compact and pretty-printed. */
export function documentedFrames(): { name: string; text: string }[] {
  const frames: { name: string; text: string }[] = [];
  for (const file of ['ws-order-book.json', 'ws-trades.json', 'ws-tickers.json', 'ws-connection.json']) {
    const fixture = readFixture<FramesFixture>(file);
    for (const [name, frame] of Object.entries(fixture.frames)) {
      frames.push({ name: `${file}:${name}`, text: JSON.stringify(frame) });
      frames.push({ name: `${file}:${name} (pretty)`, text: JSON.stringify(frame, null, 2) });
    }
  }
  frames.push({ name: 'ws-connection.json:pong', text: readFixture<{ pong: string }>('ws-connection.json').pong });
  return frames;
}

/** Instruments of the test connection: native symbol, price decimals, size decimals. */
export const TEST_INSTRUMENTS: readonly (readonly [string, number, number])[] = [
  ['BTC-USDT', 2, 8],
  ['BCH-USDT-SWAP', 2, 0],
  ['BTC-USDT-SWAP', 1, 2],
  ['ETH-USDT', 4, 6],
];

export function contextOf(instruments: readonly (readonly [string, number, number])[] = TEST_INSTRUMENTS): ParseContext {
  return {
    symbols: new NativeSymbolResolver(instruments.map(([native], index) => [native, index] as const)),
    priceDecimals: Uint8Array.from(instruments.map(([, priceDecimals]) => priceDecimals)),
    sizeDecimals: Uint8Array.from(instruments.map(([, , sizeDecimals]) => sizeDecimals)),
  };
}

export const encoder = new TextEncoder();

export interface LevelContents {
  side: number;
  price: number;
  size: number;
  priceTextDecimals: number;
  sizeTextDecimals: number;
}

export interface BookContents {
  instrumentId: number;
  isSnapshot: boolean;
  sequence: number;
  firstSequence: number;
  previousSequence: number;
  checksum: number;
  hasEventTime: boolean;
  eventSeconds: number;
  eventNanos: number;
  levels: LevelContents[];
}

/** Everything a ParsedFrame says, as plain data: what both parsers must agree on. */
export function contentsOf(frame: ParsedFrame) {
  const { trades, bbos } = frame;
  return {
    kind: frame.kind,
    connectionSequence: frame.connectionSequence,
    errorText: frame.errorText,
    books: frame.books.slice(0, frame.bookCount).map(bookContents),
    trades: Array.from({ length: trades.count }, (_, index) => ({
      instrumentId: trades.instrumentIds[index]!,
      price: trades.prices[index]!,
      size: trades.sizes[index]!,
      aggressorSide: trades.aggressorSides[index]!,
      hasEventTime: trades.hasEventTime[index]!,
      eventSeconds: trades.eventSeconds[index]!,
      eventNanos: trades.eventNanos[index]!,
      tradeId: String.fromCharCode(...trades.tradeIds.subarray(index * 48, index * 48 + trades.tradeIdLengths[index]!)),
    })),
    bbos: Array.from({ length: bbos.count }, (_, index) => ({
      instrumentId: bbos.instrumentIds[index]!,
      bidPrice: bbos.values[index * 4]!,
      bidSize: bbos.values[index * 4 + 1]!,
      askPrice: bbos.values[index * 4 + 2]!,
      askSize: bbos.values[index * 4 + 3]!,
      hasEventTime: bbos.hasEventTime[index]!,
      eventSeconds: bbos.eventSeconds[index]!,
      eventNanos: bbos.eventNanos[index]!,
    })),
  };
}

export function bookContents(book: ParsedBook): BookContents {
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
    levels: Array.from({ length: book.levelCount }, (_, index) => ({
      side: book.sides[index]!,
      price: book.prices[index]!,
      size: book.sizes[index]!,
      priceTextDecimals: book.priceTextDecimals[index]!,
      sizeTextDecimals: book.sizeTextDecimals[index]!,
    })),
  };
}

/** What a parser did with a frame: its contents, or the code of the error it threw. */
export type Outcome = { threw: false; contents: ReturnType<typeof contentsOf> } | { threw: true; code: string };

export function outcomeOf(run: (out: ParsedFrame) => void, out: ParsedFrame = new ParsedFrame()): Outcome {
  try {
    run(out);
    return { threw: false, contents: contentsOf(out) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string') throw error;
    return { threw: true, code };
  }
}

export type Emitted =
  | { type: 'snapshot'; book: BookContents }
  | { type: 'update'; book: BookContents }
  | { type: 'gap'; instrumentId: number; reason: number; expected: number; received: number };

/** A BookEmitter over an array (copies each book: ParsedBook slots are reused). */
export class RecordingEmitter implements BookEmitter {
  readonly emitted: Emitted[] = [];

  emitSnapshot(book: ParsedBook): void {
    this.emitted.push({ type: 'snapshot', book: bookContents(book) });
  }

  emitUpdate(book: ParsedBook): void {
    this.emitted.push({ type: 'update', book: bookContents(book) });
  }

  emitGap(instrumentId: number, reason: number, expectedSequence: number, receivedSequence: number): void {
    this.emitted.push({ type: 'gap', instrumentId, reason, expected: expectedSequence, received: receivedSequence });
  }

  gaps(): Extract<Emitted, { type: 'gap' }>[] {
    return this.emitted.filter((entry): entry is Extract<Emitted, { type: 'gap' }> => entry.type === 'gap');
  }
}
