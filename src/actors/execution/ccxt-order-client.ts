// One venue account's order requests through ccxt's unified API, paced by our own budget, retried safely, answered in exact text.
import ccxt, { type Exchange, type Market } from 'ccxt';
import { setTimeout as sleep } from 'node:timers/promises';
import { ZvtError } from '../../model/errors.js';
import { headerValue } from '../../store/backfill/venue-candle-api.js';
import { RequestBudget } from '../../store/backfill/request-budget.js';
import { canonicalDecimal, compareDecimal } from './decimal-text.js';
import { ZVT_ERR_EXECUTION_OPTIONS } from './errors.js';
import type { ExecutionDialect, ExecutionRequestKind, VenueFillRecord, VenueMarketRules, VenueOrderSnapshot } from './execution-dialect.js';
import { classifyVenueError, type VenueRefusalReason } from './venue-error.js';

/*
 * Retry rules, per request kind:
 * - a rate-limit refusal (429/418) had no effect: every request of the venue waits (Retry-After
 *   when the venue sends one, else at least 1 s) and it is sent again, up to 20 refusals, which
 *   do not count as attempts;
 * - an unanswered place (timeout, dropped connection, 5xx) may have created the order. It is
 *   never re-sent blind: after requestExpiryMs (past which the venue can no longer act on the
 *   lost request) the order is looked up by its client id; found, it is adopted; not found, the
 *   same request is sent again under the same client id (a venue refuses a client id an open
 *   order holds, so a late duplicate is refused there too);
 * - cancel and the reads are idempotent: retried after the backoff.
 * After maxAttempts the request fails with the last error's text.
 */

export interface LiveMarket {
  readonly canonical: string;
  /** ccxt's unified symbol ("BTC/USDT"). */
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly rules: VenueMarketRules;
}

export interface VenueOrderRequest {
  readonly market: LiveMarket;
  readonly clientOrderId: string;
  readonly side: 'buy' | 'sell';
  readonly type: 'market' | 'limit';
  readonly timeInForce: 'GTC' | 'IOC' | 'FOK';
  readonly postOnly: boolean;
  readonly quantity: string;
  readonly price: string | null;
}

export type PlaceOutcome =
  | { readonly ok: true; readonly orderId: string; readonly reconciled: boolean }
  | { readonly ok: false; readonly reason: VenueRefusalReason; readonly text: string };

export type CancelOutcome = { readonly ok: true } | { readonly ok: false; readonly notFound: boolean; readonly text: string };

export interface CcxtOrderClientOptions {
  readonly dialect: ExecutionDialect;
  readonly exchange: Exchange;
  /** Attempts per request (default 5). */
  readonly maxAttempts?: number;
  /** First backoff, doubled per attempt with jitter, capped (defaults 250 and 5000 ms). */
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Wait before looking up an unanswered order (default: the dialect's requestExpiryMs). */
  readonly reconcileDelayMs?: number;
  readonly random?: () => number;
}

/** Counters for the operator: requests sent and what went wrong. */
export interface OrderClientCounters {
  requests: number;
  rateLimited: number;
  uncertain: number;
  reconciledPlacements: number;
}

class AttemptsExhausted extends Error {}

/** Rate-limit refusals a request may meet before it fails (they had no effect, so they are not attempts). */
const MAX_RATE_LIMIT_RETRIES = 20;
const MIN_RATE_LIMIT_WAIT_MS = 1000;

export class CcxtOrderClient {
  readonly dialect: ExecutionDialect;
  readonly exchange: Exchange;
  readonly budget: RequestBudget;
  readonly counters: OrderClientCounters = { requests: 0, rateLimited: 0, uncertain: 0, reconciledPlacements: 0 };
  private readonly maxAttempts: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly reconcileDelayMs: number;
  private readonly random: () => number;

  constructor(options: CcxtOrderClientOptions) {
    this.dialect = options.dialect;
    this.exchange = options.exchange;
    this.budget = new RequestBudget(options.dialect.budgetRules);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.baseBackoffMs = options.baseBackoffMs ?? 250;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
    this.reconcileDelayMs = options.reconcileDelayMs ?? options.dialect.requestExpiryMs;
    this.random = options.random ?? Math.random;
    // Our budget paces requests; ccxt's own limiter would queue them a second time.
    this.exchange.enableRateLimit = false;
    this.exchange.options = { ...this.exchange.options, ...this.dialect.ccxtOptions };
    // A 5xx comes from the venue's gateway, not its matching engine: the request's effect is unknown.
    // Some venue classes (OKX) read any non-"0" body as a refusal; decide on the status first.
    const handleErrors = this.exchange.handleErrors.bind(this.exchange);
    this.exchange.handleErrors = (...args: Parameters<Exchange['handleErrors']>): ReturnType<Exchange['handleErrors']> => {
      const [status, statusText, url, method, , body] = args;
      if (status >= 500) throw new ccxt.ExchangeNotAvailable(`${this.exchange.id} ${method} ${url} ${status} ${statusText} ${String(body).slice(0, 200)}`);
      return handleErrors(...args);
    };
  }

