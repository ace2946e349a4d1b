// Binance spot instruments from the recorded exchangeInfo: trading symbols only, tick and lot as published, accepted by the registry.
import { beforeAll, describe, expect, it } from 'vitest';
import { binanceDialect } from '../../../../src/actors/venues/binance/dialect.js';
import type { InstrumentDefinition } from '../../../../src/model/instrument.js';
import { formatDecimal, parseDecimal } from '../../../../src/model/fixed-point.js';
import { InstrumentRegistry } from '../../../../src/model/instrument-registry.js';
import { loadBinanceSession, type BinanceSession } from './binance-session.js';

interface RawSymbol {
  symbol: string;
  status: string;
  baseAsset: string;
  quoteAsset: string;
  baseAssetPrecision: number;
  quoteAssetPrecision: number;
  filters: { filterType: string; tickSize?: string; stepSize?: string }[];
}

let session: BinanceSession;
let raw: RawSymbol[];
let definitions: InstrumentDefinition[];
beforeAll(async () => {
  session = await loadBinanceSession();
  const response = session.recording.http.find((candidate) => candidate.url.endsWith('/api/v3/exchangeInfo'))!;
  raw = (JSON.parse(response.data) as { symbols: RawSymbol[] }).symbols;
  definitions = binanceDialect.parseInstruments('/api/v3/exchangeInfo', response.data);
});

describe('binance spot instruments', () => {
  it('returns exactly the TRADING symbols, each once, and no BREAK one', () => {
    const trading = raw.filter((symbol) => symbol.status === 'TRADING').map((symbol) => symbol.symbol);
    const halted = raw.filter((symbol) => symbol.status !== 'TRADING').map((symbol) => symbol.symbol);
    expect(halted.length).toBeGreaterThan(0);
    expect(definitions.map((definition) => definition.native).sort()).toEqual([...trading].sort());
    for (const native of halted) expect(definitions.find((definition) => definition.native === native)).toBeUndefined();
  });

  it('keeps tick and lot size text exactly as published, spot kind, BASE/QUOTE assets', () => {
    for (const definition of definitions) {
      const symbol = raw.find((candidate) => candidate.symbol === definition.native)!;
      expect(definition).toEqual({
        venue: 'binance',
        kind: 'spot',
        base: symbol.baseAsset,
        quote: symbol.quoteAsset,
        native: symbol.symbol,
        tickSize: symbol.filters.find((filter) => filter.filterType === 'PRICE_FILTER')!.tickSize,
        lotSize: symbol.filters.find((filter) => filter.filterType === 'LOT_SIZE')!.stepSize,
        sizePrecision: symbol.baseAssetPrecision,
        pricePrecision: symbol.quoteAssetPrecision,
      });
    }
    expect(definitions.find((definition) => definition.native === 'NKNUSDT')).toMatchObject({ tickSize: '0.00010000', lotSize: '1.00000000' });
  });

  it('the registry accepts them all, with canonical BASE-QUOTE symbols and scales from the filters', () => {
    const registry = new InstrumentRegistry(definitions);
    const nkn = registry.requireByNative('binance', 'NKNUSDT', 'spot');
    expect(nkn.id).toBe('binance:NKN-USDT');
    // Scales 8 (quote/baseAssetPrecision), not 4 and 0 (tickSize, stepSize): see the next test.
    expect([nkn.tickSize, nkn.lotSize, nkn.priceDecimals, nkn.sizeDecimals]).toEqual(['0.0001', '1', 8, 8]);
    expect(registry.requireByNative('binance', 'RUNEEUR', 'spot').canonical).toBe('RUNE-EUR');
  });

  it('levels finer than the tick and lot in the recorded depth snapshot still parse exactly (regression: NKNUSDT 0.25511 at tick 0.0001, 11979.3 at stepSize 1)', () => {
    const registry = new InstrumentRegistry(definitions);
    const nkn = registry.requireByNative('binance', 'NKNUSDT', 'spot');
    const snapshot = session.recording.http.find((candidate) => candidate.url.includes('symbol=NKNUSDT'))!;
    const depth = JSON.parse(snapshot.data) as { bids: [string, string][]; asks: [string, string][] };
    const sizes = [...depth.bids, ...depth.asks].map(([, size]) => size);
    expect(sizes).toContain('11979.30000000');
    for (const size of sizes) expect(formatDecimal(parseDecimal(size, nkn.sizeDecimals), nkn.sizeDecimals)).toBe(formatDecimal(parseDecimal(size, 8), 8));
    const prices = [...depth.bids, ...depth.asks].map(([price]) => price);
    expect(prices).toContain('0.25511000');
    for (const price of prices) expect(formatDecimal(parseDecimal(price, nkn.priceDecimals), nkn.priceDecimals)).toBe(formatDecimal(parseDecimal(price, 8), 8));
  });

  it('leaves out what cannot be represented instead of guessing', () => {
    const body = JSON.stringify({
      symbols: [
        { symbol: 'ABCUSDT', status: 'TRADING', baseAsset: 'ABC', quoteAsset: 'USDT', filters: [{ filterType: 'PRICE_FILTER', tickSize: '0.01000000' }, { filterType: 'LOT_SIZE', stepSize: '0.00000000' }] },
        { symbol: 'XYZUSDT', status: 'TRADING', baseAsset: 'XYZ', quoteAsset: 'USDT', filters: [{ filterType: 'LOT_SIZE', stepSize: '1.00000000' }] },
        { symbol: '币安人生USDT', status: 'TRADING', baseAsset: '币安人生', quoteAsset: 'USDT', filters: [{ filterType: 'PRICE_FILTER', tickSize: '0.00010000' }, { filterType: 'LOT_SIZE', stepSize: '1.00000000' }] },
        { symbol: 'OKUSDT', status: 'TRADING', baseAsset: 'OK', quoteAsset: 'USDT', filters: [{ filterType: 'PRICE_FILTER', tickSize: '0.00010000' }, { filterType: 'LOT_SIZE', stepSize: '1.00000000' }] },
      ],
    });
    expect(binanceDialect.parseInstruments('/api/v3/exchangeInfo', body).map((definition) => definition.native)).toEqual(['OKUSDT']);
  });

  it('rejects bodies of another shape and other paths with ZVT_ERR_BINANCE_RESPONSE', () => {
    expect(() => binanceDialect.parseInstruments('/api/v3/exchangeInfo', '{"code":-1003,"msg":"Too many requests"}')).toThrow(expect.objectContaining({ code: 'ZVT_ERR_BINANCE_RESPONSE' }));
    expect(() => binanceDialect.parseInstruments('/api/v3/ticker', '{"symbols":[]}')).toThrow(expect.objectContaining({ code: 'ZVT_ERR_BINANCE_RESPONSE' }));
  });
});
