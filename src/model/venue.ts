// Venue ids (lowercase, DESIGN §3) and their stable numeric codes for binary records and feeds.

import { ZVT_ERR_VENUE_UNKNOWN, ZvtError } from './errors.js';

/** Every venue the engine speaks, in code order. `sim` is the built-in simulator/replay venue. */
export const VENUE_IDS = ['binance', 'binance-futures', 'okx', 'bybit', 'coinbase', 'sim'] as const;

export type VenueId = (typeof VENUE_IDS)[number];

/**
 * Numeric venue codes. They appear in binary feeds and recordings, so they never change: a new
 * venue gets the next free code, a retired one keeps its code unused. 0 means "no venue".
 */
export const VENUE_CODES: Readonly<Record<VenueId, number>> = Object.freeze({
  binance: 1,
  'binance-futures': 2,
  okx: 3,
  bybit: 4,
  coinbase: 5,
  sim: 6,
});

/** Reserved code for "no venue" (e.g. a consolidated record). */
export const NO_VENUE_CODE = 0;

const VENUE_BY_CODE: readonly (VenueId | undefined)[] = (() => {
  const table: (VenueId | undefined)[] = [];
  for (const venue of VENUE_IDS) table[VENUE_CODES[venue]] = venue;
  return table;
})();

export function isVenueId(value: unknown): value is VenueId {
  return typeof value === 'string' && (VENUE_IDS as readonly string[]).includes(value);
}

/** The venue id in `text`, or ZVT_ERR_VENUE_UNKNOWN naming the text and the known venues. */
export function parseVenueId(text: string): VenueId {
  if (isVenueId(text)) return text;
  throw new ZvtError(
    ZVT_ERR_VENUE_UNKNOWN,
    `Unknown venue ${JSON.stringify(text)}: expected one of ${VENUE_IDS.join(', ')}`,
    { venue: text },
  );
}

export function venueCodeOf(venue: VenueId): number {
  return VENUE_CODES[venue];
}

/** The venue with numeric code `code`, or ZVT_ERR_VENUE_UNKNOWN. */
export function venueOfCode(code: number): VenueId {
  const venue = Number.isInteger(code) ? VENUE_BY_CODE[code] : undefined;
  if (venue === undefined) {
    throw new ZvtError(ZVT_ERR_VENUE_UNKNOWN, `Unknown venue code ${String(code)}`, { code });
  }
  return venue;
}
