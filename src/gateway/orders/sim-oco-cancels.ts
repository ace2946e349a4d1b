// The simulator-backed handler's OCO cancels, held until the matching call that triggered them has returned.
//
// A leg fills or ends inside the matching engine's own event; cancelling the other leg from there
// would re-enter the engine. So the cancels wait for the end of the handler's request (drain())
// or, for a fill that came from someone else's order, for the next microtask. One sweep through
// the book can therefore fill both legs before the cancel lands (docs/fix.md, OCO).
import { triggerOco } from './oco-lists.js';
import type { OcoGroup } from './order-record.js';

/** `O`: the handler's order record (TrackedOrder). */
export class DeferredOcoCancels<O extends { readonly oco: OcoGroup<O> | null }> {
  private readonly pending: { order: O; text: string }[] = [];
  private scheduled = false;

  /** `cancel` runs once per other leg at drain time; it decides then whether the leg still needs it. */
  constructor(private readonly cancel: (order: O, text: string) => void) {}

  /** `leg` executed or ended: the first time in its list, every other leg is queued for cancel with `text`. */
  trigger(leg: O, text: string): void {
    if (!triggerOco(leg, (other) => this.pending.push({ order: other, text }))) return;
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.drain());
    }
  }

  /** Issues the queued cancels now (the handler calls it once its matching call returned). */
  drain(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const { order, text } = this.pending.shift()!;
      this.cancel(order, text);
    }
  }
}
