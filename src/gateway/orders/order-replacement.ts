// A replace's bookkeeping shared by both handlers: the order takes the new client id and terms, and can go back to the old ones if the venue refuses the replacement.
import type { ClientOrderRegistry } from './client-order-registry.js';
import type { ReplaceOrderRequest } from './order-entry-handler.js';
import type { OrderRecord } from './order-record.js';

/**
 * Gives `order` the replace request's client id (the current one becomes origClientOrderId),
 * order type, time in force, post-only flag and `numbers` (its price and quantity in the
 * handler's representation). Returns the undo, for a replacement the venue refused after the
 * original was canceled: the new id is freed and the old id, terms and numbers come back, so the
 * original can be reported canceled as it was. Fills are the caller's: they stay counted.
 */
export function adoptReplacement<O extends OrderRecord<O>, K extends keyof O>(
  clientIds: ClientOrderRegistry<O>,
  order: O,
  request: ReplaceOrderRequest,
  numbers: Pick<O, K>,
): () => void {
  const previous = { clientOrderId: order.clientOrderId, origClientOrderId: order.origClientOrderId, type: order.type, timeInForce: order.timeInForce, postOnly: order.postOnly };
  const previousNumbers = {} as Pick<O, K>;
  for (const key of Object.keys(numbers) as K[]) previousNumbers[key] = order[key];
  clientIds.adopt(order, request.clientOrderId);
  order.type = request.type;
  order.timeInForce = request.timeInForce;
  order.postOnly = request.postOnly;
  Object.assign(order, numbers);
  return () => {
    clientIds.withdraw(order, request.clientOrderId);
    Object.assign(order, previous, previousNumbers);
  };
}
