// Decimal text of an order's quantities and average price from simulator ticks and lots (exact: integers and bigint, no floats).
import { formatDecimalBig } from '../../model/fixed-point.js';
import { instrumentScales } from '../../sim/market/sim-instrument.js';
import type { SimInstrument } from '../../sim/market/sim-market-types.js';

/** Digits an average price carries beyond the instrument's price decimals (rounded half up at the last one). */
export const AVERAGE_PRICE_EXTRA_DECIMALS = 8;

/**
 * Σ(price × size) / Σ size as price text: `tickLots` is Σ ticks × lots, `lots` Σ lots. "0" when
 * nothing filled. Exact to priceDecimals + 8 digits, trailing zeros trimmed.
 */
export function averagePriceText(instrument: SimInstrument, tickLots: bigint, lots: number): string {
  if (lots === 0) return '0';
  const scale = 10n ** BigInt(AVERAGE_PRICE_EXTRA_DECIMALS);
  const numerator = tickLots * BigInt(instrumentScales(instrument).tickMantissa) * scale;
  const denominator = BigInt(lots);
  const mantissa = (numerator * 2n + denominator) / (denominator * 2n);
  return formatDecimalBig(mantissa, instrument.priceDecimals + AVERAGE_PRICE_EXTRA_DECIMALS);
}
