// Unit tests of InstrumentRegistry: shared scales, dense ids, lookups, validation, and the plain-data round trip.
import { describe, expect, it } from 'vitest';
import {
  InstrumentRegistry,
  ZVT_ERR_INSTRUMENT_DUPLICATE,
  ZVT_ERR_INSTRUMENT_INVALID,
  ZVT_ERR_INSTRUMENT_UNKNOWN,
  ZVT_ERR_REGISTRY_DATA,
  ZvtError,
  type InstrumentDefinition,
} from '../../../src/model/index.js';

function caught(action: () => unknown): ZvtError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ZvtError);
    return error as ZvtError;
  }
  throw new Error('expected a ZvtError, nothing was thrown');
}

const DEFINITIONS: InstrumentDefinition[] = [
  // Tick and lot sizes as the venues publish them (instrument-info endpoints).
  { venue: 'binance-futures', kind: 'perpetual', base: 'BTC', quote: 'USDT', settle: 'USDT', native: 'BTCUSDT', tickSize: '0.10', lotSize: '0.001', contractSize: '1' },
  { venue: 'okx', kind: 'perpetual', base: 'BTC', quote: 'USDT', settle: 'USDT', native: 'BTC-USDT-SWAP', tickSize: '0.1', lotSize: '0.01', contractSize: '0.01' },
  { venue: 'bybit', kind: 'perpetual', base: 'BTC', quote: 'USDT', settle: 'USDT', native: 'BTCUSDT', tickSize: '0.10', lotSize: '0.001', contractSize: '1' },
  { venue: 'bybit', kind: 'spot', base: 'BTC', quote: 'USDT', native: 'BTCUSDT', tickSize: '0.01', lotSize: '0.000001' },
  { venue: 'binance', kind: 'spot', base: 'NKN', quote: 'USDT', native: 'NKNUSDT', tickSize: '0.00010000', lotSize: '1.00000000' },
  { venue: 'coinbase', kind: 'spot', base: 'BTC', quote: 'USD', native: 'BTC-USD', tickSize: '0.01', lotSize: '0.00000001' },
  { venue: 'bybit', kind: 'perpetual', base: 'BTC', quote: 'USD', settle: 'BTC', native: 'BTCUSD', tickSize: '0.5', lotSize: '1', contractSize: '1' },
  { venue: 'okx', kind: 'future', base: 'BTC', quote: 'USDT', settle: 'USDT', native: 'BTC-USDT-251226', tickSize: '0.1', lotSize: '0.1', contractSize: '0.01', expiry: '2025-12-26' },
];

