// Order handlers (create, list, get, cancel) for the signing key's account, through the OrderEntryHandler; the first answer of the handler decides the HTTP status.
import { randomBytes } from 'node:crypto';
import type {
  CancelOrderRequest,
  OrderEntryEvent,
  OrderEntryHandler,
  OrderFill,
  OrderSide,
  OrderTimeInForce,
  OrderType,
  PlaceOrderRequest,
} from '../orders/order-entry-handler.js';
import { ZVT_ERR_REST_CANCEL_REJECTED, ZVT_ERR_REST_ORDER_REJECTED, ZVT_ERR_REST_ORDERS_UNAVAILABLE, ZVT_ERR_REST_UNKNOWN_ORDER } from '../errors.js';
import { json, type RestCall, type RestHandler } from './rest-call.js';
import { RestError } from './rest-error.js';
import type { OrderJournal } from './order-journal.js';
import { badRequest, booleanField, bodyObject, enumField, stringField } from './rest-params.js';
import type { ResolvedApiKey } from '../auth/auth-options.js';

const CLIENT_ORDER_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,36}$/;
const SIDES: readonly OrderSide[] = ['buy', 'sell'];
const TYPES: readonly OrderType[] = ['market', 'limit'];
const TIME_IN_FORCE: readonly OrderTimeInForce[] = ['GTC', 'IOC', 'FOK'];

export interface OrderHandlers {
  createOrder: RestHandler;
  listOrders: RestHandler;
  getOrder: RestHandler;
  cancelOrder: RestHandler;
}

/** The session name of a key's REST orders (OrderRequester.owner). */
export function restOwner(key: ResolvedApiKey): string {
  return `rest:${key.keyId}`;
}

