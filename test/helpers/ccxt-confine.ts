// Points a ccxt exchange at a simulator server and makes sure it can reach nothing else (every URL under urls.api moved, fetch guarded).
import type { Exchange } from 'ccxt';

const ORIGIN = /^(https?|wss?):\/\/[^/]+/;

export interface ConfineOptions {
  /** Where each request is noted (default: a new list, returned). */
  readonly requests?: string[];
  /** How a request is noted; default "GET http://127.0.0.1:…/api/v5/…" (method and whole URL). */
  readonly describe?: (method: string, url: string) => string;
}

/**
 * Every string under `urls.api` (including `{hostname}` templates) gets the simulator's origin,
 * path kept; ccxt's one REST choke point, `fetch`, throws before opening a socket anywhere but
 * the simulator. Returns the requests ccxt made.
 */
export function confineToSimulator(exchange: Exchange, restUrl: string, wsUrl: string, options: ConfineOptions = {}): { requests: string[] } {
  const origin = new URL(restUrl).host;
  const localise = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(ORIGIN, (_match, scheme: string) => (scheme.startsWith('ws') ? wsUrl : restUrl));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, localise(inner)]));
    return value;
  };
  exchange.urls.api = localise(exchange.urls.api) as typeof exchange.urls.api;
  const requests = options.requests ?? [];
  const describe = options.describe ?? ((method: string, url: string): string => `${method} ${url}`);
  const fetch = exchange.fetch.bind(exchange);
  exchange.fetch = async (url: unknown, method = 'GET', headers?: unknown, body?: unknown): Promise<unknown> => {
    if (typeof url !== 'string' || new URL(url).host !== origin) throw new Error(`ccxt tried to reach ${String(url)}; only ${origin} is allowed`);
    requests.push(describe(method, url));
    return (await fetch(url, method, headers, body)) as unknown;
  };
  return { requests };
}

/** Every URL string under a ccxt `urls` subtree. */
export function allUrls(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(allUrls);
  return [];
}
