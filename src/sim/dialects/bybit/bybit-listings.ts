// Bybit listings by (category, symbol): the symbol on Bybit's wire is base + quote for spot pairs and USDT perpetuals alike.
import type { SimExchange, SimListing } from '../../exchange/sim-exchange-contract.js';
import type { BybitCategory } from './bybit-ids.js';

/*
 * Bybit names the spot pair and the USDT perpetual of the same coins identically (BTCUSDT on
 * /v5/public/spot and on /v5/public/linear; `category` tells them apart in REST). The exchange
 * names its listings by `native`, which must be unique per exchange, so the dialect does not
 * write `native` on the wire: it writes base + quote, Bybit's symbol for every spot pair and
 * every USDT/USDC linear perpetual, and keeps `native` as the key it gives the exchange.
 */

export function bybitWireSymbol(listing: SimListing): string {
  return `${listing.instrument.base}${listing.instrument.quote}`;
}

/** The Bybit category of a listing, or undefined when the dialect does not serve it. */
export function bybitCategoryOf(listing: SimListing): BybitCategory | undefined {
  return listing.category === 'spot' || listing.category === 'linear' ? listing.category : undefined;
}

export function isBybitCategory(text: string): text is BybitCategory {
  return text === 'spot' || text === 'linear';
}

/** Categories Bybit has; the simulator lists instruments only in spot and linear, the others answer empty lists. */
export const BYBIT_ALL_CATEGORIES = ['spot', 'linear', 'inverse', 'option'] as const;
export type BybitAnyCategory = (typeof BYBIT_ALL_CATEGORIES)[number];

export function isBybitAnyCategory(text: string): text is BybitAnyCategory {
  return (BYBIT_ALL_CATEGORIES as readonly string[]).includes(text);
}

/** Lookup of the exchange's listings the way Bybit requests name them. */
export class BybitListings {
  private readonly bySymbol = new Map<string, SimListing>();
  private readonly byCanonical = new Map<string, SimListing>();

  constructor(exchange: SimExchange) {
    for (const listing of exchange.listings) {
      const category = bybitCategoryOf(listing);
      if (category === undefined) continue;
      this.bySymbol.set(`${category}:${bybitWireSymbol(listing)}`, listing);
      this.byCanonical.set(listing.instrument.canonical, listing);
    }
  }

  find(category: BybitCategory, symbol: string): SimListing | undefined {
    return this.bySymbol.get(`${category}:${symbol}`);
  }

  byCanonicalSymbol(canonical: string): SimListing | undefined {
    return this.byCanonical.get(canonical);
  }

  /** Listings of a category, sorted by symbol (Bybit's instruments order). */
  ofCategory(category: BybitCategory): SimListing[] {
    return [...this.bySymbol.entries()]
      .filter(([key]) => key.startsWith(`${category}:`))
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
      .map(([, listing]) => listing);
  }
}
