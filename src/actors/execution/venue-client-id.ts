// The client order id a venue order carries for one of our client orders: derived, so a lost answer can be looked up by it.
import { createHash } from 'node:crypto';

/** Letters and digits only, 32 characters: within every venue's rules (OKX: 32 alphanumerics, Binance: 36 of [.A-Z:/a-z0-9_-]). */
export const VENUE_CLIENT_ORDER_ID_LENGTH = 32;

/**
 * "zvt" + 29 hex digits of SHA-256(account, client id). Our client ids (FIX ClOrdIDs) may hold
 * any character and be 100+ long; the venue's may not. Derived rather than random so the same
 * request always maps to the same venue id: a retry after a timeout is recognised by the venue
 * (an open order holds the id) and can be looked up by it. Two accounts never share one.
 */
export function venueClientOrderId(accountId: string, clientOrderId: string): string {
  const digest = createHash('sha256').update(accountId).update('\u0000').update(clientOrderId).digest('hex');
  return `zvt${digest.slice(0, VENUE_CLIENT_ORDER_ID_LENGTH - 3)}`;
}
