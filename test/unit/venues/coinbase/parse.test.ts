// Coinbase parsers against every recorded frame: the byte scanner equals the JSON.parse reference, and both mean what the venue sent.
import { beforeAll, describe, expect, it } from 'vitest';
import { FrameKind, ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import { parseReference } from '../../../../src/actors/venues/coinbase/parse.js';
import { parseFast } from '../../../../src/actors/venues/coinbase/scan.js';
import { formatDecimal } from '../../../../src/model/fixed-point.js';
import { AggressorSide, BookSide, SEQUENCE_NONE } from '../../../../src/model/record-types.js';
import { frameDifference, loadCoinbaseSession, tradeIdOf, type CoinbaseSession } from './coinbase-session.js';

interface RawLevel {
  side: string;
  event_time: string;
  price_level: string;
  new_quantity: string;
}
interface RawTrade {
  trade_id: string;
  product_id: string;
  price: string;
  size: string;
  side: string;
  time: string;
}
interface RawTicker {
  product_id: string;
  best_bid: string;
  best_ask: string;
  best_bid_quantity: string;
  best_ask_quantity: string;
}
interface RawMessage {
  channel: string;
  timestamp: string;
  sequence_num: number;
  events: { type?: string; product_id?: string; updates?: RawLevel[]; trades?: RawTrade[]; tickers?: RawTicker[] }[];
}

let session: CoinbaseSession;
let messages: RawMessage[];

beforeAll(async () => {
  session = await loadCoinbaseSession();
  messages = session.frames.map((text) => JSON.parse(text) as RawMessage);
});

/** Canonical decimal text (no trailing fraction zeros), the form formatDecimal writes. */
function canonical(text: string): string {
  if (!text.includes('.')) return text;
  const trimmed = text.replace(/0+$/, '');
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
}

function fractionDigits(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Epoch seconds and nanoseconds of an RFC 3339 UTC time, computed independently (Date for the whole seconds, text for the fraction). */
function expectedTime(text: string): { seconds: number; nanos: number } {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(text)!;
  return { seconds: Date.parse(`${match[1]!}Z`) / 1000, nanos: Number((match[2] ?? '').padEnd(9, '0')) };
}

function parseBoth(index: number): { reference: ParsedFrame; fast: ParsedFrame } {
  const reference = new ParsedFrame();
  const fast = new ParsedFrame();
  parseReference(session.frames[index]!, session.context, reference);
  const bytes = session.frameBytes[index]!;
  parseFast(bytes, bytes.length, session.context, fast);
  return { reference, fast };
}

function indexWhere(predicate: (message: RawMessage) => boolean): number {
  const index = messages.findIndex(predicate);
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
}

describe('Coinbase parseReference and parseFast on the recorded session', () => {
  it('produce identical frames for every recorded frame', () => {
    let compared = 0;
    const reference = new ParsedFrame();
    const fast = new ParsedFrame();
    for (let i = 0; i < session.frames.length; i++) {
      // Same two instances for every frame, as a connection reuses its ParsedFrame.
      parseReference(session.frames[i]!, session.context, reference);
      const bytes = session.frameBytes[i]!;
      parseFast(bytes, bytes.length, session.context, fast);
      const difference = frameDifference(reference, fast);
      if (difference !== null) throw new Error(`frame ${i} (sequence_num ${messages[i]!.sequence_num}): ${difference}`);
      compared++;
    }
    expect(compared).toBe(session.frames.length);
  });

  it('sets connectionSequence to sequence_num on every frame and classifies each channel', () => {
    const frame = new ParsedFrame();
    const kindsByChannel = new Map<string, Set<number>>();
    for (let i = 0; i < session.frames.length; i++) {
      const bytes = session.frameBytes[i]!;
      parseFast(bytes, bytes.length, session.context, frame);
      const message = messages[i]!;
      expect(frame.connectionSequence).toBe(message.sequence_num);
      const isTradeSnapshot = message.channel === 'market_trades' && message.events.every((event) => event.type === 'snapshot');
      const key = isTradeSnapshot ? 'market_trades snapshot' : message.channel;
      if (!kindsByChannel.has(key)) kindsByChannel.set(key, new Set());
      kindsByChannel.get(key)!.add(frame.kind);
    }
    expect(Object.fromEntries([...kindsByChannel].map(([channel, kinds]) => [channel, [...kinds]]))).toEqual({
      l2_data: [FrameKind.MARKET_DATA],
      market_trades: [FrameKind.MARKET_DATA],
      'market_trades snapshot': [FrameKind.IGNORED],
      ticker: [FrameKind.MARKET_DATA],
      candles: [FrameKind.IGNORED],
      heartbeats: [FrameKind.HEARTBEAT],
      subscriptions: [FrameKind.SUBSCRIBED],
    });
  });

  it('reads every level of every l2_data frame as the venue wrote it (canonical decimals, text decimals, sides, sizes "0" deleting)', () => {
    const frame = new ParsedFrame();
    let levels = 0;
    let deletions = 0;
    let mismatch: string | null = null;
    for (let i = 0; i < session.frames.length; i++) {
      const message = messages[i]!;
      if (message.channel !== 'l2_data') continue;
      const bytes = session.frameBytes[i]!;
      parseFast(bytes, bytes.length, session.context, frame);
      expect(frame.bookCount).toBe(message.events.length);
      message.events.forEach((event, e) => {
        const book = frame.books[e]!;
        const instrument = session.registry.requireByNumericId(book.instrumentId);
        expect(instrument.native).toBe(event.product_id);
        expect(book.isSnapshot).toBe(event.type === 'snapshot');
        expect(book.sequence).toBe(message.sequence_num);
        expect(book.levelCount).toBe(event.updates!.length);
        event.updates!.forEach((level, l) => {
          // Compared by hand: 74k levels through expect() would take seconds.
          const got = [book.sides[l], formatDecimal(book.prices[l]!, instrument.priceDecimals), formatDecimal(book.sizes[l]!, instrument.sizeDecimals), book.priceTextDecimals[l], book.sizeTextDecimals[l]];
          const want = [level.side === 'bid' ? BookSide.BID : BookSide.ASK, canonical(level.price_level), canonical(level.new_quantity), fractionDigits(level.price_level), fractionDigits(level.new_quantity)];
          if (mismatch === null && got.some((value, k) => value !== want[k])) mismatch = `frame ${i} event ${e} level ${l}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`;
          if (book.sizes[l] === 0) deletions++;
          levels++;
        });
      });
    }
    expect(mismatch).toBeNull();
    expect(levels).toBeGreaterThan(0);
    expect(deletions).toBeGreaterThan(0);
  });

  it('reads the first BTC-USD snapshot: first bid and first offer, sequence and nanosecond event time', () => {
    const index = indexWhere((message) => message.channel === 'l2_data' && message.events[0]!.type === 'snapshot' && message.events[0]!.product_id === 'BTC-USD');
    const { fast } = parseBoth(index);
    const book = fast.books[0]!;
    const instrument = session.registry.requireByNumericId(book.instrumentId);
    expect(instrument.native).toBe('BTC-USD');
    expect(book.isSnapshot).toBe(true);
    // Values read from the recording: {"side":"bid",...,"price_level":"65083.66","new_quantity":"0.20371215"}.
    expect(book.sides[0]).toBe(BookSide.BID);
    expect(formatDecimal(book.prices[0]!, instrument.priceDecimals)).toBe('65083.66');
    expect(formatDecimal(book.sizes[0]!, instrument.sizeDecimals)).toBe('0.20371215');
    let firstOffer = 0;
    while (book.sides[firstOffer] !== BookSide.ASK) firstOffer++;
    expect(formatDecimal(book.prices[firstOffer]!, instrument.priceDecimals)).toBe('65083.67');
    expect(formatDecimal(book.sizes[firstOffer]!, instrument.sizeDecimals)).toBe('0.23256041');
    // "sequence_num":13; every level has "event_time":"2026-08-09T21:05:48.170326Z".
    expect(book.sequence).toBe(13);
    expect(book.hasEventTime).toBe(true);
    expect(book.eventNanos).toBe(170_326_000);
    expect(book.eventSeconds).toBe(Date.UTC(2026, 7, 9, 21, 5, 48) / 1000);
    expect(fast.connectionSequence).toBe(13);
  });

  it('times books by their latest level event_time and BBOs by the message timestamp, exactly to the nanosecond', () => {
    const frame = new ParsedFrame();
    let checked = 0;
    const later = (left: { seconds: number; nanos: number }, right: { seconds: number; nanos: number }): boolean => left.seconds > right.seconds || (left.seconds === right.seconds && left.nanos > right.nanos);
    for (let i = 0; i < session.frames.length; i++) {
      const message = messages[i]!;
      if (message.channel !== 'l2_data' && message.channel !== 'ticker') continue;
      const bytes = session.frameBytes[i]!;
      parseFast(bytes, bytes.length, session.context, frame);
      const sent = expectedTime(message.timestamp);
      for (let b = 0; b < frame.bookCount; b++) {
        const latest = message.events[b]!.updates!.map((level) => expectedTime(level.event_time)).reduce((best, time) => (later(time, best) ? time : best));
        expect([frame.books[b]!.hasEventTime, frame.books[b]!.eventSeconds, frame.books[b]!.eventNanos]).toEqual([true, latest.seconds, latest.nanos]);
        checked++;
      }
      for (let q = 0; q < frame.bbos.count; q++) {
        expect([frame.bbos.eventSeconds[q], frame.bbos.eventNanos[q], frame.bbos.hasEventTime[q]]).toEqual([sent.seconds, sent.nanos, 1]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('reads a trade update: id, price, size, execution time, and the taker as the opposite of the maker side Coinbase sends', () => {
    const index = indexWhere((message) => message.channel === 'market_trades' && message.events[0]!.type === 'update');
    const { fast } = parseBoth(index);
    expect(fast.kind).toBe(FrameKind.MARKET_DATA);
    expect(fast.trades.count).toBe(1);
    const instrument = session.registry.requireByNumericId(fast.trades.instrumentIds[0]!);
    // Read from the recording: {"product_id":"BTC-USD","trade_id":"1068572091","price":"65083.67","size":"0.01034361","time":"2026-08-09T21:05:48.167634Z","side":"SELL"}.
    expect(instrument.native).toBe('BTC-USD');
    expect(tradeIdOf(fast, 0)).toBe('1068572091');
    expect(formatDecimal(fast.trades.prices[0]!, instrument.priceDecimals)).toBe('65083.67');
    expect(formatDecimal(fast.trades.sizes[0]!, instrument.sizeDecimals)).toBe('0.01034361');
    expect(fast.trades.aggressorSides[0]).toBe(AggressorSide.BUY);
    expect(fast.trades.hasEventTime[0]).toBe(1);
    expect(fast.trades.eventSeconds[0]).toBe(Date.UTC(2026, 7, 9, 21, 5, 48) / 1000);
    expect(fast.trades.eventNanos[0]).toBe(167_634_000);
  });

  it('emits every update trade in wire order with the opposite side and its own time; snapshot (history) trades none', () => {
    const frame = new ParsedFrame();
    let trades = 0;
    for (let i = 0; i < session.frames.length; i++) {
      const message = messages[i]!;
      if (message.channel !== 'market_trades') continue;
      const bytes = session.frameBytes[i]!;
      parseFast(bytes, bytes.length, session.context, frame);
      const expected = message.events.filter((event) => event.type === 'update').flatMap((event) => event.trades!);
      expect(frame.trades.count).toBe(expected.length);
      expected.forEach((trade, t) => {
        expect(tradeIdOf(frame, t)).toBe(trade.trade_id);
        expect(session.registry.requireByNumericId(frame.trades.instrumentIds[t]!).native).toBe(trade.product_id);
        expect(frame.trades.aggressorSides[t]).toBe(trade.side === 'BUY' ? AggressorSide.SELL : AggressorSide.BUY);
        const time = expectedTime(trade.time);
        expect([frame.trades.eventSeconds[t], frame.trades.eventNanos[t]]).toEqual([time.seconds, time.nanos]);
        trades++;
      });
    }
    expect(trades).toBeGreaterThan(0);
  });

  it('agrees with the book: taker buys print at or above the best ask, taker sells at or below the best bid (the maker-side reading)', () => {
    // Replays the ticker BBO and classifies each update trade against the BBO in force: if Coinbase's
    // `side` were the taker's, this would come out the other way round.
    const frame = new ParsedFrame();
    const bestBid = new Map<number, number>();
    const bestAsk = new Map<number, number>();
    let agree = 0;
    let disagree = 0;
    for (let i = 0; i < session.frames.length; i++) {
      const bytes = session.frameBytes[i]!;
      parseFast(bytes, bytes.length, session.context, frame);
      for (let q = 0; q < frame.bbos.count; q++) {
        bestBid.set(frame.bbos.instrumentIds[q]!, frame.bbos.values[q * 4]!);
        bestAsk.set(frame.bbos.instrumentIds[q]!, frame.bbos.values[q * 4 + 2]!);
      }
      for (let t = 0; t < frame.trades.count; t++) {
        const id = frame.trades.instrumentIds[t]!;
        const bid = bestBid.get(id);
        const ask = bestAsk.get(id);
        if (bid === undefined || ask === undefined) continue;
        const price = frame.trades.prices[t]!;
        const side = frame.trades.aggressorSides[t];
        if (price > bid && price < ask) continue;
        if ((side === AggressorSide.BUY && price >= ask) || (side === AggressorSide.SELL && price <= bid)) agree++;
        else disagree++;
      }
    }
    expect(agree).toBeGreaterThan(10 * Math.max(1, disagree));
  });

  it('reads ticker best bid/ask and their quantities as BBOs', () => {
    const index = indexWhere((message) => message.channel === 'ticker' && message.events[0]!.tickers![0]!.product_id === 'BTC-USD');
    const { fast } = parseBoth(index);
    const instrument = session.registry.requireByNumericId(fast.bbos.instrumentIds[0]!);
    const values = Array.from(fast.bbos.values.subarray(0, 4));
    // {"best_bid":"65083.66","best_ask":"65083.67","best_bid_quantity":"0.20371215","best_ask_quantity":"0.24290402"}.
    expect([
      formatDecimal(values[0]!, instrument.priceDecimals),
      formatDecimal(values[1]!, instrument.sizeDecimals),
      formatDecimal(values[2]!, instrument.priceDecimals),
      formatDecimal(values[3]!, instrument.sizeDecimals),
    ]).toEqual(['65083.66', '0.20371215', '65083.67', '0.24290402']);
    let tickers = 0;
    const frame = new ParsedFrame();
    for (let i = 0; i < session.frames.length; i++) {
      const message = messages[i]!;
      if (message.channel !== 'ticker') continue;
      parseFast(session.frameBytes[i]!, session.frameBytes[i]!.length, session.context, frame);
      const expected = message.events.flatMap((event) => event.tickers!);
      expect(frame.bbos.count).toBe(expected.length);
      expected.forEach((ticker, q) => {
        const scale = session.registry.requireByNumericId(frame.bbos.instrumentIds[q]!);
        expect(formatDecimal(frame.bbos.values[q * 4]!, scale.priceDecimals)).toBe(canonical(ticker.best_bid));
        expect(formatDecimal(frame.bbos.values[q * 4 + 1]!, scale.sizeDecimals)).toBe(canonical(ticker.best_bid_quantity));
        expect(formatDecimal(frame.bbos.values[q * 4 + 2]!, scale.priceDecimals)).toBe(canonical(ticker.best_ask));
        expect(formatDecimal(frame.bbos.values[q * 4 + 3]!, scale.sizeDecimals)).toBe(canonical(ticker.best_ask_quantity));
        tickers++;
      });
    }
    expect(tickers).toBeGreaterThan(0);
  });

  it('ignores products that are not on the connection instead of failing', () => {
    const onlyEth = session.subscribed.filter((instrument) => instrument.native === 'ETH-USD');
    const context = { ...session.context, symbols: { byString: (native: string) => (native === 'ETH-USD' ? onlyEth[0]!.numericId : -1), byBytes: () => -1 } };
    const index = indexWhere((message) => message.channel === 'l2_data' && message.events[0]!.product_id === 'BTC-USD');
    const frame = new ParsedFrame();
    parseReference(session.frames[index]!, context, frame);
    expect(frame.kind).toBe(FrameKind.IGNORED);
    expect(frame.bookCount).toBe(0);
    expect(frame.connectionSequence).toBe(messages[index]!.sequence_num);
  });
});

describe('Coinbase parsers on frames the recording does not hold', () => {
  const context = (): CoinbaseSession['context'] => session.context;
  const both = (text: string): { reference: ParsedFrame; fast: ParsedFrame } => {
    const reference = new ParsedFrame();
    const fast = new ParsedFrame();
    parseReference(text, context(), reference);
    const bytes = new TextEncoder().encode(text);
    parseFast(bytes, bytes.length, context(), fast);
    expect(frameDifference(reference, fast)).toBeNull();
    return { reference, fast };
  };

  it('reports venue errors with their text', () => {
    const { fast } = both('{"type":"error","message":"Failed to subscribe","reason":"unknown product"}');
    expect(fast.kind).toBe(FrameKind.VENUE_ERROR);
    expect(fast.errorText).toBe('Failed to subscribe: unknown product');
    expect(fast.connectionSequence).toBe(SEQUENCE_NONE);
  });

  it('calls unknown channels and malformed frames UNKNOWN, never guessing', () => {
    expect(both('{"channel":"futures_balance_summary","timestamp":"2026-08-09T21:05:48.1Z","sequence_num":7,"events":[]}').fast.kind).toBe(FrameKind.UNKNOWN);
    expect(both('not json').fast.kind).toBe(FrameKind.UNKNOWN);
    expect(both('[1,2]').fast.kind).toBe(FrameKind.UNKNOWN);
    expect(both('{"channel":"ticker","timestamp":"2026-08-09 21:05:48Z","sequence_num":7,"events":[]}').fast.kind).toBe(FrameKind.UNKNOWN);
    const side = both('{"channel":"l2_data","timestamp":"2026-08-09T21:05:48.1Z","sequence_num":7,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"side":"ask","event_time":"2026-08-09T21:05:48.05Z","price_level":"1","new_quantity":"1"}]}]}');
    expect(side.fast.kind).toBe(FrameKind.UNKNOWN);
    expect(side.fast.bookCount).toBe(0);
  });

  it('leaves connectionSequence unset on an l2_data frame it cannot read, so the loss shows as a gap', () => {
    const { fast } = both('{"channel":"l2_data","timestamp":"2026-08-09T21:05:48.1Z","sequence_num":7,"events":[{"type":"delta","product_id":"BTC-USD","updates":[]}]}');
    expect(fast.kind).toBe(FrameKind.UNKNOWN);
    expect(fast.connectionSequence).toBe(SEQUENCE_NONE);
    const trades = both('{"channel":"market_trades","timestamp":"2026-08-09T21:05:48.1Z","sequence_num":8,"events":[{"type":"delta","trades":[]}]}');
    expect(trades.fast.kind).toBe(FrameKind.UNKNOWN);
    expect(trades.fast.connectionSequence).toBe(8);
  });

  it('emits no BBO from a ticker without sizes (no invented quantities)', () => {
    const { fast } = both('{"channel":"ticker","timestamp":"2026-08-09T21:05:48.1Z","sequence_num":9,"events":[{"type":"update","tickers":[{"type":"ticker","product_id":"BTC-USD","price":"1","best_bid":"65083.66","best_ask":"65083.67"}]}]}');
    expect(fast.kind).toBe(FrameKind.IGNORED);
    expect(fast.bbos.count).toBe(0);
  });

  it('goes the reference way for shapes off the scanned path and still agrees (escapes, key order, several events)', () => {
    const escaped = both('{"channel":"l2_data","timestamp":"2026-08-09T21:05:48.1Z","sequence_num":7,"events":[{"type":"update","product_id":"BTC\\u002dUSD","updates":[{"side":"bid","event_time":"2026-08-09T21:05:48.05Z","price_level":"6508\\u0033.66","new_quantity":"0"}]}]}');
    expect(escaped.fast.bookCount).toBe(1);
    const reordered = both('{"sequence_num":7,"events":[{"type":"update","product_id":"BTC-USD","updates":[]}],"channel":"l2_data","timestamp":"2026-08-09T21:05:48.1Z"}');
    expect(reordered.fast.kind).toBe(FrameKind.MARKET_DATA);
    const several = both('{"channel":"l2_data","timestamp":"2026-08-09T21:05:48.1Z","sequence_num":7,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"side":"offer","event_time":"2026-08-09T21:05:48.05Z","price_level":"65100","new_quantity":"1.5"}]},{"type":"update","product_id":"ETH-USD","updates":[{"side":"bid","event_time":"2026-08-09T21:05:48.05Z","price_level":"1919.4","new_quantity":"0"}]}]}');
    expect(several.fast.bookCount).toBe(2);
    expect(several.fast.books[1]!.sides[0]).toBe(BookSide.BID);
  });

  it('times a book by its latest level, leaves a book without levels untimed, and rejects an unreadable event_time', () => {
    const levels = '{"side":"bid","event_time":"2026-08-09T21:05:48.9Z","price_level":"1","new_quantity":"1"},{"side":"offer","event_time":"2026-08-09T21:05:49.000001Z","price_level":"2","new_quantity":"1"},{"side":"offer","event_time":"2026-08-09T21:05:48.95Z","price_level":"3","new_quantity":"0"}';
    const mixed = both(`{"channel":"l2_data","timestamp":"2026-08-09T21:05:50Z","sequence_num":7,"events":[{"type":"update","product_id":"BTC-USD","updates":[${levels}]},{"type":"update","product_id":"ETH-USD","updates":[]}]}`);
    expect([mixed.fast.books[0]!.hasEventTime, mixed.fast.books[0]!.eventSeconds, mixed.fast.books[0]!.eventNanos]).toEqual([true, Date.UTC(2026, 7, 9, 21, 5, 49) / 1000, 1000]);
    expect(mixed.fast.books[1]!.hasEventTime).toBe(false);
    const unreadable = both('{"channel":"l2_data","timestamp":"2026-08-09T21:05:50Z","sequence_num":7,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"side":"bid","event_time":"yesterday","price_level":"1","new_quantity":"1"}]}]}');
    expect(unreadable.fast.kind).toBe(FrameKind.UNKNOWN);
  });

  it('throws ZVT_ERR_DECIMAL_PRECISION from both parsers when a price is finer than the instrument tick', () => {
    const text = '{"channel":"l2_data","timestamp":"2026-08-09T21:05:48.1Z","sequence_num":7,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"side":"bid","event_time":"2026-08-09T21:05:48.05Z","price_level":"65083.661","new_quantity":"1"}]}]}';
    const bytes = new TextEncoder().encode(text);
    expect(() => parseReference(text, context(), new ParsedFrame())).toThrow(expect.objectContaining({ code: 'ZVT_ERR_DECIMAL_PRECISION' }) as Error);
    expect(() => parseFast(bytes, bytes.length, context(), new ParsedFrame())).toThrow(expect.objectContaining({ code: 'ZVT_ERR_DECIMAL_PRECISION' }) as Error);
  });
});
