// OKX history candles (GET /api/v5/market/history-candles) for backfill, in UTC bars.
import type { Timeframe } from '../../../model/timeframe.js';
import { ZVT_ERR_BACKFILL_RESPONSE, storeError } from '../../errors.js';
import type { DecimalCandleRow } from '../../candles/validate-candles.js';
import { callRaw, type VenueCandleApi } from '../venue-candle-api.js';

/*
 * https://www.okx.com/docs-v5/en/#public-data-rest-api-get-candlesticks-history
 * Rows newest first: [ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]; `after` returns records
 * older than ts, `before` newer, both together a window; limit max 100; 20 requests per 2 s per IP
 * (backfill keeps to 16). Daily and longer bars default to Hong Kong time (UTC+8): the `utc`
 * variants are the UTC buckets the store keeps. `vol` is the base amount for SPOT and contracts
 * for SWAP/FUTURES, the unit of each instrument's size scale here. confirm "0" = still forming.
 */
const BARS: Readonly<Record<Timeframe, string>> = {
  '1m': '1m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1H',
  '4h': '4H',
  '1d': '1Dutc',
  '1w': '1Wutc',
  '1M': '1Mutc',
};

export const OKX_CANDLES: VenueCandleApi = {
  venue: 'okx',
  budgetRules: [
    { name: 'history-candles', limit: 16, windowMs: 2_000, aligned: false },
    // history-trades (okx-trades.ts): 20 per 2 s on OKX's page, shared with candles' IP budget here.
    { name: 'history-trades', limit: 8, windowMs: 2_000, aligned: false },
  ],
  maxBuckets: 100,
  timeframeParam: (timeframe: Timeframe) => BARS[timeframe],
  derivedFrom: () => null,
  requestCost: () => ({ 'history-candles': 1 }),
  async fetchCandles(exchange, instrument, bar, startMs, endMs, buckets) {
    const body = await callRaw(exchange, 'publicGetMarketHistoryCandles', { instId: instrument.native, bar, after: endMs, before: startMs - 1, limit: buckets });
    const data = (body as { code?: unknown; data?: unknown } | null)?.data;
    if (!Array.isArray(data) || (body as { code?: unknown }).code !== '0') throw storeError(ZVT_ERR_BACKFILL_RESPONSE, `okx history-candles answered ${JSON.stringify(body).slice(0, 200)}`);
    const rows: DecimalCandleRow[] = [];
    for (const row of data as unknown[]) {
      if (!Array.isArray(row) || row.length < 9) throw storeError(ZVT_ERR_BACKFILL_RESPONSE, `okx candle row ${JSON.stringify(row)} is not an array of 9 fields`);
      const [ts, o, h, l, c, vol, , , confirm] = (row as unknown[]).map(String);
      const open = Number(ts);
      if (confirm !== '1' || !(open >= startMs && open < endMs)) continue;
      rows.push({ tsStartMs: ts!, open: o!, high: h!, low: l!, close: c!, volume: vol! });
    }
    return rows.sort((a, b) => Number(a.tsStartMs) - Number(b.tsStartMs));
  },
  observeHeaders: () => undefined,
};
