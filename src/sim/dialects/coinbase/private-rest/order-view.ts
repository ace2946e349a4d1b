// One order as GET /api/v3/brokerage/orders/historical/{order_id} and /historical/batch return it.
import type { SimExchange, SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimOrder } from '../../../matching/matching-types.js';
import { portfolioId, userId } from '../shared/account-ids.js';
import { orderConfiguration, orderFigures, orderStatus, timeInForce } from '../shared/order-figures.js';
import { goRfc3339 } from '../wire/go-time.js';
import { coinbaseUuid } from '../wire/order-ids.js';

/*
 * Field list and order of the Order object of
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/get-order
 * (spot, no leverage, no attached orders, no edits). `fee` is the docs' deprecated empty field;
 * `total_fees` has the fees. Sizes and prices are the instrument's canonical text.
 */

export function orderView(exchange: SimExchange, listing: SimListing, order: SimOrder): Record<string, unknown> {
  const instrument = listing.instrument;
  const figures = orderFigures(order, instrument);
  const fills = exchange.fills(order.accountId, order.canonical).filter((fill) => fill.orderId === order.orderId);
  const status = orderStatus(order);
  const lastFill = fills[fills.length - 1];
  return {
    order_id: coinbaseUuid('order', order.orderId),
    product_id: listing.native,
    user_id: userId(exchange.accounts, order.accountId),
    order_configuration: orderConfiguration(order, instrument),
    side: order.side === 'buy' ? 'BUY' : 'SELL',
    client_order_id: order.clientOrderId,
    status,
    time_in_force: timeInForce(order),
    created_time: goRfc3339(order.createdMs),
    completion_percentage: figures.completionPercentage,
    filled_size: figures.filledSize,
    average_filled_price: figures.averageFilledPrice,
    fee: '',
    number_of_fills: String(fills.length),
    filled_value: figures.filledValue,
    pending_cancel: false,
    size_in_quote: order.quoteSize !== null,
    total_fees: figures.totalFees,
    size_inclusive_of_fees: false,
    total_value_after_fees: figures.totalValueAfterFees,
    trigger_status: 'INVALID_ORDER_TYPE',
    order_type: order.type === 'market' ? 'MARKET' : 'LIMIT',
    reject_reason: 'REJECT_REASON_UNSPECIFIED',
    settled: status !== 'OPEN',
    product_type: 'SPOT',
    reject_message: '',
    cancel_message: status === 'CANCELLED' ? 'User requested cancel' : '',
    order_placement_source: 'RETAIL_ADVANCED',
    outstanding_hold_amount: figures.outstandingHoldAmount,
    is_liquidation: false,
    last_fill_time: lastFill === undefined ? null : goRfc3339(lastFill.tsMs),
    edit_history: [],
    leverage: '',
    margin_type: 'UNKNOWN_MARGIN_TYPE',
    retail_portfolio_id: portfolioId(exchange.accounts, order.accountId),
    originating_order_id: '',
    attached_order_id: '',
    attached_order_configuration: null,
  };
}
