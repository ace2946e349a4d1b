// parseFast ≡ parseReference: documented frames, generated frames in the documented shapes, truncated and mutated bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameKind, ParsedFrame } from '../../../../src/actors/venues/common/parsed-frame.js';
import { parseReference } from '../../../../src/actors/venues/okx/parse.js';
import { okxScanCounters, parseFast } from '../../../../src/actors/venues/okx/scan.js';
import { contextOf, documentedFrames, encoder, outcomeOf, TEST_INSTRUMENTS, type Outcome } from './okx-test-kit.js';

const context = contextOf();
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const DECIMAL_ERROR_CODES = ['ZVT_ERR_DECIMAL_SYNTAX', 'ZVT_ERR_DECIMAL_PRECISION', 'ZVT_ERR_DECIMAL_OVERFLOW'];

// One reused frame per parser, as on a connection: stale state from an earlier frame would show.
const referenceFrame = new ParsedFrame();
const fastFrame = new ParsedFrame();

function referenceOutcome(text: string): Outcome {
  return outcomeOf((out) => parseReference(text, context, out), referenceFrame);
}

/** parseFast over bytes[0, length); whatever lies beyond `length` must not matter. */
function fastOutcome(bytes: Uint8Array, length = bytes.length): Outcome {
  return outcomeOf((out) => parseFast(bytes, length, context, out), fastFrame);
}

// ---------------------------------------------------------------------------------------------
// Generators: the documented shapes with random content.
// ---------------------------------------------------------------------------------------------

/** Decimal text that fits `scale`: up to `scale` fraction digits, sometimes trailing zeros beyond (as venues send "1.50"). */
function decimalText(scale: number): fc.Arbitrary<string> {
  return fc
    .record({
      integer: fc.oneof(fc.constant(0), fc.nat({ max: 99 }), fc.nat({ max: 10_000_000 })),
      fractionDigits: fc.integer({ min: 0, max: scale }),
      fraction: fc.nat({ max: 99_999_999 }),
      trailingZeros: fc.constantFrom(0, 0, 0, 1, 2),
    })
    .map(({ integer, fractionDigits, fraction, trailingZeros }) => {
      const digits = String(fraction).padStart(8, '0').slice(0, fractionDigits) + '0'.repeat(trailingZeros);
      return digits.length === 0 ? String(integer) : `${integer}.${digits}`;
    });
}

const epochMillisecondsText = fc.integer({ min: 0, max: 4_102_444_800_000 }).map(String);

function level(priceScale: number, sizeScale: number): fc.Arbitrary<string[]> {
  return fc.tuple(decimalText(priceScale), fc.oneof(decimalText(sizeScale), fc.constant('0')), fc.constant('0'), fc.nat({ max: 50 }).map(String));
}

/** An object with the given members (undefined ones dropped), members in a random order. */
function shuffledObject(members: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(members).filter((key) => members[key] !== undefined);
  return fc.shuffledSubarray(keys, { minLength: keys.length, maxLength: keys.length }).map((order) => Object.fromEntries(order.map((key) => [key, members[key]])));
}

/** Scales of the instrument; an unknown native symbol uses BTC-USDT's (its frames must come out IGNORED). */
const instrument = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...TEST_INSTRUMENTS) },
  { weight: 1, arbitrary: fc.constant(['LTC-USDT', 2, 8] as const) },
);

const bookElement = (priceScale: number, sizeScale: number) =>
  fc
    .record({
      asks: fc.array(level(priceScale, sizeScale), { maxLength: 30 }),
      bids: fc.array(level(priceScale, sizeScale), { maxLength: 30 }),
      ts: fc.option(epochMillisecondsText, { nil: undefined }),
      checksum: fc.option(fc.integer({ min: INT32_MIN, max: INT32_MAX }), { nil: undefined }),
      prevSeqId: fc.oneof(fc.constant(-1), fc.nat({ max: 2 ** 40 })),
      seqId: fc.nat({ max: 2 ** 40 }),
      instId: fc.option(fc.constant('BTC-USDT'), { nil: undefined }),
    })
    .chain(shuffledObject);

const tradeElement = (native: string, priceScale: number, sizeScale: number) =>
  fc
    .record({
      instId: fc.constant(native),
      tradeId: fc.stringMatching(/^[0-9]{1,20}$/),
      px: decimalText(priceScale),
      sz: decimalText(sizeScale),
      side: fc.constantFrom('buy', 'sell'),
      ts: epochMillisecondsText,
      count: fc.option(fc.nat({ max: 9 }).map(String), { nil: undefined }),
      source: fc.option(fc.constantFrom('0', '1'), { nil: undefined }),
      seqId: fc.option(fc.nat(), { nil: undefined }),
    })
    .chain(shuffledObject);

