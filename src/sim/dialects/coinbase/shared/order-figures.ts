// A SimOrder's figures in Coinbase's words: status, time in force, order configuration, filled size and value, average price, holds.
import { decimalsOf, formatDecimalBig, parseDecimalBig } from '../../../../model/fixed-point.js';
import { instrumentScales, notionalText, priceText, sizeText } from '../../../market/sim-instrument.js';
import type { SimInstrument } from '../../../market/sim-market-types.js';
import type { SimOrder } from '../../../matching/matching-types.js';

/*
 * Coinbase statuses: OPEN, FILLED, CANCELLED, EXPIRED, FAILED (plus PENDING, QUEUED, CANCEL_QUEUED
 * that a synchronous engine never shows). An IOC/FOK remainder that did not fill is EXPIRED; a
 * rejected order is FAILED. Fees are paid in the quote asset (matching-types), so a buy's
 * total_value_after_fees is value + fees and a sell's value − fees. Average price and completion
 * percentage are exact decimals cut at AVERAGE_EXTRA_DECIMALS / 2 extra digits.
 */

const AVERAGE_EXTRA_DECIMALS = 8;

export type CoinbaseOrderStatus = 'OPEN' | 'FILLED' | 'CANCELLED' | 'EXPIRED' | 'FAILED';

export function orderStatus(order: SimOrder): CoinbaseOrderStatus {
  switch (order.status) {
    case 'new':
    case 'partially_filled':
      return 'OPEN';
    case 'filled':
      return 'FILLED';
    case 'canceled':
      return 'CANCELLED';
    case 'expired':
      return 'EXPIRED';
    default:
      return 'FAILED';
  }
}

export function timeInForce(order: SimOrder): 'GOOD_UNTIL_CANCELLED' | 'IMMEDIATE_OR_CANCEL' | 'FILL_OR_KILL' {
  if (order.type === 'market') return 'IMMEDIATE_OR_CANCEL';
  if (order.timeInForce === 'FOK') return 'FILL_OR_KILL';
  return order.timeInForce === 'IOC' ? 'IMMEDIATE_OR_CANCEL' : 'GOOD_UNTIL_CANCELLED';
}

/** The order_configuration the order was placed with (sizes and prices in canonical text). */
export function orderConfiguration(order: SimOrder, instrument: SimInstrument): Record<string, Record<string, unknown>> {
  const baseSize = sizeText(instrument, order.sizeLots);
  if (order.type === 'market') return { market_market_ioc: order.quoteSize !== null ? { quote_size: order.quoteSize } : { base_size: baseSize } };
  const limitPrice = priceText(instrument, order.priceTicks ?? 0);
  if (order.timeInForce === 'FOK') return { limit_limit_fok: { base_size: baseSize, limit_price: limitPrice } };
  if (order.timeInForce === 'IOC') return { sor_limit_ioc: { base_size: baseSize, limit_price: limitPrice } };
  return { limit_limit_gtc: { base_size: baseSize, limit_price: limitPrice, post_only: order.postOnly } };
}

export interface OrderFigures {
  readonly filledSize: string;
  readonly leavesQuantity: string;
  readonly averageFilledPrice: string;
  readonly filledValue: string;
  readonly totalFees: string;
  readonly totalValueAfterFees: string;
  readonly completionPercentage: string;
  /** Held for the rest of an open order: quote for a buy (price × remaining + fee at the taker rate is not held here), base for a sell. */
  readonly outstandingHoldAmount: string;
}

export function orderFigures(order: SimOrder, instrument: SimInstrument): OrderFigures {
  const open = order.status === 'new' || order.status === 'partially_filled';
  const remainingLots = Math.max(0, order.sizeLots - order.filledLots);
  // Fees may carry more digits than price × size: add them at the finer of the two scales.
  const notionalDecimals = Math.max(instrument.priceDecimals + instrument.sizeDecimals, decimalsOf(order.fee));
  const filledValue = notionalText(instrument, order.filledTickLots);
  const value = parseDecimalBig(filledValue, notionalDecimals);
  const fee = parseDecimalBig(order.fee, notionalDecimals);
  const afterFees = order.side === 'buy' ? value + fee : value - fee;
  let hold = '0';
  if (open && order.priceTicks !== null) {
    hold = order.side === 'buy' ? notionalText(instrument, BigInt(order.priceTicks) * BigInt(remainingLots)) : sizeText(instrument, remainingLots);
  }
  return {
    filledSize: sizeText(instrument, order.filledLots),
    leavesQuantity: sizeText(instrument, open ? remainingLots : 0),
    averageFilledPrice: averagePrice(order, instrument),
    filledValue,
    totalFees: order.fee,
    totalValueAfterFees: formatDecimalBig(afterFees, notionalDecimals),
    completionPercentage: order.sizeLots > 0 ? formatDecimalBig((BigInt(order.filledLots) * 10_000n) / BigInt(order.sizeLots), 2) : '0',
    outstandingHoldAmount: hold,
  };
}

/** Σ price × size / Σ size as a price, "0" before the first fill. */
function averagePrice(order: SimOrder, instrument: SimInstrument): string {
  if (order.filledLots === 0) return '0';
  const scaled = (order.filledTickLots * BigInt(instrumentScales(instrument).tickMantissa) * 10n ** BigInt(AVERAGE_EXTRA_DECIMALS)) / BigInt(order.filledLots);
  return formatDecimalBig(scaled, instrument.priceDecimals + AVERAGE_EXTRA_DECIMALS);
}
