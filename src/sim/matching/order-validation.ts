// Checks an order request against its instrument's grid and limits before the engine looks at the book.
import { parseDecimalBig } from '../../model/fixed-point.js';
import { LEDGER_DECIMALS, notionalOf, type LedgerUnits } from './ledger-units.js';
import type { SimInstrument } from '../market/sim-market-types.js';
import type { SimOrderRequest, SimRejectReason } from './matching-types.js';

export interface Rejection {
  readonly reason: SimRejectReason;
  readonly message: string;
}

/** A request that passed the static checks: exactly one of sizeLots and quote is set. */
export interface CheckedRequest {
  readonly priceTicks: number | null;
  readonly sizeLots: number | null;
  /** Quote amount, ledger units (market orders by quote). */
  readonly quote: bigint | null;
}

function reject(reason: SimRejectReason, message: string): Rejection {
  return { reason, message };
}

function isPositiveInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

/**
 * Static checks only (grid, minimums, shape). A market order's notional minimum needs the book and is
 * checked by the engine; so are balance and liquidity.
 */
export function checkRequest(instrument: SimInstrument, units: LedgerUnits, request: SimOrderRequest): CheckedRequest | Rejection {
  const hasSize = request.sizeLots !== undefined;
  const hasQuote = request.quoteSize !== undefined;
  if (hasSize === hasQuote) return reject('invalid_size', 'Exactly one of size and quote size is required');

  let priceTicks: number | null = null;
  if (request.type === 'limit') {
    if (request.priceTicks === undefined) return reject('invalid_price', 'A limit order needs a price');
    if (!isPositiveInteger(request.priceTicks)) {
      return reject('invalid_price', `Price must be a positive multiple of the tick size ${instrument.tickSize}`);
    }
    if (hasQuote) return reject('invalid_size', 'A quote size is only accepted for market orders');
    priceTicks = request.priceTicks;
  }

  if (request.sizeLots !== undefined) {
    const sizeLots = request.sizeLots;
    if (!isPositiveInteger(sizeLots)) return reject('invalid_size', `Size must be a positive multiple of the lot size ${instrument.lotSize}`);
    if (sizeLots < instrument.minSizeLots) return reject('below_min_size', `Size is below the minimum of ${instrument.minSizeLots} lots`);
    if (priceTicks !== null && notionalOf(units, priceTicks, sizeLots) < units.minNotional) {
      return reject('below_min_notional', `Order value is below the minimum notional ${instrument.minNotional}`);
    }
    return { priceTicks, sizeLots, quote: null };
  }

  let quote: bigint;
  try {
    quote = parseDecimalBig(request.quoteSize ?? '', LEDGER_DECIMALS);
  } catch {
    return reject('invalid_size', `Quote size ${request.quoteSize ?? ''} is not a decimal amount`);
  }
  if (quote <= 0n) return reject('invalid_size', 'Quote size must be positive');
  if (quote < units.minNotional) return reject('below_min_notional', `Quote size is below the minimum notional ${instrument.minNotional}`);
  return { priceTicks, sizeLots: null, quote };
}
