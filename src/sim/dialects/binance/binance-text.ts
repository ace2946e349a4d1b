// Binance's number text: prices, quantities and quote amounts padded to 8 fraction digits, as its REST and streams send them.
import { instrumentScales } from '../../market/sim-instrument.js';
import type { SimInstrument } from '../../market/sim-market-types.js';

/*
 * Binance spot writes every price and quantity with at least 8 fraction digits ("65000.01000000",
 * "0.00100000"; quoteAssetPrecision / baseAssetPrecision 8), in REST answers and stream payloads
 * alike. Instruments finer than 8 digits keep their own digits: padding never drops a digit.
 * A kline page is ~10 000 numbers, so the integer → text step is done directly here (digits of
 * the mantissa, point inserted) rather than through canonical text and padding.
 */
export const BINANCE_TEXT_DECIMALS = 8;

/** `text` (canonical decimal) with at least `digits` fraction digits. */
export function padFraction(text: string, digits: number = BINANCE_TEXT_DECIMALS): string {
  const point = text.indexOf('.');
  if (point < 0) return digits === 0 ? text : `${text}.${'0'.repeat(digits)}`;
  const have = text.length - point - 1;
  return have >= digits ? text : text + '0'.repeat(digits - have);
}

const POWERS_OF_TEN: readonly number[] = Array.from({ length: 16 }, (_, power) => 10 ** power);
const ZEROS = '00000000000000000000000000000000000000';

/** Non-negative integer digits with a point before the last `decimals` (decimals >= 1). */
function placePoint(digits: string, decimals: number): string {
  const integerLength = digits.length - decimals;
  if (integerLength > 0) return `${digits.slice(0, integerLength)}.${digits.slice(integerLength)}`;
  return `0.${ZEROS.slice(0, -integerLength)}${digits}`;
}

/** mantissa × 10^-decimals with max(8, decimals) fraction digits; mantissa a non-negative safe integer or bigint. */
export function fixedText(mantissa: number | bigint, decimals: number): string {
  const textDecimals = decimals > BINANCE_TEXT_DECIMALS ? decimals : BINANCE_TEXT_DECIMALS;
  const shift = textDecimals - decimals;
  if (typeof mantissa === 'number' && shift < POWERS_OF_TEN.length) {
    const scaled = mantissa * POWERS_OF_TEN[shift]!;
    if (scaled <= Number.MAX_SAFE_INTEGER) return placePoint(String(scaled), textDecimals);
  }
  return placePoint((BigInt(mantissa) * 10n ** BigInt(shift)).toString(), textDecimals);
}

export function binancePrice(instrument: SimInstrument, ticks: number): string {
  return fixedText(ticks * instrumentScales(instrument).tickMantissa, instrument.priceDecimals);
}

export function binanceQuantity(instrument: SimInstrument, lots: number): string {
  return fixedText(lots * instrumentScales(instrument).lotMantissa, instrument.sizeDecimals);
}

/** Quote amount of Σ price × size (tick·lot units). */
export function binanceQuote(instrument: SimInstrument, tickLots: bigint): string {
  const scales = instrumentScales(instrument);
  return fixedText(tickLots * BigInt(scales.tickMantissa * scales.lotMantissa), instrument.priceDecimals + instrument.sizeDecimals);
}

/** A canonical decimal text (a fee, a balance) in Binance's padding. */
export function binanceDecimal(text: string): string {
  return padFraction(text);
}

/** Binance's zero amount text. */
export const BINANCE_ZERO = padFraction('0');
