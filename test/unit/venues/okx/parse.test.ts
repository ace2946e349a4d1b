// OKX frames → ParsedFrame: the documented examples normalised exactly, every frame class, UNKNOWN for unknown shapes.
import { describe, expect, it } from 'vitest';
import { FrameKind, ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import { parseReference } from '../../../../src/actors/venues/okx/parse.js';
import { parseFast } from '../../../../src/actors/venues/okx/scan.js';
import { AggressorSide, BookSide, SEQUENCE_NONE } from '../../../../src/model/record-types.js';
import { contentsOf, contextOf, encoder, readFixture, type FramesFixture, type LevelContents } from './okx-test-kit.js';

const context = contextOf();
const BTC_USDT = 0;
const BCH_USDT_SWAP = 1;
const orderBook = readFixture<FramesFixture>('ws-order-book.json').frames;
const trades = readFixture<FramesFixture>('ws-trades.json').frames;
const tickers = readFixture<FramesFixture>('ws-tickers.json').frames;
const connection = readFixture<FramesFixture & { pong: string }>('ws-connection.json');

const referenceFrame = new ParsedFrame();
const fastFrame = new ParsedFrame();

/** Both parsers on one text (reusing their frames, as the feed does); they must agree; returns the contents. */
function parseBoth(frame: unknown) {
  const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
  parseReference(text, context, referenceFrame);
  const bytes = encoder.encode(text);
  parseFast(bytes, bytes.length, context, fastFrame);
  const contents = contentsOf(referenceFrame);
  expect(contentsOf(fastFrame)).toEqual(contents);
  return contents;
}

/** Independent of fixed-point.ts: digits moved by string padding. */
function mantissa(text: string, decimals: number): number {
  const [integer, fraction = ''] = text.split('.');
  return Number(`${integer}${fraction.padEnd(decimals, '0')}`);
}

function expectedLevels(levels: [string, string, ...string[]][], side: number, priceDecimals: number, sizeDecimals: number): LevelContents[] {
  return levels.map(([price, size]) => ({
    side,
    price: mantissa(price, priceDecimals),
    size: mantissa(size, sizeDecimals),
    priceTextDecimals: price.split('.')[1]?.length ?? 0,
    sizeTextDecimals: size.split('.')[1]?.length ?? 0,
  }));
}

describe('OKX parse: documented market data', () => {
  it('books snapshot: levels in wire order (asks, then bids) at the instrument scale, text decimals as sent, sequences, checksum, ts split', () => {
    const snapshot = orderBook.booksSnapshot as { data: [{ asks: [string, string][]; bids: [string, string][] }] };
    const contents = parseBoth(snapshot);
    expect(contents.kind).toBe(FrameKind.MARKET_DATA);
    expect(contents.books).toHaveLength(1);
    const book = contents.books[0]!;
    expect(book).toMatchObject({
      instrumentId: BTC_USDT,
      isSnapshot: true,
      sequence: 123456,
      previousSequence: -1,
      firstSequence: SEQUENCE_NONE,
      checksum: -855196043,
      hasEventTime: true,
      eventSeconds: 1597026383,
      eventNanos: 85_000_000,
    });
    expect(book.levels).toEqual([
      ...expectedLevels(snapshot.data[0].asks, BookSide.ASK, 2, 8),
      ...expectedLevels(snapshot.data[0].bids, BookSide.BID, 2, 8),
    ]);
    // Spot checks, written out: "8477" keeps 0 fraction digits, "8475.3" one, at a 2-decimal scale.
    expect(book.levels[0]).toEqual({ side: BookSide.ASK, price: 847698, size: 41_500_000_000, priceTextDecimals: 2, sizeTextDecimals: 0 });
    expect(book.levels[1]).toEqual({ side: BookSide.ASK, price: 847700, size: 700_000_000, priceTextDecimals: 0, sizeTextDecimals: 0 });
    expect(book.levels[11]).toEqual({ side: BookSide.BID, price: 847530, size: 100_000_000, priceTextDecimals: 1, sizeTextDecimals: 0 });
  });

  it('books update: not a snapshot, prevSeqId and seqId as sent', () => {
    const book = parseBoth(orderBook.booksUpdate).books[0]!;
    expect(book).toMatchObject({ isSnapshot: false, sequence: 123457, previousSequence: 123456, checksum: -855196043 });
    expect(book.levels).toHaveLength(16);
  });

  it('trades: taker side as stated, tradeId as text, ts split into seconds and nanoseconds', () => {
    const contents = parseBoth(trades.trades);
    expect(contents.kind).toBe(FrameKind.MARKET_DATA);
    expect(contents.trades).toEqual([
      {
        instrumentId: BTC_USDT,
        price: 4_221_990,
        size: 12_060_306,
        aggressorSide: AggressorSide.BUY,
        hasEventTime: 1,
        eventSeconds: 1630048897,
        eventNanos: 897_000_000,
        tradeId: '130639474',
      },
    ]);
  });

  it('bbo-tbt: one best bid and offer', () => {
    const contents = parseBoth(orderBook.bboTbt);
    expect(contents.kind).toBe(FrameKind.MARKET_DATA);
    expect(contents.bbos).toEqual([
      { instrumentId: BCH_USDT_SWAP, bidPrice: 11105, bidSize: 57745, askPrice: 11106, askSize: 55154, hasEventTime: 1, eventSeconds: 1670324386, eventNanos: 802_000_000 },
    ]);
  });

  it('bbo-tbt with an empty side: price NaN and size 0 for that side (no invented price)', () => {
    const contents = parseBoth({ arg: { channel: 'bbo-tbt', instId: 'BTC-USDT' }, data: [{ asks: [], bids: [['100.5', '2', '0', '1']], ts: '1', seqId: 7 }] });
    expect(contents.bbos).toEqual([{ instrumentId: BTC_USDT, bidPrice: 10050, bidSize: 200_000_000, askPrice: Number.NaN, askSize: 0, hasEventTime: 1, eventSeconds: 0, eventNanos: 1_000_000 }]);
  });

  it('trades with side sell, several per frame, and no ts (no invented time)', () => {
    const contents = parseBoth({
      arg: { channel: 'trades', instId: 'ETH-USDT' },
      data: [
        { instId: 'ETH-USDT', tradeId: '1', px: '2000.5', sz: '1', side: 'sell', ts: '1700000000001' },
        { instId: 'ETH-USDT', tradeId: '2', px: '2000.25', sz: '0.5', side: 'buy' },
      ],
    });
    expect(contents.trades.map(({ price, size, aggressorSide, hasEventTime, tradeId }) => ({ price, size, aggressorSide, hasEventTime, tradeId }))).toEqual([
      { price: 20_005_000, size: 1_000_000, aggressorSide: AggressorSide.SELL, hasEventTime: 1, tradeId: '1' },
      { price: 20_002_500, size: 500_000, aggressorSide: AggressorSide.BUY, hasEventTime: 0, tradeId: '2' },
    ]);
  });

  it('a keep-alive update (no levels, seqId == prevSeqId) is market data with zero levels', () => {
    const book = parseBoth({ arg: { channel: 'books', instId: 'BTC-USDT' }, action: 'update', data: [{ asks: [], bids: [], ts: '1597026383085', checksum: 5, prevSeqId: 15, seqId: 15 }] }).books[0]!;
    expect(book).toMatchObject({ levels: [], sequence: 15, previousSequence: 15, checksum: 5 });
  });

  it('size "0" is a level with size 0 (the book deletes it); an absent checksum is 0 ("not sent"); an absent ts leaves no event time', () => {
    const book = parseBoth({ arg: { channel: 'books', instId: 'BTC-USDT' }, action: 'update', data: [{ asks: [['8476.98', '0', '0', '0']], bids: [], prevSeqId: 1, seqId: 2 }] }).books[0]!;
    expect(book.levels).toEqual([{ side: BookSide.ASK, price: 847698, size: 0, priceTextDecimals: 2, sizeTextDecimals: 0 }]);
    expect(book).toMatchObject({ checksum: 0, hasEventTime: false, eventSeconds: 0, eventNanos: 0 });
  });

  it('books-l2-tbt and books50-l2-tbt carry the same shape and parse the same way', () => {
    for (const channel of ['books-l2-tbt', 'books50-l2-tbt']) {
      const frame = { ...(orderBook.booksUpdate as object), arg: { channel, instId: 'BTC-USDT' } };
      expect(parseBoth(frame).books[0]!.levels).toHaveLength(16);
    }
  });

  it('a frame for an instrument this connection does not serve is IGNORED, not guessed at', () => {
    const frame = { ...(orderBook.booksSnapshot as object), arg: { channel: 'books', instId: 'LTC-USDT' } };
    expect(parseBoth(frame)).toMatchObject({ kind: FrameKind.IGNORED, books: [] });
    expect(parseBoth({ ...(trades.trades as object), arg: { channel: 'trades', instId: 'DOGE-USDT' } })).toMatchObject({ kind: FrameKind.IGNORED, trades: [] });
  });

  it('a price with more digits than the instrument scale fails loudly in both parsers (DESIGN §3)', () => {
    const text = JSON.stringify({ arg: { channel: 'books', instId: 'BTC-USDT' }, action: 'update', data: [{ asks: [['8476.981', '1', '0', '1']], bids: [], prevSeqId: 1, seqId: 2 }] });
    expect(() => parseReference(text, context, new ParsedFrame())).toThrow(expect.objectContaining({ code: 'ZVT_ERR_DECIMAL_PRECISION' }));
    const bytes = encoder.encode(text);
    expect(() => parseFast(bytes, bytes.length, context, new ParsedFrame())).toThrow(expect.objectContaining({ code: 'ZVT_ERR_DECIMAL_PRECISION' }));
  });

  it('a reused ParsedFrame keeps nothing of the previous frame', () => {
    parseBoth(orderBook.booksSnapshot);
    const contents = parseBoth(trades.trades);
    expect(contents.books).toEqual([]);
    expect(contents.bbos).toEqual([]);
    expect(parseBoth(connection.pong)).toMatchObject({ kind: FrameKind.HEARTBEAT, books: [], trades: [], bbos: [], errorText: '' });
  });
});

describe('OKX parse: control frames', () => {
  it('pong is a HEARTBEAT', () => {
    expect(parseBoth(connection.pong).kind).toBe(FrameKind.HEARTBEAT);
  });

  it('subscribe acknowledgements are SUBSCRIBED; unsubscribe acknowledgements and connection counts are IGNORED', () => {
    expect(parseBoth(orderBook.subscribeResponse).kind).toBe(FrameKind.SUBSCRIBED);
    expect(parseBoth(trades.subscribeResponse).kind).toBe(FrameKind.SUBSCRIBED);
    expect(parseBoth(connection.frames.unsubscribeResponse).kind).toBe(FrameKind.IGNORED);
    expect(parseBoth(connection.frames.connectionCount).kind).toBe(FrameKind.IGNORED);
  });

  it('errors, the service-upgrade notice and connection-limit errors are VENUE_ERROR with code and message', () => {
    expect(parseBoth(orderBook.subscribeFailure)).toMatchObject({
      kind: FrameKind.VENUE_ERROR,
      errorText: 'error 60012: Invalid request: {"op": "subscribe", "argss":[{ "channel" : "books", "instId" : "BTC-USD-191227"}]}',
    });
    expect(parseBoth(connection.frames.notice)).toMatchObject({
      kind: FrameKind.VENUE_ERROR,
      errorText: 'notice 64008: The connection will soon be closed for a service upgrade. Please reconnect.',
    });
    expect(parseBoth(connection.frames.connectionCountError)).toMatchObject({ kind: FrameKind.VENUE_ERROR, errorText: 'channel-conn-count-error on orders: 30 connections' });
  });

  it('public channels we do not use (tickers, books5) are IGNORED', () => {
    expect(parseBoth(tickers.tickers).kind).toBe(FrameKind.IGNORED);
    expect(parseBoth(orderBook.books5).kind).toBe(FrameKind.IGNORED);
  });
});

describe('OKX parse: unknown shapes are UNKNOWN, with the reason', () => {
  const books = (element: Record<string, unknown>, action: unknown = 'update') => ({ arg: { channel: 'books', instId: 'BTC-USDT' }, action, data: [element] });
  const withoutAction = { arg: { channel: 'books', instId: 'BTC-USDT' }, data: [{ asks: [], bids: [], prevSeqId: 1, seqId: 2 }] };
  const valid = { asks: [['1.5', '1', '0', '1']], bids: [], ts: '1', checksum: 0, prevSeqId: 1, seqId: 2 };
  it.each([
    ['not JSON', 'ping?', 'not JSON'],
    ['a JSON array', [1, 2], 'not a JSON object'],
    ['an unknown event', { event: 'login', code: '0' }, 'unknown event login'],
    ['no arg', { data: [] }, 'no arg.channel'],
    ['an unknown channel', { arg: { channel: 'candle1D', instId: 'BTC-USDT' }, data: [] }, 'unknown channel candle1D'],
    ['no instId', { arg: { channel: 'books' }, action: 'update', data: [] }, 'no arg.instId'],
    ['data not an array', { arg: { channel: 'trades', instId: 'BTC-USDT' }, data: {} }, 'data is not an array'],
    ['a book without action', withoutAction, 'book action'],
    ['a book action other than snapshot/update', books(valid, 'partial'), 'book action'],
    ['a book without seqId', books({ ...valid, seqId: undefined }), 'malformed books data'],
    ['a book without prevSeqId', books({ ...valid, prevSeqId: undefined }), 'malformed books data'],
    ['a book without bids', books({ ...valid, bids: undefined }), 'malformed books data'],
    ['seqId as text', books({ ...valid, seqId: '2' }), 'malformed books data'],
    ['seqId beyond 2^53', books({ ...valid, seqId: 2 ** 60 }), 'malformed books data'],
    ['a checksum beyond int32', books({ ...valid, checksum: 2 ** 31 }), 'malformed books data'],
    ['ts that is not digits', books({ ...valid, ts: '1.5' }), 'malformed books data'],
    ['ts as a number', books({ ...valid, ts: 1 }), 'malformed books data'],
    ['a numeric price', books({ ...valid, asks: [[1.5, '1']] }), 'malformed books data'],
    ['a level with one member', books({ ...valid, asks: [['1.5']] }), 'malformed books data'],
    ['a trade side that is not buy/sell', { arg: { channel: 'trades', instId: 'BTC-USDT' }, data: [{ tradeId: '1', px: '1', sz: '1', side: 'long', ts: '1' }] }, 'malformed trades data'],
    ['a trade without tradeId', { arg: { channel: 'trades', instId: 'BTC-USDT' }, data: [{ px: '1', sz: '1', side: 'buy', ts: '1' }] }, 'malformed trades data'],
    ['a trade id over 48 bytes', { arg: { channel: 'trades', instId: 'BTC-USDT' }, data: [{ tradeId: '9'.repeat(49), px: '1', sz: '1', side: 'buy' }] }, 'malformed trades data'],
    ['a BBO with two levels a side', { arg: { channel: 'bbo-tbt', instId: 'BTC-USDT' }, data: [{ asks: [['1', '1'], ['2', '1']], bids: [], ts: '1' }] }, 'malformed bbo-tbt data'],
  ])('%s', (_name, frame, reason) => {
    const contents = parseBoth(frame);
    expect(contents.kind).toBe(FrameKind.UNKNOWN);
    expect(contents.errorText).toContain(reason);
    expect(contents.books).toEqual([]);
    expect(contents.trades).toEqual([]);
  });
});
