// OKX v5 per-endpoint rate limits: the rules (requests per 2 s, or per 1 s for asset endpoints) and what each request is charged.
import type { SimHttpRequest, SimRateLimitRule, SimRequestCost } from '../../server/sim-dialect.js';

/*
 * From each endpoint's "Rate Limit" and "Rate limit rule" lines in https://www.okx.com/docs-v5/en/
 * (as published in 2026):
 *   GET  /api/v5/public/time                 10 / 2 s   IP
 *   GET  /api/v5/public/instruments          20 / 2 s   IP + instType
 *   GET  /api/v5/market/books                40 / 2 s   IP
 *   GET  /api/v5/market/candles              40 / 2 s   IP
 *   GET  /api/v5/market/history-candles      20 / 2 s   IP
 *   GET  /api/v5/market/trades              100 / 2 s   IP
 *   GET  /api/v5/market/history-trades       20 / 2 s   IP
 *   GET  /api/v5/market/ticker, /tickers     20 / 2 s   IP
 *   POST /api/v5/trade/order                 60 / 2 s   User ID + Instrument ID
 *   POST /api/v5/trade/batch-orders         300 orders / 2 s, User ID + Instrument ID ("if there is
 *                                            only one order in the request, it will consume the
 *                                            rate limit of Place order")
 *   POST /api/v5/trade/cancel-order          60 / 2 s   User ID + Instrument ID
 *   GET  /api/v5/trade/order                 60 / 2 s   User ID + Instrument ID
 *   GET  /api/v5/trade/orders-pending        60 / 2 s   User ID
 *   GET  /api/v5/trade/orders-history        40 / 2 s   User ID
 *   GET  /api/v5/trade/fills                 60 / 2 s   User ID
 *   GET  /api/v5/trade/fills-history         10 / 2 s   User ID
 *   GET  /api/v5/account/balance             10 / 2 s   User ID
 *   GET  /api/v5/account/config               5 / 2 s   User ID
 *   GET  /api/v5/asset/currencies             6 / 1 s   User ID
 *   GET  /api/v5/asset/balances               6 / 1 s   User ID
 * Windows here are fixed and epoch-aligned (the simulator's limiter); a refused request does not
 * count (countRefused false: OKX documents no penalty) and nobody is banned. The user is the
 * OK-ACCESS-KEY (one user per key in the simulator), read without verifying it: counting comes
 * before authentication, as at OKX's gateway.
 */

const TWO_SECONDS = 2_000;
const ONE_SECOND = 1_000;

function rule(limit: number, windowMs: number): SimRateLimitRule {
  return { limit, windowMs, banAfterRefusals: null, banMs: 0, countRefused: false };
}

export const OKX_RATE_LIMIT_RULES: Readonly<Record<string, SimRateLimitRule>> = Object.freeze({
  'public-time': rule(10, TWO_SECONDS),
  'public-instruments': rule(20, TWO_SECONDS),
  'market-books': rule(40, TWO_SECONDS),
  'market-candles': rule(40, TWO_SECONDS),
  'market-history-candles': rule(20, TWO_SECONDS),
  'market-trades': rule(100, TWO_SECONDS),
  'market-history-trades': rule(20, TWO_SECONDS),
  'market-ticker': rule(20, TWO_SECONDS),
  'market-tickers': rule(20, TWO_SECONDS),
  'trade-order': rule(60, TWO_SECONDS),
  'trade-batch-orders': rule(300, TWO_SECONDS),
  'trade-cancel-order': rule(60, TWO_SECONDS),
  'trade-order-details': rule(60, TWO_SECONDS),
  'trade-orders-pending': rule(60, TWO_SECONDS),
  'trade-orders-history': rule(40, TWO_SECONDS),
  'trade-fills': rule(60, TWO_SECONDS),
  'trade-fills-history': rule(10, TWO_SECONDS),
  'account-balance': rule(10, TWO_SECONDS),
  'account-config': rule(5, TWO_SECONDS),
  'asset-currencies': rule(6, ONE_SECOND),
  'asset-balances': rule(6, ONE_SECOND),
});

