// GET /v2/accounts: the Coinbase App's account list, which ccxt's coinbase fetchBalance reads by default.
import type { SimBalance } from '../../../matching/matching-types.js';
import { formatDecimalBig, parseDecimalBig, decimalsOf } from '../../../../model/fixed-point.js';
import { invalidArgument } from '../errors.js';
import { walletId } from '../shared/account-ids.js';
import { assetName, isFiat } from '../shared/asset-names.js';
import type { CoinbaseRestHandler } from '../shared/rest-context.js';
import { goRfc3339 } from '../wire/go-time.js';
import { coinbaseUuid } from '../wire/order-ids.js';

/*
 * https://docs.cdp.coinbase.com/coinbase-app/track-apis/accounts (authenticated with the same CDP
 * JWT): {"pagination":{...},"data":[{"id","name","primary","type":"wallet"|"fiat","currency":{...},
 * "balance":{"amount","currency"},"created_at","updated_at","resource":"account","resource_path",
 * "allow_deposits","allow_withdrawals"}]}. balance.amount is the whole balance, held amounts
 * included (free + locked); ccxt's default fetchBalance (options.fetchBalance = 'v2PrivateGetAccounts')
 * reads it as free and total. Query: limit (default 25, at most 300), starting_after (an account id).
 */

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 300;

export const appAccounts: CoinbaseRestHandler = (request, _params, context, accountId) => {
  const exchange = context.exchange;
  const limitText = request.query.get('limit');
  if (limitText !== null && limitText !== '' && !/^\d{1,9}$/.test(limitText)) return invalidArgument('limit must be a non-negative integer');
  const limit = limitText === null || limitText === '' || limitText === '0' ? DEFAULT_LIMIT : Math.min(MAX_LIMIT, Number(limitText));
  const createdMs = Math.min(...exchange.listings.map((listing) => exchange.history(listing.native).originMs));
  const all = exchange
    .balances(accountId!)
    .slice()
    .sort((a, b) => (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0))
    .map((balance) => accountOf(balance, walletId(exchange.accounts, accountId!, balance.asset), createdMs, exchange.nowMs()))
    .filter((view) => view !== null);
  const after = request.query.get('starting_after');
  const start = after === null || after === '' ? 0 : all.findIndex((view) => view.id === after) + 1;
  const page = all.slice(start, start + limit);
  const next = start + limit < all.length ? page[page.length - 1]!.id : null;
  return {
    status: 200,
    body: {
      pagination: {
        ending_before: null,
        starting_after: after === '' ? null : after,
        previous_ending_before: null,
        next_starting_after: next,
        limit,
        order: 'desc',
        previous_uri: null,
        next_uri: next === null ? null : `/v2/accounts?limit=${limit}&starting_after=${next}`,
      },
      data: page,
    },
  };
};

function accountOf(balance: SimBalance, id: string | null, createdMs: number, nowMs: number) {
  if (id === null) return null;
  const fiat = isFiat(balance.asset);
  const decimals = Math.max(decimalsOf(balance.free), decimalsOf(balance.locked));
  const amount = formatDecimalBig(parseDecimalBig(balance.free, decimals) + parseDecimalBig(balance.locked, decimals), decimals);
  return {
    id,
    name: `${balance.asset} Wallet`,
    primary: true,
    type: fiat ? 'fiat' : 'wallet',
    currency: fiat
      ? { code: balance.asset, name: assetName(balance.asset), color: '#0066CF', sort_index: 0, exponent: 2, type: 'fiat' }
      : { code: balance.asset, name: assetName(balance.asset), color: '#0052FF', sort_index: 100, exponent: 8, type: 'crypto', address_regex: '', asset_id: coinbaseUuid('asset', Number.parseInt(balance.asset, 36)), slug: assetName(balance.asset).toLowerCase() },
    balance: { amount, currency: balance.asset },
    created_at: goRfc3339(Math.floor(createdMs / 1000) * 1000),
    updated_at: goRfc3339(Math.floor(nowMs / 1000) * 1000),
    resource: 'account',
    resource_path: `/v2/accounts/${id}`,
    allow_deposits: true,
    allow_withdrawals: true,
  };
}
