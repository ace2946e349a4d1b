// The catalog: each venue's default listings with native symbols and categories as the venues spell them.
import { describe, expect, it } from 'vitest';
import { SIM_INSTRUMENTS, simInstrument, simListings } from '../../../../src/sim/market/sim-catalog.js';
import type { SimVenue } from '../../../../src/sim/market/sim-market-types.js';

describe('simListings', () => {
  it('lists the agreed instruments per venue', () => {
    const rows = (venue: SimVenue) =>
      simListings(venue).map((listing) => [listing.instrument.canonical, listing.native, listing.category]);
    expect(rows('binance')).toEqual([
      ['BTC-USDT', 'BTCUSDT', 'spot'],
      ['ETH-USDT', 'ETHUSDT', 'spot'],
      ['SOL-USDT', 'SOLUSDT', 'spot'],
    ]);
    expect(rows('okx')).toEqual([
      ['BTC-USDT', 'BTC-USDT', 'SPOT'],
      ['ETH-USDT', 'ETH-USDT', 'SPOT'],
      ['BTC-USDT-PERP', 'BTC-USDT-SWAP', 'SWAP'],
    ]);
    expect(rows('bybit')).toEqual([
      ['BTC-USDT', 'BTCUSDT', 'spot'],
      ['ETH-USDT', 'ETHUSDT', 'spot'],
      ['BTC-USDT-PERP', 'BTCUSDT', 'linear'],
    ]);
    expect(rows('coinbase')).toEqual([
      ['BTC-USD', 'BTC-USD', 'spot'],
      ['ETH-USD', 'ETH-USD', 'spot'],
    ]);
  });

  it('returns a fresh array of the same frozen listings each call', () => {
    const first = simListings('okx');
    const second = simListings('okx');
    expect(first).not.toBe(second);
    expect(first[0]).toBe(second[0]);
    expect(Object.isFrozen(first[0])).toBe(true);
    expect(Object.isFrozen(first[0]!.instrument)).toBe(true);
  });

  it('defines instruments consistently (decimals of tick and lot, one volatility per base asset)', () => {
    expect(simInstrument('BTC-USDT')).toBe(SIM_INSTRUMENTS['BTC-USDT']);
    expect(simInstrument('toString')).toBeUndefined();
    const volatilityByBase = new Map<string, number>();
    for (const instrument of Object.values(SIM_INSTRUMENTS)) {
      expect(instrument.tickSize.split('.')[1]?.length ?? 0).toBe(instrument.priceDecimals);
      expect(instrument.lotSize.split('.')[1]?.length ?? 0).toBe(instrument.sizeDecimals);
      expect(instrument.canonical).toBe(
        `${instrument.base}-${instrument.quote}${instrument.kind === 'perpetual' ? '-PERP' : ''}`,
      );
      expect(instrument.depthLevels).toBe(200);
      expect(instrument.tradesPerMinute).toBeGreaterThanOrEqual(20);
      expect(instrument.tradesPerMinute).toBeLessThanOrEqual(60);
      const known = volatilityByBase.get(instrument.base);
      if (known !== undefined) expect(instrument.volatilityPerMinute).toBe(known);
      volatilityByBase.set(instrument.base, instrument.volatilityPerMinute);
    }
    expect(SIM_INSTRUMENTS['BTC-USDT-PERP']!.tickSize).toBe('0.1');
    expect(SIM_INSTRUMENTS['BTC-USD']!.lotSize).toBe('0.00000001');
    expect(SIM_INSTRUMENTS['BTC-USD']!.minNotional).toBe('1');
  });
});
