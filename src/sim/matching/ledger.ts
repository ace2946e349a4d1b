// Balances of the simulator's accounts: free and locked amounts per asset, bigint at 18 decimals, never negative.
import { formatDecimalBig, parseDecimalBig } from '../../model/fixed-point.js';
import { ZvtError } from '../../model/errors.js';
import { ZVT_ERR_SIM_EXCHANGE, ZVT_ERR_SIM_LEDGER } from '../errors.js';
import { LEDGER_DECIMALS } from './ledger-units.js';
import type { SimAccountSpec, SimBalance } from './matching-types.js';

interface AssetBalance {
  free: bigint;
  locked: bigint;
}

/**
 * Every movement goes through one of five operations (lock, release, spendLocked, spendFree, credit),
 * each checked, so a broken invariant throws at the operation that broke it rather than showing
 * later as a wrong balance. The ledger remembers which assets changed since the last takeChanges(),
 * for the exchange's 'balance' events; an asset that moved and came back (a lock released within
 * the same action) is not a change.
 */
export class SimLedger {
  private readonly accounts = new Map<string, Map<string, AssetBalance>>();
  /** Per account, per asset touched since the last takeChanges(): its amounts before the first touch. */
  private readonly changed = new Map<string, Map<string, AssetBalance>>();

  constructor(specs: readonly SimAccountSpec[]) {
    for (const spec of specs) {
      if (this.accounts.has(spec.accountId)) {
        throw new ZvtError(ZVT_ERR_SIM_EXCHANGE, `Duplicate account id ${spec.accountId}`);
      }
      const assets = new Map<string, AssetBalance>();
      for (const [asset, text] of Object.entries(spec.balances)) {
        const free = parseDecimalBig(text, LEDGER_DECIMALS);
        if (free < 0n) throw new ZvtError(ZVT_ERR_SIM_LEDGER, `Account ${spec.accountId}: negative starting ${asset} ${text}`);
        assets.set(asset, { free, locked: 0n });
      }
      this.accounts.set(spec.accountId, assets);
    }
  }

  has(accountId: string): boolean {
    return this.accounts.has(accountId);
  }

  free(accountId: string, asset: string): bigint {
    return this.assetsOf(accountId).get(asset)?.free ?? 0n;
  }

  locked(accountId: string, asset: string): bigint {
    return this.assetsOf(accountId).get(asset)?.locked ?? 0n;
  }

  /** Moves `amount` from free to locked; false (nothing moved) when free is short. */
  lock(accountId: string, asset: string, amount: bigint): boolean {
    const balance = this.balanceOf(accountId, asset);
    if (amount < 0n || balance.free < amount) return false;
    if (amount === 0n) return true;
    this.touch(accountId, asset, balance);
    balance.free -= amount;
    balance.locked += amount;
    return true;
  }

  /** Moves `amount` from locked back to free (a reservation no longer needed). */
  release(accountId: string, asset: string, amount: bigint): void {
    if (amount === 0n) return;
    const balance = this.balanceOf(accountId, asset);
    this.checkAmount(accountId, asset, amount, balance.locked, 'release');
    this.touch(accountId, asset, balance);
    balance.locked -= amount;
    balance.free += amount;
  }

  /** Takes `amount` out of locked (a reservation spent on a fill). */
  spendLocked(accountId: string, asset: string, amount: bigint): void {
    if (amount === 0n) return;
    const balance = this.balanceOf(accountId, asset);
    this.checkAmount(accountId, asset, amount, balance.locked, 'spend locked');
    this.touch(accountId, asset, balance);
    balance.locked -= amount;
  }

  /** Takes `amount` out of free. */
  spendFree(accountId: string, asset: string, amount: bigint): void {
    if (amount === 0n) return;
    const balance = this.balanceOf(accountId, asset);
    this.checkAmount(accountId, asset, amount, balance.free, 'spend free');
    this.touch(accountId, asset, balance);
    balance.free -= amount;
  }

  credit(accountId: string, asset: string, amount: bigint): void {
    if (amount === 0n) return;
    if (amount < 0n) throw new ZvtError(ZVT_ERR_SIM_LEDGER, `Negative credit ${amount} of ${asset} to ${accountId}`);
    const balance = this.balanceOf(accountId, asset);
    this.touch(accountId, asset, balance);
    balance.free += amount;
  }

  /** Every asset the account has held this session, in first-seen order. */
  balances(accountId: string): SimBalance[] {
    return [...this.assetsOf(accountId).keys()].map((asset) => this.render(accountId, asset));
  }

  render(accountId: string, asset: string): SimBalance {
    const balance = this.assetsOf(accountId).get(asset) ?? { free: 0n, locked: 0n };
    return {
      asset,
      free: formatDecimalBig(balance.free, LEDGER_DECIMALS),
      locked: formatDecimalBig(balance.locked, LEDGER_DECIMALS),
    };
  }

  /** Accounts and assets whose amounts differ from the last call's, then forgets them. */
  takeChanges(): Map<string, Set<string>> {
    const changes = new Map<string, Set<string>>();
    for (const [accountId, before] of this.changed) {
      const assets = this.assetsOf(accountId);
      for (const [asset, original] of before) {
        const now = assets.get(asset);
        if (now === undefined || (now.free === original.free && now.locked === original.locked)) continue;
        let changed = changes.get(accountId);
        if (changed === undefined) {
          changed = new Set();
          changes.set(accountId, changed);
        }
        changed.add(asset);
      }
    }
    this.changed.clear();
    return changes;
  }

  /** Remembers an asset's amounts before its first change since the last takeChanges(); call before changing it. */
  private touch(accountId: string, asset: string, balance: AssetBalance): void {
    let before = this.changed.get(accountId);
    if (before === undefined) {
      before = new Map();
      this.changed.set(accountId, before);
    }
    if (!before.has(asset)) before.set(asset, { free: balance.free, locked: balance.locked });
  }

  private checkAmount(accountId: string, asset: string, amount: bigint, available: bigint, what: string): void {
    if (amount < 0n || amount > available) {
      throw new ZvtError(
        ZVT_ERR_SIM_LEDGER,
        `${accountId} ${asset}: cannot ${what} ${formatDecimalBig(amount, LEDGER_DECIMALS)} of ${formatDecimalBig(available, LEDGER_DECIMALS)}`,
      );
    }
  }

  private assetsOf(accountId: string): Map<string, AssetBalance> {
    const assets = this.accounts.get(accountId);
    if (assets === undefined) throw new ZvtError(ZVT_ERR_SIM_EXCHANGE, `Unknown account ${accountId}`);
    return assets;
  }

  private balanceOf(accountId: string, asset: string): AssetBalance {
    const assets = this.assetsOf(accountId);
    let balance = assets.get(asset);
    if (balance === undefined) {
      balance = { free: 0n, locked: 0n };
      assets.set(asset, balance);
    }
    return balance;
  }
}
