// Binance spot rate limits: the rules, each endpoint's request weight, the usage headers and the 429/418 answers.
import type { SimHttpRequest, SimHttpResponse, SimRateLimitRefusal, SimRateLimitRule, SimRateLimitUsage, SimRequestCost } from '../../server/sim-dialect.js';
import { binanceError } from './errors.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits and the
 * `rateLimits` of GET /api/v3/exchangeInfo:
 *   REQUEST_WEIGHT  6000 per 1 MINUTE per IP      X-MBX-USED-WEIGHT-1M on every answer
 *   RAW_REQUESTS    61000 per 5 MINUTE per IP
 *   ORDERS          100 per 10 SECOND per account X-MBX-ORDER-COUNT-10S on order answers
 *   ORDERS          200000 per 1 DAY per account  X-MBX-ORDER-COUNT-1D
 * Windows are fixed and aligned (a request at 00:01:23.456 counts in the 00:01:00 minute). Over
 * a weight limit: 429 with Retry-After and -1003; "Repeatedly violating rate limits and/or failing
 * to back off after receiving 429s will result in an automated IP ban (HTTP status 418)", bans
 * "from 2 minutes to 3 days": here a client refused more than 10 times in one window is banned
 * for 2 minutes (Binance publishes no threshold). Over an order limit: 429 without Retry-After
 * and -1015; no ban.
 *
 * Weights are the endpoint pages' "Weight" entries (depth by limit, open orders by symbol ...).
 */

export const BINANCE_RATE_LIMIT_RULES: Readonly<Record<string, SimRateLimitRule>> = Object.freeze({
  REQUEST_WEIGHT: { limit: 6000, windowMs: 60_000, banAfterRefusals: 10, banMs: 120_000 },
  RAW_REQUESTS: { limit: 61_000, windowMs: 300_000, banAfterRefusals: 10, banMs: 120_000 },
  ORDERS_10S: { limit: 100, windowMs: 10_000, banAfterRefusals: null, banMs: 0 },
  ORDERS_1D: { limit: 200_000, windowMs: 86_400_000, banAfterRefusals: null, banMs: 0 },
});

/** The exchangeInfo rateLimitType of each rule. */
const RULE_TYPES: Readonly<Record<string, 'REQUEST_WEIGHT' | 'RAW_REQUESTS' | 'ORDERS'>> = {
  REQUEST_WEIGHT: 'REQUEST_WEIGHT',
  RAW_REQUESTS: 'RAW_REQUESTS',
  ORDERS_10S: 'ORDERS',
  ORDERS_1D: 'ORDERS',
};

type Weight = (params: URLSearchParams) => number;
const fixed =
  (weight: number): Weight =>
  () =>
    weight;
const bySymbol =
  (single: number, all: number): Weight =>
  (params) =>
    params.has('symbol') ? single : all;

/** GET /api/v3/depth: 5 / 25 / 50 / 250 by limit (default 100). */
function depthWeight(params: URLSearchParams): number {
  const limit = Number(params.get('limit') ?? '100');
  if (!Number.isFinite(limit) || limit <= 100) return 5;
  if (limit <= 500) return 25;
  if (limit <= 1000) return 50;
  return 250;
}

/** GET /api/v3/ticker/24hr: 2 per symbol; `symbols`: 2 (1-20), 40 (21-100), 80 (more); none: 80. */
function ticker24hrWeight(params: URLSearchParams): number {
  if (params.has('symbol')) return 2;
  const symbols = params.get('symbols');
  if (symbols === null) return 80;
  const count = symbols.split(',').length;
  if (count <= 20) return 2;
  return count <= 100 ? 40 : 80;
}

/** Request weight per `METHOD path`. */
const WEIGHTS: Readonly<Record<string, Weight>> = {
  'GET /api/v3/ping': fixed(1),
  'GET /api/v3/time': fixed(1),
  'GET /api/v3/exchangeInfo': fixed(20),
  'GET /api/v3/depth': depthWeight,
  'GET /api/v3/trades': fixed(25),
  'GET /api/v3/historicalTrades': fixed(25),
  'GET /api/v3/aggTrades': fixed(2),
  'GET /api/v3/klines': fixed(2),
  'GET /api/v3/uiKlines': fixed(2),
  'GET /api/v3/ticker/24hr': ticker24hrWeight,
  'GET /api/v3/ticker/price': bySymbol(2, 4),
  'GET /api/v3/ticker/bookTicker': bySymbol(2, 4),
  'POST /api/v3/order': fixed(1),
  // 1 without computeCommissionRates, 20 with.
  'POST /api/v3/order/test': (params) => (params.get('computeCommissionRates') === 'true' ? 20 : 1),
  'GET /api/v3/order': fixed(4),
  'DELETE /api/v3/order': fixed(1),
  'DELETE /api/v3/openOrders': fixed(1),
  'GET /api/v3/openOrders': bySymbol(6, 80),
  'GET /api/v3/allOrders': fixed(20),
  'GET /api/v3/account': fixed(20),
  // 20, or 5 when asked for one order's trades.
  'GET /api/v3/myTrades': (params) => (params.has('orderId') ? 5 : 20),
  'POST /api/v3/userDataStream': fixed(2),
  'PUT /api/v3/userDataStream': fixed(2),
  'DELETE /api/v3/userDataStream': fixed(2),
  // /sapi weights (Binance counts SAPI against its own IP limit; here with the rest).
  'GET /sapi/v1/capital/config/getall': fixed(10),
  'GET /sapi/v1/margin/allPairs': fixed(1),
  'GET /sapi/v1/margin/isolated/allPairs': fixed(10),
};

