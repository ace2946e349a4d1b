// A minimal signed Binance REST client for tests: HMAC-SHA256 over query + body exactly as rest-api.md's examples, parameters placed where asked.
import { createHmac } from 'node:crypto';

export interface BinanceAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export interface SignedClientOptions {
  readonly baseUrl: string;
  readonly apiKey: string | null;
  readonly secret: string;
}

function formOf(params: Readonly<Record<string, string | number>>): string {
  return new URLSearchParams(Object.entries(params).map(([name, value]): [string, string] => [name, String(value)])).toString();
}

export class BinanceSignedClient {
  constructor(private readonly options: SignedClientOptions) {}

  /** An unsigned request (public endpoints, or USER_STREAM with the key header). */
  async plain(method: string, path: string, params: Readonly<Record<string, string | number>> = {}, withKey = false): Promise<BinanceAnswer> {
    const query = formOf(params);
    const headers: Record<string, string> = {};
    if (withKey && this.options.apiKey !== null) headers['X-MBX-APIKEY'] = this.options.apiKey;
    const response = await fetch(`${this.options.baseUrl}${path}${query === '' ? '' : `?${query}`}`, { method, headers });
    return { status: response.status, headers: response.headers, body: await bodyOf(response) };
  }

  /**
   * A SIGNED request: `timestamp` added (now unless given), signature = HMAC(secret, query + body)
   * appended to the body when there is one, else to the query. `bodyParams` go in a form body.
   */
  async signed(
    method: string,
    path: string,
    queryParams: Readonly<Record<string, string | number>>,
    bodyParams: Readonly<Record<string, string | number>> = {},
    timestampMs: number = Date.now(),
  ): Promise<BinanceAnswer> {
    const inBody = Object.keys(bodyParams).length > 0;
    const query = formOf(inBody ? queryParams : { ...queryParams, timestamp: timestampMs });
    const body = inBody ? formOf({ ...bodyParams, timestamp: timestampMs }) : '';
    const signature = createHmac('sha256', this.options.secret).update(query + body).digest('hex');
    const signedQuery = inBody ? query : `${query}${query === '' ? '' : '&'}signature=${signature}`;
    const signedBody = inBody ? `${body}&signature=${signature}` : undefined;
    const headers: Record<string, string> = {};
    if (this.options.apiKey !== null) headers['X-MBX-APIKEY'] = this.options.apiKey;
    if (signedBody !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(`${this.options.baseUrl}${path}${signedQuery === '' ? '' : `?${signedQuery}`}`, {
      method,
      headers,
      ...(signedBody === undefined ? {} : { body: signedBody }),
    });
    return { status: response.status, headers: response.headers, body: await bodyOf(response) };
  }
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
