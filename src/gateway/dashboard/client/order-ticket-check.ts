// The order ticket's checks before anything is signed: price and quantity as plain decimal text, positive, on the instrument's tick and lot grid (the server's rule), in bigint.
//
// The server stays the judge (it also checks minimum notional and balances, which the page does not
// know); this only spares the user a round trip for what is certainly refused, with the same words.

export interface InstrumentGrid {
  /** Decimal text, as GET /v1/instruments answers (`"0.01"`). */
  readonly tickSize: string;
  readonly lotSize: string;
}

export type TicketField = 'price' | 'quantity';

export type TicketCheck =
  | { readonly ok: true; readonly price: string | null; readonly quantity: string }
  | { readonly ok: false; readonly field: TicketField; readonly message: string };

/** Digits, optionally a point and more digits: no sign, exponent, grouping or spaces inside. */
const PLAIN_DECIMAL = /^\d+(?:\.\d+)?$/;

/** A step every value of this text's precision is a multiple of (one unit of its last digit): only the sign is then checked. */
function lastDigitUnit(text: string): string {
  const point = text.indexOf('.');
  return point < 0 ? '1' : `0.${'0'.repeat(text.length - point - 2)}1`;
}

interface Scaled {
  readonly mantissa: bigint;
  readonly scale: number;
}

function scaled(text: string): Scaled {
  const point = text.indexOf('.');
  if (point < 0) return { mantissa: BigInt(text), scale: 0 };
  return { mantissa: BigInt(text.slice(0, point) + text.slice(point + 1)), scale: text.length - point - 1 };
}

/** Whether `text` is a positive multiple of `step` (both plain decimal text), exactly. */
export function isPositiveMultiple(text: string, step: string): boolean {
  const value = scaled(text);
  const unit = scaled(step);
  if (value.mantissa <= 0n || unit.mantissa <= 0n) return false;
  const scale = Math.max(value.scale, unit.scale);
  const left = value.mantissa * 10n ** BigInt(scale - value.scale);
  const right = unit.mantissa * 10n ** BigInt(scale - unit.scale);
  return left % right === 0n;
}

/** Checks the ticket's text fields (trimmed) for a limit or market order on `grid`; `grid` null (unknown): syntax and sign only. */
export function checkTicket(grid: InstrumentGrid | null, type: 'limit' | 'market', priceText: string, quantityText: string): TicketCheck {
  const quantity = quantityText.trim();
  if (quantity === '') return { ok: false, field: 'quantity', message: 'Enter a quantity' };
  if (!PLAIN_DECIMAL.test(quantity)) return { ok: false, field: 'quantity', message: `Quantity ${JSON.stringify(quantity)} is not plain decimal text (digits and one point, like 0.001)` };
  if (!isPositiveMultiple(quantity, grid?.lotSize ?? lastDigitUnit(quantity))) return { ok: false, field: 'quantity', message: `Quantity ${quantity} ${grid === null ? 'is not positive' : `is not a positive multiple of the lot size ${grid.lotSize}`}` };
  if (type === 'market') return { ok: true, price: null, quantity };
  const price = priceText.trim();
  if (price === '') return { ok: false, field: 'price', message: 'A limit order needs a price' };
  if (!PLAIN_DECIMAL.test(price)) return { ok: false, field: 'price', message: `Price ${JSON.stringify(price)} is not plain decimal text (digits and one point, like 65000.5)` };
  if (!isPositiveMultiple(price, grid?.tickSize ?? lastDigitUnit(price))) return { ok: false, field: 'price', message: `Price ${price} ${grid === null ? 'is not positive' : `is not a positive multiple of the tick size ${grid.tickSize}`}` };
  return { ok: true, price, quantity };
}
