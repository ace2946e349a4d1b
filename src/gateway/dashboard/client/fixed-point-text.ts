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
 * Spread (ask − bid) over the mid, in basis points with two decimals ("1.54"), computed in bigint and
 * rounded half up; null when a side is missing or the mid is not positive.
 */
export function spreadBasisPoints(bid: bigint, ask: bigint): string | null {
  const sum = bid + ask;
  if (bid <= 0n || ask <= 0n || sum <= 0n) return null;
  // bps × 100 = (ask − bid) / ((bid + ask) / 2) × 10_000 × 100
  const scaled = (ask - bid) * 2_000_000n;
  const rounded = (scaled * 2n + (scaled >= 0n ? sum : -sum)) / (2n * sum);
  return formatFixed(rounded, 2);
}

/** Integer percentage 0–100 of `part` in `whole` (bar widths), without converting sizes to floats. */
export function percentOf(part: bigint, whole: bigint): number {
  if (whole <= 0n || part <= 0n) return 0;
  const percent = (part * 100n) / whole;
  return percent > 100n ? 100 : Number(percent);
}
