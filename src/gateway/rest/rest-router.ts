// Mounts the route table on a uWS app: per request the public limit or the signature check, the body, the handler, the answer, metrics and the audit row.
import type { HttpRequest, HttpResponse, TemplatedApp } from 'uWebSockets.js';
import type { Logger } from '../../config/logger.js';
import { isZvtError } from '../../model/errors.js';
import type { AuditTrail } from '../auth/audit-trail.js';
import { API_KEY_HEADER, API_SIGNATURE_HEADER, API_TIMESTAMP_HEADER } from '../auth/request-signature.js';
import type { RequestAuthenticator } from '../auth/request-authenticator.js';
import type { RateDecision } from '../auth/token-bucket.js';
import { ZVT_ERR_AUTH_RATE_LIMITED, ZVT_ERR_REST_BODY_TOO_LARGE, ZVT_ERR_REST_INTERNAL, ZVT_ERR_REST_JSON, ZVT_ERR_REST_METHOD, ZVT_ERR_REST_NOT_FOUND } from '../errors.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { HttpExchange } from './http-exchange.js';
import type { RestAnswer, RestCall, RestHandlers } from './rest-call.js';
import { errorBody, RestError } from './rest-error.js';
import type { ResolvedRestOptions } from './rest-options.js';
import type { RouteSpec } from './rest-routes.js';

export interface RestRouterDeps {
  readonly handlers: RestHandlers;
  readonly authenticator: RequestAuthenticator;
  readonly metrics: GatewayMetrics;
  readonly audit: AuditTrail;
  readonly options: ResolvedRestOptions;
  readonly logger: Logger;
}

