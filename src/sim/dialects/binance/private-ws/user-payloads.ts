// User data stream payloads: executionReport, outboundAccountPosition, listenKeyExpired.
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimBalance, SimFill, SimOrder } from '../../../matching/matching-types.js';
import { binanceDecimal, binancePrice, binanceQuantity, binanceQuote, BINANCE_ZERO } from '../binance-text.js';
import { BINANCE_ORDER_STATUS, binanceOrderType, binanceSide, binanceTimeInForce } from '../private-rest/order-json.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/user-data-stream ("Order Update",
 * "Account Update", "Listen Key Expired"). executionReport fields in the documented order; the
 * STP-only fields (v, A, B, u, U, Cs, pl, pL, pY) never appear (no self-trade prevention here);
 * W (working time) appears while the order works on the book. For a CANCELED report `c` is the
 * cancel request's client id and `C` the order's own, as on Binance.
 */

export type ExecutionType = 'NEW' | 'CANCELED' | 'TRADE' | 'EXPIRED' | 'REJECTED';

export interface ExecutionReportInput {
  readonly listing: SimListing;
  readonly order: SimOrder;
  readonly executionType: ExecutionType;
  /** The fill this report is about (TRADE only). */
  readonly fill: SimFill | null;
  /** Client id of the cancel request (CANCELED), else null. */
  readonly cancelClientOrderId: string | null;
  readonly eventMs: number;
  /** Binance's "I" (ignored) field: an event counter. */
  readonly sequence: number;
}

export function executionReportPayload(input: ExecutionReportInput): string {
  const { listing, order, fill } = input;
  const instrument = listing.instrument;
  const canceled = input.executionType === 'CANCELED' && input.cancelClientOrderId !== null;
  const working = (order.status === 'new' || order.status === 'partially_filled') && order.type === 'limit' && order.timeInForce === 'GTC';
  const report: Record<string, unknown> = {
    e: 'executionReport',
    E: input.eventMs,
    s: listing.native,
    c: canceled ? input.cancelClientOrderId : order.clientOrderId,
    S: binanceSide(order.side),
    o: binanceOrderType(order),
    f: binanceTimeInForce(order),
    q: binanceQuantity(instrument, order.sizeLots),
    p: order.priceTicks === null ? BINANCE_ZERO : binancePrice(instrument, order.priceTicks),
    P: BINANCE_ZERO,
    F: BINANCE_ZERO,
    g: -1,
    C: canceled ? order.clientOrderId : '',
    x: input.executionType,
    X: BINANCE_ORDER_STATUS[order.status],
    r: 'NONE',
    i: order.orderId,
    l: fill === null ? BINANCE_ZERO : binanceQuantity(instrument, fill.sizeLots),
    z: binanceQuantity(instrument, order.filledLots),
    L: fill === null ? BINANCE_ZERO : binancePrice(instrument, fill.priceTicks),
    n: fill === null ? '0' : binanceDecimal(fill.fee),
    N: fill === null ? null : fill.feeAsset,
    T: fill === null ? order.updatedMs : fill.tsMs,
    t: fill === null ? -1 : fill.tradeId,
    I: input.sequence,
    w: working,
    m: fill !== null && fill.liquidity === 'maker',
    M: false,
    O: order.createdMs,
    Z: binanceQuote(instrument, order.filledTickLots),
    Y: fill === null ? BINANCE_ZERO : binanceQuote(instrument, BigInt(fill.priceTicks) * BigInt(fill.sizeLots)),
    Q: order.quoteSize === null ? BINANCE_ZERO : binanceDecimal(order.quoteSize),
  };
  if (working) report.W = order.createdMs;
  report.V = 'NONE';
  return JSON.stringify(report);
}

export function outboundAccountPositionPayload(eventMs: number, balances: readonly SimBalance[]): string {
  return JSON.stringify({
    e: 'outboundAccountPosition',
    E: eventMs,
    u: eventMs,
    B: balances.map((balance) => ({ a: balance.asset, f: binanceDecimal(balance.free), l: binanceDecimal(balance.locked) })),
  });
}

/** Sent once when a key expires; Binance's documented payload carries "E" as a string, kept so. */
export function listenKeyExpiredPayload(eventMs: number, listenKey: string): string {
  return JSON.stringify({ e: 'listenKeyExpired', E: String(eventMs), listenKey });
}
