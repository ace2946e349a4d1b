// A connection's Coinbase subscriptions and the client messages that change them.
import { describe, expect, it } from 'vitest';
import { parseClientRequest } from '../../../../../src/sim/dialects/coinbase/public-ws/client-request.js';
import { SubscriptionSet } from '../../../../../src/sim/dialects/coinbase/public-ws/subscription-set.js';

describe('SubscriptionSet', () => {
  it('reports channels in name order, heartbeats under its own name, as the recorded subscriptions messages', () => {
    const set = new SubscriptionSet();
    set.add('market_trades', ['BTC-USD', 'ETH-USD']);
    set.add('level2', ['BTC-USD', 'ETH-USD']);
    set.add('heartbeats', ['BTC-USD', 'ETH-USD']);
    expect(set.event()).toBe('{"subscriptions":{"heartbeats":["heartbeats"],"level2":["BTC-USD","ETH-USD"],"market_trades":["BTC-USD","ETH-USD"]}}');
  });

  it('drops products on unsubscribe, and a channel with none left; unknown ones are ignored', () => {
    const set = new SubscriptionSet();
    set.add('level2', ['BTC-USD', 'ETH-USD']);
    set.remove('level2', ['BTC-USD', 'SOL-USD']);
    expect(set.has('level2', 'BTC-USD')).toBe(false);
    expect(set.has('level2', 'ETH-USD')).toBe(true);
    set.remove('level2', ['ETH-USD']);
    expect(set.hasChannel('level2')).toBe(false);
    expect(set.event()).toBe('{"subscriptions":{}}');
  });

  it('keeps a channel subscribed for every product (user, no product_ids) until it is unsubscribed', () => {
    const set = new SubscriptionSet();
    set.add('user', []);
    expect(set.hasChannel('user')).toBe(true);
    expect(set.event()).toBe('{"subscriptions":{"user":[]}}');
    set.remove('user', []);
    expect(set.hasChannel('user')).toBe(false);
  });
});

describe('parseClientRequest', () => {
  it('reads a subscribe as the adapter sends it', () => {
    expect(parseClientRequest('{"type":"subscribe","product_ids":["BTC-USD","BTC-USD","ETH-USD"],"channel":"level2"}')).toEqual({
      ok: true,
      request: { type: 'subscribe', channel: 'level2', productIds: ['BTC-USD', 'ETH-USD'], jwt: null },
    });
  });

  it('reads the jwt of a user subscribe; product_ids may be absent', () => {
    expect(parseClientRequest('{"type":"subscribe","channel":"user","jwt":"a.b.c"}')).toEqual({ ok: true, request: { type: 'subscribe', channel: 'user', productIds: [], jwt: 'a.b.c' } });
  });

  it('refuses what is not a subscribe or unsubscribe with one channel', () => {
    expect(parseClientRequest('not json').ok).toBe(false);
    expect(parseClientRequest('{"type":"hello","channel":"level2"}').ok).toBe(false);
    expect(parseClientRequest('{"type":"subscribe","channels":["level2"]}').ok).toBe(false);
    expect(parseClientRequest('{"type":"subscribe","channel":"level2","product_ids":"BTC-USD"}').ok).toBe(false);
  });
});
