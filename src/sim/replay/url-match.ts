// Matching a request's path and query against recorded URLs, tolerant of parameter order.

/** `path?query` of a URL or of a request line, with the query's leading `?&` noise removed. */
export function pathAndQuery(url: string): { path: string; query: string } {
  const parsed = new URL(url, 'http://replay.invalid');
  return { path: parsed.pathname, query: parsed.search.replace(/^\?&*/, '') };
}

/**
 * A canonical form of a query that ignores parameter order and, for Binance's combined streams
 * (`streams=a/b/c`), the order of the stream names: a client that subscribes to the same streams
 * in another order asks for the same recorded data.
 */
export function canonicalQuery(query: string): string {
  const params = new URLSearchParams(query);
  const entries: string[] = [];
  for (const [key, value] of params) {
    const normalised = key === 'streams' ? value.split('/').sort().join('/') : value;
    entries.push(`${key}=${normalised}`);
  }
  return entries.sort().join('&');
}

/**
 * How well a recorded query answers a requested one: -1 when any parameter both carry differs
 * (another symbol, category or depth limit is other data), else the number of shared parameters.
 * Lets an adapter that omits or adds an optional parameter (status=Trading) get the recorded body.
 */
export function queryAffinity(recordedQuery: string, requestedQuery: string): number {
  const recorded = new URLSearchParams(recordedQuery);
  const requested = new URLSearchParams(requestedQuery);
  let shared = 0;
  for (const [key, value] of requested) {
    const recordedValue = recorded.get(key);
    if (recordedValue === null) continue;
    if (recordedValue !== value) return -1;
    shared++;
  }
  return shared;
}
