// Binance aggregate trades (GET /api/v3/aggTrades) paged forward through a time range.
import { ZVT_ERR_BACKFILL_RESPONSE, storeError } from '../../errors.js';
import { callRaw } from '../venue-candle-api.js';
import type { BackfillTrade, VenueTradeApi } from '../venue-trade-api.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#compressedaggregate-trades-list
 * {a, p, q, f, l, T, m}: `a` is the id the live aggTrade stream carries (so live and backfilled
 * rows share keys), m = buyer is maker (taker sold). startTime..endTime may span at most one hour;
 * limit max 1000; weight 4. A full page continues by fromId (no times), an exhausted hour by the
 * next hour.
 */
const HOUR_MS = 3_600_000;
const LIMIT = 1000;

export const BINANCE_TRADES: VenueTradeApi = {
  venue: 'binance',
  requestCost: () => ({ REQUEST_WEIGHT: 4 }),
  async fetchPage(exchange, instrument, fromMs, toMs, cursor) {
    const windowStart = cursor === null ? fromMs : cursor.startsWith('t:') ? Number(cursor.slice(2)) : null;
    const params: Record<string, string | number> = { symbol: instrument.native, limit: LIMIT };
    let windowEnd = toMs;
    if (windowStart !== null) {
      windowEnd = Math.min(windowStart + HOUR_MS, toMs);
      params.startTime = windowStart;
      params.endTime = windowEnd - 1;
    } else {
      params.fromId = cursor!.slice(3);
    }
    const body = await callRaw(exchange, 'publicGetAggTrades', params);
    if (!Array.isArray(body)) throw storeError(ZVT_ERR_BACKFILL_RESPONSE, `binance aggTrades answered ${JSON.stringify(body).slice(0, 200)}`);
    const trades: BackfillTrade[] = [];
    let lastId = -1;
    let lastMs = windowStart ?? fromMs;
    let beyond = false;
    for (const row of body as unknown[]) {
      const { a, p, q, T, m } = (row ?? {}) as Record<string, unknown>;
      if (typeof a !== 'number' || typeof p !== 'string' || typeof q !== 'string' || typeof T !== 'number' || typeof m !== 'boolean') {
        throw storeError(ZVT_ERR_BACKFILL_RESPONSE, `binance aggTrade ${JSON.stringify(row)} lacks a/p/q/T/m`);
      }
      lastId = Math.max(lastId, a);
      lastMs = Math.max(lastMs, T);
      if (T >= toMs) {
        beyond = true;
        continue;
      }
      if (T >= fromMs) trades.push({ tradeId: String(a), price: p, size: q, side: m ? 'sell' : 'buy', tsMs: T });
    }
    let next: string | null;
    if (beyond) next = null;
    else if (body.length >= LIMIT) next = `id:${lastId + 1}`;
    else if (windowStart !== null) next = windowEnd < toMs ? `t:${windowEnd}` : null;
    // A short fromId page is the newest there is.
    else next = null;
    const coveredMs = Math.min(toMs, next !== null && next.startsWith('t:') ? windowEnd : lastMs) - fromMs;
    return { trades, next, coveredMs: next === null ? toMs - fromMs : Math.max(0, coveredMs) };
  },
};
