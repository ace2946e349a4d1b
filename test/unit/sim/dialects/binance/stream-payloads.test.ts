// Binance market stream payloads against the documented examples of web-socket-streams.md: same fields, order, types and values.
import { describe, expect, it } from 'vitest';
import { aggTradePayload, bookTickerPayload, combinedPayload, depthUpdatePayload, partialDepthPayload, tradePayload } from '../../../../../src/sim/dialects/binance/public-ws/stream-payloads.js';
import type { SimInstrument } from '../../../../../src/sim/market/sim-market-types.js';

function instrument(base: string, quote: string, tickSize: string, lotSize: string): SimInstrument {
  const decimals = (text: string): number => (text.includes('.') ? text.length - text.indexOf('.') - 1 : 0);
  return {
    canonical: `${base}-${quote}`,
    base,
    quote,
    kind: 'spot',
    tickSize,
    lotSize,
    priceDecimals: decimals(tickSize),
    sizeDecimals: decimals(lotSize),
    minSizeLots: 1,
    minNotional: '0.0001',
    initialPrice: '1',
    volatilityPerMinute: 0.001,
    tradesPerMinute: 10,
    depthLevels: 20,
  };
}

/** The documented example with its decimals written as Binance sends them live (8 digits). */
function withLiveDecimals(example: unknown): unknown {
  return JSON.parse(JSON.stringify(example), (_key, value: unknown) => (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? padTo8(value) : value));
}

function padTo8(text: string): string {
  const [integer, fraction = ''] = text.split('.');
  return `${integer}.${fraction.padEnd(8, '0')}`;
}

const BNBBTC = instrument('BNB', 'BTC', '0.0001', '0.1');
const BNBUSDT = instrument('BNB', 'USDT', '0.0001', '0.01');

describe('Binance stream payloads', () => {
  it('aggTrade: the documented example', () => {
    // web-socket-streams.md "Aggregate Trade Streams" (f and l are the trade ids aggregated; here one trade each).
    const example = { e: 'aggTrade', E: 1672515782136, s: 'BNBBTC', a: 12345, p: '0.001', q: '100', f: 12345, l: 12345, T: 1672515782136, m: true, M: true };
    const text = aggTradePayload(BNBBTC, 'BNBBTC', 1672515782136, { tradeId: 12345, tsMs: 1672515782136, priceTicks: 10, sizeLots: 1000, takerSide: 'sell' });
    expect(JSON.parse(text)).toEqual(withLiveDecimals(example));
    expect(Object.keys(JSON.parse(text) as object)).toEqual(Object.keys(example));
  });

  it('trade: the documented example without the buyer/seller order ids removed on 2024-06-05', () => {
    const example = { e: 'trade', E: 1672515782136, s: 'BNBBTC', t: 12345, p: '0.001', q: '100', T: 1672515782136, m: true, M: true };
    const text = tradePayload(BNBBTC, 'BNBBTC', 1672515782136, { tradeId: 12345, tsMs: 1672515782136, priceTicks: 10, sizeLots: 1000, takerSide: 'sell' });
    expect(text).toBe(JSON.stringify(withLiveDecimals(example)));
  });

  it('bookTicker: the documented example, byte for byte', () => {
    const expected = '{"u":400900217,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}';
    expect(bookTickerPayload(BNBUSDT, 'BNBUSDT', 400900217, { priceTicks: 253519, sizeLots: 3121 }, { priceTicks: 253652, sizeLots: 4066 })).toBe(expected);
  });

  it('depthUpdate: the documented example (U 157, u 160)', () => {
    const example = { e: 'depthUpdate', E: 1672515782136, s: 'BNBBTC', U: 157, u: 160, b: [['0.0024', '10']], a: [['0.0026', '100']] };
    const text = depthUpdatePayload(BNBBTC, 'BNBBTC', 1672515782136, 157, 160, { bids: [{ priceTicks: 24, sizeLots: 100 }], asks: [{ priceTicks: 26, sizeLots: 1000 }] });
    expect(text).toBe(JSON.stringify(withLiveDecimals(example)));
  });

  it('partial book depth: the documented example', () => {
    const example = { lastUpdateId: 160, bids: [['0.0024', '10']], asks: [['0.0026', '100']] };
    const text = partialDepthPayload(BNBBTC, 160, { bids: [{ priceTicks: 24, sizeLots: 100 }], asks: [{ priceTicks: 26, sizeLots: 1000 }] });
    expect(text).toBe(JSON.stringify(withLiveDecimals(example)));
  });

  it('combined streams wrap the payload text as {"stream","data"}', () => {
    expect(combinedPayload('bnbusdt@bookTicker', '{"u":1}')).toBe('{"stream":"bnbusdt@bookTicker","data":{"u":1}}');
  });
});
