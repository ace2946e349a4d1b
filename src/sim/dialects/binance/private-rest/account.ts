// GET /api/v3/account and GET /api/v3/myTrades.
import { authenticateSigned, SIGNED_PARAMETERS } from '../auth/authenticate.js';
import type { BinanceHandler } from '../binance-context.js';
import { binanceDecimal } from '../binance-text.js';
import { BinanceErrors } from '../errors.js';
import { formatDecimal } from '../../../../model/fixed-point.js';
import { limitParam, requiredListing } from '../listing-lookup.js';
import { reject } from '../request-params.js';
import { accountTradeJson } from './order-json.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints
 *   account   balances {asset, free, locked} (omitZeroBalances=true leaves out empty ones), the
 *             commission rates (makerCommission in bps and commissionRates as fractions), SPOT.
 *   myTrades  symbol; orderId (that order's trades), fromId (id >= fromId), startTime/endTime (at
 *             most 24 hours apart; fromId cannot be combined with them), limit (default 500, max
 *             1000); otherwise the most recent trades. Rows are the account's fills, `id` the
 *             public trade id each printed as.
 * The commission rates are the exchange's fee schedule (SimExchange.fees), what its fills charge.
 */

const DAY_MS = 86_400_000;

function rateText(bps: number): string {
  return binanceDecimal(formatDecimal(bps, 4));
}

export const account: BinanceHandler = (request, params, context) => {
  params.acceptOnly(['omitZeroBalances', ...SIGNED_PARAMETERS]);
  const spec = authenticateSigned(request, params, context.exchange);
  const omitZero = params.optionalText('omitZeroBalances') === 'true';
  const balances = context.exchange
    .balances(spec.accountId)
    .filter((balance) => !omitZero || /[1-9]/.test(balance.free) || /[1-9]/.test(balance.locked))
    .map((balance) => ({ asset: balance.asset, free: binanceDecimal(balance.free), locked: binanceDecimal(balance.locked) }));
  const zero = binanceDecimal('0');
  return {
    status: 200,
    body: {
      makerCommission: context.exchange.fees.makerBps,
      takerCommission: context.exchange.fees.takerBps,
      buyerCommission: 0,
      sellerCommission: 0,
      commissionRates: { maker: rateText(context.exchange.fees.makerBps), taker: rateText(context.exchange.fees.takerBps), buyer: zero, seller: zero },
      canTrade: true,
      canWithdraw: false,
      canDeposit: false,
      brokered: false,
      requireSelfTradePrevention: false,
      preventSor: false,
      updateTime: context.exchange.nowMs(),
      accountType: 'SPOT',
      balances,
      permissions: ['SPOT'],
      uid: accountUid(spec.accountId),
    },
  };
};

/** A stable numeric uid per account id (Binance accounts have one). */
function accountUid(accountId: string): number {
  let hash = 0;
  for (let index = 0; index < accountId.length; index++) hash = (hash * 31 + accountId.charCodeAt(index)) >>> 0;
  return 100_000_000 + (hash % 900_000_000);
}

export const myTrades: BinanceHandler = (request, params, context) => {
  params.acceptOnly(['symbol', 'orderId', 'startTime', 'endTime', 'fromId', 'limit', ...SIGNED_PARAMETERS]);
  const spec = authenticateSigned(request, params, context.exchange);
  const listing = requiredListing(params, context.exchange);
  const orderId = params.optionalInteger('orderId');
  const startTime = params.optionalInteger('startTime');
  const endTime = params.optionalInteger('endTime');
  const fromId = params.optionalInteger('fromId');
  const limit = limitParam(params, 500, 1000);
  if (fromId !== undefined && (startTime !== undefined || endTime !== undefined)) reject(BinanceErrors.badParameterCombination());
  if (startTime !== undefined && endTime !== undefined && endTime - startTime > DAY_MS) reject(BinanceErrors.lookupIntervalTooBig(24));
  let fills = context.exchange.fills(spec.accountId, listing.instrument.canonical);
  if (orderId !== undefined) fills = fills.filter((fill) => fill.orderId === orderId);
  if (fromId !== undefined) fills = fills.filter((fill) => fill.tradeId >= fromId);
  if (startTime !== undefined) fills = fills.filter((fill) => fill.tsMs >= startTime);
  if (endTime !== undefined) fills = fills.filter((fill) => fill.tsMs <= endTime);
  const fromStart = fromId !== undefined || (startTime !== undefined && endTime === undefined);
  fills = fromStart ? fills.slice(0, limit) : fills.slice(Math.max(0, fills.length - limit));
  return { status: 200, body: fills.map((fill) => accountTradeJson(listing, fill)) };
};
