// The one constant holding every configuration default; the loader merges file, environment and flags over it.
import type { Config } from './config-schema.js';
import { deepFreeze } from './deep-freeze.js';

/** Defaults of every key. The store default follows `dataDir` when no layer sets `store` (see loadConfig). */
export const CONFIG_DEFAULTS: Config = deepFreeze({
  dataDir: './data',
  log: { level: 'info' },
  hotpath: 'auto',
  store: 'duckdb:./data/zvt.duckdb',
  runtime: {
    mailbox: {
      capacityBytes: 1_048_576,
      spinIterations: 20_000,
      parkTimeoutMs: 100,
    },
    placement: {},
    defaultWorker: 'main-worker',
    supervisor: {
      maxRestarts: 5,
      windowMs: 60_000,
      backoffInitialMs: 100,
      backoffMaxMs: 5_000,
    },
  },
  venues: {},
});

/** File name of the embedded DuckDB database inside `dataDir`, used to derive the default `store`. */
export const DEFAULT_DUCKDB_FILE_NAME = 'zvt.duckdb';
