// InstrumentRegistry: resolves instrument definitions, assigns dense numeric ids and shared scales (cold path).

import {
  ZVT_ERR_INSTRUMENT_DUPLICATE,
  ZVT_ERR_INSTRUMENT_INVALID,
  ZVT_ERR_INSTRUMENT_UNKNOWN,
  ZVT_ERR_REGISTRY_DATA,
  ZvtError,
  isZvtError,
} from './errors.js';
import {
  decimalsOf,
  formatDecimalBig,
  MAX_BIG_DECIMALS,
  MAX_DECIMALS,
  parseDecimal,
  parseDecimalBig,
} from './fixed-point.js';
import type { Instrument, InstrumentDefinition, ResolvedInstrumentDefinition } from './instrument.js';
import { isInstrumentKind, type InstrumentKind } from './instrument-kind.js';
import { buildCanonicalSymbol, isAssetCode, isIsoDate } from './symbol.js';
import { isVenueId, VENUE_CODES, type VenueId } from './venue.js';

/** Version of the plain-data form; bump when InstrumentRegistryData changes shape. */
export const INSTRUMENT_REGISTRY_DATA_VERSION = 1;
/** Numeric ids are u32 in binary records. */
export const MAX_INSTRUMENTS = 2 ** 32 - 1;

/**
 * The plain-data form of a registry: the resolved definitions in id order. Survives
 * structured clone (workerData, postMessage) and JSON; `InstrumentRegistry.fromData` rebuilds an
 * identical registry from it, numeric ids included, because ids are the definitions' order.
 */
export interface InstrumentRegistryData {
  version: typeof INSTRUMENT_REGISTRY_DATA_VERSION;
  definitions: ResolvedInstrumentDefinition[];
}

/** The fixed-point scale shared by every venue's instrument of one canonical symbol. */
export interface InstrumentScale {
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
}

const NATIVE_SYMBOL_PATTERN = /^[\x21-\x7e]{1,64}$/;

/**
 * All instruments of a running engine. Numeric ids are dense (0 .. size-1) in definition order,
 * so the same definitions in the same order give the same ids in every thread. Scales are per
 * canonical symbol: price decimals are the most any venue's tick size needs, size decimals the
 * most any venue's lot size needs, both in the venue's own size unit and in underlying units
 * (lot × contract size), so either convention stays exact.
 *
 * Cold path: build once at startup, look up numeric ids when subscribing, keep them.
 */
export class InstrumentRegistry {
  private readonly instrumentsById: readonly Instrument[];
  private readonly byInstrumentId = new Map<string, Instrument>();
  private readonly byNativeKey = new Map<string, Instrument>();
  private readonly byCanonicalSymbol = new Map<string, Instrument[]>();
  private readonly scales = new Map<string, InstrumentScale>();
  private readonly definitions: readonly ResolvedInstrumentDefinition[];

