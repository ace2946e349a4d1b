// POST /api/v3/order parameters → a SimOrderRequest, with Binance's checks and errors in Binance's order; engine rejections → Binance errors.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import { parsePriceTicks, parseSizeLots } from '../../../market/sim-instrument.js';
import type { SimOrderRequest, SimRejectReason } from '../../../matching/matching-types.js';
import type { SimHttpResponse } from '../../../server/sim-dialect.js';
import { SIGNED_PARAMETERS } from '../auth/authenticate.js';
import { BINANCE_TEXT_DECIMALS } from '../binance-text.js';
import { BinanceErrors, BinanceRejectMessages, CLIENT_ORDER_ID_RANGE } from '../errors.js';
import { binanceFilterBounds } from '../public-rest/exchange-info.js';
import { reject, type BinanceParams } from '../request-params.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#new-order-trade
 *   type         additional mandatory parameters
 *   LIMIT        timeInForce, quantity, price
 *   MARKET       quantity or quoteOrderQty
 *   LIMIT_MAKER  quantity, price   (a LIMIT order rejected instead of taking: -2010 "Order would
 *                                  immediately match and take.")
 * Stop, take-profit, iceberg, trailing and pegged orders are not offered by the simulated symbols
 * (exchangeInfo orderTypes, icebergAllowed false): they are refused with the -2010 messages Binance
 * uses for a symbol that does not support them. Filter failures are -1013 "Filter failure: X";
 * more fraction digits than the asset precision is -1111. newOrderRespType defaults to FULL for
 * MARKET and LIMIT orders and to ACK for the others.
 */

export const NEW_ORDER_PARAMETERS = [
  'symbol',
  'side',
  'type',
  'timeInForce',
  'quantity',
  'quoteOrderQty',
  'price',
  'newClientOrderId',
  'strategyId',
  'strategyType',
  'stopPrice',
  'trailingDelta',
  'icebergQty',
  'newOrderRespType',
  'selfTradePreventionMode',
  'pegPriceType',
  'pegOffsetValue',
  'pegOffsetType',
  ...SIGNED_PARAMETERS,
] as const;

export type NewOrderResponseType = 'ACK' | 'RESULT' | 'FULL';

export interface ParsedNewOrder {
  readonly request: SimOrderRequest;
  readonly responseType: NewOrderResponseType;
}

const UNSUPPORTED_TYPES: Readonly<Record<string, string>> = {
  STOP_LOSS: 'Stop loss orders are not supported for this symbol.',
  STOP_LOSS_LIMIT: 'Stop loss limit orders are not supported for this symbol.',
  TAKE_PROFIT: 'Take profit orders are not supported for this symbol.',
  TAKE_PROFIT_LIMIT: 'Take profit limit orders are not supported for this symbol.',
};
const CLIENT_ORDER_ID = /^[a-zA-Z0-9\-_]{1,36}$/;

/** Fraction digits of a decimal text, trailing zeros not counted. */
function significantDecimals(text: string): number {
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.slice(point + 1).replace(/0+$/, '').length;
}

function notSent(params: BinanceParams, ...names: string[]): void {
  for (const name of names) if (params.has(name)) reject(BinanceErrors.parameterNotRequired(name));
}

function priceTicksOf(listing: SimListing, params: BinanceParams): number {
  const instrument = listing.instrument;
  const text = params.requiredDecimal('price');
  if (significantDecimals(text) > Math.max(BINANCE_TEXT_DECIMALS, instrument.priceDecimals)) reject(BinanceErrors.tooMuchPrecision('price'));
  const ticks = parsePriceTicks(instrument, text);
  const maxTicks = parsePriceTicks(instrument, binanceFilterBounds(instrument).maxPrice);
  if (ticks === null || ticks < 1 || (maxTicks !== null && ticks > maxTicks)) reject(BinanceErrors.filterFailure('PRICE_FILTER'));
  return ticks;
}

function sizeLotsOf(listing: SimListing, params: BinanceParams, market: boolean): number {
  const instrument = listing.instrument;
  const text = params.requiredDecimal('quantity');
  if (significantDecimals(text) > Math.max(BINANCE_TEXT_DECIMALS, instrument.sizeDecimals)) reject(BinanceErrors.tooMuchPrecision('quantity'));
  const lots = parseSizeLots(instrument, text);
  const maxLots = parseSizeLots(instrument, binanceFilterBounds(instrument).maxQty);
  if (lots === null || lots < instrument.minSizeLots) reject(BinanceErrors.filterFailure('LOT_SIZE'));
  if (maxLots !== null && lots > maxLots) reject(BinanceErrors.filterFailure(market ? 'MARKET_LOT_SIZE' : 'LOT_SIZE'));
  return lots;
}

function quoteSizeOf(listing: SimListing, params: BinanceParams): string {
  const text = params.requiredDecimal('quoteOrderQty');
  if (significantDecimals(text) > Math.max(BINANCE_TEXT_DECIMALS, listing.instrument.priceDecimals)) reject(BinanceErrors.tooMuchPrecision('quoteOrderQty'));
  if (!/[1-9]/.test(text)) reject(BinanceErrors.filterFailure('NOTIONAL'));
  return text;
}

/** The order a POST /api/v3/order (or /order/test) asks for; throws the Binance rejection otherwise. */
export function parseNewOrder(listing: SimListing, params: BinanceParams): ParsedNewOrder {
  const sideText = params.requiredText('side');
  if (sideText !== 'BUY' && sideText !== 'SELL') reject(BinanceErrors.invalidSide());
  const type = params.requiredText('type');
  const unsupported = UNSUPPORTED_TYPES[type];
  if (unsupported !== undefined) reject(BinanceErrors.newOrderRejected(unsupported));
  if (type !== 'LIMIT' && type !== 'MARKET' && type !== 'LIMIT_MAKER') reject(BinanceErrors.invalidOrderType());
  notSent(params, 'stopPrice', 'trailingDelta', 'pegPriceType', 'pegOffsetValue', 'pegOffsetType');
  if (params.has('icebergQty')) reject(BinanceErrors.newOrderRejected('Iceberg orders are not supported for this symbol.'));

  const clientOrderId = params.optionalText('newClientOrderId');
  if (clientOrderId !== undefined && !CLIENT_ORDER_ID.test(clientOrderId)) reject(BinanceErrors.illegalCharacters('newClientOrderId', CLIENT_ORDER_ID_RANGE));
  const strategyType = params.optionalInteger('strategyType');
  if (strategyType !== undefined && strategyType < 1_000_000) reject(BinanceErrors.badStrategyType());
  params.optionalInteger('strategyId');
  const stp = params.optionalText('selfTradePreventionMode');
  if (stp !== undefined && stp !== 'NONE') reject(BinanceErrors.invalidParameter('selfTradePreventionMode'));
  const responseText = params.optionalText('newOrderRespType');
  if (responseText !== undefined && responseText !== 'ACK' && responseText !== 'RESULT' && responseText !== 'FULL') reject(BinanceErrors.invalidNewOrderResponseType());
  const responseType: NewOrderResponseType = responseText ?? (type === 'LIMIT_MAKER' ? 'ACK' : 'FULL');
  const side = sideText === 'BUY' ? 'buy' : 'sell';
  const base = { canonical: listing.instrument.canonical, clientOrderId, side } as const;

  if (type === 'MARKET') {
    notSent(params, 'price', 'timeInForce');
    const hasQuantity = params.optionalText('quantity') !== undefined;
    const hasQuote = params.optionalText('quoteOrderQty') !== undefined;
    if (!hasQuantity && !hasQuote) reject(BinanceErrors.eitherParameter('quantity', 'quoteOrderQty'));
    if (hasQuantity && hasQuote) reject(BinanceErrors.parameterNotRequired('quoteOrderQty'));
    const size = hasQuantity ? { sizeLots: sizeLotsOf(listing, params, true) } : { quoteSize: quoteSizeOf(listing, params) };
    return { request: { ...base, type: 'market', timeInForce: 'IOC', postOnly: false, ...size }, responseType };
  }

  notSent(params, 'quoteOrderQty');
  let timeInForce: SimOrderRequest['timeInForce'] = 'GTC';
  if (type === 'LIMIT') {
    const text = params.requiredText('timeInForce');
    if (text !== 'GTC' && text !== 'IOC' && text !== 'FOK') reject(BinanceErrors.invalidTimeInForce());
    timeInForce = text;
  } else {
    notSent(params, 'timeInForce');
  }
  const sizeLots = sizeLotsOf(listing, params, false);
  const priceTicks = priceTicksOf(listing, params);
  return { request: { ...base, type: 'limit', timeInForce, postOnly: type === 'LIMIT_MAKER', priceTicks, sizeLots }, responseType };
}

/** The Binance answer to an order the matching engine refused. */
export function binanceOrderRejection(reason: SimRejectReason): SimHttpResponse {
  switch (reason) {
    case 'insufficient_balance':
      return BinanceErrors.newOrderRejected(BinanceRejectMessages.insufficientBalance);
    case 'post_only_would_take':
      return BinanceErrors.newOrderRejected(BinanceRejectMessages.wouldMatchAndTake);
    case 'duplicate_client_order_id':
      return BinanceErrors.newOrderRejected(BinanceRejectMessages.duplicateOrder);
    case 'no_liquidity':
      return BinanceErrors.newOrderRejected(BinanceRejectMessages.noLiquidity);
    case 'unknown_instrument':
      return BinanceErrors.invalidSymbol();
    case 'unknown_order':
      return BinanceErrors.newOrderRejected(BinanceRejectMessages.unknownOrder);
    case 'invalid_price':
      return BinanceErrors.filterFailure('PRICE_FILTER');
    case 'invalid_size':
    case 'below_min_size':
      return BinanceErrors.filterFailure('LOT_SIZE');
    case 'below_min_notional':
      return BinanceErrors.filterFailure('NOTIONAL');
  }
}
