// OKX trade history (GET /api/v5/market/history-trades) paged backward from the range's end.
import { ZVT_ERR_BACKFILL_RESPONSE, storeError } from '../../errors.js';
import { callRaw } from '../venue-candle-api.js';
import type { BackfillTrade, VenueTradeApi } from '../venue-trade-api.js';

/*
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-trades-history
 * Newest first, limit max 100; `type` 1 pages by tradeId, 2 by timestamp; `after` = older than.
 * The first page asks by time (older than the range's end), then by the oldest tradeId seen, so
 * trades sharing a millisecond are neither skipped nor repeated. 20 requests per 2 s per IP:
 * backfill keeps to 8 (its candles share the IP).
 */
export const OKX_TRADES: VenueTradeApi = {
  venue: 'okx',
  requestCost: () => ({ 'history-trades': 1 }),
  async fetchPage(exchange, instrument, fromMs, toMs, cursor) {
    const params: Record<string, string | number> = cursor === null ? { instId: instrument.native, type: 2, after: toMs, limit: 100 } : { instId: instrument.native, type: 1, after: cursor, limit: 100 };
    const body = await callRaw(exchange, 'publicGetMarketHistoryTrades', params);
    const data = (body as { code?: unknown; data?: unknown } | null)?.data;
    if (!Array.isArray(data) || (body as { code?: unknown }).code !== '0') throw storeError(ZVT_ERR_BACKFILL_RESPONSE, `okx history-trades answered ${JSON.stringify(body).slice(0, 200)}`);
    const trades: BackfillTrade[] = [];
    let oldestId: string | null = null;
    let oldestMs = toMs;
    for (const row of data as unknown[]) {
      const { tradeId, px, sz, side, ts } = (row ?? {}) as Record<string, unknown>;
      if (typeof tradeId !== 'string' || typeof px !== 'string' || typeof sz !== 'string' || (side !== 'buy' && side !== 'sell') || typeof ts !== 'string') {
        throw storeError(ZVT_ERR_BACKFILL_RESPONSE, `okx trade ${JSON.stringify(row)} lacks tradeId/px/sz/side/ts`);
      }
      const tsMs = Number(ts);
      if (tsMs < oldestMs || oldestId === null) oldestId = tradeId;
      oldestMs = Math.min(oldestMs, tsMs);
      if (tsMs >= fromMs && tsMs < toMs) trades.push({ tradeId, price: px, size: sz, side, tsMs });
    }
    const done = data.length === 0 || oldestMs < fromMs;
    return { trades, next: done ? null : oldestId, coveredMs: done ? toMs - fromMs : toMs - oldestMs };
  },
};