const bestBidOfferElement = (priceScale: number, sizeScale: number) =>
  fc
    .record({
      asks: fc.array(level(priceScale, sizeScale), { maxLength: 1 }),
      bids: fc.array(level(priceScale, sizeScale), { maxLength: 1 }),
      ts: epochMillisecondsText,
      seqId: fc.nat(),
    })
    .chain(shuffledObject);

interface GeneratedFrame {
  frame: Record<string, unknown>;
  /** arg, action, data in OKX's order: the fast path must handle it without the reference. */
  canonicalOrder: boolean;
}

const marketFrame: fc.Arbitrary<GeneratedFrame> = instrument.chain(([native, priceScale, sizeScale]) =>
  fc
    .oneof(
      fc.record({
        arg: fc.record({ channel: fc.constantFrom('books', 'books-l2-tbt', 'books50-l2-tbt'), instId: fc.constant(native) }),
        action: fc.constantFrom('snapshot', 'update'),
        data: fc.array(bookElement(priceScale, sizeScale), { minLength: 1, maxLength: 2 }),
      }),
      fc.record({ arg: fc.constant({ channel: 'trades', instId: native }), data: fc.array(tradeElement(native, priceScale, sizeScale), { maxLength: 5 }) }),
      fc.record({ arg: fc.constant({ channel: 'bbo-tbt', instId: native }), data: fc.array(bestBidOfferElement(priceScale, sizeScale), { minLength: 1, maxLength: 2 }) }),
    )
    .chain((frame) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constant({ frame, canonicalOrder: true }) },
        { weight: 1, arbitrary: shuffledObject(frame).map((shuffled) => ({ frame: shuffled, canonicalOrder: false })) },
      ),
    ),
);

const controlFrame: fc.Arbitrary<GeneratedFrame> = fc
  .oneof(
    fc.constant<Record<string, unknown>>({ event: 'subscribe', arg: { channel: 'books', instId: 'BTC-USDT' }, connId: 'a4d3ae55' }),
    fc.record({ event: fc.constant('error'), code: fc.nat({ max: 99999 }).map(String), msg: fc.string(), connId: fc.constant('a4d3ae55') }),
    fc.record({ arg: fc.record({ channel: fc.constantFrom('tickers', 'books5', 'candle1m'), instId: fc.constant('BTC-USDT') }), data: fc.constant([{ ts: '1' }]) }),
  )
  .map((frame) => ({ frame, canonicalOrder: false }));

const frameText = (frame: Record<string, unknown>) => fc.constantFrom(0, 1, 2, '\t').map((indent) => JSON.stringify(frame, null, indent));

// ---------------------------------------------------------------------------------------------

