// GET /api/v3/exchangeInfo: the listings with Binance's symbol fields and filters, and the rate limits in force.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimInstrument } from '../../../market/sim-market-types.js';
import type { SimHttpResponse } from '../../../server/sim-dialect.js';
import type { BinanceContext, BinanceHandler } from '../binance-context.js';
import { BINANCE_TEXT_DECIMALS, binanceDecimal, binanceQuantity, padFraction } from '../binance-text.js';
import { BinanceErrors } from '../errors.js';
import { binanceRateLimitsInfo } from '../rate-limits.js';
import { reject } from '../request-params.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints#exchange-information
 * Options: no parameter, `symbol`, `symbols` (a JSON array), `permissions`, `showPermissionSets`,
 * `symbolStatus`; a symbol that does not exist is -1121. Per symbol: status TRADING, the asset
 * precisions, the order types the simulator matches (LIMIT, LIMIT_MAKER, MARKET: no stop, iceberg,
 * OCO or trailing orders, flagged false), and the filters it enforces:
 *   PRICE_FILTER     tickSize, minPrice = one tick, maxPrice;
 *   LOT_SIZE         stepSize, minQty = the instrument's minimum size, maxQty;
 *   MARKET_LOT_SIZE  same bounds for MARKET orders (stepSize 0 = the LOT_SIZE step applies);
 *   NOTIONAL         minNotional (applied to MARKET orders at the price they fill at), no maximum.
 * Limits are powers of ten picked from the instrument's initial price: maxPrice 1000 × its order of
 * magnitude, maxQty so that maxQty × price is about 10^9 quote units.
 */

const ORDER_TYPES = ['LIMIT', 'LIMIT_MAKER', 'MARKET'];
const SYMBOL_STATUSES = ['TRADING', 'END_OF_DAY', 'HALT', 'BREAK'];

/** Digits before the decimal point of a positive decimal text ("65000" → 5, "0.5" → 0). */
function integerDigits(text: string): number {
  const integer = text.split('.')[0]!.replace(/^0+/, '');
  return integer.length;
}

/** The price and quantity bounds of an instrument's filters (decimal texts). */
export function binanceFilterBounds(instrument: SimInstrument): { maxPrice: string; maxQty: string } {
  const digits = integerDigits(instrument.initialPrice);
  return { maxPrice: `1${'0'.repeat(digits + 3)}`, maxQty: `1${'0'.repeat(Math.max(0, 9 - digits))}` };
}

export function symbolInfo(listing: SimListing): Record<string, unknown> {
  const instrument = listing.instrument;
  const { maxPrice, maxQty } = binanceFilterBounds(instrument);
  const basePrecision = Math.max(BINANCE_TEXT_DECIMALS, instrument.sizeDecimals);
  const quotePrecision = Math.max(BINANCE_TEXT_DECIMALS, instrument.priceDecimals);
  return {
    symbol: listing.native,
    status: 'TRADING',
    baseAsset: instrument.base,
    baseAssetPrecision: basePrecision,
    quoteAsset: instrument.quote,
    quotePrecision,
    quoteAssetPrecision: quotePrecision,
    baseCommissionPrecision: basePrecision,
    quoteCommissionPrecision: quotePrecision,
    orderTypes: ORDER_TYPES,
    icebergAllowed: false,
    ocoAllowed: false,
    otoAllowed: false,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: false,
    cancelReplaceAllowed: false,
    amendAllowed: false,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: binanceDecimal(instrument.tickSize), maxPrice: padFraction(maxPrice), tickSize: binanceDecimal(instrument.tickSize) },
      { filterType: 'LOT_SIZE', minQty: binanceQuantity(instrument, instrument.minSizeLots), maxQty: padFraction(maxQty), stepSize: binanceDecimal(instrument.lotSize) },
      { filterType: 'MARKET_LOT_SIZE', minQty: padFraction('0'), maxQty: padFraction(maxQty), stepSize: padFraction('0') },
      { filterType: 'NOTIONAL', minNotional: binanceDecimal(instrument.minNotional), applyMinToMarket: true, maxNotional: padFraction('9000000'), applyMaxToMarket: false, avgPriceMins: 5 },
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'NONE',
    allowedSelfTradePreventionModes: ['NONE'],
  };
}

function selectedListings(params: Parameters<BinanceHandler>[1], context: BinanceContext): readonly SimListing[] {
  const symbol = params.optionalSymbol('symbol');
  const symbolsText = params.optionalText('symbols');
  if (symbol !== undefined && symbolsText !== undefined) reject(BinanceErrors.badParameterCombination());
  const names = symbol !== undefined ? [symbol] : symbolsText !== undefined ? symbolList(symbolsText) : null;
  if (names === null) return context.exchange.listings;
  return names.map((name) => context.exchange.listing(name) ?? reject(BinanceErrors.invalidSymbol()));
}

/** `symbols=["BTCUSDT","ETHUSDT"]`: a JSON array of symbol strings. */
export function symbolList(text: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    reject(BinanceErrors.invalidParameter('symbols'));
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((item): item is string => typeof item === 'string')) reject(BinanceErrors.invalidParameter('symbols'));
  if (new Set(parsed).size !== parsed.length) reject(BinanceErrors.duplicateSymbols());
  return parsed;
}

export const exchangeInfo: BinanceHandler = (request, params, context): SimHttpResponse => {
  params.acceptOnly(['symbol', 'symbols', 'permissions', 'showPermissionSets', 'symbolStatus']);
  const status = params.optionalText('symbolStatus');
  if (status !== undefined && !SYMBOL_STATUSES.includes(status)) reject(BinanceErrors.invalidSymbolStatus());
  const permissions = params.optionalText('permissions');
  let listings = selectedListings(params, context);
  // Every simulated symbol trades, under the SPOT permission only.
  if (status !== undefined && status !== 'TRADING') listings = [];
  if (permissions !== undefined && !permissions.includes('SPOT')) listings = [];
  const showPermissionSets = params.optionalText('showPermissionSets') !== 'false';
  const symbols = listings.map((listing) => {
    const info = symbolInfo(listing);
    if (!showPermissionSets) info.permissionSets = [];
    return info;
  });
  return {
    status: 200,
    body: {
      timezone: 'UTC',
      serverTime: request.receivedMs,
      rateLimits: binanceRateLimitsInfo(context.rateLimitRules),
      exchangeFilters: [],
      symbols,
    },
  };
};
