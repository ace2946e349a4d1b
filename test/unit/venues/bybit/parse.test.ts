// Bybit parsers against every recorded frame: the byte scanner equals the JSON.parse reference, and both say what the frames say.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FrameKind, ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import { parseReference } from '../../../../src/actors/venues/bybit/parse.js';
import { parseFast } from '../../../../src/actors/venues/bybit/scan.js';
import { AggressorSide, BookSide, formatDecimalFixed, isZvtError, SEQUENCE_NONE } from '../../../../src/model/index.js';
import { contextFor, frameContents, levelText, loadBybitSession, tradeIdOf, type BybitSession, type SessionConnection } from './bybit-session.js';

const encoder = new TextEncoder();

interface RawBook {
  topic: string;
  type: string;
  ts: number;
  cts?: number;
  data: { s: string; b: [string, string][]; a: [string, string][]; u: number };
}
interface RawTrade {
  T: number;
  s: string;
  S: string;
  v: string;
  p: string;
  i: string;
}
interface RawTicker {
  ts: number;
  data: Record<string, string>;
}

let session: BybitSession;
beforeAll(async () => {
  session = await loadBybitSession();
});
afterEach(() => {
  vi.restoreAllMocks();
});

function parseBoth(text: string, connection: SessionConnection): { reference: ParsedFrame; fast: ParsedFrame } {
  const reference = new ParsedFrame();
  const fast = new ParsedFrame();
  parseReference(text, connection.context, reference);
  const bytes = encoder.encode(text);
  parseFast(bytes, bytes.length, connection.context, fast);
  return { reference, fast };
}

function connection(name: 'linear' | 'spot'): SessionConnection {
  return session.connections.find((candidate) => candidate.plan.path.endsWith(name))!;
}

function firstFrame(connectionName: 'linear' | 'spot', predicate: (message: Record<string, unknown>) => boolean): string {
  const text = connection(connectionName).frames.find((frame) => predicate(JSON.parse(frame) as Record<string, unknown>));
  if (text === undefined) throw new Error('no such recorded frame');
  return text;
}

