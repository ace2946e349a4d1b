// GET /api/v3/ticker/24hr: rolling 24-hour statistics of each listing from its trades (history and live prints).
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimInstrument, SimTrade } from '../../../market/sim-market-types.js';
import type { BinanceContext, BinanceHandler } from '../binance-context.js';
import { formatDecimalBig } from '../../../../model/fixed-point.js';
import { instrumentScales } from '../../../market/sim-instrument.js';
import { binancePrice, binanceQuantity, binanceQuote, BINANCE_ZERO, fixedText, padFraction } from '../binance-text.js';
import { BinanceErrors } from '../errors.js';
import { reject } from '../request-params.js';
import { symbolList } from './exchange-info.js';
import { mergeById } from './recent-prints.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#24hr-ticker-price-change-statistics
 * "24 hour rolling window": trades with time in [now − 24 h, now). prevClosePrice is the last
 * trade before the window, priceChangePercent has 3 decimals, weightedAvgPrice is
 * quoteVolume / volume (8 decimals, rounded down). type FULL (default) or MINI. A window without
 * trades reads 0 with firstId and lastId −1, as Binance answers for an idle symbol.
 */

const DAY_MS = 86_400_000;
const ALL = Number.MAX_SAFE_INTEGER;

function tradesBetween(context: BinanceContext, listing: SimListing, fromMs: number, toMs: number): SimTrade[] {
  const history = context.exchange.history(listing.native).trades(fromMs, toMs, ALL);
  return mergeById(history, context.prints.of(listing.native, (trade) => trade.tsMs >= fromMs && trade.tsMs < toMs));
}

/** The last trade before `beforeMs`, looking back at most a day. */
function lastTradeBefore(context: BinanceContext, listing: SimListing, beforeMs: number): SimTrade | undefined {
  for (let spanMs = 60_000; spanMs <= DAY_MS; spanMs *= 8) {
    const trades = tradesBetween(context, listing, beforeMs - spanMs, beforeMs);
    if (trades.length > 0) return trades[trades.length - 1];
  }
  return undefined;
}

/** change / open × 100 with 3 decimals, truncated toward zero ("-95.960"). */
function percentText(changeTicks: number, openTicks: number): string {
  return padFraction(formatDecimalBig((BigInt(changeTicks) * 100_000n) / BigInt(openTicks), 3), 3);
}

/** Σ ticks·lots / Σ lots as a price, max(8, priceDecimals) decimals, rounded down. */
function weightedAverageText(instrument: SimInstrument, tickLots: bigint, lots: number): string {
  const decimals = instrument.priceDecimals + 8;
  const text = fixedText((tickLots * BigInt(instrumentScales(instrument).tickMantissa) * 10n ** 8n) / BigInt(lots), decimals);
  return text.slice(0, text.indexOf('.') + 1 + Math.max(8, instrument.priceDecimals));
}

function signedPrice(instrument: SimInstrument, ticks: number): string {
  return ticks < 0 ? `-${binancePrice(instrument, -ticks)}` : binancePrice(instrument, ticks);
}

function tickerOf(context: BinanceContext, listing: SimListing, mini: boolean): Record<string, unknown> {
  const instrument = listing.instrument;
  const closeTime = context.exchange.nowMs();
  const openTime = closeTime - DAY_MS;
  const trades = tradesBetween(context, listing, openTime, closeTime);
  const first = trades[0];
  const last = trades[trades.length - 1];
  let high = 0;
  let low = 0;
  let volumeLots = 0;
  let quoteTickLots = 0n;
  for (const trade of trades) {
    if (trade === first || trade.priceTicks > high) high = trade.priceTicks;
    if (trade === first || trade.priceTicks < low) low = trade.priceTicks;
    volumeLots += trade.sizeLots;
    quoteTickLots += BigInt(trade.priceTicks) * BigInt(trade.sizeLots);
  }
  const stats = {
    openPrice: first === undefined ? BINANCE_ZERO : binancePrice(instrument, first.priceTicks),
    highPrice: first === undefined ? BINANCE_ZERO : binancePrice(instrument, high),
    lowPrice: first === undefined ? BINANCE_ZERO : binancePrice(instrument, low),
    lastPrice: last === undefined ? BINANCE_ZERO : binancePrice(instrument, last.priceTicks),
    volume: binanceQuantity(instrument, volumeLots),
    quoteVolume: binanceQuote(instrument, quoteTickLots),
    openTime,
    closeTime,
    firstId: first?.tradeId ?? -1,
    lastId: last?.tradeId ?? -1,
    count: trades.length,
  };
  if (mini) return { symbol: listing.native, ...stats };
  const previous = lastTradeBefore(context, listing, openTime);
  const change = first === undefined || last === undefined ? 0 : last.priceTicks - first.priceTicks;
  const top = context.exchange.snapshot(listing.native, 1);
  const bid = top.bids[0];
  const ask = top.asks[0];
  return {
    symbol: listing.native,
    priceChange: signedPrice(instrument, change),
    priceChangePercent: first === undefined ? '0.000' : percentText(change, first.priceTicks),
    weightedAvgPrice: volumeLots === 0 ? BINANCE_ZERO : weightedAverageText(instrument, quoteTickLots, volumeLots),
    prevClosePrice: previous === undefined ? BINANCE_ZERO : binancePrice(instrument, previous.priceTicks),
    lastPrice: stats.lastPrice,
    lastQty: last === undefined ? BINANCE_ZERO : binanceQuantity(instrument, last.sizeLots),
    bidPrice: bid === undefined ? BINANCE_ZERO : binancePrice(instrument, bid.priceTicks),
    bidQty: bid === undefined ? BINANCE_ZERO : binanceQuantity(instrument, bid.sizeLots),
    askPrice: ask === undefined ? BINANCE_ZERO : binancePrice(instrument, ask.priceTicks),
    askQty: ask === undefined ? BINANCE_ZERO : binanceQuantity(instrument, ask.sizeLots),
    openPrice: stats.openPrice,
    highPrice: stats.highPrice,
    lowPrice: stats.lowPrice,
    volume: stats.volume,
    quoteVolume: stats.quoteVolume,
    openTime,
    closeTime,
    firstId: stats.firstId,
    lastId: stats.lastId,
    count: stats.count,
  };
}

export const ticker24hr: BinanceHandler = (_request, params, context) => {
  params.acceptOnly(['symbol', 'symbols', 'type', 'symbolStatus']);
  const type = params.optionalText('type') ?? 'FULL';
  if (type !== 'FULL' && type !== 'MINI') reject(BinanceErrors.invalidTickerType());
  const symbol = params.optionalSymbol('symbol');
  const symbols = params.optionalText('symbols');
  if (symbol !== undefined && symbols !== undefined) reject(BinanceErrors.badParameterCombination());
  const mini = type === 'MINI';
  if (symbol !== undefined) {
    const listing = context.exchange.listing(symbol) ?? reject(BinanceErrors.invalidSymbol());
    return { status: 200, body: tickerOf(context, listing, mini) };
  }
  const listings = symbols === undefined ? context.exchange.listings : symbolList(symbols).map((name) => context.exchange.listing(name) ?? reject(BinanceErrors.invalidSymbol()));
  return { status: 200, body: listings.map((listing) => tickerOf(context, listing, mini)) };
};