  constructor(definitions: readonly InstrumentDefinition[]) {
    if (definitions.length > MAX_INSTRUMENTS) {
      throw new ZvtError(ZVT_ERR_INSTRUMENT_INVALID, `At most ${MAX_INSTRUMENTS} instruments fit a u32 id`);
    }
    const resolved = definitions.map((definition, index) => resolveDefinition(definition, index));
    this.definitions = Object.freeze(resolved.map((definition) => Object.freeze(definition)));
    const canonicals = resolved.map(canonicalOf);

    // Duplicates first, so a clash is reported as a clash and not as some later symptom.
    const seenIds = new Map<string, number>();
    const seenNatives = new Map<string, number>();
    resolved.forEach((definition, index) => {
      const id = `${definition.venue}:${canonicals[index]!}`;
      const nativeKey = nativeKeyOf(definition.venue, definition.native, definition.kind);
      const previousId = seenIds.get(id);
      if (previousId !== undefined) {
        throwDuplicate(`Instruments #${previousId} and #${index} are both ${id}`, { id, indexes: [previousId, index] });
      }
      const previousNative = seenNatives.get(nativeKey);
      if (previousNative !== undefined) {
        throwDuplicate(
          `Instruments #${previousNative} and #${index} share venue ${definition.venue}, ${definition.kind} native symbol ${JSON.stringify(definition.native)}`,
          { venue: definition.venue, native: definition.native, kind: definition.kind, indexes: [previousNative, index] },
        );
      }
      seenIds.set(id, index);
      seenNatives.set(nativeKey, index);
    });

    // One scale per canonical symbol, from every venue's tick and lot.
    const priceDecimalsByCanonical = new Map<string, number>();
    const sizeDecimalsByCanonical = new Map<string, number>();
    resolved.forEach((definition, index) => {
      const canonical = canonicals[index]!;
      const priceDecimals = Math.max(decimalsOf(definition.tickSize), definition.pricePrecision ?? 0);
      const sizeDecimals = Math.max(
        decimalsOf(definition.lotSize),
        decimalsOfProduct(definition.lotSize, definition.contractSize),
        definition.sizePrecision ?? 0,
      );
      priceDecimalsByCanonical.set(canonical, Math.max(priceDecimalsByCanonical.get(canonical) ?? 0, priceDecimals));
      sizeDecimalsByCanonical.set(canonical, Math.max(sizeDecimalsByCanonical.get(canonical) ?? 0, sizeDecimals));
    });
    for (const [canonical, priceDecimals] of priceDecimalsByCanonical) {
      const sizeDecimals = sizeDecimalsByCanonical.get(canonical)!;
      if (priceDecimals > MAX_DECIMALS || sizeDecimals > MAX_DECIMALS) {
        throw new ZvtError(
          ZVT_ERR_INSTRUMENT_INVALID,
          `${canonical} needs ${priceDecimals} price and ${sizeDecimals} size decimals; at most ${MAX_DECIMALS} are supported`,
          { canonical, priceDecimals, sizeDecimals },
        );
      }
      this.scales.set(canonical, Object.freeze({ priceDecimals, sizeDecimals }));
    }

    this.instrumentsById = Object.freeze(
      resolved.map((definition, numericId) => {
        const canonical = canonicals[numericId]!;
        const scale = this.scales.get(canonical)!;
        const instrument: Instrument = Object.freeze({
          numericId,
          id: `${definition.venue}:${canonical}`,
          venue: definition.venue,
          venueCode: VENUE_CODES[definition.venue],
          kind: definition.kind,
          base: definition.base,
          quote: definition.quote,
          settle: definition.settle,
          canonical,
          native: definition.native,
          tickSize: definition.tickSize,
          tickSizeMantissa: mantissaAt(definition.tickSize, scale.priceDecimals, canonical, 'tickSize', numericId),
          lotSize: definition.lotSize,
          lotSizeMantissa: mantissaAt(definition.lotSize, scale.sizeDecimals, canonical, 'lotSize', numericId),
          contractSize: definition.contractSize,
          priceDecimals: scale.priceDecimals,
          sizeDecimals: scale.sizeDecimals,
          expiry: definition.expiry,
        });
        return instrument;
      }),
    );
    for (const instrument of this.instrumentsById) {
      this.byInstrumentId.set(instrument.id, instrument);
      this.byNativeKey.set(nativeKeyOf(instrument.venue, instrument.native, instrument.kind), instrument);
      const group = this.byCanonicalSymbol.get(instrument.canonical);
      if (group === undefined) this.byCanonicalSymbol.set(instrument.canonical, [instrument]);
      else group.push(instrument);
    }
  }

  /** Rebuilds a registry from `toData()` output (e.g. received in workerData); ids come out identical. */
  static fromData(data: unknown): InstrumentRegistry {
    if (typeof data !== 'object' || data === null) throwData('expected an object');
    const record = data as Record<string, unknown>;
    if (record.version !== INSTRUMENT_REGISTRY_DATA_VERSION) {
      throwData(`expected version ${INSTRUMENT_REGISTRY_DATA_VERSION}, got ${JSON.stringify(record.version)}`);
    }
    if (!Array.isArray(record.definitions)) throwData('expected a definitions array');
    const definitions = (record.definitions as unknown[]).map((entry, index) => definitionFromData(entry, index));
    try {
      return new InstrumentRegistry(definitions);
    } catch (error) {
      if (isZvtError(error)) throwData(error.message);
      throw error;
    }
  }

  /** Plain data for structured clone or JSON; see InstrumentRegistryData. */
  toData(): InstrumentRegistryData {
    return {
      version: INSTRUMENT_REGISTRY_DATA_VERSION,
      definitions: this.definitions.map((definition) => ({ ...definition })),
    };
  }

  /** Number of instruments; numeric ids run from 0 to size - 1. */
  get size(): number {
    return this.instrumentsById.length;
  }

  /** Every instrument, in numeric id order. */
  all(): readonly Instrument[] {
    return this.instrumentsById;
  }

  byNumericId(numericId: number): Instrument | undefined {
    return this.instrumentsById[numericId];
  }

  /** Lookup by `<venue>:<canonical>`. */
  byId(id: string): Instrument | undefined {
    return this.byInstrumentId.get(id);
  }

