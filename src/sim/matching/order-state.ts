// The matching engine's mutable record of one participant order, and its frozen SimOrder view.
import { formatDecimalBig } from '../../model/fixed-point.js';
import { LEDGER_DECIMALS } from './ledger-units.js';
import type { SimOrder, SimOrderStatus, SimOrderType, SimSide, SimTimeInForce } from './matching-types.js';

export interface OrderState {
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly accountId: string;
  readonly canonical: string;
  readonly side: SimSide;
  readonly type: SimOrderType;
  readonly timeInForce: SimTimeInForce;
  readonly postOnly: boolean;
  readonly priceTicks: number | null;
  readonly quoteSize: string | null;
  readonly createdMs: number;
  /** Ordered lots; a quote-sized market order sets it to what it filled when it closes. */
  sizeLots: number;
  filledLots: number;
  filledTickLots: bigint;
  /** Σ notional × bps of the fills: the fee paid is ⌈this / 10000⌉, so per-fill rounding never adds up past one unit. */
  feeNumerator: bigint;
  /** Fee paid so far, ledger units of feeAsset. */
  feePaid: bigint;
  readonly feeAsset: string;
  status: SimOrderStatus;
  updatedMs: number;
  /** Still locked for this order, ledger units of reserveAsset (quote for buys, base for sells). */
  reserved: bigint;
  readonly reserveAsset: string;
  /** Synthetic lots ahead of this order at its price (resting orders only). */
  queueAhead: number;
}

export function isOpen(order: OrderState): boolean {
  return order.status === 'new' || order.status === 'partially_filled';
}

export function remainingLots(order: OrderState): number {
  return order.sizeLots - order.filledLots;
}

export function orderView(order: OrderState): SimOrder {
  return {
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    accountId: order.accountId,
    canonical: order.canonical,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    postOnly: order.postOnly,
    priceTicks: order.priceTicks,
    sizeLots: order.sizeLots,
    quoteSize: order.quoteSize,
    filledLots: order.filledLots,
    filledTickLots: order.filledTickLots,
    fee: formatDecimalBig(order.feePaid, LEDGER_DECIMALS),
    feeAsset: order.feeAsset,
    status: order.status,
    createdMs: order.createdMs,
    updatedMs: order.updatedMs,
  };
}
