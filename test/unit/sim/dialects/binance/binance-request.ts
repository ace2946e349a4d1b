// Test helper: a SimHttpRequest as the server hands it to the Binance dialect.
import type { SimHttpRequest } from '../../../../../src/sim/server/sim-dialect.js';

export function binanceRequest(method: string, pathAndQuery: string, options: { body?: string; headers?: Record<string, string>; receivedMs?: number; clientAddress?: string } = {}): SimHttpRequest {
  const question = pathAndQuery.indexOf('?');
  const path = question < 0 ? pathAndQuery : pathAndQuery.slice(0, question);
  const rawQuery = question < 0 ? '' : pathAndQuery.slice(question + 1);
  return {
    method,
    path,
    rawQuery,
    query: new URLSearchParams(rawQuery),
    headers: options.headers ?? {},
    body: options.body ?? '',
    receivedMs: options.receivedMs ?? Date.now(),
    clientAddress: options.clientAddress ?? '127.0.0.1',
  };
}
