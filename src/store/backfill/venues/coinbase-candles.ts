// Coinbase Advanced Trade public candles (GET /api/v3/brokerage/market/products/{id}/candles) for backfill.
import type { Timeframe } from '../../../model/timeframe.js';
import { ZVT_ERR_BACKFILL_RESPONSE, storeError } from '../../errors.js';
import type { DecimalCandleRow } from '../../candles/validate-candles.js';
import { callRaw, type VenueCandleApi } from '../venue-candle-api.js';

/*
 * https://docs.cdp.coinbase.com/advanced-trade/reference/retailbrokerageapi_getpublicproductcandles
 * candles newest first: {start (UNIX seconds, text), low, high, open, close, volume}; at most 350
 * per request; granularities ONE_MINUTE … ONE_DAY, none for 4 h, a week or a month, which are
 * built here from 1 h and 1 d candles (derive-candles.ts). Public REST allows 10 requests per
 * second per IP: backfill keeps to 8. `end` is asked one bucket late and the extra row dropped, so
 * an inclusive or exclusive reading of `end` by the venue gives the same window.
 */
const GRANULARITIES: Readonly<Partial<Record<Timeframe, string>>> = {
  '1m': 'ONE_MINUTE',
  '5m': 'FIVE_MINUTE',
  '15m': 'FIFTEEN_MINUTE',
  '30m': 'THIRTY_MINUTE',
  '1h': 'ONE_HOUR',
  '1d': 'ONE_DAY',
};
const DERIVED: Readonly<Partial<Record<Timeframe, Timeframe>>> = { '4h': '1h', '1w': '1d', '1M': '1d' };

export const COINBASE_CANDLES: VenueCandleApi = {
  venue: 'coinbase',
  budgetRules: [{ name: 'public', limit: 8, windowMs: 1_000, aligned: false }],
  // 350 per request, one kept free for the late `end`.
  maxBuckets: 349,
  timeframeParam: (timeframe: Timeframe) => GRANULARITIES[timeframe] ?? null,
  derivedFrom: (timeframe: Timeframe) => DERIVED[timeframe] ?? null,
  requestCost: () => ({ public: 1 }),
  async fetchCandles(exchange, instrument, granularity, startMs, endMs) {
    const body = await callRaw(exchange, 'v3PublicGetBrokerageMarketProductsProductIdCandles', {
      product_id: instrument.native,
      granularity,
      start: Math.floor(startMs / 1000),
      end: Math.floor(endMs / 1000),
    });
    const candles = (body as { candles?: unknown } | null)?.candles;
    if (!Array.isArray(candles)) throw storeError(ZVT_ERR_BACKFILL_RESPONSE, `coinbase candles answered ${JSON.stringify(body).slice(0, 200)}`);
    const rows: DecimalCandleRow[] = [];
    for (const candle of candles as unknown[]) {
      const { start, open, high, low, close, volume } = (candle ?? {}) as Record<string, unknown>;
      if (typeof start !== 'string' || typeof open !== 'string' || typeof high !== 'string' || typeof low !== 'string' || typeof close !== 'string' || typeof volume !== 'string') {
        throw storeError(ZVT_ERR_BACKFILL_RESPONSE, `coinbase candle ${JSON.stringify(candle)} lacks start/open/high/low/close/volume text`);
      }
      const openMs = Number(start) * 1000;
      if (!(openMs >= startMs && openMs < endMs)) continue;
      rows.push({ tsStartMs: openMs, open, high, low, close, volume });
    }
    return rows.sort((a, b) => Number(a.tsStartMs) - Number(b.tsStartMs));
  },
  observeHeaders: () => undefined,
};
