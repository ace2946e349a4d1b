// A simulator order or fill in Bybit v5's shapes: the order object of /v5/order/realtime|history and the order topic, the execution of /v5/execution/list.
import { formatDecimalBig, parseDecimalBig } from '../../../../model/fixed-point.js';
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import { instrumentScales } from '../../../market/sim-instrument.js';
import type { SimFill, SimOrder } from '../../../matching/matching-types.js';
import { bybitOrderId, bybitTradeId, type BybitCategory } from '../bybit-ids.js';
import { bybitWireSymbol } from '../bybit-listings.js';
import { bybitNotional, bybitPrice, bybitSize } from '../bybit-text.js';

/*
 * Fields and their order from https://bybit-exchange.github.io/docs/v5/order/open-order and
 * .../order/execution. Status mapping: new → New, partially_filled → PartiallyFilled, filled →
 * Filled, canceled/expired → Cancelled (spot: PartiallyFilledCanceled when something filled, a
 * status "only spot has"), rejected → Rejected. Market orders are IOC on Bybit and carry price
 * "0"; a spot market buy sized in quote shows that amount as qty with marketUnit quoteCoin.
 * rejectReason: EC_PostOnlyWillTakeLiquidity for the dialect's own PostOnly cancellations,
 * EC_CancelForNoFullFill for an expired FOK, EC_NoImmediateQtyToFill for an IOC that filled
 * nothing, else EC_NoError. avgPrice is Σ price × size / Σ size with 8 more decimals than the tick.
 */

export interface OrderRenderExtras {
  /** The client sent orderLinkId (else Bybit shows ""). */
  readonly linkIdSent: boolean;
  /** The dialect's PostOnly cancellation (local-orders.ts). */
  readonly postOnlyCancelled: boolean;
}

const EXTRA_AVG_DECIMALS = 8;
const RATE_DECIMALS = 36;

export function averagePriceText(listing: SimListing, tickLots: bigint, lots: number): string {
  const instrument = listing.instrument;
  const scaled = (tickLots * BigInt(instrumentScales(instrument).tickMantissa) * 10n ** BigInt(EXTRA_AVG_DECIMALS)) / BigInt(lots);
  return formatDecimalBig(scaled, instrument.priceDecimals + EXTRA_AVG_DECIMALS);
}

/** fee / value with 8 decimals (Bybit's feeRate), truncated; "0" for a zero value. */
export function feeRateText(listing: SimListing, fee: string, tickLots: bigint): string {
  const instrument = listing.instrument;
  const scales = instrumentScales(instrument);
  // Both at 36 decimals: the fee is ledger text (18 at most), the value has priceDecimals + sizeDecimals.
  const value = tickLots * BigInt(scales.tickMantissa) * BigInt(scales.lotMantissa) * 10n ** BigInt(RATE_DECIMALS - instrument.priceDecimals - instrument.sizeDecimals);
  if (value === 0n) return '0';
  return formatDecimalBig((parseDecimalBig(fee, RATE_DECIMALS) * 10n ** 8n) / value, 8);
}

export function bybitOrderStatus(order: SimOrder, category: BybitCategory): string {
  switch (order.status) {
    case 'new':
      return 'New';
    case 'partially_filled':
      return 'PartiallyFilled';
    case 'filled':
      return 'Filled';
    case 'rejected':
      return 'Rejected';
    case 'canceled':
    case 'expired':
      return category === 'spot' && order.filledLots > 0 ? 'PartiallyFilledCanceled' : 'Cancelled';
  }
}

export function isOpenOrder(order: SimOrder): boolean {
  return order.status === 'new' || order.status === 'partially_filled';
}

function rejectReason(order: SimOrder, extras: OrderRenderExtras): string {
  if (extras.postOnlyCancelled) return 'EC_PostOnlyWillTakeLiquidity';
  if (order.status === 'expired' && order.timeInForce === 'FOK') return 'EC_CancelForNoFullFill';
  if (order.status === 'expired' && order.type === 'limit' && order.timeInForce === 'IOC' && order.filledLots === 0) return 'EC_NoImmediateQtyToFill';
  return 'EC_NoError';
}

function timeInForceOf(order: SimOrder): string {
  if (order.type === 'market') return 'IOC';
  return order.postOnly ? 'PostOnly' : order.timeInForce;
}

