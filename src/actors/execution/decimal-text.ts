// Exact arithmetic on decimal text (prices, quantities, fees) through bigint mantissas: never a float.
import { decimalsOf, formatDecimalBig, parseDecimalBig } from '../../model/fixed-point.js';

/** Digits an average price carries beyond the price's own decimals (as the simulator-backed handler does). */
export const AVERAGE_EXTRA_DECIMALS = 8;

const DECIMAL_TEXT = /^-?(?:\d+\.?\d*|\.\d+)$/;

/** True for plain decimal text ("60000.10", "-0.5"); no exponent, no sign but '-'. */
export function isDecimalText(text: string): boolean {
  return DECIMAL_TEXT.test(text);
}

function scaleOf(...texts: string[]): number {
  let scale = 0;
  for (const text of texts) scale = Math.max(scale, decimalsOf(text));
  return scale;
}

/** Canonical text: no trailing zeros, no exponent ("0.01000000" → "0.01", "5.0" → "5"). */
export function canonicalDecimal(text: string): string {
  const scale = scaleOf(text);
  return formatDecimalBig(parseDecimalBig(text, scale), scale);
}

export function addDecimal(a: string, b: string): string {
  const scale = scaleOf(a, b);
  return formatDecimalBig(parseDecimalBig(a, scale) + parseDecimalBig(b, scale), scale);
}

export function subtractDecimal(a: string, b: string): string {
  const scale = scaleOf(a, b);
  return formatDecimalBig(parseDecimalBig(a, scale) - parseDecimalBig(b, scale), scale);
}

/** -1, 0 or 1 as a <, =, > b. */
export function compareDecimal(a: string, b: string): number {
  const scale = scaleOf(a, b);
  const difference = parseDecimalBig(a, scale) - parseDecimalBig(b, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

export function negateDecimal(text: string): string {
  return compareDecimal(text, '0') === 0 ? '0' : text.startsWith('-') ? canonicalDecimal(text.slice(1)) : `-${canonicalDecimal(text)}`;
}

/** `text` is a whole multiple of `step` (a tick or lot size); a zero step accepts anything. */
export function isMultipleOf(text: string, step: string): boolean {
  const scale = scaleOf(text, step);
  const divisor = parseDecimalBig(step, scale);
  return divisor === 0n || parseDecimalBig(text, scale) % divisor === 0n;
}

/** Σ price × quantity kept exactly, with Σ quantity, for an average fill price. */
export interface FillTotals {
  /** Σ price × quantity as a mantissa at `scale` decimals. */
  notional: bigint;
  quantity: string;
  scale: number;
}

export function emptyFillTotals(): FillTotals {
  return { notional: 0n, quantity: '0', scale: 0 };
}

export function addFill(totals: FillTotals, price: string, quantity: string): FillTotals {
  const priceScale = decimalsOf(price);
  const quantityScale = decimalsOf(quantity);
  const productScale = priceScale + quantityScale;
  const scale = Math.max(totals.scale, productScale);
  const product = parseDecimalBig(price, priceScale) * parseDecimalBig(quantity, quantityScale) * 10n ** BigInt(scale - productScale);
  const notional = totals.notional * 10n ** BigInt(scale - totals.scale) + product;
  return { notional, quantity: addDecimal(totals.quantity, quantity), scale };
}

/** Σ(price × quantity) / Σ quantity to `priceDecimals` + 8 digits, half up, trailing zeros trimmed; "0" before a fill. */
export function averagePrice(totals: FillTotals, priceDecimals: number): string {
  const quantityScale = decimalsOf(totals.quantity);
  const quantity = parseDecimalBig(totals.quantity, quantityScale);
  if (quantity === 0n) return '0';
  const outScale = priceDecimals + AVERAGE_EXTRA_DECIMALS;
  // notional / 10^scale ÷ quantity / 10^quantityScale, expressed at outScale.
  const shift = outScale + quantityScale - totals.scale;
  const numerator = shift >= 0 ? totals.notional * 10n ** BigInt(shift) : totals.notional;
  const denominator = shift >= 0 ? quantity : quantity * 10n ** BigInt(-shift);
  const mantissa = (numerator * 2n + denominator) / (denominator * 2n);
  return formatDecimalBig(mantissa, outScale);
}
