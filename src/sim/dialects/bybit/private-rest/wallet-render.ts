// A Bybit unified (UTA) wallet: per-coin balances and USD totals, for GET /v5/account/wallet-balance and the wallet topic.
import { formatDecimalBig, parseDecimalBig } from '../../../../model/fixed-point.js';
import type { SimExchange } from '../../../exchange/sim-exchange-contract.js';
import { priceText } from '../../../market/sim-instrument.js';
import type { SimBalance } from '../../../matching/matching-types.js';

/*
 * Shapes from https://bybit-exchange.github.io/docs/v5/account/wallet-balance (the field order of
 * the UNIFIED example ccxt keeps in its source). walletBalance = equity = free + locked; locked is
 * what open orders hold. availableToWithdraw and availableToBorrow are "" (deprecated by Bybit and
 * sent empty). USD values use 1 for USD, USDT and USDC and the synthetic mid of the coin's
 * USDT/USDC/USD pair otherwise, 8 decimals, truncated. No margin, borrowing or positions are
 * modelled: margins, PnL and rates are "0".
 */

const DECIMALS = 18;
const USD_DECIMALS = 8;
const STABLE = new Set(['USD', 'USDT', 'USDC']);

function big(text: string): bigint {
  return parseDecimalBig(text, DECIMALS);
}

function usdPriceOf(exchange: SimExchange, asset: string, nowMs: number): bigint {
  if (STABLE.has(asset)) return 10n ** BigInt(DECIMALS);
  const listing =
    exchange.listings.find((candidate) => candidate.instrument.base === asset && candidate.category === 'spot' && STABLE.has(candidate.instrument.quote)) ??
    exchange.listings.find((candidate) => candidate.instrument.base === asset && STABLE.has(candidate.instrument.quote));
  if (listing === undefined) return 0n;
  const mid = Math.round(exchange.history(listing.native).midTicks(nowMs));
  return big(priceText(listing.instrument, mid));
}

/** USD text of a Σ amount × price product (36 decimals: both factors have 18), truncated to 8 decimals. */
function usdOfProduct(product: bigint): string {
  return formatDecimalBig(product / 10n ** BigInt(2 * DECIMALS - USD_DECIMALS), USD_DECIMALS);
}

/** The UNIFIED account object: totals over every balance; `coins` limits the coin list (else every coin with a balance). */
export function renderWallet(exchange: SimExchange, balances: readonly SimBalance[], nowMs: number, coins?: ReadonlySet<string>): Record<string, unknown> {
  let totalUsd = 0n;
  let availableUsd = 0n;
  const coinList: Record<string, unknown>[] = [];
  for (const balance of balances) {
    const free = big(balance.free);
    const locked = big(balance.locked);
    const total = free + locked;
    const price = usdPriceOf(exchange, balance.asset, nowMs);
    totalUsd += total * price;
    availableUsd += free * price;
    if (coins === undefined ? total === 0n : !coins.has(balance.asset)) continue;
    const walletBalance = formatDecimalBig(total, DECIMALS);
    coinList.push({
      availableToBorrow: '',
      bonus: '0',
      accruedInterest: '0',
      availableToWithdraw: '',
      totalOrderIM: '0',
      equity: walletBalance,
      totalPositionMM: '0',
      usdValue: usdOfProduct(total * price),
      spotHedgingQty: '0',
      unrealisedPnl: '0',
      collateralSwitch: true,
      borrowAmount: '0',
      totalPositionIM: '0',
      walletBalance,
      cumRealisedPnl: '0',
      locked: formatDecimalBig(locked, DECIMALS),
      marginCollateral: true,
      coin: balance.asset,
      spotBorrow: '0',
    });
  }
  const total = usdOfProduct(totalUsd);
  return {
    totalEquity: total,
    accountIMRate: '0',
    accountIMRateByMp: '0',
    totalMarginBalance: total,
    totalInitialMargin: '0',
    totalInitialMarginByMp: '0',
    accountType: 'UNIFIED',
    totalAvailableBalance: usdOfProduct(availableUsd),
    accountMMRate: '0',
    accountMMRateByMp: '0',
    totalPerpUPL: '0',
    totalWalletBalance: total,
    accountLTV: '0',
    totalMaintenanceMargin: '0',
    totalMaintenanceMarginByMp: '0',
    coin: coinList,
  };
}
