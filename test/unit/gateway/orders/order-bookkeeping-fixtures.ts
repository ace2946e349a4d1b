// Plain order records for the tests of the shared order-entry bookkeeping (client ids, OCO, replace, events).
import type { OrderRequester, OrderSpec } from '../../../../src/gateway/orders/order-entry-handler.js';
import { newOrderRecord, type OcoGroup, type OrderRecord } from '../../../../src/gateway/orders/order-record.js';

/** A record with one number field, the way a handler adds its own representation. */
export interface TestOrder extends OrderRecord<TestOrder> {
  quantity: string;
  price: string | null;
}

export const REQUESTER: OrderRequester = { owner: 'CLIENT1', accountId: 'acct-1' };

export function spec(fields: Partial<OrderSpec> & { clientOrderId: string }): OrderSpec {
  return { symbol: 'BTC-USDT', side: 'buy', type: 'limit', timeInForce: 'GTC', postOnly: false, quantity: '0.5', price: '80000', ...fields };
}

export function testOrder(clientOrderId: string, requester: OrderRequester = REQUESTER, oco: OcoGroup<TestOrder> | null = null): TestOrder {
  const orderSpec = spec({ clientOrderId });
  return { ...newOrderRecord(requester, orderSpec.symbol, orderSpec, oco, 1_000), quantity: orderSpec.quantity, price: orderSpec.price };
}
