// A small OKX v5 client for the tests: signed REST requests as the documentation describes them, and a WebSocket that records frames.
import { createHmac } from 'node:crypto';
import WebSocket from 'ws';

export interface OkxCredentials {
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase: string;
}

export interface OkxAnswer {
  readonly status: number;
  readonly body: { code: string; msg: string; data: Record<string, unknown>[] } & Record<string, unknown>;
}

function sign(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64');
}

/** A REST request, signed when credentials are given (timestamp + METHOD + path?query + body). */
export async function okxRequest(restUrl: string, method: 'GET' | 'POST', pathAndQuery: string, body?: unknown, credentials?: OkxCredentials): Promise<OkxAnswer> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (credentials !== undefined) {
    const timestamp = new Date().toISOString();
    headers['OK-ACCESS-KEY'] = credentials.apiKey;
    headers['OK-ACCESS-PASSPHRASE'] = credentials.passphrase;
    headers['OK-ACCESS-TIMESTAMP'] = timestamp;
    headers['OK-ACCESS-SIGN'] = sign(credentials.secret, `${timestamp}${method}${pathAndQuery}${text}`);
  }
  const response = await fetch(`${restUrl}${pathAndQuery}`, { method, headers, ...(method === 'POST' ? { body: text } : {}) });
  return { status: response.status, body: (await response.json()) as OkxAnswer['body'] };
}

/** The login op's argument for these credentials now. */
export function loginArgument(credentials: OkxCredentials, nowMs = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return { apiKey: credentials.apiKey, passphrase: credentials.passphrase, timestamp, sign: sign(credentials.secret, `${timestamp}GET/users/self/verify`) };
}

/** A WebSocket client that keeps every text frame it receives, parsed when JSON. */
export class RecordingSocket {
  readonly frames: string[] = [];
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => this.frames.push(data.toString('utf8')));
  }

  static async open(url: string): Promise<RecordingSocket> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new RecordingSocket(socket);
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Parsed JSON frames (the text "pong" is left out). */
  messages(): Record<string, unknown>[] {
    return this.frames.filter((frame) => frame.startsWith('{')).map((frame) => JSON.parse(frame) as Record<string, unknown>);
  }

  /** Waits until some frame satisfies `match`, and returns it. */
  async waitFor(what: string, match: (message: Record<string, unknown>) => boolean, timeoutMs = 5_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages().find(match);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${this.frames.slice(-5).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.socket.close();
  }
}
