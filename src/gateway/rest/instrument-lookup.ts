// Resolves the instrument a request names (`<venue>:<canonical>`) in the registry, or answers 404 ZVT_ERR_REST_UNKNOWN_INSTRUMENT.
import type { Instrument } from '../../model/instrument.js';
import type { InstrumentRegistry } from '../../model/instrument-registry.js';
import { ZVT_ERR_REST_UNKNOWN_INSTRUMENT } from '../errors.js';
import { RestError } from './rest-error.js';

export function requireInstrument(registry: InstrumentRegistry, id: string): Instrument {
  const instrument = registry.byId(id);
  if (instrument === undefined) {
    throw new RestError(404, ZVT_ERR_REST_UNKNOWN_INSTRUMENT, `No instrument ${JSON.stringify(id)}; ids are <venue>:<canonical> as GET /v1/instruments lists them`);
  }
  return instrument;
}

/** The instrument as the API shows it. */
export function instrumentJson(instrument: Instrument): Record<string, unknown> {
  return {
    id: instrument.id,
    venue: instrument.venue,
    kind: instrument.kind,
    canonical: instrument.canonical,
    native: instrument.native,
    base: instrument.base,
    quote: instrument.quote,
    settle: instrument.settle,
    tickSize: instrument.tickSize,
    lotSize: instrument.lotSize,
    contractSize: instrument.contractSize,
    priceDecimals: instrument.priceDecimals,
    sizeDecimals: instrument.sizeDecimals,
    expiry: instrument.expiry,
  };
}
