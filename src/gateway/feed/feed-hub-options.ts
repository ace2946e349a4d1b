// FeedHub options: one defaults constant, resolved and validated once with exact messages (ZVT_ERR_GATEWAY_FEED_OPTIONS).
import { ZVT_ERR_GATEWAY_FEED_OPTIONS, gatewayError } from '../errors.js';

export interface FeedHubOptions {
  /** Bytes a connection may have buffered (not yet written to the kernel) before it is conflated: no more deltas, a fresh snapshot later. */
  softLimitBytes?: number;
  /** A conflated connection resumes (snapshots of what it missed, then deltas) once its buffered bytes fall to this. */
  resumeBelowBytes?: number;
  /** Buffered bytes past which a connection is closed at once (1008). Also uWS's maxBackpressure: sends beyond it are refused. */
  hardLimitBytes?: number;
  /** A connection conflated for longer than this without draining is closed (1008). */
  maxSlowMs?: number;
  /** Heartbeat period per connection. */
  heartbeatIntervalMs?: number;
  /** How often conflated connections are checked (drain events alone are not trusted: the shipped uWS can lose them). */
  sweepIntervalMs?: number;
  /** Topics one connection may subscribe to. */
  maxTopicsPerConnection?: number;
}

export type ResolvedFeedHubOptions = Readonly<Required<FeedHubOptions>>;

export const FEED_HUB_DEFAULTS: ResolvedFeedHubOptions = Object.freeze({
  softLimitBytes: 1024 * 1024,
  resumeBelowBytes: 256 * 1024,
  hardLimitBytes: 16 * 1024 * 1024,
  maxSlowMs: 5_000,
  heartbeatIntervalMs: 1_000,
  sweepIntervalMs: 20,
  maxTopicsPerConnection: 4_096,
});

export function resolveFeedHubOptions(options: FeedHubOptions = {}): ResolvedFeedHubOptions {
  const resolved: Required<FeedHubOptions> = { ...FEED_HUB_DEFAULTS };
  for (const [name, value] of Object.entries(options) as [keyof FeedHubOptions, number | undefined][]) {
    if (!(name in FEED_HUB_DEFAULTS)) throw optionError(`unknown FeedHub option "${String(name)}"`);
    if (value !== undefined) resolved[name] = value;
  }
  integer(resolved, 'hardLimitBytes', 2, 2 ** 31 - 1);
  integer(resolved, 'softLimitBytes', 1, resolved.hardLimitBytes - 1);
  integer(resolved, 'resumeBelowBytes', 0, resolved.softLimitBytes - 1);
  integer(resolved, 'maxSlowMs', 1, 3_600_000);
  integer(resolved, 'heartbeatIntervalMs', 10, 3_600_000);
  integer(resolved, 'sweepIntervalMs', 1, 60_000);
  integer(resolved, 'maxTopicsPerConnection', 1, 1_000_000);
  return Object.freeze(resolved);
}

function integer(options: Required<FeedHubOptions>, name: keyof FeedHubOptions, min: number, max: number): void {
  const value = options[name];
  if (!Number.isInteger(value) || value < min || value > max) {
    throw optionError(`FeedHub option ${name} must be an integer in [${min}, ${max}], got ${String(value)}`);
  }
}

function optionError(message: string): Error {
  return gatewayError(ZVT_ERR_GATEWAY_FEED_OPTIONS, message);
}
