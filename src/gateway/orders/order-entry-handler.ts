// The order-entry contract between a client protocol (FIX, binary WS) and whatever executes orders: requests in, order events out.
//
// Requests return nothing: every outcome, including a refusal, arrives as an OrderEntryEvent
// through subscribe(), synchronously during the call or later (fills, venue cancels). Events
// carry the `owner` of the order (the session that placed it, e.g. a FIX SenderCompID) so the
// protocol layer delivers them to that session, connected or not. Prices and quantities are
// canonical decimal text (no exponent); the handler checks them against the instrument's grid.

export type OrderSide = 'buy' | 'sell';
export type OrderType = 'market' | 'limit';
/** GTC rests; IOC fills what it can at once and expires the rest; FOK fills entirely at once or expires. */
export type OrderTimeInForce = 'GTC' | 'IOC' | 'FOK';
export type OrderStatus = 'new' | 'partially_filled' | 'filled' | 'canceled' | 'expired' | 'rejected';

/** Who asks: the session (owner) and the account its API key trades for. */
export interface OrderRequester {
  readonly owner: string;
  readonly accountId: string;
}

/** One order as the client specifies it. */
export interface OrderSpec {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: OrderTimeInForce;
  /** Rests only: refused instead of taking liquidity. Limit orders only. */
  readonly postOnly: boolean;
  /** Order quantity in base units, decimal text. */
  readonly quantity: string;
  /** Limit price, decimal text; null for market orders. */
  readonly price: string | null;
}

export interface PlaceOrderRequest extends OrderRequester, OrderSpec {}

/** Which order a cancel, replace or status request means: its latest client order id, or the venue id when given. */
export interface OrderReference {
  readonly origClientOrderId: string;
  readonly orderId: string | null;
  readonly symbol: string;
  readonly side: OrderSide;
}

export interface CancelOrderRequest extends OrderRequester, OrderReference {
  /** The id of this cancel request; the order carries it from now on. */
  readonly clientOrderId: string;
}

/** Replace = cancel the working order and place this one in its place (see docs/fix.md, "Replace semantics"). */
export interface ReplaceOrderRequest extends OrderRequester, OrderReference {
  readonly clientOrderId: string;
  readonly type: OrderType;
  readonly timeInForce: OrderTimeInForce;
  readonly postOnly: boolean;
  /** Total quantity of the order after the replace, fills so far included. */
  readonly quantity: string;
  readonly price: string | null;
}

export interface OrderStatusRequest extends OrderRequester {
  readonly clientOrderId: string;
  readonly orderId: string | null;
  readonly symbol: string;
  readonly side: OrderSide;
  /** Echoed on the answer (FIX OrdStatusReqID). */
  readonly statusRequestId: string | null;
}

/** A list of orders placed together; 'oco': when one executes (even partly) or ends, the others are canceled. */
export interface OrderListRequest extends OrderRequester {
  readonly listId: string;
  readonly contingency: 'oco';
  readonly orders: readonly OrderSpec[];
}

/** An order as it stands after an event. */
export interface OrderState {
  /** The venue's id; null for an order refused before the venue took it. */
  readonly orderId: string | null;
  /** The latest client id of the order (a cancel or replace request's id once accepted). */
  readonly clientOrderId: string;
  /** The client id it had before the latest cancel or replace, else null. */
  readonly origClientOrderId: string | null;
  readonly listId: string | null;
  readonly owner: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: OrderTimeInForce;
  readonly postOnly: boolean;
  readonly price: string | null;
  /** Total ordered quantity (after replaces). */
  readonly quantity: string;
  readonly cumulativeQuantity: string;
  /** Still working: quantity − cumulative for a live order, 0 once it is done. */
  readonly leavesQuantity: string;
  /** Volume-weighted average fill price ("0" before the first fill). */
  readonly averagePrice: string;
  readonly status: OrderStatus;
  readonly updatedMs: number;
}

export type OrderRejectReason =
  | 'unknown_symbol'
  | 'invalid_price'
  | 'invalid_quantity'
  | 'below_minimum'
  | 'insufficient_balance'
  | 'duplicate_client_order_id'
  | 'post_only_would_take'
  | 'no_liquidity'
  | 'unsupported'
  | 'list_rejected';

export type CancelRejectReason = 'unknown_order' | 'too_late' | 'duplicate_client_order_id' | 'not_allowed' | 'replacement_refused';

export interface OrderFill {
  readonly price: string;
  readonly quantity: string;
  readonly fee: string;
  readonly feeAsset: string;
  readonly liquidity: 'maker' | 'taker';
  readonly tradeId: string;
}

interface EventBase {
  readonly owner: string;
  readonly accountId: string;
  /** Unique per handler across restarts (FIX ExecID). */
  readonly executionId: string;
  readonly tsMs: number;
}

export type OrderEntryEvent =
  | (EventBase & { readonly kind: 'accepted'; readonly order: OrderState })
  | (EventBase & { readonly kind: 'trade'; readonly order: OrderState; readonly fill: OrderFill })
  | (EventBase & { readonly kind: 'canceled'; readonly order: OrderState; readonly text: string | null })
  | (EventBase & { readonly kind: 'replaced'; readonly order: OrderState })
  | (EventBase & { readonly kind: 'expired'; readonly order: OrderState; readonly text: string | null })
  | (EventBase & { readonly kind: 'rejected'; readonly order: OrderState; readonly reason: OrderRejectReason; readonly text: string })
  | (EventBase & {
      readonly kind: 'status';
      /** null: no such order; `request` says what was asked. */
      readonly order: OrderState | null;
      readonly request: OrderStatusRequest;
    })
  | (EventBase & {
      readonly kind: 'cancel_rejected';
      readonly responseTo: 'cancel' | 'replace';
      readonly clientOrderId: string;
      readonly origClientOrderId: string;
      /** The order as it stands, or null when it is unknown. */
      readonly order: OrderState | null;
      readonly reason: CancelRejectReason;
      readonly text: string;
    });

export type OrderEntryListener = (event: OrderEntryEvent) => void;

export interface OrderEntryHandler {
  /** Symbols orders may name. */
  readonly symbols: readonly string[];
  place(request: PlaceOrderRequest): void;
  cancel(request: CancelOrderRequest): void;
  replace(request: ReplaceOrderRequest): void;
  status(request: OrderStatusRequest): void;
  placeList(request: OrderListRequest): void;
  /** Adds a listener of every event of every owner; returns its removal. */
  subscribe(listener: OrderEntryListener): () => void;
}