/** Requests that place an order and count against the ORDERS limits. */
const ORDER_PLACEMENTS = new Set(['POST /api/v3/order']);

/** Every parameter of the request (query and body), for weights that depend on them. */
function weightParams(request: SimHttpRequest): URLSearchParams {
  if (request.method === 'GET' || request.body === '') return request.query;
  const params = new URLSearchParams(request.body);
  for (const [name, value] of request.query) params.set(name, value);
  return params;
}

/** The Binance weight of a request, or null for a path Binance does not serve (answered 404, not counted). */
export function binanceRequestWeight(request: SimHttpRequest): number | null {
  const weight = WEIGHTS[`${request.method} ${request.path}`];
  return weight === undefined ? null : weight(weightParams(request));
}

export function binanceCostOf(request: SimHttpRequest): SimRequestCost | null {
  const weight = binanceRequestWeight(request);
  if (weight === null) return null;
  const ip = `ip:${request.clientAddress}`;
  const charges: SimRequestCost['charges'][number][] = [
    { rule: 'REQUEST_WEIGHT', bucket: ip, cost: weight },
    { rule: 'RAW_REQUESTS', bucket: ip, cost: 1 },
  ];
  const apiKey = request.headers['x-mbx-apikey'];
  if (ORDER_PLACEMENTS.has(`${request.method} ${request.path}`) && apiKey !== undefined && apiKey !== '') {
    charges.push({ rule: 'ORDERS_10S', bucket: `apiKey:${apiKey}`, cost: 1 }, { rule: 'ORDERS_1D', bucket: `apiKey:${apiKey}`, cost: 1 });
  }
  return { charges };
}

/** A window length as Binance's interval enum: 60 000 ms → 1 MINUTE (letter M). */
export function binanceInterval(windowMs: number): { interval: 'SECOND' | 'MINUTE' | 'HOUR' | 'DAY'; intervalNum: number; letter: string } {
  if (windowMs % 86_400_000 === 0) return { interval: 'DAY', intervalNum: windowMs / 86_400_000, letter: 'D' };
  if (windowMs % 3_600_000 === 0) return { interval: 'HOUR', intervalNum: windowMs / 3_600_000, letter: 'H' };
  if (windowMs % 60_000 === 0) return { interval: 'MINUTE', intervalNum: windowMs / 60_000, letter: 'M' };
  return { interval: 'SECOND', intervalNum: Math.max(1, Math.round(windowMs / 1000)), letter: 'S' };
}

/** The exchangeInfo `rateLimits` array of the rules in force. */
export function binanceRateLimitsInfo(rules: Readonly<Record<string, SimRateLimitRule>>): { rateLimitType: string; interval: string; intervalNum: number; limit: number }[] {
  return Object.entries(rules).map(([name, rule]) => {
    const { interval, intervalNum } = binanceInterval(rule.windowMs);
    return { rateLimitType: RULE_TYPES[name] ?? name, interval, intervalNum, limit: rule.limit };
  });
}

/** X-MBX-USED-WEIGHT-1M (and the older X-MBX-USED-WEIGHT) always; X-MBX-ORDER-COUNT-10S/1D when the request counted as an order. */
export function binanceUsageHeaders(usage: SimRateLimitUsage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, rule] of Object.entries(usage.rules)) {
    const { intervalNum, letter } = binanceInterval(rule.windowMs);
    const suffix = `${intervalNum}${letter}`;
    if (name === 'REQUEST_WEIGHT') {
      headers[`X-MBX-USED-WEIGHT-${suffix}`] = String(rule.used);
      headers['X-MBX-USED-WEIGHT'] = String(rule.used);
    } else if (RULE_TYPES[name] === 'ORDERS') {
      headers[`X-MBX-ORDER-COUNT-${suffix}`] = String(rule.used);
    }
  }
  return headers;
}

/** 429 (or 418 once banned) in Binance's words. */
export function binanceRateLimitedResponse(request: SimHttpRequest, refusal: SimRateLimitRefusal): SimHttpResponse {
  const rule = refusal.usage.rules[refusal.rule];
  const limit = rule?.limit ?? 0;
  const { interval, intervalNum } = binanceInterval(rule?.windowMs ?? 60_000);
  const retryAfter = { 'Retry-After': String(refusal.retryAfterSeconds) };
  if (refusal.banned) {
    const bannedUntilMs = request.receivedMs + refusal.retryAfterSeconds * 1000;
    const answer = binanceError(418, -1003, `Way too much request weight used; IP banned until ${bannedUntilMs}. Please use WebSocket Streams for live updates to avoid bans.`);
    return { ...answer, headers: retryAfter };
  }
  if (RULE_TYPES[refusal.rule] === 'ORDERS') {
    // "you will receive a 429 error without the Retry-After header".
    return binanceError(429, -1015, `Too many new orders; current limit is ${limit} orders per ${intervalNum} ${interval}.`);
  }
  const message =
    refusal.rule === 'RAW_REQUESTS'
      ? `Too many requests; current limit is ${limit} requests per ${intervalNum} ${interval}. Please use WebSocket Streams for live updates to avoid polling the API.`
      : `Too much request weight used; current limit is ${limit} request weight per ${intervalNum} ${interval}. Please use WebSocket Streams for live updates to avoid polling the API.`;
  return { ...binanceError(429, -1003, message), headers: retryAfter };
}
