// A Bybit kline bar ({start,end,interval,open,close,high,low,volume,turnover,confirm,timestamp}) from a simulator candle.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import { notionalText, priceText, sizeText } from '../../../market/sim-instrument.js';
import type { SimCandle } from '../../../market/sim-market-types.js';
import type { KlineBar } from './public-frames.js';
import type { KlineInterval } from './public-topics.js';

/*
 * The recorded kline.1 frames write prices and volumes as canonical text on both categories
 * ("65119.9" on linear, whose price scale is 2), `end` as the bar's last millisecond, and
 * `timestamp` as the time of the push.
 */
export function klineBar(listing: SimListing, interval: KlineInterval, candle: SimCandle, timestampMs: number): KlineBar {
  const instrument = listing.instrument;
  return {
    start: candle.openTimeMs,
    end: candle.closeTimeMs - 1,
    interval,
    open: priceText(instrument, candle.open),
    close: priceText(instrument, candle.close),
    high: priceText(instrument, candle.high),
    low: priceText(instrument, candle.low),
    volume: sizeText(instrument, candle.volumeLots),
    turnover: notionalText(instrument, candle.quoteVolumeTickLots),
    confirm: candle.closed,
    timestamp: timestampMs,
  };
}
