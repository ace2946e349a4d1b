// Venue instrument ids: `<venue>:<canonical>`, e.g. `bybit:BTC-USDT-PERP`.

import { ZVT_ERR_INSTRUMENT_ID_SYNTAX, ZvtError, isZvtError } from './errors.js';
import { parseCanonicalSymbol, type CanonicalSymbolParts } from './symbol.js';
import { isVenueId, VENUE_IDS, type VenueId } from './venue.js';

/** A parsed venue instrument id: the venue, the canonical symbol and what the symbol says. */
export interface InstrumentIdParts extends CanonicalSymbolParts {
  venue: VenueId;
  canonical: string;
}

/** `<venue>:<canonical>`; validates both parts (ZVT_ERR_INSTRUMENT_ID_SYNTAX). */
export function buildInstrumentId(venue: VenueId, canonical: string): string {
  const id = `${venue}:${canonical}`;
  parseInstrumentId(id);
  return id;
}

/** Parses `<venue>:<canonical>` strictly; ZVT_ERR_INSTRUMENT_ID_SYNTAX names the offending text. */
export function parseInstrumentId(text: string): InstrumentIdParts {
  const colon = text.indexOf(':');
  if (colon < 0 || text.indexOf(':', colon + 1) >= 0) {
    throwInstrumentId(text, 'expected exactly one ":" between venue and canonical symbol');
  }
  const venue = text.slice(0, colon);
  if (!isVenueId(venue)) throwInstrumentId(text, `unknown venue; expected one of ${VENUE_IDS.join(', ')}`);
  const canonical = text.slice(colon + 1);
  let parts: CanonicalSymbolParts;
  try {
    parts = parseCanonicalSymbol(canonical);
  } catch (error) {
    if (!isZvtError(error)) throw error;
    throwInstrumentId(text, error.message);
  }
  return { venue, canonical, ...parts };
}

function throwInstrumentId(text: string, reason: string): never {
  throw new ZvtError(
    ZVT_ERR_INSTRUMENT_ID_SYNTAX,
    `Instrument id ${JSON.stringify(text)} is malformed: ${reason}`,
    { instrumentId: text },
  );
}
