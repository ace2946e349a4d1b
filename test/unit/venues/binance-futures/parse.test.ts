// USDⓈ-M futures parsers on the documented examples and synthetic streams built from them: pu, T times, taker side, and scanner = reference.
import { describe, expect, it } from 'vitest';
import { FrameKind, ParsedBook, ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import type { ParseContext } from '../../../../src/actors/venues/common/venue-dialect.js';
import { parseReference, parseRestSnapshot } from '../../../../src/actors/venues/binance-futures/parse.js';
import { parseFast } from '../../../../src/actors/venues/binance-futures/scan.js';
import { formatDecimalFixed, parseDecimal } from '../../../../src/model/fixed-point.js';
import { AggressorSide, BookSide } from '../../../../src/model/record-types.js';
import { frameContents, tradeIdOf } from '../binance/binance-session.js';
import { depthFrame, documentedExamples, futuresFixture, syntheticDepthStream } from './futures-fixture.js';

const encoder = new TextEncoder();
const examples = documentedExamples();
const fixture = futuresFixture();

function parseBoth(text: string, context: ParseContext = fixture.context): { reference: ParsedFrame; fast: ParsedFrame } {
  const reference = new ParsedFrame();
  const fast = new ParsedFrame();
  parseReference(text, context, reference);
  const bytes = encoder.encode(text);
  parseFast(bytes, bytes.length, context, fast);
  return { reference, fast };
}

const millisecondsOf = (seconds: number, nanos: number): number => seconds * 1000 + nanos / 1e6;

describe('binance-futures parsers on the documented examples', () => {
  it('depthUpdate: sequence u, first U, previous pu, event time T (transaction time)', () => {
    const raw = examples.depthUpdate.data;
    const { reference, fast } = parseBoth(JSON.stringify(examples.depthUpdate));
    expect(frameContents(fast)).toEqual(frameContents(reference));
    expect(reference.kind).toBe(FrameKind.MARKET_DATA);
    const book = reference.books[0]!;
    expect([book.instrumentId, book.isSnapshot, book.sequence, book.firstSequence, book.previousSequence]).toEqual([fixture.btc.numericId, false, raw.u, raw.U, raw.pu]);
    expect(book.hasEventTime).toBe(true);
    expect(millisecondsOf(book.eventSeconds, book.eventNanos)).toBe(raw.T);
    expect(book.levelCount).toBe(2);
    expect([book.sides[0], formatDecimalFixed(book.prices[0]!, fixture.btc.priceDecimals, book.priceTextDecimals[0]!), formatDecimalFixed(book.sizes[0]!, fixture.btc.sizeDecimals, book.sizeTextDecimals[0]!)]).toEqual([BookSide.BID, ...raw.b[0]!]);
    expect([book.sides[1], formatDecimalFixed(book.prices[1]!, fixture.btc.priceDecimals, book.priceTextDecimals[1]!), formatDecimalFixed(book.sizes[1]!, fixture.btc.sizeDecimals, book.sizeTextDecimals[1]!)]).toEqual([BookSide.ASK, ...raw.a[0]!]);
  });

  it('bookTicker: a BBO with T as its event time', () => {
    const raw = examples.bookTicker.data;
    const { reference, fast } = parseBoth(JSON.stringify(examples.bookTicker));
    expect(frameContents(fast)).toEqual(frameContents(reference));
    expect(reference.kind).toBe(FrameKind.MARKET_DATA);
    expect(reference.bbos.instrumentIds[0]).toBe(fixture.bnb.numericId);
    expect(Array.from(reference.bbos.values.subarray(0, 4))).toEqual([
      parseDecimal(raw.b as string, fixture.bnb.priceDecimals),
      parseDecimal(raw.B as string, fixture.bnb.sizeDecimals),
      parseDecimal(raw.a as string, fixture.bnb.priceDecimals),
      parseDecimal(raw.A as string, fixture.bnb.sizeDecimals),
    ]);
    expect(reference.bbos.hasEventTime[0]).toBe(1);
    expect(millisecondsOf(reference.bbos.eventSeconds[0]!, reference.bbos.eventNanos[0]!)).toBe(raw.T);
  });

  it('aggTrade: m true (buyer is maker) → the taker sold; id a; trade time T', () => {
    const raw = examples.aggTrade.data;
    const { reference, fast } = parseBoth(JSON.stringify(examples.aggTrade));
    expect(frameContents(fast)).toEqual(frameContents(reference));
    expect(reference.trades.count).toBe(1);
    expect(reference.trades.aggressorSides[0]).toBe(AggressorSide.SELL);
    expect(tradeIdOf(reference, 0)).toBe(String(raw.a));
    expect(reference.trades.prices[0]).toBe(parseDecimal(raw.p as string, fixture.btc.priceDecimals));
    expect(reference.trades.sizes[0]).toBe(parseDecimal(raw.q as string, fixture.btc.sizeDecimals));
    expect(millisecondsOf(reference.trades.eventSeconds[0]!, reference.trades.eventNanos[0]!)).toBe(raw.T);
    const buyer = parseBoth(JSON.stringify({ ...examples.aggTrade, data: { ...raw, m: false } }));
    expect(buyer.reference.trades.aggressorSides[0]).toBe(AggressorSide.BUY);
    expect(frameContents(buyer.fast)).toEqual(frameContents(buyer.reference));
  });

  it('REST depth snapshot: sequence lastUpdateId, event time T, levels as published', () => {
    const raw = examples.depthSnapshot;
    const book = new ParsedBook();
    parseRestSnapshot(JSON.stringify(raw), fixture.btc.numericId, fixture.context, book);
    expect([book.isSnapshot, book.sequence, book.hasEventTime]).toEqual([true, raw.lastUpdateId, true]);
    expect(millisecondsOf(book.eventSeconds, book.eventNanos)).toBe(raw.T);
    expect(formatDecimalFixed(book.prices[0]!, fixture.btc.priceDecimals, book.priceTextDecimals[0]!)).toBe(raw.bids[0]![0]);
    expect(formatDecimalFixed(book.sizes[1]!, fixture.btc.sizeDecimals, book.sizeTextDecimals[1]!)).toBe(raw.asks[0]![1]);
    const { T: _transactionTime, ...withoutTime } = raw;
    expect(() => parseRestSnapshot(JSON.stringify(withoutTime), fixture.btc.numericId, fixture.context, book)).toThrow(expect.objectContaining({ code: 'ZVT_ERR_BINANCE_RESPONSE' }));
  });

  it('spot-shaped payloads are UNKNOWN on the futures dialect (no pu, no T, no e), never guessed', () => {
    const { pu: _pu, ...withoutPreviousId } = examples.depthUpdate.data;
    const { T: _transactionTime, ...withoutTransactionTime } = examples.depthUpdate.data;
    const { e: _eventType, ...withoutEventType } = examples.bookTicker.data;
    for (const data of [withoutPreviousId, withoutTransactionTime]) {
      const { reference, fast } = parseBoth(JSON.stringify({ stream: 'btcusdt@depth@100ms', data }));
      expect(reference.kind).toBe(FrameKind.UNKNOWN);
      expect(frameContents(fast)).toEqual(frameContents(reference));
    }
    const ticker = parseBoth(JSON.stringify({ stream: 'bnbusdt@bookTicker', data: withoutEventType }));
    expect(ticker.reference.kind).toBe(FrameKind.UNKNOWN);
    expect(frameContents(ticker.fast)).toEqual(frameContents(ticker.reference));
  });

  it('ignores the futures-only channels we do not use', () => {
    for (const text of [
      '{"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"11794.15000000","i":"11784.62659091","P":"11784.25641265","r":"0.00038167","T":1562306400000}}',
      '{"stream":"btcusdt@forceOrder","data":{"e":"forceOrder","E":1568014460893,"o":{"s":"BTCUSDT","S":"SELL","o":"LIMIT","f":"IOC","q":"0.014","p":"9910","ap":"9910","X":"FILLED","l":"0.014","z":"0.014","T":1568014460893}}}',
      '{"stream":"!markPrice@arr@1s","data":[]}',
      '{"stream":"btcusdt@depth20@100ms","data":{"e":"depthUpdate","E":1,"T":1,"s":"BTCUSDT","U":1,"u":2,"pu":0,"b":[],"a":[]}}',
    ]) {
      const { reference, fast } = parseBoth(text);
      expect(reference.kind).toBe(FrameKind.IGNORED);
      expect(frameContents(fast)).toEqual(frameContents(reference));
    }
  });
});

describe('binance-futures parsers on synthetic streams', () => {
  it('parseFast equals parseReference on every synthetic frame of two interleaved symbols', () => {
    const frames = [...syntheticDepthStream(1, 'BTCUSDT', 300, 1_000_000), ...syntheticDepthStream(2, 'ETHUSDT', 300, 5_000_000)].map(depthFrame);
    for (const text of frames) {
      const { reference, fast } = parseBoth(text);
      expect(reference.kind).toBe(FrameKind.MARKET_DATA);
      expect(frameContents(fast)).toEqual(frameContents(reference));
    }
    console.log(`binance-futures: ${frames.length} synthetic frames compared (reference vs scanner)`);
  });
});
