// The OKX v5 dialect of the simulator: public and private WebSockets, public and signed REST, OKX's rate limits and errors.
import type { SimExchange, SimListing } from '../../exchange/sim-exchange-contract.js';
import type { SimDialectOptions } from '../../dialects.js';
import { mergeRateLimitRules } from '../../server/rate-limiter.js';
import type { SimDialect, SimHttpRequest, SimHttpResponse, SimRateLimitRefusal, SimSocketSink } from '../../server/sim-dialect.js';
import { OKX_REST_ERRORS } from './errors.js';
import { routeOkxRequest } from './http-routes.js';
import type { OkxContext } from './okx-context.js';
import { OrderRegistry, type OkxOrderRecord } from './private-rest/order-registry.js';
import { PrivateFeed } from './private-ws/private-feed.js';
import { MarketHub } from './public-ws/market-hub.js';
import { okxCostOf, OKX_RATE_LIMIT_RULES } from './rate-limits.js';
import { TickerStats } from './ticker-stats.js';
import { OkxWsSession } from './ws-session.js';

/*
 * Wiring only; each part says what it follows. Paths: WebSockets /ws/v5/public and /ws/v5/private,
 * REST under /api/v5 (http-routes.ts). The fault layer's corruptChecksum rewrites the `checksum`
 * member of a books push with its bits flipped (never the right value, never 0, which OKX clients
 * read as "no checksum").
 */

export const OKX_PUBLIC_WS_PATH = '/ws/v5/public';
export const OKX_PRIVATE_WS_PATH = '/ws/v5/private';

const CHECKSUM_MEMBER = /"checksum":(-?\d+)/;

/** The frame with its checksum replaced by a wrong one, or null when it carries none. */
export function corruptOkxChecksum(frameText: string): string | null {
  const match = CHECKSUM_MEMBER.exec(frameText);
  if (match === null) return null;
  const wrong = (Number(match[1]) ^ 0x5a5a5a5a) | 0;
  return frameText.replace(CHECKSUM_MEMBER, `"checksum":${wrong === 0 ? 1 : wrong}`);
}

export function createOkxDialect(exchange: SimExchange, options: SimDialectOptions = {}): SimDialect {
  const rateLimitRules = mergeRateLimitRules(OKX_RATE_LIMIT_RULES, options.rateLimits);
  const byInstId = new Map<string, SimListing>(exchange.listings.map((listing) => [listing.native, listing]));
  const byCanonical = new Map<string, SimListing>(exchange.listings.map((listing) => [listing.instrument.canonical, listing]));
  const tickers = new TickerStats((native) => exchange.history(native));
  const hub = new MarketHub(exchange, tickers);
  const registry = new OrderRegistry();
  // The feed needs the context and the context reaches the feed: bound once both exist.
  const late: { feed?: PrivateFeed } = {};
  const context: OkxContext = {
    exchange,
    hub,
    tickers,
    registry,
    listing: (instId) => byInstId.get(instId),
    listingOfCanonical: (canonical) => byCanonical.get(canonical),
    onDialectOrder: (record: OkxOrderRecord) => late.feed?.pushOrder(record),
  };
  const feed = new PrivateFeed(context);
  late.feed = feed;

  return {
    venue: 'okx',
    exchange,
    rateLimitRules,
    privateWebSocketPath: OKX_PRIVATE_WS_PATH,
    costOf: okxCostOf,
    handleHttp: (request: SimHttpRequest): SimHttpResponse => routeOkxRequest(context, request),
    rateLimitedResponse: (_request: SimHttpRequest, _refusal: SimRateLimitRefusal): SimHttpResponse => ({
      status: OKX_REST_ERRORS.tooManyRequests.status,
      body: { msg: OKX_REST_ERRORS.tooManyRequests.msg, code: OKX_REST_ERRORS.tooManyRequests.code },
    }),
    // OKX reports no usage in its headers.
    usageHeaders: () => ({}),
    openSession(path: string, _query: URLSearchParams, sink: SimSocketSink) {
      if (path === OKX_PUBLIC_WS_PATH) return new OkxWsSession(context, feed, 'public', sink);
      if (path === OKX_PRIVATE_WS_PATH) return new OkxWsSession(context, feed, 'private', sink);
      return null;
    },
    corruptChecksum: corruptOkxChecksum,
    close(): void {
      hub.close();
      feed.close();
    },
  };
}