  /** Lookup by the venue's wire symbol; kind disambiguates (Bybit spot and linear both say BTCUSDT). */
  byNative(venue: VenueId, native: string, kind: InstrumentKind): Instrument | undefined {
    return this.byNativeKey.get(nativeKeyOf(venue, native, kind));
  }

  /** Every venue's instrument of one canonical symbol, in numeric id order (empty if none). */
  byCanonical(canonical: string): readonly Instrument[] {
    return this.byCanonicalSymbol.get(canonical) ?? [];
  }

  /** The scale shared by every venue's instrument of `canonical`, if any is registered. */
  scaleOf(canonical: string): InstrumentScale | undefined {
    return this.scales.get(canonical);
  }

  /** byNumericId, or ZVT_ERR_INSTRUMENT_UNKNOWN. */
  requireByNumericId(numericId: number): Instrument {
    const instrument = this.byNumericId(numericId);
    if (instrument === undefined) throwUnknown(`No instrument has numeric id ${String(numericId)}`, { numericId });
    return instrument;
  }

  /** byId, or ZVT_ERR_INSTRUMENT_UNKNOWN. */
  requireById(id: string): Instrument {
    const instrument = this.byId(id);
    if (instrument === undefined) throwUnknown(`No instrument ${JSON.stringify(id)} is registered`, { id });
    return instrument;
  }

  /** byNative, or ZVT_ERR_INSTRUMENT_UNKNOWN. */
  requireByNative(venue: VenueId, native: string, kind: InstrumentKind): Instrument {
    const instrument = this.byNative(venue, native, kind);
    if (instrument === undefined) {
      throwUnknown(`No ${kind} instrument with native symbol ${JSON.stringify(native)} on ${venue}`, {
        venue,
        native,
        kind,
      });
    }
    return instrument;
  }
}

function nativeKeyOf(venue: VenueId, native: string, kind: InstrumentKind): string {
  return `${venue}\u0000${kind}\u0000${native}`;
}

function canonicalOf(definition: ResolvedInstrumentDefinition): string {
  return buildCanonicalSymbol({
    kind: definition.kind,
    base: definition.base,
    quote: definition.quote,
    expiry: definition.expiry,
  });
}

/** Validates one definition and fills in what may be omitted; decimal text becomes canonical. */
function precisionOf(value: number | null | undefined, field: string, index: number, where: string): number | null {
  if (value === undefined || value === null) return null;
  if (!(Number.isInteger(value) && value >= 0 && value <= MAX_DECIMALS)) {
    throwInvalid(index, `${where}: ${field} must be an integer from 0 to ${MAX_DECIMALS} (got ${JSON.stringify(value)})`);
  }
  return value;
}

function resolveDefinition(definition: InstrumentDefinition, index: number): ResolvedInstrumentDefinition {
  const where = `Instrument #${index}`;
  const { venue, kind, base, quote, native } = definition;
  if (!isVenueId(venue)) throwInvalid(index, `${where}: unknown venue ${JSON.stringify(venue)}`);
  if (!isInstrumentKind(kind)) throwInvalid(index, `${where}: kind must be spot, perpetual or future`);
  if (!isAssetCode(base) || !isAssetCode(quote)) {
    throwInvalid(index, `${where}: base and quote must be uppercase letters and digits (got ${base}, ${quote})`);
  }
  if (typeof native !== 'string' || !NATIVE_SYMBOL_PATTERN.test(native)) {
    throwInvalid(index, `${where}: native symbol must be 1 to 64 printable ASCII characters without spaces`);
  }
  const settle = definition.settle ?? (kind === 'spot' ? quote : undefined);
  if (settle === undefined || !isAssetCode(settle)) {
    throwInvalid(index, `${where} (${venue} ${native}): settle must be an asset code (required for ${kind})`);
  }
  const contractSizeText = definition.contractSize ?? (kind === 'spot' ? '1' : undefined);
  if (contractSizeText === undefined) {
    throwInvalid(index, `${where} (${venue} ${native}): contractSize is required for a ${kind}`);
  }
  const expiry = definition.expiry ?? null;
  if (kind === 'future' ? expiry === null || !isIsoDate(expiry) : expiry !== null) {
    throwInvalid(
      index,
      kind === 'future'
        ? `${where} (${venue} ${native}): a future needs an expiry date YYYY-MM-DD (got ${JSON.stringify(expiry)})`
        : `${where} (${venue} ${native}): a ${kind} has no expiry`,
    );
  }
  const sizePrecision = precisionOf(definition.sizePrecision, 'sizePrecision', index, `${where} (${venue} ${native})`);
  const pricePrecision = precisionOf(definition.pricePrecision, 'pricePrecision', index, `${where} (${venue} ${native})`);
  return {
    venue,
    kind,
    base,
    quote,
    settle,
    native,
    tickSize: positiveDecimal(definition.tickSize, 'tickSize', index, where),
    lotSize: positiveDecimal(definition.lotSize, 'lotSize', index, where),
    contractSize: positiveDecimal(contractSizeText, 'contractSize', index, where),
    expiry,
    sizePrecision,
    pricePrecision,
  };
}

