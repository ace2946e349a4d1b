// Renders simulator orders and fills as OKX v5 order details, orders-channel pushes and transaction details.
import { formatDecimalBig } from '../../../../model/fixed-point.js';
import type { SimListing } from '../../../exchange/sim-exchange-contract.js';
import type { SimFill, SimOrder } from '../../../matching/matching-types.js';
import { instrumentScales, priceText, sizeText } from '../../../market/sim-instrument.js';
import type { SimInstrument } from '../../../market/sim-market-types.js';
import { msText } from '../okx-text.js';
import type { OkxOrderRecord, OkxOrdType } from './order-registry.js';

/*
 * Field sets as in https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-details,
 * #order-book-trading-trade-ws-order-channel and #order-book-trading-trade-get-transaction-details-last-3-days.
 * - state: live | partially_filled | filled | canceled. The exchange's `expired` (the unfilled rest
 *   of an IOC/FOK/market order) is OKX's canceled, with cancelSource "14" when part of it filled
 *   (the IOC rule) and "0" (canceled by the system) otherwise; a user cancel is "1"; a post-only
 *   order that would have taken is "31".
 * - fee is signed as OKX signs it: a charge is negative ("-0.0012"), "0" when none.
 * - accFillSz/fillSz are in base for SPOT, contracts for SWAP (one contract = one base unit here);
 *   sz of a quote-sized market buy is the quote amount (tgtCcy quote_ccy).
 * - avgPx is the exact average to 8 more decimals than the tick, trailing zeros trimmed.
 */

const AVERAGE_EXTRA_DECIMALS = 8;

type Json = Record<string, unknown>;

function okxState(order: SimOrder): string {
  switch (order.status) {
    case 'new':
      return 'live';
    case 'partially_filled':
      return 'partially_filled';
    case 'filled':
      return 'filled';
    default:
      return 'canceled';
  }
}

function cancelSourceOf(record: OkxOrderRecord): string {
  if (record.cancelSource !== '') return record.cancelSource;
  const order = record.order;
  if (order.status === 'canceled') return '1';
  if (order.status === 'expired' || order.status === 'rejected') return order.filledLots > 0 ? '14' : '0';
  return '';
}

/** The ordType OKX echoes: what the request said, or what the order is. */
export function ordTypeOf(record: OkxOrderRecord): OkxOrdType {
  if (record.meta !== undefined) return record.meta.ordType;
  const order = record.order;
  if (order.type === 'market') return 'market';
  if (order.postOnly) return 'post_only';
  if (order.timeInForce === 'FOK') return 'fok';
  if (order.timeInForce === 'IOC') return 'ioc';
  return 'limit';
}

/** Exact average price text of tickLots / lots, or `none` before any fill. */
export function averagePriceText(instrument: SimInstrument, tickLots: bigint, lots: number, none: string): string {
  if (lots === 0) return none;
  const scaled = (tickLots * BigInt(instrumentScales(instrument).tickMantissa) * 10n ** BigInt(AVERAGE_EXTRA_DECIMALS)) / BigInt(lots);
  return formatDecimalBig(scaled, instrument.priceDecimals + AVERAGE_EXTRA_DECIMALS);
}

/** A fee as OKX signs it: charged amounts negative. */
export function signedFee(fee: string): string {
  return fee === '0' || fee === '' ? '0' : fee.startsWith('-') ? fee.slice(1) : `-${fee}`;
}

function defaultTdMode(listing: SimListing): string {
  return listing.category === 'SPOT' ? 'cash' : 'cross';
}

