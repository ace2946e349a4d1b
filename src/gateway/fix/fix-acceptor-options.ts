// FixAcceptorOptions → resolved options: one defaults constant, exact validation messages (ZVT_ERR_FIX_OPTIONS).
import { pino, type Logger } from 'pino';
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_FIX_OPTIONS } from '../errors.js';
import type { OrderEntryHandler } from '../orders/order-entry-handler.js';
import type { FixCredentialLookup } from './fix-logon-signature.js';
import type { FixFsyncPolicy } from './fix-session-store.js';

export interface FixAcceptorOptions {
  /** Executes the orders. */
  readonly handler: OrderEntryHandler;
  /** API key → secret and account. */
  readonly credentials: FixCredentialLookup;
  /** Directory of the session stores (created when missing). */
  readonly storeDirectory: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0 (any free port; read FixAcceptor.port). */
  readonly port?: number;
  /** Our CompID: the TargetCompID clients send and the SenderCompID we send. Default "ZVT". */
  readonly compId?: string;
  /** Largest BodyLength accepted; a larger message ends the session. Default 65536. */
  readonly maxMessageBytes?: number;
  /** |Logon SendingTime − our clock| allowed. Default 5000. */
  readonly logonSendingTimeToleranceMs?: number;
  /** |SendingTime − our clock| allowed on later messages. Default 120000. */
  readonly sendingTimeToleranceMs?: number;
  /** HeartBtInt(108) range accepted on Logon, seconds. Default 1..300. */
  readonly minHeartBtIntSeconds?: number;
  readonly maxHeartBtIntSeconds?: number;
  /** A connection that sent no valid Logon by then is closed. Default 10000. */
  readonly logonTimeoutMs?: number;
  /** Wait for the counterparty's Logout after ours. Default 2000. */
  readonly logoutTimeoutMs?: number;
  /** Bytes queued to one socket beyond which the client is disconnected as too slow. Default 8 MiB. */
  readonly maxBufferedBytes?: number;
  /** Store fsync policy (see fix-session-store.ts). Default 'never'. */
  readonly fsync?: FixFsyncPolicy;
  /** Period of the heartbeat/timeout check. Default 100 ms. */
  readonly timerIntervalMs?: number;
  /** Lifecycle logs (logons, logouts, errors); never one line per message. Default: silent. */
  readonly logger?: Logger;
  /** Epoch ms now. Default Date.now. */
  readonly clock?: () => number;
}

export type ResolvedFixAcceptorOptions = Required<FixAcceptorOptions>;

export const FIX_ACCEPTOR_DEFAULTS: Readonly<Omit<ResolvedFixAcceptorOptions, 'handler' | 'credentials' | 'storeDirectory' | 'logger' | 'clock'>> = Object.freeze({
  host: '127.0.0.1',
  port: 0,
  compId: 'ZVT',
  maxMessageBytes: 65_536,
  logonSendingTimeToleranceMs: 5_000,
  sendingTimeToleranceMs: 120_000,
  minHeartBtIntSeconds: 1,
  maxHeartBtIntSeconds: 300,
  logonTimeoutMs: 10_000,
  logoutTimeoutMs: 2_000,
  maxBufferedBytes: 8 * 1024 * 1024,
  fsync: 'never',
  timerIntervalMs: 100,
});

function fail(message: string): never {
  throw new ZvtError(ZVT_ERR_FIX_OPTIONS, message);
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) fail(`FIX acceptor option ${name} must be a positive integer, got ${value}`);
  return value;
}

export function resolveFixAcceptorOptions(options: FixAcceptorOptions): ResolvedFixAcceptorOptions {
  const resolved: ResolvedFixAcceptorOptions = {
    ...FIX_ACCEPTOR_DEFAULTS,
    logger: pino({ level: 'silent' }),
    clock: Date.now,
    ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
  } as ResolvedFixAcceptorOptions;
  if (typeof resolved.storeDirectory !== 'string' || resolved.storeDirectory.length === 0) fail('FIX acceptor option storeDirectory is required');
  if (typeof resolved.credentials !== 'function') fail('FIX acceptor option credentials must be a function of the API key');
  if (typeof resolved.handler?.subscribe !== 'function') fail('FIX acceptor option handler must be an OrderEntryHandler');
  if (!/^[\x21-\x7e]{1,64}$/.test(resolved.compId)) fail(`FIX acceptor option compId must be 1 to 64 printable ASCII characters without spaces, got "${resolved.compId}"`);
  if (!Number.isSafeInteger(resolved.port) || resolved.port < 0 || resolved.port > 65_535) fail(`FIX acceptor option port must be 0..65535, got ${resolved.port}`);
  positiveInteger('maxMessageBytes', resolved.maxMessageBytes);
  positiveInteger('logonSendingTimeToleranceMs', resolved.logonSendingTimeToleranceMs);
  positiveInteger('sendingTimeToleranceMs', resolved.sendingTimeToleranceMs);
  positiveInteger('minHeartBtIntSeconds', resolved.minHeartBtIntSeconds);
  positiveInteger('maxHeartBtIntSeconds', resolved.maxHeartBtIntSeconds);
  if (resolved.maxHeartBtIntSeconds < resolved.minHeartBtIntSeconds) fail('FIX acceptor option maxHeartBtIntSeconds must be at least minHeartBtIntSeconds');
  positiveInteger('logonTimeoutMs', resolved.logonTimeoutMs);
  positiveInteger('logoutTimeoutMs', resolved.logoutTimeoutMs);
  positiveInteger('maxBufferedBytes', resolved.maxBufferedBytes);
  positiveInteger('timerIntervalMs', resolved.timerIntervalMs);
  if (resolved.fsync !== 'never' && resolved.fsync !== 'always') fail(`FIX acceptor option fsync must be "never" or "always", got "${String(resolved.fsync)}"`);
  return Object.freeze(resolved);
}
