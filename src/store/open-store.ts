// Opens the Store a `store` spec names: DuckDB (embedded default) or QuestDB (ILP over HTTP).
import type { Logger } from '../config/logger.js';
import { DuckDbStore } from './duckdb/duckdb-store.js';
import { QuestDbStore } from './questdb/questdb-store.js';
import type { Store } from './store.js';
import { parseStoreSpec, type StoreSpec } from './store-spec.js';

export interface OpenStoreOptions {
  /** Receives the QuestDB client's own warnings. */
  logger?: Logger;
}

/**
 * Parses `spec` (`duckdb:<path>` | `questdb:<client config string>`, the configuration's `store`)
 * and opens it, creating the tables. Throws ZVT_ERR_STORE_SPEC for a spec it cannot use,
 * ZVT_ERR_STORE_OPEN when the database is unavailable (locked file, server down), which a caller
 * such as the recorder treats as "try again later".
 */
export async function openStore(spec: string | StoreSpec, options: OpenStoreOptions = {}): Promise<Store> {
  const parsed = typeof spec === 'string' ? parseStoreSpec(spec) : spec;
  if (parsed.kind === 'duckdb') return DuckDbStore.open(parsed);
  return QuestDbStore.open(parsed, options.logger === undefined ? {} : { logger: options.logger });
}