describe('bybit parsers on the recorded session', () => {
  it('parseFast equals parseReference on every recorded frame, and nothing is UNKNOWN', () => {
    let compared = 0;
    const kinds = new Map<number, number>();
    for (const connection of session.connections) {
      for (const text of connection.frames) {
        const { reference, fast } = parseBoth(text, connection);
        expect(frameContents(fast), text.slice(0, 120)).toEqual(frameContents(reference));
        kinds.set(reference.kind, (kinds.get(reference.kind) ?? 0) + 1);
        compared++;
      }
    }
    const total = session.connections.reduce((sum, connection) => sum + connection.frames.length, 0);
    expect(compared).toBe(total);
    expect(compared).toBeGreaterThan(3000);
    expect(kinds.get(FrameKind.UNKNOWN) ?? 0).toBe(0);
    expect(kinds.get(FrameKind.VENUE_ERROR) ?? 0).toBe(0);
    console.log(`bybit: ${compared} recorded frames compared`, Object.fromEntries(kinds));
  });

  it('classifies each recorded channel as its topic says', () => {
    for (const connection of session.connections) {
      for (const text of connection.frames) {
        const message = JSON.parse(text) as Record<string, unknown> & { topic?: string; data?: unknown };
        const { reference } = parseBoth(text, connection);
        const topic = message.topic ?? '';
        if (message.op === 'subscribe') expect(reference.kind).toBe(FrameKind.SUBSCRIBED);
        else if (topic.startsWith('orderbook.')) expect(reference.kind).toBe(FrameKind.MARKET_DATA);
        else if (topic.startsWith('publicTrade.')) expect(reference.kind).toBe(FrameKind.MARKET_DATA);
        else if (topic.startsWith('kline.') || topic.startsWith('allLiquidation.')) expect(reference.kind).toBe(FrameKind.IGNORED);
        else if (topic.startsWith('tickers.')) {
          const data = (message as unknown as RawTicker).data;
          const complete = ['bid1Price', 'bid1Size', 'ask1Price', 'ask1Size'].every((field) => typeof data[field] === 'string' && data[field] !== '');
          expect(reference.kind).toBe(complete ? FrameKind.MARKET_DATA : FrameKind.IGNORED);
          expect(reference.bbos.count).toBe(complete ? 1 : 0);
        } else throw new Error(`unexpected recorded frame ${text.slice(0, 80)}`);
      }
    }
  });

  it('books: every level round-trips to the exact text sent, with u, type and cts carried over', () => {
    let levels = 0;
    for (const connection of session.connections) {
      for (const text of connection.frames) {
        const message = JSON.parse(text) as RawBook;
        if (typeof message.topic !== 'string' || !message.topic.startsWith('orderbook.')) continue;
        const { fast } = parseBoth(text, connection);
        expect(fast.bookCount).toBe(1);
        const book = fast.books[0]!;
        const instrument = session.registry.requireByNumericId(book.instrumentId);
        expect(instrument.native).toBe(message.data.s);
        expect(instrument.kind).toBe(connection.plan.path.endsWith('spot') ? 'spot' : 'perpetual');
        expect(book.isSnapshot).toBe(message.type === 'snapshot');
        expect(book.sequence).toBe(message.data.u);
        expect(book.hasEventTime).toBe(true);
        expect(book.eventSeconds * 1000 + book.eventNanos / 1e6).toBe(message.cts);
        const sent = [...message.data.b.map((level) => ['b', ...level]), ...message.data.a.map((level) => ['a', ...level])];
        expect(book.levelCount).toBe(sent.length);
        sent.forEach(([side, price, size], index) => {
          expect(levelText(fast, 0, index, connection.context)).toEqual({ side, price, size });
        });
        levels += sent.length;
      }
    }
    expect(levels).toBeGreaterThan(10_000);
  });

  it('a linear snapshot starts with the best bid and best ask as sent', () => {
    const linear = connection('linear');
    const text = firstFrame('linear', (message) => message.type === 'snapshot' && String(message.topic).startsWith('orderbook.200.BTCUSDT'));
    const message = JSON.parse(text) as RawBook;
    const { fast } = parseBoth(text, linear);
    const book = fast.books[0]!;
    expect(book.isSnapshot).toBe(true);
    expect(book.levelCount).toBe(message.data.b.length + message.data.a.length);
    expect(levelText(fast, 0, 0, linear.context)).toEqual({ side: 'b', price: message.data.b[0]![0], size: message.data.b[0]![1] });
    const firstAsk = message.data.b.length;
    expect(book.sides[firstAsk]).toBe(BookSide.ASK);
    expect(levelText(fast, 0, firstAsk, linear.context)).toEqual({ side: 'a', price: message.data.a[0]![0], size: message.data.a[0]![1] });
    // The book's time is the matching engine's (cts), not the system's later ts.
    expect(book.eventSeconds).toBe(Math.floor(message.cts! / 1000));
    expect(book.eventNanos).toBe((message.cts! % 1000) * 1_000_000);
    expect(message.ts).not.toBe(message.cts);
    // Canonical decimal text drops what the scale does not need: "65114.20" at 1 decimal is 651142.
    const instrument = session.registry.requireByNumericId(book.instrumentId);
    expect(instrument.priceDecimals).toBe(1);
    expect(formatDecimalFixed(book.prices[0]!, instrument.priceDecimals, instrument.priceDecimals)).toBe(message.data.b[0]![0].replace(/0$/, ''));
  });

  it('trades: taker side, UUID and numeric trade ids, fill time T', () => {
    let trades = 0;
    const sides = new Set<number>();
    for (const connection of session.connections) {
      for (const text of connection.frames) {
        const message = JSON.parse(text) as { topic?: string; data: RawTrade[] };
        if (typeof message.topic !== 'string' || !message.topic.startsWith('publicTrade.')) continue;
        const { fast } = parseBoth(text, connection);
        expect(fast.trades.count).toBe(message.data.length);
        message.data.forEach((trade, index) => {
          const instrument = session.registry.requireByNumericId(fast.trades.instrumentIds[index]!);
          expect(instrument.native).toBe(trade.s);
          expect(fast.trades.aggressorSides[index]).toBe(trade.S === 'Buy' ? AggressorSide.BUY : AggressorSide.SELL);
          sides.add(fast.trades.aggressorSides[index]!);
          expect(tradeIdOf(fast, index)).toBe(trade.i);
          expect(fast.trades.eventSeconds[index]! * 1000 + fast.trades.eventNanos[index]! / 1e6).toBe(trade.T);
          expect(formatDecimalFixed(fast.trades.prices[index]!, instrument.priceDecimals, trade.p.split('.')[1]?.length ?? 0)).toBe(trade.p);
          expect(formatDecimalFixed(fast.trades.sizes[index]!, instrument.sizeDecimals, trade.v.split('.')[1]?.length ?? 0)).toBe(trade.v);
          trades++;
        });
      }
    }
    expect(sides).toEqual(new Set([AggressorSide.BUY, AggressorSide.SELL]));
    expect(trades).toBeGreaterThan(100);
    // Linear ids are UUIDs, spot ids decimal numbers: both kept verbatim.
    const linearTrade = JSON.parse(firstFrame('linear', (message) => String(message.topic).startsWith('publicTrade.'))) as { data: RawTrade[] };
    expect(linearTrade.data[0]!.i).toMatch(/^[0-9a-f-]{36}$/);
    const spotTrade = JSON.parse(firstFrame('spot', (message) => String(message.topic).startsWith('publicTrade.'))) as { data: RawTrade[] };
    expect(spotTrade.data[0]!.i).toMatch(/^[0-9]+$/);
  });

  it('tickers: a BBO only from all four top-of-book fields, timed by ts; one-sided deltas and spot tickers give none', () => {
    const linear = connection('linear');
    const full = firstFrame('linear', (message) => message.type === 'delta' && String(message.topic).startsWith('tickers.') && 'bid1Price' in (message.data as object) && 'ask1Price' in (message.data as object));
    const raw = JSON.parse(full) as RawTicker;
    const { fast } = parseBoth(full, linear);
    expect(fast.kind).toBe(FrameKind.MARKET_DATA);
    const instrument = session.registry.requireByNumericId(fast.bbos.instrumentIds[0]!);
    const values = Array.from(fast.bbos.values.subarray(0, 4));
    const decimals = [instrument.priceDecimals, instrument.sizeDecimals, instrument.priceDecimals, instrument.sizeDecimals];
    const texts = ['bid1Price', 'bid1Size', 'ask1Price', 'ask1Size'].map((field) => raw.data[field]!);
    values.forEach((value, index) => {
      expect(formatDecimalFixed(value, decimals[index]!, texts[index]!.split('.')[1]?.length ?? 0)).toBe(texts[index]);
    });
    expect(fast.bbos.eventSeconds[0]! * 1000 + fast.bbos.eventNanos[0]! / 1e6).toBe(raw.ts);

    const oneSided = firstFrame('linear', (message) => String(message.topic).startsWith('tickers.') && 'bid1Price' in (message.data as object) && !('ask1Price' in (message.data as object)));
    expect(parseBoth(oneSided, linear).fast.kind).toBe(FrameKind.IGNORED);
    const spotTicker = firstFrame('spot', (message) => String(message.topic).startsWith('tickers.'));
    expect(parseBoth(spotTicker, connection('spot')).fast.kind).toBe(FrameKind.IGNORED);
  });

  it('the scanner reads books, trades and tickers in place, without the reference fallback', () => {
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    const out = new ParsedFrame();
    let scanned = 0;
    for (const connection of session.connections) {
      for (const text of connection.frames) {
        const topic = (JSON.parse(text) as { topic?: string }).topic ?? '';
        if (!/^(orderbook|publicTrade|tickers|kline)\./.test(topic)) continue;
        const bytes = encoder.encode(text);
        parseFast(bytes, bytes.length, connection.context, out);
        scanned++;
      }
    }
    expect(scanned).toBeGreaterThan(3000);
    expect(decode).not.toHaveBeenCalled();
  });

  it('a frame for a symbol this connection does not carry is ignored, not guessed at', () => {
    const linear = connection('linear');
    const onlyBitcoin = contextFor(session.registry, [session.registry.requireByNative('bybit', 'BTCUSDT', 'perpetual')]);
    for (const text of linear.frames) {
      const message = JSON.parse(text) as { topic?: string };
      if (typeof message.topic !== 'string' || message.topic.endsWith('BTCUSDT')) continue;
      const reference = new ParsedFrame();
      const fast = new ParsedFrame();
      parseReference(text, onlyBitcoin, reference);
      const bytes = encoder.encode(text);
      parseFast(bytes, bytes.length, onlyBitcoin, fast);
      expect(fast.kind).toBe(FrameKind.IGNORED);
      expect(frameContents(fast)).toEqual(frameContents(reference));
    }
  });
});

