// User data stream listenKeys: one live key per account, valid 60 minutes from creation or the last keepalive.
import { randomAlphanumeric } from '../random-id.js';

/*
 * https://developers.binance.com/docs/binance-spot-api-docs/user-data-stream (listenKey REST):
 *   - POST creates a key; "If the account has an active listenKey, that listenKey will be returned
 *     and its validity will be extended for 60 minutes";
 *   - PUT extends a key's validity by 60 minutes; DELETE closes the stream and invalidates it;
 *   - a key is valid 60 minutes unless kept alive; then the stream says listenKeyExpired.
 * Validity runs on the wall clock, as Binance's does.
 */

export const LISTEN_KEY_VALIDITY_MS = 60 * 60 * 1000;
const LISTEN_KEY_LENGTH = 60;

interface KeyState {
  readonly accountId: string;
  expiresMs: number;
}

export class ListenKeys {
  private readonly keys = new Map<string, KeyState>();
  private readonly listeners = new Set<(listenKey: string, why: 'closed' | 'expired') => void>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** The account's live key (extended) or a new one. */
  create(accountId: string): string {
    const now = this.clock();
    for (const [key, state] of this.keys) {
      if (state.accountId !== accountId) continue;
      if (state.expiresMs > now) {
        state.expiresMs = now + LISTEN_KEY_VALIDITY_MS;
        return key;
      }
      this.expire(key);
    }
    const key = randomAlphanumeric(LISTEN_KEY_LENGTH);
    this.keys.set(key, { accountId, expiresMs: now + LISTEN_KEY_VALIDITY_MS });
    return key;
  }

  /** Extends a live key of the account; false when there is none by that name. */
  keepAlive(listenKey: string, accountId: string): boolean {
    const state = this.live(listenKey);
    if (state === undefined || state.accountId !== accountId) return false;
    state.expiresMs = this.clock() + LISTEN_KEY_VALIDITY_MS;
    return true;
  }

  /** Invalidates a live key of the account; false when there is none by that name. */
  close(listenKey: string, accountId: string): boolean {
    const state = this.live(listenKey);
    if (state === undefined || state.accountId !== accountId) return false;
    this.keys.delete(listenKey);
    for (const listener of this.listeners) listener(listenKey, 'closed');
    return true;
  }

  /** The account of a live key, or undefined (an expired key is forgotten, with its listeners told). */
  accountOf(listenKey: string): string | undefined {
    return this.live(listenKey)?.accountId;
  }

  /** Told when a key is closed or found expired. */
  onEnd(listener: (listenKey: string, why: 'closed' | 'expired') => void): void {
    this.listeners.add(listener);
  }

  private live(listenKey: string): KeyState | undefined {
    const state = this.keys.get(listenKey);
    if (state === undefined) return undefined;
    if (state.expiresMs > this.clock()) return state;
    this.expire(listenKey);
    return undefined;
  }

  private expire(listenKey: string): void {
    if (!this.keys.delete(listenKey)) return;
    for (const listener of this.listeners) listener(listenKey, 'expired');
  }
}
