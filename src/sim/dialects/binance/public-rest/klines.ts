// GET /api/v3/klines and /api/v3/uiKlines: candle rows as Binance arrays from the listing's synthetic history.
import type { SimInstrument } from '../../../market/sim-market-types.js';
import type { BinanceHandler } from '../binance-context.js';
import { binancePrice, binanceQuantity, binanceQuote } from '../binance-text.js';
import { BinanceErrors } from '../errors.js';
import { limitParam, requiredListing } from '../listing-lookup.js';
import { reject } from '../request-params.js';
import type { Kline } from './kline-builder.js';
import { binanceKlineInterval } from './kline-intervals.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#klinecandlestick-data
 * Parameters symbol, interval (case-sensitive), startTime, endTime, timeZone (default 0 = UTC),
 * limit (default 500, max 1000). Klines are identified by their open time; "If startTime and
 * endTime are not sent, the most recent klines are returned." A row:
 *   [openTime, "open", "high", "low", "close", "volume", closeTime, "quoteVolume", trades,
 *    "takerBuyBaseVolume", "takerBuyQuoteVolume", "0"]
 * with closeTime = the next kline's openTime − 1, the current kline included (it is still
 * forming: its close is the last trade so far). Buckets without trades (the market's maintenance
 * windows) have no row. Only timeZone 0 is served: other zones are answered -1130.
 */

function klineRow(instrument: SimInstrument, kline: Kline): [number, string, string, string, string, string, number, string, number, string, string, string] {
  return [
    kline.openTimeMs,
    binancePrice(instrument, kline.open),
    binancePrice(instrument, kline.high),
    binancePrice(instrument, kline.low),
    binancePrice(instrument, kline.close),
    binanceQuantity(instrument, kline.volumeLots),
    kline.nextOpenMs - 1,
    binanceQuote(instrument, kline.quoteTickLots),
    kline.tradeCount,
    binanceQuantity(instrument, kline.takerBuy.lots),
    binanceQuote(instrument, kline.takerBuy.quoteTickLots),
    '0',
  ];
}

/** timeZone values meaning UTC: "0", "+0", "-0", "00:00", "+00:00" ... */
const UTC_ZONE = /^[+-]?0{1,2}(:00)?$/;

export const klines: BinanceHandler = (_request, params, context) => {
  params.acceptOnly(['symbol', 'interval', 'startTime', 'endTime', 'timeZone', 'limit']);
  const listing = requiredListing(params, context.exchange);
  const interval = binanceKlineInterval(params.requiredText('interval')) ?? reject(BinanceErrors.invalidInterval());
  const startTime = params.optionalInteger('startTime');
  const endTime = params.optionalInteger('endTime');
  const timeZone = params.optionalText('timeZone');
  if (timeZone !== undefined && !UTC_ZONE.test(timeZone)) reject(BinanceErrors.invalidParameter('timeZone'));
  const limit = limitParam(params, 500, 1000);
  const nowMs = context.exchange.nowMs();
  const builder = context.klines(listing);
  const rows =
    startTime !== undefined
      ? builder.forward(interval, startTime, endTime ?? nowMs, limit, nowMs)
      : builder.backward(interval, endTime ?? nowMs, limit, nowMs);
  return { status: 200, body: rows.map((kline) => klineRow(listing.instrument, kline)) };
};
