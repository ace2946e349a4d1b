// Converts an instrument's ticks and lots to ledger amounts: bigint mantissas at 18 decimals per asset.
import { parseDecimal, parseDecimalBig } from '../../model/fixed-point.js';
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_SIM_LEDGER } from '../errors.js';
import type { SimInstrument } from '../market/sim-market-types.js';

/** Every balance, reservation and fee is an integer at this scale (ERC-20 style), so no product of a tick and a lot rounds. */
export const LEDGER_DECIMALS = 18;

/** The ledger value of one tick·lot (quote) and one lot (base) of an instrument. */
export interface LedgerUnits {
  readonly base: string;
  readonly quote: string;
  /** Quote amount of price 1 tick × size 1 lot, at LEDGER_DECIMALS. */
  readonly quotePerTickLot: bigint;
  /** Base amount of 1 lot, at LEDGER_DECIMALS. */
  readonly basePerLot: bigint;
  /** Smallest order notional at LEDGER_DECIMALS. */
  readonly minNotional: bigint;
}

export function ledgerUnitsOf(instrument: SimInstrument): LedgerUnits {
  const { priceDecimals, sizeDecimals } = instrument;
  // tickSize × lotSize has priceDecimals + sizeDecimals digits; beyond 18 a notional would round.
  if (priceDecimals + sizeDecimals > LEDGER_DECIMALS || sizeDecimals > LEDGER_DECIMALS) {
    throw new ZvtError(
      ZVT_ERR_SIM_LEDGER,
      `${instrument.canonical}: price decimals ${priceDecimals} + size decimals ${sizeDecimals} exceed the ledger's ${LEDGER_DECIMALS}`,
    );
  }
  const tick = BigInt(parseDecimal(instrument.tickSize, priceDecimals));
  const lot = BigInt(parseDecimal(instrument.lotSize, sizeDecimals));
  return {
    base: instrument.base,
    quote: instrument.quote,
    quotePerTickLot: tick * lot * 10n ** BigInt(LEDGER_DECIMALS - priceDecimals - sizeDecimals),
    basePerLot: lot * 10n ** BigInt(LEDGER_DECIMALS - sizeDecimals),
    minNotional: parseDecimalBig(instrument.minNotional, LEDGER_DECIMALS),
  };
}

/** Quote amount of `lots` at `ticks`. */
export function notionalOf(units: LedgerUnits, ticks: number, lots: number): bigint {
  return BigInt(ticks) * BigInt(lots) * units.quotePerTickLot;
}

/** Quote amount of a tick·lot sum (an order's filledTickLots). */
export function notionalOfTickLots(units: LedgerUnits, tickLots: bigint): bigint {
  return tickLots * units.quotePerTickLot;
}

/** Base amount of `lots`. */
export function baseOf(units: LedgerUnits, lots: number): bigint {
  return BigInt(lots) * units.basePerLot;
}

/** Fee rates are kept in hundredths of a basis point, so schedules like 7.5 bps stay exact. */
export const FEE_RATE_DENOMINATOR = 1_000_000n;

/** A rate in basis points (≥ 0, at most two decimals, ≤ 10000) as hundredths of a bp; null when not representable. */
export function feeRateOf(bps: number): bigint | null {
  const hundredths = Math.round(bps * 100);
  if (!Number.isFinite(bps) || bps < 0 || bps > 10_000 || Math.abs(hundredths - bps * 100) > 1e-6) return null;
  return BigInt(hundredths);
}

/** A fee at `rate` (hundredths of a bp) on `notional`, rounded up (the venue's favour) to the ledger's last digit. */
export function feeCeil(notional: bigint, rate: bigint): bigint {
  return ceilDiv(notional * rate, FEE_RATE_DENOMINATOR);
}

/** ⌈numerator / denominator⌉ for numerator ≥ 0, denominator > 0. */
export function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}
