// Stable error codes of src/gateway: clients, operators and tests match on these, never on message text.
import { ZvtError } from '../model/errors.js';

// Binary feed (/v1/feed): codes a client receives in a FeedError message.

/** A control frame is not a JSON object with a known "op", or its fields have the wrong types. */
export const ZVT_ERR_GATEWAY_FEED_REQUEST = 'ZVT_ERR_GATEWAY_FEED_REQUEST';
/** A topic name is not `<kind>.<instrument>` with kind book, bbo, trades or status. */
export const ZVT_ERR_GATEWAY_FEED_TOPIC_INVALID = 'ZVT_ERR_GATEWAY_FEED_TOPIC_INVALID';
/** A well-formed topic of an instrument the feed does not serve. */
export const ZVT_ERR_GATEWAY_FEED_TOPIC_UNKNOWN = 'ZVT_ERR_GATEWAY_FEED_TOPIC_UNKNOWN';
/** A snapshot or unsubscribe request for a topic the connection is not subscribed to. */
export const ZVT_ERR_GATEWAY_FEED_NOT_SUBSCRIBED = 'ZVT_ERR_GATEWAY_FEED_NOT_SUBSCRIBED';
/** A snapshot request for a trades topic: trades are a stream, there is nothing to snapshot. */
export const ZVT_ERR_GATEWAY_FEED_NO_SNAPSHOT = 'ZVT_ERR_GATEWAY_FEED_NO_SNAPSHOT';
/** The connection would pass its limit of subscribed topics. */
export const ZVT_ERR_GATEWAY_FEED_TOPIC_LIMIT = 'ZVT_ERR_GATEWAY_FEED_TOPIC_LIMIT';

// Programming and configuration errors (thrown in the engine, never sent to clients).

/** FeedHub or feed server options out of range. */
export const ZVT_ERR_GATEWAY_FEED_OPTIONS = 'ZVT_ERR_GATEWAY_FEED_OPTIONS';
/** addInstrument with a malformed or duplicate instrument name or bad decimals, or a call with an unknown instrument handle. */
export const ZVT_ERR_GATEWAY_FEED_INSTRUMENT = 'ZVT_ERR_GATEWAY_FEED_INSTRUMENT';
/** A price or size that does not fit the wire's int64 as an exact integer (not a safe integer). */
export const ZVT_ERR_GATEWAY_FEED_VALUE = 'ZVT_ERR_GATEWAY_FEED_VALUE';
/** The gateway could not listen on the requested host and port. */
export const ZVT_ERR_GATEWAY_LISTEN = 'ZVT_ERR_GATEWAY_LISTEN';
/** A feed client could not connect, or the server refused or broke the conversation. */
export const ZVT_ERR_GATEWAY_FEED_CLIENT = 'ZVT_ERR_GATEWAY_FEED_CLIENT';

export function gatewayError(code: string, message: string, details?: Record<string, unknown>): ZvtError {
  return new ZvtError(code, message, details);
}

// FIX 4.4 acceptor (src/gateway/fix) and its order-entry handlers (src/gateway/orders). Session-level
// problems a counterparty causes are answered on the wire (Reject, Logout), never thrown.

/** FIX acceptor options out of range or missing (compId, storeDirectory, limits, timers). */
export const ZVT_ERR_FIX_OPTIONS = 'ZVT_ERR_FIX_OPTIONS';
/** The FIX acceptor could not listen on the requested host and port. */
export const ZVT_ERR_FIX_LISTEN = 'ZVT_ERR_FIX_LISTEN';
/** A FIX session store file is not in the format the acceptor writes, or is used after close. */
export const ZVT_ERR_FIX_STORE = 'ZVT_ERR_FIX_STORE';
/** Order-entry handler options are wrong (unknown symbol, no listing), or it is used after close. */
export const ZVT_ERR_FIX_ORDER_HANDLER = 'ZVT_ERR_FIX_ORDER_HANDLER';

// API keys and request signing (src/gateway/auth), shared by REST and binary order entry. Sent to
// clients in the JSON error body `{ "error": { "code", "message" } }`.

/** 401: a signed endpoint was called without the ZVT-API-KEY, ZVT-API-TIMESTAMP or ZVT-API-SIGNATURE header. */
export const ZVT_ERR_AUTH_MISSING = 'ZVT_ERR_AUTH_MISSING';
/** 401: the API key id is not configured. */
export const ZVT_ERR_AUTH_UNKNOWN_KEY = 'ZVT_ERR_AUTH_UNKNOWN_KEY';
/** 401: ZVT-API-TIMESTAMP is not integer epoch milliseconds, or lies outside the replay window (stale or in the future). */
export const ZVT_ERR_AUTH_TIMESTAMP = 'ZVT_ERR_AUTH_TIMESTAMP';
/** 401: ZVT-API-SIGNATURE is not the hex HMAC-SHA256 of timestamp + method + path + body under the key's secret. */
export const ZVT_ERR_AUTH_SIGNATURE = 'ZVT_ERR_AUTH_SIGNATURE';
/** 401: this exact signed request was already received inside the replay window. */
export const ZVT_ERR_AUTH_REPLAY = 'ZVT_ERR_AUTH_REPLAY';
/** 403: the key is valid but lacks the permission the endpoint needs (read, trade, ingest). */
export const ZVT_ERR_AUTH_FORBIDDEN = 'ZVT_ERR_AUTH_FORBIDDEN';
/** 429: the key (or, on public endpoints, the client address) is over its rate limit; see Retry-After. */
export const ZVT_ERR_AUTH_RATE_LIMITED = 'ZVT_ERR_AUTH_RATE_LIMITED';
/** 503: the replay cache is full (more signed requests inside one window than it may remember); retry shortly. */
export const ZVT_ERR_AUTH_REPLAY_CAPACITY = 'ZVT_ERR_AUTH_REPLAY_CAPACITY';
/** Auth options out of range or malformed (thrown at startup, never sent to clients). */
export const ZVT_ERR_AUTH_OPTIONS = 'ZVT_ERR_AUTH_OPTIONS';

