// Reads one HTTP request of the simulator into a SimHttpRequest: raw query and body kept as sent, header names lower-case.
import type { IncomingMessage } from 'node:http';
import type { SimHttpRequest } from './sim-dialect.js';

/** Largest request body the simulator reads; a bigger one is answered 413 (venues' order bodies are a few hundred bytes). */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/**
 * The body as UTF-8 text, or null when it is over `limit` bytes (declared or sent). Past the limit
 * the rest is read and discarded, never kept: the caller answers 413 and memory stays bounded.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    const chunks: Buffer[] = [];
    let size = 0;
    let over = declared > limit;
    if (over) {
      resolve(null);
      req.resume();
      return;
    }
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
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
