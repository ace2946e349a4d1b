// USDⓈ-M instruments from exchangeInfo (the documented example plus cases in the same shape): perpetuals and quarterlies that trade, nothing else.
import { describe, expect, it } from 'vitest';
import { binanceFuturesDialect } from '../../../../src/actors/venues/binance-futures/dialect.js';
import { InstrumentRegistry } from '../../../../src/model/instrument-registry.js';
import { exchangeInfoBody } from './futures-fixture.js';

interface RawSymbol {
  symbol: string;
  contractType: string;
  deliveryDate: number;
  status: string;
  baseAsset: string;
  quoteAsset: string;
  marginAsset: string;
  filters: { filterType: string; tickSize?: string; stepSize?: string }[];
}

const body = exchangeInfoBody();
const raw = (JSON.parse(body) as { symbols: RawSymbol[] }).symbols;
const definitions = binanceFuturesDialect.parseInstruments('/fapi/v1/exchangeInfo', body);

describe('binance-futures instruments', () => {
  it('keeps trading PERPETUAL and quarterly contracts only', () => {
    const expected = raw.filter((symbol) => symbol.status === 'TRADING' && ['PERPETUAL', 'CURRENT_QUARTER', 'NEXT_QUARTER'].includes(symbol.contractType)).map((symbol) => symbol.symbol);
    expect(definitions.map((definition) => definition.native)).toEqual(expected);
    expect(raw.length).toBeGreaterThan(expected.length);
  });

  it('takes tick and lot as published, settles in the margin asset, counts size in the base asset', () => {
    for (const definition of definitions) {
      const symbol = raw.find((candidate) => candidate.symbol === definition.native)!;
      expect(definition).toMatchObject({
        venue: 'binance-futures',
        base: symbol.baseAsset,
        quote: symbol.quoteAsset,
        settle: symbol.marginAsset,
        tickSize: symbol.filters.find((filter) => filter.filterType === 'PRICE_FILTER')!.tickSize,
        lotSize: symbol.filters.find((filter) => filter.filterType === 'LOT_SIZE')!.stepSize,
        contractSize: '1',
      });
    }
  });

  it('gives perpetuals no expiry and dated futures the UTC date of deliveryDate; the registry names them canonically', () => {
    const registry = new InstrumentRegistry(definitions);
    expect(registry.requireByNative('binance-futures', 'BLZUSDT', 'perpetual').id).toBe('binance-futures:BLZ-USDT-PERP');
    expect(registry.requireByNative('binance-futures', 'BTCUSDT', 'perpetual').expiry).toBeNull();
    const quarterly = raw.find((symbol) => symbol.symbol === 'ETHUSDT_250926')!;
    const expiry = new Date(quarterly.deliveryDate).toISOString().slice(0, 10);
    const future = registry.requireByNative('binance-futures', 'ETHUSDT_250926', 'future');
    expect(future.expiry).toBe(expiry);
    expect(future.canonical).toBe(`ETH-USDT-${expiry.replaceAll('-', '')}`);
  });

  it('rejects other paths and bodies with ZVT_ERR_BINANCE_RESPONSE', () => {
    expect(() => binanceFuturesDialect.parseInstruments('/api/v3/exchangeInfo', body)).toThrow(expect.objectContaining({ code: 'ZVT_ERR_BINANCE_RESPONSE' }));
    expect(() => binanceFuturesDialect.parseInstruments('/fapi/v1/exchangeInfo', '<html>')).toThrow(expect.objectContaining({ code: 'ZVT_ERR_BINANCE_RESPONSE' }));
  });
});
