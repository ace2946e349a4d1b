// OrdersWsSession: sequence numbers taken on write and continued across links, kept events bounded (oldest dropped, counted), LogonAck first; options validation.
import { describe, expect, it } from 'vitest';
import type { OrdersWsFrame, WsResponseBody } from '../../../../src/gateway/orders-ws/orders-ws-frames.js';
import { resolveOrdersRouteOptions } from '../../../../src/gateway/orders-ws/orders-ws-options.js';
import { OrdersWsSession, type OrdersWsLink } from '../../../../src/gateway/orders-ws/orders-ws-session.js';
import type { OrderEntryHandler } from '../../../../src/gateway/orders/order-entry-handler.js';
import { createSimOrderEntryHandler } from '../../../../src/gateway/orders/sim-order-entry-handler.js';
import { createSimExchange } from '../../../../src/sim/exchange/sim-exchange.js';

/** A link that records frames and can be made to fail after `capacity` sends. */
class RecordingLink implements OrdersWsLink {
  readonly frames: OrdersWsFrame[] = [];
  constructor(private capacity = Number.POSITIVE_INFINITY) {}
  send(frame: OrdersWsFrame): boolean {
    if (this.capacity-- <= 0) return false;
    this.frames.push(frame);
    return true;
  }
}

const reject = (text: string): WsResponseBody => ({ kind: 'reject', reason: 'malformed', text });

describe('OrdersWsSession', () => {
  it('keeps events while detached, drops the oldest past the limit, and writes them after LogonAck with continuing numbers', () => {
    const counted: boolean[] = [];
    const session = new OrdersWsSession('ws:k', 'k', 'acct', 2, (dropped) => counted.push(dropped));
    const first = new RecordingLink();
    session.attach(first, 1n, 100, 'inst');
    session.deliver(5n, reject('live'));
    expect(first.frames.map((frame) => [frame.seq, frame.requestId, frame.body.kind])).toEqual([
      [1n, 1n, 'logonAck'],
      [2n, 5n, 'reject'],
    ]);
    session.detach(first);
    for (const text of ['a', 'b', 'c']) session.deliver(0n, reject(text));
    expect(counted).toEqual([false, false, true]);

    const second = new RecordingLink();
    session.attach(second, 7n, 200, 'inst');
    expect(second.frames.map((frame) => [frame.seq, frame.requestId])).toEqual([
      [3n, 7n],
      [4n, 0n],
      [5n, 0n],
    ]);
    expect(second.frames[0]!.body).toEqual({ kind: 'logonAck', owner: 'ws:k', accountId: 'acct', serverTimeMs: 200, pendingEvents: 2, droppedEvents: 1, serverInstance: 'inst' });
    expect(second.frames.slice(1).map((frame) => (frame.body as { text: string }).text)).toEqual(['b', 'c']);
  });

  it('keeps what it could not flush when the link breaks during the flush', () => {
    const session = new OrdersWsSession('ws:k', 'k', 'acct', 10, () => undefined);
    for (const text of ['a', 'b', 'c']) session.deliver(0n, reject(text));
    // LogonAck and 'a' go out, 'b' breaks the link (its number is spent), 'c' is kept.
    session.attach(new RecordingLink(2), 1n, 0, 'inst');
    expect(session.isConnected).toBe(false);
    expect(session.pendingCount).toBe(1);
    const next = new RecordingLink();
    session.attach(next, 2n, 0, 'inst');
    expect(next.frames.map((frame) => frame.seq)).toEqual([4n, 5n]);
    expect((next.frames[1]!.body as { text: string }).text).toBe('c');
  });
});

describe('resolveOrdersRouteOptions', () => {
  const handler = createSimOrderEntryHandler({ exchange: createSimExchange({ venue: 'binance', seed: 1, startMs: Date.UTC(2025, 0, 2) }) });
  const credentials = (): undefined => undefined;

  it('applies the defaults', () => {
    expect(resolveOrdersRouteOptions({ handler, credentials })).toMatchObject({ compId: 'ZVT', logonTimeoutMs: 10_000, maxMessageBytes: 65_536, maxPendingEvents: 10_000 });
  });

  it('refuses bad values with ZVT_ERR_ORDERS_WS_OPTIONS and the rule broken', () => {
    expect(() => resolveOrdersRouteOptions({ handler, credentials, maxPendingEvents: 0 })).toThrow('/v1/orders option maxPendingEvents must be a positive integer, got 0');
    expect(() => resolveOrdersRouteOptions({ handler, credentials, compId: 'has space' })).toThrow(/compId/);
    expect(() => resolveOrdersRouteOptions({ handler: {} as OrderEntryHandler, credentials })).toThrow(expect.objectContaining({ code: 'ZVT_ERR_ORDERS_WS_OPTIONS' }));
  });
});
