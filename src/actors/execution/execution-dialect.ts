// What the live execution path needs to know of one venue beyond ccxt's unified API: exact text of orders and fills from the raw answers, grid rules, pacing.
import type { Exchange } from 'ccxt';
import type { BudgetRule } from '../../store/backfill/request-budget.js';

/*
 * ccxt's unified orders and trades carry numbers (floats); our events carry the venue's decimal
 * text. Each dialect reads ccxt's `info` (the venue's raw JSON) for the exact fields, the same
 * way src/store/backfill reads raw rows. Everything else (signing, URLs, parameter names such as
 * postOnly → LIMIT_MAKER / ordType post_only, clientOrderId → newClientOrderId / clOrdId) is
 * ccxt's, unchanged.
 */

export type ExecutionVenue = 'binance' | 'okx' | 'bybit' | 'coinbase';

/** An order as the venue reports it, in exact text. */
export interface VenueOrderSnapshot {
  readonly orderId: string;
  /** The client id the venue holds for it (ours), or null when it has none. */
  readonly clientOrderId: string | null;
  /**
   * open: working. filled / canceled / expired: done (expired = the venue ended the unfilled
   * rest of an IOC/FOK/market order). post_only_refused: the venue took the order and canceled it
   * at once because it would have taken liquidity (OKX does this; Binance refuses the request).
   */
  readonly status: 'open' | 'filled' | 'canceled' | 'expired' | 'post_only_refused' | 'rejected';
  readonly quantity: string;
  readonly filled: string;
  /** Limit price; null for a market order. */
  readonly price: string | null;
}

/** One fill of one of our orders, exact text; fee positive when charged. */
export interface VenueFillRecord {
  readonly tradeId: string;
  readonly orderId: string;
  readonly price: string;
  readonly quantity: string;
  readonly fee: string;
  readonly feeAsset: string;
  readonly liquidity: 'maker' | 'taker';
}

/** An instrument's grid as the venue publishes it (raw text). */
export interface VenueMarketRules {
  readonly tickSize: string;
  readonly lotSize: string;
  readonly minQuantity: string;
  /** Minimum price × quantity, quote units; null when the venue has none. */
  readonly minNotional: string | null;
}

/** The request kinds the handler paces. */
export type ExecutionRequestKind = 'place' | 'cancel' | 'fetchOrder' | 'fetchOpenOrders' | 'fetchFills';

export interface ExecutionDialect {
  readonly venue: ExecutionVenue;
  /** Options merged into the ccxt instance (what to load: spot only). */
  readonly ccxtOptions: Readonly<Record<string, unknown>>;
  /** Our own pacing, under the venue's published limits (ccxt's limiter stays off). */
  readonly budgetRules: readonly BudgetRule[];
  readonly costs: Readonly<Record<ExecutionRequestKind, Readonly<Record<string, number>>>>;
  /**
   * After an order request went unanswered, how long until the venue can no longer act on it: the
   * wait before "not found by its client id" may be trusted (see ccxt-order-client.ts).
   */
  readonly requestExpiryMs: number;
  /** Longest client order id the venue takes (only [0-9a-z] are used, every venue accepts those). */
  readonly maxClientOrderIdLength: number;
  marketRules(info: unknown): VenueMarketRules;
  readOrder(info: unknown): VenueOrderSnapshot;
  readFill(info: unknown): VenueFillRecord;
  /** Where ccxt's unified methods cannot say what we mean, the venue's own calls (through ccxt's signed implicit API). */
  readonly calls?: VenueCalls;
}

/** An order request in exact text, as a venue call needs it (the venue's market id, our venue client id). */
export interface VenueOrderParams {
  readonly marketId: string;
  readonly clientOrderId: string;
  readonly side: 'buy' | 'sell';
  readonly type: 'market' | 'limit';
  readonly timeInForce: 'GTC' | 'IOC' | 'FOK';
  readonly postOnly: boolean;
  readonly quantity: string;
  readonly price: string | null;
}

/** Each is optional: absent, the client uses ccxt's unified method. They throw ccxt's error classes, as ccxt would. */
export interface VenueCalls {
  /** Places the order; answers the venue's order id. */
  readonly placeOrder?: (exchange: Exchange, order: VenueOrderParams) => Promise<string>;
  /** The raw order holding our client id, or null when the venue has none. */
  readonly fetchOrderByClientId?: (exchange: Exchange, marketId: string, clientOrderId: string) => Promise<unknown>;
  /** The raw fills of one order, oldest first. */
  readonly fetchFills?: (exchange: Exchange, marketId: string, orderId: string) => Promise<unknown[]>;
}
