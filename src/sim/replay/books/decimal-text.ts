// Exact ordering and canonical form of venue decimal text (prices as sent), without floating point.

/** `"0.35210000"` → `"0.3521"`, `"65140.0"` → `"65140"`, `"007"` → `"7"`: one key per price, whatever its spelling. */
export function canonicalDecimal(text: string): string {
  const dot = text.indexOf('.');
  let whole = dot < 0 ? text : text.slice(0, dot);
  let fraction = dot < 0 ? '' : text.slice(dot + 1);
  whole = whole.replace(/^0+(?=\d)/, '');
  fraction = fraction.replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/** Compares two non-negative canonical decimals (see canonicalDecimal) by value: <0, 0 or >0. */
export function compareCanonicalDecimals(a: string, b: string): number {
  const aDot = a.indexOf('.');
  const bDot = b.indexOf('.');
  const aWhole = aDot < 0 ? a : a.slice(0, aDot);
  const bWhole = bDot < 0 ? b : b.slice(0, bDot);
  if (aWhole.length !== bWhole.length) return aWhole.length - bWhole.length;
  if (aWhole !== bWhole) return aWhole < bWhole ? -1 : 1;
  const aFraction = aDot < 0 ? '' : a.slice(aDot + 1);
  const bFraction = bDot < 0 ? '' : b.slice(bDot + 1);
  // Same length by right-padding with zeros: then text order is value order.
  const width = Math.max(aFraction.length, bFraction.length);
  const left = aFraction.padEnd(width, '0');
  const right = bFraction.padEnd(width, '0');
  return left === right ? 0 : left < right ? -1 : 1;
}

/** True when a size text is zero in any spelling (`"0"`, `"0.00000000"`): the venue deletes the level. */
export function isZeroDecimal(text: string): boolean {
  return /^0*(\.0*)?$/.test(text) && text !== '' && text !== '.';
}