/** What the route callback copies out of the HttpRequest (valid only inside it). */
interface RequestFacts {
  readonly method: string;
  readonly pathWithQuery: string;
  readonly query: URLSearchParams;
  readonly params: Record<string, string>;
  readonly apiKey: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly contentLength: string;
  readonly remote: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** `/v1/books/{instrument}` → `/v1/books/:instrument`. */
export function uwsPattern(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

export function mountRoutes(app: TemplatedApp, routes: readonly RouteSpec[], deps: RestRouterDeps): void {
  const methodsByPath = new Map<string, string[]>();
  for (const route of routes) {
    const pattern = uwsPattern(route.path);
    const paramNames = [...route.path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]!);
    const handler = (res: HttpResponse, req: HttpRequest): void => {
      const exchange = new HttpExchange(res);
      const rawQuery = req.getQuery() ?? '';
      const url = req.getUrl();
      const params: Record<string, string> = {};
      paramNames.forEach((name, index) => (params[name] = decodeParam(req.getParameter(index) ?? '')));
      const facts: RequestFacts = {
        method: req.getMethod().toUpperCase(),
        pathWithQuery: rawQuery === '' ? url : `${url}?${rawQuery}`,
        query: new URLSearchParams(rawQuery),
        params,
        apiKey: req.getHeader(API_KEY_HEADER),
        timestamp: req.getHeader(API_TIMESTAMP_HEADER),
        signature: req.getHeader(API_SIGNATURE_HEADER),
        contentLength: req.getHeader('content-length'),
        remote: exchange.remoteAddress(),
      };
      void serve(route, facts, exchange, deps);
    };
    app[route.method === 'delete' ? 'del' : route.method](pattern, handler);
    const methods = methodsByPath.get(pattern) ?? [];
    methods.push(route.method.toUpperCase());
    methodsByPath.set(pattern, methods);
  }
  // Known paths with another method: 405 with Allow. uWS prefers method handlers over `any`.
  for (const [pattern, methods] of methodsByPath) {
    app.any(pattern, (res, req) => {
      const exchange = new HttpExchange(res);
      const method = req.getMethod().toUpperCase();
      const body = errorBody(ZVT_ERR_REST_METHOD, `${method} is not allowed here; allowed: ${methods.join(', ')}`);
      exchange.send(405, { 'content-type': JSON_TYPE, allow: methods.join(', ') }, JSON.stringify(body));
      deps.metrics.onRequest('unmatched', method, 405, 0);
    });
  }
  app.any('/v1/*', (res, req) => {
    const exchange = new HttpExchange(res);
    const method = req.getMethod().toUpperCase();
    exchange.send(404, { 'content-type': JSON_TYPE }, JSON.stringify(errorBody(ZVT_ERR_REST_NOT_FOUND, `No route for ${method} ${req.getUrl()}`)));
    deps.metrics.onRequest('unmatched', method, 404, 0);
  });
}

async function serve(route: RouteSpec, facts: RequestFacts, exchange: HttpExchange, deps: RestRouterDeps): Promise<void> {
  const started = process.hrtime.bigint();
  const headers: Record<string, string> = {};
  const audit: Record<string, unknown> = {};
  let keyForAudit: { keyId: string; accountId: string } | null = null;
  let answer: RestAnswer;
  let close = false;
  try {
    if (route.auth === 'public') {
      const decision = deps.authenticator.admitPublic(facts.remote);
      if (decision !== null && !decision.allowed) {
        deps.metrics.onRateLimited('public');
        headers['retry-after'] = String(retryAfterSeconds(decision));
        throw new RestError(429, ZVT_ERR_AUTH_RATE_LIMITED, `Rate limit of this client address exceeded; retry after ${headers['retry-after']} s`);
      }
    }
    const read = await exchange.readBody(deps.options.bodyLimitBytes, facts.contentLength, route.method === 'post');
    if (!read.ok) {
      if (read.reason === 'aborted') return;
      close = true;
      throw new RestError(413, ZVT_ERR_REST_BODY_TOO_LARGE, `The body is larger than ${deps.options.bodyLimitBytes} bytes`);
    }
    let key = null;
    if (route.auth !== 'none' && route.auth !== 'public') {
      const outcome = deps.authenticator.authenticate(
        { method: facts.method, pathWithQuery: facts.pathWithQuery, apiKey: facts.apiKey, timestamp: facts.timestamp, signature: facts.signature, body: read.body },
        route.auth,
      );
      const rate = outcome.rate;
      if (rate !== null) Object.assign(headers, rateHeaders(rate));
      if (!outcome.ok) {
        deps.metrics.onAuthFailure(outcome.reason);
        if (outcome.reason === 'rate_limited') deps.metrics.onRateLimited('key');
        if (outcome.key !== null) keyForAudit = outcome.key;
        if (outcome.status === 429 && rate !== null) headers['retry-after'] = String(retryAfterSeconds(rate));
        throw new RestError(outcome.status, outcome.code, outcome.message);
      }
      key = outcome.key;
      keyForAudit = key;
    }
    const call: RestCall = { route, params: facts.params, query: facts.query, body: route.requestBody === undefined ? undefined : parseJson(read.body), key, audit };
    answer = await deps.handlers[route.operationId as keyof RestHandlers](call);
  } catch (error) {
    answer = errorAnswer(error, route, deps.logger);
  }
  let text: string | Buffer;
  if (answer.contentType === undefined) {
    headers['content-type'] = JSON_TYPE;
    text = JSON.stringify(answer.body, bigintAsText);
  } else {
    headers['content-type'] = answer.contentType;
    text = typeof answer.body === 'string' || Buffer.isBuffer(answer.body) ? answer.body : String(answer.body);
  }
  exchange.send(answer.status, headers, text, close);
  deps.metrics.onRequest(route.path, facts.method, answer.status, Number(process.hrtime.bigint() - started) / 1e9);
  if (keyForAudit !== null) {
    const code = answer.status >= 400 ? errorCodeOf(answer.body) : null;
    deps.audit.record(`rest.${route.operationId}`, {
      keyId: keyForAudit.keyId,
      accountId: keyForAudit.accountId,
      method: facts.method,
      path: facts.pathWithQuery,
      remote: facts.remote,
      status: answer.status,
      ...(code === null ? {} : { code }),
      ...(exchange.aborted ? { aborted: true } : {}),
      ...audit,
    });
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(UTF8.decode(body)) as unknown;
  } catch {
    throw new RestError(400, ZVT_ERR_REST_JSON, body.length === 0 ? 'The body is empty; this endpoint takes JSON' : 'The body is not valid UTF-8 JSON');
  }
}

function errorAnswer(error: unknown, route: RouteSpec, logger: Logger): RestAnswer {
  if (error instanceof RestError) return { status: error.status, body: errorBody(error.code, error.message, error.extra) };
  logger.error({ route: route.operationId, error: isZvtError(error) ? { code: error.code, message: error.message } : String(error) }, 'REST handler failed');
  return { status: 500, body: errorBody(ZVT_ERR_REST_INTERNAL, 'Internal error; the gateway log has the details') };
}

function errorCodeOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const inner = body.error;
  return typeof inner === 'object' && inner !== null && 'code' in inner && typeof inner.code === 'string' ? inner.code : null;
}

function rateHeaders(rate: RateDecision): Record<string, string> {
  return {
    'zvt-ratelimit-limit': String(rate.limit),
    'zvt-ratelimit-remaining': String(rate.remaining),
    'zvt-ratelimit-reset': String(Math.ceil(rate.resetMs / 1000)),
  };
}

function retryAfterSeconds(rate: RateDecision): number {
  return Math.max(1, Math.ceil(rate.retryAfterMs / 1000));
}

function decodeParam(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function bigintAsText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
