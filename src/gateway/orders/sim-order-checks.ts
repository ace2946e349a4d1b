// Checks an order's price and quantity text against a simulator instrument's grid, and maps the simulator's refusals to the contract's reasons.
import type { SimListing } from '../../sim/exchange/sim-exchange-contract.js';
import { parsePriceTicks, parseSizeLots } from '../../sim/market/sim-instrument.js';
import type { SimRejectReason } from '../../sim/matching/matching-types.js';
import type { OrderRejectReason, OrderType } from './order-entry-handler.js';

export type CheckedOrder =
  | { readonly ok: true; readonly priceTicks: number | null; readonly sizeLots: number }
  | { readonly ok: false; readonly reason: OrderRejectReason; readonly text: string };

/** Price (limit orders) and quantity on the instrument's grid and positive; a market order must not carry a price. */
export function checkOrderNumbers(listing: SimListing, type: OrderType, price: string | null, quantity: string): CheckedOrder {
  const instrument = listing.instrument;
  const sizeLots = parseSizeLots(instrument, quantity);
  if (sizeLots === null || sizeLots === 0) {
    return { ok: false, reason: 'invalid_quantity', text: `Quantity ${quantity} is not a positive multiple of the lot size ${instrument.lotSize}` };
  }
  if (type === 'market') {
    if (price !== null) return { ok: false, reason: 'invalid_price', text: 'A market order takes no price' };
    return { ok: true, priceTicks: null, sizeLots };
  }
  if (price === null) return { ok: false, reason: 'invalid_price', text: 'A limit order needs a price' };
  const priceTicks = parsePriceTicks(instrument, price);
  if (priceTicks === null || priceTicks === 0) {
    return { ok: false, reason: 'invalid_price', text: `Price ${price} is not a positive multiple of the tick size ${instrument.tickSize}` };
  }
  return { ok: true, priceTicks, sizeLots };
}

export function rejectReasonOf(reason: SimRejectReason): OrderRejectReason {
  switch (reason) {
    case 'insufficient_balance':
      return 'insufficient_balance';
    case 'unknown_instrument':
      return 'unknown_symbol';
    case 'post_only_would_take':
      return 'post_only_would_take';
    case 'duplicate_client_order_id':
      return 'duplicate_client_order_id';
    case 'invalid_price':
      return 'invalid_price';
    case 'invalid_size':
      return 'invalid_quantity';
    case 'below_min_size':
    case 'below_min_notional':
      return 'below_minimum';
    case 'no_liquidity':
      return 'no_liquidity';
    case 'unknown_order':
      return 'unsupported';
  }
}
