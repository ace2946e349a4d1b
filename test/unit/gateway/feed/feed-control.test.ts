// Control frames and topic names: what is accepted, and the exact reason for what is not.
import { describe, expect, it } from 'vitest';
import { parseFeedControl } from '../../../../src/gateway/feed/feed-control.js';
import { parseTopicName } from '../../../../src/gateway/feed/feed-topic-name.js';

describe('parseFeedControl', () => {
  it('reads the four ops, with and without id', () => {
    expect(parseFeedControl('{"op":"subscribe","topics":["book.binance:BTC-USDT"],"id":1}')).toEqual({ op: 'subscribe', id: 1, topics: ['book.binance:BTC-USDT'] });
    expect(parseFeedControl('{"op":"unsubscribe","topics":["a","b"]}')).toEqual({ op: 'unsubscribe', id: 0, topics: ['a', 'b'] });
    expect(parseFeedControl('{"op":"snapshot","topics":["book.all:BTC-USDT"],"id":4294967295}')).toEqual({ op: 'snapshot', id: 4294967295, topics: ['book.all:BTC-USDT'] });
    expect(parseFeedControl('{"op":"instruments"}')).toEqual({ op: 'instruments', id: 0 });
  });

  it('says what is wrong, keeping the id when it could be read', () => {
    expect(parseFeedControl('subscribe book')).toEqual({ id: 0, message: 'control frame is not JSON' });
    expect(parseFeedControl('[1]')).toEqual({ id: 0, message: 'control frame must be a JSON object' });
    expect(parseFeedControl('{"op":"subscribe","topics":["x"],"id":-1}')).toEqual({ id: 0, message: '"id" must be an integer in [0, 4294967295]' });
    expect(parseFeedControl('{"op":"sub","id":5}')).toEqual({ id: 5, message: '"op" must be one of subscribe, unsubscribe, snapshot, instruments' });
    expect(parseFeedControl('{"op":"subscribe","id":6}')).toEqual({ id: 6, message: '"topics" must be an array of 1 to 1024 topic names' });
    expect(parseFeedControl('{"op":"subscribe","topics":[],"id":6}')).toMatchObject({ id: 6 });
    expect(parseFeedControl('{"op":"subscribe","topics":[7]}')).toMatchObject({ message: '"topics" must be an array of 1 to 1024 topic names' });
    expect(parseFeedControl('{"op":"subscribe","topics":["a"],"depth":5}')).toEqual({ id: 0, message: 'unknown field "depth" for op "subscribe"' });
    expect(parseFeedControl('{"op":"instruments","topics":["a"]}')).toEqual({ id: 0, message: 'unknown field "topics" for op "instruments"' });
  });
});

describe('parseTopicName', () => {
  it('accepts every kind on venue and consolidated instruments', () => {
    expect(parseTopicName('book.binance:BTC-USDT')).toEqual({ kind: 'book', instrument: 'binance:BTC-USDT' });
    expect(parseTopicName('bbo.all:BTC-USDT')).toEqual({ kind: 'bbo', instrument: 'all:BTC-USDT' });
    expect(parseTopicName('trades.bybit:BTC-USDT-PERP')).toEqual({ kind: 'trades', instrument: 'bybit:BTC-USDT-PERP' });
    expect(parseTopicName('status.binance-futures:ETH-USDT-PERP')).toEqual({ kind: 'status', instrument: 'binance-futures:ETH-USDT-PERP' });
  });

  it('refuses malformed names with the reason', () => {
    expect(parseTopicName('book')).toBe('topic "book" is not <kind>.<instrument> (kinds: book, bbo, trades, status)');
    expect(parseTopicName('depth.binance:BTC-USDT')).toBe('topic "depth.binance:BTC-USDT" has kind "depth"; expected one of book, bbo, trades, status');
    expect(parseTopicName('book.kraken:BTC-USDT')).toMatch(/^topic "book.kraken:BTC-USDT": instrument must be <venue>:<canonical> or all:<canonical> \(.*unknown venue/);
    expect(parseTopicName('book.binance:BTCUSDT')).toMatch(/instrument must be/);
    expect(parseTopicName('book.all:btc-usdt')).toMatch(/instrument must be/);
  });
});