describe('InstrumentRegistry', () => {
  const registry = new InstrumentRegistry(DEFINITIONS);

  it('assigns dense numeric ids in definition order', () => {
    expect(registry.size).toBe(DEFINITIONS.length);
    expect(registry.all().map((instrument) => instrument.numericId)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(registry.all().map((instrument) => instrument.id)).toEqual([
      'binance-futures:BTC-USDT-PERP',
      'okx:BTC-USDT-PERP',
      'bybit:BTC-USDT-PERP',
      'bybit:BTC-USDT',
      'binance:NKN-USDT',
      'coinbase:BTC-USD',
      'bybit:BTC-USD-PERP',
      'okx:BTC-USDT-20251226',
    ]);
  });

  it('shares one scale per canonical symbol, covering every venue tick and lot (and lot × contract size)', () => {
    // BTC-USDT-PERP: ticks 0.1 → 1 price decimal; lots 0.001 and OKX 0.01 contracts × 0.01 BTC = 0.0001 → 4.
    expect(registry.scaleOf('BTC-USDT-PERP')).toEqual({ priceDecimals: 1, sizeDecimals: 4 });
    const okx = registry.requireById('okx:BTC-USDT-PERP');
    const binance = registry.requireById('binance-futures:BTC-USDT-PERP');
    expect([okx.priceDecimals, okx.sizeDecimals]).toEqual([1, 4]);
    expect([binance.priceDecimals, binance.sizeDecimals]).toEqual([1, 4]);
    expect(binance.tickSize).toBe('0.1');
    expect(binance.tickSizeMantissa).toBe(1);
    expect(binance.lotSizeMantissa).toBe(10);
    expect(okx.lotSizeMantissa).toBe(100);
    expect(okx.contractSize).toBe('0.01');
    // Spot BTC-USDT is a different canonical symbol with its own scale.
    expect(registry.scaleOf('BTC-USDT')).toEqual({ priceDecimals: 2, sizeDecimals: 6 });
    const nkn = registry.requireById('binance:NKN-USDT');
    expect([nkn.tickSize, nkn.lotSize, nkn.priceDecimals, nkn.sizeDecimals]).toEqual(['0.0001', '1', 4, 0]);
    const inverse = registry.requireById('bybit:BTC-USD-PERP');
    expect([inverse.settle, inverse.tickSizeMantissa, inverse.priceDecimals]).toEqual(['BTC', 5, 1]);
    expect(registry.scaleOf('ETH-USDT')).toBeUndefined();
  });

  it('fills spot defaults (settle = quote, contract size 1) and keeps futures expiry', () => {
    const spot = registry.requireById('bybit:BTC-USDT');
    expect([spot.settle, spot.contractSize, spot.expiry, spot.kind]).toEqual(['USDT', '1', null, 'spot']);
    const future = registry.requireById('okx:BTC-USDT-20251226');
    expect([future.kind, future.expiry, future.native]).toEqual(['future', '2025-12-26', 'BTC-USDT-251226']);
  });

  it('looks up by numeric id, by id and by (venue, native, kind)', () => {
    expect(registry.byNumericId(3)?.id).toBe('bybit:BTC-USDT');
    expect(registry.byNumericId(8)).toBeUndefined();
    expect(registry.byId('okx:BTC-USDT-PERP')?.numericId).toBe(1);
    expect(registry.byNative('bybit', 'BTCUSDT', 'perpetual')?.numericId).toBe(2);
    expect(registry.byNative('bybit', 'BTCUSDT', 'spot')?.numericId).toBe(3);
    expect(registry.byNative('bybit', 'BTCUSDT', 'future')).toBeUndefined();
    expect(registry.byNative('binance', 'BTCUSDT', 'perpetual')).toBeUndefined();
    expect(registry.byCanonical('BTC-USDT-PERP').map((instrument) => instrument.venue)).toEqual([
      'binance-futures',
      'okx',
      'bybit',
    ]);
    expect(registry.byCanonical('XRP-USDT')).toEqual([]);
    expect(registry.requireByNative('okx', 'BTC-USDT-SWAP', 'perpetual').numericId).toBe(1);
    expect(registry.requireByNumericId(0).native).toBe('BTCUSDT');
  });

  it('names what is missing when a required lookup fails', () => {
    const byId = caught(() => registry.requireById('okx:ETH-USDT-PERP'));
    expect(byId.code).toBe(ZVT_ERR_INSTRUMENT_UNKNOWN);
    expect(byId.message).toContain('okx:ETH-USDT-PERP');
    expect(caught(() => registry.requireByNumericId(99)).message).toContain('99');
    expect(caught(() => registry.requireByNative('okx', 'ETH-USDT-SWAP', 'perpetual')).message).toContain('ETH-USDT-SWAP');
  });

  it('hands out frozen instruments', () => {
    const instrument = registry.requireByNumericId(0);
    expect(Object.isFrozen(instrument)).toBe(true);
    expect(Object.isFrozen(registry.all())).toBe(true);
  });

  it('rebuilds an identical registry from structured-cloned and from JSON data', () => {
    const data = registry.toData();
    for (const copy of [structuredClone(data), JSON.parse(JSON.stringify(data)) as unknown]) {
      const rebuilt = InstrumentRegistry.fromData(copy);
      expect(rebuilt.all()).toEqual(registry.all());
    }
  });

  it.each([
    ['a non-object', 42],
    ['null', null],
    ['a wrong version', { version: 2, definitions: [] }],
    ['missing definitions', { version: 1 }],
    ['a definition that is not an object', { version: 1, definitions: ['x'] }],
    ['a definition with a numeric tick', { version: 1, definitions: [{ ...DEFINITIONS[0], tickSize: 0.1, expiry: null }] }],
    ['an unknown venue', { version: 1, definitions: [{ ...DEFINITIONS[0], venue: 'kraken', expiry: null }] }],
    ['a duplicate', { version: 1, definitions: [{ ...DEFINITIONS[0], expiry: null }, { ...DEFINITIONS[0], expiry: null }] }],
  ])('fromData rejects %s', (_name, data) => {
    expect(caught(() => InstrumentRegistry.fromData(data)).code).toBe(ZVT_ERR_REGISTRY_DATA);
  });

  it('accepts an empty definition list', () => {
    const empty = new InstrumentRegistry([]);
    expect(empty.size).toBe(0);
    expect(InstrumentRegistry.fromData(empty.toData()).size).toBe(0);
  });
});

describe('InstrumentRegistry validation', () => {
  const base = DEFINITIONS[0]!;

  it.each([
    ['a duplicate venue instrument id', [base, { ...base, native: 'BTCUSDT2' }]],
    ['a duplicate native symbol of the same kind', [base, { ...base, base: 'ETH' }]],
  ])('rejects %s', (_name, definitions) => {
    const error = caught(() => new InstrumentRegistry(definitions));
    expect(error.code).toBe(ZVT_ERR_INSTRUMENT_DUPLICATE);
    expect(error.message).toContain('#0 and #1');
  });

  it.each([
    ['an unknown venue', { venue: 'kraken' }],
    ['an unknown kind', { kind: 'option' }],
    ['a lowercase base', { base: 'btc' }],
    ['an empty quote', { quote: '' }],
    ['a native symbol with a space', { native: 'BTC USDT' }],
    ['an empty native symbol', { native: '' }],
    ['a missing settle on a perpetual', { settle: undefined }],
    ['a missing contract size on a perpetual', { contractSize: undefined }],
    ['a zero tick size', { tickSize: '0' }],
    ['a negative lot size', { lotSize: '-0.001' }],
    ['a malformed tick size', { tickSize: '0.1.0' }],
    ['a float tick size', { tickSize: 0.1 }],
    ['an expiry on a perpetual', { expiry: '2025-12-26' }],
    ['a future without expiry', { kind: 'future' }],
    ['a future with a bad expiry', { kind: 'future', expiry: '2025-13-01' }],
    ['a tick needing more than 36 decimals', { tickSize: '1e-40' }],
  ])('rejects %s with ZVT_ERR_INSTRUMENT_INVALID', (_name, change) => {
    const definition = { ...base, ...change } as unknown as InstrumentDefinition;
    expect(caught(() => new InstrumentRegistry([definition])).code).toBe(ZVT_ERR_INSTRUMENT_INVALID);
  });

  it('refuses a shared scale so fine that another venue lot no longer fits a safe integer', () => {
    // 1e-8 lots of 1e-8 contracts force 16 size decimals; a lot of 1 is then 10^16 > 2^53.
    const fine = { ...base, venue: 'okx', native: 'BTC-USDT-SWAP', lotSize: '0.00000001', contractSize: '0.00000001' } as const;
    const error = caught(() => new InstrumentRegistry([{ ...base, lotSize: '1' }, fine]));
    expect(error.code).toBe(ZVT_ERR_INSTRUMENT_INVALID);
    expect(error.message).toContain('lotSize 1 at 16 decimals');
  });

  it('accepts exponent-form sizes and stores them canonically', () => {
    const registry = new InstrumentRegistry([{ ...base, tickSize: '1e-1', lotSize: '1.0E-3' }]);
    expect(registry.requireByNumericId(0).tickSize).toBe('0.1');
    expect(registry.requireByNumericId(0).lotSize).toBe('0.001');
  });
});

describe('venue precisions beyond tick and lot', () => {
  it('raise the scales and survive toData/fromData (regression: precisions dropped on the way to worker threads)', () => {
    const registry = new InstrumentRegistry([
      { venue: 'binance', kind: 'spot', base: 'NKN', quote: 'USDT', native: 'NKNUSDT', tickSize: '0.00010000', lotSize: '1.00000000', sizePrecision: 8, pricePrecision: 8 },
    ]);
    const rebuilt = InstrumentRegistry.fromData(structuredClone(registry.toData()));
    for (const candidate of [registry, rebuilt]) {
      const nkn = candidate.requireByNative('binance', 'NKNUSDT', 'spot');
      expect([nkn.priceDecimals, nkn.sizeDecimals, nkn.tickSizeMantissa, nkn.lotSizeMantissa]).toEqual([8, 8, 10_000, 100_000_000]);
    }
    expect(() => new InstrumentRegistry([{ venue: 'binance', kind: 'spot', base: 'A', quote: 'B', native: 'AB', tickSize: '1', lotSize: '1', sizePrecision: 1.5 }])).toThrow(/sizePrecision must be an integer/);
  });
});
