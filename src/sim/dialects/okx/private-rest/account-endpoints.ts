// GET /api/v5/account/balance, /account/config, /asset/balances and /asset/currencies of the authenticated account.
import { decimalsOf, formatDecimalBig, parseDecimalBig } from '../../../../model/fixed-point.js';
import type { SimAccountSpec, SimBalance } from '../../../matching/matching-types.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { okxDataResponse } from '../errors.js';
import type { OkxContext } from '../okx-context.js';
import { msText } from '../okx-text.js';

/*
 * https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-balance, -get-account-configuration,
 * #funding-account-rest-api-get-balance, #funding-account-rest-api-get-currencies.
 * - The simulated account is one trading account in "Futures mode" (acctLv "2", net position
 *   mode): eq = cashBal = free + locked, availBal = availEq = free, frozenBal = ordFrozen = locked.
 *   USD valuations (eqUsd, totalEq …) are not modelled and are "".
 * - `ccy` filters by a comma-separated list of currencies.
 * - The funding account (asset/balances) holds nothing: every asset is in the trading account.
 * - asset/currencies lists the account's and the listings' assets with one chain each; ccxt's
 *   fetchCurrencies (run by loadMarkets when a key is set) reads it.
 */

type Json = Record<string, unknown>;

function total(balance: SimBalance): string {
  const decimals = Math.max(decimalsOf(balance.free), decimalsOf(balance.locked));
  return formatDecimalBig(parseDecimalBig(balance.free, decimals) + parseDecimalBig(balance.locked, decimals), decimals);
}

function requestedCurrencies(request: SimHttpRequest): Set<string> | null {
  const ccy = request.query.get('ccy');
  return ccy === null || ccy === '' ? null : new Set(ccy.split(','));
}

/** One `details` element of a balance (REST account/balance and the `account` channel). */
export function balanceDetail(balance: SimBalance, uTime: string): Json {
  const equity = total(balance);
  return {
    accAvgPx: '',
    availBal: balance.free,
    availEq: balance.free,
    borrowFroz: '',
    cashBal: equity,
    ccy: balance.asset,
    clSpotInUseAmt: '',
    crossLiab: '0',
    disEq: '',
    eq: equity,
    eqUsd: '',
    fixedBal: '0',
    frozenBal: balance.locked,
    imr: '',
    interest: '0',
    isoEq: '0',
    isoLiab: '0',
    isoUpl: '0',
    liab: '0',
    maxLoan: '',
    maxSpotInUse: '',
    mgnRatio: '',
    mmr: '',
    notionalLever: '',
    ordFrozen: balance.locked,
    rewardBal: '0',
    smtSyncEq: '0',
    spotBal: '',
    spotCopyTradingEq: '0',
    spotInUseAmt: '',
    spotIsoBal: '0',
    spotUpl: '',
    spotUplRatio: '',
    stgyEq: '0',
    totalPnl: '',
    totalPnlRatio: '',
    twap: '0',
    uTime,
    upl: '0',
    uplLiab: '0',
  };
}

/** The account object around some balance details (REST data[0], `account` channel data[0]). */
export function balanceEnvelope(details: Json[], uTime: string): Json {
  return {
    adjEq: '',
    availEq: '',
    borrowFroz: '',
    details,
    imr: '',
    isoEq: '0',
    mgnRatio: '',
    mmr: '',
    notionalUsd: '',
    notionalUsdForBorrow: '',
    notionalUsdForFutures: '',
    notionalUsdForOption: '',
    notionalUsdForSwap: '',
    ordFroz: '',
    totalEq: '',
    uTime,
    upl: '0',
  };
}

export function handleAccountBalance(context: OkxContext, request: SimHttpRequest, account: SimAccountSpec): SimHttpResponse {
  const wanted = requestedCurrencies(request);
  const uTime = msText(context.exchange.nowMs());
  const details = context.exchange
    .balances(account.accountId)
    .filter((balance) => wanted === null || wanted.has(balance.asset))
    .map((balance) => balanceDetail(balance, uTime));
  return okxDataResponse([balanceEnvelope(details, uTime)]);
}

/** A stable numeric user id for an account (OKX uids are decimal strings). */
export function okxUid(context: OkxContext, account: SimAccountSpec): string {
  return String(100_000_000 + context.exchange.accounts.indexOf(account) + 1);
}

export function handleAccountConfig(context: OkxContext, _request: SimHttpRequest, account: SimAccountSpec): SimHttpResponse {
  const uid = okxUid(context, account);
  return okxDataResponse([
    {
      acctLv: '2',
      acctStpMode: 'cancel_maker',
      autoLoan: false,
      ctIsoMode: 'automatic',
      enableSpotBorrow: false,
      greeksType: 'PA',
      ip: '',
      kycLv: '2',
      label: account.accountId,
      level: 'Lv1',
      levelTmp: '',
      liquidationGear: '-1',
      mainUid: uid,
      mgnIsoMode: 'automatic',
      opAuth: '0',
      perm: 'read_only,trade',
      posMode: 'net_mode',
      roleType: '0',
      spotBorrowAutoRepay: false,
      spotOffsetType: '',
      spotRoleType: '0',
      spotTraderInsts: [],
      traderInsts: [],
      type: '0',
      uid,
    },
  ]);
}

export function handleAssetBalances(_context: OkxContext, _request: SimHttpRequest, _account: SimAccountSpec): SimHttpResponse {
  return okxDataResponse([]);
}

export function handleAssetCurrencies(context: OkxContext, request: SimHttpRequest, account: SimAccountSpec): SimHttpResponse {
  const wanted = requestedCurrencies(request);
  const assets = new Set<string>(context.exchange.balances(account.accountId).map((balance) => balance.asset));
  for (const listing of context.exchange.listings) {
    assets.add(listing.instrument.base);
    assets.add(listing.instrument.quote);
  }
  const data = [...assets]
    .sort()
    .filter((asset) => wanted === null || wanted.has(asset))
    .map((asset) => ({
      canDep: true,
      canInternal: true,
      canWd: true,
      ccy: asset,
      chain: `${asset}-${asset}`,
      ctAddr: '',
      depEstOpenTime: '',
      depQuotaFixed: '',
      depQuoteDailyLayer2: '',
      fee: '0',
      logoLink: '',
      mainNet: true,
      maxFee: '0',
      maxFeeForCtAddr: '',
      maxWd: '100000000',
      minDep: '0.00000001',
      minDepArrivalConfirm: '1',
      minFee: '0',
      minFeeForCtAddr: '',
      minInternal: '0.00000001',
      minWd: '0.00000001',
      minWdUnlockConfirm: '1',
      name: asset,
      needTag: false,
      usedDepQuotaFixed: '',
      usedWdQuota: '0',
      wdEstOpenTime: '',
      wdQuota: '10000000',
      wdTickSz: '8',
    }));
  return okxDataResponse(data);
}
