// The body of a Coinbase create-order request, read into the matching engine's request or a Coinbase failure reason.
import { describe, expect, it } from 'vitest';
import { readOrderRequest } from '../../../../../src/sim/dialects/coinbase/private-rest/order-request.js';
import { simListings } from '../../../../../src/sim/market/sim-catalog.js';

const listings = simListings('coinbase');
const listingOf = (productId: string) => listings.find((listing) => listing.native === productId);

function read(body: unknown) {
  return readOrderRequest(JSON.stringify(body), listingOf);
}

describe('readOrderRequest', () => {
  it('reads a GTC post-only limit order (ccxt createOrder limit with postOnly)', () => {
    const result = read({ client_order_id: 'ccxt-1', product_id: 'BTC-USD', side: 'BUY', order_configuration: { limit_limit_gtc: { base_size: '0.001', limit_price: '25000.5', post_only: true } } });
    expect(result.ok && result.request).toEqual({ canonical: 'BTC-USD', clientOrderId: 'ccxt-1', side: 'buy', type: 'limit', timeInForce: 'GTC', postOnly: true, priceTicks: 2_500_050, sizeLots: 100_000 });
  });

  it('reads market orders by quote size (ccxt market buy) and by base size (market sell)', () => {
    const buy = read({ client_order_id: 'a', product_id: 'ETH-USD', side: 'BUY', order_configuration: { market_market_ioc: { quote_size: '100' } } });
    expect(buy.ok && buy.request).toMatchObject({ type: 'market', timeInForce: 'IOC', quoteSize: '100', side: 'buy' });
    const sell = read({ client_order_id: 'b', product_id: 'ETH-USD', side: 'SELL', order_configuration: { market_market_ioc: { base_size: '0.5' } } });
    expect(sell.ok && sell.request).toMatchObject({ type: 'market', sizeLots: 50_000_000, side: 'sell' });
  });

  it('reads FOK and IOC limit configurations', () => {
    const fok = read({ client_order_id: 'c', product_id: 'BTC-USD', side: 'SELL', order_configuration: { limit_limit_fok: { base_size: '0.01', limit_price: '30000' } } });
    expect(fok.ok && fok.request).toMatchObject({ timeInForce: 'FOK', postOnly: false });
    const ioc = read({ client_order_id: 'd', product_id: 'BTC-USD', side: 'SELL', order_configuration: { sor_limit_ioc: { base_size: '0.01', limit_price: '30000' } } });
    expect(ioc.ok && ioc.request).toMatchObject({ timeInForce: 'IOC' });
  });

  it('fails off-grid sizes and prices, unknown products and unsimulated configurations with Coinbase reasons', () => {
    const reason = (body: unknown) => {
      const result = read(body);
      return !result.ok && result.kind === 'failure' ? result.reason : null;
    };
    const limit = (fields: object) => ({ client_order_id: 'e', product_id: 'BTC-USD', side: 'BUY', order_configuration: { limit_limit_gtc: fields } });
    expect(reason(limit({ base_size: '0.000000001', limit_price: '1' }))).toBe('INVALID_SIZE_PRECISION');
    expect(reason(limit({ base_size: '0.01', limit_price: '1.001' }))).toBe('INVALID_PRICE_PRECISION');
    expect(reason(limit({ base_size: '0.01', limit_price: '0' }))).toBe('INVALID_LIMIT_PRICE');
    expect(reason({ client_order_id: 'e', product_id: 'DOGE-USD', side: 'BUY', order_configuration: { limit_limit_gtc: { base_size: '1', limit_price: '1' } } })).toBe('INVALID_PRODUCT_ID');
    expect(reason({ client_order_id: 'e', product_id: 'BTC-USD', side: 'BUY', order_configuration: { stop_limit_stop_limit_gtc: { base_size: '1', limit_price: '1', stop_price: '2' } } })).toBe(
      'UNSUPPORTED_ORDER_CONFIGURATION',
    );
  });

  it('answers a malformed body as an invalid request, not a failed order', () => {
    const invalid = (text: string) => {
      const result = readOrderRequest(text, listingOf);
      return !result.ok && result.kind === 'invalid';
    };
    expect(invalid('{')).toBe(true);
    expect(invalid(JSON.stringify({ product_id: 'BTC-USD', side: 'BUY', order_configuration: {} }))).toBe(true);
    expect(invalid(JSON.stringify({ client_order_id: 'x', product_id: 'BTC-USD', side: 'buy', order_configuration: {} }))).toBe(true);
  });
});