/** The order object of GET /v5/order/realtime and /v5/order/history. */
export function renderOrder(listing: SimListing, category: BybitCategory, order: SimOrder, extras: OrderRenderExtras): Record<string, unknown> {
  const open = isOpenOrder(order);
  const leavesLots = open ? Math.max(0, order.sizeLots - order.filledLots) : 0;
  const quoteSized = order.quoteSize !== null;
  const qty = order.quoteSize ?? bybitSize(listing, order.sizeLots);
  const price = order.priceTicks === null ? '0' : bybitPrice(listing, order.priceTicks);
  const leavesValue = order.priceTicks === null || leavesLots === 0 ? '0' : bybitNotional(listing, BigInt(order.priceTicks) * BigInt(leavesLots));
  const noFill = category === 'spot' ? '' : '0';
  return {
    orderId: bybitOrderId(category, order.orderId),
    orderLinkId: extras.linkIdSent ? order.clientOrderId : '',
    blockTradeId: '',
    symbol: bybitWireSymbol(listing),
    price,
    qty,
    side: order.side === 'buy' ? 'Buy' : 'Sell',
    isLeverage: category === 'spot' ? '0' : '',
    positionIdx: 0,
    orderStatus: bybitOrderStatus(order, category),
    createType: 'CreateByUser',
    cancelType: order.status === 'canceled' && !extras.postOnlyCancelled ? 'CancelByUser' : 'UNKNOWN',
    rejectReason: rejectReason(order, extras),
    avgPrice: order.filledLots > 0 ? averagePriceText(listing, order.filledTickLots, order.filledLots) : noFill,
    leavesQty: bybitSize(listing, leavesLots),
    leavesValue,
    cumExecQty: bybitSize(listing, order.filledLots),
    cumExecValue: bybitNotional(listing, order.filledTickLots),
    cumExecFee: order.fee,
    timeInForce: timeInForceOf(order),
    orderType: order.type === 'market' ? 'Market' : 'Limit',
    stopOrderType: '',
    orderIv: '',
    marketUnit: category === 'spot' && order.type === 'market' ? (quoteSized ? 'quoteCoin' : 'baseCoin') : '',
    slippageToleranceType: 'UNKNOWN',
    slippageTolerance: '',
    triggerPrice: '',
    takeProfit: '',
    stopLoss: '',
    tpslMode: '',
    ocoTriggerBy: '',
    tpLimitPrice: '',
    slLimitPrice: '',
    tpTriggerBy: '',
    slTriggerBy: '',
    triggerDirection: 0,
    triggerBy: '',
    lastPriceOnCreated: '',
    reduceOnly: false,
    closeOnTrigger: false,
    placeType: '',
    smpType: 'None',
    smpGroup: 0,
    smpOrderId: '',
    createdTime: String(order.createdMs),
    updatedTime: String(order.updatedMs),
  };
}

/** The order topic's item: the REST order with `category` first and the fee currency and closed PnL it adds. */
export function renderOrderEvent(listing: SimListing, category: BybitCategory, order: SimOrder, extras: OrderRenderExtras): Record<string, unknown> {
  return { category, ...renderOrder(listing, category, order, extras), feeCurrency: order.feeAsset, closedPnl: '0' };
}

/** An execution of GET /v5/execution/list (and, with `category`, of the execution topic). */
export function renderExecution(listing: SimListing, category: BybitCategory, fill: SimFill, order: SimOrder | undefined, markPriceTicks: number, linkIdSent: boolean): Record<string, unknown> {
  const tickLots = BigInt(fill.priceTicks) * BigInt(fill.sizeLots);
  const leavesLots = order === undefined || !isOpenOrder(order) ? 0 : Math.max(0, order.sizeLots - order.filledLots);
  return {
    symbol: bybitWireSymbol(listing),
    orderId: bybitOrderId(category, fill.orderId),
    orderLinkId: linkIdSent ? fill.clientOrderId : '',
    side: fill.side === 'buy' ? 'Buy' : 'Sell',
    orderPrice: order === undefined || order.priceTicks === null ? '0' : bybitPrice(listing, order.priceTicks),
    orderQty: order === undefined ? '0' : order.quoteSize ?? bybitSize(listing, order.sizeLots),
    leavesQty: bybitSize(listing, leavesLots),
    createType: 'CreateByUser',
    orderType: order?.type === 'market' ? 'Market' : 'Limit',
    stopOrderType: '',
    execFee: fill.fee,
    execId: bybitTradeId(category, fill.tradeId),
    execPrice: bybitPrice(listing, fill.priceTicks),
    execQty: bybitSize(listing, fill.sizeLots),
    execType: 'Trade',
    execValue: bybitNotional(listing, tickLots),
    execTime: String(fill.tsMs),
    feeCurrency: fill.feeAsset,
    isMaker: fill.liquidity === 'maker',
    feeRate: feeRateText(listing, fill.fee, tickLots),
    tradeIv: '',
    markIv: '',
    markPrice: bybitPrice(listing, markPriceTicks),
    indexPrice: category === 'spot' ? '' : bybitPrice(listing, markPriceTicks),
    underlyingPrice: '',
    blockTradeId: '',
    closedSize: category === 'spot' ? '' : '0',
    seq: fill.fillId,
  };
}
