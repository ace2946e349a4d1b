// GET /api/v3/trades, /api/v3/historicalTrades and /api/v3/aggTrades: the history's trades and the live participant prints, by id.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimTrade } from '../../../market/sim-market-types.js';
import { authenticateApiKey } from '../auth/authenticate.js';
import type { BinanceContext, BinanceHandler } from '../binance-context.js';
import { binancePrice, binanceQuantity, binanceQuote } from '../binance-text.js';
import { BinanceErrors } from '../errors.js';
import { limitParam, requiredListing } from '../listing-lookup.js';
import { reject } from '../request-params.js';
import { mergeById } from './recent-prints.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints
 *   trades            symbol, limit (default 500, max 1000): the most recent trades;
 *   historicalTrades  the same plus fromId (trades with id >= fromId); needs an API key (MARKET_DATA);
 *   aggTrades         symbol, fromId, startTime, endTime (inclusive; less than 1 hour apart), limit;
 *                     none of the three: the most recent.
 * Each simulated print is its own aggregate trade (a = f = l = the trade id), as on the aggTrade
 * stream. Ids increase with time within a listing (SimTrade), so "most recent" and "from id" are
 * orderings by id.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const ALL = Number.MAX_SAFE_INTEGER;

function tradeJson(listing: SimListing, trade: SimTrade): Record<string, unknown> {
  const instrument = listing.instrument;
  return {
    id: trade.tradeId,
    price: binancePrice(instrument, trade.priceTicks),
    qty: binanceQuantity(instrument, trade.sizeLots),
    quoteQty: binanceQuote(instrument, BigInt(trade.priceTicks) * BigInt(trade.sizeLots)),
    time: trade.tsMs,
    isBuyerMaker: trade.takerSide === 'sell',
    isBestMatch: true,
  };
}

function aggTradeJson(listing: SimListing, trade: SimTrade): Record<string, unknown> {
  return {
    a: trade.tradeId,
    p: binancePrice(listing.instrument, trade.priceTicks),
    q: binanceQuantity(listing.instrument, trade.sizeLots),
    f: trade.tradeId,
    l: trade.tradeId,
    T: trade.tsMs,
    m: trade.takerSide === 'sell',
    M: true,
  };
}

/** The last `limit` trades with tsMs in [.., untilMs), oldest first. */
function latestTrades(context: BinanceContext, listing: SimListing, untilMs: number, limit: number): SimTrade[] {
  const history = context.exchange.history(listing.native);
  for (let windowMs = 5 * MINUTE_MS; ; windowMs *= 4) {
    const fromMs = untilMs - windowMs;
    const synthetic = history.trades(fromMs, untilMs, ALL);
    const prints = context.prints.of(listing.native, (trade) => trade.tsMs >= fromMs && trade.tsMs < untilMs);
    const found = mergeById(synthetic, prints);
    if (found.length >= limit || fromMs <= history.originMs) return found.slice(Math.max(0, found.length - limit));
  }
}

/** The first `limit` trades with id >= fromId that exist at nowMs. */
function tradesFromId(context: BinanceContext, listing: SimListing, fromId: number, limit: number): SimTrade[] {
  const synthetic = context.exchange.history(listing.native).tradesFromId(fromId, limit, context.exchange.nowMs());
  const prints = context.prints.of(listing.native, (trade) => trade.tradeId >= fromId);
  return mergeById(synthetic, prints).slice(0, limit);
}

/** The first `limit` trades with tsMs in [fromMs, toMs]. */
function tradesBetween(context: BinanceContext, listing: SimListing, fromMs: number, toMs: number, limit: number): SimTrade[] {
  const untilMs = Math.min(toMs + 1, context.exchange.nowMs());
  const synthetic = context.exchange.history(listing.native).trades(fromMs, untilMs, limit);
  const prints = context.prints.of(listing.native, (trade) => trade.tsMs >= fromMs && trade.tsMs < untilMs);
  return mergeById(synthetic, prints).slice(0, limit);
}

export const recentTrades: BinanceHandler = (_request, params, context) => {
  params.acceptOnly(['symbol', 'limit']);
  const listing = requiredListing(params, context.exchange);
  const limit = limitParam(params, 500, 1000);
  const trades = latestTrades(context, listing, context.exchange.nowMs(), limit);
  return { status: 200, body: trades.map((trade) => tradeJson(listing, trade)) };
};

export const historicalTrades: BinanceHandler = (request, params, context) => {
  params.acceptOnly(['symbol', 'limit', 'fromId']);
  authenticateApiKey(request, context.exchange);
  const listing = requiredListing(params, context.exchange);
  const limit = limitParam(params, 500, 1000);
  const fromId = params.optionalInteger('fromId');
  const trades = fromId === undefined ? latestTrades(context, listing, context.exchange.nowMs(), limit) : tradesFromId(context, listing, fromId, limit);
  return { status: 200, body: trades.map((trade) => tradeJson(listing, trade)) };
};

export const aggTrades: BinanceHandler = (_request, params, context) => {
  params.acceptOnly(['symbol', 'fromId', 'startTime', 'endTime', 'limit']);
  const listing = requiredListing(params, context.exchange);
  const fromId = params.optionalInteger('fromId');
  const startTime = params.optionalInteger('startTime');
  const endTime = params.optionalInteger('endTime');
  const limit = limitParam(params, 500, 1000);
  if (startTime !== undefined && endTime !== undefined && endTime - startTime >= HOUR_MS) reject(BinanceErrors.lookupIntervalTooBig(1));
  let trades: SimTrade[];
  if (fromId !== undefined) trades = tradesFromId(context, listing, fromId, limit);
  else if (startTime !== undefined) trades = tradesBetween(context, listing, startTime, endTime ?? startTime + HOUR_MS - 1, limit);
  else if (endTime !== undefined) trades = latestTrades(context, listing, Math.min(endTime + 1, context.exchange.nowMs()), limit);
  else trades = latestTrades(context, listing, context.exchange.nowMs(), limit);
  return { status: 200, body: trades.map((trade) => aggTradeJson(listing, trade)) };
};
