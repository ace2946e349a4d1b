// Orders, fills, balances and rejections of the simulator's matching engine, as plain data the dialects render.

export type SimSide = 'buy' | 'sell';
export type SimOrderType = 'market' | 'limit';
/** GTC rests; IOC fills what it can now and expires the rest; FOK fills entirely now or expires. */
export type SimTimeInForce = 'GTC' | 'IOC' | 'FOK';
export type SimOrderStatus = 'new' | 'partially_filled' | 'filled' | 'canceled' | 'expired' | 'rejected';

export interface SimOrderRequest {
  /** Canonical symbol of the venue instrument. */
  readonly canonical: string;
  /** The client's id (Binance newClientOrderId, OKX clOrdId ...); generated when absent. Unique among the account's open orders. */
  readonly clientOrderId?: string | undefined;
  readonly side: SimSide;
  readonly type: SimOrderType;
  readonly timeInForce: SimTimeInForce;
  /** Rejected (post_only_would_take) instead of taking liquidity. Limit orders only. */
  readonly postOnly: boolean;
  /** Limit price in ticks; required for limit orders, ignored for market orders. */
  readonly priceTicks?: number | undefined;
  /** Size in lots. Exactly one of sizeLots and quoteSize (market buys by quote amount). */
  readonly sizeLots?: number | undefined;
  /** Quote amount to spend or receive, decimal text (Binance quoteOrderQty, OKX tgtCcy=quote_ccy). Market orders only. */
  readonly quoteSize?: string | undefined;
}

export interface SimOrder {
  /** Venue order id, increasing per exchange (dialects render it as the venue does: number or string). */
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly accountId: string;
  readonly canonical: string;
  readonly side: SimSide;
  readonly type: SimOrderType;
  readonly timeInForce: SimTimeInForce;
  readonly postOnly: boolean;
  /** null for market orders. */
  readonly priceTicks: number | null;
  /** Ordered size in lots (for a quote-sized market order: what it filled). */
  readonly sizeLots: number;
  /** The quote amount asked, when the order was quote-sized; else null. */
  readonly quoteSize: string | null;
  readonly filledLots: number;
  /** Σ price × size of its fills, tick·lot units (average price = this / filledLots ticks). */
  readonly filledTickLots: bigint;
  /** Fees paid so far, decimal text, in feeAsset. */
  readonly fee: string;
  readonly feeAsset: string;
  readonly status: SimOrderStatus;
  readonly createdMs: number;
  readonly updatedMs: number;
}

export interface SimFill {
  /** Increasing per exchange. */
  readonly fillId: number;
  /** The public trade id this fill printed as. */
  readonly tradeId: number;
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly accountId: string;
  readonly canonical: string;
  readonly side: SimSide;
  readonly priceTicks: number;
  readonly sizeLots: number;
  readonly liquidity: 'maker' | 'taker';
  /** Decimal text, in feeAsset (taker buys pay in base on Binance-style spot; here: always the quote asset). */
  readonly fee: string;
  readonly feeAsset: string;
  readonly tsMs: number;
}

/** One asset of an account: decimal text, canonical form. total = free + locked. */
export interface SimBalance {
  readonly asset: string;
  readonly free: string;
  readonly locked: string;
}

/**
 * Why an order or cancel was refused. Dialects map each to the venue's own code and message
 * (Binance -2010/-2011/-2013, OKX 51008/51603, Bybit 110007/110001, Coinbase INSUFFICIENT_FUND ...).
 */
export type SimRejectReason =
  | 'insufficient_balance'
  | 'unknown_order'
  | 'unknown_instrument'
  | 'post_only_would_take'
  | 'duplicate_client_order_id'
  | 'invalid_price'
  | 'invalid_size'
  | 'below_min_size'
  | 'below_min_notional'
  | 'no_liquidity';

export type SimOrderResult =
  | { readonly ok: true; readonly order: SimOrder; readonly fills: readonly SimFill[] }
  | { readonly ok: false; readonly reason: SimRejectReason; readonly message: string };

export type SimCancelResult =
  | { readonly ok: true; readonly order: SimOrder }
  | { readonly ok: false; readonly reason: 'unknown_order' | 'unknown_instrument'; readonly message: string };

/** An order by venue id or by client id. */
export type SimOrderRef = { readonly orderId: number } | { readonly clientOrderId: string };

/** A demo account: API credentials and starting balances (decimal text per asset). */
export interface SimAccountSpec {
  readonly accountId: string;
  readonly apiKey: string;
  readonly secret: string;
  /** OKX and Coinbase-legacy style passphrase; null where the venue has none. */
  readonly passphrase: string | null;
  readonly balances: Readonly<Record<string, string>>;
}

/** Fee rates in basis points (10 = 0.10 %). */
export interface SimFeeSchedule {
  readonly makerBps: number;
  readonly takerBps: number;
}
