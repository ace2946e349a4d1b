// Bybit v5 klines (GET /v5/market/kline) for backfill, spot and linear.
import type { Timeframe } from '../../../model/timeframe.js';
import { ZVT_ERR_BACKFILL_RESPONSE, storeError } from '../../errors.js';
import type { DecimalCandleRow } from '../../candles/validate-candles.js';
import { callRaw, type VenueCandleApi } from '../venue-candle-api.js';

/*
 * https://bybit-exchange.github.io/docs/v5/market/kline
 * result.list newest first: [startTime, open, high, low, close, volume, turnover] as strings;
 * limit max 1000; start/end inclusive ms. Public endpoints share the IP limit of 600 requests per
 * 5 s (https://bybit-exchange.github.io/docs/v5/rate-limit): backfill keeps to 300.
 */
const INTERVALS: Readonly<Record<Timeframe, string>> = {
  '1m': '1',
  '5m': '5',
  '15m': '15',
  '30m': '30',
  '1h': '60',
  '4h': '240',
  '1d': 'D',
  '1w': 'W',
  '1M': 'M',
};

export const BYBIT_CANDLES: VenueCandleApi = {
  venue: 'bybit',
  budgetRules: [{ name: 'ip', limit: 300, windowMs: 5_000, aligned: false }],
  maxBuckets: 1000,
  timeframeParam: (timeframe: Timeframe) => INTERVALS[timeframe],
  derivedFrom: () => null,
  requestCost: () => ({ ip: 1 }),
  async fetchCandles(exchange, instrument, interval, startMs, endMs, buckets) {
    const body = await callRaw(exchange, 'publicGetV5MarketKline', { category: instrument.category ?? 'spot', symbol: instrument.native, interval, start: startMs, end: endMs - 1, limit: buckets });
    const list = (body as { retCode?: unknown; result?: { list?: unknown } } | null)?.result?.list;
    if (!Array.isArray(list) || (body as { retCode?: unknown }).retCode !== 0) throw storeError(ZVT_ERR_BACKFILL_RESPONSE, `bybit kline answered ${JSON.stringify(body).slice(0, 200)}`);
    const rows: DecimalCandleRow[] = [];
    for (const row of list as unknown[]) {
      if (!Array.isArray(row) || row.length < 6) throw storeError(ZVT_ERR_BACKFILL_RESPONSE, `bybit kline row ${JSON.stringify(row)} is not an array of 7 fields`);
      const [ts, o, h, l, c, volume] = (row as unknown[]).map(String);
      const open = Number(ts);
      if (!(open >= startMs && open < endMs)) continue;
      rows.push({ tsStartMs: ts!, open: o!, high: h!, low: l!, close: c!, volume: volume! });
    }
    return rows.sort((a, b) => Number(a.tsStartMs) - Number(b.tsStartMs));
  },
  observeHeaders: () => undefined,
};
