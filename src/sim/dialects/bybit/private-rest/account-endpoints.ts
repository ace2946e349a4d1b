// GET /v5/account/wallet-balance, /v5/account/info, /v5/user/query-api and /v5/asset/coin/query-info for the demo account.
import type { SimAccountSpec } from '../../../matching/matching-types.js';
import type { SimHttpRequest, SimHttpResponse } from '../../../server/sim-dialect.js';
import { BybitParams } from '../bybit-context.js';
import { bybitFail, bybitOk } from '../bybit-envelope.js';
import { paramsError } from '../bybit-errors.js';
import type { BybitPrivateContext } from './private-context.js';
import { renderWallet } from './wallet-render.js';

/*
 * wallet-balance (https://bybit-exchange.github.io/docs/v5/account/wallet-balance): accountType
 * UNIFIED (a UTA 2.0 account has no other trading wallet; anything else is refused), optional
 * `coin` list "BTC,ETH". account/info and user/query-api answer what ccxt's isUnifiedEnabled
 * reads: a UTA 2.0 Pro account (unifiedMarginStatus 6, uta 1) with trade permissions.
 * coin/query-info lists every coin of the exchange's instruments and the account's balances,
 * with one chain each (the simulator has no deposits or withdrawals: both disabled).
 */

/** Bybit UIDs are numbers: a stable one from the account id. */
export function bybitUid(account: SimAccountSpec): number {
  let hash = 2166136261;
  for (let index = 0; index < account.accountId.length; index++) hash = Math.imul(hash ^ account.accountId.charCodeAt(index), 16777619) >>> 0;
  return 100_000_000 + (hash % 400_000_000);
}

export function handleWalletBalance(request: SimHttpRequest, context: BybitPrivateContext, account: SimAccountSpec): SimHttpResponse {
  const nowMs = request.receivedMs;
  const params = BybitParams.ofQuery(request.query);
  const accountType = params.text('accountType');
  if (accountType !== 'UNIFIED') return bybitFail(paramsError('accountType only support UNIFIED.'), nowMs);
  const coinText = params.text('coin');
  const coins = coinText === undefined ? undefined : new Set(coinText.split(',').filter((coin) => coin !== ''));
  const wallet = renderWallet(context.exchange, context.exchange.balances(account.accountId), context.exchange.nowMs(), coins);
  return bybitOk({ list: [wallet] }, nowMs);
}

export function handleAccountInfo(request: SimHttpRequest, context: BybitPrivateContext): SimHttpResponse {
  const nowMs = request.receivedMs;
  const updatedMs = context.exchange.listings.length === 0 ? 0 : context.exchange.history(context.exchange.listings[0]!.native).originMs;
  return bybitOk(
    {
      marginMode: 'REGULAR_MARGIN',
      updatedTime: String(updatedMs),
      unifiedMarginStatus: 6,
      dcpStatus: 'OFF',
      timeWindow: 10,
      smpGroup: 0,
      isMasterTrader: false,
      spotHedgingStatus: 'OFF',
    },
    nowMs,
  );
}

export function handleQueryApi(request: SimHttpRequest, _context: BybitPrivateContext, account: SimAccountSpec): SimHttpResponse {
  const nowMs = request.receivedMs;
  return bybitOk(
    {
      id: String(bybitUid(account) % 10_000_000),
      note: 'zvt simulator demo key',
      apiKey: account.apiKey,
      readOnly: 0,
      secret: '',
      permissions: {
        ContractTrade: ['Order', 'Position'],
        Spot: ['SpotTrade'],
        Wallet: ['AccountTransfer', 'SubMemberTransfer'],
        Options: ['OptionsTrade'],
        Derivatives: ['DerivativesTrade'],
        CopyTrading: [],
        BlockTrade: [],
        Exchange: ['ExchangeHistory'],
        NFT: [],
        Affiliate: [],
        Earn: [],
      },
      ips: ['*'],
      type: 1,
      deadlineDay: -1,
      expiredAt: '',
      createdAt: '2024-01-01T00:00:00Z',
      unified: 0,
      uta: 1,
      userID: bybitUid(account),
      inviterID: 0,
      vipLevel: 'No VIP',
      mktMakerLevel: '0',
      affiliateID: 0,
      rsaPublicKey: '',
      isMaster: true,
      parentUid: '0',
      kycLevel: 'LEVEL_DEFAULT',
      kycRegion: '',
    },
    nowMs,
    '',
  );
}

export function handleCoinInfo(request: SimHttpRequest, context: BybitPrivateContext, account: SimAccountSpec): SimHttpResponse {
  const nowMs = request.receivedMs;
  const params = BybitParams.ofQuery(request.query);
  const wanted = params.text('coin');
  const coins = new Set<string>();
  for (const listing of context.exchange.listings) {
    coins.add(listing.instrument.base);
    coins.add(listing.instrument.quote);
  }
  for (const balance of context.exchange.balances(account.accountId)) coins.add(balance.asset);
  const rows = [...coins]
    .sort()
    .filter((coin) => wanted === undefined || coin === wanted)
    .map((coin) => ({
      name: coin,
      coin,
      remainAmount: '0',
      chains: [
        {
          chainType: coin,
          confirmation: '1',
          withdrawFee: '0',
          depositMin: '0',
          withdrawMin: '0',
          chain: coin,
          chainDeposit: '0',
          chainWithdraw: '0',
          minAccuracy: '8',
          withdrawPercentageFee: '0',
        },
      ],
    }));
  return bybitOk({ rows }, nowMs, '');
}
