// The Bybit v5 dialect of the simulator: public and private WebSockets, market and trading REST, rate limits, over one SimExchange.
import type { SimDialectOptions } from '../../dialects.js';
import type { SimExchange } from '../../exchange/sim-exchange-contract.js';
import { mergeRateLimitRules } from '../../server/rate-limiter.js';
import type { SimDialect, SimHttpRequest, SimSocketSession, SimSocketSink } from '../../server/sim-dialect.js';
import { bybitConnectionId } from './bybit-ids.js';
import { BybitListings } from './bybit-listings.js';
import { BybitPrivateState } from './private-rest/private-state.js';
import type { BybitPrivateContext } from './private-rest/private-context.js';
import { PrivateHub } from './private-ws/private-hub.js';
import type { PublicCategory } from './public-ws/public-frames.js';
import { PublicMarketHub } from './public-ws/public-hub.js';
import { BybitPublicSession } from './public-ws/public-session.js';
import { BYBIT_RATE_LIMIT_RULES, bybitCostOf, bybitRateLimitedResponse, bybitUsageHeaders } from './rate-limits.js';
import { routeBybitRequest } from './rest-router.js';

/*
 * WebSocket paths as on stream.bybit.com (https://bybit-exchange.github.io/docs/v5/ws/connect):
 * /v5/public/spot, /v5/public/linear, /v5/private. REST paths under /v5 as on api.bybit.com
 * (rest-router.ts). Listings of categories other than spot and linear are not served. Bybit has no
 * frame checksums, so corruptChecksum answers null.
 */

export const BYBIT_PUBLIC_PATHS: Readonly<Record<string, PublicCategory>> = { '/v5/public/spot': 'spot', '/v5/public/linear': 'linear' };
export const BYBIT_PRIVATE_PATH = '/v5/private';

/** The Bybit dialect, with the venue behaviours a test or operator can trigger. */
export interface BybitDialect extends SimDialect {
  /**
   * Bybit's service restart: the depth streams of the listings named (all when absent) start again
   * at u = 1 and push a snapshot, which clients must take as their whole book.
   */
  restartBookStreams(category?: PublicCategory, symbol?: string): void;
}

/** A salt for ids that differ between exchanges (their demo keys are seeded). */
function saltOf(exchange: SimExchange): number {
  const text = `${exchange.venue}:${exchange.accounts.map((account) => account.apiKey).join(',')}`;
  let hash = 2166136261;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619) >>> 0;
  return hash;
}

export function createBybitDialect(exchange: SimExchange, options: SimDialectOptions = {}): BybitDialect {
  const salt = saltOf(exchange);
  const listings = new BybitListings(exchange);
  const hub = new PublicMarketHub(exchange, String(salt));
  const state = new BybitPrivateState(exchange, listings);
  const privateHub = new PrivateHub(exchange, state, salt);
  const context: BybitPrivateContext = { exchange, listings, hub, state, onLocalOrder: (order) => privateHub.onOrder(order) };
  const rateLimitRules = mergeRateLimitRules(BYBIT_RATE_LIMIT_RULES, options.rateLimits);
  let connections = 0;

  return {
    venue: exchange.venue,
    exchange,
    rateLimitRules,
    privateWebSocketPath: BYBIT_PRIVATE_PATH,
    costOf: (request: SimHttpRequest) => bybitCostOf(request, exchange),
    handleHttp: (request: SimHttpRequest) => routeBybitRequest(request, context),
    rateLimitedResponse: bybitRateLimitedResponse,
    usageHeaders: bybitUsageHeaders,
    openSession(path: string, _query: URLSearchParams, sink: SimSocketSink): SimSocketSession | null {
      const category = BYBIT_PUBLIC_PATHS[path];
      if (category !== undefined) return new BybitPublicSession(category, sink, hub, bybitConnectionId(++connections, salt));
      if (path === BYBIT_PRIVATE_PATH) return privateHub.open(sink);
      return null;
    },
    corruptChecksum: () => null,
    restartBookStreams: (category?: PublicCategory, symbol?: string) => hub.restartBookStreams(category, symbol),
    close(): void {
      hub.close();
      privateHub.close();
    },
  };
}
