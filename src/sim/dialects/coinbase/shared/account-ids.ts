// Coinbase ids of a simulator account: its user id, its portfolio, and one account (wallet) UUID per asset.
import type { SimAccountSpec } from '../../../matching/matching-types.js';
import { coinbaseUuid, parseCoinbaseUuid } from '../wire/order-ids.js';

/*
 * Coinbase gives each asset of a user its own account (wallet) with a UUID, and every order and
 * fill names the user's portfolio. The simulator derives them from the account's position in the
 * exchange's account list and the asset code (up to 6 letters or digits, read as a base-36 number),
 * so they are stable across restarts and map back without a table.
 */

const ASSET_SPAN = 2 ** 32;

export function userId(accounts: readonly SimAccountSpec[], accountId: string): string {
  return coinbaseUuid('user', ordinalOf(accounts, accountId));
}

export function portfolioId(accounts: readonly SimAccountSpec[], accountId: string): string {
  return coinbaseUuid('portfolio', ordinalOf(accounts, accountId));
}

/** The wallet UUID of `asset` in the account, or null for an asset code that does not fit. */
export function walletId(accounts: readonly SimAccountSpec[], accountId: string, asset: string): string | null {
  if (!/^[A-Z0-9]{1,6}$/.test(asset)) return null;
  return coinbaseUuid('account', ordinalOf(accounts, accountId) * ASSET_SPAN + Number.parseInt(asset, 36));
}

/** The asset of a wallet UUID of this account, or null. */
export function assetOfWallet(accounts: readonly SimAccountSpec[], accountId: string, uuid: string): string | null {
  const id = parseCoinbaseUuid('account', uuid);
  if (id === null || Math.floor(id / ASSET_SPAN) !== ordinalOf(accounts, accountId)) return null;
  return (id % ASSET_SPAN).toString(36).toUpperCase();
}

function ordinalOf(accounts: readonly SimAccountSpec[], accountId: string): number {
  return accounts.findIndex((account) => account.accountId === accountId) + 1;
}