  /** Loads the venue's spot markets and returns those of `canonicals` ("BTC-USDT"), or throws naming the missing ones. */
  async loadMarkets(canonicals: readonly string[]): Promise<Map<string, LiveMarket>> {
    const markets = await this.withRetries('fetchOrder', 'load markets', () => this.exchange.loadMarkets());
    const bySymbol = new Map<string, Market>();
    for (const market of Object.values(markets)) if (market !== undefined && market.spot === true) bySymbol.set(`${market.base}-${market.quote}`, market);
    const result = new Map<string, LiveMarket>();
    const missing: string[] = [];
    for (const canonical of canonicals) {
      const market = bySymbol.get(canonical);
      if (market === undefined) {
        missing.push(canonical);
        continue;
      }
      result.set(canonical, { canonical, symbol: market.symbol, base: market.base, quote: market.quote, rules: this.dialect.marketRules(market.info) });
    }
    if (missing.length > 0) throw new ZvtError(ZVT_ERR_EXECUTION_OPTIONS, `${this.dialect.venue} lists no spot market for ${missing.join(', ')}`);
    return result;
  }

  /** Places an order once, whatever the network does (see the retry rules above). */
  async place(request: VenueOrderRequest): Promise<PlaceOutcome> {
    const symbol = request.market.symbol;
    // ccxt takes numbers; make sure the text it will send is exactly ours before sending anything.
    const quantity = Number(request.quantity);
    const price = request.price === null ? undefined : Number(request.price);
    const sentQuantity = this.exchange.amountToPrecision(symbol, quantity) ?? '';
    if (compareDecimal(canonicalDecimal(sentQuantity), request.quantity) !== 0) {
      return { ok: false, reason: 'invalid_quantity', text: `Quantity ${request.quantity} would be sent as ${sentQuantity}; refused` };
    }
    const sentPrice = price === undefined ? null : (this.exchange.priceToPrecision(symbol, price) ?? '');
    if (sentPrice !== null && compareDecimal(canonicalDecimal(sentPrice), request.price!) !== 0) {
      return { ok: false, reason: 'invalid_price', text: `Price ${request.price} would be sent as ${sentPrice}; refused` };
    }
    const params: Record<string, unknown> = { clientOrderId: request.clientOrderId };
    if (request.postOnly) params.postOnly = true;
    else if (request.type === 'limit') params.timeInForce = request.timeInForce;
    let sentBefore = false;
    let lastText = '';
    let refusals = 0;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      await this.budget.acquire(this.dialect.costs.place);
      this.counters.requests++;
      try {
        const orderId = await this.sendPlace(request, quantity, price, params);
        if (orderId === undefined || orderId === '') throw new Error(`${this.dialect.venue} answered an order without an id`);
        return { ok: true, orderId, reconciled: false };
      } catch (error) {
        const kind = classifyVenueError(error);
        lastText = kind.text;
        if (kind.kind === 'rate_limited') {
          // A refusal had no effect: it does not use up an attempt, only one of MAX_RATE_LIMIT_RETRIES.
          if (++refusals > MAX_RATE_LIMIT_RETRIES) break;
          this.counters.rateLimited++;
          this.pauseForRetryAfter(refusals);
          attempt--;
          continue;
        }
        if (kind.kind === 'refused' && !(kind.reason === 'duplicate_client_order_id' && sentBefore)) return { ok: false, reason: kind.reason, text: kind.text };
        if (kind.kind === 'not_found') return { ok: false, reason: 'venue_refused', text: kind.text };
        // Unanswered (or "duplicate" after an unanswered attempt: the first one landed): look it up.
        if (kind.kind === 'uncertain') this.counters.uncertain++;
        sentBefore = true;
        await sleep(Math.max(this.reconcileDelayMs, this.backoffMs(attempt)));
        let found: VenueOrderSnapshot | null;
        try {
          found = await this.fetchOrder(request.market, { clientOrderId: request.clientOrderId });
        } catch (lookupError) {
          lastText = `${kind.text}; looking it up failed: ${lookupError instanceof Error ? lookupError.message : String(lookupError)}`;
          break;
        }
        if (found !== null) {
          this.counters.reconciledPlacements++;
          return { ok: true, orderId: found.orderId, reconciled: true };
        }
      }
    }
    return { ok: false, reason: 'venue_refused', text: `${this.dialect.venue} did not take the order (not found by its client id): ${lastText}` };
  }

  private async sendPlace(request: VenueOrderRequest, quantity: number, price: number | undefined, params: Record<string, unknown>): Promise<string | undefined> {
    const placeOrder = this.dialect.calls?.placeOrder;
    if (placeOrder === undefined) return (await this.exchange.createOrder(request.market.symbol, request.type, request.side, quantity, price, params)).id;
    const { market, ...order } = request;
    return placeOrder(this.exchange, { ...order, marketId: this.exchange.market(market.symbol).id as string });
  }

