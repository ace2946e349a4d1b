// What a REST handler receives (parameters, parsed body, the authenticated key, an audit detail bag) and what it answers.
import type { ResolvedApiKey } from '../auth/auth-options.js';
import type { OperationId, RouteSpec } from './rest-routes.js';

export interface RestCall {
  readonly route: RouteSpec;
  /** Path parameters, percent-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The parsed JSON body for routes with a request body; undefined otherwise. */
  readonly body: unknown;
  /** The signing key on signed routes; null on public ones. */
  readonly key: ResolvedApiKey | null;
  /** Details the handler adds to the request's audit row (order ids, rows stored ...). */
  readonly audit: Record<string, unknown>;
}

export interface RestAnswer {
  readonly status: number;
  /** JSON-serialised (bigint as text) unless `contentType` is given, then sent as is. */
  readonly body: unknown;
  readonly contentType?: string | undefined;
}

export type RestHandler = (call: RestCall) => RestAnswer | Promise<RestAnswer>;
export type RestHandlers = Readonly<Record<OperationId, RestHandler>>;

export function json(status: number, body: unknown): RestAnswer {
  return { status, body };
}
