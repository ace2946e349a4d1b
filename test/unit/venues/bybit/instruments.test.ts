// Bybit instruments-info (recorded linear and spot responses) → instrument definitions the registry accepts.
import { beforeAll, describe, expect, it } from 'vitest';
import { ZVT_ERR_BYBIT_INSTRUMENTS } from '../../../../src/actors/venues/bybit/errors.js';
import { bybitDialect } from '../../../../src/actors/venues/bybit/dialect.js';
import { InstrumentRegistry, isZvtError, type InstrumentDefinition } from '../../../../src/model/index.js';
import { loadBybitSession, type BybitSession } from './bybit-session.js';

interface RawItem {
  symbol: string;
  status: string;
  contractType?: string;
  baseCoin: string;
  quoteCoin: string;
  settleCoin?: string;
  deliveryTime?: string;
  priceFilter: { tickSize: string };
  lotSizeFilter: { qtyStep?: string; basePrecision?: string };
}

let session: BybitSession;
const responses: { category: string; path: string; body: string; items: RawItem[]; definitions: InstrumentDefinition[] }[] = [];

beforeAll(async () => {
  session = await loadBybitSession();
  for (const response of session.recording.http) {
    const url = new URL(response.url);
    const path = url.pathname + url.search;
    const body = JSON.parse(response.data) as { result: { category: string; list: RawItem[] } };
    responses.push({ category: body.result.category, path, body: response.data, items: body.result.list, definitions: bybitDialect.parseInstruments(path, response.data) });
  }
});

function response(category: string) {
  return responses.find((candidate) => candidate.category === category)!;
}

describe('parseBybitInstruments on the recorded responses', () => {
  it('lists every trading linear contract and spot pair, and the registry accepts them all', () => {
    expect(responses.map((candidate) => candidate.category).sort()).toEqual(['linear', 'spot']);
    for (const { items, definitions } of responses) {
      const trading = items.filter((item) => item.status === 'Trading');
      expect(definitions).toHaveLength(trading.length);
      expect(definitions.map((definition) => definition.native)).toEqual(trading.map((item) => item.symbol));
    }
    const registry = new InstrumentRegistry(responses.flatMap((candidate) => candidate.definitions));
    expect(registry.size).toBe(responses.reduce((sum, candidate) => sum + candidate.definitions.length, 0));
  });

  it('linear: perpetuals and dated futures with tick, qty step, settle coin and contract size as published', () => {
    const { items, definitions } = response('linear');
    for (const definition of definitions) {
      const item = items.find((candidate) => candidate.symbol === definition.native)!;
      expect(definition).toMatchObject({
        venue: 'bybit',
        kind: item.contractType === 'LinearPerpetual' ? 'perpetual' : 'future',
        base: item.baseCoin,
        quote: item.quoteCoin,
        settle: item.settleCoin,
        tickSize: item.priceFilter.tickSize,
        lotSize: item.lotSizeFilter.qtyStep,
        contractSize: '1',
      });
      if (definition.kind === 'future') {
        expect(definition.expiry).toBe(new Date(Number(item.deliveryTime)).toISOString().slice(0, 10));
        // The native symbol names the same day (BTCUSDT-14AUG26 → 2026-08-14).
        const [, day, month, year] = /-(\d{2})([A-Z]{3})(\d{2})$/.exec(definition.native)!;
        expect(new Date(`${day} ${month} 20${year} UTC`).toISOString().slice(0, 10)).toBe(definition.expiry);
      } else expect(definition.expiry).toBeNull();
    }
    const kinds = new Set(definitions.map((definition) => definition.kind));
    expect(kinds).toEqual(new Set(['perpetual', 'future']));
    const registry = new InstrumentRegistry(definitions);
    const bitcoin = registry.requireByNative('bybit', 'BTCUSDT', 'perpetual');
    expect(bitcoin.id).toBe('bybit:BTC-USDT-PERP');
    const usdc = registry.requireByNative('bybit', 'BTCPERP', 'perpetual');
    expect(usdc.canonical).toBe('BTC-USDC-PERP');
    const future = definitions.find((definition) => definition.kind === 'future')!;
    expect(registry.requireByNative('bybit', future.native, 'future').canonical).toBe(`${future.base}-${future.quote}-${future.expiry!.replaceAll('-', '')}`);
  });

  it('spot: tick and base precision as published, canonical BASE-QUOTE', () => {
    const { items, definitions } = response('spot');
    for (const definition of definitions) {
      const item = items.find((candidate) => candidate.symbol === definition.native)!;
      expect(definition).toMatchObject({ venue: 'bybit', kind: 'spot', base: item.baseCoin, quote: item.quoteCoin, tickSize: item.priceFilter.tickSize, lotSize: item.lotSizeFilter.basePrecision });
    }
    const registry = new InstrumentRegistry(definitions);
    expect(registry.requireByNative('bybit', 'BTCUSDT', 'spot').id).toBe('bybit:BTC-USDT');
  });

  it('leaves out what is not trading or cannot be named canonically, and rejects failed responses', () => {
    const linear = response('linear');
    const body = JSON.parse(linear.body) as { result: { list: RawItem[] } };
    const [first, second, third] = body.result.list;
    body.result.list = [{ ...first!, status: 'PreLaunch' }, { ...second!, baseCoin: 'bad-coin' }, { ...third!, contractType: 'InversePerpetual' }, second!];
    expect(bybitDialect.parseInstruments(linear.path, JSON.stringify(body)).map((definition) => definition.native)).toEqual([second!.symbol]);
    for (const broken of ['{"retCode":10001,"retMsg":"params error","result":{},"time":1}', '<html>', '{"retCode":0,"result":{"category":"option","list":[]}}']) {
      expect(() => bybitDialect.parseInstruments(linear.path, broken)).toThrow(expect.objectContaining({ code: ZVT_ERR_BYBIT_INSTRUMENTS }));
    }
    try {
      bybitDialect.parseInstruments(linear.path, '{"retCode":10001,"retMsg":"params error"}');
    } catch (error) {
      expect(isZvtError(error, ZVT_ERR_BYBIT_INSTRUMENTS) && error.message).toContain('params error');
    }
  });

  it('asks for linear when perpetuals or futures are wanted and spot when spot is, as the recorder did', () => {
    const recordedQueries = responses.map((candidate) => new URLSearchParams(candidate.path.split('?')[1]));
    const requests = bybitDialect.instrumentRequests(['spot', 'perpetual']);
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      const [path, query] = request.split('?');
      expect(path).toBe('/v5/market/instruments-info');
      const parameters = new URLSearchParams(query);
      const recorded = recordedQueries.find((candidate) => candidate.get('category') === parameters.get('category'))!;
      expect(Object.fromEntries(parameters)).toEqual(Object.fromEntries(recorded));
    }
    expect(bybitDialect.instrumentRequests(['future'])).toEqual([requests.find((request) => request.includes('linear'))]);
    expect(bybitDialect.instrumentRequests(['spot'])).toEqual([requests.find((request) => request.includes('spot'))]);
  });
});
