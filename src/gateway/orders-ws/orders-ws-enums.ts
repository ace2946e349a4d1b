// The schema's enum values (schema/generated/orders_generated.ts) ↔ the names the order-entry contract and the frame objects use.
import {
  CancelRejectReason as WireCancelRejectReason,
  ExecType,
  Liquidity,
  LogonRejectReason,
  OrderRejectReason as WireOrderRejectReason,
  OrderStatus as WireOrderStatus,
  OrderType as WireOrderType,
  RejectReason,
  Side,
  TimeInForce,
} from '../../../schema/generated/orders_generated.js';
import type { CancelRejectReason, OrderFill, OrderRejectReason, OrderSide, OrderStatus, OrderTimeInForce, OrderType } from '../orders/order-entry-handler.js';
import type { ExecTypeName, LogonRejectReasonName, RejectReasonName } from './orders-ws-frames.js';

/** A name → wire value table and its inverse; `fromWire` answers undefined for a value the table lacks. */
export class EnumMap<N extends string, W extends number> {
  private readonly reverse: ReadonlyMap<number, N>;

  constructor(private readonly forward: Readonly<Record<N, W>>) {
    this.reverse = new Map(Object.entries(forward).map(([name, value]) => [value as number, name as N]));
  }

  toWire(name: N): W {
    return this.forward[name];
  }

  fromWire(value: number): N | undefined {
    return this.reverse.get(value);
  }
}

export const SIDES = new EnumMap<OrderSide, Side>({ buy: Side.Buy, sell: Side.Sell });
export const ORDER_TYPES = new EnumMap<OrderType, WireOrderType>({ market: WireOrderType.Market, limit: WireOrderType.Limit });
export const TIMES_IN_FORCE = new EnumMap<OrderTimeInForce, TimeInForce>({ GTC: TimeInForce.GTC, IOC: TimeInForce.IOC, FOK: TimeInForce.FOK });

export const EXEC_TYPES = new EnumMap<ExecTypeName, ExecType>({
  new: ExecType.New,
  trade: ExecType.Trade,
  canceled: ExecType.Canceled,
  replaced: ExecType.Replaced,
  expired: ExecType.Expired,
  rejected: ExecType.Rejected,
  status: ExecType.Status,
});

export const ORDER_STATUSES = new EnumMap<OrderStatus | 'unknown', WireOrderStatus>({
  unknown: WireOrderStatus.Unknown,
  new: WireOrderStatus.New,
  partially_filled: WireOrderStatus.PartiallyFilled,
  filled: WireOrderStatus.Filled,
  canceled: WireOrderStatus.Canceled,
  expired: WireOrderStatus.Expired,
  rejected: WireOrderStatus.Rejected,
});

export const ORDER_REJECT_REASONS = new EnumMap<OrderRejectReason, WireOrderRejectReason>({
  unknown_symbol: WireOrderRejectReason.UnknownSymbol,
  invalid_price: WireOrderRejectReason.InvalidPrice,
  invalid_quantity: WireOrderRejectReason.InvalidQuantity,
  below_minimum: WireOrderRejectReason.BelowMinimum,
  insufficient_balance: WireOrderRejectReason.InsufficientBalance,
  duplicate_client_order_id: WireOrderRejectReason.DuplicateClientOrderId,
  post_only_would_take: WireOrderRejectReason.PostOnlyWouldTake,
  no_liquidity: WireOrderRejectReason.NoLiquidity,
  unsupported: WireOrderRejectReason.Unsupported,
  list_rejected: WireOrderRejectReason.ListRejected,
});

export const CANCEL_REJECT_REASONS = new EnumMap<CancelRejectReason, WireCancelRejectReason>({
  unknown_order: WireCancelRejectReason.UnknownOrder,
  too_late: WireCancelRejectReason.TooLate,
  duplicate_client_order_id: WireCancelRejectReason.DuplicateClientOrderId,
  not_allowed: WireCancelRejectReason.NotAllowed,
  replacement_refused: WireCancelRejectReason.ReplacementRefused,
});

export const LIQUIDITIES = new EnumMap<OrderFill['liquidity'], Liquidity>({ maker: Liquidity.Maker, taker: Liquidity.Taker });

export const REJECT_REASONS = new EnumMap<RejectReasonName, RejectReason>({
  malformed: RejectReason.Malformed,
  too_large: RejectReason.TooLarge,
  text_frame: RejectReason.TextFrame,
  not_a_request: RejectReason.NotARequest,
  missing_field: RejectReason.MissingField,
  invalid_value: RejectReason.InvalidValue,
  already_logged_on: RejectReason.AlreadyLoggedOn,
  unavailable: RejectReason.Unavailable,
});

export const LOGON_REJECT_REASONS = new EnumMap<LogonRejectReasonName, LogonRejectReason>({
  not_a_logon: LogonRejectReason.NotALogon,
  malformed: LogonRejectReason.Malformed,
  unknown_key: LogonRejectReason.UnknownKey,
  invalid_signature: LogonRejectReason.InvalidSignature,
  stale_timestamp: LogonRejectReason.StaleTimestamp,
  replayed: LogonRejectReason.Replayed,
  already_logged_on: LogonRejectReason.AlreadyLoggedOn,
  shutting_down: LogonRejectReason.ShuttingDown,
  try_later: LogonRejectReason.TryLater,
});
