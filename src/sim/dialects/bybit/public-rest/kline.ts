// GET /v5/market/kline: bars of any Bybit interval from the market history, newest first, as strings.
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { BybitParams, type BybitContext } from '../bybit-context.js';
import { bybitFail, bybitOk } from '../bybit-envelope.js';
import { paramsError } from '../bybit-errors.js';
import { klinePage } from '../bybit-klines.js';
import { notionalText, priceText, sizeText } from '../../../market/sim-instrument.js';
import { KLINE_INTERVALS, type KlineInterval } from '../public-ws/public-topics.js';
import { marketTarget, pageLimit } from './market-request.js';

/*
 * https://bybit-exchange.github.io/docs/v5/market/kline: category default linear; interval
 * required; start/end ms; limit [1, 1000] default 200; list items [startTime, open, high, low,
 * close, volume, turnover], all strings, sorted newest first (paging rules in bybit-klines.ts).
 * Prices and volumes are canonical text, as the recorded kline frames write them on both categories.
 */

export function handleKline(request: SimHttpRequest, context: BybitContext): SimHttpResponse {
  const nowMs = request.receivedMs;
  const params = BybitParams.ofQuery(request.query);
  const target = marketTarget(params, context, nowMs, 'linear');
  if (!target.ok) return target.response;
  const intervalText = params.text('interval');
  const interval = KLINE_INTERVALS.find((candidate): candidate is KlineInterval => candidate === intervalText);
  if (interval === undefined) return bybitFail(paramsError('Invalid period!'), nowMs);
  const limit = pageLimit(params, 200, 1000);
  const start = params.integer('start');
  const end = params.integer('end');
  if (limit === null || start === null || end === null) return bybitFail(paramsError('params error: invalid number'), nowMs);
  const exchangeNowMs = context.exchange.nowMs();
  const history = context.exchange.history(target.listing.native);
  const bars = klinePage(history, interval, start, end, limit, exchangeNowMs);
  const instrument = target.listing.instrument;
  const list = bars
    .map((bar) => [
      String(bar.openTimeMs),
      priceText(instrument, bar.open),
      priceText(instrument, bar.high),
      priceText(instrument, bar.low),
      priceText(instrument, bar.close),
      sizeText(instrument, bar.volumeLots),
      notionalText(instrument, bar.quoteVolumeTickLots),
    ])
    .reverse();
  return bybitOk({ symbol: target.symbol, category: target.category, list }, nowMs);
}
