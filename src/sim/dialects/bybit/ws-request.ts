// A Bybit v5 WebSocket request as a client sends it ({"op","args","req_id"}), read from a text frame; public and private connections alike.

export interface BybitWsRequest {
  readonly op?: unknown;
  readonly args?: unknown;
  readonly req_id?: unknown;
}

/** The request and its req_id (echoed in answers when a string), or null when the frame is not a JSON object. */
export function readBybitWsRequest(text: string): { readonly request: BybitWsRequest; readonly requestId: string | undefined } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const request = parsed as BybitWsRequest;
  return { request, requestId: typeof request.req_id === 'string' ? request.req_id : undefined };
}
