// What OKX shows of an order that the exchange does not keep: ordId text, the request's ordType/tdMode/tgtCcy/tag, and post-only orders OKX cancels.
import type { SimOrder } from '../../../matching/matching-types.js';

/*
 * - ordId: OKX order ids are long decimal strings ("680800019749904384"). The exchange numbers its
 *   orders 1, 2, 3 …; they are shown as EXCHANGE_ORDER_ID_OFFSET + id. A post-only order that would
 *   take is not an exchange order (the matching engine refuses it) but OKX accepts it and cancels it
 *   at once (state canceled, cancelSource "31"), so the dialect keeps it itself under ids from
 *   POST_ONLY_CANCEL_ID_OFFSET. Both ranges stay below 2^53.
 * - OKX echoes clOrdId "" when the client sent none, while the exchange always has one; and the
 *   ordType ("post_only", "ioc", "fok" …), tdMode, tgtCcy and tag the client sent are echoed too.
 */

export const EXCHANGE_ORDER_ID_OFFSET = 600_000_000_000_000;
export const POST_ONLY_CANCEL_ID_OFFSET = 900_000_000_000_000;

export type OkxOrdType = 'market' | 'limit' | 'post_only' | 'fok' | 'ioc' | 'optimal_limit_ioc';

export interface OkxOrderMeta {
  readonly ordType: OkxOrdType;
  readonly tdMode: string;
  /** '' when not a spot market order. */
  readonly tgtCcy: string;
  readonly tag: string;
  /** The clOrdId the client sent ('' if none). */
  readonly clOrdId: string;
}

/** An order as OKX renders it: its id text, the exchange's view, what the request said, and why it was canceled. */
export interface OkxOrderRecord {
  readonly ordId: string;
  readonly order: SimOrder;
  readonly meta: OkxOrderMeta | undefined;
  /** OKX cancelSource ("31" post-only would take); '' when the renderer derives it. */
  readonly cancelSource: string;
}

export function exchangeOrdId(orderId: number): string {
  return String(EXCHANGE_ORDER_ID_OFFSET + orderId);
}

/** The exchange order id of an ordId text, or null when it is not one (a post-only cancel, or not an id at all). */
export function exchangeOrderIdOf(ordId: string): number | null {
  if (!/^\d{1,16}$/.test(ordId)) return null;
  const value = Number(ordId);
  return value > EXCHANGE_ORDER_ID_OFFSET && value < POST_ONLY_CANCEL_ID_OFFSET ? value - EXCHANGE_ORDER_ID_OFFSET : null;
}

export class OrderRegistry {
  private readonly metas = new Map<number, OkxOrderMeta>();
  /** The request being placed right now: the exchange reports its order (events) before placeOrder returns. */
  private placing: { readonly accountId: string; readonly meta: OkxOrderMeta; orderId: number | null } | null = null;
  /** Post-only orders OKX accepted and canceled, per account, oldest first. */
  private readonly postOnlyCancelsByAccount = new Map<string, OkxOrderRecord[]>();
  private nextPostOnlyId = 1;

  /**
   * Runs `place` (which calls exchange.placeOrder) with `meta` waiting for the order it creates:
   * the first order of the account reported during the call gets it, so order events pushed
   * synchronously from inside placeOrder already render with the request's clOrdId and ordType.
   */
  withPlacement<T>(accountId: string, meta: OkxOrderMeta, place: () => T): T {
    this.placing = { accountId, meta, orderId: null };
    try {
      return place();
    } finally {
      this.placing = null;
    }
  }

  metaOf(order: SimOrder): OkxOrderMeta | undefined {
    const known = this.metas.get(order.orderId);
    if (known !== undefined) return known;
    const placing = this.placing;
    if (placing !== null && placing.orderId === null && placing.accountId === order.accountId) {
      placing.orderId = order.orderId;
      this.metas.set(order.orderId, placing.meta);
      return placing.meta;
    }
    return undefined;
  }

  record(order: SimOrder): OkxOrderRecord {
    return { ordId: exchangeOrdId(order.orderId), order, meta: this.metaOf(order), cancelSource: '' };
  }

  /** Keeps a post-only order the exchange refused as OKX does: accepted, then canceled with cancelSource 31. */
  addPostOnlyCancel(order: SimOrder, meta: OkxOrderMeta): OkxOrderRecord {
    const record: OkxOrderRecord = { ordId: String(POST_ONLY_CANCEL_ID_OFFSET + this.nextPostOnlyId++), order, meta, cancelSource: '31' };
    let list = this.postOnlyCancelsByAccount.get(order.accountId);
    if (list === undefined) {
      list = [];
      this.postOnlyCancelsByAccount.set(order.accountId, list);
    }
    list.push(record);
    return record;
  }

  postOnlyCancels(accountId: string, canonical?: string): OkxOrderRecord[] {
    return (this.postOnlyCancelsByAccount.get(accountId) ?? []).filter((record) => canonical === undefined || record.order.canonical === canonical);
  }

  /** A post-only cancel by ordId or clOrdId (the latest with that clOrdId). */
  findPostOnlyCancel(accountId: string, canonical: string, ref: { ordId?: string; clOrdId?: string }): OkxOrderRecord | undefined {
    const list = this.postOnlyCancels(accountId, canonical);
    if (ref.ordId !== undefined) return list.find((record) => record.ordId === ref.ordId);
    if (ref.clOrdId !== undefined) return list.findLast((record) => record.meta?.clOrdId === ref.clOrdId);
    return undefined;
  }
}
