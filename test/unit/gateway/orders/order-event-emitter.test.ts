// OrderEventEmitter: execution ids, the handler's clock, refusal events, and what a throwing listener does with and without an error hook.
import { describe, expect, it } from 'vitest';
import type { OrderEntryEvent } from '../../../../src/gateway/orders/order-entry-handler.js';
import { OrderEventEmitter } from '../../../../src/gateway/orders/order-event-emitter.js';
import { orderStateOf } from '../../../../src/gateway/orders/order-record.js';
import { REQUESTER, spec, testOrder, type TestOrder } from './order-bookkeeping-fixtures.js';

function stateOf(order: TestOrder): ReturnType<typeof orderStateOf> {
  return orderStateOf(order, { orderId: '7', price: order.price, quantity: order.quantity, cumulativeQuantity: '0', leavesQuantity: order.quantity, averagePrice: '0' });
}

function emitterWith(onListenerError?: (error: unknown) => void): { emitter: OrderEventEmitter<TestOrder>; events: OrderEntryEvent[] } {
  const emitter = new OrderEventEmitter<TestOrder>({ now: () => 42, stateOf, ...(onListenerError === undefined ? {} : { onListenerError }) });
  const events: OrderEntryEvent[] = [];
  emitter.subscribe((event) => events.push(event));
  return { emitter, events };
}

describe('OrderEventEmitter', () => {
  it('stamps events with owner, account, the clock and execution ids unique within the emitter', () => {
    const { emitter } = emitterWith();
    const first = emitter.stamp(REQUESTER);
    const second = emitter.stamp(REQUESTER);
    expect(first).toMatchObject({ owner: 'CLIENT1', accountId: 'acct-1', tsMs: 42 });
    expect(first.executionId).toMatch(/^[0-9a-z]+-1$/);
    expect(second.executionId).toBe(first.executionId.replace(/-1$/, '-2'));
  });

  it('reports a refused order as sent, with nothing filled, and a cancel refusal with or without the order', () => {
    const { emitter, events } = emitterWith();
    emitter.rejected(REQUESTER, spec({ clientOrderId: 'A1' }), 'invalid_price', 'off the grid', 'L1');
    const order = testOrder('A1');
    emitter.cancelRejected(REQUESTER, 'cancel', 'C1', 'A1', order, 'too_late', 'The order is filled');
    emitter.cancelRejected(REQUESTER, 'replace', 'C2', 'X', null, 'unknown_order', 'Unknown order X');
    expect(events[0]).toMatchObject({
      kind: 'rejected',
      reason: 'invalid_price',
      text: 'off the grid',
      order: { orderId: null, clientOrderId: 'A1', listId: 'L1', status: 'rejected', price: '80000', quantity: '0.5', cumulativeQuantity: '0', leavesQuantity: '0', averagePrice: '0', updatedMs: 42 },
    });
    expect(events[1]).toMatchObject({ kind: 'cancel_rejected', responseTo: 'cancel', clientOrderId: 'C1', origClientOrderId: 'A1', reason: 'too_late', order: { orderId: '7', status: 'new' } });
    expect(events[2]).toMatchObject({ kind: 'cancel_rejected', responseTo: 'replace', order: null, reason: 'unknown_order' });
  });

  it('reports an order ended with its text', () => {
    const { emitter, events } = emitterWith();
    const order = testOrder('A1');
    order.status = 'expired';
    emitter.ended(order, 'expired', order, 'Unfilled remainder expired');
    expect(events).toMatchObject([{ kind: 'expired', owner: 'CLIENT1', text: 'Unfilled remainder expired', order: { status: 'expired', leavesQuantity: '0.5' } }]);
  });

  it('with an error hook, a throwing listener is reported and the others still get the event', () => {
    const errors: unknown[] = [];
    const { emitter, events } = emitterWith((error) => errors.push(error));
    const boom = new Error('listener bug');
    emitter.subscribe(() => {
      throw boom;
    });
    const late: OrderEntryEvent[] = [];
    emitter.subscribe((event) => late.push(event));
    emitter.rejected(REQUESTER, spec({ clientOrderId: 'A1' }), 'unsupported', 'no');
    expect(errors).toEqual([boom]);
    expect(events).toHaveLength(1);
    expect(late).toHaveLength(1);
  });

  it('without an error hook, a throwing listener throws to the caller; removed and cleared listeners get nothing', () => {
    const { emitter, events } = emitterWith();
    const remove = emitter.subscribe(() => {
      throw new Error('listener bug');
    });
    expect(() => emitter.rejected(REQUESTER, spec({ clientOrderId: 'A1' }), 'unsupported', 'no')).toThrow('listener bug');
    remove();
    emitter.rejected(REQUESTER, spec({ clientOrderId: 'A2' }), 'unsupported', 'no');
    expect(events).toHaveLength(2);
    emitter.clear();
    emitter.rejected(REQUESTER, spec({ clientOrderId: 'A3' }), 'unsupported', 'no');
    expect(events).toHaveLength(2);
  });
});
