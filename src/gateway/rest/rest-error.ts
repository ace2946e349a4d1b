// RestError: a refusal a handler throws with an HTTP status, a stable code and extra JSON fields; the router turns it into `{ "error": { code, message, ... } }`.
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'RestError';
  }
}

/** The JSON body of every error answer. */
export function errorBody(code: string, message: string, extra: Readonly<Record<string, unknown>> = {}): { error: Record<string, unknown> } {
  return { error: { code, message, ...extra } };
}
