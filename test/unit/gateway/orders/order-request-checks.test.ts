// The shared pre-checks: a new order's symbol, client id and post-only flag; the order a cancel or replace names.
import { describe, expect, it } from 'vitest';
import { ClientOrderRegistry } from '../../../../src/gateway/orders/client-order-registry.js';
import type { CancelOrderRequest } from '../../../../src/gateway/orders/order-entry-handler.js';
import { checkNewOrderBasics, locateForChange } from '../../../../src/gateway/orders/order-request-checks.js';
import { REQUESTER, spec, testOrder, type TestOrder } from './order-bookkeeping-fixtures.js';

const SYMBOLS = new Set(['BTC-USDT']);

function cancelOf(fields: Partial<CancelOrderRequest>): CancelOrderRequest {
  return { ...REQUESTER, clientOrderId: 'C1', origClientOrderId: 'A1', orderId: null, symbol: 'BTC-USDT', side: 'buy', ...fields };
}

describe('checkNewOrderBasics', () => {
  it('refuses an unknown symbol first, then a used client id, then post-only off a limit order', () => {
    const registry = new ClientOrderRegistry<TestOrder>();
    registry.register(testOrder('A1'));
    expect(checkNewOrderBasics(SYMBOLS, registry, REQUESTER, spec({ clientOrderId: 'A1', symbol: 'ETH-USDT' }))).toEqual({ reason: 'unknown_symbol', text: 'Unknown symbol ETH-USDT' });
    expect(checkNewOrderBasics(SYMBOLS, registry, REQUESTER, spec({ clientOrderId: 'A1', type: 'market', postOnly: true }))).toEqual({
      reason: 'duplicate_client_order_id',
      text: 'ClOrdID A1 was used before',
    });
    expect(checkNewOrderBasics(SYMBOLS, registry, REQUESTER, spec({ clientOrderId: 'A2', type: 'market', price: null, postOnly: true }))).toEqual({
      reason: 'unsupported',
      text: 'Post-only applies to limit orders only',
    });
    expect(checkNewOrderBasics(SYMBOLS, registry, REQUESTER, spec({ clientOrderId: 'A2' }))).toBeNull();
    // Another account may use the same id.
    expect(checkNewOrderBasics(SYMBOLS, registry, { owner: 'CLIENT2', accountId: 'acct-2' }, spec({ clientOrderId: 'A1' }))).toBeNull();
  });
});

describe('locateForChange', () => {
  it('finds the order, or says why not', () => {
    const registry = new ClientOrderRegistry<TestOrder>();
    const order = testOrder('A1');
    registry.register(order);
    expect(locateForChange(registry, cancelOf({}), order)).toEqual({ ok: true, order });
    expect(locateForChange(registry, cancelOf({}), undefined)).toEqual({ ok: false, order: null, reason: 'unknown_order', text: 'Unknown order A1' });
    expect(locateForChange(registry, cancelOf({ side: 'sell' }), order)).toMatchObject({ ok: false, order: null, reason: 'unknown_order' });
    expect(locateForChange(registry, cancelOf({ symbol: 'ETH-USDT' }), order)).toMatchObject({ ok: false, order: null, reason: 'unknown_order' });
    expect(locateForChange(registry, cancelOf({ clientOrderId: 'A1' }), order)).toEqual({
      ok: false,
      order,
      reason: 'duplicate_client_order_id',
      text: 'ClOrdID A1 was used before',
    });
  });
});
