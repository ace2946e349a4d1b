// The Binance spot dialect: requests, connection plans within the documented limits, heartbeat, lifetime and resync plan.
import { beforeAll, describe, expect, it } from 'vitest';
import { BINANCE_MAX_PATH_LENGTH, BINANCE_MAX_STREAMS_PER_CONNECTION } from '../../../../src/actors/venues/binance/connections.js';
import { binanceDialect } from '../../../../src/actors/venues/binance/dialect.js';
import { InstrumentRegistry } from '../../../../src/model/instrument-registry.js';
import { loadBinanceSession, type BinanceSession } from './binance-session.js';

let session: BinanceSession;
beforeAll(async () => {
  session = await loadBinanceSession();
});

describe('binance spot dialect', () => {
  it('asks for exchangeInfo only when spot instruments are wanted', () => {
    expect(binanceDialect.venue).toBe('binance');
    expect(binanceDialect.instrumentRequests(['spot'])).toEqual(['/api/v3/exchangeInfo']);
    expect(binanceDialect.instrumentRequests(['perpetual', 'future'])).toEqual([]);
  });

  it('plans the recorded instruments on one combined-stream URL: depth@100ms, bookTicker and aggTrade each', () => {
    const recordedStreams = new URL(session.recording.connections[0]!.address).searchParams.get('streams')!.split('/');
    const plan = session.plan;
    expect(plan.path.startsWith('/stream?streams=')).toBe(true);
    const streams = plan.path.slice('/stream?streams='.length).split('/');
    expect([...streams].sort()).toEqual(recordedStreams.filter((stream) => !stream.includes('@kline_')).sort());
    expect(plan.instrumentIds).toEqual(session.recorded.map((instrument) => instrument.numericId));
    expect(plan.subscribeFrames).toEqual([]);
    expect(plan.name).toBe('binance:0');
  });

  it('splits many instruments across connections within 1024 streams and the URL budget, each instrument whole on one', () => {
    const registry = new InstrumentRegistry(binanceDialect.parseInstruments('/api/v3/exchangeInfo', session.recording.http.find((response) => response.url.endsWith('/exchangeInfo'))!.data));
    const instruments = registry.all();
    const plans = binanceDialect.planConnections(instruments);
    expect(plans.length).toBeGreaterThan(1);
    const seen = new Set<number>();
    for (const plan of plans) {
      const streams = plan.path.slice('/stream?streams='.length).split('/');
      expect(streams.length).toBeLessThanOrEqual(BINANCE_MAX_STREAMS_PER_CONNECTION);
      expect(plan.path.length).toBeLessThanOrEqual(BINANCE_MAX_PATH_LENGTH);
      expect(streams).toHaveLength(plan.instrumentIds.length * 3);
      for (const id of plan.instrumentIds) {
        const lower = registry.requireByNumericId(id).native.toLowerCase();
        expect(streams).toEqual(expect.arrayContaining([`${lower}@depth@100ms`, `${lower}@bookTicker`, `${lower}@aggTrade`]));
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
    }
    expect(seen.size).toBe(instruments.length);
    expect(binanceDialect.planConnections([])).toEqual([]);
  });

  it('lets ws answer the server pings, rotates before the 24 h disconnect, resyncs from the REST depth', () => {
    expect(binanceDialect.heartbeat).toEqual({ kind: 'none' });
    const day = 24 * 60 * 60 * 1000;
    expect(binanceDialect.maxConnectionLifetimeMs).toBeLessThan(day);
    expect(binanceDialect.maxConnectionLifetimeMs).toBeGreaterThan(day - 60 * 60 * 1000);
    expect(binanceDialect.resyncPlan(session.recorded[0]!)).toEqual({ kind: 'rest-snapshot', path: `/api/v3/depth?symbol=${session.recorded[0]!.native}&limit=1000` });
    // The recorder asked for exactly this path.
    expect(session.recording.http.some((response) => response.url.endsWith(`/api/v3/depth?symbol=${session.recorded[0]!.native}&limit=1000`))).toBe(true);
  });
});
