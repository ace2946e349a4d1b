// The simulator's instruments and each venue's default listings of them (native symbols and categories as the venues spell them).
//
// Instruments of the same base asset share one volatility: the price path is keyed by the base
// asset (BTC moves together on every venue and quote), so its parameters must agree.

import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_SIM_MARKET } from '../errors.js';
import type { SimListing } from '../exchange/sim-exchange-contract.js';
import type { SimInstrument, SimVenue } from './sim-market-types.js';

const DEPTH_LEVELS = 200;

function defineInstrument(
  base: string,
  quote: string,
  fields: Pick<
    SimInstrument,
    'tickSize' | 'lotSize' | 'minNotional' | 'initialPrice' | 'volatilityPerMinute' | 'tradesPerMinute'
  >,
  kind: SimInstrument['kind'] = 'spot',
): SimInstrument {
  return Object.freeze({
    canonical: kind === 'perpetual' ? `${base}-${quote}-PERP` : `${base}-${quote}`,
    base,
    quote,
    kind,
    ...fields,
    priceDecimals: fractionDigits(fields.tickSize),
    sizeDecimals: fractionDigits(fields.lotSize),
    minSizeLots: 1,
    depthLevels: DEPTH_LEVELS,
  });
}

function fractionDigits(text: string): number {
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

const BTC_VOLATILITY = 0.0006;
const ETH_VOLATILITY = 0.0007;
const SOL_VOLATILITY = 0.0009;

/** Every synthetic instrument, by canonical symbol. */
export const SIM_INSTRUMENTS: Readonly<Record<string, SimInstrument>> = Object.freeze({
  'BTC-USDT': defineInstrument('BTC', 'USDT', {
    tickSize: '0.01',
    lotSize: '0.00001',
    minNotional: '5',
    initialPrice: '65000',
    volatilityPerMinute: BTC_VOLATILITY,
    tradesPerMinute: 50,
  }),
  'ETH-USDT': defineInstrument('ETH', 'USDT', {
    tickSize: '0.01',
    lotSize: '0.0001',
    minNotional: '5',
    initialPrice: '3000',
    volatilityPerMinute: ETH_VOLATILITY,
    tradesPerMinute: 40,
  }),
  'SOL-USDT': defineInstrument('SOL', 'USDT', {
    tickSize: '0.01',
    lotSize: '0.001',
    minNotional: '5',
    initialPrice: '150',
    volatilityPerMinute: SOL_VOLATILITY,
    tradesPerMinute: 30,
  }),
  'BTC-USDT-PERP': defineInstrument(
    'BTC',
    'USDT',
    {
      tickSize: '0.1',
      lotSize: '0.001',
      minNotional: '5',
      initialPrice: '65000',
      volatilityPerMinute: BTC_VOLATILITY,
      tradesPerMinute: 60,
    },
    'perpetual',
  ),
  'BTC-USD': defineInstrument('BTC', 'USD', {
    tickSize: '0.01',
    lotSize: '0.00000001',
    minNotional: '1',
    initialPrice: '65000',
    volatilityPerMinute: BTC_VOLATILITY,
    tradesPerMinute: 40,
  }),
  'ETH-USD': defineInstrument('ETH', 'USD', {
    tickSize: '0.01',
    lotSize: '0.00000001',
    minNotional: '1',
    initialPrice: '3000',
    volatilityPerMinute: ETH_VOLATILITY,
    tradesPerMinute: 25,
  }),
});

/** The instrument of a canonical symbol, or undefined. */
export function simInstrument(canonical: string): SimInstrument | undefined {
  return Object.hasOwn(SIM_INSTRUMENTS, canonical) ? SIM_INSTRUMENTS[canonical] : undefined;
}

function listing(canonical: string, native: string, category: string): SimListing {
  const instrument = SIM_INSTRUMENTS[canonical];
  if (instrument === undefined) throw new ZvtError(ZVT_ERR_SIM_MARKET, `No sim instrument ${canonical}`, { canonical });
  return Object.freeze({ instrument, native, category });
}

const LISTINGS = new Map<SimVenue, readonly SimListing[]>();

/** The default listings of a venue (a new array each call; the listings themselves are frozen and shared). */
export function simListings(venue: SimVenue): SimListing[] {
  let listings = LISTINGS.get(venue);
  if (listings === undefined) {
    listings = Object.freeze(venueListings(venue));
    LISTINGS.set(venue, listings);
  }
  return [...listings];
}

function venueListings(venue: SimVenue): SimListing[] {
  switch (venue) {
    case 'binance':
      return [
        listing('BTC-USDT', 'BTCUSDT', 'spot'),
        listing('ETH-USDT', 'ETHUSDT', 'spot'),
        listing('SOL-USDT', 'SOLUSDT', 'spot'),
      ];
    case 'okx':
      return [
        listing('BTC-USDT', 'BTC-USDT', 'SPOT'),
        listing('ETH-USDT', 'ETH-USDT', 'SPOT'),
        listing('BTC-USDT-PERP', 'BTC-USDT-SWAP', 'SWAP'),
      ];
    case 'bybit':
      return [
        listing('BTC-USDT', 'BTCUSDT', 'spot'),
        listing('ETH-USDT', 'ETHUSDT', 'spot'),
        listing('BTC-USDT-PERP', 'BTCUSDT', 'linear'),
      ];
    case 'coinbase':
      return [listing('BTC-USD', 'BTC-USD', 'spot'), listing('ETH-USD', 'ETH-USD', 'spot')];
  }
}
