// Per-account index of every client order id a handler has seen, for lookups and for refusing a client id used before.
//
// An id stays taken for as long as its order is tracked, even after the order moved on to a
// cancel or replace id: a reused id would make the older order unreachable by it.

/** What the registry needs of an order: its account and the chain of client ids it had. */
export interface ClientIdentified {
  readonly accountId: string;
  readonly clientOrderIds: Set<string>;
  clientOrderId: string;
  origClientOrderId: string | null;
}

export class ClientOrderRegistry<O extends ClientIdentified> {
  private readonly byClientId = new Map<string, O>();

  /** True when `clientOrderId` is taken in `accountId` (by any id of any tracked order). */
  has(accountId: string, clientOrderId: string): boolean {
    return this.byClientId.has(clientKey(accountId, clientOrderId));
  }

  /** The order of `accountId` that a request names: `byVenueId` (the order found by the venue id given, if any) when it is this account's, else the one with that client id. */
  find(accountId: string, clientOrderId: string, byVenueId?: O): O | undefined {
    if (byVenueId !== undefined && byVenueId.accountId === accountId) return byVenueId;
    return this.byClientId.get(clientKey(accountId, clientOrderId));
  }

  /** Starts tracking a new order under its (only) client id. */
  register(order: O): void {
    this.byClientId.set(clientKey(order.accountId, order.clientOrderId), order);
  }

  /** The order takes an accepted cancel or replace request's id: the current one becomes its origClientOrderId. */
  adopt(order: O, clientOrderId: string): void {
    order.origClientOrderId = order.clientOrderId;
    order.clientOrderId = clientOrderId;
    order.clientOrderIds.add(clientOrderId);
    this.byClientId.set(clientKey(order.accountId, clientOrderId), order);
  }

  /** Frees one id again (a replacement the venue refused); the caller restores the order's current and original ids. */
  withdraw(order: O, clientOrderId: string): void {
    this.byClientId.delete(clientKey(order.accountId, clientOrderId));
    order.clientOrderIds.delete(clientOrderId);
  }

  /** Forgets the order and frees every id it had (it was refused, so the ids were never used at a venue). */
  untrack(order: O): void {
    for (const id of order.clientOrderIds) this.byClientId.delete(clientKey(order.accountId, id));
  }
}

/** The (account, client id) pair as one map key. */
function clientKey(accountId: string, clientOrderId: string): string {
  return `${accountId}\u0000${clientOrderId}`;
}
