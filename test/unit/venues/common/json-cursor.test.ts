// The byte cursor reads what JSON.parse reads, for the shapes venue scanners rely on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ascii, JsonCursor } from '../../../../src/actors/venues/common/json-cursor.js';
import { NativeSymbolResolver } from '../../../../src/actors/venues/common/symbol-resolver.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('JsonCursor', () => {
  it('seeks keys past nested values and reads strings, scalars and integers', () => {
    const frame = encode('{"topic":"orderbook.200.BTCUSDT","skip":{"a":[1,{"b":"}"}]},"ts":1723200000123,"data":{"s":"BTCUSDT","u":"42","b":[["65000.1","0.5"]]}}');
    const cursor = new JsonCursor();
    cursor.reset(frame, frame.length);
    expect(cursor.seekKey(ascii('topic'))).toBe(true);
    expect(cursor.readString()).toBe(true);
    expect(cursor.rangeText()).toBe('orderbook.200.BTCUSDT');
    expect(cursor.seekKey(ascii('ts'))).toBe(true);
    expect(cursor.readInteger()).toBe(1723200000123);
    expect(cursor.seekKey(ascii('data'))).toBe(true);
    expect(cursor.enterObject()).toBe(true);
    expect(cursor.seekKey(ascii('u'))).toBe(true);
    expect(cursor.readInteger()).toBe(42);
    expect(cursor.seekKey(ascii('b'))).toBe(true);
    expect(cursor.enterArray()).toBe(true);
    expect(cursor.enterArray()).toBe(true);
    expect(cursor.readStringOrScalar()).toBe(true);
    expect(cursor.rangeText()).toBe('65000.1');
    expect(cursor.nextElement()).toBe(true);
    expect(cursor.readStringOrScalar()).toBe(true);
    expect(cursor.rangeText()).toBe('0.5');
    expect(cursor.nextElement()).toBe(false);
    expect(cursor.nextElement()).toBe(false);
    expect(cursor.seekKey(ascii('missing'))).toBe(false);
  });

  it('skips any JSON value exactly as far as JSON.parse would read it', () => {
    fc.assert(
      fc.property(fc.json(), fc.json(), (value, after) => {
        const frame = encode(`{"x":${value},"after":${after}}`);
        const cursor = new JsonCursor();
        cursor.reset(frame, frame.length);
        expect(cursor.seekKey(ascii('after'))).toBe(true);
        expect(cursor.skipValue()).toBe(true);
        const consumed = new TextDecoder().decode(frame.subarray(0, cursor.position)) + '}';
        expect(JSON.parse(consumed)).toEqual(JSON.parse(`{"x":${value},"after":${after}}`));
      }),
      { numRuns: 500 },
    );
  });
});

describe('NativeSymbolResolver', () => {
  it('resolves symbols from strings and from frame bytes without confusing prefixes', () => {
    const resolver = new NativeSymbolResolver([
      ['BTCUSDT', 3],
      ['BTCUSD', 4],
      ['ETHUSDT', 7],
    ]);
    const frame = encode('"BTCUSDT","BTCUSD","ETHUSDT","DOGEUSDT"');
    expect(resolver.byBytes(frame, 1, 8)).toBe(3);
    expect(resolver.byBytes(frame, 11, 17)).toBe(4);
    expect(resolver.byBytes(frame, 20, 27)).toBe(7);
    expect(resolver.byBytes(frame, 30, 38)).toBe(-1);
    expect(resolver.byString('ETHUSDT')).toBe(7);
    expect(resolver.byString('XRPUSDT')).toBe(-1);
  });
});
