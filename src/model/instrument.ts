// Instrument: one tradable thing on one venue, with its canonical symbol and fixed-point scale.

import type { InstrumentKind } from './instrument-kind.js';
import type { VenueId } from './venue.js';

/**
 * An instrument as the registry resolved it. Plain frozen data, so it survives structured clone.
 *
 * Prices and sizes of this instrument travel as integer mantissas at `priceDecimals` and
 * `sizeDecimals`. Those scales belong to the canonical symbol, not to the venue: every venue's
 * BTC-USDT-PERP uses the same ones, chosen so that every venue's tick and lot size is exact, so
 * books from different venues can be merged without rescaling.
 */
export interface Instrument {
  /** Dense index in the registry (0, 1, 2 ...): the `instrumentId` of binary records. */
  readonly numericId: number;
  /** `<venue>:<canonical>`, e.g. `bybit:BTC-USDT-PERP`. */
  readonly id: string;
  readonly venue: VenueId;
  /** VENUE_CODES[venue], for binary feeds. */
  readonly venueCode: number;
  readonly kind: InstrumentKind;
  readonly base: string;
  readonly quote: string;
  /** Currency of margin and settlement (the quote for spot; BTC for an inverse BTC-USD perpetual). */
  readonly settle: string;
  /** `BASE-QUOTE`, `BASE-QUOTE-PERP` or `BASE-QUOTE-YYYYMMDD`. */
  readonly canonical: string;
  /** The venue's own symbol, as sent and expected on the wire (`BTCUSDT`, `BTC-USDT-SWAP`). */
  readonly native: string;
  /** Minimum price increment as canonical decimal text. */
  readonly tickSize: string;
  /** tickSize as a mantissa at priceDecimals. */
  readonly tickSizeMantissa: number;
  /** Minimum size increment, in the venue's size unit (contracts for contract venues), as canonical text. */
  readonly lotSize: string;
  /** lotSize as a mantissa at sizeDecimals. */
  readonly lotSizeMantissa: number;
  /** Underlying amount of one unit of size, as canonical text ("1" for spot and most linear contracts). */
  readonly contractSize: string;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
  /** ISO date (`YYYY-MM-DD`) of a dated future's expiry, else null. */
  readonly expiry: string | null;
}

/**
 * What configuration says about one instrument; InstrumentRegistry resolves it into an Instrument.
 * Decimal fields are text, exactly as the venue publishes them ("0.10", "1e-8").
 */
export interface InstrumentDefinition {
  venue: VenueId;
  kind: InstrumentKind;
  base: string;
  quote: string;
  /** Required for perpetuals and futures; a spot instrument settles in its quote when omitted. */
  settle?: string | undefined;
  native: string;
  tickSize: string;
  lotSize: string;
  /** Required for perpetuals and futures ("1" is a real answer there, not a default); spot: "1" when omitted. */
  contractSize?: string | undefined;
  /** ISO date `YYYY-MM-DD`; required for futures, absent otherwise. */
  expiry?: string | null | undefined;
  /**
   * Most fraction digits the venue may send in a size, where that can exceed the lot size's
   * (Binance `baseAssetPrecision`: levels of old orders that predate a lot-size change, e.g.
   * NKNUSDT with stepSize 1 and a resting level of 11979.3). Raises the size scale; absent = lot only.
   */
  sizePrecision?: number | null | undefined;
  /**
   * Most fraction digits the venue may send in a price, where that can exceed the tick size's
   * (Binance `quoteAssetPrecision`: levels of orders placed before a tick change, e.g. NKNUSDT
   * 0.25511 at tick 0.0001). Raises the price scale; absent = tick only.
   */
  pricePrecision?: number | null | undefined;
}

/** An InstrumentDefinition with every field filled in and decimal text in canonical form. */
export interface ResolvedInstrumentDefinition {
  venue: VenueId;
  kind: InstrumentKind;
  base: string;
  quote: string;
  settle: string;
  native: string;
  tickSize: string;
  lotSize: string;
  contractSize: string;
  expiry: string | null;
  sizePrecision: number | null;
  pricePrecision: number | null;
}
