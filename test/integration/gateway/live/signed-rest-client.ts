// A small REST client for tests of a running gateway: public GETs and signed calls (the documented HMAC headers), JSON bodies parsed with bigint-free JSON.
import { signedRequestHeaders } from '../../../../src/gateway/auth/request-signature.js';

export interface RestKey {
  readonly keyId: string;
  readonly secret: string;
}

export interface RestAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly text: string;
}

export class SignedRestClient {
  constructor(
    readonly baseUrl: string,
    private readonly key: RestKey,
  ) {}

  /** An unsigned request (public routes, or to see a signed route refuse it). */
  async plain(method: string, pathWithQuery: string, body?: unknown): Promise<RestAnswer> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    return answerOf(await fetch(`${this.baseUrl}${pathWithQuery}`, { method, ...(text === undefined ? {} : { body: text, headers: { 'content-type': 'application/json' } }) }));
  }

  /** A request signed with the key: timestamp now, signature over timestamp + METHOD + path + body. */
  async signed(method: string, pathWithQuery: string, body?: unknown): Promise<RestAnswer> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = signedRequestHeaders(this.key, method, pathWithQuery, text, Date.now());
    if (body !== undefined) headers['content-type'] = 'application/json';
    return answerOf(await fetch(`${this.baseUrl}${pathWithQuery}`, { method, headers, ...(body === undefined ? {} : { body: text }) }));
  }
}

async function answerOf(response: Response): Promise<RestAnswer> {
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // /metrics is text; the caller reads `text`.
  }
  return { status: response.status, body, text };
}

/** The error code of an error answer ({"error": {"code": ...}}), or undefined. */
export function errorCodeOf(answer: RestAnswer): string | undefined {
  const error = answer.body.error as { code?: string } | undefined;
  return error?.code;
}

/** The value of one sample line of the Prometheus text (`name{labels} value`), or undefined when absent. */
export function metricValue(text: string, name: string, labels = ''): number | undefined {
  const prefix = labels === '' ? `${name} ` : `${name}{${labels}} `;
  const line = text.split('\n').find((candidate) => candidate.startsWith(prefix));
  return line === undefined ? undefined : Number(line.slice(prefix.length));
}
