// Bybit's rate limits: 600 requests per 5 s per IP (403, then a 10-minute ban) and per-UID per-endpoint limits per second (retCode 10006).
import type { SimExchange } from '../../exchange/sim-exchange-contract.js';
import type { SimHttpRequest, SimHttpResponse, SimRateLimitRefusal, SimRateLimitRule, SimRateLimitUsage, SimRequestCost } from '../../server/sim-dialect.js';
import { bybitFail } from './bybit-envelope.js';
import { TOO_MANY_VISITS } from './bybit-errors.js';

/*
 * https://bybit-exchange.github.io/docs/v5/rate-limit:
 *   - HTTP IP limit: "600 requests within a 5-second window per IP"; over it: "403, access too
 *     frequent ... wait for at least 10 minutes. The ban will be lifted automatically." Rule `ip`:
 *     the first refusal bans the IP for 10 minutes.
 *   - API rate limit, "per second per UID" and per endpoint; over it: HTTP 200 with retCode 10006
 *     "Too many visits!". Every private answer carries X-Bapi-Limit (the endpoint's limit),
 *     X-Bapi-Limit-Status (remaining) and X-Bapi-Limit-Reset-Timestamp (the current time, or when
 *     the limit resets once exceeded). UTA 2.0 Pro defaults: order create/amend/cancel 10/s
 *     linear, 20/s spot; order realtime/history and execution list 50/s; wallet-balance 50/s;
 *     coin query-info 5/s; user query-api 10/s. Each endpoint (and category, where the limit
 *     differs by it) counts in its own bucket per account. A refused request does not use quota.
 * Windows are fixed and epoch-aligned (the server's limiter); Bybit's per-second window rolls.
 */

export const BYBIT_RATE_LIMIT_RULES: Readonly<Record<string, SimRateLimitRule>> = Object.freeze({
  ip: { limit: 600, windowMs: 5000, banAfterRefusals: 0, banMs: 600_000 },
  'uid-order-linear': { limit: 10, windowMs: 1000, banAfterRefusals: null, banMs: 0, countRefused: false },
  'uid-order-spot': { limit: 20, windowMs: 1000, banAfterRefusals: null, banMs: 0, countRefused: false },
  'uid-order-query': { limit: 50, windowMs: 1000, banAfterRefusals: null, banMs: 0, countRefused: false },
  'uid-account': { limit: 50, windowMs: 1000, banAfterRefusals: null, banMs: 0, countRefused: false },
  'uid-asset': { limit: 5, windowMs: 1000, banAfterRefusals: null, banMs: 0, countRefused: false },
  'uid-user': { limit: 10, windowMs: 1000, banAfterRefusals: null, banMs: 0, countRefused: false },
});

const ORDER_WRITE_PATHS = new Set(['/v5/order/create', '/v5/order/cancel', '/v5/order/amend', '/v5/order/cancel-all']);
const ORDER_QUERY_PATHS = new Set(['/v5/order/realtime', '/v5/order/history', '/v5/execution/list']);
const ACCOUNT_PATHS = new Set(['/v5/account/wallet-balance', '/v5/account/info', '/v5/account/fee-rate']);
const ASSET_PATHS = new Set(['/v5/asset/coin/query-info']);
const USER_PATHS = new Set(['/v5/user/query-api']);

/** The request's category (POST: JSON body; GET: query), or '' when it has none. */
function categoryOf(request: SimHttpRequest): string {
  if (request.method === 'POST') {
    const match = /"category"\s*:\s*"([a-z]+)"/.exec(request.body);
    return match === null ? '' : match[1]!;
  }
  return request.query.get('category') ?? '';
}

/** The per-UID rule a private path counts under, or undefined for public paths. */
export function uidRuleOf(request: SimHttpRequest): string | undefined {
  const path = request.path;
  if (ORDER_WRITE_PATHS.has(path)) return categoryOf(request) === 'spot' ? 'uid-order-spot' : 'uid-order-linear';
  if (ORDER_QUERY_PATHS.has(path)) return 'uid-order-query';
  if (ACCOUNT_PATHS.has(path)) return 'uid-account';
  if (ASSET_PATHS.has(path)) return 'uid-asset';
  if (USER_PATHS.has(path)) return 'uid-user';
  return undefined;
}

export function bybitCostOf(request: SimHttpRequest, exchange: SimExchange): SimRequestCost {
  const charges: { rule: string; bucket: string; cost: number }[] = [{ rule: 'ip', bucket: `ip:${request.clientAddress}`, cost: 1 }];
  const rule = uidRuleOf(request);
  const apiKey = request.headers['x-bapi-api-key'];
  const account = rule === undefined || apiKey === undefined ? undefined : exchange.accountByApiKey(apiKey);
  if (rule !== undefined && account !== undefined) {
    charges.push({ rule, bucket: `uid:${account.accountId}:${request.path}:${categoryOf(request)}`, cost: 1 });
  }
  return { charges };
}

function uidUsage(request: SimHttpRequest, usage: SimRateLimitUsage): { limit: number; used: number; windowMs: number } | undefined {
  const rule = uidRuleOf(request);
  return rule === undefined ? undefined : usage.rules[rule];
}

function limitHeaders(request: SimHttpRequest, entry: { limit: number; used: number; windowMs: number }): Record<string, string> {
  const exceeded = entry.used >= entry.limit;
  const resetMs = exceeded ? Math.floor(request.receivedMs / entry.windowMs) * entry.windowMs + entry.windowMs : request.receivedMs;
  return {
    'X-Bapi-Limit': String(entry.limit),
    'X-Bapi-Limit-Status': String(Math.max(0, entry.limit - entry.used)),
    'X-Bapi-Limit-Reset-Timestamp': String(resetMs),
  };
}

export function bybitUsageHeaders(request: SimHttpRequest, usage: SimRateLimitUsage): Readonly<Record<string, string>> {
  const entry = uidUsage(request, usage);
  return entry === undefined ? {} : limitHeaders(request, entry);
}

export function bybitRateLimitedResponse(request: SimHttpRequest, refusal: SimRateLimitRefusal): SimHttpResponse {
  if (refusal.rule === 'ip') {
    return { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'access too frequent' };
  }
  const entry = refusal.usage.rules[refusal.rule];
  const failed = bybitFail(TOO_MANY_VISITS, request.receivedMs);
  const headers = entry === undefined ? {} : limitHeaders(request, { ...entry, used: Math.max(entry.used, entry.limit) });
  return { ...failed, headers: { ...failed.headers, ...headers } };
}
