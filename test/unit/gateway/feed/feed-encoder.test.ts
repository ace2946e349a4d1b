// Hand-packed feed messages are valid FlatBuffers of schema/feed.fbs: the generated code decodes them to exactly what the generated builder's buffers decode to.
import { describe, expect, it } from 'vitest';
import { FeedBook } from '../../../../src/gateway/feed/feed-book.js';
import { FeedBuilderEncoder } from '../../../../src/gateway/feed/feed-builder-encoder.js';
import { decodeFeedMessage } from '../../../../src/gateway/feed/feed-decoder.js';
import { FeedEncoder } from '../../../../src/gateway/feed/feed-encoder.js';
import { FeedLevels } from '../../../../src/gateway/feed/feed-levels.js';
import { ZVT_ERR_GATEWAY_FEED_VALUE } from '../../../../src/gateway/errors.js';
import { createRecordStamps, setRecordStampsBig } from '../../../../src/model/record-header.js';
import { AggressorSide, InstrumentStatus } from '../../../../src/model/record-types.js';
import { Random } from '../../../helpers/book-stream.js';
import { FEED_MESSAGE_SPEC, verifyFlatBuffer } from './flatbuffer-verifier.js';

const stamps = createRecordStamps();
setRecordStampsBig(stamps, 1_786_310_817_583_000_123n, 1_786_310_819_965_676_456n);

/** Mantissas across the whole safe range, negatives and zero included. */
function mantissa(random: Random): number {
  switch (random.int(0, 3)) {
    case 0:
      return random.int(0, 1_000_000);
    case 1:
      return random.int(0, 2 ** 31) * 2 ** 21 + random.int(0, 2 ** 21 - 1);
    case 2:
      return -random.int(1, 2 ** 40);
    default:
      return random.chance(0.5) ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  }
}

function randomLevels(random: Random, bids: number, asks: number): FeedLevels {
  const levels = new FeedLevels(4);
  for (let index = 0; index < bids; index++) levels.addBid(mantissa(random), random.chance(0.2) ? 0 : mantissa(random));
  for (let index = 0; index < asks; index++) levels.addAsk(mantissa(random), mantissa(random));
  return levels;
}

function expectValid(bytes: Uint8Array): void {
  expect(verifyFlatBuffer(bytes, FEED_MESSAGE_SPEC, 'ZVTF')).toEqual([]);
}

