// One uWS HTTP request/response: bounded body reading, abort tracking and corked writes — the uWS rules in one place.
//
// uWS rules this class enforces:
// - HttpRequest is valid only inside the route callback: everything needed is copied out there.
// - HttpResponse is valid until it is ended or aborted: onAborted is registered first, and every
//   later write checks `aborted` (writing to an aborted response crashes the process).
// - Writes outside the route callback (after an await) are corked: one syscall, not one per header.
// - onData chunks are only valid inside their callback: each is copied into the bounded buffer.
import type { HttpResponse } from 'uWebSockets.js';

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  207: 'Multi-Status',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export type BodyResult = { readonly ok: true; readonly body: Buffer } | { readonly ok: false; readonly reason: 'too_large' | 'aborted' };

export class HttpExchange {
  private abortedFlag = false;
  private ended = false;
  private onAbort: (() => void) | null = null;

  constructor(private readonly res: HttpResponse) {
    res.onAborted(() => {
      this.abortedFlag = true;
      this.onAbort?.();
    });
  }

  get aborted(): boolean {
    return this.abortedFlag;
  }

  /** The client address as text (IPv4 dotted or IPv6). Call inside the route callback. */
  remoteAddress(): string {
    return Buffer.from(this.res.getRemoteAddressAsText()).toString('latin1');
  }

  /**
   * Reads the body up to `limitBytes`. `declaredLength` is the Content-Length header ('' when absent):
   * a bodiless GET or DELETE without one resolves at once (uWS would not call onData for it).
   */
  readBody(limitBytes: number, declaredLength: string, expectBody: boolean): Promise<BodyResult> {
    if (declaredLength !== '' && /^\d+$/.test(declaredLength) && Number(declaredLength) > limitBytes) {
      return Promise.resolve({ ok: false, reason: 'too_large' });
    }
    if (!expectBody && (declaredLength === '' || declaredLength === '0')) return Promise.resolve({ ok: true, body: Buffer.alloc(0) });
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let total = 0;
      let done = false;
      this.onAbort = () => {
        if (done) return;
        done = true;
        resolve({ ok: false, reason: 'aborted' });
      };
      this.res.onData((chunk, isLast) => {
        if (done) return;
        total += chunk.byteLength;
        if (total > limitBytes) {
          done = true;
          resolve({ ok: false, reason: 'too_large' });
          return;
        }
        // The chunk's memory is reused by uWS after this callback returns: copy it.
        chunks.push(Buffer.from(new Uint8Array(chunk).slice()));
        if (isLast) {
          done = true;
          resolve({ ok: true, body: Buffer.concat(chunks, total) });
        }
      });
    });
  }

  /** Writes the whole answer once; a no-op after an abort or a previous answer. `close` asks uWS to close the connection after it. */
  send(status: number, headers: Readonly<Record<string, string>>, body: string | Buffer, close = false): void {
    if (this.abortedFlag || this.ended) return;
    this.ended = true;
    this.res.cork(() => {
      this.res.writeStatus(`${status} ${STATUS_TEXT[status] ?? 'Unknown'}`);
      for (const [name, value] of Object.entries(headers)) this.res.writeHeader(name, value);
      this.res.end(body, close);
    });
  }
}
