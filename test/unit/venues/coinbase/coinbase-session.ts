// The recorded Coinbase session loaded once for the adapter tests: frames, REST body, registry, parse context.
import { createParseContext } from '../../../../src/actors/venues/common/parse-context.js';
import { TRADE_ID_MAX_BYTES, type ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import type { ParseContext } from '../../../../src/actors/venues/common/venue-dialect.js';
import { parseCoinbaseProducts } from '../../../../src/actors/venues/coinbase/instruments.js';
import { isZvtError } from '../../../../src/model/errors.js';
import type { Instrument } from '../../../../src/model/instrument.js';
import { InstrumentRegistry } from '../../../../src/model/instrument-registry.js';
import { loadRecording } from '../../../../src/sim/recording/read-recording.js';
import { COINBASE_RECORDING } from '../../../helpers/recordings.js';

export interface CoinbaseSession {
  /** Text of every frame the venue sent, in receive order. */
  frames: string[];
  /** The same frames as UTF-8 bytes. */
  frameBytes: Uint8Array[];
  /** Frames the client sent (its subscriptions). */
  sent: string[];
  productsUrl: string;
  productsBody: string;
  registry: InstrumentRegistry;
  /** The products the recorder subscribed to, as registry instruments. */
  subscribed: Instrument[];
  context: ParseContext;
}

let loading: Promise<CoinbaseSession> | undefined;

/** Loads the recording and builds the registry from its own REST response (cached per test file). */
export function loadCoinbaseSession(): Promise<CoinbaseSession> {
  loading ??= load();
  return loading;
}

async function load(): Promise<CoinbaseSession> {
  const recording = await loadRecording(COINBASE_RECORDING);
  const connection = recording.connections[0]!;
  const frames = connection.frames.filter((frame) => frame.direction === 'recv').map((frame) => frame.data);
  const sent = connection.frames.filter((frame) => frame.direction === 'send').map((frame) => frame.data);
  const http = recording.http[0]!;
  const registry = new InstrumentRegistry(parseCoinbaseProducts(http.data));
  // The recorder's own configuration names the subscribed products.
  const config = recording.header.config as { l2_book: string[] };
  const subscribed = config.l2_book.map((native) => registry.requireByNative('coinbase', native, 'spot'));
  return {
    frames,
    frameBytes: frames.map((text) => new TextEncoder().encode(text)),
    sent,
    productsUrl: http.url,
    productsBody: http.data,
    registry,
    subscribed,
    context: contextFor(registry, subscribed),
  };
}

/** The parse context a connection carrying `instruments` gets. */
export function contextFor(registry: InstrumentRegistry, instruments: readonly Instrument[]): ParseContext {
  return createParseContext(registry, instruments);
}

/** The first difference between two parsed frames (every field of every book, trade and BBO), or null. */
export function frameDifference(left: ParsedFrame, right: ParsedFrame): string | null {
  const scalars = ['kind', 'connectionSequence', 'bookCount', 'errorText'] as const;
  for (const key of scalars) if (!Object.is(left[key], right[key])) return `${key}: ${String(left[key])} vs ${String(right[key])}`;
  for (let b = 0; b < left.bookCount; b++) {
    const one = left.books[b]!;
    const two = right.books[b]!;
    const bookScalars = ['instrumentId', 'isSnapshot', 'sequence', 'firstSequence', 'previousSequence', 'checksum', 'hasEventTime', 'eventSeconds', 'eventNanos', 'levelCount'] as const;
    for (const key of bookScalars) if (!Object.is(one[key], two[key])) return `book ${b} ${key}: ${String(one[key])} vs ${String(two[key])}`;
    const arrays = ['sides', 'prices', 'sizes', 'priceTextDecimals', 'sizeTextDecimals'] as const;
    for (const key of arrays) {
      for (let i = 0; i < one.levelCount; i++) if (!Object.is(one[key][i], two[key][i])) return `book ${b} ${key}[${i}]: ${one[key][i]} vs ${two[key][i]}`;
    }
  }
  if (left.trades.count !== right.trades.count) return `trades.count: ${left.trades.count} vs ${right.trades.count}`;
  const tradeArrays = ['instrumentIds', 'prices', 'sizes', 'aggressorSides', 'hasEventTime', 'eventSeconds', 'eventNanos', 'tradeIdLengths'] as const;
  for (let t = 0; t < left.trades.count; t++) {
    for (const key of tradeArrays) if (!Object.is(left.trades[key][t], right.trades[key][t])) return `trade ${t} ${key}: ${left.trades[key][t]} vs ${right.trades[key][t]}`;
    if (tradeIdOf(left, t) !== tradeIdOf(right, t)) return `trade ${t} id: ${tradeIdOf(left, t)} vs ${tradeIdOf(right, t)}`;
  }
  if (left.bbos.count !== right.bbos.count) return `bbos.count: ${left.bbos.count} vs ${right.bbos.count}`;
  for (let q = 0; q < left.bbos.count; q++) {
    const bboArrays = ['instrumentIds', 'hasEventTime', 'eventSeconds', 'eventNanos'] as const;
    for (const key of bboArrays) if (!Object.is(left.bbos[key][q], right.bbos[key][q])) return `bbo ${q} ${key}: ${left.bbos[key][q]} vs ${right.bbos[key][q]}`;
    for (let v = q * 4; v < q * 4 + 4; v++) if (!Object.is(left.bbos.values[v], right.bbos.values[v])) return `bbo ${q} values[${v % 4}]: ${left.bbos.values[v]} vs ${right.bbos.values[v]}`;
  }
  return null;
}

/** A trade's id as text. */
export function tradeIdOf(frame: ParsedFrame, index: number): string {
  const base = index * TRADE_ID_MAX_BYTES;
  return String.fromCharCode(...frame.trades.tradeIds.subarray(base, base + frame.trades.tradeIdLengths[index]!));
}

/** What running a parser produced: the frame, or the code of the error it threw. */
export type ParseOutcome = { threw: false } | { threw: true; code: string };

export function outcomeOf(run: () => void): ParseOutcome {
  try {
    run();
    return { threw: false };
  } catch (error: unknown) {
    const code = isZvtError(error) ? error.code : `not a ZvtError: ${String(error)}`;
    return { threw: true, code };
  }
}
