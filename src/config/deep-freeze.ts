// Recursive Object.freeze for plain configuration data: objects and arrays all the way down.
import type { DeepReadonly } from './deep-readonly.js';

/** Freezes `value` and everything reachable from it, in place, and returns it typed as deeply readonly. */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
  freezeReachable(value, new WeakSet());
  return value as DeepReadonly<T>;
}

function freezeReachable(value: unknown, seen: WeakSet<object>): void {
  // Recurse even into already-frozen objects: a shallow Object.freeze elsewhere must not leave children mutable.
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) {
    freezeReachable((value as Record<PropertyKey, unknown>)[key], seen);
  }
}
