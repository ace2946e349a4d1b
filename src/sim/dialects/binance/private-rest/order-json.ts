// Binance's JSON for orders and account trades: new-order ACK/RESULT/FULL, query, cancel, myTrades rows.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimFill, SimOrder, SimOrderStatus } from '../../../matching/matching-types.js';
import { binanceDecimal, binancePrice, binanceQuantity, binanceQuote, BINANCE_ZERO } from '../binance-text.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints (New order,
 * Query order, Cancel order) and account-endpoints (Account trade list). Field order as documented.
 * Orders placed here are never part of an order list (orderListId -1), have no stop or iceberg
 * (stopPrice / icebergQty 0), self-trade prevention NONE; a post-only limit order is LIMIT_MAKER.
 * MARKET orders report timeInForce GTC and price 0, as Binance does.
 */

export const BINANCE_ORDER_STATUS: Readonly<Record<SimOrderStatus, string>> = {
  new: 'NEW',
  partially_filled: 'PARTIALLY_FILLED',
  filled: 'FILLED',
  canceled: 'CANCELED',
  expired: 'EXPIRED',
  rejected: 'REJECTED',
};

export function binanceOrderType(order: SimOrder): 'LIMIT' | 'LIMIT_MAKER' | 'MARKET' {
  if (order.type === 'market') return 'MARKET';
  return order.postOnly ? 'LIMIT_MAKER' : 'LIMIT';
}

/** MARKET orders read GTC on Binance (the engine runs them as IOC: fill now, expire the rest). */
export function binanceTimeInForce(order: SimOrder): string {
  return order.type === 'market' ? 'GTC' : order.timeInForce;
}

export function binanceSide(side: 'buy' | 'sell'): 'BUY' | 'SELL' {
  return side === 'buy' ? 'BUY' : 'SELL';
}

function priceOf(listing: SimListing, order: SimOrder): string {
  return order.priceTicks === null ? BINANCE_ZERO : binancePrice(listing.instrument, order.priceTicks);
}

/** The fields shared by the RESULT answer, the query answer and the cancel answer, in Binance's order. */
function orderCore(listing: SimListing, order: SimOrder): Record<string, unknown> {
  const instrument = listing.instrument;
  return {
    price: priceOf(listing, order),
    origQty: binanceQuantity(instrument, order.sizeLots),
    executedQty: binanceQuantity(instrument, order.filledLots),
    origQuoteOrderQty: order.quoteSize === null ? BINANCE_ZERO : binanceDecimal(order.quoteSize),
    cummulativeQuoteQty: binanceQuote(instrument, order.filledTickLots),
    status: BINANCE_ORDER_STATUS[order.status],
    timeInForce: binanceTimeInForce(order),
    type: binanceOrderType(order),
    side: binanceSide(order.side),
  };
}

/** POST /api/v3/order with newOrderRespType ACK. */
export function orderAckJson(listing: SimListing, order: SimOrder, transactTime: number): Record<string, unknown> {
  return { symbol: listing.native, orderId: order.orderId, orderListId: -1, clientOrderId: order.clientOrderId, transactTime };
}

/** POST /api/v3/order with newOrderRespType RESULT. */
export function orderResultJson(listing: SimListing, order: SimOrder, transactTime: number): Record<string, unknown> {
  return {
    ...orderAckJson(listing, order, transactTime),
    ...orderCore(listing, order),
    workingTime: order.createdMs,
    selfTradePreventionMode: 'NONE',
  };
}

/** One entry of a FULL answer's `fills`. */
export function orderFillJson(listing: SimListing, fill: SimFill): Record<string, unknown> {
  return {
    price: binancePrice(listing.instrument, fill.priceTicks),
    qty: binanceQuantity(listing.instrument, fill.sizeLots),
    commission: binanceDecimal(fill.fee),
    commissionAsset: fill.feeAsset,
    tradeId: fill.tradeId,
  };
}

/** POST /api/v3/order with newOrderRespType FULL. */
export function orderFullJson(listing: SimListing, order: SimOrder, fills: readonly SimFill[], transactTime: number): Record<string, unknown> {
  return { ...orderResultJson(listing, order, transactTime), fills: fills.map((fill) => orderFillJson(listing, fill)) };
}

/** GET /api/v3/order, /openOrders, /allOrders entries. */
export function orderQueryJson(listing: SimListing, order: SimOrder): Record<string, unknown> {
  return {
    symbol: listing.native,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
    ...orderCore(listing, order),
    stopPrice: BINANCE_ZERO,
    icebergQty: BINANCE_ZERO,
    time: order.createdMs,
    updateTime: order.updatedMs,
    isWorking: true,
    workingTime: order.createdMs,
    origQuoteOrderQty: order.quoteSize === null ? BINANCE_ZERO : binanceDecimal(order.quoteSize),
    selfTradePreventionMode: 'NONE',
  };
}

/** DELETE /api/v3/order (and each entry of DELETE /api/v3/openOrders): clientOrderId is the cancel request's own id. */
export function orderCancelJson(listing: SimListing, order: SimOrder, cancelClientOrderId: string, transactTime: number): Record<string, unknown> {
  return {
    symbol: listing.native,
    origClientOrderId: order.clientOrderId,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: cancelClientOrderId,
    transactTime,
    ...orderCore(listing, order),
    selfTradePreventionMode: 'NONE',
  };
}

/** GET /api/v3/myTrades row. */
export function accountTradeJson(listing: SimListing, fill: SimFill): Record<string, unknown> {
  const instrument = listing.instrument;
  return {
    symbol: listing.native,
    id: fill.tradeId,
    orderId: fill.orderId,
    orderListId: -1,
    price: binancePrice(instrument, fill.priceTicks),
    qty: binanceQuantity(instrument, fill.sizeLots),
    quoteQty: binanceQuote(instrument, BigInt(fill.priceTicks) * BigInt(fill.sizeLots)),
    commission: binanceDecimal(fill.fee),
    commissionAsset: fill.feeAsset,
    time: fill.tsMs,
    isBuyer: fill.side === 'buy',
    isMaker: fill.liquidity === 'maker',
    isBestMatch: true,
  };
}
