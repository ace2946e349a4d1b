// A minimal signed Bybit v5 REST client for tests: X-BAPI-* headers, HMAC-SHA256 of timestamp + key + recvWindow + (query | JSON body).
import { createHmac } from 'node:crypto';

export interface BybitAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** The JSON body (or the text when the answer is not JSON). */
  readonly body: BybitBody;
}

export interface BybitBody {
  readonly retCode: number;
  readonly retMsg: string;
  readonly result: Record<string, unknown>;
  readonly retExtInfo: unknown;
  readonly time: number;
}

export interface BybitClientOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly secret: string;
  readonly recvWindow?: string;
}

export interface SignOverrides {
  /** X-BAPI-TIMESTAMP (ms); default now. */
  readonly timestampMs?: number;
  /** Sign with this secret instead. */
  readonly secret?: string;
}

async function answerOf(response: Response): Promise<BybitAnswer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body: body as BybitBody };
}

export class BybitSignedClient {
  constructor(private readonly options: BybitClientOptions) {}

  async publicGet(path: string, params: Readonly<Record<string, string>> = {}): Promise<BybitAnswer> {
    const query = new URLSearchParams(params).toString();
    return answerOf(await fetch(`${this.options.baseUrl}${path}${query === '' ? '' : `?${query}`}`));
  }

  private headers(payload: string, overrides: SignOverrides): Record<string, string> {
    const timestamp = String(overrides.timestampMs ?? Date.now());
    const recvWindow = this.options.recvWindow ?? '5000';
    const sign = createHmac('sha256', overrides.secret ?? this.options.secret)
      .update(timestamp + this.options.apiKey + recvWindow + payload)
      .digest('hex');
    return { 'X-BAPI-API-KEY': this.options.apiKey, 'X-BAPI-TIMESTAMP': timestamp, 'X-BAPI-RECV-WINDOW': recvWindow, 'X-BAPI-SIGN': sign };
  }

  /** A signed GET: the query string signed exactly as sent. */
  async get(path: string, params: Readonly<Record<string, string>>, overrides: SignOverrides = {}): Promise<BybitAnswer> {
    const query = new URLSearchParams(params).toString();
    const response = await fetch(`${this.options.baseUrl}${path}${query === '' ? '' : `?${query}`}`, { headers: this.headers(query, overrides) });
    return answerOf(response);
  }

  /** A signed POST: the raw JSON body signed. */
  async post(path: string, body: Readonly<Record<string, unknown>>, overrides: SignOverrides = {}): Promise<BybitAnswer> {
    const text = JSON.stringify(body);
    const response = await fetch(`${this.options.baseUrl}${path}`, {
      method: 'POST',
      headers: { ...this.headers(text, overrides), 'Content-Type': 'application/json' },
      body: text,
    });
    return answerOf(response);
  }
}
