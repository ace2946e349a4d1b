// Counters of the /v1/orders route (sessions, requests by kind, rejects, drops) and their SharedCounterSource for /metrics.
import type { SharedCounterSample, SharedCounterSource, SharedMetricFamily } from '../metrics/shared-counter-source.js';
import type { WsRequestBody, WsSharedBody } from './orders-ws-frames.js';

export type OrdersWsRequestKind = (WsRequestBody | WsSharedBody)['kind'];
export const ORDERS_WS_REQUEST_KINDS: readonly OrdersWsRequestKind[] = ['logon', 'newOrder', 'cancel', 'replace', 'statusRequest', 'newOrderList', 'heartbeat', 'logout'];

export interface OrdersWsStats {
  /** Open WebSocket connections, logged on or not. */
  readonly connections: number;
  /** API keys logged on now. */
  readonly sessions: number;
  readonly connectionsOpened: number;
  readonly logonsAccepted: number;
  readonly logonsRefused: number;
  /** Connections closed (4001) for sending no accepted Logon in time. */
  readonly logonTimeouts: number;
  /** Decoded requests by body kind (before validation: a refused NewOrder counts as newOrder). */
  readonly requests: Readonly<Record<OrdersWsRequestKind, number>>;
  /** Reject frames sent (malformed, oversized, text, missing or invalid fields). */
  readonly rejects: number;
  /** Connections closed (4008) because uWS held more than maxBufferedBytes for them. */
  readonly slowConsumerCloses: number;
  /** Order events kept for a key without a connection. */
  readonly eventsQueued: number;
  /** Kept order events discarded because a key's queue was full. */
  readonly eventsDropped: number;
  /** Handler or encoding failures (logged). */
  readonly internalErrors: number;
}

export type MutableOrdersWsStats = { -readonly [K in keyof OrdersWsStats]: K extends 'requests' ? Record<OrdersWsRequestKind, number> : OrdersWsStats[K] };

export function emptyOrdersWsStats(): MutableOrdersWsStats {
  return {
    connections: 0,
    sessions: 0,
    connectionsOpened: 0,
    logonsAccepted: 0,
    logonsRefused: 0,
    logonTimeouts: 0,
    requests: Object.fromEntries(ORDERS_WS_REQUEST_KINDS.map((kind) => [kind, 0])) as Record<OrdersWsRequestKind, number>,
    rejects: 0,
    slowConsumerCloses: 0,
    eventsQueued: 0,
    eventsDropped: 0,
    internalErrors: 0,
  };
}

type ScalarStat = Exclude<keyof OrdersWsStats, 'requests'>;

const family = (name: string, help: string, type: SharedMetricFamily['type'], labelNames: readonly string[] = []): SharedMetricFamily => ({ name, help, type, labelNames });

const SCALAR_FAMILIES: readonly [ScalarStat, SharedMetricFamily][] = [
  ['connections', family('zvt_orders_ws_connections', 'Open /v1/orders connections', 'gauge')],
  ['sessions', family('zvt_orders_ws_sessions', 'API keys logged on to /v1/orders now', 'gauge')],
  ['connectionsOpened', family('zvt_orders_ws_connections_opened_total', '/v1/orders connections opened', 'counter')],
  ['logonsAccepted', family('zvt_orders_ws_logons_accepted_total', '/v1/orders Logons accepted', 'counter')],
  ['logonsRefused', family('zvt_orders_ws_logons_refused_total', '/v1/orders Logons refused (LogonReject)', 'counter')],
  ['logonTimeouts', family('zvt_orders_ws_logon_timeouts_total', '/v1/orders connections closed without a Logon in time', 'counter')],
  ['rejects', family('zvt_orders_ws_rejects_total', '/v1/orders Reject frames sent', 'counter')],
  ['slowConsumerCloses', family('zvt_orders_ws_slow_consumer_closes_total', '/v1/orders connections closed for being too slow', 'counter')],
  ['eventsQueued', family('zvt_orders_ws_events_queued_total', 'Order events kept for a /v1/orders key without a connection', 'counter')],
  ['eventsDropped', family('zvt_orders_ws_events_dropped_total', 'Kept order events dropped because the queue of a key was full', 'counter')],
  ['internalErrors', family('zvt_orders_ws_internal_errors_total', '/v1/orders handler or encoding failures', 'counter')],
];
const REQUESTS_FAMILY = family('zvt_orders_ws_requests_total', '/v1/orders requests received, by kind', 'counter', ['kind']);

/** The route's counters as metric families, read on each scrape. */
export function ordersWsCounterSource(route: { stats(): OrdersWsStats }): SharedCounterSource {
  return {
    families: [...SCALAR_FAMILIES.map(([, metric]) => metric), REQUESTS_FAMILY],
    read: (): SharedCounterSample[] => {
      const stats = route.stats();
      return [
        ...SCALAR_FAMILIES.map(([field, metric]) => ({ name: metric.name, value: stats[field] })),
        ...ORDERS_WS_REQUEST_KINDS.map((kind) => ({ name: REQUESTS_FAMILY.name, value: stats.requests[kind], labels: { kind } })),
      ];
    },
  };
}
