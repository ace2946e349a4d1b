// One order as the `user` WebSocket channel reports it.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import { priceText } from '../../../market/sim-instrument.js';
import type { SimOrder } from '../../../matching/matching-types.js';
import { orderFigures, orderStatus, timeInForce } from '../shared/order-figures.js';
import { goRfc3339 } from '../wire/go-time.js';
import { coinbaseUuid } from '../wire/order-ids.js';

/*
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/websocket/user: each order carries
 * avg_price, cancel_reason, client_order_id, completion_percentage, contract_expiry_type,
 * cumulative_quantity, filled_value, leaves_quantity, limit_price, number_of_fills, order_id,
 * order_side, order_type ("Limit" | "Market", capitalised as in the docs' example), outstanding_hold_amount,
 * post_only, product_id, product_type, reject_reason, retail_portfolio_id, risk_managed_by, status,
 * stop_price, time_in_force, total_fees, total_value_after_fees, trigger_status, creation_time,
 * end_time, start_time.
 */

export function userOrderView(listing: SimListing, order: SimOrder, numberOfFills: number, portfolioId: string): Record<string, unknown> {
  const instrument = listing.instrument;
  const figures = orderFigures(order, instrument);
  const status = orderStatus(order);
  return {
    avg_price: figures.averageFilledPrice,
    cancel_reason: status === 'CANCELLED' ? 'User requested cancel' : '',
    client_order_id: order.clientOrderId,
    completion_percentage: figures.completionPercentage,
    contract_expiry_type: 'UNKNOWN_CONTRACT_EXPIRY_TYPE',
    cumulative_quantity: figures.filledSize,
    filled_value: figures.filledValue,
    leaves_quantity: figures.leavesQuantity,
    limit_price: order.priceTicks === null ? '0' : priceText(instrument, order.priceTicks),
    number_of_fills: String(numberOfFills),
    order_id: coinbaseUuid('order', order.orderId),
    order_side: order.side === 'buy' ? 'BUY' : 'SELL',
    order_type: order.type === 'market' ? 'Market' : 'Limit',
    outstanding_hold_amount: figures.outstandingHoldAmount,
    post_only: order.postOnly ? 'true' : 'false',
    product_id: listing.native,
    product_type: 'SPOT',
    reject_reason: '',
    retail_portfolio_id: portfolioId,
    risk_managed_by: 'UNKNOWN_RISK_MANAGEMENT_TYPE',
    status,
    stop_price: '',
    time_in_force: timeInForce(order),
    total_fees: figures.totalFees,
    total_value_after_fees: figures.totalValueAfterFees,
    trigger_status: 'INVALID_ORDER_TYPE',
    creation_time: goRfc3339(order.createdMs),
    end_time: '0001-01-01T00:00:00Z',
    start_time: '0001-01-01T00:00:00Z',
  };
}
