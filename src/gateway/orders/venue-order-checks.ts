// Checks an order's price and quantity text against a venue market's published grid before anything is sent.
import type { LiveMarket } from '../../actors/execution/ccxt-order-client.js';
import { addFill, canonicalDecimal, compareDecimal, emptyFillTotals, isDecimalText, isMultipleOf } from '../../actors/execution/decimal-text.js';
import type { OrderRejectReason, OrderType } from './order-entry-handler.js';

export type VenueCheckedOrder = { readonly ok: true; readonly price: string | null; readonly quantity: string } | { readonly ok: false; readonly reason: OrderRejectReason; readonly text: string };

const UNSIGNED_DECIMAL = /^(?:\d+\.?\d*|\.\d+)$/;

/** Positive, on the tick and lot grid, at least the minimum quantity (and notional, for limit orders); canonical text out. */
export function checkVenueOrderNumbers(market: LiveMarket, type: OrderType, price: string | null, quantity: string): VenueCheckedOrder {
  const rules = market.rules;
  if (!UNSIGNED_DECIMAL.test(quantity) || compareDecimal(quantity, '0') <= 0 || !isMultipleOf(quantity, rules.lotSize)) {
    return { ok: false, reason: 'invalid_quantity', text: `Quantity ${quantity} is not a positive multiple of the lot size ${canonicalDecimal(rules.lotSize)}` };
  }
  if (compareDecimal(quantity, rules.minQuantity) < 0) {
    return { ok: false, reason: 'below_minimum', text: `Quantity ${quantity} is below the minimum ${canonicalDecimal(rules.minQuantity)}` };
  }
  if (type === 'market') {
    if (price !== null) return { ok: false, reason: 'invalid_price', text: 'A market order takes no price' };
    return { ok: true, price: null, quantity: canonicalDecimal(quantity) };
  }
  if (price === null) return { ok: false, reason: 'invalid_price', text: 'A limit order needs a price' };
  if (!isDecimalText(price) || !UNSIGNED_DECIMAL.test(price) || compareDecimal(price, '0') <= 0 || !isMultipleOf(price, rules.tickSize)) {
    return { ok: false, reason: 'invalid_price', text: `Price ${price} is not a positive multiple of the tick size ${canonicalDecimal(rules.tickSize)}` };
  }
  if (rules.minNotional !== null) {
    const notional = addFill(emptyFillTotals(), price, quantity);
    const minimum = addFill(emptyFillTotals(), rules.minNotional, '1');
    const scale = Math.max(notional.scale, minimum.scale);
    if (notional.notional * 10n ** BigInt(scale - notional.scale) < minimum.notional * 10n ** BigInt(scale - minimum.scale)) {
      return { ok: false, reason: 'below_minimum', text: `Notional ${price} × ${quantity} is below the minimum ${canonicalDecimal(rules.minNotional)}` };
    }
  }
  return { ok: true, price: canonicalDecimal(price), quantity: canonicalDecimal(quantity) };
}
