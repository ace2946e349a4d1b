// Reading OKX place-order objects: order types, tgtCcy for spot market orders, SWAP tdMode, grid checks, and which failures are the request's or the order's.
import { describe, expect, it } from 'vitest';
import { parseOrder } from '../../../../../src/sim/dialects/okx/private-rest/order-request.js';
import { simListings } from '../../../../../src/sim/market/sim-catalog.js';

const listings = new Map(simListings('okx').map((listing) => [listing.native, listing]));
const listingOf = (instId: string) => listings.get(instId);
const base = { instId: 'BTC-USDT', tdMode: 'cash', side: 'buy', ordType: 'limit', px: '65000.5', sz: '0.012' };

describe('OKX order request', () => {
  it('maps limit, post_only, fok and ioc to limit orders with their time in force, px and sz on the grid', () => {
    expect(parseOrder({ ...base, clOrdId: 'c1', tag: 't1' }, listingOf)).toMatchObject({
      ok: true,
      request: { canonical: 'BTC-USDT', clientOrderId: 'c1', side: 'buy', type: 'limit', timeInForce: 'GTC', postOnly: false, priceTicks: 6_500_050, sizeLots: 1_200 },
      meta: { ordType: 'limit', tdMode: 'cash', tgtCcy: '', tag: 't1', clOrdId: 'c1' },
    });
    expect(parseOrder({ ...base, ordType: 'post_only' }, listingOf)).toMatchObject({ ok: true, request: { postOnly: true, timeInForce: 'GTC' } });
    expect(parseOrder({ ...base, ordType: 'fok' }, listingOf)).toMatchObject({ ok: true, request: { timeInForce: 'FOK' } });
    expect(parseOrder({ ...base, ordType: 'ioc' }, listingOf)).toMatchObject({ ok: true, request: { timeInForce: 'IOC' } });
  });

  it('sizes spot market orders by tgtCcy: quote_ccy by default for buys, base_ccy for sells', () => {
    const buy = parseOrder({ instId: 'BTC-USDT', tdMode: 'cash', side: 'buy', ordType: 'market', sz: '250.5' }, listingOf);
    expect(buy).toMatchObject({ ok: true, request: { type: 'market', timeInForce: 'IOC', quoteSize: '250.5' }, meta: { tgtCcy: 'quote_ccy' } });
    expect(buy.ok ? buy.request.sizeLots : 'failed').toBeUndefined();
    expect(parseOrder({ instId: 'BTC-USDT', tdMode: 'cash', side: 'sell', ordType: 'market', sz: '0.5' }, listingOf)).toMatchObject({ ok: true, request: { sizeLots: 50_000 }, meta: { tgtCcy: 'base_ccy' } });
    expect(parseOrder({ instId: 'BTC-USDT', tdMode: 'cash', side: 'buy', ordType: 'market', sz: '0.5', tgtCcy: 'base_ccy' }, listingOf)).toMatchObject({ ok: true, request: { sizeLots: 50_000 } });
  });

  it('SWAP: cross or isolated, sz in contracts, optimal_limit_ioc a market IOC; no tgtCcy', () => {
    expect(parseOrder({ instId: 'BTC-USDT-SWAP', tdMode: 'cross', side: 'sell', ordType: 'optimal_limit_ioc', sz: '0.003' }, listingOf)).toMatchObject({
      ok: true,
      request: { canonical: 'BTC-USDT-PERP', type: 'market', timeInForce: 'IOC', sizeLots: 3 },
      meta: { ordType: 'optimal_limit_ioc', tgtCcy: '' },
    });
    expect(parseOrder({ instId: 'BTC-USDT-SWAP', tdMode: 'cash', side: 'sell', ordType: 'market', sz: '1' }, listingOf)).toMatchObject({ ok: false, level: 'request', error: { code: '51000', msg: 'Parameter tdMode error' } });
    expect(parseOrder({ ...base, ordType: 'optimal_limit_ioc' }, listingOf)).toMatchObject({ ok: false, error: { msg: 'Parameter ordType error' } });
  });

  it('missing or malformed fields fail the whole request; grid and listing failures are the order sCode', () => {
    expect(parseOrder({ ...base, sz: undefined }, listingOf)).toMatchObject({ ok: false, level: 'request', error: { code: '50014', status: 400 } });
    expect(parseOrder({ ...base, side: 'long' }, listingOf)).toMatchObject({ ok: false, level: 'request', error: { msg: 'Parameter side error' } });
    expect(parseOrder({ ...base, clOrdId: 'has space' }, listingOf)).toMatchObject({ ok: false, level: 'request', error: { msg: 'Parameter clOrdId error' } });
    expect(parseOrder({ ...base, posSide: 'long' }, listingOf)).toMatchObject({ ok: false, level: 'request' });
    expect(parseOrder({ ...base, sz: '0.0000001' }, listingOf)).toMatchObject({ ok: false, level: 'order', error: { code: '51121' } });
    expect(parseOrder({ ...base, px: '65000.001' }, listingOf)).toMatchObject({ ok: false, level: 'order', error: { code: '51000', msg: 'Parameter px error' } });
    expect(parseOrder({ ...base, px: undefined }, listingOf)).toMatchObject({ ok: false, level: 'order', error: { code: '51204' } });
    expect(parseOrder({ ...base, instId: 'XRP-USDT', clOrdId: 'x1' }, listingOf)).toMatchObject({ ok: false, level: 'order', error: { code: '51001' }, clOrdId: 'x1' });
  });
});
