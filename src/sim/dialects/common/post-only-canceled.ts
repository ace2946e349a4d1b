// A post-only order the matching engine refused as taking liquidity, as venues that accept and then cancel it report it: canceled, nothing filled.
import type { SimOrder, SimOrderRequest } from '../../matching/matching-types.js';

/*
 * The matching engine answers a crossing post-only request with post_only_would_take and keeps no
 * order. Bybit (rejectReason EC_PostOnlyWillTakeLiquidity) and OKX instead accept such an order and
 * cancel it at once, so their dialects record this order themselves and show it in their queries
 * and pushes. The order id is the dialect's: it numbers these records its own way.
 */
export function postOnlyCanceledOrder(
  request: SimOrderRequest,
  order: { readonly orderId: number; readonly accountId: string; readonly clientOrderId: string; readonly feeAsset: string; readonly nowMs: number },
): SimOrder {
  return {
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    accountId: order.accountId,
    canonical: request.canonical,
    side: request.side,
    type: request.type,
    timeInForce: request.timeInForce,
    postOnly: true,
    priceTicks: request.priceTicks ?? null,
    sizeLots: request.sizeLots ?? 0,
    quoteSize: null,
    filledLots: 0,
    filledTickLots: 0n,
    fee: '0',
    feeAsset: order.feeAsset,
    status: 'canceled',
    createdMs: order.nowMs,
    updatedMs: order.nowMs,
  };
}
