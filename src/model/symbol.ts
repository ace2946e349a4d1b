// Canonical symbols: `BASE-QUOTE` (spot), `BASE-QUOTE-PERP` (perpetual), `BASE-QUOTE-YYYYMMDD` (dated future).

import { ZVT_ERR_SYMBOL_SYNTAX, ZvtError } from './errors.js';
import type { InstrumentKind } from './instrument-kind.js';

/** What a canonical symbol says. `expiry` is an ISO date (`YYYY-MM-DD`) for futures, else null. */
export interface CanonicalSymbolParts {
  kind: InstrumentKind;
  base: string;
  quote: string;
  expiry: string | null;
}

/** Suffix of perpetual canonical symbols. */
export const PERPETUAL_SUFFIX = 'PERP';
/** Longest asset code accepted ("1000000MOG" is 10; room for venues' longer tickers). */
export const MAX_ASSET_CODE_LENGTH = 20;

const ASSET_CODE_PATTERN = /^[A-Z0-9]+$/;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const EXPIRY_SUFFIX_PATTERN = /^(\d{4})(\d{2})(\d{2})$/;

/** Uppercase ASCII letters and digits, 1 to MAX_ASSET_CODE_LENGTH characters ("BTC", "1000PEPE"). */
export function isAssetCode(text: string): boolean {
  return text.length > 0 && text.length <= MAX_ASSET_CODE_LENGTH && ASSET_CODE_PATTERN.test(text);
}

/** True for a real calendar date written `YYYY-MM-DD` (leap years included). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE_PATTERN.exec(text);
  return match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Builds the canonical symbol; ZVT_ERR_SYMBOL_SYNTAX when a part is not valid. */
export function buildCanonicalSymbol(parts: CanonicalSymbolParts): string {
  const { kind, base, quote, expiry } = parts;
  if (!isAssetCode(base) || !isAssetCode(quote)) {
    throwSymbol(`${base}-${quote}`, 'base and quote must be uppercase letters and digits');
  }
  switch (kind) {
    case 'spot':
      if (expiry !== null) throwSymbol(`${base}-${quote}`, 'a spot instrument has no expiry');
      return `${base}-${quote}`;
    case 'perpetual':
      if (expiry !== null) throwSymbol(`${base}-${quote}-${PERPETUAL_SUFFIX}`, 'a perpetual has no expiry');
      return `${base}-${quote}-${PERPETUAL_SUFFIX}`;
    case 'future':
      if (expiry === null || !isIsoDate(expiry)) {
        throwSymbol(`${base}-${quote}-${String(expiry)}`, 'a dated future needs an expiry date written YYYY-MM-DD');
      }
      return `${base}-${quote}-${expiry.replaceAll('-', '')}`;
  }
}

/**
 * Parses a canonical symbol strictly: uppercase asset codes, exactly the documented suffixes,
 * a real calendar date for futures. ZVT_ERR_SYMBOL_SYNTAX with the offending text otherwise.
 */
export function parseCanonicalSymbol(text: string): CanonicalSymbolParts {
  const segments = text.split('-');
  const base = segments[0] ?? '';
  const quote = segments[1] ?? '';
  if (segments.length < 2 || segments.length > 3) {
    throwSymbol(text, 'expected BASE-QUOTE, BASE-QUOTE-PERP or BASE-QUOTE-YYYYMMDD');
  }
  if (!isAssetCode(base) || !isAssetCode(quote)) {
    throwSymbol(text, `base and quote must be 1 to ${MAX_ASSET_CODE_LENGTH} uppercase letters and digits`);
  }
  const suffix = segments[2];
  if (suffix === undefined) return { kind: 'spot', base, quote, expiry: null };
  if (suffix === PERPETUAL_SUFFIX) return { kind: 'perpetual', base, quote, expiry: null };
  const match = EXPIRY_SUFFIX_PATTERN.exec(suffix);
  if (match === null || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throwSymbol(text, 'the third part must be PERP or an expiry date YYYYMMDD');
  }
  return { kind: 'future', base, quote, expiry: `${match[1]}-${match[2]}-${match[3]}` };
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1970 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= daysInMonth;
}

function throwSymbol(text: string, reason: string): never {
  throw new ZvtError(ZVT_ERR_SYMBOL_SYNTAX, `Canonical symbol ${JSON.stringify(text)} is malformed: ${reason}`, {
    symbol: text,
  });
}
