// Reads one text frame a client sent to an OKX v5 WebSocket: the "ping" heartbeat, or {"id"?,"op":..,"args":[..]}.

/*
 * https://www.okx.com/docs-v5/en/#overview-websocket-connect and -subscribe: the client sends the
 * text "ping" (answered "pong") or a JSON request {"id":"1512","op":"subscribe","args":[{...}]};
 * `id` (optional, up to 32 alphanumerics) is echoed in the answers.
 */

export type OkxWsRequest =
  | { readonly kind: 'ping' }
  | { readonly kind: 'op'; readonly op: string; readonly args: readonly unknown[]; readonly id: string | undefined }
  | { readonly kind: 'invalid'; readonly id: string | undefined };

const ID_PATTERN = /^[A-Za-z0-9]{1,32}$/;

export function readWsRequest(text: string): OkxWsRequest {
  if (text === 'ping') return { kind: 'ping' };
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { kind: 'invalid', id: undefined };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return { kind: 'invalid', id: undefined };
  const fields = message as Record<string, unknown>;
  const id = typeof fields.id === 'string' && ID_PATTERN.test(fields.id) ? fields.id : undefined;
  if (typeof fields.op !== 'string' || !Array.isArray(fields.args)) return { kind: 'invalid', id };
  return { kind: 'op', op: fields.op, args: fields.args as unknown[], id };
}

/** A short random connection id, as OKX's `connId` ("a4d3ae55"). */
export function newConnectionId(): string {
  return Math.floor(Math.random() * 0x1_0000_0000)
    .toString(16)
    .padStart(8, '0');
}
