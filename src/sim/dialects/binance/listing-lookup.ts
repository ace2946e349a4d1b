// The listing a request's `symbol` names, or Binance's -1121 "Invalid symbol.".
import type { SimExchange, SimListing } from '../../exchange/sim-exchange-contract.js';
import { BinanceErrors } from './errors.js';
import { reject, type BinanceParams } from './request-params.js';

export function requiredListing(params: BinanceParams, exchange: SimExchange, name = 'symbol'): SimListing {
  const listing = exchange.listing(params.requiredSymbol(name));
  if (listing === undefined) reject(BinanceErrors.invalidSymbol());
  return listing;
}

export function optionalListing(params: BinanceParams, exchange: SimExchange, name = 'symbol'): SimListing | undefined {
  const symbol = params.optionalSymbol(name);
  if (symbol === undefined) return undefined;
  const listing = exchange.listing(symbol);
  if (listing === undefined) reject(BinanceErrors.invalidSymbol());
  return listing;
}

/** `limit` within [1, max] (default when absent); a larger one is cut to max as Binance does, 0 is invalid. */
export function limitParam(params: BinanceParams, fallback: number, max: number): number {
  const limit = params.optionalInteger('limit');
  if (limit === undefined) return fallback;
  if (limit < 1) reject(BinanceErrors.invalidParameter('limit'));
  return Math.min(limit, max);
}
