// Reads one HTTP request of the simulator into a SimHttpRequest: raw query and body kept as sent, header names lower-case.
import type { IncomingMessage } from 'node:http';
import type { SimHttpRequest } from './sim-dialect.js';

/** Largest request body the simulator reads; a bigger one is answered 413 (venues' order bodies are a few hundred bytes). */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

export type BodyReading = { readonly kind: 'body'; readonly text: string } | { readonly kind: 'too-large' } | { readonly kind: 'aborted' };

/**
 * The body as UTF-8 text; 'too-large' when it is over `limit` bytes (declared or sent), and the
 * rest is read and discarded, never kept (the caller answers 413); 'aborted' when the client went
 * away before the end (nobody to answer).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyReading> {
  return new Promise((resolve) => {
    if (Number(req.headers['content-length'] ?? '0') > limit) {
      req.resume();
      resolve({ kind: 'too-large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (reading: BodyReading): void => {
      if (settled) return;
      settled = true;
      chunks.length = 0;
      resolve(reading);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) settle({ kind: 'too-large' });
      else chunks.push(chunk);
    });
    req.on('end', () => settle({ kind: 'body', text: Buffer.concat(chunks).toString('utf8') }));
    // 'close' before 'end': the client is gone (an 'error' is followed by 'close').
    req.on('error', () => undefined);
    req.on('close', () => settle({ kind: 'aborted' }));
  });
}

/** Header names lower-case; a repeated header's values joined with ", " in arrival order (rawHeaders keeps them all). */
function joinHeaders(rawHeaders: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index]!.toLowerCase();
    const value = rawHeaders[index + 1]!;
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return headers;
}

/** The request as a dialect sees it; `url` split at its first `?`, nothing decoded or reordered. */
export function toSimRequest(req: IncomingMessage, body: string, receivedMs: number): SimHttpRequest {
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  const rawQuery = mark < 0 ? '' : url.slice(mark + 1);
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: mark < 0 ? url : url.slice(0, mark),
    rawQuery,
    query: new URLSearchParams(rawQuery),
    headers: joinHeaders(req.rawHeaders),
    body,
    receivedMs,
    clientAddress: req.socket.remoteAddress ?? '',
  };
}
