// The OKX VenueDialect: connection plans within the documented limits, resubscribe resync, heartbeat, wiring of the parts.
import { describe, expect, it } from 'vitest';
import { NativeSymbolResolver } from '../../../../src/actors/venues/common/symbol-resolver.js';
import { okxDialect } from '../../../../src/actors/venues/okx/dialect.js';
import type { OkxSubscriptionRequest } from '../../../../src/actors/venues/okx/messages.js';
import { parseReference } from '../../../../src/actors/venues/okx/parse.js';
import { parseFast } from '../../../../src/actors/venues/okx/scan.js';
import { OKX_MAX_SUBSCRIBE_FRAME_BYTES, subscriptionFrames } from '../../../../src/actors/venues/okx/subscriptions.js';
import { OkxBookSync } from '../../../../src/actors/venues/okx/sync.js';
import { OKX_URLS } from '../../../../src/actors/venues/okx/urls.js';
import type { InstrumentDefinition } from '../../../../src/model/instrument.js';
import { InstrumentRegistry } from '../../../../src/model/instrument-registry.js';

function registryOf(count: number): InstrumentRegistry {
  const definitions: InstrumentDefinition[] = Array.from({ length: count }, (_, index) => ({
    venue: 'okx',
    kind: 'spot',
    base: `C${index}`,
    quote: 'USDT',
    native: `C${index}-USDT`,
    tickSize: '0.01',
    lotSize: '0.001',
  }));
  return new InstrumentRegistry(definitions);
}

const requestOf = (frame: string) => JSON.parse(frame) as OkxSubscriptionRequest;

describe('okxDialect', () => {
  it('is the OKX venue with its parsers, a fresh sync per connection, a 25 s text ping and no forced lifetime', () => {
    expect(okxDialect.venue).toBe('okx');
    expect(okxDialect).toMatchObject({ parseReference, parseFast });
    expect('parseRestSnapshot' in okxDialect).toBe(false);
    const first = okxDialect.createSync();
    expect(first).toBeInstanceOf(OkxBookSync);
    expect(okxDialect.createSync()).not.toBe(first);
    expect(okxDialect.heartbeat).toEqual({ kind: 'text', intervalMs: 25_000, frame: 'ping' });
    expect(okxDialect.maxConnectionLifetimeMs).toBeNull();
    expect(OKX_URLS.webSocketBaseUrl + OKX_URLS.publicWebSocketPath).toBe('wss://ws.okx.com:8443/ws/v5/public');
  });

  it('plans one public connection per 29 instruments, each subscribing books, trades and bbo-tbt for exactly its instruments', () => {
    const registry = registryOf(60);
    const plans = okxDialect.planConnections(registry.all());
    expect(plans.map((plan) => [plan.name, plan.path, plan.instrumentIds.length])).toEqual([
      ['okx:public:0', '/ws/v5/public', 29],
      ['okx:public:1', '/ws/v5/public', 29],
      ['okx:public:2', '/ws/v5/public', 2],
    ]);
    expect(plans.flatMap((plan) => plan.instrumentIds)).toEqual(registry.all().map((instrument) => instrument.numericId));
    for (const plan of plans) {
      expect(plan.subscribeFrames).toHaveLength(1);
      const request = requestOf(plan.subscribeFrames[0]!);
      expect(request.op).toBe('subscribe');
      const natives = plan.instrumentIds.map((id) => registry.requireByNumericId(id).native);
      expect(request.args).toEqual(natives.flatMap((instId) => ['books', 'trades', 'bbo-tbt'].map((channel) => ({ channel, instId }))));
      // The connection's resolver is built from exactly these natives; none is listed twice.
      expect(() => new NativeSymbolResolver(natives.map((native, index) => [native, index] as const))).not.toThrow();
    }
    expect(okxDialect.planConnections([])).toEqual([]);
  });

  it('cuts subscribe frames below 64 KB, keeping every argument once and in order', () => {
    const channelArguments = Array.from({ length: 3000 }, (_, index) => ({ channel: 'books', instId: `VERYLONGASSETNAME${index}-USDT-SWAP` }));
    const frames = subscriptionFrames('subscribe', channelArguments);
    expect(frames.length).toBeGreaterThan(1);
    for (const frame of frames) expect(frame.length).toBeLessThanOrEqual(OKX_MAX_SUBSCRIBE_FRAME_BYTES);
    expect(frames.flatMap((frame) => requestOf(frame).args)).toEqual(channelArguments);
    expect(subscriptionFrames('subscribe', [])).toEqual([]);
  });

  it('resynchronises one instrument by unsubscribing and resubscribing its books channel (OKX pushes a fresh snapshot)', () => {
    const instrument = registryOf(3).requireById('okx:C1-USDT');
    expect(okxDialect.resyncPlan(instrument)).toEqual({
      kind: 'resubscribe',
      frames: ['{"op":"unsubscribe","args":[{"channel":"books","instId":"C1-USDT"}]}', '{"op":"subscribe","args":[{"channel":"books","instId":"C1-USDT"}]}'],
    });
  });

  it('lists instruments through the instruments endpoint and parses its responses', () => {
    expect(okxDialect.instrumentRequests(['perpetual'])).toEqual(['/api/v5/public/instruments?instType=SWAP']);
    const body = JSON.stringify({ code: '0', msg: '', data: [{ instType: 'SPOT', instId: 'ETH-USDT', baseCcy: 'ETH', quoteCcy: 'USDT', tickSz: '0.01', lotSz: '0.000001', state: 'live' }] });
    expect(okxDialect.parseInstruments('/api/v5/public/instruments?instType=SPOT', body)).toEqual([
      { venue: 'okx', kind: 'spot', base: 'ETH', quote: 'USDT', native: 'ETH-USDT', tickSize: '0.01', lotSize: '0.000001' },
    ]);
  });
});
