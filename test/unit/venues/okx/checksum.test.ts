// The OKX checksum string rule, pinned on the documented examples and through parse → sync → the real book engines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParsedFrame, type ParsedBook } from '../../../../src/actors/venues/common/parsed-frame.js';
import type { BookEmitter } from '../../../../src/actors/venues/common/venue-dialect.js';
import { parseFast } from '../../../../src/actors/venues/okx/scan.js';
import { OkxBookSync } from '../../../../src/actors/venues/okx/sync.js';
import { crc32 } from '../../../../src/hotpath/crc32.js';
import { BookSide } from '../../../../src/model/record-types.js';
import { BookFixture, type LevelTuple } from '../../../helpers/book-fixture.js';
import { contextOf, encoder, readFixture } from './okx-test-kit.js';

type WireLevel = [string, string, ...string[]];
interface WireBook {
  bids: WireLevel[];
  asks: WireLevel[];
}

/** Bit-by-bit CRC-32 (IEEE, reflected), independent of src/hotpath/crc32.ts, as OKX's signed int32. */
function referenceCrc(text: string): number {
  let crc = 0xffffffff;
  for (const byte of encoder.encode(text)) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) | 0;
}

function engineCrc(text: string): number {
  const bytes = encoder.encode(text);
  return crc32(bytes, 0, bytes.length) | 0;
}

/**
 * The documented rule: the best 25 bids and asks (already best-first), `price:size` with the text as
 * sent, bid and ask alternately; when a side runs out its entries are skipped.
 */
function checkString(book: WireBook): string {
  const parts: string[] = [];
  for (let index = 0; index < 25; index++) {
    const bid = book.bids[index];
    const ask = book.asks[index];
    if (bid !== undefined) parts.push(bid[0], bid[1]);
    if (ask !== undefined) parts.push(ask[0], ask[1]);
  }
  return parts.join(':');
}

/** Replays emitted books into the shared book fixture (every engine: reference, TS, windowed TS). */
class FixtureEmitter implements BookEmitter {
  constructor(private readonly fixture: BookFixture) {}

  private levels(book: ParsedBook): { bids: LevelTuple[]; asks: LevelTuple[] } {
    const bids: LevelTuple[] = [];
    const asks: LevelTuple[] = [];
    for (let index = 0; index < book.levelCount; index++) {
      const level: LevelTuple = [book.prices[index]!, book.sizes[index]!, book.priceTextDecimals[index]!, book.sizeTextDecimals[index]!];
      (book.sides[index] === BookSide.BID ? bids : asks).push(level);
    }
    return { bids, asks };
  }

  emitSnapshot(book: ParsedBook): void {
    this.fixture.snapshot(book.instrumentId, this.levels(book), book.sequence, book.checksum);
  }

  emitUpdate(book: ParsedBook): void {
    this.fixture.update(book.instrumentId, this.levels(book), book.sequence, book.checksum);
  }

  emitGap(instrumentId: number): void {
    this.fixture.gap(instrumentId);
  }
}

/** One instrument, `native`, at the given scale, fed by frames through parseFast and OkxBookSync into the engines. */
function pipeline(native: string, priceDecimals: number, sizeDecimals: number) {
  const context = contextOf([[native, priceDecimals, sizeDecimals]]);
  const fixture = new BookFixture([{ instrumentId: 0, maxDepth: 400, tickSize: 1, priceDecimals, sizeDecimals }]);
  const emitter = new FixtureEmitter(fixture);
  const sync = new OkxBookSync();
  const out = new ParsedFrame();
  return {
    fixture,
    feed(frame: unknown): void {
      const bytes = encoder.encode(JSON.stringify(frame));
      parseFast(bytes, bytes.length, context, out);
      for (let index = 0; index < out.bookCount; index++) sync.onBook(out.books[index]!, emitter);
      fixture.apply();
    },
    checksums(): number[] {
      return fixture.engines.map(({ engine }) => engine.okxChecksum(0));
    },
  };
}

const bookFrame = (native: string, action: 'snapshot' | 'update', book: WireBook, previous: number, sequence: number) => ({
  arg: { channel: 'books', instId: native },
  action,
  data: [{ asks: book.asks, bids: book.bids, ts: '1597026383085', checksum: 0, prevSeqId: previous, seqId: sequence }],
});

