// Display text for feed mantissas (bigint × 10^-decimals): fixed decimals for aligned ladder columns, spreads in basis points — all integer arithmetic.

/** `mantissa × 10^-decimals` with exactly `decimals` fraction digits ("65000.10"), for columns that line up. */
export function formatFixed(mantissa: bigint, decimals: number): string {
  const negative = mantissa < 0n;
  const digits = (negative ? -mantissa : mantissa).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, digits.length - decimals)}.${digits.slice(digits.length - decimals)}`;
  return negative ? `-${text}` : text;
}

/** Canonical text: trailing fraction zeros trimmed ("0.15", "3"). */
export function formatTrimmed(mantissa: bigint, decimals: number): string {
  const fixed = formatFixed(mantissa, decimals);
  return decimals === 0 ? fixed : fixed.replace(/\.?0+$/, '');
}

/**
 * Fraction digits that show every one of `mantissas` exactly at `decimals`: the instrument's scale
 * minus the trailing zeros they all share (a scale of 8 with prices on a 0.01 tick shows 2). Columns
 * stay aligned and no digit is ever rounded away.
 */
export function displayDecimals(mantissas: Iterable<bigint>, decimals: number): number {
  let shown = 0;
  for (const mantissa of mantissas) {
    let value = mantissa < 0n ? -mantissa : mantissa;
    let needed = decimals;
    while (needed > 0 && value % 10n === 0n && value !== 0n) {
      value /= 10n;
      needed--;
    }
    if (value === 0n) continue;
    if (needed > shown) shown = needed;
    if (shown === decimals) break;
  }
  return shown;
}

/** `mantissa` at `decimals` shown with `shown` ≤ decimals fraction digits; only zeros are cut (see displayDecimals). */
export function formatShown(mantissa: bigint, decimals: number, shown: number): string {
  const fixed = formatFixed(mantissa, decimals);
  const cut = decimals - Math.min(shown, decimals);
  if (cut === 0) return fixed;
  const text = fixed.slice(0, fixed.length - cut);
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

/**
 * Spread (ask − bid) over the mid in basis points, computed in bigint and rounded half up: two
 * decimals from 1 bp up ("1.54"), four below ("0.0048"), so a tight book does not read as zero;
 * null when a side is missing or the mid is not positive.
 */
export function spreadBasisPoints(bid: bigint, ask: bigint): string | null {
  const sum = bid + ask;
  if (bid <= 0n || ask <= 0n || sum <= 0n) return null;
  // bps × 10^k = (ask − bid) / ((bid + ask) / 2) × 10_000 × 10^k
  const spread = ask - bid;
  const hundredths = roundedDivision(spread * 2_000_000n, sum);
  if (hundredths >= 100n || hundredths <= -100n) return formatFixed(hundredths, 2);
  return formatFixed(roundedDivision(spread * 200_000_000n, sum), 4);
}

/** numerator / denominator (denominator > 0) rounded half away from zero. */
function roundedDivision(numerator: bigint, denominator: bigint): bigint {
  const half = numerator >= 0n ? denominator : -denominator;
  return (numerator * 2n + half) / (2n * denominator);
}

/** Integer percentage 0–100 of `part` in `whole` (bar widths), without converting sizes to floats. */
export function percentOf(part: bigint, whole: bigint): number {
  if (whole <= 0n || part <= 0n) return 0;
  const percent = (part * 100n) / whole;
  return percent > 100n ? 100 : Number(percent);
}
