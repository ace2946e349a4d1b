// Signs REST requests in the browser with WebCrypto: hex HMAC-SHA256(secret, timestamp + METHOD + pathWithQuery + body), the headers of docs/rest.md.
//
// The secret is imported once into a non-extractable CryptoKey and not kept as text: after
// `RequestSigner.create` the page holds no copy a script could read back, only the ability to sign.
// Uses only WebCrypto and TextEncoder, so the same module runs under Node for the unit test that
// compares it with the server's `signRequest`.

const encoder = new TextEncoder();

export interface SignedHeaders {
  readonly 'ZVT-API-KEY': string;
  readonly 'ZVT-API-TIMESTAMP': string;
  readonly 'ZVT-API-SIGNATURE': string;
}

/**
 * The bytes the server signs: timestamp, method and target as latin1 (one byte per character, as
 * Node's `update(text, 'latin1')`), then the body as UTF-8. Request targets are ASCII (the page
 * percent-encodes path parts); latin1 here keeps the two sides equal for any text anyway.
 */
export function signedBytes(timestamp: string, method: string, pathWithQuery: string, body: string): Uint8Array<ArrayBuffer> {
  const head = `${timestamp}${method.toUpperCase()}${pathWithQuery}`;
  const tail = encoder.encode(body);
  const bytes = new Uint8Array(head.length + tail.length);
  for (let index = 0; index < head.length; index++) bytes[index] = head.charCodeAt(index) & 0xff;
  bytes.set(tail, head.length);
  return bytes;
}

function hex(buffer: ArrayBuffer): string {
  let text = '';
  for (const byte of new Uint8Array(buffer)) text += byte.toString(16).padStart(2, '0');
  return text;
}

/** WebCrypto's CryptoKey, named through the API so the module also type-checks under Node's types (no DOM lib there). */
type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

export class RequestSigner {
  private constructor(
    readonly keyId: string,
    private readonly key: HmacKey,
  ) {}

  /** Imports the secret (UTF-8, as the server reads it) as a non-extractable HMAC SHA-256 key. */
  static async create(keyId: string, secret: string): Promise<RequestSigner> {
    const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return new RequestSigner(keyId, key);
  }

  /** Lower-case hex signature of the request parts. */
  async signature(timestamp: string, method: string, pathWithQuery: string, body: string): Promise<string> {
    return hex(await crypto.subtle.sign('HMAC', this.key, signedBytes(timestamp, method, pathWithQuery, body)));
  }

  /** The three headers of a request sent at `nowMs` (epoch ms); sign each request anew (the server refuses replays). */
  async headers(method: string, pathWithQuery: string, body: string, nowMs: number): Promise<SignedHeaders> {
    const timestamp = String(Math.trunc(nowMs));
    return {
      'ZVT-API-KEY': this.keyId,
      'ZVT-API-TIMESTAMP': timestamp,
      'ZVT-API-SIGNATURE': await this.signature(timestamp, method, pathWithQuery, body),
    };
  }
}
