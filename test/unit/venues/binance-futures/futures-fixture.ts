// USDⓈ-M futures test material: the documented examples, instruments that fit them, and seeded synthetic depth streams built on the documented shape.
import { readFileSync } from 'node:fs';
import type { ParseContext } from '../../../../src/actors/venues/common/venue-dialect.js';
import { InstrumentRegistry } from '../../../../src/model/instrument-registry.js';
import type { Instrument } from '../../../../src/model/instrument.js';
import { contextFor } from '../binance/binance-session.js';

const FIXTURES = new URL('../../../fixtures/venues/binance-futures/', import.meta.url);

export interface RawFuturesDepth {
  e: 'depthUpdate';
  E: number;
  T: number;
  s: string;
  U: number;
  u: number;
  pu: number;
  b: [string, string][];
  a: [string, string][];
}

export interface DocumentedExamples {
  depthUpdate: { stream: string; data: RawFuturesDepth };
  bookTicker: { stream: string; data: Record<string, string | number> };
  aggTrade: { stream: string; data: Record<string, string | number | boolean> };
  depthSnapshot: { lastUpdateId: number; E: number; T: number; bids: [string, string][]; asks: [string, string][] };
}

export function documentedExamples(): DocumentedExamples {
  return JSON.parse(readFileSync(new URL('documented-examples.json', FIXTURES), 'utf8')) as DocumentedExamples;
}

export function exchangeInfoBody(): string {
  return readFileSync(new URL('exchange-info.json', FIXTURES), 'utf8');
}

export interface FuturesFixture {
  registry: InstrumentRegistry;
  btc: Instrument;
  eth: Instrument;
  bnb: Instrument;
  context: ParseContext;
}

/**
 * Perpetuals whose tick and lot fit the documented examples (prices "0.0024" and "4.00000200",
 * quantities "10" and "431.00000000"; book ticker "25.35190000" / "31.21000000"). Not the real
 * contracts' filters: the examples themselves are not real prices.
 */
export function futuresFixture(): FuturesFixture {
  const perpetual = (base: string, tickSize: string, lotSize: string) => ({
    venue: 'binance-futures' as const,
    kind: 'perpetual' as const,
    base,
    quote: 'USDT',
    settle: 'USDT',
    native: `${base}USDT`,
    tickSize,
    lotSize,
    contractSize: '1',
  });
  const registry = new InstrumentRegistry([perpetual('BTC', '0.000001', '1'), perpetual('ETH', '0.000001', '1'), perpetual('BNB', '0.0001', '0.01')]);
  const [btc, eth, bnb] = registry.all() as [Instrument, Instrument, Instrument];
  return { registry, btc, eth, bnb, context: contextFor(registry, [btc, eth, bnb]) };
}

/** A small seeded generator (mulberry32), so every run builds the same streams. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const price = (micro: number): string => (micro / 1_000_000).toFixed(8);

/**
 * Diff events shaped like the documented one: update ids jump between events (USDⓈ-M ids are not
 * consecutive per symbol), `pu` is the previous event's `u`, bids stay in [3.99, 4.0), asks in
 * (4.0, 4.01], some quantities are "0.00000000" (level removed).
 */
export function syntheticDepthStream(seed: number, native: string, count: number, firstUpdateId: number): RawFuturesDepth[] {
  const next = random(seed);
  const events: RawFuturesDepth[] = [];
  let first = firstUpdateId;
  let previous = firstUpdateId - 1 - Math.floor(next() * 20);
  for (let index = 0; index < count; index++) {
    const final = first + Math.floor(next() * 4);
    const levels = (low: number): [string, string][] =>
      Array.from({ length: 1 + Math.floor(next() * 3) }, () => [price(low + Math.floor(next() * 10_000)), next() < 0.2 ? '0.00000000' : `${1 + Math.floor(next() * 50)}.00000000`]);
    const eventTime = 1_700_000_000_000 + index * 100;
    events.push({ e: 'depthUpdate', E: eventTime, T: eventTime - 2, s: native, U: first, u: final, pu: previous, b: levels(3_990_000), a: levels(4_000_001) });
    previous = final;
    first = final + 1 + Math.floor(next() * 30);
  }
  return events;
}

/** A REST `/fapi/v1/depth` body in the documented shape, 20 levels a side around 4.0. */
export function syntheticSnapshotBody(lastUpdateId: number): string {
  const bids = Array.from({ length: 20 }, (_, index) => [price(3_999_000 - index * 100), `${10 + index}.00000000`]);
  const asks = Array.from({ length: 20 }, (_, index) => [price(4_001_000 + index * 100), `${30 + index}.00000000`]);
  return JSON.stringify({ lastUpdateId, E: 1_700_000_000_500, T: 1_700_000_000_498, bids, asks });
}

/** The combined-stream frame of one diff event, keys in the documented order. */
export function depthFrame(event: RawFuturesDepth): string {
  return JSON.stringify({ stream: `${event.s.toLowerCase()}@depth@100ms`, data: event });
}
