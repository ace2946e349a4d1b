// Binance spot klines (GET /api/v3/klines) for backfill: weight-paced, X-MBX-USED-WEIGHT-1M aware.
import type { Timeframe } from '../../../model/timeframe.js';
import { ZVT_ERR_BACKFILL_RESPONSE, storeError } from '../../errors.js';
import type { DecimalCandleRow } from '../../candles/validate-candles.js';
import { callRaw, headerValue, type VenueCandleApi } from '../venue-candle-api.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#klinecandlestick-data
 * Rows: [openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, takerBase, takerQuote, ignore];
 * limit max 1000; weight 2. REQUEST_WEIGHT is 6000 per minute per IP, counted per calendar minute
 * and reported in X-MBX-USED-WEIGHT-1M; backfill keeps to 80 % of it, leaving room for the live
 * engine's depth snapshots on the same IP.
 */
const WEIGHT_LIMIT_PER_MINUTE = 6000;
const KLINES_WEIGHT = 2;

export const BINANCE_CANDLES: VenueCandleApi = {
  venue: 'binance',
  budgetRules: [{ name: 'REQUEST_WEIGHT', limit: WEIGHT_LIMIT_PER_MINUTE * 0.8, windowMs: 60_000, aligned: true }],
  maxBuckets: 1000,
  timeframeParam: (timeframe: Timeframe) => timeframe,
  derivedFrom: () => null,
  requestCost: () => ({ REQUEST_WEIGHT: KLINES_WEIGHT }),
  async fetchCandles(exchange, instrument, interval, startMs, endMs, buckets) {
    const body = await callRaw(exchange, 'publicGetKlines', { symbol: instrument.native, interval, startTime: startMs, endTime: endMs - 1, limit: buckets });
    if (!Array.isArray(body)) throw storeError(ZVT_ERR_BACKFILL_RESPONSE, `binance klines answered ${JSON.stringify(body).slice(0, 200)}`);
    const rows: DecimalCandleRow[] = [];
    for (const row of body as unknown[]) {
      if (!Array.isArray(row) || row.length < 9) throw storeError(ZVT_ERR_BACKFILL_RESPONSE, `binance kline row ${JSON.stringify(row)} is not an array of 9+ fields`);
      const [open, o, h, l, c, v, , , trades] = row as unknown[];
      if (typeof open !== 'number' || open < startMs || open >= endMs) continue;
      rows.push({ tsStartMs: open, open: String(o), high: String(h), low: String(l), close: String(c), volume: String(v), tradeCount: trades as number });
    }
    return rows;
  },
  observeHeaders(headers, budget) {
    const used = headerValue(headers, 'x-mbx-used-weight-1m');
    if (used !== undefined) budget.observeUsage('REQUEST_WEIGHT', Number(used));
  },
};
