// Signed REST calls from the page (fetch + RequestSigner) and their answers sorted into success, a ZVT error body, no REST at all, or no answer.
import type { RequestSigner } from './request-signer.js';

export type RestAnswer =
  | { readonly kind: 'ok'; readonly status: number; readonly body: unknown }
  /** The API's error body `{error: {code, message, reason?}}` (docs/rest.md). */
  | { readonly kind: 'refused'; readonly status: number; readonly code: string; readonly message: string; readonly reason: string | null }
  /** An answer that is not the REST API's: the gateway's plain 404 when REST is not mounted, a proxy's page … */
  | { readonly kind: 'not-rest'; readonly status: number; readonly text: string }
  | { readonly kind: 'unreachable'; readonly message: string };

/** Refusals meaning the key itself is not accepted (as opposed to one order being refused). */
export const KEY_REFUSAL_CODES: ReadonlySet<string> = new Set(['ZVT_ERR_AUTH_MISSING', 'ZVT_ERR_AUTH_UNKNOWN_KEY', 'ZVT_ERR_AUTH_SIGNATURE', 'ZVT_ERR_AUTH_FORBIDDEN']);

function errorBody(value: unknown): { code: string; message: string; reason: string | null } | null {
  if (typeof value !== 'object' || value === null || !('error' in value)) return null;
  const error: unknown = value.error;
  if (typeof error !== 'object' || error === null || !('code' in error) || typeof error.code !== 'string') return null;
  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
  const reason = 'reason' in error && typeof error.reason === 'string' ? error.reason : null;
  return { code: error.code, message, reason };
}

export class SignedRest {
  /** `clockMs`: the epoch ms to sign with (the page corrects its clock by the server's heartbeat when it can). */
  constructor(
    readonly signer: RequestSigner,
    private readonly clockMs: () => number,
  ) {}

  async call(method: 'GET' | 'POST' | 'DELETE', pathWithQuery: string, body?: unknown): Promise<RestAnswer> {
    const text = body === undefined ? '' : JSON.stringify(body);
    let response: Response;
    try {
      const headers: Record<string, string> = { ...(await this.signer.headers(method, pathWithQuery, text, this.clockMs())) };
      if (body !== undefined) headers['content-type'] = 'application/json';
      response = await fetch(pathWithQuery, { method, headers, cache: 'no-store', ...(body === undefined ? {} : { body: text }) });
    } catch (error: unknown) {
      return { kind: 'unreachable', message: error instanceof Error ? error.message : String(error) };
    }
    const answer = await response.text();
    let parsed: unknown = undefined;
    if ((response.headers.get('content-type') ?? '').includes('application/json')) {
      try {
        parsed = JSON.parse(answer) as unknown;
      } catch {
        parsed = undefined;
      }
    }
    if (parsed === undefined) return { kind: 'not-rest', status: response.status, text: answer.trim().slice(0, 200) };
    if (response.ok) return { kind: 'ok', status: response.status, body: parsed };
    const error = errorBody(parsed);
    return error === null ? { kind: 'not-rest', status: response.status, text: answer.trim().slice(0, 200) } : { kind: 'refused', status: response.status, ...error };
  }
}

/** One line for the user: status, code and the server's message. */
export function describeAnswer(answer: RestAnswer): string {
  switch (answer.kind) {
    case 'ok':
      return `${answer.status}`;
    case 'refused':
      return `${answer.status} ${answer.code}${answer.reason === null ? '' : ` (${answer.reason})`}: ${answer.message}`;
    case 'not-rest':
      return answer.status === 404 ? `the gateway serves no REST API (404${answer.text === '' ? '' : `: ${answer.text}`})` : `HTTP ${answer.status} without the API's JSON${answer.text === '' ? '' : `: ${answer.text}`}`;
    case 'unreachable':
      return `no answer from the gateway: ${answer.message}`;
  }
}