type Keying = 'ip' | 'ip+instType' | 'user' | 'user+instId';

interface Limited {
  readonly rule: string;
  readonly keying: Keying;
}

const LIMITS: ReadonlyMap<string, Limited> = new Map([
  ['GET /api/v5/public/time', { rule: 'public-time', keying: 'ip' }],
  ['GET /api/v5/public/instruments', { rule: 'public-instruments', keying: 'ip+instType' }],
  ['GET /api/v5/market/books', { rule: 'market-books', keying: 'ip' }],
  ['GET /api/v5/market/candles', { rule: 'market-candles', keying: 'ip' }],
  ['GET /api/v5/market/history-candles', { rule: 'market-history-candles', keying: 'ip' }],
  ['GET /api/v5/market/trades', { rule: 'market-trades', keying: 'ip' }],
  ['GET /api/v5/market/history-trades', { rule: 'market-history-trades', keying: 'ip' }],
  ['GET /api/v5/market/ticker', { rule: 'market-ticker', keying: 'ip' }],
  ['GET /api/v5/market/tickers', { rule: 'market-tickers', keying: 'ip' }],
  ['POST /api/v5/trade/order', { rule: 'trade-order', keying: 'user+instId' }],
  ['POST /api/v5/trade/cancel-order', { rule: 'trade-cancel-order', keying: 'user+instId' }],
  ['GET /api/v5/trade/order', { rule: 'trade-order-details', keying: 'user+instId' }],
  ['GET /api/v5/trade/orders-pending', { rule: 'trade-orders-pending', keying: 'user' }],
  ['GET /api/v5/trade/orders-history', { rule: 'trade-orders-history', keying: 'user' }],
  ['GET /api/v5/trade/fills', { rule: 'trade-fills', keying: 'user' }],
  ['GET /api/v5/trade/fills-history', { rule: 'trade-fills-history', keying: 'user' }],
  ['GET /api/v5/account/balance', { rule: 'account-balance', keying: 'user' }],
  ['GET /api/v5/account/config', { rule: 'account-config', keying: 'user' }],
  ['GET /api/v5/asset/currencies', { rule: 'asset-currencies', keying: 'user' }],
  ['GET /api/v5/asset/balances', { rule: 'asset-balances', keying: 'user' }],
]);

const BATCH_ORDERS = 'POST /api/v5/trade/batch-orders';

/** The instIds a POST body names (one object, or an array of them); [] when unreadable. */
function bodyInstIds(body: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  return items.map((item) => (typeof item === 'object' && item !== null && typeof (item as { instId?: unknown }).instId === 'string' ? (item as { instId: string }).instId : ''));
}

export function okxCostOf(request: SimHttpRequest): SimRequestCost | null {
  const key = `${request.method} ${request.path}`;
  const user = `user:${request.headers['ok-access-key'] ?? ''}`;
  if (key === BATCH_ORDERS) {
    const instIds = bodyInstIds(request.body);
    if (instIds.length <= 1) return { charges: [{ rule: 'trade-order', bucket: `${user}:${instIds[0] ?? ''}`, cost: 1 }] };
    const counts = new Map<string, number>();
    for (const instId of instIds) counts.set(instId, (counts.get(instId) ?? 0) + 1);
    return { charges: [...counts].map(([instId, count]) => ({ rule: 'trade-batch-orders', bucket: `${user}:${instId}`, cost: count })) };
  }
  const limited = LIMITS.get(key);
  if (limited === undefined) return null;
  let bucket: string;
  switch (limited.keying) {
    case 'ip':
      bucket = `ip:${request.clientAddress}`;
      break;
    case 'ip+instType':
      bucket = `ip:${request.clientAddress}:${request.query.get('instType') ?? ''}`;
      break;
    case 'user':
      bucket = user;
      break;
    case 'user+instId':
      bucket = `${user}:${request.method === 'GET' ? (request.query.get('instId') ?? '') : (bodyInstIds(request.body)[0] ?? '')}`;
      break;
  }
  return { charges: [{ rule: limited.rule, bucket, cost: 1 }] };
}