// REST API under /v1/ (src/gateway/rest). Sent to clients in the JSON error body.

/** 400: a query parameter, path parameter or JSON body field is missing or malformed; the message names it. */
export const ZVT_ERR_REST_REQUEST = 'ZVT_ERR_REST_REQUEST';
/** 400: the body is not valid JSON (or not UTF-8). */
export const ZVT_ERR_REST_JSON = 'ZVT_ERR_REST_JSON';
/** 413: the body is larger than bodyLimitBytes. */
export const ZVT_ERR_REST_BODY_TOO_LARGE = 'ZVT_ERR_REST_BODY_TOO_LARGE';
/** 404: no route has this path. */
export const ZVT_ERR_REST_NOT_FOUND = 'ZVT_ERR_REST_NOT_FOUND';
/** 405: the path exists but not with this method (the Allow header lists the ones it has). */
export const ZVT_ERR_REST_METHOD = 'ZVT_ERR_REST_METHOD';
/** 404: the instrument (`<venue>:<canonical>` or `all:<canonical>`) is not served. */
export const ZVT_ERR_REST_UNKNOWN_INSTRUMENT = 'ZVT_ERR_REST_UNKNOWN_INSTRUMENT';
/** 404: no order of this account has that client order id. */
export const ZVT_ERR_REST_UNKNOWN_ORDER = 'ZVT_ERR_REST_UNKNOWN_ORDER';
/** 422: the order was refused (the body's `reason` says why: insufficient_balance, invalid_price ...). */
export const ZVT_ERR_REST_ORDER_REJECTED = 'ZVT_ERR_REST_ORDER_REJECTED';
/** 409: the cancel was refused (too late, duplicate cancel id ...); `reason` says why. */
export const ZVT_ERR_REST_CANCEL_REJECTED = 'ZVT_ERR_REST_CANCEL_REJECTED';
/** 504: the order handler did not answer within orderTimeoutMs; the order may still be working (list to see). */
export const ZVT_ERR_REST_ORDER_TIMEOUT = 'ZVT_ERR_REST_ORDER_TIMEOUT';
/** 503: this gateway has no order execution configured (`zvt start` without a trading venue); orders cannot be placed or canceled. */
export const ZVT_ERR_REST_ORDERS_UNAVAILABLE = 'ZVT_ERR_REST_ORDERS_UNAVAILABLE';
/** 400 (per row, in a bulk-ingestion answer): a trade row breaks a rule; `message` names the row and the rule. */
export const ZVT_ERR_REST_TRADE_ROW = 'ZVT_ERR_REST_TRADE_ROW';
/** 503: the store refused or failed the read or write; nothing of the write was confirmed. */
export const ZVT_ERR_REST_STORE_UNAVAILABLE = 'ZVT_ERR_REST_STORE_UNAVAILABLE';
/** 500: a handler threw; the message is generic, the log has the details. */
export const ZVT_ERR_REST_INTERNAL = 'ZVT_ERR_REST_INTERNAL';
/** REST options out of range (thrown at startup, never sent to clients). */
export const ZVT_ERR_REST_OPTIONS = 'ZVT_ERR_REST_OPTIONS';
/** A metric family registered twice on one GatewayMetrics registry (thrown at startup, never sent to clients). */
export const ZVT_ERR_GATEWAY_METRICS = 'ZVT_ERR_GATEWAY_METRICS';

// Dashboard (src/gateway/dashboard).

/** The dashboard's static files or the package root could not be found (a broken install; thrown at startup). */
export const ZVT_ERR_GATEWAY_DASHBOARD_FILES = 'ZVT_ERR_GATEWAY_DASHBOARD_FILES';

// Binary order entry over WebSocket (src/gateway/orders-ws, /v1/orders). Problems a client causes are
// answered on the wire (Reject, LogonReject, close codes; docs/orders.md), never thrown.

/** /v1/orders route options out of range or missing (handler, credentials, limits; thrown at startup). */
export const ZVT_ERR_ORDERS_WS_OPTIONS = 'ZVT_ERR_ORDERS_WS_OPTIONS';
/** The /v1/orders Node client could not connect, its Logon was refused (details.reason), or the connection closed while it waited. */
export const ZVT_ERR_ORDERS_WS_CLIENT = 'ZVT_ERR_ORDERS_WS_CLIENT';
