// Code fields of the order messages: the values the acceptor handles, every value FIX 4.4 defines, and the codes it writes on reports.
import type { CancelRejectReason, OrderRejectReason, OrderSide, OrderStatus, OrderTimeInForce, OrderType } from '../orders/order-entry-handler.js';

function codes(text: string): ReadonlySet<string> {
  return new Set(text.split(' '));
}

export const SIDE_CODES: Readonly<Record<string, OrderSide>> = { '1': 'buy', '2': 'sell' };
/** Side(54): buy, sell, buy minus, sell plus, sell short, sell short exempt, undisclosed, cross, cross short, cross short exempt, as defined, opposite, subscribe, redeem, lend, borrow. */
export const SIDE_DEFINED = codes('1 2 3 4 5 6 7 8 9 A B C D E F G');

export const ORD_TYPE_CODES: Readonly<Record<string, OrderType>> = { '1': 'market', '2': 'limit' };
export const ORD_TYPE_DEFINED = codes('1 2 3 4 5 6 7 8 9 D E F G H I J K L M P');

/** TimeInForce(59); absent means GTC here (crypto venues have no trading day; Coinbase's FIX gateway defaults to GTC as well). */
export const TIME_IN_FORCE_CODES: Readonly<Record<string, OrderTimeInForce>> = { '1': 'GTC', '3': 'IOC', '4': 'FOK' };
export const TIME_IN_FORCE_DEFINED = codes('0 1 2 3 4 5 6 7');

/** ContingencyType(1385) of NewOrderList: 1 OCO; 2 OTO, 3 OUO, 4 Bracket are defined but not handled. */
export const CONTINGENCY_CODES: Readonly<Record<string, 'oco'>> = { '1': 'oco' };
export const CONTINGENCY_DEFINED = codes('1 2 3 4');

/** BidType(394) of NewOrderList: required by FIX 4.4, any defined value is accepted and ignored. */
export const BID_TYPE_DEFINED = codes('1 2 3');

/** ExecInst(18) value "Participate don't initiate": post-only. */
export const EXEC_INST_POST_ONLY = '6';

export const SIDE_TEXT: Readonly<Record<OrderSide, string>> = { buy: '1', sell: '2' };
export const ORD_TYPE_TEXT: Readonly<Record<OrderType, string>> = { market: '1', limit: '2' };
export const TIME_IN_FORCE_TEXT: Readonly<Record<OrderTimeInForce, string>> = { GTC: '1', IOC: '3', FOK: '4' };

/** OrdStatus(39). FIX 4.4 has no "replaced" status: a replaced order reports its new state. */
export const ORD_STATUS_TEXT: Readonly<Record<OrderStatus, string>> = {
  new: '0',
  partially_filled: '1',
  filled: '2',
  canceled: '4',
  expired: 'C',
  rejected: '8',
};

/** OrdRejReason(103): 0 broker/exchange option, 1 unknown symbol, 3 order exceeds limit, 6 duplicate order, 11 unsupported order characteristic, 13 incorrect quantity, 99 other. */
export const ORD_REJ_REASON_TEXT: Readonly<Record<OrderRejectReason, string>> = {
  unknown_symbol: '1',
  invalid_price: '99',
  invalid_quantity: '13',
  below_minimum: '13',
  insufficient_balance: '3',
  duplicate_client_order_id: '6',
  post_only_would_take: '0',
  no_liquidity: '0',
  unsupported: '11',
  list_rejected: '0',
};

/** CxlRejReason(102): 0 too late to cancel, 1 unknown order, 2 broker/exchange option, 6 duplicate ClOrdID, 99 other. */
export const CXL_REJ_REASON_TEXT: Readonly<Record<CancelRejectReason, string>> = {
  too_late: '0',
  unknown_order: '1',
  not_allowed: '2',
  duplicate_client_order_id: '6',
  replacement_refused: '99',
};
