// Ticks/lots ↔ decimal text for a SimInstrument: the only place the simulator turns its integers into wire text and back.
//
// A price of `ticks` is ticks × tickSize, held as the mantissa ticks × tickMantissa at
// priceDecimals (tickMantissa is 1 for ticks like "0.01", 5 for "0.5"). Text is canonical (no
// exponent, trailing zeros trimmed); a dialect that needs fixed decimals pads it itself
// (formatDecimalFixed). Parsing goes through parseDecimal, never parseFloat.

import { ZvtError } from '../../model/errors.js';
import { formatDecimal, formatDecimalBig, parseDecimal, parseDecimalBig } from '../../model/fixed-point.js';
import { ZVT_ERR_SIM_MARKET } from '../errors.js';
import type { SimInstrument } from './sim-market-types.js';

/** The integer scales of an instrument, derived once from its decimal text. */
export interface InstrumentScales {
  /** tickSize as a mantissa at priceDecimals (1 for "0.01"). */
  readonly tickMantissa: number;
  /** lotSize as a mantissa at sizeDecimals (1 for "0.00001"). */
  readonly lotMantissa: number;
  /** initialPrice in (fractional) ticks. */
  readonly initialTicks: number;
  /** minNotional as a mantissa at priceDecimals + sizeDecimals, i.e. comparable to Σ ticks×lots × tickMantissa × lotMantissa. */
  readonly minNotionalMantissa: bigint;
}

const SCALES = new WeakMap<SimInstrument, InstrumentScales>();

/** The instrument's integer scales (cached per instrument object). */
export function instrumentScales(instrument: SimInstrument): InstrumentScales {
  let scales = SCALES.get(instrument);
  if (scales === undefined) {
    const tickMantissa = parseDecimal(instrument.tickSize, instrument.priceDecimals);
    const lotMantissa = parseDecimal(instrument.lotSize, instrument.sizeDecimals);
    const initialMantissa = parseDecimal(instrument.initialPrice, instrument.priceDecimals);
    const notionalDecimals = instrument.priceDecimals + instrument.sizeDecimals;
    const minNotionalMantissa = parseDecimalBig(instrument.minNotional, notionalDecimals);
    if (!(tickMantissa > 0 && lotMantissa > 0 && initialMantissa > 0)) {
      throw new ZvtError(ZVT_ERR_SIM_MARKET, `Instrument ${instrument.canonical} needs a positive tick, lot and initial price`, {
        canonical: instrument.canonical,
      });
    }
    scales = { tickMantissa, lotMantissa, initialTicks: initialMantissa / tickMantissa, minNotionalMantissa };
    SCALES.set(instrument, scales);
  }
  return scales;
}

/** Canonical decimal text of a price in ticks ("65000.01"). */
export function priceText(instrument: SimInstrument, ticks: number): string {
  return formatDecimal(ticks * instrumentScales(instrument).tickMantissa, instrument.priceDecimals);
}

/** Canonical decimal text of a size in lots ("0.01234"). */
export function sizeText(instrument: SimInstrument, lots: number): string {
  return formatDecimal(lots * instrumentScales(instrument).lotMantissa, instrument.sizeDecimals);
}

/**
 * Price text → ticks, or null when the text is not a decimal, is negative, is not on the tick
 * grid or does not fit a safe integer. "0" gives 0 (a dialect decides whether 0 is allowed).
 */
export function parsePriceTicks(instrument: SimInstrument, text: string): number | null {
  return parseOnGrid(text, instrument.priceDecimals, instrumentScales(instrument).tickMantissa);
}

/** Size text → lots, or null (same rules as parsePriceTicks, on the lot grid). */
export function parseSizeLots(instrument: SimInstrument, text: string): number | null {
  return parseOnGrid(text, instrument.sizeDecimals, instrumentScales(instrument).lotMantissa);
}

/** Quote amount text of Σ price × size given in tick·lot units (e.g. a fill's or a candle's quote volume). */
export function notionalText(instrument: SimInstrument, tickLots: bigint): string {
  const scales = instrumentScales(instrument);
  return formatDecimalBig(
    tickLots * BigInt(scales.tickMantissa) * BigInt(scales.lotMantissa),
    instrument.priceDecimals + instrument.sizeDecimals,
  );
}

function parseOnGrid(text: string, decimals: number, step: number): number | null {
  if (typeof text !== 'string' || text.length === 0) return null;
  let mantissa: number;
  try {
    mantissa = parseDecimal(text, decimals);
  } catch {
    // Malformed, too precise or too large: all mean "not a valid value" to the caller.
    return null;
  }
  if (mantissa < 0 || mantissa % step !== 0) return null;
  return mantissa / step;
}
