// GET /api/v3/brokerage/accounts and /accounts/{account_uuid}: the account's asset wallets with available and held amounts.
import { invalidArgument, notFound } from '../errors.js';
import type { CoinbaseRestHandler } from '../shared/rest-context.js';
import { assetOfWallet } from '../shared/account-ids.js';
import { accountView } from './account-view.js';

/*
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/accounts/list-accounts
 * Query: limit (default 49, at most 250), cursor (an offset here). Answer {"accounts":[...],
 * "has_next","cursor","size"}; one account: {"account":{...}}. Wallets are listed in asset order.
 */

const DEFAULT_LIMIT = 49;
const MAX_LIMIT = 250;

export const listAccounts: CoinbaseRestHandler = (request, _params, context, accountId) => {
  const exchange = context.exchange;
  const limitText = request.query.get('limit');
  const cursorText = request.query.get('cursor');
  if ((limitText !== null && limitText !== '' && !/^\d{1,9}$/.test(limitText)) || (cursorText !== null && cursorText !== '' && !/^\d{1,15}$/.test(cursorText))) {
    return invalidArgument('limit and cursor must be non-negative integers');
  }
  const limit = limitText === null || limitText === '' || limitText === '0' ? DEFAULT_LIMIT : Math.min(MAX_LIMIT, Number(limitText));
  const offset = cursorText === null || cursorText === '' ? 0 : Number(cursorText);
  const createdMs = createdAt(context.exchange.listings.map((listing) => exchange.history(listing.native).originMs));
  const all = exchange
    .balances(accountId!)
    .slice()
    .sort((a, b) => (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0))
    .map((balance) => accountView(exchange, accountId!, balance, createdMs))
    .filter((view) => view !== null);
  const page = all.slice(offset, offset + limit);
  const hasNext = offset + limit < all.length;
  return { status: 200, body: { accounts: page, has_next: hasNext, cursor: hasNext ? String(offset + limit) : '', size: page.length } };
};

export const getAccount: CoinbaseRestHandler = (_request, params, context, accountId) => {
  const exchange = context.exchange;
  const asset = assetOfWallet(exchange.accounts, accountId!, params.account_uuid ?? '');
  const balance = asset === null ? undefined : exchange.balances(accountId!).find((entry) => entry.asset === asset);
  const createdMs = createdAt(exchange.listings.map((listing) => exchange.history(listing.native).originMs));
  const view = balance === undefined ? null : accountView(exchange, accountId!, balance, createdMs);
  if (view === null) return notFound('account not found');
  return { status: 200, body: { account: view } };
};

/** Wallets exist since the market model's origin (the earliest of the listings'). */
function createdAt(origins: readonly number[]): number {
  return origins.length === 0 ? 0 : Math.min(...origins);
}
