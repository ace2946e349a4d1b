// The Coinbase Advanced Trade dialect: REST (public market data, JWT-authenticated trading), the market-data WebSocket and the user channel over a SimExchange.
import type { SimDialectOptions } from '../../dialects.js';
import type { SimExchange } from '../../exchange/sim-exchange-contract.js';
import { mergeRateLimitRules } from '../../server/rate-limiter.js';
import type { SimDialect, SimHttpRequest, SimHttpResponse, SimSocketSession, SimSocketSink } from '../../server/sim-dialect.js';
import { CdpPublicKeys, verifyCdpJwt } from './auth/cdp-jwt.js';
import { UNAUTHORIZED_RESPONSE } from './errors.js';
import { UserChannel } from './private-ws/user-channel.js';
import { HeartbeatClock } from './public-ws/heartbeat-clock.js';
import { MarketFanout } from './public-ws/market-fanout.js';
import { MarketViews } from './public-ws/market-views.js';
import { CoinbaseRequestHandler } from './public-ws/request-handler.js';
import { CoinbaseWsConnection } from './public-ws/ws-connection.js';
import { bearerToken, COINBASE_RATE_LIMIT_RULES, costOfRoute, rateLimitedResponse } from './rate-limits.js';
import { matchRoute } from './rest-routes.js';
import { RecentTrades } from './shared/recent-trades.js';
import type { CoinbaseRestContext } from './shared/rest-context.js';
import { TickerStats } from './shared/ticker-stats.js';

/*
 * Endpoints as the venue has them, only the base URLs differ: REST at /api/v3/brokerage/...
 * (https://api.coinbase.com) and /v2/..., the WebSocket at / (wss://advanced-trade-ws.coinbase.com),
 * whose `user` channel is served on the same socket. docs/simulator/coinbase.md lists what is
 * served and what is not. The real API host stays acceptable in JWT uri claims, next to the
 * simulator's own Host, so a client that signs for api.coinbase.com works too.
 */

/** The host Coinbase's JWT uri claims name. */
const COINBASE_API_HOST = 'api.coinbase.com';
/** A request for an unknown path: Go's net/http text. */
const NOT_FOUND: SimHttpResponse = Object.freeze({ status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '404 page not found\n' });

export function createCoinbaseDialect(exchange: SimExchange, options: SimDialectOptions = {}): SimDialect {
  return new CoinbaseDialect(exchange, options);
}

class CoinbaseDialect implements SimDialect {
  readonly venue = 'coinbase' as const;
  readonly rateLimitRules;
  private readonly connections = new Set<CoinbaseWsConnection>();
  private readonly publicKeys: CdpPublicKeys;
  private readonly context: CoinbaseRestContext;
  private readonly fanout: MarketFanout;
  private readonly heartbeats: HeartbeatClock;
  private readonly userChannel: UserChannel;
  private readonly requests: CoinbaseRequestHandler;

  constructor(
    readonly exchange: SimExchange,
    options: SimDialectOptions,
  ) {
    this.rateLimitRules = mergeRateLimitRules(COINBASE_RATE_LIMIT_RULES, options.rateLimits);
    this.publicKeys = new CdpPublicKeys((keyName) => exchange.accountByApiKey(keyName)?.secret);
    const recentTrades = new RecentTrades(exchange);
    const tickerStats = new TickerStats(exchange);
    this.context = { exchange, recentTrades, tickerStats };
    const views = new MarketViews(exchange, recentTrades, tickerStats);
    this.fanout = new MarketFanout(exchange, this.connections, views, recentTrades);
    this.heartbeats = new HeartbeatClock(this.connections, () => exchange.nowMs());
    this.userChannel = new UserChannel(exchange, this.connections, this.publicKeys.lookup);
    this.requests = new CoinbaseRequestHandler(exchange, views, this.fanout, this.userChannel);
  }

  costOf(request: SimHttpRequest) {
    const match = matchRoute(request.method, request.path);
    return match === null ? null : costOfRoute(request, match.route);
  }

  handleHttp(request: SimHttpRequest): SimHttpResponse {
    const match = matchRoute(request.method, request.path);
    if (match === null) return NOT_FOUND;
    let accountId: string | null = null;
    if (match.route.authenticated) {
      accountId = this.authenticate(request);
      if (accountId === null) return UNAUTHORIZED_RESPONSE;
    }
    return match.route.handler(request, match.params, this.context, accountId);
  }

  rateLimitedResponse(_request: SimHttpRequest, refusal: Parameters<SimDialect['rateLimitedResponse']>[1]): SimHttpResponse {
    return rateLimitedResponse(refusal);
  }

  usageHeaders(): Readonly<Record<string, string>> {
    return {};
  }

  openSession(path: string, _query: URLSearchParams, sink: SimSocketSink): SimSocketSession | null {
    if (path !== '/' && path !== '') return null;
    const connection = new CoinbaseWsConnection(sink);
    this.connections.add(connection);
    return {
      onMessage: (text) => this.requests.onMessage(connection, text),
      onClose: () => {
        connection.markClosed();
        this.connections.delete(connection);
      },
    };
  }

  corruptChecksum(): string | null {
    // Coinbase frames carry no checksum: a lost or damaged update shows only as a sequence_num hole.
    return null;
  }

  close(): void {
    this.heartbeats.stop();
    this.fanout.stop();
    this.userChannel.stop();
    this.connections.clear();
  }

  /** The account of a valid `Authorization: Bearer` JWT for this request, else null. */
  private authenticate(request: SimHttpRequest): string | null {
    const token = bearerToken(request);
    if (token === null) return null;
    const hosts = [COINBASE_API_HOST];
    const host = request.headers.host;
    if (host !== undefined && host !== '') hosts.unshift(host);
    const result = verifyCdpJwt(token, { method: request.method, path: request.path, hosts }, request.receivedMs / 1000, this.publicKeys.lookup);
    if (!result.ok) return null;
    return this.exchange.accountByApiKey(result.keyName)?.accountId ?? null;
  }
}
