// A Store handle whose close() does nothing: lets a BufferedStoreWriter (which closes and reopens its store after a failed write) share the gateway's one open Store.
import type { Store } from '../../store/store.js';

/** Delegates every call to `store` except close(), which resolves at once: the owner of `store` closes it. */
export function sharedStoreHandle(store: Store): Store {
  return {
    kind: store.kind,
    description: store.description,
    write: (batch) => store.write(batch),
    count: (table) => store.count(table),
    read: (table, options) => store.read(table, options),
    candleOpenTimes: (query) => store.candleOpenTimes(query),
    tradeTimeBounds: (query) => store.tradeTimeBounds(query),
    close: () => Promise.resolve(),
  };
}
