// Unit tests of venue ids, canonical symbols and venue instrument ids: valid forms and every rejection.
import { describe, expect, it } from 'vitest';
import {
  buildCanonicalSymbol,
  buildInstrumentId,
  isVenueId,
  parseCanonicalSymbol,
  parseInstrumentId,
  parseVenueId,
  VENUE_CODES,
  VENUE_IDS,
  venueCodeOf,
  venueOfCode,
  ZVT_ERR_INSTRUMENT_ID_SYNTAX,
  ZVT_ERR_SYMBOL_SYNTAX,
  ZVT_ERR_VENUE_UNKNOWN,
  ZvtError,
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

describe('venues', () => {
  it('lists the six lowercase venues with stable codes 1..6', () => {
    expect(VENUE_IDS).toEqual(['binance', 'binance-futures', 'okx', 'bybit', 'coinbase', 'sim']);
    expect(VENUE_CODES).toEqual({ binance: 1, 'binance-futures': 2, okx: 3, bybit: 4, coinbase: 5, sim: 6 });
    for (const venue of VENUE_IDS) expect(venueOfCode(venueCodeOf(venue))).toBe(venue);
  });

  it.each(['BINANCE', 'kraken', '', 'okx ', 'binance_futures'])('%j is not a venue', (text) => {
    expect(isVenueId(text)).toBe(false);
    const error = caught(() => parseVenueId(text));
    expect(error.code).toBe(ZVT_ERR_VENUE_UNKNOWN);
    expect(error.message).toContain(JSON.stringify(text));
  });

  it.each([0, 7, -1, 1.5])('venue code %d is unknown', (code) => {
    expect(caught(() => venueOfCode(code)).code).toBe(ZVT_ERR_VENUE_UNKNOWN);
  });

  it('isVenueId rejects non-strings', () => {
    expect(isVenueId(1)).toBe(false);
    expect(isVenueId(undefined)).toBe(false);
  });
});

describe('canonical symbols', () => {
  it.each([
    ['BTC-USDT', { kind: 'spot', base: 'BTC', quote: 'USDT', expiry: null }],
    ['ETH-USD', { kind: 'spot', base: 'ETH', quote: 'USD', expiry: null }],
    ['BTC-USDT-PERP', { kind: 'perpetual', base: 'BTC', quote: 'USDT', expiry: null }],
    ['1000PEPE-USDT-PERP', { kind: 'perpetual', base: '1000PEPE', quote: 'USDT', expiry: null }],
    ['BTC-USD-20250328', { kind: 'future', base: 'BTC', quote: 'USD', expiry: '2025-03-28' }],
    ['BTC-USD-20240229', { kind: 'future', base: 'BTC', quote: 'USD', expiry: '2024-02-29' }],
  ] as const)('%s', (text, parts) => {
    expect(parseCanonicalSymbol(text)).toEqual(parts);
    expect(buildCanonicalSymbol(parts)).toBe(text);
  });

  it.each([
    '',
    'BTC',
    'BTCUSDT',
    'btc-usdt',
    'BTC-usdt',
    'BTC--USDT',
    '-BTC-USDT',
    'BTC-USDT-',
    'BTC-USDT-perp',
    'BTC-USDT-SWAP',
    'BTC-USDT-PERP-X',
    'BTC-USDT-2025032',
    'BTC-USDT-20251301',
    'BTC-USDT-20230229',
    'BTC-USDT-20250431',
    'BTC-USDT-19691231',
    'BTC/USDT',
    'BTC-USDT ',
    'BTC-ÜSDT',
    'ABCDEFGHIJKLMNOPQRSTU-USDT',
  ])('%j is rejected with the text in the message', (text) => {
    const error = caught(() => parseCanonicalSymbol(text));
    expect(error.code).toBe(ZVT_ERR_SYMBOL_SYNTAX);
    expect(error.message).toContain(JSON.stringify(text));
    expect(error.details).toEqual({ symbol: text });
  });

  it.each([
    [{ kind: 'spot', base: 'BTC', quote: 'USDT', expiry: '2025-03-28' }],
    [{ kind: 'perpetual', base: 'BTC', quote: 'USDT', expiry: '2025-03-28' }],
    [{ kind: 'future', base: 'BTC', quote: 'USDT', expiry: null }],
    [{ kind: 'future', base: 'BTC', quote: 'USDT', expiry: '20250328' }],
    [{ kind: 'future', base: 'BTC', quote: 'USDT', expiry: '2025-02-30' }],
    [{ kind: 'spot', base: 'btc', quote: 'USDT', expiry: null }],
    [{ kind: 'spot', base: 'BTC', quote: '', expiry: null }],
  ] as const)('buildCanonicalSymbol rejects %j', (parts) => {
    expect(caught(() => buildCanonicalSymbol(parts)).code).toBe(ZVT_ERR_SYMBOL_SYNTAX);
  });
});

describe('venue instrument ids', () => {
  it('builds and parses <venue>:<canonical>', () => {
    expect(buildInstrumentId('bybit', 'BTC-USDT-PERP')).toBe('bybit:BTC-USDT-PERP');
    expect(parseInstrumentId('binance-futures:ETH-USDT-20251226')).toEqual({
      venue: 'binance-futures',
      canonical: 'ETH-USDT-20251226',
      kind: 'future',
      base: 'ETH',
      quote: 'USDT',
      expiry: '2025-12-26',
    });
  });

  it.each([
    'BTC-USDT',
    'bybit:',
    ':BTC-USDT',
    'kraken:BTC-USDT',
    'Bybit:BTC-USDT',
    'bybit:BTC-USDT:PERP',
    'bybit::BTC-USDT',
    'bybit:BTCUSDT',
    'bybit: BTC-USDT',
  ])('%j is rejected with the text in the message', (text) => {
    const error = caught(() => parseInstrumentId(text));
    expect(error.code).toBe(ZVT_ERR_INSTRUMENT_ID_SYNTAX);
    expect(error.message).toContain(JSON.stringify(text));
  });

  it('buildInstrumentId validates the canonical part', () => {
    expect(caught(() => buildInstrumentId('okx', 'BTC-USDT-SWAP')).code).toBe(ZVT_ERR_INSTRUMENT_ID_SYNTAX);
  });
});
