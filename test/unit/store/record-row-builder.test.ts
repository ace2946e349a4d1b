// TRADE and BBO records → store rows: canonical decimals at the instrument's scale, sides, times, per-frame ordinals.
import { describe, expect, it } from 'vitest';
import { InstrumentRegistry } from '../../../src/model/instrument-registry.js';
import { encodeRecord, type BboRecord, type TradeRecord } from '../../../src/model/market-record.js';
import { AggressorSide, RecordFlag, RecordType } from '../../../src/model/record-types.js';
import { createRecordViews } from '../../../src/model/record-views.js';
import { RecordRowBuilder } from '../../../src/store/record-row-builder.js';

const registry = new InstrumentRegistry([
  { venue: 'binance', kind: 'spot', base: 'BTC', quote: 'USDT', native: 'BTCUSDT', tickSize: '0.01', lotSize: '0.00001' },
  { venue: 'bybit', kind: 'perpetual', base: 'ETH', quote: 'USDT', settle: 'USDT', native: 'ETHUSDT', tickSize: '0.01', lotSize: '0.01', contractSize: '1' },
]);
const btc = registry.byId('binance:BTC-USDT')!;
const eth = registry.byId('bybit:ETH-USDT-PERP')!;
const views = createRecordViews(new ArrayBuffer(4096));

function trade(fields: Partial<TradeRecord>): TradeRecord {
  return { type: RecordType.TRADE, instrumentId: btc.numericId, flags: 0, tsEventNs: 1_634_040_000_123_000_000n, tsRecvNs: 1_634_040_000_200_000_001n, price: 5_712_345, size: 120_000, aggressorSide: AggressorSide.SELL, tradeId: '90210', ...fields };
}

function bbo(fields: Partial<BboRecord>): BboRecord {
  return { type: RecordType.BBO, instrumentId: eth.numericId, flags: 0, tsEventNs: 1_760_000_000_000_000_000n, tsRecvNs: 1_760_000_000_004_000_000n, bidPrice: 300_001, bidSize: 1_250, askPrice: 300_002, askSize: 1, ...fields };
}

describe('RecordRowBuilder', () => {
  it('builds a trade row: venue, canonical symbol, canonical decimals, taker side, both times, flags', () => {
    const builder = new RecordRowBuilder(registry);
    encodeRecord(views, 0, trade({ flags: RecordFlag.REPLAY }));
    expect(builder.trade(views, 0)).toEqual({
      venue: 'binance',
      symbol: 'BTC-USDT',
      tradeId: '90210',
      price: '57123.45',
      size: '1.2',
      side: 'sell',
      tsEventNs: 1_634_040_000_123_000_000n,
      tsRecvNs: 1_634_040_000_200_000_001n,
      flags: RecordFlag.REPLAY,
    });
    encodeRecord(views, 0, trade({ aggressorSide: AggressorSide.BUY }));
    expect(builder.trade(views, 0).side).toBe('buy');
    encodeRecord(views, 0, trade({ aggressorSide: AggressorSide.UNKNOWN }));
    expect(builder.trade(views, 0).side).toBe('unknown');
  });

  it('builds a quote row; a quote without venue time has tsEventNs null', () => {
    const builder = new RecordRowBuilder(registry);
    encodeRecord(views, 0, bbo({}));
    expect(builder.quote(views, 0)).toEqual({ venue: 'bybit', symbol: 'ETH-USDT-PERP', bidPrice: '3000.01', bidSize: '12.5', askPrice: '3000.02', askSize: '0.01', tsEventNs: 1_760_000_000_000_000_000n, tsRecvNs: 1_760_000_000_004_000_000n, seq: 0, flags: 0 });
    encodeRecord(views, 0, bbo({ tsEventNs: 0n, tsRecvNs: 1_760_000_000_005_000_000n, flags: RecordFlag.NO_EVENT_TIME }));
    expect(builder.quote(views, 0)).toMatchObject({ tsEventNs: null, flags: RecordFlag.NO_EVENT_TIME, seq: 0 });
  });

  it('numbers the quotes of one instrument within one received frame (the key is venue, symbol, tsRecvNs, seq)', () => {
    const builder = new RecordRowBuilder(registry);
    const seqs: number[] = [];
    const frames: [number, bigint][] = [
      [eth.numericId, 10n],
      [eth.numericId, 10n],
      [btc.numericId, 10n],
      [eth.numericId, 10n],
      [eth.numericId, 11n],
      [btc.numericId, 10n],
    ];
    for (const [instrumentId, tsRecvNs] of frames) {
      encodeRecord(views, 0, bbo({ instrumentId, tsRecvNs }));
      seqs.push(builder.quote(views, 0).seq);
    }
    expect(seqs).toEqual([0, 1, 0, 2, 0, 1]);
  });

  it('gives a trade without a venue id a receive-side id and one without a venue time its receive time (flag kept)', () => {
    const builder = new RecordRowBuilder(registry);
    encodeRecord(views, 0, trade({ tradeId: '' }));
    const first = builder.trade(views, 0);
    encodeRecord(views, 0, trade({ tradeId: '' }));
    const second = builder.trade(views, 0);
    expect([first.tradeId, second.tradeId]).toEqual(['recv:1634040000200000001:0', 'recv:1634040000200000001:1']);
    encodeRecord(views, 0, trade({ tsEventNs: 0n, flags: RecordFlag.NO_EVENT_TIME }));
    expect(builder.trade(views, 0)).toMatchObject({ tsEventNs: 1_634_040_000_200_000_001n, flags: RecordFlag.NO_EVENT_TIME, tradeId: '90210' });
  });
});
