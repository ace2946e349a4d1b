// Ticks/lots to wire text and back for the catalog instruments: canonical text, grid checks, exact notionals.
import { describe, expect, it } from 'vitest';
import { SIM_INSTRUMENTS } from '../../../../src/sim/market/sim-catalog.js';
import {
  instrumentScales,
  notionalText,
  parsePriceTicks,
  parseSizeLots,
  priceText,
  sizeText,
} from '../../../../src/sim/market/sim-instrument.js';

const BTC = SIM_INSTRUMENTS['BTC-USDT']!;
const PERP = SIM_INSTRUMENTS['BTC-USDT-PERP']!;
const COINBASE_BTC = SIM_INSTRUMENTS['BTC-USD']!;

describe('sim-instrument text', () => {
  it('writes canonical text: no exponent, trailing zeros trimmed', () => {
    expect(priceText(BTC, 6_500_000)).toBe('65000');
    expect(priceText(BTC, 6_500_001)).toBe('65000.01');
    expect(priceText(BTC, 6_500_010)).toBe('65000.1');
    expect(priceText(PERP, 650_001)).toBe('65000.1');
    expect(sizeText(BTC, 1)).toBe('0.00001');
    expect(sizeText(BTC, 123_400)).toBe('1.234');
    expect(sizeText(COINBASE_BTC, 1)).toBe('0.00000001');
    expect(sizeText(COINBASE_BTC, 0)).toBe('0');
  });

  it('parses text on the grid, in any decimal spelling, and refuses the rest with null', () => {
    expect(parsePriceTicks(BTC, '65000.01')).toBe(6_500_001);
    expect(parsePriceTicks(BTC, '65000.010000')).toBe(6_500_001);
    expect(parsePriceTicks(BTC, '6.500001e4')).toBe(6_500_001);
    expect(parsePriceTicks(PERP, '65000.1')).toBe(650_001);
    expect(parsePriceTicks(PERP, '65000.15')).toBeNull();
    expect(parsePriceTicks(BTC, '65000.001')).toBeNull();
    expect(parsePriceTicks(BTC, '-1')).toBeNull();
    expect(parsePriceTicks(BTC, 'abc')).toBeNull();
    expect(parsePriceTicks(BTC, '')).toBeNull();
    expect(parsePriceTicks(BTC, ' 1')).toBeNull();
    expect(parsePriceTicks(BTC, '1e300')).toBeNull();
    expect(parsePriceTicks(BTC, '0')).toBe(0);
    expect(parseSizeLots(BTC, '0.00001')).toBe(1);
    expect(parseSizeLots(BTC, '0.000015')).toBeNull();
    expect(parseSizeLots(COINBASE_BTC, '1.00000001')).toBe(100_000_001);
  });

  it('round-trips every text it writes', () => {
    for (const instrument of Object.values(SIM_INSTRUMENTS)) {
      for (const ticks of [1, 7, 100, 6_500_001, 98_765_432]) {
        expect(parsePriceTicks(instrument, priceText(instrument, ticks))).toBe(ticks);
        expect(parseSizeLots(instrument, sizeText(instrument, ticks))).toBe(ticks);
      }
    }
  });

  it('writes notionals exactly from tick·lot products, beyond 2^53', () => {
    // 65000.01 × 0.01234 = 802.1001234
    expect(notionalText(BTC, 6_500_001n * 1234n)).toBe('802.1001234');
    expect(notionalText(PERP, 650_001n * 3n)).toBe('195.0003');
    const big = 6_500_000n * 100_000_000_000n; // 65000 × 1000 BTC at 1e-8 lots: 6.5e17 tick·lots
    expect(notionalText(COINBASE_BTC, big)).toBe('65000000');
    expect(instrumentScales(BTC).minNotionalMantissa).toBe(5n * 10n ** 7n);
    expect(instrumentScales(BTC).initialTicks).toBe(6_500_000);
  });
});
