// /v1/orders across connections: events of a disconnected key are kept and delivered after its next Logon with continuing sequence numbers; a full queue drops the oldest and says so; a slow client is closed (4008).
import { afterEach, describe, expect, it } from 'vitest';
import type { OrdersWsFrame, WsResponseBody } from '../../../../src/gateway/orders-ws/orders-ws-frames.js';
import { COUNTERPARTY, OrdersWsTestVenue, TRADER } from './orders-ws-test-venue.js';

type Report = Extract<WsResponseBody, { kind: 'executionReport' }>;

let venue: OrdersWsTestVenue | null = null;

afterEach(async () => {
  await venue?.close();
  venue = null;
});

/** Waits (polling) for the gateway to notice a dropped connection. */
async function untilNoSession(): Promise<void> {
  while (venue!.gateway.orders!.stats().sessions > 0) await new Promise((resolve) => setTimeout(resolve, 10));
}

function counterpartyBuys(priceTicks: number, sizeLots: number): void {
  const result = venue!.exchange.placeOrder(COUNTERPARTY.accountId, { canonical: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'IOC', postOnly: false, priceTicks, sizeLots });
  expect(result.ok).toBe(true);
}

describe('/v1/orders reconnect', () => {
  it('delivers a fill that happened while the key was disconnected right after the next LogonAck', async () => {
    venue = await OrdersWsTestVenue.start();
    const { ask, price } = venue.venue.touch();
    const first = await venue.client();
    first.placeOrder(venue.limit('away-1', 'sell', '0.002', price(ask - 1)));
    const accepted = await first.waitFor((frame) => frame.body.kind === 'executionReport' && frame.body.execType === 'new');
    expect(accepted.seq).toBe(2n);
    first.terminate();
    await untilNoSession();

    counterpartyBuys(ask - 1, 100);
    expect(venue.gateway.orders!.stats()).toMatchObject({ eventsQueued: 1, eventsDropped: 0 });

    const second = await venue.client();
    const [ack, trade] = second.received;
    // The sequence continues from the first connection: 3 follows the 2 it saw, so nothing was lost in flight.
    expect(ack!.seq).toBe(3n);
    expect(ack!.body).toMatchObject({ kind: 'logonAck', pendingEvents: 1, droppedEvents: 0 });
    const filled = trade ?? (await second.waitFor((frame) => frame.body.kind === 'executionReport'));
    expect(filled.seq).toBe(4n);
    expect(filled.requestId).toBe(0n);
    expect(filled.body).toMatchObject({ kind: 'executionReport', execType: 'trade', fill: { quantity: '0.001', price: price(ask - 1) }, order: { clientOrderId: 'away-1', status: 'partially_filled' } });
    // The status request answers the same, as the fallback for anything missed.
    const statusId = second.status({ clientOrderId: 'away-1', symbol: 'BTC-USDT', side: 'sell' });
    const status = (await second.waitFor((frame) => frame.requestId === statusId)).body as Report;
    expect(status.order).toMatchObject({ cumulativeQuantity: '0.001', leavesQuantity: '0.001' });
  });

  it('keeps at most maxPendingEvents, drops the oldest, and reports the count in LogonAck', async () => {
    venue = await OrdersWsTestVenue.start({ maxPendingEvents: 2 });
    const { ask, price } = venue.venue.touch();
    const first = await venue.client();
    // Three orders at one price just inside the ask: time priority a, b, c.
    for (const id of ['a', 'b', 'c']) first.placeOrder(venue.limit(id, 'sell', '0.001', price(ask - 1)));
    await first.waitFor((frame) => frame.body.kind === 'executionReport' && frame.body.order.clientOrderId === 'c');
    first.terminate();
    await untilNoSession();

    // One sweep fills all three: three Trade events for a key without a connection.
    counterpartyBuys(ask - 1, 300);
    expect(venue.gateway.orders!.stats()).toMatchObject({ eventsQueued: 3, eventsDropped: 1 });
    const second = await venue.client();
    await second.waitFor((frame) => frame.body.kind === 'executionReport' && frame.body.order.clientOrderId === 'c');
    const bodies = second.received.map((frame: OrdersWsFrame) => frame.body);
    expect(bodies[0]).toMatchObject({ kind: 'logonAck', pendingEvents: 2, droppedEvents: 1 });
    expect(bodies.slice(1).map((body) => (body as Report).order.clientOrderId)).toEqual(['b', 'c']);
    expect(venue.exchange.openOrders(TRADER.accountId)).toEqual([]);
  });

  it('closes a client that stops reading once the server holds more than maxBufferedBytes for it (4008)', async () => {
    venue = await OrdersWsTestVenue.start({ maxBufferedBytes: 64 * 1024 });
    const client = await venue.client();
    client.pause();
    // Status answers (~300 bytes each) fill the kernel's socket buffers, then the server's.
    for (let index = 0; index < 60_000 && venue.gateway.orders!.stats().slowConsumerCloses === 0; index++) {
      client.status({ clientOrderId: `none-${index}`, symbol: 'BTC-USDT', side: 'buy' });
      if (index % 2_000 === 1_999) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    client.resume();
    const closed = await client.closed;
    expect(closed).toEqual({ code: 4008, reason: 'slow consumer' });
    expect(venue.gateway.orders!.stats()).toMatchObject({ slowConsumerCloses: 1, connections: 0 });
    // Every frame it did receive is in sequence; the key logs on again and the sequence moves on.
    expect(client.received.map((frame) => frame.seq)).toEqual(client.received.map((_, index) => BigInt(index + 1)));
    const again = await venue.client();
    expect(again.received[0]!.seq).toBeGreaterThan(BigInt(client.received.length));
  });
});
