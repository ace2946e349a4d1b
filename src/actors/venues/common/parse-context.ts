// The ParseContext of one venue connection: its symbols, and the fixed-point scale of every instrument.
import type { Instrument } from '../../../model/instrument.js';
import type { InstrumentRegistry } from '../../../model/instrument-registry.js';
import { NativeSymbolResolver } from './symbol-resolver.js';
import type { ParseContext } from './venue-dialect.js';

/** Scales of every registry instrument, indexed by numeric id: shared by all connections of a feed. */
export function scalesOf(registry: InstrumentRegistry): Omit<ParseContext, 'symbols'> {
  const priceDecimals = new Uint8Array(registry.size);
  const sizeDecimals = new Uint8Array(registry.size);
  for (const instrument of registry.all()) {
    priceDecimals[instrument.numericId] = instrument.priceDecimals;
    sizeDecimals[instrument.numericId] = instrument.sizeDecimals;
  }
  return { priceDecimals, sizeDecimals };
}

/** The context of a connection carrying `instruments`: only their native symbols resolve. */
export function createParseContext(registry: InstrumentRegistry, instruments: readonly Instrument[]): ParseContext {
  return { ...scalesOf(registry), symbols: new NativeSymbolResolver(instruments.map((instrument) => [instrument.native, instrument.numericId] as const)) };
}
