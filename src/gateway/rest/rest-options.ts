// RestApiOptions → ResolvedRestOptions: body limit, depth and row limits, order timeout, from one defaults constant with exact validation messages.
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_REST_OPTIONS } from '../errors.js';

export interface RestLimitOptions {
  /** Largest request body; larger gets 413. Default 1 MiB. */
  readonly bodyLimitBytes?: number | undefined;
  /** Book levels per side when `depth` is not given. Default 20. */
  readonly defaultDepth?: number | undefined;
  /** Most book levels per side a request may ask for. Default 500. */
  readonly maxDepth?: number | undefined;
  /** Rows a trades or candles read returns when `limit` is not given. Default 100. */
  readonly defaultLimit?: number | undefined;
  /** Most rows a read may ask for. Default 1 000. */
  readonly maxLimit?: number | undefined;
  /** Most rows one ingestion request may carry. Default 10 000. */
  readonly maxIngestRows?: number | undefined;
  /** How long a create or cancel waits for the handler's first answer. Default 5 000 ms. */
  readonly orderTimeoutMs?: number | undefined;
  /** How long /readyz waits for the store to answer. Default 1 000 ms. */
  readonly readyTimeoutMs?: number | undefined;
  /** Orders the order list keeps (finished ones are forgotten first). Default 100 000. */
  readonly maxTrackedOrders?: number | undefined;
}

export type ResolvedRestOptions = { readonly [K in keyof RestLimitOptions]-?: number };

export const REST_DEFAULTS: ResolvedRestOptions = Object.freeze({
  bodyLimitBytes: 1024 * 1024,
  defaultDepth: 20,
  maxDepth: 500,
  defaultLimit: 100,
  maxLimit: 1_000,
  maxIngestRows: 10_000,
  orderTimeoutMs: 5_000,
  readyTimeoutMs: 1_000,
  maxTrackedOrders: 100_000,
});

const RANGES: { readonly [K in keyof RestLimitOptions]-?: readonly [number, number] } = {
  bodyLimitBytes: [1024, 64 * 1024 * 1024],
  defaultDepth: [1, 10_000],
  maxDepth: [1, 10_000],
  defaultLimit: [1, 100_000],
  maxLimit: [1, 100_000],
  maxIngestRows: [1, 1_000_000],
  orderTimeoutMs: [1, 600_000],
  readyTimeoutMs: [1, 60_000],
  maxTrackedOrders: [1, 10_000_000],
};

export function resolveRestOptions(options: RestLimitOptions = {}): ResolvedRestOptions {
  const resolved = { ...REST_DEFAULTS };
  for (const name of Object.keys(RANGES) as (keyof RestLimitOptions)[]) {
    const value = options[name] ?? REST_DEFAULTS[name];
    const [min, max] = RANGES[name];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ZvtError(ZVT_ERR_REST_OPTIONS, `rest.${name} must be an integer from ${min} to ${max} (got ${String(value)})`);
    }
    resolved[name] = value;
  }
  if (resolved.defaultDepth > resolved.maxDepth) {
    throw new ZvtError(ZVT_ERR_REST_OPTIONS, `rest.defaultDepth (${resolved.defaultDepth}) must not exceed rest.maxDepth (${resolved.maxDepth})`);
  }
  if (resolved.defaultLimit > resolved.maxLimit) {
    throw new ZvtError(ZVT_ERR_REST_OPTIONS, `rest.defaultLimit (${resolved.defaultLimit}) must not exceed rest.maxLimit (${resolved.maxLimit})`);
  }
  return Object.freeze(resolved);
}
