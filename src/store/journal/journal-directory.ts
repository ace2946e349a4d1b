// Where the recorder journals batches for one store: a directory per store under the data directory.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parseStoreSpec } from '../store-spec.js';

/**
 * `<dataDir>/journal/<kind>-<hash of the store>`: batches spilled for one store are only ever
 * drained into that store, so a replay into a scratch DuckDB never receives a live engine's
 * backlog, and two stores never share a journal. The hash is of the spec without credentials.
 */
export function journalDirectoryOf(dataDir: string, storeSpec: string): string {
  const spec = parseStoreSpec(storeSpec);
  const digest = createHash('sha256').update(spec.description).digest('hex').slice(0, 16);
  return join(dataDir, 'journal', `${spec.kind}-${digest}`);
}
