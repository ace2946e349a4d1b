// Order-entry acknowledgement latency on the main thread: a new order received (parsed) → its first execution report written, for any order-entry protocol.
import { LatencyHistogram, LatencyHistogramReader } from '../../hotpath/metrics/latency-histogram.js';
import type { LatencySnapshot } from '../../hotpath/metrics/latency-snapshot.js';

/** Orders awaiting their first report at most; past it the oldest is forgotten (a handler that never answers must not grow memory). */
const MAX_PENDING = 65_536;

/*
 * Both ends happen on the main thread, so the clock is plain performance.now() (no cross-thread
 * base needed). Keyed by (owner, client order id): a handler answers every order with at least one
 * event naming its owner and client order id (order-entry-handler.ts), synchronously during the
 * call or later, so `received` must be called before the order is handed to the handler.
 * FIX uses one (FixOrderEntryApplication.orderAck → zvt_fix_order_ack_latency_seconds); the
 * binary WS order entry can use its own (zvt_ws_order_ack_latency_seconds) the same way.
 */
export class OrderAckLatency {
  readonly histogram = new LatencyHistogram();
  private readonly reader = new LatencyHistogramReader(this.histogram.buffer);
  private readonly pending = new Map<string, number>();
  /** Orders forgotten unanswered (MAX_PENDING reached). */
  abandoned = 0;

  constructor(private readonly clockNs: () => number = () => performance.now() * 1e6) {}

  /** Now on this measurement's clock (ns). */
  now(): number {
    return this.clockNs();
  }

  /** A new order was received at `receivedNs` (from now()). */
  received(owner: string, clientOrderId: string, receivedNs: number = this.clockNs()): void {
    const key = pendingKey(owner, clientOrderId);
    // A re-used id restarts the clock (the duplicate's reject is its answer).
    this.pending.delete(key);
    this.pending.set(key, receivedNs);
    if (this.pending.size > MAX_PENDING) {
      const oldest = this.pending.keys().next().value!;
      this.pending.delete(oldest);
      this.abandoned++;
    }
  }

  /** A report for this order is being written: records the latency if it is the first. */
  answered(owner: string, clientOrderId: string): boolean {
    const key = pendingKey(owner, clientOrderId);
    const receivedNs = this.pending.get(key);
    if (receivedNs === undefined) return false;
    this.pending.delete(key);
    this.histogram.record(this.clockNs() - receivedNs);
    return true;
  }

  /** An order answered at once by the protocol layer itself (never handed to the handler). */
  answeredDirectly(receivedNs: number): void {
    this.histogram.record(this.clockNs() - receivedNs);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  snapshot(): LatencySnapshot {
    return this.reader.snapshot();
  }
}

function pendingKey(owner: string, clientOrderId: string): string {
  return `${owner}\u0001${clientOrderId}`;
}