describe('bybit parsers on shapes the recording lacks', () => {
  const cases: [name: string, text: string, kind: FrameKind][] = [
    ['public pong (linear/spot)', '{"success":true,"ret_msg":"pong","conn_id":"465772b1-7630-4fdc-a492-e003e6f0f260","req_id":"","op":"ping"}', FrameKind.HEARTBEAT],
    ['option/private pong', '{"req_id":"test","op":"pong","args":["1675418560633"],"conn_id":"cfcb4ocsvfriu23r3er0-1b"}', FrameKind.HEARTBEAT],
    ['unsubscribe reply', '{"success":true,"ret_msg":"","conn_id":"d8bu1olkndm7crnfs1e0-j6akw","req_id":"","op":"unsubscribe"}', FrameKind.SUBSCRIBED],
    ['failed subscription', '{"success":false,"ret_msg":"error:handler not found,topic:orderbook.200.NOPEUSDT","conn_id":"x","req_id":"","op":"subscribe"}', FrameKind.VENUE_ERROR],
    ['error without op', '{"success":false,"ret_msg":"too many requests"}', FrameKind.VENUE_ERROR],
    ['liquidation', '{"topic":"allLiquidation.BTCUSDT","type":"snapshot","ts":1,"data":[{"T":1,"s":"BTCUSDT","S":"Sell","v":"1","p":"1"}]}', FrameKind.IGNORED],
    ['RPI book is another book', '{"topic":"orderbook.rpi.BTCUSDT","type":"snapshot","ts":1,"data":{"s":"BTCUSDT","b":[],"a":[],"u":5}}', FrameKind.UNKNOWN],
    ['unknown topic', '{"topic":"insurance.USDT","type":"snapshot","ts":1,"data":[]}', FrameKind.UNKNOWN],
    ['unknown op', '{"op":"auth","success":true}', FrameKind.UNKNOWN],
    ['not JSON', '{"topic":"orderbook.200.BTCUSDT"', FrameKind.UNKNOWN],
    ['array', '[1,2]', FrameKind.UNKNOWN],
    ['book with string u', '{"topic":"orderbook.200.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[],"a":[],"u":"5"}}', FrameKind.UNKNOWN],
    ['book with three-element level', '{"topic":"orderbook.200.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[["1","2","3"]],"a":[],"u":5}}', FrameKind.UNKNOWN],
    ['book of unknown type', '{"topic":"orderbook.200.BTCUSDT","type":"partial","ts":1,"data":{"s":"BTCUSDT","b":[],"a":[],"u":5}}', FrameKind.UNKNOWN],
    ['trade with an unknown side', '{"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1,"data":[{"T":1,"s":"BTCUSDT","S":"Both","v":"1","p":"1","i":"x"}]}', FrameKind.UNKNOWN],
    ['trade id past 48 bytes', `{"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1,"data":[{"T":1,"s":"BTCUSDT","S":"Buy","v":"1","p":"1","i":"${'x'.repeat(49)}"}]}`, FrameKind.UNKNOWN],
    ['ticker with numeric bid', '{"topic":"tickers.BTCUSDT","type":"delta","ts":1,"data":{"symbol":"BTCUSDT","bid1Price":1}}', FrameKind.UNKNOWN],
  ];
  for (const [name, text, kind] of cases) {
    it(`${name}: ${Object.keys(FrameKind).find((key) => FrameKind[key as keyof typeof FrameKind] === kind)}, both parsers alike`, () => {
      const { reference, fast } = parseBoth(text, connection('linear'));
      expect(reference.kind).toBe(kind);
      expect(frameContents(fast)).toEqual(frameContents(reference));
      if (kind === FrameKind.VENUE_ERROR) expect(reference.errorText).toContain((JSON.parse(text) as { ret_msg: string }).ret_msg);
      if (kind === FrameKind.UNKNOWN) expect(reference.errorText).not.toBe('');
    });
  }

  it('a delta with u = 1 is a full book (service restart)', () => {
    const text = '{"topic":"orderbook.200.BTCUSDT","type":"delta","ts":1786310818130,"data":{"s":"BTCUSDT","b":[["65095.30","0.005"]],"a":[],"u":1,"seq":2},"cts":1786310818129}';
    const { reference, fast } = parseBoth(text, connection('linear'));
    expect(reference.books[0]!.isSnapshot).toBe(true);
    expect(frameContents(fast)).toEqual(frameContents(reference));
  });

  it('a trade without a side has AggressorSide.UNKNOWN; a book without cts has no event time', () => {
    const trade = parseBoth('{"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1,"data":[{"s":"BTCUSDT","v":"1","p":"2","i":"a"}]}', connection('linear'));
    expect(trade.reference.trades.aggressorSides[0]).toBe(AggressorSide.UNKNOWN);
    expect(trade.reference.trades.hasEventTime[0]).toBe(0);
    expect(frameContents(trade.fast)).toEqual(frameContents(trade.reference));
    const book = parseBoth('{"topic":"orderbook.200.BTCUSDT","type":"delta","ts":5,"data":{"s":"BTCUSDT","b":[],"a":[["1.5","0"]],"u":9}}', connection('linear'));
    expect(book.reference.books[0]!.hasEventTime).toBe(false);
    expect(book.reference.books[0]!.previousSequence).toBe(SEQUENCE_NONE);
    expect(frameContents(book.fast)).toEqual(frameContents(book.reference));
  });

  it('reads recorded frames with their keys in any order, and escaped strings through the reference', () => {
    const linear = connection('linear');
    const permute = (value: unknown, order: (keys: string[]) => string[]): unknown => {
      if (Array.isArray(value)) return value.map((element) => permute(element, order));
      if (typeof value !== 'object' || value === null) return value;
      const record = value as Record<string, unknown>;
      return Object.fromEntries(order(Object.keys(record)).map((key) => [key, permute(record[key], order)]));
    };
    const orders = [(keys: string[]) => [...keys].reverse(), (keys: string[]) => [...keys].sort(), (keys: string[]) => [...keys].sort().reverse()];
    let checked = 0;
    for (const text of linear.frames.slice(0, 400)) {
      const original = parseBoth(text, linear).reference;
      for (const order of orders) {
        const permuted = JSON.stringify(permute(JSON.parse(text), order));
        const { reference, fast } = parseBoth(permuted, linear);
        expect(frameContents(reference)).toEqual(frameContents(original));
        expect(frameContents(fast)).toEqual(frameContents(original));
        checked++;
      }
      // Escaping a letter of the symbol changes nothing for JSON.parse; the scanner must agree.
      const escaped = text.replace(/"(s|symbol)":"([A-Z])/g, (_, key: string, letter: string) => `"${key}":"\\u00${letter.charCodeAt(0).toString(16)}`);
      expect(frameContents(parseBoth(escaped, linear).fast)).toEqual(frameContents(original));
    }
    expect(checked).toBe(1200);
  });

  it('duplicate keys mean what JSON.parse makes of them (the last wins), in both parsers', () => {
    const linear = connection('linear');
    const book = (inner: string, outer = '') => `{"topic":"orderbook.200.BTCUSDT","type":"delta","ts":1,${outer}"data":{${inner}},"cts":5}`;
    const variants = [
      book('"s":"BTCUSDT","b":[["1.5","2"]],"a":[],"u":7', '"data":{"s":"ETHUSDT","b":[],"a":[],"u":3},'),
      `${book('"s":"BTCUSDT","b":[["1.5","2"]],"a":[],"u":7').slice(0, -1)},"data":{"s":"ETHUSDT","b":[["2.5","1"]],"a":[],"u":3}}`,
      book('"s":"DOGEUSDT","b":[["1.5","2"]],"a":[],"u":7,"s":"BTCUSDT"'),
      book('"s":"BTCUSDT","b":[["1.5","2"]],"a":[["3","1"]],"u":7,"b":[["1.6","2"]],"u":8'),
      book('"s":"BTCUSDT","b":[],"a":[],"u":7', '"type":"snapshot","cts":9,"topic":"kline.1.BTCUSDT","topic":"orderbook.200.BTCUSDT",'),
      '{"topic":"publicTrade.BTCUSDT","data":[{"s":"BTCUSDT","S":"Buy","S":"Sell","p":"1","v":"1","p":"2","i":"a","T":3,"T":4}]}',
      '{"topic":"tickers.BTCUSDT","ts":3,"ts":4,"data":{"symbol":"BTCUSDT","bid1Price":"1","bid1Size":"1","ask1Price":"2","ask1Size":"2","bid1Price":"1.5"}}',
    ];
    for (const text of variants) {
      const { reference, fast } = parseBoth(text, linear);
      expect(reference.kind, text).toBe(FrameKind.MARKET_DATA);
      expect(frameContents(fast), text).toEqual(frameContents(reference));
    }
  });

  it('bytes after the closing brace make the frame UNKNOWN, as for JSON.parse', () => {
    const linear = connection('linear');
    const text = firstFrame('linear', (message) => String(message.topic).startsWith('orderbook.') && message.type === 'delta');
    for (const trailing of ['x', '}', ',{}', ' 1']) {
      const { reference, fast } = parseBoth(text + trailing, linear);
      expect(reference.kind).toBe(FrameKind.UNKNOWN);
      expect(frameContents(fast)).toEqual(frameContents(reference));
    }
    expect(parseBoth(`\n ${text} \r\n`, linear).fast.kind).toBe(FrameKind.MARKET_DATA);
  });

  it('a decimal finer than the instrument scale throws ZvtError from both parsers', () => {
    const text = '{"topic":"orderbook.200.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[["65095.35","0.005"]],"a":[],"u":5}}';
    const linear = connection('linear');
    const bytes = encoder.encode(text);
    const codes = [() => parseReference(text, linear.context, new ParsedFrame()), () => parseFast(bytes, bytes.length, linear.context, new ParsedFrame())].map((run) => {
      try {
        run();
        return 'no error';
      } catch (error) {
        return isZvtError(error) ? error.code : String(error);
      }
    });
    expect(codes).toEqual(['ZVT_ERR_DECIMAL_PRECISION', 'ZVT_ERR_DECIMAL_PRECISION']);
  });
});
