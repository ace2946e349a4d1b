// Bybit wire text of prices, sizes and amounts: linear pads to the instrument's decimals, spot trims, as the recorded frames show.
import { formatDecimalFixed } from '../../../model/fixed-point.js';
import type { SimListing } from '../../exchange/sim-exchange-contract.js';
import { instrumentScales, notionalText, parsePriceTicks, parseSizeLots, priceText, sizeText } from '../../market/sim-instrument.js';

/*
 * The recorded session (2026-08-09) shows two styles on the same venue: the linear stream writes
 * every price with the contract's price scale and every size with its qtyStep decimals
 * ("65114.20", "0.002", "10.470"), the spot stream writes canonical text ("65140", "1.17",
 * "0.000678"). REST answers follow the same per-category style. Amounts that are sums (turnover,
 * fees, values) are canonical text in both.
 */

/** True for listings whose wire text is padded to fixed decimals (Bybit derivatives). */
export function isFixedStyle(listing: SimListing): boolean {
  return listing.category !== 'spot';
}

/** A price in ticks as this listing's category writes it. */
export function bybitPrice(listing: SimListing, ticks: number): string {
  const instrument = listing.instrument;
  if (!isFixedStyle(listing)) return priceText(instrument, ticks);
  const mantissa = ticks * instrumentScales(instrument).tickMantissa;
  return formatDecimalFixed(mantissa, instrument.priceDecimals, instrument.priceDecimals);
}

/** A size in lots as this listing's category writes it. */
export function bybitSize(listing: SimListing, lots: number): string {
  const instrument = listing.instrument;
  if (!isFixedStyle(listing)) return sizeText(instrument, lots);
  const mantissa = lots * instrumentScales(instrument).lotMantissa;
  return formatDecimalFixed(mantissa, instrument.sizeDecimals, instrument.sizeDecimals);
}

/** Quote amount of Σ price × size (tick·lot units), canonical text. */
export function bybitNotional(listing: SimListing, tickLots: bigint): string {
  return notionalText(listing.instrument, tickLots);
}

/** The price scale Bybit publishes (`priceScale`): decimals of the tick. */
export function bybitPriceScale(listing: SimListing): string {
  return String(listing.instrument.priceDecimals);
}

/** The tick size as Bybit lists it (linear pads to the price scale: "0.10"; spot canonical). */
export function bybitTickSize(listing: SimListing): string {
  return bybitPrice(listing, 1);
}

/** The lot size (qtyStep / basePrecision) as Bybit lists it. */
export function bybitLotSize(listing: SimListing): string {
  return bybitSize(listing, 1);
}

/** Order price text → ticks; null when it is not a positive decimal on the tick grid. */
export function parseBybitPrice(listing: SimListing, text: string): number | null {
  const ticks = parsePriceTicks(listing.instrument, text);
  return ticks === null || ticks <= 0 ? null : ticks;
}

/** Order quantity text → lots; null when it is not a positive decimal on the lot grid. */
export function parseBybitSize(listing: SimListing, text: string): number | null {
  const lots = parseSizeLots(listing.instrument, text);
  return lots === null || lots <= 0 ? null : lots;
}
