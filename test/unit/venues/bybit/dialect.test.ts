// The Bybit dialect: connection plans per category within the documented subscription limits, heartbeat, lifetime.
import { beforeAll, describe, expect, it } from 'vitest';
import { BYBIT_ARGS_CHARACTERS_PER_CONNECTION, BYBIT_ARGS_PER_REQUEST } from '../../../../src/actors/venues/bybit/connection-plan.js';
import { bybitDialect } from '../../../../src/actors/venues/bybit/dialect.js';
import { ZVT_ERR_BYBIT_PLAN } from '../../../../src/actors/venues/bybit/errors.js';
import { BYBIT_URLS } from '../../../../src/actors/venues/bybit/urls.js';
import { InstrumentRegistry, type Instrument } from '../../../../src/model/index.js';
import { loadBybitSession, type BybitSession } from './bybit-session.js';

let session: BybitSession;
beforeAll(async () => {
  session = await loadBybitSession();
});

function argsOf(frames: readonly string[]): string[] {
  return frames.flatMap((frame) => {
    const request = JSON.parse(frame) as { op: string; args: string[] };
    expect(request.op).toBe('subscribe');
    expect(request.args.length).toBeGreaterThan(0);
    expect(request.args.length).toBeLessThanOrEqual(BYBIT_ARGS_PER_REQUEST);
    return request.args;
  });
}

describe('bybitDialect.planConnections', () => {
  it('the recorded instruments: one linear and one spot connection, each with its own symbols and topics', () => {
    const plans = bybitDialect.planConnections(session.recorded);
    expect(plans.map((plan) => plan.path).sort()).toEqual([BYBIT_URLS.linearStreamPath, BYBIT_URLS.spotStreamPath]);
    for (const plan of plans) {
      const instruments = plan.instrumentIds.map((id) => session.registry.requireByNumericId(id));
      const spot = plan.path === BYBIT_URLS.spotStreamPath;
      expect(instruments.every((instrument) => (instrument.kind === 'spot') === spot)).toBe(true);
      expect(new Set(instruments.map((instrument) => instrument.native)).size).toBe(instruments.length);
      const expected = instruments.flatMap((instrument) => [`orderbook.200.${instrument.native}`, `publicTrade.${instrument.native}`, ...(spot ? [] : [`tickers.${instrument.native}`])]);
      expect(argsOf(plan.subscribeFrames).sort()).toEqual(expected.sort());
      // The recorder's own subscriptions on that connection covered the same book and trade topics.
      const recorded = session.recording.connections.find((connection) => connection.address.endsWith(plan.path))!;
      const recordedTopics = recorded.frames.filter((frame) => frame.direction === 'send').flatMap((frame) => (JSON.parse(frame.data) as { args: string[] }).args);
      for (const topic of expected) expect(recordedTopics).toContain(topic);
    }
    const carried = plans.flatMap((plan) => plan.instrumentIds).sort((a, b) => a - b);
    expect(carried).toEqual(session.recorded.map((instrument) => instrument.numericId).sort((a, b) => a - b));
  });

  it('every listed instrument: several connections per category, none past the args limit, each instrument once', () => {
    const all = session.registry.all();
    const plans = bybitDialect.planConnections(all);
    for (const path of [BYBIT_URLS.linearStreamPath, BYBIT_URLS.spotStreamPath]) expect(plans.filter((plan) => plan.path === path).length).toBeGreaterThan(1);
    const names = plans.map((plan) => plan.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('bybit:linear:0');
    expect(names).toContain('bybit:spot:0');
    for (const plan of plans) {
      const args = argsOf(plan.subscribeFrames);
      expect(JSON.stringify(args).length).toBeLessThanOrEqual(BYBIT_ARGS_CHARACTERS_PER_CONNECTION);
      // Within a few topics of the limit: connections are filled, not split needlessly (except the last of a category).
      const last = plans.filter((other) => other.path === plan.path).at(-1) === plan;
      if (!last) expect(JSON.stringify(args).length).toBeGreaterThan(BYBIT_ARGS_CHARACTERS_PER_CONNECTION - 200);
    }
    expect(plans.flatMap((plan) => plan.instrumentIds).sort((a, b) => a - b)).toEqual(all.map((instrument) => instrument.numericId));
  });

  it('rejects another venue\'s instrument', () => {
    const registry = new InstrumentRegistry([{ venue: 'okx', kind: 'spot', base: 'BTC', quote: 'USDT', native: 'BTC-USDT', tickSize: '0.1', lotSize: '0.00000001' }]);
    const foreign: Instrument = registry.all()[0]!;
    expect(() => bybitDialect.planConnections([foreign])).toThrow(expect.objectContaining({ code: ZVT_ERR_BYBIT_PLAN }));
  });

  it('heartbeat is a text ping every 20 s, with no planned rotation and no REST snapshot procedure', () => {
    expect(bybitDialect.venue).toBe('bybit');
    expect(bybitDialect.heartbeat).toEqual({ kind: 'text', intervalMs: 20_000, frame: '{"op":"ping"}' });
    expect(bybitDialect.maxConnectionLifetimeMs).toBeNull();
    expect('parseRestSnapshot' in bybitDialect).toBe(false);
    expect(bybitDialect.createSync()).not.toBe(bybitDialect.createSync());
  });
});
