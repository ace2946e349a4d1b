// GET /api/v3/brokerage/market/products/{product_id}/candles (and /products/...): OHLCV buckets, newest first.
import type { Timeframe } from '../../../../model/timeframe.js';
import type { SyntheticMarketHistory } from '../../../market/market-contract.js';
import { priceText, sizeText } from '../../../market/sim-instrument.js';
import type { SimCandle } from '../../../market/sim-market-types.js';
import { invalidArgument, notFound } from '../errors.js';
import type { CoinbaseRestHandler } from '../shared/rest-context.js';

/*
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/public/get-public-product-candles
 * Query: start and end (UNIX seconds, required), granularity (ONE_MINUTE, FIVE_MINUTE,
 * FIFTEEN_MINUTE, THIRTY_MINUTE, ONE_HOUR, TWO_HOUR, SIX_HOUR, ONE_DAY; required), limit (≤ 350).
 * A range of more than 350 buckets is refused with INVALID_ARGUMENT "start and end argument is
 * invalid - number of candles requested should be less than 350 " (the live text, trailing space
 * included; it said 300 before the limit was raised). Answer {"candles":[{"start","low","high",
 * "open","close","volume"}]}, every value a string, newest first; buckets without trades are absent
 * (the maintenance windows of the synthetic market). Buckets whose start is in [start, end) are
 * returned; the bucket still forming is included with its trades so far. limit keeps the newest.
 * TWO_HOUR and SIX_HOUR are folded from hourly candles (both divide a UTC day evenly).
 */

export const MAX_CANDLES = 350;

interface Granularity {
  readonly seconds: number;
  readonly timeframe: Timeframe;
  /** Hourly candles folded per bucket; 1 = the timeframe's candles as they are. */
  readonly fold: number;
}

const GRANULARITIES: Readonly<Record<string, Granularity>> = Object.freeze({
  ONE_MINUTE: { seconds: 60, timeframe: '1m', fold: 1 },
  FIVE_MINUTE: { seconds: 300, timeframe: '5m', fold: 1 },
  FIFTEEN_MINUTE: { seconds: 900, timeframe: '15m', fold: 1 },
  THIRTY_MINUTE: { seconds: 1800, timeframe: '30m', fold: 1 },
  ONE_HOUR: { seconds: 3600, timeframe: '1h', fold: 1 },
  TWO_HOUR: { seconds: 7200, timeframe: '1h', fold: 2 },
  SIX_HOUR: { seconds: 21_600, timeframe: '1h', fold: 6 },
  ONE_DAY: { seconds: 86_400, timeframe: '1d', fold: 1 },
});

export const productCandles: CoinbaseRestHandler = (request, params, context) => {
  const listing = context.exchange.listing(params.product_id ?? '');
  if (listing === undefined) return notFound('ProductID is invalid');
  const query = request.query;
  const granularityText = query.get('granularity') ?? '';
  const granularity = GRANULARITIES[granularityText];
  if (granularity === undefined) return invalidArgument(`granularity ${JSON.stringify(granularityText)} is invalid`);
  const start = unixSeconds(query.get('start'));
  const end = unixSeconds(query.get('end'));
  if (start === null || end === null) return invalidArgument('start and end argument is invalid - both must be UNIX timestamps in seconds');
  if (end < start) return invalidArgument('start and end argument is invalid - start must be before end');
  if (Math.ceil((end - start) / granularity.seconds) > MAX_CANDLES) {
    return invalidArgument(`start and end argument is invalid - number of candles requested should be less than ${MAX_CANDLES} `);
  }
  const limitText = query.get('limit');
  let limit = MAX_CANDLES;
  if (limitText !== null && limitText !== '') {
    if (!/^\d{1,4}$/.test(limitText) || Number(limitText) > MAX_CANDLES) return invalidArgument(`limit must be at most ${MAX_CANDLES}`);
    if (Number(limitText) > 0) limit = Number(limitText);
  }
  const history = context.exchange.history(listing.native);
  const candles = candlesOf(history, granularity, start * 1000, end * 1000, context.exchange.nowMs());
  const newest = candles.slice(Math.max(0, candles.length - limit)).reverse();
  const instrument = listing.instrument;
  return {
    status: 200,
    body: {
      candles: newest.map((candle) => ({
        start: String(candle.openTimeMs / 1000),
        low: priceText(instrument, candle.low),
        high: priceText(instrument, candle.high),
        open: priceText(instrument, candle.open),
        close: priceText(instrument, candle.close),
        volume: sizeText(instrument, candle.volumeLots),
      })),
    },
  };
};

/** Candles with a start in [fromMs, toMs), oldest first. */
function candlesOf(history: SyntheticMarketHistory, granularity: Granularity, fromMs: number, toMs: number, nowMs: number): SimCandle[] {
  if (granularity.fold === 1) return history.candles(granularity.timeframe, fromMs, toMs, MAX_CANDLES + 1, nowMs);
  const bucketMs = granularity.seconds * 1000;
  const firstBucketMs = Math.ceil(fromMs / bucketMs) * bucketMs;
  const hours = history.candles('1h', firstBucketMs, toMs, (MAX_CANDLES + 1) * granularity.fold, nowMs);
  const folded: SimCandle[] = [];
  for (const hour of hours) {
    const openTimeMs = Math.floor(hour.openTimeMs / bucketMs) * bucketMs;
    const last = folded[folded.length - 1];
    if (last === undefined || last.openTimeMs !== openTimeMs) {
      folded.push({ ...hour, openTimeMs, closeTimeMs: openTimeMs + bucketMs });
      continue;
    }
    folded[folded.length - 1] = {
      ...last,
      high: Math.max(last.high, hour.high),
      low: Math.min(last.low, hour.low),
      close: hour.close,
      volumeLots: last.volumeLots + hour.volumeLots,
      quoteVolumeTickLots: last.quoteVolumeTickLots + hour.quoteVolumeTickLots,
      tradeCount: last.tradeCount + hour.tradeCount,
      closed: hour.closed,
    };
  }
  return folded;
}

function unixSeconds(text: string | null): number | null {
  if (text === null || !/^\d{1,12}$/.test(text)) return null;
  return Number(text);
}
