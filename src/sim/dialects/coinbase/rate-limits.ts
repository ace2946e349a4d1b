// Coinbase Advanced Trade REST rate limits: 10 requests/s per IP on public endpoints, 30 requests/s per API key on private ones.
import type { SimHttpRequest, SimHttpResponse, SimRateLimitRefusal, SimRateLimitRule, SimRequestCost } from '../../server/sim-dialect.js';
import { unverifiedJwtSubject } from './auth/cdp-jwt.js';
import type { CoinbaseRoute } from './rest-routes.js';

/*
 * https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/rest-api/rate-limits (and its
 * older docs.cloud.coinbase.com page "REST API Rate Limits"): public endpoints 10 requests per
 * second per IP, private endpoints 30 requests per second per user; every request costs 1. The
 * simulator counts private requests per API key (the JWT's `sub`, read before verification so a
 * flood of bad tokens is limited too; a request without one counts against its IP). Over the
 * limit: HTTP 429 with {"error":"rate_limit_exceeded","error_details":"Too many requests",
 * "message":"Too many requests"} (the code ccxt maps to RateLimitExceeded). Coinbase documents no
 * Retry-After or usage headers, and no bans, so none are sent.
 * The WebSocket's 8 unauthenticated messages per second per IP are not enforced (the server's
 * limiter covers REST only, and a socket session does not know its client's address).
 */

export const COINBASE_RATE_LIMIT_RULES: Readonly<Record<string, SimRateLimitRule>> = Object.freeze({
  public: Object.freeze({ limit: 10, windowMs: 1000, banAfterRefusals: null, banMs: 0 }),
  private: Object.freeze({ limit: 30, windowMs: 1000, banAfterRefusals: null, banMs: 0 }),
});

export function costOfRoute(request: SimHttpRequest, route: CoinbaseRoute): SimRequestCost {
  if (!route.authenticated) return { charges: [{ rule: 'public', bucket: `ip:${request.clientAddress}`, cost: 1 }] };
  const subject = unverifiedJwtSubject(bearerToken(request) ?? '');
  const bucket = subject === null ? `ip:${request.clientAddress}` : `apiKey:${subject}`;
  return { charges: [{ rule: 'private', bucket, cost: 1 }] };
}

export function rateLimitedResponse(_refusal: SimRateLimitRefusal): SimHttpResponse {
  return { status: 429, body: { error: 'rate_limit_exceeded', error_details: 'Too many requests', message: 'Too many requests' } };
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(request: SimHttpRequest): string | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match === null ? null : match[1]!;
}
