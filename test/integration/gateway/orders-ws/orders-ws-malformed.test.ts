// /v1/orders refusals that keep the session alive: text, garbage, oversized, server-only bodies, missing and invalid fields each answered with a Reject; only frames past the hard limit close.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrdersWsClient } from '../../../../src/gateway/orders-ws/orders-ws-client.js';
import { OrdersWsEncoder } from '../../../../src/gateway/orders-ws/orders-ws-encoder.js';
import { OrdersWsTestVenue, TRADER } from './orders-ws-test-venue.js';

let venue: OrdersWsTestVenue;
let client: OrdersWsClient;
const MAX_MESSAGE_BYTES = 2048;

beforeEach(async () => {
  venue = await OrdersWsTestVenue.start({ maxMessageBytes: MAX_MESSAGE_BYTES });
  client = await venue.client();
});

afterEach(async () => {
  await venue.close();
});

/** The next frame after `count` received, then proof the session still answers. */
async function answerTo(send: () => void): Promise<unknown> {
  const before = client.received.length;
  send();
  const answer = await client.waitFor((frame) => client.received.indexOf(frame) >= before);
  const ping = client.ping();
  await client.waitFor((frame) => frame.requestId === ping && frame.body.kind === 'heartbeat');
  return { requestId: answer.requestId, ...answer.body };
}

describe('/v1/orders malformed input', () => {
  it('answers text, garbage, oversized and server-only frames with a Reject and keeps the session', async () => {
    expect(await answerTo(() => client.sendRaw('{"op":"order"}'))).toEqual({
      requestId: 0n,
      kind: 'reject',
      reason: 'text_frame',
      text: 'Order entry takes binary FlatBuffers frames only (schema/orders.fbs)',
    });
    expect(await answerTo(() => client.sendRaw(new Uint8Array([1, 2, 3])))).toMatchObject({ kind: 'reject', reason: 'malformed' });
    expect(await answerTo(() => client.sendRaw(Buffer.from('\u0008\u0000\u0000\u0000ZVTF\u0000\u0000\u0000\u0000')))).toMatchObject({ kind: 'reject', reason: 'malformed', text: 'The file identifier must be ZVTO' });
    expect(await answerTo(() => client.sendRaw(new Uint8Array(MAX_MESSAGE_BYTES + 1)))).toMatchObject({
      kind: 'reject',
      reason: 'too_large',
      text: `A frame may be at most ${MAX_MESSAGE_BYTES} bytes, got ${MAX_MESSAGE_BYTES + 1}`,
    });
    expect(await answerTo(() => client.send({ kind: 'reject', reason: 'malformed', text: 'x' }, 77n))).toEqual({
      requestId: 77n,
      kind: 'reject',
      reason: 'not_a_request',
      text: 'A client may not send reject',
    });
    expect(await answerTo(() => client.send({ kind: 'logon', apiKey: 'k', sendingTime: 't', signature: 's' }, 78n))).toMatchObject({ requestId: 78n, reason: 'already_logged_on' });
    expect(venue.gateway.orders!.stats()).toMatchObject({ rejects: 6, sessions: 1 });
  });

  it('refuses an order with a missing or malformed field before it reaches the venue', async () => {
    const good = venue.limit('bad-1', 'buy', '0.001', '60000');
    const cases: [Parameters<OrdersWsClient['send']>[0], string, string][] = [
      [{ kind: 'newOrder', order: null }, 'missing_field', 'order is required'],
      [{ kind: 'newOrder', order: { ...good, clientOrderId: '' } }, 'missing_field', 'order.client_order_id is required'],
      [{ kind: 'newOrder', order: { ...good, side: null } }, 'missing_field', 'side is required (Buy or Sell)'],
      [{ kind: 'newOrder', order: { ...good, price: null } }, 'missing_field', 'order.price is required'],
      [{ kind: 'newOrder', order: { ...good, quantity: '1e-3' } }, 'invalid_value', 'order.quantity "1e-3" is not decimal text (digits, optional fraction, no sign or exponent)'],
      [{ kind: 'newOrder', order: { ...good, quantity: '0.000' } }, 'invalid_value', 'order.quantity must be positive'],
      [{ kind: 'newOrder', order: { ...good, price: '-1' } }, 'invalid_value', 'order.price "-1" is not decimal text (digits, optional fraction, no sign or exponent)'],
      [{ kind: 'newOrder', order: { ...good, clientOrderId: 'x'.repeat(65) } }, 'invalid_value', 'order.client_order_id is longer than 64 characters'],
      [{ kind: 'cancel', clientOrderId: 'c', origClientOrderId: null, orderId: null, symbol: 'BTC-USDT', side: 'buy' }, 'missing_field', 'orig_client_order_id is required'],
      [{ kind: 'newOrderList', listId: 'l', contingency: null, orders: [good] }, 'missing_field', 'contingency is required (OCO)'],
      [{ kind: 'newOrderList', listId: 'l', contingency: 'oco', orders: [] }, 'missing_field', 'orders must hold at least one order'],
      [{ kind: 'statusRequest', clientOrderId: 'c', orderId: null, symbol: null, side: 'buy', statusRequestId: null }, 'missing_field', 'symbol is required'],
    ];
    for (const [body, reason, text] of cases) {
      expect(await answerTo(() => client.send(body))).toMatchObject({ kind: 'reject', reason, text });
    }
    expect(venue.exchange.openOrders(TRADER.accountId)).toEqual([]);
    // A market order's price is ignored, as in FIX.
    client.placeOrder({ ...good, clientOrderId: 'mkt', type: 'market', timeInForce: 'IOC', price: 'garbage' });
    await client.waitFor((frame) => frame.body.kind === 'executionReport' && frame.body.order.clientOrderId === 'mkt' && frame.body.order.status === 'filled');
  });

  it('answers an undefined enum value with invalid_value and its request id', async () => {
    const bytes = new OrdersWsEncoder().encode({ seq: 0n, requestId: 9n, body: { kind: 'newOrder', order: { ...venue.limit('e', 'buy', '1', '1'), timeInForce: 'FOK' } } }).slice();
    // FOK is 4: the only byte 4 in this frame outside offsets is the time_in_force field; try each until the server names it.
    const candidates = [...bytes.keys()].filter((index) => index >= 8 && bytes[index] === 4);
    let answer: unknown = null;
    for (const index of candidates) {
      const copy = bytes.slice();
      copy[index] = 2;
      const reply = (await answerTo(() => client.sendRaw(copy))) as { reason?: string; text?: string };
      if (reply.reason === 'invalid_value' && reply.text?.includes('time_in_force')) answer = reply;
    }
    expect(answer).toEqual({ requestId: 9n, kind: 'reject', reason: 'invalid_value', text: 'time_in_force has the value 2, which the schema does not define' });
  });

  it('leaves frames past the hard limit (16 × maxMessageBytes) to uWS, which closes the connection', async () => {
    client.sendRaw(new Uint8Array(MAX_MESSAGE_BYTES * 16 + 1));
    const closed = await client.closed;
    expect(closed.code).toBe(1006);
    // The gateway is unharmed.
    const again = await venue.client();
    const ping = again.ping();
    await again.waitFor((frame) => frame.requestId === ping);
  });
});