describe('FeedEncoder (hand-packed)', () => {
  it('writes deltas the generated code decodes exactly as the builder-built ones, for every shape of level counts', () => {
    const random = new Random(11);
    const packed = new FeedEncoder();
    const built = new FeedBuilderEncoder();
    const shapes: [number, number][] = [[0, 0], [1, 0], [0, 1], [1, 1], [3, 7], [64, 0], [63, 1], [200, 150], [2, 2], [1, 0]];
    for (const [bids, asks] of shapes) {
      const levels = randomLevels(random, bids, asks);
      const seq = random.int(0, 2 ** 53 - 1);
      const topicId = random.int(0, 2 ** 32 - 1);
      const mine = packed.encodeDelta(topicId, seq, stamps, levels);
      expectValid(mine);
      const reference = decodeFeedMessage(built.delta(topicId, seq, stamps, levels));
      const decoded = decodeFeedMessage(mine);
      expect(decoded).toEqual(reference);
      expect(decoded).toMatchObject({ type: 'delta', topicId, seq: BigInt(seq), tsEventNs: 1_786_310_817_583_000_123n, tsRecvNs: 1_786_310_819_965_676_456n });
      expect(mine.length).toBe(104 + 16 * (bids + asks));
    }
  });

  it('a one-level delta is 120 bytes and reuses one view per level count (no allocation once warm)', () => {
    const packed = new FeedEncoder();
    const levels = new FeedLevels();
    levels.addBid(6_500_012, 3);
    const first = packed.encodeDelta(1, 1, stamps, levels);
    levels.clear();
    levels.addAsk(6_500_013, 0);
    const second = packed.encodeDelta(1, 2, stamps, levels);
    expect(second).toBe(first);
    expect(second.length).toBe(120);
    expect(decodeFeedMessage(second)).toMatchObject({ type: 'delta', seq: 2n, bids: [], asks: [{ price: 6_500_013n, size: 0n }] });
  });

  it('writes snapshots best first, with decimals and reason, equal to the builder-built ones, growing past its initial buffer', () => {
    const random = new Random(12);
    const packed = new FeedEncoder();
    const built = new FeedBuilderEncoder();
    for (const levelCount of [0, 1, 10, 3000]) {
      const book = new FeedBook();
      for (let index = 0; index < levelCount; index++) {
        book.bids.set(random.int(1, 10_000_000), random.int(1, 1_000_000));
        book.asks.set(random.int(10_000_001, 20_000_000), random.int(1, 1_000_000));
      }
      const reason = random.int(0, 3);
      const mine = packed.encodeSnapshot(42, 77, stamps, book, 2, 8, reason);
      expectValid(mine);
      const decoded = decodeFeedMessage(mine);
      expect(decoded).toEqual(decodeFeedMessage(built.snapshot(42, 77, stamps, book, 2, 8, reason)));
      if (decoded.type !== 'snapshot') throw new Error('not a snapshot');
      expect(decoded.bids.map((level) => [Number(level.price), Number(level.size)])).toEqual(book.bids.levels());
      expect(decoded.asks.map((level) => [Number(level.price), Number(level.size)])).toEqual(book.asks.levels());
      expect([decoded.priceDecimals, decoded.sizeDecimals, decoded.reason]).toEqual([2, 8, ['subscribe', 'requested', 'conflated', 'source'][reason]]);
    }
  });

  it('writes BBO and trades (ASCII, UUID and non-ASCII ids, every aggressor) that decode and verify', () => {
    const packed = new FeedEncoder();
    expect(decodeFeedMessage(packed.encodeBbo(5, 9, stamps, 6_500_012, 150_000_000, 6_500_013, 0))).toEqual({
      type: 'bbo', topicId: 5, seq: 9n, tsEventNs: 1_786_310_817_583_000_123n, tsRecvNs: 1_786_310_819_965_676_456n,
      bid: { price: 6_500_012n, size: 150_000_000n }, ask: { price: 6_500_013n, size: 0n },
    });
    expectValid(packed.encodeBbo(5, 9, stamps, 1, 2, 3, 4));
    const trades: [string, AggressorSide, string][] = [
      ['3920155721', AggressorSide.BUY, 'buy'],
      ['c6d5c3b8-6b0b-5d8c-9f0e-2f2b8a6a1c3d', AggressorSide.SELL, 'sell'],
      ['', AggressorSide.UNKNOWN, 'unknown'],
      ['trade-ü€-𝄞', AggressorSide.BUY, 'buy'],
      ['x'.repeat(500), AggressorSide.SELL, 'sell'],
    ];
    for (const [tradeId, aggressor, name] of trades) {
      const bytes = packed.encodeTrade(6, 10, stamps, 6_500_012, 25, aggressor, tradeId);
      expectValid(bytes);
      expect(decodeFeedMessage(bytes)).toMatchObject({ type: 'trade', topicId: 6, seq: 10n, price: 6_500_012n, size: 25n, aggressor: name, tradeId });
    }
  });

  it('refuses a value that is not a safe integer instead of sending a rounded one', () => {
    const packed = new FeedEncoder();
    for (const bad of [2 ** 53, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const levels = new FeedLevels();
      levels.addBid(100, bad);
      expect(() => packed.encodeDelta(1, 1, stamps, levels)).toThrow(expect.objectContaining({ code: ZVT_ERR_GATEWAY_FEED_VALUE }));
    }
  });
});

describe('FeedBuilderEncoder (cold messages)', () => {
  it('builds acks, errors, instruments, heartbeats and status messages that verify and decode', () => {
    const built = new FeedBuilderEncoder();
    // Each view is valid until the builder's next message: build, check, then build the next.
    const cases: [() => Uint8Array, object][] = [
      [() => built.subscribeAck(7, 'book.binance:BTC-USDT', 4, true, 12, 2, 8), { type: 'subscribeAck', requestId: 7, topic: 'book.binance:BTC-USDT', topicId: 4, subscribed: true, seq: 12n, priceDecimals: 2, sizeDecimals: 8 }],
      [() => built.error(3, 'ZVT_ERR_GATEWAY_FEED_TOPIC_UNKNOWN', 'no such', 'book.okx:X-Y'), { type: 'error', requestId: 3, code: 'ZVT_ERR_GATEWAY_FEED_TOPIC_UNKNOWN', message: 'no such', topic: 'book.okx:X-Y' }],
      [() => built.error(0, 'ZVT_ERR_GATEWAY_FEED_REQUEST', 'not JSON', null), { type: 'error', requestId: 0, topic: null }],
      [() => built.instruments(9, [{ instrument: 'binance:BTC-USDT', priceDecimals: 2, sizeDecimals: 8 }, { instrument: 'all:BTC-USDT', priceDecimals: 2, sizeDecimals: 8 }]), { type: 'instruments', requestId: 9, instruments: [{ instrument: 'binance:BTC-USDT', priceDecimals: 2, sizeDecimals: 8 }, { instrument: 'all:BTC-USDT', priceDecimals: 2, sizeDecimals: 8 }] }],
      [() => built.heartbeat(1_786_310_817_583_000_000n), { type: 'heartbeat', serverTimeNs: 1_786_310_817_583_000_000n }],
      [() => built.status(3, 4, stamps, InstrumentStatus.RESYNCING), { type: 'status', topicId: 3, seq: 4n, status: 'resyncing' }],
    ];
    for (const [build, expected] of cases) {
      const bytes = build();
      expectValid(bytes);
      expect(decodeFeedMessage(bytes)).toMatchObject(expected);
    }
  });
});

describe('verifyFlatBuffer (the oracle itself)', () => {
  it('catches broken offsets, vtables, lengths and identifiers', () => {
    const levels = new FeedLevels();
    levels.addBid(1, 2);
    const good = Uint8Array.from(new FeedEncoder().encodeDelta(1, 1, stamps, levels));
    const corrupt = (position: number, value: number): string[] => {
      const copy = Uint8Array.from(good);
      new DataView(copy.buffer).setUint32(position, value, true);
      return verifyFlatBuffer(copy, FEED_MESSAGE_SPEC, 'ZVTF');
    };
    expect(corrupt(84, 4000).length).toBeGreaterThan(0); // asks uoffset outside
    expect(corrupt(92, 1000).length).toBeGreaterThan(0); // bids length runs outside
    expect(corrupt(44, 3).length).toBeGreaterThan(0); // body vtable misaligned
    expect(corrupt(4, 0x41414141).length).toBeGreaterThan(0); // identifier
    expect(corrupt(20, 0).length).toBeGreaterThan(0); // null body offset
    expect(verifyFlatBuffer(good.subarray(0, 100), FEED_MESSAGE_SPEC).length).toBeGreaterThan(0); // truncated
  });
});
