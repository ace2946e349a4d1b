// The Binance spot dialect: REST (public, signed, user stream keys), market streams and user data streams over one SimExchange.
import type { SimExchange, SimListing } from '../../exchange/sim-exchange-contract.js';
import type { SimDialectOptions } from '../../dialects.js';
import { mergeRateLimitRules } from '../../server/rate-limiter.js';
import type { SimDialect, SimSocketSession, SimSocketSink } from '../../server/sim-dialect.js';
import type { BinanceContext } from './binance-context.js';
import { ListenKeys } from './private-ws/listen-keys.js';
import { BinanceUserStreams } from './private-ws/user-streams.js';
import { KlineBuilder } from './public-rest/kline-builder.js';
import { RecentPrints } from './public-rest/recent-prints.js';
import { TakerBuyVolumes } from './public-rest/taker-buy-volumes.js';
import { BinanceMarketStreams } from './public-ws/market-streams.js';
import { BinanceStreamSession } from './public-ws/stream-session.js';
import { BINANCE_RATE_LIMIT_RULES, binanceCostOf, binanceRateLimitedResponse, binanceUsageHeaders } from './rate-limits.js';
import { dispatchBinance } from './routes.js';

/*
 * WebSocket paths (one server, as stream.binance.com): `/ws` and `/ws/<stream>[/<stream>...]` raw,
 * `/stream?streams=a/b/c` combined; a listenKey in place of a stream name attaches that account's
 * user data stream (`/ws/<listenKey>`, as ccxt and Binance's docs connect). REST paths under
 * /api/v3 (and /sapi/v1/capital/config/getall) on the same server. The server sends WebSocket ping
 * frames itself (Binance: every 20 s); nothing here depends on them.
 */

/** Binance spot market-data streams ping every 20 s and disconnect a client that does not pong within a minute. */
const BINANCE_PING_INTERVAL_MS = 20_000;

export function createBinanceDialect(exchange: SimExchange, options: SimDialectOptions = {}): SimDialect {
  const rateLimitRules = mergeRateLimitRules(BINANCE_RATE_LIMIT_RULES, options.rateLimits);
  const listenKeys = new ListenKeys();
  const prints = new RecentPrints(exchange);
  const cancelClientOrderIds = new Map<number, string>();
  const market = new BinanceMarketStreams(exchange);
  const users = new BinanceUserStreams(exchange, listenKeys, cancelClientOrderIds);
  const builders = new Map<string, KlineBuilder>();
  const context: BinanceContext = {
    exchange,
    rateLimitRules,
    prints,
    listenKeys,
    cancelClientOrderIds,
    klines(listing: SimListing): KlineBuilder {
      let builder = builders.get(listing.native);
      if (builder === undefined) {
        const history = exchange.history(listing.native);
        builder = new KlineBuilder(history, new TakerBuyVolumes(history));
        builders.set(listing.native, builder);
      }
      return builder;
    },
  };

  return {
    venue: 'binance',
    exchange,
    rateLimitRules,
    costOf: binanceCostOf,
    handleHttp: (request) => dispatchBinance(request, context),
    rateLimitedResponse: binanceRateLimitedResponse,
    usageHeaders: (_request, usage) => binanceUsageHeaders(usage),
    // "The WebSocket server will send a ping frame every 20 seconds" (spot WebSocket Streams, General WSS information).
    webSocketPingIntervalMs: BINANCE_PING_INTERVAL_MS,
    openSession(path: string, query: URLSearchParams, sink: SimSocketSink): SimSocketSession | null {
      if (path === '/ws' || path.startsWith('/ws/')) {
        const names = path
          .slice('/ws'.length)
          .split('/')
          .filter((name) => name !== '')
          .map(decodePathSegment);
        return new BinanceStreamSession(market, users, sink, false, names);
      }
      if (path === '/stream') {
        const names = (query.get('streams') ?? '').split('/').filter((name) => name !== '');
        return new BinanceStreamSession(market, users, sink, true, names);
      }
      return null;
    },
    // Binance frames carry no checksum.
    corruptChecksum: () => null,
    close(): void {
      market.close();
      users.close();
      prints.close();
    },
  };
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
