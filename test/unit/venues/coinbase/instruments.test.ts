// Coinbase products → InstrumentDefinitions, against the recorded REST response.
import { beforeAll, describe, expect, it } from 'vitest';
import { coinbaseDialect } from '../../../../src/actors/venues/coinbase/dialect.js';
import { parseCoinbaseProducts } from '../../../../src/actors/venues/coinbase/instruments.js';
import { COINBASE_URLS } from '../../../../src/actors/venues/coinbase/urls.js';
import { InstrumentRegistry } from '../../../../src/model/instrument-registry.js';
import { loadCoinbaseSession, type CoinbaseSession } from './coinbase-session.js';

interface RawProduct {
  product_id: string;
  base_currency_id: string;
  quote_currency_id: string;
  price_increment: string;
  base_increment: string;
  status: string;
  trading_disabled: boolean;
  is_disabled: boolean;
  cancel_only: boolean;
  view_only: boolean;
  product_type: string;
  alias: string;
}

let session: CoinbaseSession;
let products: RawProduct[];

beforeAll(async () => {
  session = await loadCoinbaseSession();
  products = (JSON.parse(session.productsBody) as { products: RawProduct[] }).products;
});

describe('Coinbase parseCoinbaseProducts on the recorded products response', () => {
  it('is what the dialect parses at the recorded URL path', () => {
    expect(new URL(session.productsUrl).pathname).toBe(COINBASE_URLS.productsPath);
    expect(coinbaseDialect.instrumentRequests(['spot'])).toEqual([COINBASE_URLS.productsPath]);
    expect(coinbaseDialect.instrumentRequests(['perpetual', 'future'])).toEqual([]);
    expect(coinbaseDialect.parseInstruments(COINBASE_URLS.productsPath, session.productsBody)).toEqual(parseCoinbaseProducts(session.productsBody));
  });

  it('keeps exactly the online, tradable spot products under their own names, with tick and lot as published', () => {
    const definitions = parseCoinbaseProducts(session.productsBody);
    const byNative = new Map(definitions.map((definition) => [definition.native, definition]));
    for (const product of products) {
      const tradable = product.product_type === 'SPOT' && product.status === 'online' && !product.trading_disabled && !product.is_disabled && !product.cancel_only && !product.view_only && product.alias === '';
      const definition = byNative.get(product.product_id);
      if (!tradable) {
        expect(definition, product.product_id).toBeUndefined();
        continue;
      }
      expect(definition, product.product_id).toEqual({
        venue: 'coinbase',
        kind: 'spot',
        base: product.base_currency_id,
        quote: product.quote_currency_id,
        native: product.product_id,
        tickSize: product.price_increment,
        lotSize: product.base_increment,
      });
    }
    expect(definitions.length).toBe(byNative.size);
    // The recording holds both kinds of product that must be left out.
    expect(products.some((product) => product.status !== 'online' && product.trading_disabled)).toBe(true);
    expect(products.some((product) => product.alias !== '')).toBe(true);
  });

  it('leaves out aliases and delisted products, and gives BTC-USD its published tick and lot', () => {
    const definitions = parseCoinbaseProducts(session.productsBody);
    const natives = new Set(definitions.map((definition) => definition.native));
    // From the recording: BTC-USDC has "alias":"BTC-USD"; the delisted ones have "status":"delisted".
    expect(natives.has('BTC-USDC')).toBe(false);
    for (const product of products.filter((candidate) => candidate.status === 'delisted')) expect(natives.has(product.product_id)).toBe(false);
    const btc = definitions.find((definition) => definition.native === 'BTC-USD')!;
    expect([btc.tickSize, btc.lotSize]).toEqual(['0.01', '0.00000001']);
  });

  it('builds a registry with the canonical BASE-QUOTE symbols and scales from tick and lot', () => {
    const registry = new InstrumentRegistry(parseCoinbaseProducts(session.productsBody));
    const btc = registry.requireById('coinbase:BTC-USD');
    expect([btc.native, btc.canonical, btc.priceDecimals, btc.sizeDecimals]).toEqual(['BTC-USD', 'BTC-USD', 2, 8]);
    for (const instrument of registry.all()) expect(instrument.canonical).toBe(`${instrument.base}-${instrument.quote}`);
  });

  it('refuses a response that is not the documented shape, and paths it did not ask for', () => {
    expect(() => parseCoinbaseProducts('<html>')).toThrow(expect.objectContaining({ code: 'ZVT_ERR_COINBASE_PRODUCTS' }) as Error);
    expect(() => parseCoinbaseProducts('{"data":[]}')).toThrow(expect.objectContaining({ code: 'ZVT_ERR_COINBASE_PRODUCTS' }) as Error);
    expect(() => coinbaseDialect.parseInstruments('/api/v3/brokerage/products', session.productsBody)).toThrow(expect.objectContaining({ code: 'ZVT_ERR_COINBASE_ARGUMENT' }) as Error);
  });

  it('skips products whose currency ids are not asset codes rather than inventing a symbol', () => {
    const body = JSON.stringify({ products: [{ ...products.find((product) => product.product_id === 'BTC-USD')!, product_id: 'btc-usd', base_currency_id: 'btc' }] });
    expect(parseCoinbaseProducts(body)).toEqual([]);
  });
});
