// One asset account (wallet) as GET /api/v3/brokerage/accounts lists it.
import type { SimExchange } from '../../../exchange/sim-exchange-contract.js';
import type { SimBalance } from '../../../matching/matching-types.js';
import { portfolioId, walletId } from '../shared/account-ids.js';
import { isFiat } from '../shared/asset-names.js';
import { goRfc3339 } from '../wire/go-time.js';

/*
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/accounts/list-accounts:
 * {"uuid","name":"BTC Wallet","currency","available_balance":{"value","currency"},"default",
 * "active","created_at","updated_at","deleted_at","type":"ACCOUNT_TYPE_CRYPTO"|"ACCOUNT_TYPE_FIAT",
 * "ready","hold":{"value","currency"},"retail_portfolio_id","platform"}. available = free, hold =
 * locked (ccxt: total = available + hold).
 */

export function accountView(exchange: SimExchange, accountId: string, balance: SimBalance, createdMs: number): Record<string, unknown> | null {
  const uuid = walletId(exchange.accounts, accountId, balance.asset);
  if (uuid === null) return null;
  return {
    uuid,
    name: `${balance.asset} Wallet`,
    currency: balance.asset,
    available_balance: { value: balance.free, currency: balance.asset },
    default: true,
    active: true,
    created_at: goRfc3339(createdMs),
    updated_at: goRfc3339(exchange.nowMs()),
    deleted_at: null,
    type: isFiat(balance.asset) ? 'ACCOUNT_TYPE_FIAT' : 'ACCOUNT_TYPE_CRYPTO',
    ready: true,
    hold: { value: balance.locked, currency: balance.asset },
    retail_portfolio_id: portfolioId(exchange.accounts, accountId),
    platform: 'ACCOUNT_PLATFORM_CONSUMER',
  };
}