/** `handler` null: no execution path; create and cancel answer 503 ZVT_ERR_REST_ORDERS_UNAVAILABLE, the lists are empty. */
export function orderHandlers(handler: OrderEntryHandler | null, journal: OrderJournal, orderTimeoutMs: number): OrderHandlers {
  const executor = (): OrderEntryHandler => {
    if (handler === null) throw new RestError(503, ZVT_ERR_REST_ORDERS_UNAVAILABLE, 'This gateway has no order execution configured; orders cannot be placed or canceled here');
    return handler;
  };
  const keyOf = (call: RestCall): ResolvedApiKey => {
    if (call.key === null) throw new Error('order handlers run on signed routes only');
    return call.key;
  };
  const clientId = (value: string | undefined, field: string): string => {
    const id = value ?? `rest-${randomBytes(12).toString('hex')}`;
    if (!CLIENT_ORDER_ID_PATTERN.test(id)) throw badRequest(`${field} must be 1 to 36 characters of A-Z a-z 0-9 _ . : - (got ${JSON.stringify(id)})`);
    return id;
  };

  return {
    createOrder: async (call) => {
      const handler = executor();
      const key = keyOf(call);
      const body = bodyObject(call.body);
      const type = enumField(body, 'type', TYPES);
      const price = stringField(body, 'price', false);
      if (type === 'limit' && price === undefined) throw badRequest('Body field price is required for a limit order');
      if (type === 'market' && price !== undefined) throw badRequest('Body field price must be absent for a market order');
      const request: PlaceOrderRequest = {
        owner: restOwner(key),
        accountId: key.accountId,
        clientOrderId: clientId(stringField(body, 'clientOrderId', false), 'Body field clientOrderId'),
        symbol: stringField(body, 'symbol', true),
        side: enumField(body, 'side', SIDES),
        type,
        timeInForce: enumField(body, 'timeInForce', TIME_IN_FORCE, 'GTC'),
        postOnly: booleanField(body, 'postOnly', false),
        quantity: stringField(body, 'quantity', true),
        price: price ?? null,
      };
      Object.assign(call.audit, { clientOrderId: request.clientOrderId, symbol: request.symbol, side: request.side, type, quantity: request.quantity, price: request.price });
      const events = await collect(
        handler,
        (event) => event.accountId === key.accountId && 'order' in event && event.kind !== 'status' && event.kind !== 'cancel_rejected' && event.order?.clientOrderId === request.clientOrderId,
        () => handler.place(request),
        orderTimeoutMs,
      );
      const last = events.at(-1);
      if (last === undefined) return json(202, { order: null, fills: [], text: `No answer within ${orderTimeoutMs} ms; the order may still be working` });
      if (last.kind === 'rejected') {
        call.audit.result = 'rejected';
        call.audit.reason = last.reason;
        throw new RestError(422, ZVT_ERR_REST_ORDER_REJECTED, last.text, { reason: last.reason, order: last.order });
      }
      const order = 'order' in last ? last.order : null;
      call.audit.result = order?.status ?? null;
      call.audit.orderId = order?.orderId ?? null;
      return json(201, { order, fills: fillsOf(events), text: textOf(last) });
    },

    listOrders: ({ key, query }) => {
      const status = query.get('status') ?? 'all';
      if (status !== 'open' && status !== 'all') throw badRequest(`Query parameter status must be open or all (got ${JSON.stringify(status)})`);
      const symbol = query.get('symbol') ?? undefined;
      return json(200, { orders: journal.orders(key!.accountId, { symbol, openOnly: status === 'open' }) });
    },

    getOrder: ({ key, params }) => {
      const order = journal.find(key!.accountId, params.clientOrderId!);
      if (order === undefined) throw unknownOrder(params.clientOrderId!);
      return json(200, order);
    },

    cancelOrder: async (call) => {
      const handler = executor();
      const key = keyOf(call);
      const target = call.params.clientOrderId!;
      const existing = journal.find(key.accountId, target);
      if (existing === undefined) throw unknownOrder(target);
      const request: CancelOrderRequest = {
        owner: restOwner(key),
        accountId: key.accountId,
        origClientOrderId: existing.clientOrderId,
        orderId: existing.orderId,
        symbol: existing.symbol,
        side: existing.side,
        clientOrderId: clientId(call.query.get('cancelClientOrderId') ?? undefined, 'Query parameter cancelClientOrderId'),
      };
      Object.assign(call.audit, { clientOrderId: existing.clientOrderId, cancelClientOrderId: request.clientOrderId, orderId: existing.orderId, symbol: existing.symbol });
      const events = await collect(
        handler,
        (event) =>
          event.accountId === key.accountId &&
          ((event.kind === 'canceled' && event.order.clientOrderId === request.clientOrderId) ||
            (event.kind === 'cancel_rejected' && event.clientOrderId === request.clientOrderId)),
        () => handler.cancel(request),
        orderTimeoutMs,
      );
      const last = events.at(-1);
      if (last === undefined) return json(202, { order: null, fills: [], text: `No answer within ${orderTimeoutMs} ms` });
      if (last.kind === 'cancel_rejected') {
        call.audit.result = 'cancel_rejected';
        call.audit.reason = last.reason;
        if (last.reason === 'unknown_order') throw unknownOrder(target);
        throw new RestError(409, ZVT_ERR_REST_CANCEL_REJECTED, last.text, { reason: last.reason, order: last.order });
      }
      call.audit.result = 'canceled';
      return json(200, { order: 'order' in last ? last.order : null, fills: [], text: textOf(last) });
    },
  };
}

/**
 * Runs `act` with a listener that keeps the matching events. Handlers may answer during the call
 * (the simulator does) or later (a venue): resolves right after `act` when it answered, else at
 * the first matching event, else after `timeoutMs` with nothing.
 */
function collect(handler: OrderEntryHandler, matches: (event: OrderEntryEvent) => boolean, act: () => void, timeoutMs: number): Promise<OrderEntryEvent[]> {
  const events: OrderEntryEvent[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = handler.subscribe((event) => {
    if (!matches(event)) return;
    events.push(event);
    wake?.();
  });
  try {
    act();
  } catch (error) {
    unsubscribe();
    throw error;
  }
  if (events.length > 0) {
    unsubscribe();
    return Promise.resolve(events);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(), timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      unsubscribe();
      resolve(events);
    };
    wake = finish;
  });
}

function fillsOf(events: readonly OrderEntryEvent[]): OrderFill[] {
  return events.flatMap((event) => (event.kind === 'trade' ? [event.fill] : []));
}

function textOf(event: OrderEntryEvent): string | null {
  return event.kind === 'canceled' || event.kind === 'expired' ? event.text : null;
}

function unknownOrder(clientOrderId: string): RestError {
  return new RestError(404, ZVT_ERR_REST_UNKNOWN_ORDER, `No order of this account has client order id ${JSON.stringify(clientOrderId)}`);
}
