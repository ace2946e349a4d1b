// Fans a handler's order events out to its listeners, stamping each with owner, account, a unique executionId and the handler's clock.
import type {
  CancelRejectReason,
  OrderEntryEvent,
  OrderEntryListener,
  OrderRejectReason,
  OrderRequester,
  OrderSpec,
  OrderState,
} from './order-entry-handler.js';
import { rejectedOrderState } from './order-record.js';

export interface OrderEventEmitterOptions<O> {
  /** The handler's clock (the simulator's time, or wall time for a live venue). */
  now(): number;
  /** The contract's view of one of the handler's orders. */
  stateOf(order: O): OrderState;
  /**
   * Called when a listener throws; the other listeners still get the event. Without it the error
   * propagates to whoever caused the event and later listeners miss it.
   */
  onListenerError?: (error: unknown) => void;
}

/** The fields every event starts with. */
export interface EventStamp {
  readonly owner: string;
  readonly accountId: string;
  readonly executionId: string;
  readonly tsMs: number;
}

export class OrderEventEmitter<O> {
  private readonly listeners = new Set<OrderEntryListener>();
  /** ExecIDs must stay unique across restarts: a base-36 start time, then a counter. */
  private readonly executionPrefix = Date.now().toString(36);
  private executionCounter = 0;

  constructor(private readonly options: OrderEventEmitterOptions<O>) {}

  /** Adds a listener of every event; returns its removal. */
  subscribe(listener: OrderEntryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.listeners.clear();
  }

  emit(event: OrderEntryEvent): void {
    const onError = this.options.onListenerError;
    for (const listener of this.listeners) {
      if (onError === undefined) {
        listener(event);
        continue;
      }
      try {
        listener(event);
      } catch (error) {
        onError(error);
      }
    }
  }

  /** Owner, account, a fresh executionId and the time, for an event addressed to `requester`. */
  stamp(requester: OrderRequester): EventStamp {
    return {
      owner: requester.owner,
      accountId: requester.accountId,
      executionId: `${this.executionPrefix}-${++this.executionCounter}`,
      tsMs: this.options.now(),
    };
  }

  stateOf(order: O): OrderState {
    return this.options.stateOf(order);
  }

  /** Reports `spec` refused before any venue took it. */
  rejected(requester: OrderRequester, spec: OrderSpec, reason: OrderRejectReason, text: string, listId: string | null = null): void {
    const order = rejectedOrderState(requester, spec, listId, this.options.now());
    this.emit({ ...this.stamp(requester), kind: 'rejected', order, reason, text });
  }

  /** Reports a cancel or replace request refused; `order` as it stands, null when the request named no known order. */
  cancelRejected(
    requester: OrderRequester,
    responseTo: 'cancel' | 'replace',
    clientOrderId: string,
    origClientOrderId: string,
    order: O | null,
    reason: CancelRejectReason,
    text: string,
  ): void {
    this.emit({
      ...this.stamp(requester),
      kind: 'cancel_rejected',
      responseTo,
      clientOrderId,
      origClientOrderId,
      order: order === null ? null : this.options.stateOf(order),
      reason,
      text,
    });
  }

  /** Reports the order ended: canceled or expired, with the text that says why (null: on the client's request). */
  ended(requester: OrderRequester, kind: 'canceled' | 'expired', order: O, text: string | null): void {
    this.emit({ ...this.stamp(requester), kind, order: this.options.stateOf(order), text });
  }
}
