// OrdersRouteOptions → resolved options for /v1/orders: one defaults constant, exact validation messages (ZVT_ERR_ORDERS_WS_OPTIONS).
import { pino, type Logger } from 'pino';
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_ORDERS_WS_OPTIONS } from '../errors.js';
import type { FixCredentialLookup } from '../fix/fix-logon-signature.js';
import type { OrderEntryHandler } from '../orders/order-entry-handler.js';

export interface OrdersRouteOptions {
  /** Executes the orders (the same handler the FIX acceptor and REST use). */
  readonly handler: OrderEntryHandler;
  /** API key → secret and account: the FIX acceptor's lookup (fix-logon-signature.ts). */
  readonly credentials: FixCredentialLookup;
  /** The name signed in the Logon where FIX signs TargetCompID. Default "ZVT" (the FIX acceptor's compId). */
  readonly compId?: string;
  /** A connection without an accepted Logon by then is closed with code 4001. Default 10000. */
  readonly logonTimeoutMs?: number;
  /** |Logon sending_time − our clock| allowed. Default 5000. */
  readonly logonTimeToleranceMs?: number;
  /** Largest frame processed; a larger one is answered with Reject too_large. Default 65536. */
  readonly maxMessageBytes?: number;
  /** Bytes uWS may hold unsent for one connection before it is closed as too slow (4008). Default 8 MiB. */
  readonly maxBufferedBytes?: number;
  /** Order events kept for a key while it has no connection; past it the oldest are dropped (counted, reported in LogonAck). Default 10000. */
  readonly maxPendingEvents?: number;
  /** Seconds without traffic before uWS closes the socket; uWS pings automatically. Default 120. */
  readonly idleTimeoutSeconds?: number;
  /** Lifecycle logs (logons, refusals, slow clients, errors); never one line per message. Default: silent. */
  readonly logger?: Logger;
  /** Epoch ms now. Default Date.now. */
  readonly clock?: () => number;
}

export type ResolvedOrdersRouteOptions = Required<OrdersRouteOptions>;

export const ORDERS_ROUTE_DEFAULTS = Object.freeze({
  compId: 'ZVT',
  logonTimeoutMs: 10_000,
  logonTimeToleranceMs: 5_000,
  maxMessageBytes: 65_536,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxPendingEvents: 10_000,
  idleTimeoutSeconds: 120,
});

/** uWS closes a connection (1009) on a frame larger than this multiple of maxMessageBytes; smaller oversized frames get a Reject. */
export const HARD_FRAME_LIMIT_FACTOR = 16;

function fail(message: string): never {
  throw new ZvtError(ZVT_ERR_ORDERS_WS_OPTIONS, message);
}

function positiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) fail(`/v1/orders option ${name} must be a positive integer, got ${value}`);
}

export function resolveOrdersRouteOptions(options: OrdersRouteOptions): ResolvedOrdersRouteOptions {
  const resolved = {
    ...ORDERS_ROUTE_DEFAULTS,
    logger: pino({ level: 'silent' }),
    clock: Date.now,
    ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
  } as ResolvedOrdersRouteOptions;
  if (typeof resolved.handler?.subscribe !== 'function') fail('/v1/orders option handler must be an OrderEntryHandler');
  if (typeof resolved.credentials !== 'function') fail('/v1/orders option credentials must be a function of the API key');
  if (!/^[\x21-\x7e]{1,64}$/.test(resolved.compId)) fail(`/v1/orders option compId must be 1 to 64 printable ASCII characters without spaces, got "${resolved.compId}"`);
  positiveInteger('logonTimeoutMs', resolved.logonTimeoutMs);
  positiveInteger('logonTimeToleranceMs', resolved.logonTimeToleranceMs);
  positiveInteger('maxMessageBytes', resolved.maxMessageBytes);
  positiveInteger('maxBufferedBytes', resolved.maxBufferedBytes);
  positiveInteger('maxPendingEvents', resolved.maxPendingEvents);
  positiveInteger('idleTimeoutSeconds', resolved.idleTimeoutSeconds);
  if (resolved.maxMessageBytes * HARD_FRAME_LIMIT_FACTOR > 0x7fffffff) fail(`/v1/orders option maxMessageBytes must be at most ${Math.floor(0x7fffffff / HARD_FRAME_LIMIT_FACTOR)}`);
  return Object.freeze(resolved);
}