describe('OKX parseFast ≡ parseReference', () => {
  it('on every documented frame, compact and pretty-printed, and never needs the reference for market data', () => {
    for (const { name, text } of documentedFrames()) {
      const before = okxScanCounters.fallbacks;
      const fast = fastOutcome(encoder.encode(text));
      expect(fast, name).toEqual(referenceOutcome(text));
      if (!fast.threw && fast.contents.kind === FrameKind.MARKET_DATA) expect(okxScanCounters.fallbacks - before, `${name} took the cold path`).toBe(0);
    }
  });

  it('on generated books, trades and bbo-tbt frames (random decimals, level counts, member order, whitespace)', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 5, arbitrary: marketFrame }, { weight: 1, arbitrary: controlFrame }).chain(({ frame, canonicalOrder }) => frameText(frame).map((text) => ({ text, canonicalOrder }))), ({ text, canonicalOrder }) => {
        const before = okxScanCounters.fallbacks;
        const fast = fastOutcome(encoder.encode(text));
        const reference = referenceOutcome(text);
        expect(fast).toEqual(reference);
        expect(reference.threw).toBe(false);
        if (canonicalOrder) {
          expect(fast.threw ? FrameKind.UNKNOWN : fast.contents.kind).not.toBe(FrameKind.UNKNOWN);
          expect(okxScanCounters.fallbacks - before).toBe(0);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('OKX parseFast ≡ parseReference on valid JSON outside the fast path', () => {
  const book = '{"asks":[["1.5","2","0","1"]],"bids":[],"ts":"1000","checksum":7,"prevSeqId":1,"seqId":2}';
  it.each([
    ['a duplicate member (JSON.parse keeps the last)', `{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["1","1"]],"asks":[["2","1"]],"bids":[],"prevSeqId":1,"seqId":2}]}`],
    ['a duplicate data member', `{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[${book}],"data":[]}`],
    ['a duplicate arg member', `{"arg":{"channel":"books","instId":"BTC-USDT"},"arg":{"channel":"books","instId":"ETH-USDT"},"action":"update","data":[${book}]}`],
    ['an escaped instId', `{"arg":{"channel":"books","instId":"BTC\\u002dUSDT"},"action":"update","data":[${book}]}`],
    ['an escaped price', `{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["\\u0031.5","2"]],"bids":[],"prevSeqId":1,"seqId":2}]}`],
    ['an escaped channel', `{"arg":{"channel":"book\\u0073","instId":"BTC-USDT"},"action":"update","data":[${book}]}`],
    ['an escaped key', `{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"as\\u006bs":[["1.5","2"]],"bids":[],"prevSeqId":1,"seqId":2}]}`],
    ['seqId written 2.0', `{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[],"bids":[],"prevSeqId":1,"seqId":2.0}]}`],
    ['seqId written 2e0', `{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[],"bids":[],"prevSeqId":1,"seqId":2e0}]}`],
    ['checksum -0', `{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[],"bids":[],"checksum":-0,"prevSeqId":1,"seqId":2}]}`],
    ['data before arg', `{"data":[${book}],"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update"}`],
    ['action after data', `{"arg":{"channel":"books","instId":"BTC-USDT"},"data":[${book}],"action":"snapshot"}`],
    ['an event member after arg', `{"arg":{"channel":"books","instId":"BTC-USDT"},"event":"subscribe","connId":"x"}`],
    ['an ignored channel without data', `{"arg":{"channel":"tickers","instId":"BTC-USDT"}}`],
    ['an unknown instrument without data', `{"arg":{"channel":"trades","instId":"XRP-USDT"}}`],
    ['an empty object', '{}'],
    ['a trade price as a number', `{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"tradeId":"1","px":1.5,"sz":"1","side":"buy"}]}`],
    ['a trade id with a non-ASCII character', `{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"tradeId":"1é","px":"1.5","sz":"1","side":"buy"}]}`],
    ['nested values to skip', `{"arg":{"channel":"books","instId":"BTC-USDT","x":{"y":["]}",{"z":"\\""}]}},"action":"update","data":[{"extra":[[{"a":"}"}]],"asks":[],"bids":[],"prevSeqId":1,"seqId":2}]}`],
    ['a level with a nested container after the size', `{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["1.5","2",["0"],{"n":"]"}]],"bids":[],"prevSeqId":1,"seqId":2}]}`],
    ['a level with bare numbers after the size', `{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["1.5","2",0,-1.5e3, true, null, "]"]],"bids":[],"prevSeqId":1,"seqId":2}]}`],
    ['an empty data array', `{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[]}`],
    ['trailing whitespace', `{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[]} \n`],
  ])('%s', (_name, text) => {
    JSON.parse(text);
    expect(fastOutcome(encoder.encode(text))).toEqual(referenceOutcome(text));
  });
});

describe('OKX parseFast on damaged bytes', () => {
  const interestingBytes = [...'"\\{}[],:.-e0159 aZ'].map((character) => character.charCodeAt(0)).concat([0x00, 0x7f, 0xc3, 0xff]);

  it('every truncation of every documented frame gives what the reference gives for the prefix, reading nothing past length', () => {
    for (const { name, text } of documentedFrames()) {
      const bytes = encoder.encode(text);
      for (let length = 0; length < bytes.length; length++) {
        // The rest of the real frame stays in the buffer: reading past `length` would change the outcome.
        expect(fastOutcome(bytes, length), `${name} cut at ${length}`).toEqual(referenceOutcome(text.slice(0, length)));
      }
    }
  });

  it('truncated generated frames too', () => {
    fc.assert(
      fc.property(
        marketFrame.chain(({ frame }) => frameText(frame)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (text, fraction) => {
          const bytes = encoder.encode(text);
          const length = Math.floor(fraction * bytes.length);
          expect(fastOutcome(bytes, length)).toEqual(referenceOutcome(text.slice(0, length)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('mutated frames: same outcome as the reference when still valid JSON; otherwise no throw but a decimal error; never a read past length', () => {
    fc.assert(
      fc.property(
        fc.oneof(marketFrame, controlFrame).chain(({ frame }) => frameText(frame)),
        fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), byte: fc.constantFrom(...interestingBytes) }), { minLength: 1, maxLength: 3 }),
        fc.uint8Array({ minLength: 0, maxLength: 16 }),
        (text, mutations, tail) => {
          const bytes = encoder.encode(text);
          for (const { at, byte } of mutations) bytes[Math.min(bytes.length - 1, Math.floor(at * bytes.length))] = byte;
          const mutatedText = new TextDecoder().decode(bytes);
          const fast = fastOutcome(bytes);
          let validJson = true;
          try {
            JSON.parse(mutatedText);
          } catch {
            validJson = false;
          }
          if (validJson) expect(fast).toEqual(referenceOutcome(mutatedText));
          else if (fast.threw) expect(DECIMAL_ERROR_CODES).toContain(fast.code);
          // The same bytes followed by anything: identical outcome.
          const padded = new Uint8Array(bytes.length + tail.length);
          padded.set(bytes);
          padded.set(tail, bytes.length);
          expect(fastOutcome(padded, bytes.length)).toEqual(fast);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
