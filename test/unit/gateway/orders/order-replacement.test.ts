// adoptReplacement: the order takes the replace request's id and terms, and its undo brings the old ones back.
import { describe, expect, it } from 'vitest';
import { ClientOrderRegistry } from '../../../../src/gateway/orders/client-order-registry.js';
import type { ReplaceOrderRequest } from '../../../../src/gateway/orders/order-entry-handler.js';
import { adoptReplacement } from '../../../../src/gateway/orders/order-replacement.js';
import { REQUESTER, testOrder, type TestOrder } from './order-bookkeeping-fixtures.js';

const REPLACE: ReplaceOrderRequest = {
  ...REQUESTER,
  clientOrderId: 'A2',
  origClientOrderId: 'A1',
  orderId: null,
  symbol: 'BTC-USDT',
  side: 'buy',
  type: 'limit',
  timeInForce: 'IOC',
  postOnly: true,
  quantity: '0.75',
  price: '79000',
};

describe('adoptReplacement', () => {
  it('applies the new id, terms and numbers; the undo restores them and frees the new id', () => {
    const registry = new ClientOrderRegistry<TestOrder>();
    const order = testOrder('A1');
    registry.register(order);
    const undo = adoptReplacement(registry, order, REPLACE, { price: '79000', quantity: '0.75' });
    expect(order).toMatchObject({ clientOrderId: 'A2', origClientOrderId: 'A1', timeInForce: 'IOC', postOnly: true, price: '79000', quantity: '0.75' });
    expect(registry.find('acct-1', 'A2')).toBe(order);

    undo();
    expect(order).toMatchObject({ clientOrderId: 'A1', origClientOrderId: null, timeInForce: 'GTC', postOnly: false, price: '80000', quantity: '0.5' });
    expect(registry.has('acct-1', 'A2')).toBe(false);
    expect([...order.clientOrderIds]).toEqual(['A1']);
    expect(registry.find('acct-1', 'A1')).toBe(order);
  });
});