  /** Cancels a working order; notFound when the venue no longer has it open (filled, canceled, unknown). */
  async cancel(market: LiveMarket, orderId: string): Promise<CancelOutcome> {
    try {
      await this.withRetries('cancel', `cancel ${orderId}`, () => this.exchange.cancelOrder(orderId, market.symbol));
      return { ok: true };
    } catch (error) {
      const kind = classifyVenueError(error);
      if (kind.kind === 'not_found') return { ok: false, notFound: true, text: kind.text };
      // Binance refuses a cancel of a done order with -2011 "Unknown order sent.": ccxt maps it to OrderNotFound too.
      return { ok: false, notFound: false, text: error instanceof AttemptsExhausted ? error.message : kind.text };
    }
  }

  /** The order by venue id or by our client id; null when the venue has no such order. */
  async fetchOrder(market: LiveMarket, ref: { readonly orderId: string } | { readonly clientOrderId: string }): Promise<VenueOrderSnapshot | null> {
    try {
      const byClientId = this.dialect.calls?.fetchOrderByClientId;
      if (!('orderId' in ref) && byClientId !== undefined) {
        const raw = await this.withRetries('fetchOrder', 'fetch order by client id', () => byClientId(this.exchange, this.exchange.market(market.symbol).id as string, ref.clientOrderId));
        return raw === null || raw === undefined ? null : this.dialect.readOrder(raw);
      }
      const order = await this.withRetries('fetchOrder', 'fetch order', () =>
        'orderId' in ref ? this.exchange.fetchOrder(ref.orderId, market.symbol) : this.exchange.fetchOrder('', market.symbol, { clientOrderId: ref.clientOrderId }),
      );
      return this.dialect.readOrder(order.info);
    } catch (error) {
      if (!(error instanceof AttemptsExhausted) && classifyVenueError(error).kind === 'not_found') return null;
      throw error;
    }
  }

  async fetchOpenOrders(market: LiveMarket): Promise<VenueOrderSnapshot[]> {
    const orders = await this.withRetries('fetchOpenOrders', 'fetch open orders', () => this.exchange.fetchOpenOrders(market.symbol));
    return orders.map((order) => this.dialect.readOrder(order.info));
  }

  /** The fills of one order. */
  async fetchFills(market: LiveMarket, orderId: string): Promise<VenueFillRecord[]> {
    const fetchFills = this.dialect.calls?.fetchFills;
    const raws =
      fetchFills === undefined
        ? (await this.withRetries('fetchFills', `fetch fills of ${orderId}`, () => this.exchange.fetchOrderTrades(orderId, market.symbol))).map((trade) => trade.info as unknown)
        : await this.withRetries('fetchFills', `fetch fills of ${orderId}`, () => fetchFills(this.exchange, this.exchange.market(market.symbol).id as string, orderId));
    return raws.map((raw) => this.dialect.readFill(raw)).filter((fill) => fill.orderId === orderId);
  }

  /** An idempotent request under the budget, retried on rate limits and network failures; other errors are thrown as ccxt raised them. */
  private async withRetries<T>(kind: ExecutionRequestKind, description: string, request: () => Promise<T>): Promise<T> {
    let lastText = '';
    let refusals = 0;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      await this.budget.acquire(this.dialect.costs[kind]);
      this.counters.requests++;
      try {
        return await request();
      } catch (error) {
        const classified = classifyVenueError(error);
        lastText = classified.text;
        if (classified.kind === 'rate_limited') {
          if (++refusals > MAX_RATE_LIMIT_RETRIES) break;
          this.counters.rateLimited++;
          this.pauseForRetryAfter(refusals);
          attempt--;
          continue;
        }
        if (classified.kind !== 'uncertain') throw error;
        this.counters.uncertain++;
        await sleep(this.backoffMs(attempt));
      }
    }
    throw new AttemptsExhausted(`${this.dialect.venue}: ${description} failed ${this.maxAttempts} times; last: ${lastText}`);
  }

  /**
   * Every request of this venue waits out a refusal: Retry-After when sent, else at least a
   * second (the shortest window any venue counts in; Binance's order limit and OKX send none).
   */
  private pauseForRetryAfter(refusals: number): void {
    const headers = (this.exchange as unknown as { last_response_headers?: Record<string, string> }).last_response_headers ?? {};
    const seconds = Number(headerValue(headers, 'retry-after'));
    const waitMs = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : Math.max(MIN_RATE_LIMIT_WAIT_MS, this.backoffMs(refusals));
    this.budget.pauseUntil(Date.now() + waitMs);
  }

  private backoffMs(attempt: number): number {
    const ceiling = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** (attempt - 1));
    return Math.floor(ceiling / 2 + (ceiling / 2) * this.random());
  }
}
