// Property tests of canonical symbols, instrument ids and the registry's plain-data round trip and scales.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCanonicalSymbol,
  buildInstrumentId,
  decimalsOf,
  INSTRUMENT_KINDS,
  InstrumentRegistry,
  parseCanonicalSymbol,
  parseDecimal,
  parseDecimalBig,
  parseInstrumentId,
  VENUE_IDS,
  type CanonicalSymbolParts,
  type InstrumentDefinition,
} from '../../../src/model/index.js';

const assetCode = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), minLength: 1, maxLength: 20 });
const expiryDate = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const symbolParts: fc.Arbitrary<CanonicalSymbolParts> = fc
  .tuple(fc.constantFrom(...INSTRUMENT_KINDS), assetCode, assetCode, expiryDate)
  .map(([kind, base, quote, expiry]) => ({ kind, base, quote, expiry: kind === 'future' ? expiry : null }));

/**
 * Positive decimal text in the shapes venues publish: "0.10", "100", "0.00000100", "1e-8".
 * Bounded (at most 900, at most `maxDecimals` decimals) so that a shared scale always leaves the
 * mantissas safe; the registry's refusal of unsafe scales has its own unit test.
 */
const decimalText = (maxDecimals: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: -2, max: maxDecimals }), fc.integer({ min: 0, max: 3 }), fc.boolean())
    .map(([digit, exponent, trailingZeros, exponentForm]) => {
      if (exponentForm) return `${digit}e${-exponent}`;
      if (exponent <= 0) return String(digit * 10 ** -exponent);
      return `0.${'0'.repeat(exponent - 1)}${digit}${'0'.repeat(trailingZeros)}`;
    });

/** Few assets and expiries, so that several venues list the same canonical symbol and share a scale. */
const commonParts: fc.Arbitrary<CanonicalSymbolParts> = fc
  .tuple(
    fc.constantFrom(...INSTRUMENT_KINDS),
    fc.constantFrom('BTC', 'ETH', 'SOL'),
    fc.constantFrom('USDT', 'USD'),
    fc.constantFrom('2025-03-28', '2025-06-27'),
  )
  .map(([kind, base, quote, expiry]) => ({ kind, base, quote, expiry: kind === 'future' ? expiry : null }));

const definition: fc.Arbitrary<InstrumentDefinition> = fc
  .record({
    venue: fc.constantFrom(...VENUE_IDS),
    parts: fc.oneof(commonParts, symbolParts),
    native: fc.string({ unit: fc.constantFrom(...'ABCDEFXYZ0123-_/'), minLength: 1, maxLength: 12 }),
    settle: assetCode,
    tickSize: decimalText(8),
    lotSize: decimalText(8),
    contractSize: decimalText(4),
  })
  .map(({ venue, parts, native, settle, tickSize, lotSize, contractSize }) => ({
    venue,
    kind: parts.kind,
    base: parts.base,
    quote: parts.quote,
    settle,
    native,
    tickSize,
    lotSize,
    contractSize,
    expiry: parts.expiry,
  }));

/** Unique by venue instrument id and by (venue, native, kind), as the registry requires. */
const definitions = fc.uniqueArray(definition, {
  maxLength: 30,
  selector: (entry) => `${entry.venue}|${buildCanonicalSymbol({ ...entry, expiry: entry.expiry ?? null })}`,
}).map((entries) => {
  const natives = new Set<string>();
  return entries.filter((entry) => {
    const key = `${entry.venue}|${entry.kind}|${entry.native}`;
    if (natives.has(key)) return false;
    natives.add(key);
    return true;
  });
});

/** Fewest decimals that hold lot × contract size exactly, by bigint multiplication. */
function productDecimals(lotSize: string, contractSize: string): number {
  const lotDecimals = decimalsOf(lotSize);
  const contractDecimals = decimalsOf(contractSize);
  let product = parseDecimalBig(lotSize, lotDecimals) * parseDecimalBig(contractSize, contractDecimals);
  let decimals = lotDecimals + contractDecimals;
  while (decimals > 0 && product % 10n === 0n) {
    product /= 10n;
    decimals--;
  }
  return decimals;
}

describe('canonical symbols and instrument ids', () => {
  it('parse(build(parts)) == parts, and instrument ids round-trip', () => {
    fc.assert(
      fc.property(symbolParts, fc.constantFrom(...VENUE_IDS), (parts, venue) => {
        const canonical = buildCanonicalSymbol(parts);
        expect(parseCanonicalSymbol(canonical)).toEqual(parts);
        const id = buildInstrumentId(venue, canonical);
        expect(id).toBe(`${venue}:${canonical}`);
        expect(parseInstrumentId(id)).toEqual({ venue, canonical, ...parts });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('InstrumentRegistry properties', () => {
  it('serialise → structured clone → reconstruct gives identical ids and instruments', () => {
    fc.assert(
      fc.property(definitions, (entries) => {
        const registry = new InstrumentRegistry(entries);
        const rebuilt = InstrumentRegistry.fromData(structuredClone(registry.toData()));
        expect(rebuilt.all()).toEqual(registry.all());
        for (const instrument of registry.all()) {
          expect(rebuilt.byId(instrument.id)?.numericId).toBe(instrument.numericId);
          expect(rebuilt.byNative(instrument.venue, instrument.native, instrument.kind)?.numericId).toBe(instrument.numericId);
          expect(rebuilt.byNumericId(instrument.numericId)).toEqual(instrument);
        }
        // Same input order, same ids: a second build from the same definitions matches too.
        expect(new InstrumentRegistry(entries).all()).toEqual(registry.all());
      }),
      { numRuns: 300 },
    );
  });

  it('every venue tick and lot is exact at the shared scale, and the scale is the smallest that does it', () => {
    fc.assert(
      fc.property(definitions, (entries) => {
        const registry = new InstrumentRegistry(entries);
        for (const canonical of new Set(registry.all().map((instrument) => instrument.canonical))) {
          const group = registry.byCanonical(canonical);
          const scale = registry.scaleOf(canonical)!;
          let neededPrice = 0;
          let neededSize = 0;
          for (const instrument of group) {
            expect(instrument.priceDecimals).toBe(scale.priceDecimals);
            expect(instrument.sizeDecimals).toBe(scale.sizeDecimals);
            expect(parseDecimal(instrument.tickSize, scale.priceDecimals)).toBe(instrument.tickSizeMantissa);
            expect(parseDecimal(instrument.lotSize, scale.sizeDecimals)).toBe(instrument.lotSizeMantissa);
            neededPrice = Math.max(neededPrice, decimalsOf(instrument.tickSize));
            neededSize = Math.max(neededSize, decimalsOf(instrument.lotSize), productDecimals(instrument.lotSize, instrument.contractSize));
          }
          expect(scale.priceDecimals).toBe(neededPrice);
          expect(scale.sizeDecimals).toBe(neededSize);
        }
      }),
      { numRuns: 300 },
    );
  });
});