/** GET /api/v5/trade/order (and orders-pending / orders-history) element. */
export function orderDetails(record: OkxOrderRecord, listing: SimListing, lastFill: SimFill | undefined): Json {
  const order = record.order;
  const instrument = listing.instrument;
  const meta = record.meta;
  const quoteSized = order.quoteSize !== null;
  return {
    accFillSz: sizeText(instrument, order.filledLots),
    algoClOrdId: '',
    algoId: '',
    attachAlgoClOrdId: '',
    attachAlgoOrds: [],
    avgPx: averagePriceText(instrument, order.filledTickLots, order.filledLots, ''),
    cTime: msText(order.createdMs),
    cancelSource: cancelSourceOf(record),
    cancelSourceReason: '',
    category: 'normal',
    ccy: '',
    clOrdId: meta?.clOrdId ?? order.clientOrderId,
    fee: signedFee(order.fee),
    feeCcy: order.feeAsset,
    fillPx: lastFill === undefined ? '' : priceText(instrument, lastFill.priceTicks),
    fillSz: lastFill === undefined ? '0' : sizeText(instrument, lastFill.sizeLots),
    fillTime: lastFill === undefined ? '' : msText(lastFill.tsMs),
    instId: listing.native,
    instType: listing.category,
    isTpLimit: 'false',
    lever: listing.category === 'SPOT' ? '' : '1',
    linkedAlgoOrd: { algoId: '' },
    ordId: record.ordId,
    ordType: ordTypeOf(record),
    pnl: '0',
    posSide: 'net',
    px: order.priceTicks === null ? '' : priceText(instrument, order.priceTicks),
    pxType: '',
    pxUsd: '',
    pxVol: '',
    quickMgnType: '',
    rebate: '0',
    rebateCcy: instrument.quote,
    reduceOnly: 'false',
    side: order.side,
    slOrdPx: '',
    slTriggerPx: '',
    slTriggerPxType: '',
    source: '',
    state: okxState(order),
    stpId: '',
    stpMode: 'cancel_maker',
    sz: quoteSized ? (order.quoteSize ?? '') : sizeText(instrument, order.sizeLots),
    tag: meta?.tag ?? '',
    tdMode: meta?.tdMode ?? defaultTdMode(listing),
    tgtCcy: meta?.tgtCcy ?? (quoteSized ? 'quote_ccy' : ''),
    tpOrdPx: '',
    tpTriggerPx: '',
    tpTriggerPxType: '',
    tradeId: lastFill === undefined ? '' : String(lastFill.tradeId),
    tradeQuoteCcy: listing.category === 'SPOT' ? instrument.quote : '',
    uTime: msText(order.updatedMs),
  };
}

/** One element of an `orders` channel push: the order details plus what the last fill was (when this push is for a fill). */
export function orderPush(record: OkxOrderRecord, listing: SimListing, fill: SimFill | undefined): Json {
  const details = orderDetails(record, listing, fill);
  const instrument = listing.instrument;
  return {
    ...details,
    avgPx: averagePriceText(instrument, record.order.filledTickLots, record.order.filledLots, '0'),
    fillPx: fill === undefined ? '' : priceText(instrument, fill.priceTicks),
    fillSz: fill === undefined ? '0' : sizeText(instrument, fill.sizeLots),
    fillTime: fill === undefined ? '' : msText(fill.tsMs),
    tradeId: fill === undefined ? '' : String(fill.tradeId),
    fillFee: fill === undefined ? '0' : signedFee(fill.fee),
    fillFeeCcy: fill === undefined ? '' : fill.feeAsset,
    execType: fill === undefined ? '' : fill.liquidity === 'maker' ? 'M' : 'T',
    fillNotionalUsd: '',
    fillMarkPx: '',
    fillPnl: '0',
    notionalUsd: '',
    amendResult: '',
    amendSource: '',
    reqId: '',
    code: '0',
    msg: '',
  };
}

/** GET /api/v5/trade/fills (and fills-history) element. */
export function fillDetails(fill: SimFill, listing: SimListing, ordId: string, clOrdId: string): Json {
  const instrument = listing.instrument;
  return {
    instType: listing.category,
    instId: listing.native,
    tradeId: String(fill.tradeId),
    ordId,
    clOrdId,
    billId: String(fill.fillId),
    subType: fill.side === 'buy' ? '1' : '2',
    tag: '',
    fillPx: priceText(instrument, fill.priceTicks),
    fillSz: sizeText(instrument, fill.sizeLots),
    fillIdxPx: '',
    fillPnl: '0',
    fillPxVol: '',
    fillPxUsd: '',
    fillMarkVol: '',
    fillFwdPx: '',
    fillMarkPx: '',
    side: fill.side,
    posSide: 'net',
    execType: fill.liquidity === 'maker' ? 'M' : 'T',
    feeCcy: fill.feeAsset,
    fee: signedFee(fill.fee),
    ts: msText(fill.tsMs),
    fillTime: msText(fill.tsMs),
    feeRate: '',
    tradeQuoteCcy: listing.category === 'SPOT' ? instrument.quote : '',
  };
}
