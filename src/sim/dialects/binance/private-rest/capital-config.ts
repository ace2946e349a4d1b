// GET /sapi/v1/capital/config/getall: the account's coins (what ccxt's fetchCurrencies reads once it has API keys).
import { authenticateSigned, SIGNED_PARAMETERS } from '../auth/authenticate.js';
import type { BinanceHandler } from '../binance-context.js';
import { binanceDecimal } from '../binance-text.js';

/*
 * https://developers.binance.com/docs/wallet/capital/all-coins-info (USER_DATA, Weight(IP): 10).
 * One entry per asset of the listings and of the account, with the account's free and locked
 * amounts. The simulator has no deposits or withdrawals, hence no networks: networkList is empty
 * and deposit/withdraw are disabled, rather than invented chains, fees and minimums.
 */
export const capitalConfig: BinanceHandler = (request, params, context) => {
  params.acceptOnly([...SIGNED_PARAMETERS]);
  const spec = authenticateSigned(request, params, context.exchange);
  const balances = new Map(context.exchange.balances(spec.accountId).map((balance) => [balance.asset, balance]));
  const assets = new Set<string>(balances.keys());
  for (const listing of context.exchange.listings) {
    assets.add(listing.instrument.base);
    assets.add(listing.instrument.quote);
  }
  const zero = binanceDecimal('0');
  const body = [...assets].sort().map((asset) => {
    const balance = balances.get(asset);
    return {
      coin: asset,
      depositAllEnable: false,
      withdrawAllEnable: false,
      name: asset,
      free: balance === undefined ? zero : binanceDecimal(balance.free),
      locked: balance === undefined ? zero : binanceDecimal(balance.locked),
      freeze: zero,
      withdrawing: zero,
      ipoing: zero,
      ipoable: zero,
      storage: zero,
      isLegalMoney: false,
      trading: true,
      networkList: [],
    };
  });
  return { status: 200, body };
};
