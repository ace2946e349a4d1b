// ReplayGuard: remembers each verified signature until its timestamp leaves the replay window, so a captured request cannot be sent again.
//
// A signature is only accepted while |now − timestamp| ≤ window, so it must be remembered until
// timestamp + window: after that the timestamp check refuses it anyway. Entries are swept at most
// every window/4. Memory is bounded by maxEntries; a full cache refuses (the caller answers 503)
// rather than forgetting a live signature, which would reopen the replay hole.

export type ReplayCheck = 'fresh' | 'replay' | 'full';

export class ReplayGuard {
  private readonly expiresAtMs = new Map<string, number>();
  private nextSweepMs = 0;

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries: number,
  ) {}

  /** Entries held now. */
  get size(): number {
    return this.expiresAtMs.size;
  }

  /** Whether `signature` of `keyId` (timestamp `timestampMs`) was seen; does not remember it. */
  check(keyId: string, signature: string, nowMs: number): ReplayCheck {
    this.sweep(nowMs);
    const expires = this.expiresAtMs.get(entryKey(keyId, signature));
    if (expires !== undefined && expires >= nowMs) return 'replay';
    return this.expiresAtMs.size >= this.maxEntries ? 'full' : 'fresh';
  }

  /** Remembers a signature until its timestamp leaves the window. */
  remember(keyId: string, signature: string, timestampMs: number): void {
    this.expiresAtMs.set(entryKey(keyId, signature), timestampMs + this.windowMs);
  }

  private sweep(nowMs: number): void {
    if (nowMs < this.nextSweepMs && this.expiresAtMs.size < this.maxEntries) return;
    this.nextSweepMs = nowMs + Math.max(1, Math.floor(this.windowMs / 4));
    for (const [key, expires] of this.expiresAtMs) if (expires < nowMs) this.expiresAtMs.delete(key);
  }
}

function entryKey(keyId: string, signature: string): string {
  // Hex digests are case-insensitive: the same signature in upper case is the same request.
  return `${keyId}\u0000${signature.toLowerCase()}`;
}
