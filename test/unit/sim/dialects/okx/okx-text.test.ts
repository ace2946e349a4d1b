// OKX wire text: the documented checksum string examples, the CRC32 against zlib's, levels, and the fault layer's checksum corruption.
import { readFileSync } from 'node:fs';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { corruptOkxChecksum } from '../../../../../src/sim/dialects/okx/create-okx-dialect.js';
import { okxChecksum, okxLevel, orderCountOf, type OkxLevel } from '../../../../../src/sim/dialects/okx/okx-text.js';
import { simInstrument } from '../../../../../src/sim/market/sim-catalog.js';
import { okxBookChecksum } from '../../../../../src/sim/replay/books/okx-book-tracker.js';

interface ChecksumFixture {
  examples: { name: string; book: { bids: OkxLevel[]; asks: OkxLevel[] }; checkString: string }[];
}

const fixture = JSON.parse(readFileSync(new URL('../../../../fixtures/venues/okx/checksum.json', import.meta.url), 'utf8')) as ChecksumFixture;

function signedCrc(text: string): number {
  return zlibCrc32(Buffer.from(text, 'utf8')) | 0;
}

describe('OKX checksum', () => {
  it('is the signed CRC32 of the documented check strings (both worked examples of the Checksum section)', () => {
    expect(fixture.examples).toHaveLength(2);
    for (const example of fixture.examples) {
      expect(okxChecksum(example.book.bids, example.book.asks), example.name).toBe(signedCrc(example.checkString));
    }
  });

  it('uses the best 25 levels per side only, bid and ask alternately, and agrees with the replay server', () => {
    const level = (price: number, size: number): OkxLevel => [String(price), String(size), '0', '1'];
    const bids = Array.from({ length: 40 }, (_, index) => level(1000 - index, index + 1));
    const asks = Array.from({ length: 30 }, (_, index) => level(1001 + index, index + 2));
    const parts: string[] = [];
    for (let row = 0; row < 25; row++) parts.push(`${bids[row]![0]}:${bids[row]![1]}`, `${asks[row]![0]}:${asks[row]![1]}`);
    expect(okxChecksum(bids, asks)).toBe(signedCrc(parts.join(':')));
    expect(okxChecksum(bids, asks)).toBe(okxBookChecksum(bids, asks));
    // One side shorter than 25: its missing levels are skipped.
    expect(okxChecksum(bids.slice(0, 3), asks.slice(0, 1))).toBe(signedCrc('1000:1:1001:2:999:2:998:3'));
  });

  it('writes levels as [price, size, "0", count] in canonical decimals, with a count of at least 1', () => {
    const btc = simInstrument('BTC-USDT')!;
    const level = okxLevel(btc, { priceTicks: 6_500_010, sizeLots: 1_500 });
    expect(level).toEqual(['65000.1', '0.015', '0', String(orderCountOf({ priceTicks: 6_500_010, sizeLots: 1_500 }))]);
    for (let lots = 1; lots < 50; lots++) expect(orderCountOf({ priceTicks: 123 + lots, sizeLots: lots })).toBeGreaterThanOrEqual(1);
    expect(orderCountOf({ priceTicks: 5, sizeLots: 0 })).toBe(0);
  });

  it('corruptOkxChecksum flips the checksum of a books push and leaves frames without one alone', () => {
    const frame = '{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[],"bids":[],"ts":"1","checksum":-855196043,"prevSeqId":1,"seqId":2}]}';
    const corrupted = corruptOkxChecksum(frame)!;
    const checksum = (JSON.parse(corrupted) as { data: { checksum: number }[] }).data[0]!.checksum;
    expect(checksum).not.toBe(-855196043);
    expect(checksum).not.toBe(0);
    expect(corrupted.replace(/"checksum":-?\d+/, '')).toBe(frame.replace(/"checksum":-?\d+/, ''));
    expect(corruptOkxChecksum('{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[]}')).toBeNull();
  });
});
