// Instrument kinds: spot, perpetual swap, dated future.

/** `future` is a dated (expiring) future; perpetual swaps are `perpetual`. */
export const INSTRUMENT_KINDS = ['spot', 'perpetual', 'future'] as const;

export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

export function isInstrumentKind(value: unknown): value is InstrumentKind {
  return typeof value === 'string' && (INSTRUMENT_KINDS as readonly string[]).includes(value);
}
