// Binance spot parsers against every recorded frame: the byte scanner equals the JSON.parse reference, and both say what the frames say.
import { beforeAll, describe, expect, it } from 'vitest';
import { FrameKind, ParsedBook, ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import { parseReference, parseRestSnapshot } from '../../../../src/actors/venues/binance/parse.js';
import { parseFast } from '../../../../src/actors/venues/binance/scan.js';
import { isZvtError } from '../../../../src/model/errors.js';
import { formatDecimal, formatDecimalFixed, parseDecimal } from '../../../../src/model/fixed-point.js';
import { AggressorSide, BookSide, SEQUENCE_NONE } from '../../../../src/model/record-types.js';
import type { ParseContext } from '../../../../src/actors/venues/common/venue-dialect.js';
import { contextFor, frameContents, loadBinanceSession, tradeIdOf, type BinanceSession } from './binance-session.js';

const encoder = new TextEncoder();

interface RawEnvelope {
  stream: string;
  data: Record<string, unknown>;
}
interface RawDepth {
  E: number;
  s: string;
  U: number;
  u: number;
  b: [string, string][];
  a: [string, string][];
}
interface RawTrade {
  s: string;
  a: number;
  p: string;
  q: string;
  T: number;
  m: boolean;
}
interface RawBookTicker {
  s: string;
  b: string;
  B: string;
  a: string;
  A: string;
}

let session: BinanceSession;
beforeAll(async () => {
  session = await loadBinanceSession();
});

function parseBoth(text: string, context: ParseContext = session.context): { reference: ParsedFrame; fast: ParsedFrame } {
  const reference = new ParsedFrame();
  const fast = new ParsedFrame();
  parseReference(text, context, reference);
  const bytes = encoder.encode(text);
  parseFast(bytes, bytes.length, context, fast);
  return { reference, fast };
}

function envelopes(channel: string): { text: string; envelope: RawEnvelope }[] {
  return session.frames
    .map((text) => ({ text, envelope: JSON.parse(text) as RawEnvelope }))
    .filter(({ envelope }) => envelope.stream.endsWith(`@${channel}`));
}

function idOf(native: string): number {
  return session.registry.requireByNative('binance', native, 'spot').numericId;
}

describe('binance spot parsers on the recorded session', () => {
  it('parseFast equals parseReference on every recorded frame, and none is UNKNOWN', () => {
    const kinds = new Map<number, number>();
    for (const text of session.frames) {
      const { reference, fast } = parseBoth(text);
      expect(frameContents(fast), text.slice(0, 120)).toEqual(frameContents(reference));
      kinds.set(reference.kind, (kinds.get(reference.kind) ?? 0) + 1);
    }
    const klines = session.frames.filter((text) => text.includes('@kline_')).length;
    expect(klines).toBeGreaterThan(0);
    expect(kinds.get(FrameKind.UNKNOWN)).toBeUndefined();
    expect(kinds.get(FrameKind.IGNORED)).toBe(klines);
    expect(kinds.get(FrameKind.MARKET_DATA)).toBe(session.frames.length - klines);
    console.log(`binance spot: ${session.frames.length} recorded frames compared (reference vs scanner)`);
  });

  it('scans a frame inside a larger reused buffer without reading past its length', () => {
    for (const text of session.frames) {
      const bytes = encoder.encode(text);
      const buffer = new Uint8Array(bytes.length + 64).fill(0x7d); // '}' garbage after the frame
      buffer.set(bytes);
      const fast = new ParsedFrame();
      parseFast(buffer, bytes.length, session.context, fast);
      expect(frameContents(fast)).toEqual(frameContents(parseBoth(text).reference));
    }
  });

  it('depth updates keep U/u, E as the event time and every level exactly as sent', () => {
    const depth = envelopes('depth@100ms');
    expect(depth.length).toBeGreaterThan(100);
    for (const { text, envelope } of depth) {
      const raw = envelope.data as unknown as RawDepth;
      const { reference } = parseBoth(text);
      expect(reference.kind).toBe(FrameKind.MARKET_DATA);
      expect(reference.bookCount).toBe(1);
      const book = reference.books[0]!;
      const instrumentId = idOf(raw.s);
      expect(book.instrumentId).toBe(instrumentId);
      expect(book.isSnapshot).toBe(false);
      expect(book.sequence).toBe(raw.u);
      expect(book.firstSequence).toBe(raw.U);
      expect(book.previousSequence).toBe(SEQUENCE_NONE);
      expect(book.hasEventTime).toBe(true);
      expect(book.eventSeconds * 1000 + book.eventNanos / 1e6).toBe(raw.E);
      expect(book.eventNanos % 1_000_000).toBe(0);
      const instrument = session.registry.requireByNumericId(instrumentId);
      const expected = [...raw.b.map((level) => [BookSide.BID, ...level]), ...raw.a.map((level) => [BookSide.ASK, ...level])];
      expect(book.levelCount).toBe(expected.length);
      expected.forEach(([side, price, size], index) => {
        expect(book.sides[index]).toBe(side);
        // The text decimals rebuild the venue's exact text ("0.35210000"), mantissas the value.
        expect(formatDecimalFixed(book.prices[index]!, instrument.priceDecimals, book.priceTextDecimals[index]!)).toBe(price);
        expect(formatDecimalFixed(book.sizes[index]!, instrument.sizeDecimals, book.sizeTextDecimals[index]!)).toBe(size);
      });
    }
  });

  it('a depth level of quantity 0 parses to size 0 (the level is removed)', () => {
    const zero = envelopes('depth@100ms').find(({ envelope }) => (envelope.data as unknown as RawDepth).a.some(([, size]) => Number(size) === 0) || (envelope.data as unknown as RawDepth).b.some(([, size]) => Number(size) === 0));
    expect(zero).toBeDefined();
    const { reference } = parseBoth(zero!.text);
    const book = reference.books[0]!;
    expect(Array.from(book.sizes.subarray(0, book.levelCount))).toContain(0);
  });

  it('aggTrade: taker side from m (buyer is maker → the taker sold), id a, trade time T', () => {
    const trades = envelopes('aggTrade');
    expect(trades.length).toBeGreaterThan(0);
    for (const { text, envelope } of trades) {
      const raw = envelope.data as unknown as RawTrade;
      const { reference } = parseBoth(text);
      expect(reference.kind).toBe(FrameKind.MARKET_DATA);
      expect(reference.trades.count).toBe(1);
      const instrument = session.registry.requireByNative('binance', raw.s, 'spot');
      expect(reference.trades.instrumentIds[0]).toBe(instrument.numericId);
      expect(reference.trades.aggressorSides[0]).toBe(raw.m ? AggressorSide.SELL : AggressorSide.BUY);
      expect(tradeIdOf(reference, 0)).toBe(String(raw.a));
      expect(reference.trades.prices[0]).toBe(parseDecimal(raw.p, instrument.priceDecimals));
      expect(reference.trades.sizes[0]).toBe(parseDecimal(raw.q, instrument.sizeDecimals));
      expect(reference.trades.hasEventTime[0]).toBe(1);
      expect(reference.trades.eventSeconds[0]! * 1000 + reference.trades.eventNanos[0]! / 1e6).toBe(raw.T);
    }
    // The recorded NKNUSDT trade: buyer was not the maker, so a buyer took liquidity.
    const nkn = trades.find(({ envelope }) => envelope.data.s === 'NKNUSDT')!;
    expect((nkn.envelope.data as unknown as RawTrade).m).toBe(false);
    expect(parseBoth(nkn.text).reference.trades.aggressorSides[0]).toBe(AggressorSide.BUY);
  });

  it('bookTicker: a BBO with no event time (spot sends none)', () => {
    const tickers = envelopes('bookTicker');
    expect(tickers.length).toBeGreaterThan(0);
    for (const { text, envelope } of tickers) {
      const raw = envelope.data as unknown as RawBookTicker;
      const { reference } = parseBoth(text);
      const instrument = session.registry.requireByNative('binance', raw.s, 'spot');
      expect(reference.kind).toBe(FrameKind.MARKET_DATA);
      expect(reference.bbos.count).toBe(1);
      expect(reference.bbos.instrumentIds[0]).toBe(instrument.numericId);
      expect(Array.from(reference.bbos.values.subarray(0, 4))).toEqual([
        parseDecimal(raw.b, instrument.priceDecimals),
        parseDecimal(raw.B, instrument.sizeDecimals),
        parseDecimal(raw.a, instrument.priceDecimals),
        parseDecimal(raw.A, instrument.sizeDecimals),
      ]);
      expect(reference.bbos.hasEventTime[0]).toBe(0);
      expect(reference.bbos.eventSeconds[0]).toBe(0);
      expect(reference.bbos.eventNanos[0]).toBe(0);
    }
  });

  it('frames of symbols this connection does not serve are IGNORED by both parsers', () => {
    const others = session.recorded.filter((instrument) => instrument.native !== 'NKNUSDT');
    const context = contextFor(session.registry, others);
    const nkn = session.frames.filter((text) => text.includes('"s":"NKNUSDT"'));
    expect(nkn.length).toBeGreaterThan(100);
    for (const text of nkn) {
      const { reference, fast } = parseBoth(text, context);
      expect(reference.kind).toBe(FrameKind.IGNORED);
      expect(frameContents(fast)).toEqual(frameContents(reference));
    }
  });

  it('parses the recorded REST snapshots: lastUpdateId as sequence, levels as published, no event time', () => {
    for (const [instrumentId, body] of session.snapshots) {
      const raw = JSON.parse(body) as { lastUpdateId: number; bids: [string, string][]; asks: [string, string][] };
      const book = new ParsedBook();
      parseRestSnapshot(body, instrumentId, session.wideContext, book);
      const priceDecimals = session.wideContext.priceDecimals[instrumentId]!;
      const sizeDecimals = session.wideContext.sizeDecimals[instrumentId]!;
      expect(book.isSnapshot).toBe(true);
      expect(book.instrumentId).toBe(instrumentId);
      expect(book.sequence).toBe(raw.lastUpdateId);
      expect(book.hasEventTime).toBe(false);
      expect(book.levelCount).toBe(raw.bids.length + raw.asks.length);
      const expected = [...raw.bids.map((level) => [BookSide.BID, ...level]), ...raw.asks.map((level) => [BookSide.ASK, ...level])];
      expected.forEach(([side, price, size], index) => {
        expect(book.sides[index]).toBe(side);
        expect(formatDecimalFixed(book.prices[index]!, priceDecimals, book.priceTextDecimals[index]!)).toBe(price);
        expect(formatDecimalFixed(book.sizes[index]!, sizeDecimals, book.sizeTextDecimals[index]!)).toBe(size);
      });
    }
    // The NKNUSDT snapshot's first bid, as canonical decimals.
    const nkn = idOf('NKNUSDT');
    const book = new ParsedBook();
    parseRestSnapshot(session.snapshots.get(nkn)!, nkn, session.wideContext, book);
    const raw = JSON.parse(session.snapshots.get(nkn)!) as { bids: [string, string][] };
    expect([formatDecimal(book.prices[0]!, session.wideContext.priceDecimals[nkn]!), formatDecimal(book.sizes[0]!, session.wideContext.sizeDecimals[nkn]!)]).toEqual(
      raw.bids[0]!.map((text) => formatDecimal(parseDecimal(text, 8), 8)),
    );
  });

  it('parses every recorded snapshot level, including those off the tick and lot grid (legacy orders), at the registry scale', () => {
    const nkn = idOf('NKNUSDT');
    const instrument = session.registry.requireByNumericId(nkn);
    const raw = JSON.parse(session.snapshots.get(nkn)!) as { bids: [string, string][]; asks: [string, string][] };
    const offGrid = [...raw.bids, ...raw.asks].filter(([price, size]) => !/^\d+\.\d{0,4}0*$/.test(price) || !/^\d+\.0+$/.test(size));
    expect(offGrid.length).toBeGreaterThan(0);
    const book = new ParsedBook();
    parseRestSnapshot(session.snapshots.get(nkn)!, nkn, session.context, book);
    expect(book.levelCount).toBe(raw.bids.length + raw.asks.length);
    const [price, size] = offGrid[0]!;
    const index = [...raw.bids, ...raw.asks].findIndex(([p, q]) => p === price && q === size);
    expect([formatDecimal(book.prices[index]!, instrument.priceDecimals), formatDecimal(book.sizes[index]!, instrument.sizeDecimals)]).toEqual([formatDecimal(parseDecimal(price, 8), 8), formatDecimal(parseDecimal(size, 8), 8)]);
  });

  it('a REST body of another shape throws ZVT_ERR_BINANCE_RESPONSE', () => {
    const book = new ParsedBook();
    const nkn = idOf('NKNUSDT');
    for (const body of ['{"code":-1121,"msg":"Invalid symbol."}', 'not json', '{"lastUpdateId":1,"bids":[["1"]],"asks":[]}']) {
      expect(() => parseRestSnapshot(body, nkn, session.context, book)).toThrow(expect.objectContaining({ code: 'ZVT_ERR_BINANCE_RESPONSE' }));
    }
  });

  it('a price finer than the instrument scale throws the same ZvtError from both parsers', () => {
    // Finer than even the asset precision (8 decimals) the scale allows.
    const text = envelopes('depth@100ms').find(({ text }) => text.includes('"0.35210000"'))!.text.replace('"0.35210000"', '"0.352100001"');
    const codes = [parseReference, (frame: string, context: ParseContext, out: ParsedFrame) => parseFast(encoder.encode(frame), encoder.encode(frame).length, context, out)].map((parse) => {
      try {
        parse(text, session.context, new ParsedFrame());
        return 'no error';
      } catch (error) {
        return isZvtError(error) ? error.code : 'foreign error';
      }
    });
    expect(codes).toEqual(['ZVT_ERR_DECIMAL_PRECISION', 'ZVT_ERR_DECIMAL_PRECISION']);
  });
});

describe('binance control and unusual frames (documented shapes)', () => {
  const cases: [name: string, text: string, kind: FrameKind, errorText?: string][] = [
    ['subscription ack', '{"result":null,"id":1}', FrameKind.SUBSCRIBED],
    ['list-subscriptions answer', '{"result":["btcusdt@aggTrade"],"id":3}', FrameKind.IGNORED],
    ['request error', '{"code":2,"msg":"Invalid request: too many parameters"}', FrameKind.VENUE_ERROR, 'code 2: Invalid request: too many parameters'],
    ['nested request error', '{"error":{"code":3,"msg":"Invalid JSON"},"id":7}', FrameKind.VENUE_ERROR, 'code 3: Invalid JSON'],
    ['server shutdown, combined', '{"stream":"!serverShutdown","data":{"e":"serverShutdown","E":1770123456789}}', FrameKind.VENUE_ERROR],
    ['server shutdown, raw', '{"e":"serverShutdown","E":1770123456789}', FrameKind.VENUE_ERROR],
    ['all-market tickers', '{"stream":"!ticker@arr","data":[]}', FrameKind.IGNORED],
    ['partial depth', '{"stream":"nknusdt@depth5@100ms","data":{"lastUpdateId":160,"bids":[],"asks":[]}}', FrameKind.IGNORED],
    ['raw trade stream', '{"stream":"nknusdt@trade","data":{"e":"trade","E":1,"s":"NKNUSDT","t":1,"p":"1","q":"1","T":1,"m":true}}', FrameKind.IGNORED],
    ['unknown channel', '{"stream":"nknusdt@somethingNew","data":{"e":"somethingNew"}}', FrameKind.UNKNOWN],
    ['unknown all-market stream', '{"stream":"!somethingNew","data":{}}', FrameKind.UNKNOWN],
    ['all-market-looking stream with a per-symbol channel', '{"stream":"!nknusdt@bookTicker","data":{"u":1,"s":"NKNUSDT","b":"0.3521","B":"1","a":"0.3525","A":"1"}}', FrameKind.UNKNOWN],
    ['depth channel with another interval', '{"stream":"nknusdt@depth@1000ms","data":{"e":"depthUpdate","E":1,"s":"NKNUSDT","U":4,"u":5,"b":[],"a":[["0.3525","0.00000000"]]}}', FrameKind.MARKET_DATA],
    ['depth channel look-alike', '{"stream":"nknusdt@depth@ms","data":{"e":"depthUpdate","E":1,"s":"NKNUSDT","U":4,"u":5,"b":[],"a":[]}}', FrameKind.UNKNOWN],
    ['depth stream with another event', '{"stream":"nknusdt@depth@100ms","data":{"e":"kline","E":1,"s":"NKNUSDT"}}', FrameKind.UNKNOWN],
    ['depth without U', '{"stream":"nknusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"NKNUSDT","u":5,"b":[],"a":[]}}', FrameKind.UNKNOWN],
    ['depth with a three-element level', '{"stream":"nknusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"NKNUSDT","U":4,"u":5,"b":[["0.3521","1","x"]],"a":[]}}', FrameKind.UNKNOWN],
    ['trade with a string id', '{"stream":"nknusdt@aggTrade","data":{"e":"aggTrade","E":1,"s":"NKNUSDT","a":"7","p":"0.3521","q":"1","f":1,"l":1,"T":1,"m":true}}', FrameKind.UNKNOWN],
    ['not JSON', 'pong', FrameKind.UNKNOWN],
    ['a JSON array', '[1,2]', FrameKind.UNKNOWN],
  ];
  it.each(cases)('%s', (_name, text, kind, errorText) => {
    const { reference, fast } = parseBoth(text);
    expect(reference.kind).toBe(kind);
    if (errorText !== undefined) expect(reference.errorText).toBe(errorText);
    if (kind === FrameKind.UNKNOWN || kind === FrameKind.VENUE_ERROR) expect(reference.errorText).not.toBe('');
    expect(frameContents(fast)).toEqual(frameContents(reference));
  });

  it('an aggTrade without m has an UNKNOWN taker side, not a guessed one', () => {
    const { reference, fast } = parseBoth('{"stream":"nknusdt@aggTrade","data":{"e":"aggTrade","E":1,"s":"NKNUSDT","a":7,"p":"0.3521","q":"1","f":1,"l":1,"T":1633998523963}}');
    expect(reference.kind).toBe(FrameKind.MARKET_DATA);
    expect(reference.trades.aggressorSides[0]).toBe(AggressorSide.UNKNOWN);
    expect(frameContents(fast)).toEqual(frameContents(reference));
  });

  it('keys in another order still parse (through the reference) to the same frame', () => {
    const { reference, fast } = parseBoth('{"data":{"a":[],"b":[["0.3521","5"]],"u":9,"U":8,"s":"NKNUSDT","E":1633998512068,"e":"depthUpdate"},"stream":"nknusdt@depth@100ms"}');
    expect(reference.kind).toBe(FrameKind.MARKET_DATA);
    expect(reference.books[0]!.sequence).toBe(9);
    expect(frameContents(fast)).toEqual(frameContents(reference));
  });
});
