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
