// Binance's number text: prices, quantities and quote amounts padded to 8 fraction digits, as its REST and streams send them.
import type { SimInstrument } from '../../market/sim-market-types.js';
import { notionalText, priceText, sizeText } from '../../market/sim-instrument.js';

/*
 * Binance spot writes every price and quantity with at least 8 fraction digits ("65000.01000000",
 * "0.00100000"; quoteAssetPrecision / baseAssetPrecision 8), in REST answers and stream payloads
 * alike. Instruments finer than 8 digits keep their own digits: padding never drops a digit.
 */
export const BINANCE_TEXT_DECIMALS = 8;

/** `text` (canonical decimal) with at least `digits` fraction digits. */
export function padFraction(text: string, digits: number = BINANCE_TEXT_DECIMALS): string {
  const point = text.indexOf('.');
  if (point < 0) return digits === 0 ? text : `${text}.${'0'.repeat(digits)}`;
  const have = text.length - point - 1;
  return have >= digits ? text : text + '0'.repeat(digits - have);
}

export function binancePrice(instrument: SimInstrument, ticks: number): string {
  return padFraction(priceText(instrument, ticks));
}

export function binanceQuantity(instrument: SimInstrument, lots: number): string {
  return padFraction(sizeText(instrument, lots));
}

/** Quote amount of Σ price × size (tick·lot units). */
export function binanceQuote(instrument: SimInstrument, tickLots: bigint): string {
  return padFraction(notionalText(instrument, tickLots));
}

/** A canonical decimal text (a fee, a balance) in Binance's padding. */
export function binanceDecimal(text: string): string {
  return padFraction(text);
}

/** Binance's zero amount text. */
export const BINANCE_ZERO = padFraction('0');
