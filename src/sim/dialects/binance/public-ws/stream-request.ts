// Binance's WebSocket stream request envelope ({"method","params","id"}): reading it, and its error replies.
/*
 * web-socket-streams.md, "Live Subscribing/Unsubscribing": id is a 64-bit integer, an alphanumeric
 * string of up to 36 characters or null; errors are {"error":{"code","msg"},"id"} with the
 * documented codes. Shared by the live dialect (stream-session.ts) and the replay server's raw
 * endpoint (replay/binance-raw-stream.ts), which answer the methods themselves.
 */

/** Binance's stream error codes (web-socket-streams.md, "Error Messages"). */
export const STREAM_ERROR = { unknownProperty: 0, invalidValueType: 1, invalidRequest: 2, invalidJson: 3 } as const;

export type StreamRequestId = number | string | null;

/** The request's fields as sent, or the error reply for a frame that is not a request object with a valid id. */
export type StreamRequestRead = { readonly ok: true; readonly method: unknown; readonly params: unknown; readonly id: StreamRequestId } | { readonly ok: false; readonly reply: string };

export function readStreamRequest(text: string): StreamRequestRead {
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch (error) {
    return { ok: false, reply: streamErrorReply(STREAM_ERROR.invalidJson, `Invalid JSON: ${(error as Error).message}`, null) };
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return { ok: false, reply: streamErrorReply(STREAM_ERROR.invalidRequest, 'Invalid request: expected an object', null) };
  const { method, params, id: rawId } = request as { method?: unknown; params?: unknown; id?: unknown };
  const id = requestId(rawId);
  if (id === undefined) return { ok: false, reply: streamErrorReply(STREAM_ERROR.invalidRequest, 'Invalid request: request ID must be an unsigned integer', null) };
  return { ok: true, method, params, id };
}

export function streamErrorReply(code: number, msg: string, id: StreamRequestId): string {
  return JSON.stringify({ error: { code, msg }, id });
}

/** Binance accepts a 64-bit integer, an alphanumeric string of at most 36 characters, or null. */
function requestId(id: unknown): StreamRequestId | undefined {
  if (id === null) return null;
  if (typeof id === 'number' && Number.isInteger(id)) return id;
  if (typeof id === 'string' && /^[A-Za-z0-9]{1,36}$/.test(id)) return id;
  return undefined;
}