describe('OKX checksum', () => {
  const documented = readFixture<{ examples: { name: string; book: WireBook; checkString: string }[] }>('checksum.json').examples;

  it('the CRC32 of src/hotpath/crc32.ts and an independent bitwise one agree (check value, documented strings)', () => {
    expect(referenceCrc('123456789') >>> 0).toBe(0xcbf43926);
    for (const text of ['123456789', ...documented.map((example) => example.checkString)]) expect(engineCrc(text)).toBe(referenceCrc(text));
    // Pinned, so a change of rule or CRC shows here: OKX's pages give the strings, not these numbers.
    expect(documented.map((example) => referenceCrc(example.checkString))).toEqual([-1881014294, 831078360]);
  });

  it.each(documented.map((example) => [example.name, example] as const))('documented example "%s": the rule builds the documented check string', (_name, example) => {
    expect(checkString(example.book)).toBe(example.checkString);
  });

  it.each(documented.map((example) => [example.name, example] as const))(
    'documented example "%s": parsed, synced and applied, every book engine computes the CRC of the documented string',
    (_name, example) => {
      // "3366.1" and "3366" side by side: scale 1 decimal, and each price keeps the digits it was sent with.
      const run = pipeline('BTC-USD-170310', 1, 0);
      run.feed(bookFrame('BTC-USD-170310', 'snapshot', example.book, -1, 10));
      expect(run.checksums()).toEqual(run.fixture.engines.map(() => referenceCrc(example.checkString)));
    },
  );

  it('the documented books push examples: the engines agree with the rule on their book, and their checksum -855196043 is only illustrative', () => {
    const frames = readFixture<{ frames: { booksSnapshot: { data: [WireBook & { checksum: number }] }; booksUpdate: unknown } }>('ws-order-book.json').frames;
    const book = frames.booksSnapshot.data[0];
    const run = pipeline('BTC-USDT', 2, 8);
    run.feed(frames.booksSnapshot);
    const expected = referenceCrc(checkString(book));
    expect(run.checksums()).toEqual(run.fixture.engines.map(() => expected));
    // The update example repeats the same levels: the book, and so the checksum, stay the same.
    run.feed(frames.booksUpdate);
    expect(run.checksums()).toEqual(run.fixture.engines.map(() => expected));
    // No reading of the rule gives the published value for this book: the example's number is a placeholder.
    expect(expected).toBe(-2102840145);
    expect(book.checksum).toBe(-855196043);
    expect(expected).not.toBe(book.checksum);
  });

  it('generated books deeper than 25 levels, with trailing zeros and integer prices, then updates with deletions: engines match the rule', () => {
    /** Price text at scale 2 written three ways: "101", "101.5", "101.50". */
    const priceText = (mantissa: number, style: number) => {
      const integer = Math.floor(mantissa / 100);
      const fraction = mantissa % 100;
      if (style === 0 && fraction === 0) return String(integer);
      if (style === 1 && fraction % 10 === 0) return `${integer}.${fraction / 10}`;
      return `${integer}.${String(fraction).padStart(2, '0')}`;
    };
    const sizeText = fc.oneof(fc.nat({ max: 999 }).map((units) => String(units + 1)), fc.nat({ max: 99_999 }).map((units) => `${Math.floor(units / 1000) + 1}.${String(units % 1000).padStart(3, '0')}`));
    const side = fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { minLength: 0, maxLength: 40 });
    fc.assert(
      fc.property(side, side, fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 400 }), fc.oneof(sizeText, fc.constant('0')), fc.nat({ max: 2 })), { maxLength: 30 }), fc.nat({ max: 2 }), fc.array(sizeText, { minLength: 80, maxLength: 80 }), (bidTicks, askTicks, changes, style, sizes) => {
        // Bids below 500.00, asks above: a valid uncrossed book, best first.
        const bids = new Map<number, [string, string]>();
        const asks = new Map<number, [string, string]>();
        bidTicks.forEach((tick, index) => bids.set(50_000 - tick * 10, [priceText(50_000 - tick * 10, style), sizes[index]!]));
        askTicks.forEach((tick, index) => asks.set(50_000 + tick * 10, [priceText(50_000 + tick * 10, style), sizes[40 + index]!]));
        const wire = (levels: Map<number, [string, string]>, descending: boolean): WireLevel[] =>
          [...levels.entries()].sort(([left], [right]) => (descending ? right - left : left - right)).map(([, level]) => [level[0], level[1], '0', '1']);
        const run = pipeline('ETH-USDT', 2, 3);
        run.feed(bookFrame('ETH-USDT', 'snapshot', { bids: wire(bids, true), asks: wire(asks, false) }, -1, 1));
        expect(run.checksums()[0]).toBe(referenceCrc(checkString({ bids: wire(bids, true), asks: wire(asks, false) })));
        // One update: sets and deletions (size "0") on both sides, prices keep their text form.
        const update: WireBook = { bids: [], asks: [] };
        const touched = new Set<string>();
        for (const [isBid, tick, size, ] of changes) {
          const price = isBid ? 50_000 - tick * 10 : 50_000 + tick * 10;
          const key = `${isBid}:${price}`;
          if (touched.has(key)) continue;
          touched.add(key);
          const text = priceText(price, style);
          (isBid ? update.bids : update.asks).push([text, size, '0', '1']);
          if (size === '0') (isBid ? bids : asks).delete(price);
          else (isBid ? bids : asks).set(price, [text, size]);
        }
        run.feed(bookFrame('ETH-USDT', 'update', update, 1, 2));
        const expected = referenceCrc(checkString({ bids: wire(bids, true), asks: wire(asks, false) }));
        expect(run.checksums()).toEqual(run.fixture.engines.map(() => expected));
      }),
      { numRuns: 150 },
    );
  });
});
