// okxChecksum: the OKX CRC32 over `bidPx:bidSz:askPx:askSz:...` of the best 25 levels, text exactly as sent.
import { describe, expect, it } from 'vitest';
import type { BookOptions } from '../../../../src/hotpath/book/book-engine.js';
import { ReferenceBookEngine } from '../../../../src/hotpath/book/reference-book-engine.js';
import { loadNativeFactory } from '../../../helpers/book-engines.js';
import { BookFixture } from '../../../helpers/book-fixture.js';

const native = (await loadNativeFactory()).factory;

/** Bit-by-bit CRC-32 of ASCII text as OKX's signed int32 (zlib.crc32 is Node 22+). */
function okxCrc(text: string): number {
  let crc = 0xffffffff;
  for (let index = 0; index < text.length; index++) {
    crc ^= text.charCodeAt(index);
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) | 0;
}

// OKX's worked examples (BTC-USD-170310 in their v3/v5 docs): price "3366.1" and "3366" side by side,
// so the scale is 1 decimal and each price keeps the fraction digits it was sent with.
const OKX: BookOptions = { instrumentId: 1, maxDepth: 400, tickSize: 1, priceDecimals: 1, sizeDecimals: 0 };

function checksumOf(fixture: BookFixture, instrumentId: number): number {
  const values = fixture.engines.map(({ engine }) => engine.okxChecksum(instrumentId));
  for (const [index, value] of values.entries()) expect(value, fixture.engines[index]!.name).toBe(values[0]);
  return values[0]!;
}

function referenceText(fixture: BookFixture, instrumentId: number): string {
  return (fixture.engines[0]!.engine as ReferenceBookEngine).okxChecksumText(instrumentId);
}

describe('okxChecksum', () => {
  it('the CRC reference reproduces OKX’s published values (CRC32("123456789") check value too)', () => {
    expect(okxCrc('123456789') >>> 0).toBe(0xcbf43926);
    expect(okxCrc('3366.1:7:3366.8:9:3366:6:3368:8')).toBe(-1881014294);
    expect(okxCrc('3366.1:7:3366.8:9:3368:8:3372:8')).toBe(831078360);
  });

  it.each([
    {
      rule: 'equal depth on both sides interleaves bid, ask, bid, ask',
      bids: [[33661, 7, 1, 0], [33660, 6, 0, 0]] as const,
      asks: [[33668, 9, 1, 0], [33680, 8, 0, 0]] as const,
      text: '3366.1:7:3366.8:9:3366:6:3368:8',
      checksum: -1881014294,
    },
    {
      rule: 'a side with fewer levels is skipped once it runs out',
      bids: [[33661, 7, 1, 0]] as const,
      asks: [[33668, 9, 1, 0], [33680, 8, 0, 0], [33720, 8, 0, 0]] as const,
      text: '3366.1:7:3366.8:9:3368:8:3372:8',
      checksum: 831078360,
    },
  ])('OKX docs example: $rule', ({ bids, asks, text, checksum }) => {
    const fixture = new BookFixture([OKX], [], native);
    fixture.snapshot(1, { bids, asks }).apply();
    expect(referenceText(fixture, 1)).toBe(text);
    expect(checksumOf(fixture, 1)).toBe(checksum);
  });

  it.each([
    { rule: 'text decimals above the scale are padded with zeros', price: [1, 2], size: [150, 3], text: '0.10:1.500' },
    { rule: 'text decimals below the scale drop trailing zeros', price: [100, 0], size: [100, 0], text: '10:1' },
    { rule: 'text decimals equal to the scale print every digit', price: [123, 1], size: [5, 2], text: '12.3:0.05' },
  ])('$rule', ({ price, size, text }) => {
    const book: BookOptions = { instrumentId: 2, maxDepth: 10, tickSize: 1, priceDecimals: 1, sizeDecimals: 2 };
    const fixture = new BookFixture([book], [], native);
    fixture.snapshot(2, { bids: [[price[0]!, size[0]!, price[1]!, size[1]!]] }).apply();
    expect(referenceText(fixture, 2)).toBe(text);
    expect(checksumOf(fixture, 2)).toBe(okxCrc(text));
  });

  it('the text decimals of a level are those of its latest update', () => {
    const book: BookOptions = { instrumentId: 3, maxDepth: 10, tickSize: 1, priceDecimals: 2, sizeDecimals: 2 };
    const fixture = new BookFixture([book], [], native);
    fixture.snapshot(3, { asks: [[150, 100, 2, 2]] }).apply();
    expect(referenceText(fixture, 3)).toBe('1.50:1.00');
    fixture.update(3, { asks: [[150, 200, 1, 0]] }).apply();
    expect(referenceText(fixture, 3)).toBe('1.5:2');
    expect(checksumOf(fixture, 3)).toBe(okxCrc('1.5:2'));
  });

  it('covers only the best 25 levels of each side', () => {
    const book: BookOptions = { instrumentId: 4, maxDepth: 400, tickSize: 1, priceDecimals: 0, sizeDecimals: 0 };
    const fixture = new BookFixture([book], [], native);
    const bids = Array.from({ length: 40 }, (_, index) => [1000 - index, index + 1] as const);
    const asks = Array.from({ length: 30 }, (_, index) => [1001 + index * 2, 100 + index] as const);
    fixture.snapshot(4, { bids, asks }).apply();
    const parts: string[] = [];
    for (let index = 0; index < 25; index++) parts.push(`${bids[index]![0]}:${bids[index]![1]}`, `${asks[index]![0]}:${asks[index]![1]}`);
    expect(referenceText(fixture, 4)).toBe(parts.join(':'));
    expect(checksumOf(fixture, 4)).toBe(okxCrc(parts.join(':')));
  });

  it('an empty book checksums the empty text: 0', () => {
    const fixture = new BookFixture([OKX], [], native);
    expect(checksumOf(fixture, 1)).toBe(0);
    fixture.snapshot(1, {}).apply();
    expect(checksumOf(fixture, 1)).toBe(0);
  });

  it('follows the book through updates, deletes and truncation', () => {
    const fixture = new BookFixture([{ ...OKX, maxDepth: 2 }], [], native);
    fixture.snapshot(1, { bids: [[33661, 7, 1, 0], [33660, 6, 0, 0], [33650, 1, 0, 0]], asks: [[33668, 9, 1, 0]] }).apply();
    expect(referenceText(fixture, 1)).toBe('3366.1:7:3366.8:9:3366:6');
    fixture.update(1, { bids: [[33661, 0]], asks: [[33680, 8, 0, 0], [33720, 8, 0, 0]] }).apply();
    // 3365 was truncated at the snapshot's end and is not resurrected; 3372 is truncated now.
    expect(referenceText(fixture, 1)).toBe('3366:6:3366.8:9:3368:8');
    expect(checksumOf(fixture, 1)).toBe(okxCrc('3366:6:3366.8:9:3368:8'));
  });

  it('ReferenceBookEngine text matches the rule on its own (sanity of the oracle)', () => {
    const engine = new ReferenceBookEngine();
    engine.addBook(OKX);
    expect(engine.okxChecksumText(1)).toBe('');
  });
});
