// What every Bybit REST handler works with: the exchange, its listings by Bybit symbol, and the public market hub.
import type { SimExchange } from '../../exchange/sim-exchange-contract.js';
import type { SimHttpRequest, SimHttpResponse } from '../../server/sim-dialect.js';
import type { BybitListings } from './bybit-listings.js';
import type { PublicMarketHub } from './public-ws/public-hub.js';

export interface BybitContext {
  readonly exchange: SimExchange;
  readonly listings: BybitListings;
  readonly hub: PublicMarketHub;
}

export type BybitRestHandler = (request: SimHttpRequest, context: BybitContext) => SimHttpResponse;

/** Request parameters of GET (query) or POST (JSON body) as strings; numbers and booleans in a body are kept as their text. */
export class BybitParams {
  private constructor(private readonly values: Readonly<Record<string, string>>) {}

  static ofQuery(query: URLSearchParams): BybitParams {
    const values: Record<string, string> = {};
    for (const [name, value] of query) if (!(name in values)) values[name] = value;
    return new BybitParams(values);
  }

  /** The JSON body's fields, or null when the body is not a JSON object. */
  static ofJsonBody(body: string): BybitParams | null {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body === '' ? '{}' : body);
    } catch {
      return null;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof value === 'string') values[name] = value;
      else if (typeof value === 'number' || typeof value === 'boolean') values[name] = String(value);
    }
    return new BybitParams(values);
  }

  /** The value, or undefined when absent or empty (Bybit treats "" as not sent). */
  text(name: string): string | undefined {
    const value = this.values[name];
    return value === undefined || value === '' ? undefined : value;
  }

  /** An integer parameter: undefined when absent, null when present but not a non-negative integer. */
  integer(name: string): number | undefined | null {
    const value = this.text(name);
    if (value === undefined) return undefined;
    return /^[0-9]{1,16}$/.test(value) ? Number(value) : null;
  }
}
