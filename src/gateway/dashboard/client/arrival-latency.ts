// Rolling window of "engine receive → page decoded" delays (page clock − ts_recv_ns): meaningful when the page runs on a host whose clock matches the engine's.

/** Delays kept (the newest ones). */
const WINDOW = 1024;

export class ArrivalLatency {
  private readonly delaysMs: number[] = [];
  private next = 0;

  /** `tsRecvNs` of a topic message, `pageEpochMs` the page clock when it was decoded (sub-ms: timeOrigin + now). */
  record(tsRecvNs: bigint, pageEpochMs: number): void {
    if (tsRecvNs <= 0n) return;
    // Whole ms in bigint, the sub-ms remainder as a small number: epoch ns do not fit a double exactly.
    const recvMs = Number(tsRecvNs / 1_000_000n) + Number(tsRecvNs % 1_000_000n) / 1e6;
    const delay = pageEpochMs - recvMs;
    if (this.delaysMs.length < WINDOW) this.delaysMs.push(delay);
    else this.delaysMs[this.next] = delay;
    this.next = (this.next + 1) % WINDOW;
  }

  get size(): number {
    return this.delaysMs.length;
  }

  /** The q-quantile (nearest rank) of the window in ms; null when empty. */
  quantile(q: number): number | null {
    if (this.delaysMs.length === 0) return null;
    const sorted = [...this.delaysMs].sort((left, right) => left - right);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  }
}
