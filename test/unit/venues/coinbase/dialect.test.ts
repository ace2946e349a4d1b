// The Coinbase dialect: connection plans within the subscription rules, heartbeat, resync plan.
import { beforeAll, describe, expect, it } from 'vitest';
import { coinbaseDialect, PRODUCTS_PER_CONNECTION } from '../../../../src/actors/venues/coinbase/dialect.js';
import { parseReference } from '../../../../src/actors/venues/coinbase/parse.js';
import { parseFast } from '../../../../src/actors/venues/coinbase/scan.js';
import { CoinbaseBookSync } from '../../../../src/actors/venues/coinbase/sync.js';
import { COINBASE_URLS } from '../../../../src/actors/venues/coinbase/urls.js';
import { InstrumentRegistry } from '../../../../src/model/instrument-registry.js';
import { loadCoinbaseSession, type CoinbaseSession } from './coinbase-session.js';

interface Subscription {
  type: string;
  product_ids: string[];
  channel: string;
}

let session: CoinbaseSession;

beforeAll(async () => {
  session = await loadCoinbaseSession();
});

describe('coinbaseDialect', () => {
  it('subscribes each connection to heartbeats, level2, market_trades and ticker, one channel per message, as the recorder did', () => {
    const [plan, ...others] = coinbaseDialect.planConnections(session.subscribed);
    expect(others).toEqual([]);
    expect(plan!.path).toBe(COINBASE_URLS.webSocketPath);
    expect(plan!.instrumentIds).toEqual(session.subscribed.map((instrument) => instrument.numericId));
    const frames = plan!.subscribeFrames.map((frame) => JSON.parse(frame) as Subscription);
    expect(frames.map((frame) => frame.channel)).toEqual(['heartbeats', 'level2', 'market_trades', 'ticker']);
    // The recorder's own subscriptions for these channels were the same messages.
    const recorded = session.sent.map((frame) => JSON.parse(frame) as Subscription);
    for (const frame of frames) expect(recorded).toContainEqual(frame);
  });

  it('spreads many products over connections of at most PRODUCTS_PER_CONNECTION, each product once', () => {
    const instruments = session.registry.all().slice(0, 2 * PRODUCTS_PER_CONNECTION + 3);
    const plans = coinbaseDialect.planConnections(instruments);
    expect(plans.map((plan) => plan.instrumentIds.length)).toEqual([PRODUCTS_PER_CONNECTION, PRODUCTS_PER_CONNECTION, 3]);
    expect(new Set(plans.map((plan) => plan.name)).size).toBe(plans.length);
    expect(plans.flatMap((plan) => plan.instrumentIds)).toEqual(instruments.map((instrument) => instrument.numericId));
    for (const plan of plans) {
      const natives = plan.instrumentIds.map((id) => session.registry.requireByNumericId(id).native);
      for (const frame of plan.subscribeFrames) expect((JSON.parse(frame) as Subscription).product_ids).toEqual(natives);
    }
    expect(coinbaseDialect.planConnections([])).toEqual([]);
  });

  it('refuses instruments of other venues', () => {
    const registry = new InstrumentRegistry([{ venue: 'bybit', kind: 'spot', base: 'BTC', quote: 'USDT', native: 'BTCUSDT', tickSize: '0.01', lotSize: '0.000001' }]);
    expect(() => coinbaseDialect.planConnections(registry.all())).toThrow(expect.objectContaining({ code: 'ZVT_ERR_COINBASE_ARGUMENT' }) as Error);
  });

  it('resyncs one product by unsubscribing and resubscribing its level2 channel', () => {
    const btc = session.subscribed.find((instrument) => instrument.native === 'BTC-USD')!;
    expect(coinbaseDialect.resyncPlan(btc)).toEqual({
      kind: 'resubscribe',
      frames: ['{"type":"unsubscribe","product_ids":["BTC-USD"],"channel":"level2"}', '{"type":"subscribe","product_ids":["BTC-USD"],"channel":"level2"}'],
    });
  });

  it('relies on the venue heartbeats channel, plans no rotation, and wires its parsers and a fresh sync per connection', () => {
    expect(coinbaseDialect.venue).toBe('coinbase');
    expect(coinbaseDialect.heartbeat).toEqual({ kind: 'none' });
    expect(coinbaseDialect.maxConnectionLifetimeMs).toBeNull();
    expect(coinbaseDialect).toMatchObject({ parseReference, parseFast });
    expect('parseRestSnapshot' in coinbaseDialect).toBe(false);
    const sync = coinbaseDialect.createSync();
    expect(sync).toBeInstanceOf(CoinbaseBookSync);
    expect(coinbaseDialect.createSync()).not.toBe(sync);
  });
});
