// ClientOrderRegistry: per-account client ids, lookups by venue or client id, adopting and freeing ids.
import { describe, expect, it } from 'vitest';
import { ClientOrderRegistry } from '../../../../src/gateway/orders/client-order-registry.js';
import { REQUESTER, testOrder, type TestOrder } from './order-bookkeeping-fixtures.js';

describe('ClientOrderRegistry', () => {
  it('keeps client ids per account', () => {
    const registry = new ClientOrderRegistry<TestOrder>();
    const order = testOrder('A1');
    registry.register(order);
    expect(registry.has('acct-1', 'A1')).toBe(true);
    expect(registry.has('acct-2', 'A1')).toBe(false);
    expect(registry.find('acct-1', 'A1')).toBe(order);
    expect(registry.find('acct-2', 'A1')).toBeUndefined();
  });

  it('prefers the order found by venue id, but only within the account', () => {
    const registry = new ClientOrderRegistry<TestOrder>();
    const mine = testOrder('A1');
    const other = testOrder('B1', { owner: 'CLIENT2', accountId: 'acct-2' });
    registry.register(mine);
    registry.register(other);
    expect(registry.find('acct-1', 'nope', mine)).toBe(mine);
    // A venue id of another account's order does not reach it: the client id decides.
    expect(registry.find('acct-1', 'A1', other)).toBe(mine);
    expect(registry.find('acct-1', 'nope', other)).toBeUndefined();
  });

  it('adopts a cancel or replace id: the old one stays taken and still finds the order', () => {
    const registry = new ClientOrderRegistry<TestOrder>();
    const order = testOrder('A1');
    registry.register(order);
    registry.adopt(order, 'A2');
    expect(order.clientOrderId).toBe('A2');
    expect(order.origClientOrderId).toBe('A1');
    expect([...order.clientOrderIds]).toEqual(['A1', 'A2']);
    expect(registry.find('acct-1', 'A1')).toBe(order);
    expect(registry.find('acct-1', 'A2')).toBe(order);
  });

  it('withdraws one id and untracks every id of an order', () => {
    const registry = new ClientOrderRegistry<TestOrder>();
    const order = testOrder('A1');
    registry.register(order);
    registry.adopt(order, 'A2');
    registry.withdraw(order, 'A2');
    expect(registry.has(REQUESTER.accountId, 'A2')).toBe(false);
    expect(order.clientOrderIds.has('A2')).toBe(false);
    expect(registry.has(REQUESTER.accountId, 'A1')).toBe(true);
    registry.adopt(order, 'A3');
    registry.untrack(order);
    expect(registry.has(REQUESTER.accountId, 'A1')).toBe(false);
    expect(registry.has(REQUESTER.accountId, 'A3')).toBe(false);
  });
});
