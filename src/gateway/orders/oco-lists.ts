// OCO bookkeeping both handlers keep themselves (neither venue leg has an OCO of two orders placed by client id): the list's checks, and triggering it once.
import type { OrderListRequest, OrderRejectReason, OrderSpec } from './order-entry-handler.js';
import type { OcoGroup } from './order-record.js';
import type { OrderRefusal } from './order-request-checks.js';

/** The text the other legs are reported with when a list is refused as a whole because of one leg. */
export const OCO_OTHER_REJECTED = 'OCO: the other order of the list was rejected';

/**
 * Refuses a list that cannot be placed as it stands: not exactly two orders, a client id twice,
 * or a leg that `checkNew` refuses (that leg with its reason, the other as list_rejected). Every
 * leg is reported through `reject`; true when the list was refused.
 */
export function refuseOcoList(
  request: OrderListRequest,
  checkNew: (spec: OrderSpec) => OrderRefusal | null,
  reject: (spec: OrderSpec, reason: OrderRejectReason, text: string) => void,
): boolean {
  const legs = request.orders;
  const rejectAll = (text: string, except?: { spec: OrderSpec; refusal: OrderRefusal }): true => {
    for (const leg of legs) {
      if (leg === except?.spec) reject(leg, except.refusal.reason, except.refusal.text);
      else reject(leg, 'list_rejected', text);
    }
    return true;
  };
  if (legs.length !== 2) return rejectAll(`An OCO list has exactly two orders, not ${legs.length}`);
  if (legs[0]!.clientOrderId === legs[1]!.clientOrderId) return rejectAll('The orders of a list need distinct ClOrdIDs');
  for (const leg of legs) {
    const refusal = checkNew(leg);
    if (refusal !== null) return rejectAll(OCO_OTHER_REJECTED, { spec: leg, refusal });
  }
  return false;
}

export function newOcoGroup<O>(listId: string): OcoGroup<O> {
  return { listId, legs: [], triggered: false };
}

/**
 * `leg` executed (even partly) or ended: the first time in its group, `cancelOther` is called for
 * every other leg (how and when the cancel reaches the venue is the handler's) and the answer is
 * true. Later triggers, and orders of no list, do nothing and answer false.
 */
export function triggerOco<O extends { readonly oco: OcoGroup<O> | null }>(leg: O, cancelOther: (other: O) => void): boolean {
  const group = leg.oco;
  if (group === null || group.triggered) return false;
  group.triggered = true;
  for (const other of group.legs) if (other !== leg) cancelOther(other);
  return true;
}
