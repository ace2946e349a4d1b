// OCO bookkeeping shared by the handlers: refusing a list as a whole, triggering a group once; and the simulator handler's deferred cancels.
import { describe, expect, it } from 'vitest';
import { newOcoGroup, refuseOcoList, triggerOco } from '../../../../src/gateway/orders/oco-lists.js';
import type { OrderListRequest, OrderRejectReason, OrderSpec } from '../../../../src/gateway/orders/order-entry-handler.js';
import type { OrderRefusal } from '../../../../src/gateway/orders/order-request-checks.js';
import { DeferredOcoCancels } from '../../../../src/gateway/orders/sim-oco-cancels.js';
import { REQUESTER, spec, testOrder, type TestOrder } from './order-bookkeeping-fixtures.js';

function list(orders: OrderSpec[]): OrderListRequest {
  return { ...REQUESTER, listId: 'L1', contingency: 'oco', orders };
}

function refusals(request: OrderListRequest, checkNew: (leg: OrderSpec) => OrderRefusal | null = () => null): { refused: boolean; rows: string[] } {
  const rows: string[] = [];
  const reject = (leg: OrderSpec, reason: OrderRejectReason, text: string): void => void rows.push(`${leg.clientOrderId}:${reason}:${text}`);
  return { refused: refuseOcoList(request, checkNew, reject), rows };
}

function group(): [TestOrder, TestOrder] {
  const oco = newOcoGroup<TestOrder>('L1');
  oco.legs.push(testOrder('A1', REQUESTER, oco), testOrder('A2', REQUESTER, oco));
  return [oco.legs[0]!, oco.legs[1]!];
}

describe('refuseOcoList', () => {
  it('passes a list of two valid orders with distinct ids', () => {
    expect(refusals(list([spec({ clientOrderId: 'A1' }), spec({ clientOrderId: 'A2' })]))).toEqual({ refused: false, rows: [] });
  });

  it('refuses every leg of a list that is not two orders, or names one id twice', () => {
    expect(refusals(list([spec({ clientOrderId: 'A1' })])).rows).toEqual(['A1:list_rejected:An OCO list has exactly two orders, not 1']);
    expect(refusals(list([spec({ clientOrderId: 'A1' }), spec({ clientOrderId: 'A1' })])).rows).toEqual([
      'A1:list_rejected:The orders of a list need distinct ClOrdIDs',
      'A1:list_rejected:The orders of a list need distinct ClOrdIDs',
    ]);
  });

  it('refuses the invalid leg with its reason and the other as list_rejected', () => {
    const checkNew = (leg: OrderSpec): OrderRefusal | null => (leg.clientOrderId === 'A2' ? { reason: 'invalid_price', text: 'off the grid' } : null);
    expect(refusals(list([spec({ clientOrderId: 'A1' }), spec({ clientOrderId: 'A2' })]), checkNew)).toEqual({
      refused: true,
      rows: ['A1:list_rejected:OCO: the other order of the list was rejected', 'A2:invalid_price:off the grid'],
    });
  });
});

describe('triggerOco', () => {
  it('cancels the other legs the first time only', () => {
    const [first, second] = group();
    const canceled: string[] = [];
    expect(triggerOco(first, (other) => canceled.push(other.clientOrderId))).toBe(true);
    expect(triggerOco(second, (other) => canceled.push(other.clientOrderId))).toBe(false);
    expect(canceled).toEqual(['A2']);
    expect(triggerOco(testOrder('B1'), () => canceled.push('never'))).toBe(false);
  });
});

describe('DeferredOcoCancels', () => {
  it('issues the cancels at drain(), not inside trigger()', () => {
    const [first] = group();
    const canceled: string[] = [];
    const cancels = new DeferredOcoCancels<TestOrder>((order, text) => canceled.push(`${order.clientOrderId}:${text}`));
    cancels.trigger(first, 'OCO: the other order of the list executed');
    expect(canceled).toEqual([]);
    cancels.drain();
    expect(canceled).toEqual(['A2:OCO: the other order of the list executed']);
  });

  it('drains by itself at the next microtask when no request drains it', async () => {
    const [, second] = group();
    const canceled: string[] = [];
    const cancels = new DeferredOcoCancels<TestOrder>((order) => canceled.push(order.clientOrderId));
    cancels.trigger(second, 'OCO: the other order of the list was canceled');
    cancels.trigger(second, 'again');
    await Promise.resolve();
    expect(canceled).toEqual(['A1']);
  });
});
