// PositionLedger: net position, average entry, realised PnL and fees per (account, symbol) from fills, in exact rational arithmetic; unrealised PnL at a mark.
//
// Definitions (docs/rest.md, "Positions and PnL"):
// - quantity: Σ buy quantities − Σ sell quantities (base units; long > 0, short < 0).
// - average entry: the volume-weighted price of the fills that opened or added to the current
//   position. Reducing fills leave it unchanged; a fill that flips the position opens the new side
//   at that fill's price; a flat position has none.
// - realised PnL: per reducing fill, closed quantity × (fill price − average entry) × (+1 long,
//   −1 short), in the quote asset. Fees are NOT netted in (they may be in another asset): they
//   are summed per asset beside it.
// - unrealised PnL: quantity × (mark − average entry), with mark = the book mid; null without one.
// All of it is exact (bigint numerator/denominator); text is rounded half away from zero to
// DISPLAY_DECIMALS fraction digits, trailing zeros trimmed.
import { parseCanonicalSymbol } from '../../model/symbol.js';
import type { OrderSide } from '../orders/order-entry-handler.js';
import { abs, add, compare, divide, formatRational, isZero, multiply, negate, parseRational, sign, subtract, ZERO, type Rational } from './rational.js';

export const DISPLAY_DECIMALS = 18;

export interface LedgerFill {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly price: string;
  readonly quantity: string;
  readonly fee: string;
  readonly feeAsset: string;
}

export interface PositionState {
  readonly symbol: string;
  quantity: Rational;
  averageEntry: Rational | null;
  realized: Rational;
  readonly fees: Map<string, Rational>;
}

export interface PositionText {
  readonly symbol: string;
  readonly quoteAsset: string;
  readonly quantity: string;
  readonly averageEntryPrice: string | null;
  readonly markPrice: string | null;
  readonly realizedPnl: string;
  readonly unrealizedPnl: string | null;
  readonly fees: Readonly<Record<string, string>>;
}

export class PositionLedger {
  private readonly positions = new Map<string, PositionState>();

  /** Applies one fill of this account. */
  apply(fill: LedgerFill): void {
    let position = this.positions.get(fill.symbol);
    if (position === undefined) {
      position = { symbol: fill.symbol, quantity: ZERO, averageEntry: null, realized: ZERO, fees: new Map() };
      this.positions.set(fill.symbol, position);
    }
    const price = parseRational(fill.price);
    const size = parseRational(fill.quantity);
    const signed = fill.side === 'buy' ? size : negate(size);
    const held = position.quantity;
    if (sign(held) === 0 || sign(held) === sign(signed)) {
      // Opening or adding: the average entry moves to the new volume-weighted price.
      const previousCost = multiply(abs(held), position.averageEntry ?? ZERO);
      const next = add(held, signed);
      position.averageEntry = divide(add(previousCost, multiply(size, price)), abs(next));
      position.quantity = next;
    } else {
      const closed = compare(size, abs(held)) <= 0 ? size : abs(held);
      const perUnit = subtract(price, position.averageEntry ?? ZERO);
      const pnl = multiply(closed, perUnit);
      position.realized = add(position.realized, sign(held) > 0 ? pnl : negate(pnl));
      const next = add(held, signed);
      position.quantity = next;
      if (isZero(next)) position.averageEntry = null;
      else if (sign(next) !== sign(held)) position.averageEntry = price;
    }
    if (fill.fee !== '' && fill.feeAsset !== '') {
      position.fees.set(fill.feeAsset, add(position.fees.get(fill.feeAsset) ?? ZERO, parseRational(fill.fee)));
    }
  }

  all(): readonly PositionState[] {
    return [...this.positions.values()];
  }
}

/** The API view of one position marked at `mark` (null: no mark). */
export function positionText(position: PositionState, mark: Rational | null): PositionText {
  const unrealized =
    mark === null ? null : position.averageEntry === null ? ZERO : multiply(position.quantity, subtract(mark, position.averageEntry));
  const fees: Record<string, string> = {};
  for (const [asset, amount] of position.fees) fees[asset] = formatRational(amount, DISPLAY_DECIMALS);
  return {
    symbol: position.symbol,
    quoteAsset: quoteAssetOf(position.symbol),
    quantity: formatRational(position.quantity, DISPLAY_DECIMALS),
    averageEntryPrice: position.averageEntry === null ? null : formatRational(position.averageEntry, DISPLAY_DECIMALS),
    markPrice: mark === null ? null : formatRational(mark, DISPLAY_DECIMALS),
    realizedPnl: formatRational(position.realized, DISPLAY_DECIMALS),
    unrealizedPnl: unrealized === null ? null : formatRational(unrealized, DISPLAY_DECIMALS),
    fees,
  };
}

/** PnL of BASE-QUOTE and BASE-QUOTE-PERP (linear) is in QUOTE. */
export function quoteAssetOf(symbol: string): string {
  try {
    return parseCanonicalSymbol(symbol).quote;
  } catch {
    return '';
  }
}

/** Mid of a best bid and ask given as decimal text: (bid + ask) / 2, exact. */
export function midPrice(bid: string, ask: string): Rational {
  return divide(add(parseRational(bid), parseRational(ask)), { numerator: 2n, denominator: 1n });
}