/** Canonical text of a positive decimal, or ZVT_ERR_INSTRUMENT_INVALID naming the field and text. */
function positiveDecimal(text: unknown, field: string, index: number, where: string): string {
  if (typeof text !== 'string') throwInvalid(index, `${where}: ${field} must be decimal text`);
  let canonical: string;
  let positive: boolean;
  try {
    // More than MAX_BIG_DECIMALS is rejected by the parse with a precision error, named below.
    const decimals = Math.min(decimalsOf(text), MAX_BIG_DECIMALS);
    const value = parseDecimalBig(text, decimals);
    positive = value > 0n;
    canonical = formatDecimalBig(value, decimals);
  } catch (error) {
    if (!isZvtError(error)) throw error;
    throwInvalid(index, `${where}: ${field} ${JSON.stringify(text)} is not a decimal (${error.message})`);
  }
  if (!positive) throwInvalid(index, `${where}: ${field} must be positive (got ${JSON.stringify(text)})`);
  return canonical;
}

/** Fewest decimals that make `left × right` exact (both canonical positive decimal text). */
function decimalsOfProduct(left: string, right: string): number {
  const leftDecimals = decimalsOf(left);
  const rightDecimals = decimalsOf(right);
  let product = parseDecimalBig(left, leftDecimals) * parseDecimalBig(right, rightDecimals);
  let decimals = leftDecimals + rightDecimals;
  while (decimals > 0 && product % 10n === 0n) {
    product /= 10n;
    decimals--;
  }
  return decimals;
}

function mantissaAt(text: string, decimals: number, canonical: string, field: string, index: number): number {
  try {
    return parseDecimal(text, decimals);
  } catch (error) {
    if (!isZvtError(error)) throw error;
    throwInvalid(index, `Instrument #${index} (${canonical}): ${field} ${text} at ${decimals} decimals: ${error.message}`);
  }
}

function definitionFromData(entry: unknown, index: number): InstrumentDefinition {
  if (typeof entry !== 'object' || entry === null) throwData(`definition #${index} is not an object`);
  const fields = entry as Record<string, unknown>;
  const text = (name: string): string => {
    const value = fields[name];
    if (typeof value !== 'string') throwData(`definition #${index}: ${name} must be a string`);
    return value;
  };
  const venue = text('venue');
  const kind = text('kind');
  if (!isVenueId(venue)) throwData(`definition #${index}: unknown venue ${JSON.stringify(venue)}`);
  if (!isInstrumentKind(kind)) throwData(`definition #${index}: unknown kind ${JSON.stringify(kind)}`);
  const expiry = fields.expiry;
  if (expiry !== null && typeof expiry !== 'string') throwData(`definition #${index}: expiry must be a string or null`);
  const precision = (name: string): number | null => {
    const value = fields[name];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number') throwData(`definition #${index}: ${name} must be a number or null`);
    return value;
  };
  return {
    venue,
    kind,
    base: text('base'),
    quote: text('quote'),
    settle: text('settle'),
    native: text('native'),
    tickSize: text('tickSize'),
    lotSize: text('lotSize'),
    contractSize: text('contractSize'),
    expiry,
    sizePrecision: precision('sizePrecision'),
    pricePrecision: precision('pricePrecision'),
  };
}

function throwInvalid(index: number, message: string): never {
  throw new ZvtError(ZVT_ERR_INSTRUMENT_INVALID, message, { index });
}

function throwDuplicate(message: string, details: Record<string, unknown>): never {
  throw new ZvtError(ZVT_ERR_INSTRUMENT_DUPLICATE, message, details);
}

function throwUnknown(message: string, details: Record<string, unknown>): never {
  throw new ZvtError(ZVT_ERR_INSTRUMENT_UNKNOWN, message, details);
}

function throwData(reason: string): never {
  throw new ZvtError(ZVT_ERR_REGISTRY_DATA, `Instrument registry data is invalid: ${reason}`);
}
